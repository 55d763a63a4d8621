// A notification in the shape of the ZGW Notificaties API (`Message` of Open Notificaties):
// channel, main object, resource, action, creation time and the attributes (`kenmerken`)
// that subscribers filter on, plus a message id (a UUID) by which receivers de-duplicate.
#pragma once

#include <map>
#include <string>

#include "vc/core/result.h"

namespace vc::notifications {

struct Message {
  std::string id;            // UUID (v7 when made here); a redelivery carries the same id
  std::string kanaal;        // channel, e.g. "vrijwilligers"
  std::string hoofd_object;  // url of the main object
  std::string resource;      // e.g. "vrijwilliger"
  std::string resource_url;
  std::string actie;         // "create", "update", "destroy"
  std::string aanmaakdatum;  // RFC 3339 UTC
  std::map<std::string, std::string> kenmerken;
};

// A UUIDv7 (RFC 9562): the time in milliseconds, then 74 random bits. Ids made in time order
// land at the end of an index instead of anywhere in it, so a transaction that inserts many
// (a group commit of POSTs, a fan-out) touches a few index pages instead of one per row.
std::string TimeOrderedUuid();

// The JSON body as delivered: {"id","kanaal","hoofdObject","resource","resourceUrl","actie",
// "aanmaakdatum","kenmerken":{...}}.
std::string ToJson(const Message& message);

// The kenmerken alone, as a JSON object.
std::string KenmerkenJson(const std::map<std::string, std::string>& kenmerken);

// Parses a delivered body. kInvalidArgument, naming the field, when a required member is
// missing or not a string, or kenmerken is not an object of strings. "id" is optional (an
// external Open Notificaties does not send one): it is then empty.
Result<Message> ParseMessage(std::string_view json);

}  // namespace vc::notifications
