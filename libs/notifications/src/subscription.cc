#include "vc/notifications/subscription.h"

#include <algorithm>

#include "post.h"
#include "vc/core/clock.h"
#include "vc/core/uuid.h"
#include "vc/json/parse.h"
#include "vc/json/writer.h"

namespace vc::notifications {
namespace {

bool IsHttpUrl(const std::string& url) {
  for (const char* scheme : {"http://", "https://"}) {
    const size_t n = std::char_traits<char>::length(scheme);
    if (url.size() > n && url.compare(0, n, scheme) == 0) return true;
  }
  return false;
}

Status Field(const std::string& path, const char* code, const char* reason) {
  return Status::InvalidField(path, code, reason);
}

Status ReadText(const rapidjson::Value& obj, const std::string& prefix, const char* name,
                size_t max_length, std::string* out) {
  const std::string path = prefix + name;
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd()) return Field(path, "required", "Dit veld is verplicht.");
  if (!it->value.IsString()) return Field(path, "invalid-type", "Dit veld moet tekst zijn.");
  *out = std::string(it->value.GetString(), it->value.GetStringLength());
  if (out->empty()) return Field(path, "required", "Dit veld mag niet leeg zijn.");
  if (out->size() > max_length) return Field(path, "max-length", "Dit veld is te lang.");
  return Status::Ok();
}

Status ReadFilters(const rapidjson::Value& group, const std::string& path, ChannelFilter* out) {
  auto it = group.FindMember("filters");
  if (it == group.MemberEnd()) return Status::Ok();
  if (!it->value.IsObject()) return Field(path, "invalid-type", "Dit veld moet een object zijn.");
  for (const auto& member : it->value.GetObject()) {
    std::string key(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsString()) {
      return Field(path + "." + key, "invalid-type", "Een filter moet tekst zijn.");
    }
    out->filters[key] = std::string(member.value.GetString(), member.value.GetStringLength());
  }
  return Status::Ok();
}

Status ReadKanalen(const rapidjson::Value& obj, const std::string& prefix,
                   const std::vector<std::string>& known, std::vector<ChannelFilter>* out) {
  const std::string path = prefix + "kanalen";
  auto it = obj.FindMember("kanalen");
  if (it == obj.MemberEnd()) return Field(path, "required", "Dit veld is verplicht.");
  if (!it->value.IsArray() || it->value.Empty()) {
    return Field(path, "invalid-type", "Dit veld moet een lijst met ten minste een kanaal zijn.");
  }
  for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
    const rapidjson::Value& group = it->value[i];
    const std::string item = path + "[" + std::to_string(i) + "]";
    if (!group.IsObject()) return Field(item, "invalid-type", "Een kanaal moet een object zijn.");
    ChannelFilter channel;
    VC_RETURN_IF_ERROR(ReadText(group, item + ".", "naam", 50, &channel.naam));
    if (!known.empty() && std::find(known.begin(), known.end(), channel.naam) == known.end()) {
      return Field(item + ".naam", "unknown-channel", "Dit kanaal bestaat niet.");
    }
    VC_RETURN_IF_ERROR(ReadFilters(group, item + ".filters", &channel));
    out->push_back(std::move(channel));
  }
  return Status::Ok();
}

Result<Subscription> FromValue(const rapidjson::Value& obj, const std::string& prefix,
                               const std::vector<std::string>& known) {
  if (!obj.IsObject()) {
    return Field(prefix.empty() ? "$" : prefix, "invalid-type", "Verwacht een object.");
  }
  Subscription s;
  VC_RETURN_IF_ERROR(ReadText(obj, prefix, "callbackUrl", 200, &s.callback_url));
  if (!IsHttpUrl(s.callback_url)) {
    return Field(prefix + "callbackUrl", "format", "Dit moet een http- of https-url zijn.");
  }
  VC_RETURN_IF_ERROR(ReadText(obj, prefix, "auth", 1000, &s.auth));
  VC_RETURN_IF_ERROR(ReadKanalen(obj, prefix, known, &s.kanalen));
  return s;
}

