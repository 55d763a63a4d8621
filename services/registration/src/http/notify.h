// The notifications registration publishes: one per create, update and destroy, appended to
// the outbox inside the write that makes the change (libs/notifications/outbox.h).
//
// Channel per collection (kanaal = "vrijwilligers", "organisaties", ...), resource = the
// singular name, hoofdObject = resourceUrl = the resource's url. Kenmerken: always
// "gemeente" (CBS code); on create and update also the channel's filter fields that hold no
// personal data (ChannelKenmerken). A destroy carries only "gemeente", so an erasure
// publishes nothing about the person.
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <string>
#include <vector>

#include "domain/resource_spec.h"
#include "http/context.h"
#include "vc/auth/token.h"
#include "vc/notifications/message.h"

namespace vc::registration {

// The channels, in the order of the documentation.
const std::vector<std::string>& Channels();

// The kenmerken a channel's create and update messages carry besides "gemeente".
const std::vector<std::string>& ChannelKenmerken(const std::string& channel);

struct Change {
  const ResourceSpec& spec;
  std::string gemeente;
  std::string id;
  std::string actie;                      // "create", "update", "destroy"
  const rapidjson::Value* fields = nullptr;  // the stored fields; null for destroy
  std::map<std::string, std::string> extra;  // further kenmerken (e.g. geanonimiseerd)
};

// The base of resource urls in notifications: the configured public url, else the request's.
std::string NotificationBase(const Context& ctx, const std::string& request_base);

// Appends the change's message; call inside the change's write work.
Status Publish(const Context& ctx, storage::Connection& c, const std::string& base_url,
               const Change& change);

}  // namespace vc::registration
