// What every registration handler shares: the store, the tenants, the processing log, the
// clock and the URL prefix; plus the small steps that every handler takes (find the tenant,
// parse the body, read the page, build a resource's url, answer a list).
#pragma once

#include <rapidjson/document.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "storage/processing_log.h"
#include "storage/resource_store.h"
#include "storage/tenant_cache.h"
#include "vc/core/clock.h"
#include "vc/http/message.h"
#include "vc/http/page.h"
#include "vc/http/router.h"
#include "vc/storage/database.h"

namespace vc::registration {

struct Context {
  storage::Database& db;
  TenantCache& tenants;
  ProcessingLog& processing;
  const Clock& clock;
  std::string prefix;                                            // "/registratie/api/v1"
  std::string pseudonym_key;                                     // for the processing log
  std::map<std::string, std::unique_ptr<ResourceStore>> stores;  // by collection
  std::string public_url;  // base of urls in notifications; empty: the request's

  const ResourceStore& Store(const std::string& collection) const { return *stores.at(collection); }
};

// The token's gemeente, which must be registered: kPermissionDenied otherwise.
Result<Tenant> RequireTenant(const Context& ctx, const http::Request& req);

// The body as a JSON object within the request limits.
Result<rapidjson::Document> ParseBody(const http::Request& req);

// Pages of lists (vc/http/page.h).
using http::ListBody;
using http::PageOf;
using http::PageRequest;

std::string ResourceUrl(const Context& ctx, const http::Request& req, const std::string& collection,
                        const std::string& id);

// A stored document ({"id":...}) with its url as the first member.
std::string WithUrl(const std::string& url, const std::string& body);

// A processing-log entry for this request, started now.
Processing StartProcessing(const Context& ctx, const http::Request& req, const Tenant& tenant,
                           const std::string& activity, const std::string& subject_kind,
                           const std::string& subject_id);

// Answers with the Status as a problem, or with make_ok() when it is Ok.
void Answer(const http::Responder& respond, const http::Request& req, const Status& status,
            const std::function<http::Response()>& make_ok);

}  // namespace vc::registration