Result<std::vector<ChannelFilter>> ParseKanalen(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  std::vector<ChannelFilter> kanalen;
  if (doc.HasParseError()) return Status::Internal("stored kanalen are not JSON");
  rapidjson::Document wrapper;
  wrapper.SetObject();
  wrapper.AddMember("kanalen", doc, wrapper.GetAllocator());
  VC_RETURN_IF_ERROR(ReadKanalen(wrapper, "", {}, &kanalen));
  return kanalen;
}

Result<Subscription> SubscriptionOf(const storage::Statement& row) {
  Subscription s;
  s.id = std::string(row.Text(0));
  s.callback_url = std::string(row.Text(1));
  s.auth = std::string(row.Text(2));
  Result<std::vector<ChannelFilter>> kanalen = ParseKanalen(row.Text(3));
  if (!kanalen.ok()) return kanalen.status();
  s.kanalen = std::move(kanalen).value();
  s.bron = std::string(row.Text(4));
  return s;
}

constexpr const char* kSelect = "SELECT id, callback_url, auth, kanalen, bron FROM abonnementen";

}  // namespace

bool Matches(const Subscription& subscription, const Message& message) {
  for (const ChannelFilter& channel : subscription.kanalen) {
    if (channel.naam != message.kanaal) continue;
    bool all = true;
    for (const auto& [key, wanted] : channel.filters) {
      if (wanted == "*") continue;
      auto it = message.kenmerken.find(key);
      if (it == message.kenmerken.end() || it->second != wanted) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

std::string KanalenJson(const std::vector<ChannelFilter>& kanalen) {
  json::Writer w;
  w.StartArray();
  for (const ChannelFilter& channel : kanalen) {
    w.StartObject().Field("naam", channel.naam).Key("filters").StartObject();
    for (const auto& [key, value] : channel.filters) w.Field(key, value);
    w.EndObject().EndObject();
  }
  w.EndArray();
  return w.Take();
}

Result<Subscription> ParseSubscription(std::string_view json,
                                       const std::vector<std::string>& known_channels) {
  Result<rapidjson::Document> doc = json::ParseObject(json);
  if (!doc.ok()) return doc.status();
  return FromValue(*doc, "", known_channels);
}

Result<std::vector<Subscription>> ParseSubscriptionList(
    std::string_view json, const std::vector<std::string>& known_channels) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsArray()) {
    return Field("$", "syntax", "Verwacht een JSON-lijst van abonnementen.");
  }
  std::vector<Subscription> list;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    Result<Subscription> s = FromValue(doc[i], "[" + std::to_string(i) + "].", known_channels);
    if (!s.ok()) return s.status();
    s->bron = "configuratie";
    list.push_back(std::move(s).value());
  }
  return list;
}

Status VerifyCallback(const Subscription& s, std::chrono::milliseconds timeout) {
  Message test;
  test.kanaal = "test";
  test.hoofd_object = "http://example.nl/hoofdobject";
  test.resource = "test";
  test.resource_url = test.hoofd_object;
  test.actie = "create";
  test.aanmaakdatum = FormatRfc3339(SystemClock::Instance().Now());
  test.id = NewUuid();

  auto [base, target] = SplitUrl(s.callback_url);
  std::unique_ptr<Sender> sender = MakeSender(base, timeout);
  if (!sender) return Field("callbackUrl", "format", "Deze url is ongeldig.");
  PostOutcome outcome = sender->Post(target, s.auth, ToJson(test));
  if (!outcome.error.empty()) {
    return Field("callbackUrl", "callback-unreachable",
                 "De callback-url nam de testnotificatie niet aan.");
  }
  return Status::Ok();
}

