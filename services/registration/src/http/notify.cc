#include "http/notify.h"

#include <map>

#include "vc/notifications/outbox.h"

namespace vc::registration {

const std::vector<std::string>& Channels() {
  static const std::vector<std::string> kChannels = {
      "gemeenten", "organisaties", "steunpunten", "vrijwilligers", "vacatures", "hulpvragen"};
  return kChannels;
}

const std::vector<std::string>& ChannelKenmerken(const std::string& channel) {
  // Only coarse, non-personal fields that consumers route on: the neighbourhood, a status,
  // a kind, and the organisation or steunpunt an item belongs to.
  static const std::map<std::string, std::vector<std::string>> kKenmerken = {
      {"gemeenten", {}},
      {"organisaties", {"soort", "wijk"}},
      {"steunpunten", {"soort", "wijk", "organisatie"}},
      {"vrijwilligers", {"wijk"}},
      {"vacatures", {"status", "wijk", "organisatie"}},
      {"hulpvragen", {"status", "wijk", "steunpunt"}},
  };
  static const std::vector<std::string> kNone;
  auto it = kKenmerken.find(channel);
  return it == kKenmerken.end() ? kNone : it->second;
}

std::string NotificationBase(const Context& ctx, const std::string& request_base) {
  if (!ctx.public_url.empty()) return ctx.public_url;
  return request_base.empty() ? "http://localhost" : request_base;
}

Status Publish(const Context& ctx, storage::Connection& c, const std::string& base_url,
               const Change& change) {
  notifications::Message m;
  m.kanaal = change.spec.collection;
  m.resource = change.spec.singular;
  m.resource_url = base_url + ctx.prefix + "/" + change.spec.collection + "/" + change.id;
  m.hoofd_object = m.resource_url;
  m.actie = change.actie;
  m.aanmaakdatum = FormatRfc3339(ctx.clock.Now());
  m.kenmerken = change.extra;
  m.kenmerken["gemeente"] = change.gemeente;

  if (change.fields && change.fields->IsObject()) {
    for (const std::string& name : ChannelKenmerken(change.spec.collection)) {
      const FieldSpec* field = change.spec.Field(name);
      if (!field || field->personal) continue;
      auto value = change.fields->FindMember(name.c_str());
      if (value == change.fields->MemberEnd() || !value->value.IsString()) continue;
      m.kenmerken[name] = value->value.GetString();
    }
  }
  return notifications::Append(c, std::move(m));
}

}  // namespace vc::registration