Status InsertSubscription(storage::Connection& c, const Subscription& s, const std::string& now) {
  Result<storage::Statement*> insert = c.Prepare(
      "INSERT INTO abonnementen (id, callback_url, auth, kanalen, bron, aangemaakt_op) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  (*insert)
      ->Bind(1, s.id.empty() ? NewUuid() : s.id)
      .Bind(2, s.callback_url)
      .Bind(3, s.auth)
      .Bind(4, KanalenJson(s.kanalen))
      .Bind(5, s.bron)
      .Bind(6, now);
  return (*insert)->Run();
}

Result<std::vector<Subscription>> ListSubscriptions(storage::Connection& c) {
  Result<storage::Statement*> select =
      c.Prepare(std::string(kSelect) + " ORDER BY aangemaakt_op, id");
  if (!select.ok()) return select.status();
  std::vector<Subscription> list;
  while (true) {
    Result<bool> row = (*select)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    Result<Subscription> s = SubscriptionOf(**select);
    if (!s.ok()) return s.status();
    list.push_back(std::move(s).value());
  }
  return list;
}

Result<Subscription> FindSubscription(storage::Connection& c, const std::string& id) {
  Result<storage::Statement*> select = c.Prepare(std::string(kSelect) + " WHERE id = ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, id);
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Dit abonnement bestaat niet.");
  return SubscriptionOf(**select);
}

Status DeleteSubscription(storage::Connection& c, const std::string& id) {
  Result<storage::Statement*> remove = c.Prepare("DELETE FROM abonnementen WHERE id = ?");
  if (!remove.ok()) return remove.status();
  VC_RETURN_IF_ERROR((*remove)->Bind(1, id).Run());
  if (c.Changes() == 0) return Status::NotFound("Dit abonnement bestaat niet.");

  // Attempts of finished deliveries stay as a record; pending ones have nobody to go to.
  Result<storage::Statement*> pending = c.Prepare(
      "UPDATE afleveringen SET status = 'vervallen' WHERE abonnement = ? AND status = 'gepland'");
  if (!pending.ok()) return pending.status();
  VC_RETURN_IF_ERROR((*pending)->Bind(1, id).Run());

  // The dispatcher's fan-out cursor of its own, when its breaker held it back (dispatcher.cc).
  Result<storage::Statement*> cursor =
      c.Prepare("DELETE FROM notificatie_stand WHERE naam = 'uitwaaieren:' || ?");
  if (!cursor.ok()) return cursor.status();
  return (*cursor)->Bind(1, id).Run();
}

Status ReplaceConfigured(storage::Connection& c, const std::vector<Subscription>& configured,
                         const std::string& now) {
  Result<std::vector<Subscription>> existing = ListSubscriptions(c);
  if (!existing.ok()) return existing.status();

  for (const Subscription& old : *existing) {
    if (old.bron != "configuratie") continue;
    auto kept = std::find_if(configured.begin(), configured.end(), [&](const Subscription& s) {
      return s.callback_url == old.callback_url;
    });
    if (kept == configured.end()) VC_RETURN_IF_ERROR(DeleteSubscription(c, old.id));
  }
  for (const Subscription& wanted : configured) {
    auto found = std::find_if(existing->begin(), existing->end(), [&](const Subscription& s) {
      return s.bron == "configuratie" && s.callback_url == wanted.callback_url;
    });
    if (found == existing->end()) {
      Subscription fresh = wanted;
      fresh.id.clear();
      fresh.bron = "configuratie";
      VC_RETURN_IF_ERROR(InsertSubscription(c, fresh, now));
      continue;
    }
    Result<storage::Statement*> update =
        c.Prepare("UPDATE abonnementen SET auth = ?, kanalen = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    VC_RETURN_IF_ERROR((*update)
                           ->Bind(1, wanted.auth)
                           .Bind(2, KanalenJson(wanted.kanalen))
                           .Bind(3, found->id)
                           .Run());
  }
  return Status::Ok();
}

}  // namespace vc::notifications
