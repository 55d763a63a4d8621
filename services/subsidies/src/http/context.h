// What every subsidy handler shares (the store, the clock, the prefix, the registration
// client) and the small steps each takes: the tenant from the token, who acts, the body, the
// page, and answering with a problem or a result.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <memory>
#include <string>

#include "storage/stores.h"
#include "vc/client/client.h"
#include "vc/core/clock.h"
#include "vc/http/message.h"
#include "vc/http/router.h"
#include "vc/http/server.h"
#include "vc/storage/database.h"

namespace vc::subsidies {

inline constexpr const char* kScopeRead = "subsidies.lezen";
inline constexpr const char* kScopeWrite = "subsidies.schrijven";
inline constexpr const char* kScopeManage = "subsidies.beheer";

struct Context {
  storage::Database& db;
  const Clock& clock;
  std::string prefix;                          // "/subsidies/api/v1"
  Tiers default_tiers;                         // for schemes that set none
  std::unique_ptr<client::Client> registratie;  // null: organisations are not checked
};

// The token's gemeente claim: the tenant. kPermissionDenied without one.
Result<std::string> TenantOf(const http::Request& req);

// Who acts: the token's user_id, else its client_id.
std::string ActorOf(const http::Request& req);

bool HasScope(const http::Request& req, const char* scope);
Status RequireScope(const http::Request& req, const char* scope);

Result<rapidjson::Document> ParseBody(const http::Request& req);

// page (from 1) and pageSize (1..100) as an offset and limit; kInvalidArgument naming them.
Result<Slice> SliceOf(const http::Request& req);

std::string UrlOf(const Context& ctx, const http::Request& req, const std::string& rest);

// {"count":n,"results":[...]} with already-serialised results.
// Limitation: no next/previous links; clients page with page and pageSize and the count.
std::string ListJson(int64_t count, const std::vector<std::string>& results);

// The organisation must be known to registration when VC_REGISTRATIE_URL is set: the call
// forwards the caller's token, so registration's own tenant rules apply.
// Limitation: without VC_REGISTRATIE_URL the organisation id is recorded unchecked.
Status CheckOrganisation(const Context& ctx, const http::Request& req, const std::string& id);

// A handler that needs the tenant; ForTenant answers 403 without a gemeente claim and passes
// the claim on otherwise. ctx must outlive the server.
using TenantHandler = void (*)(Context&, const std::string& gemeente, http::Request&,
                               const http::Responder&);
http::Handler ForTenant(Context& ctx, TenantHandler handler);

// A tenant route: method, path below the prefix, required scope, handler.
struct TenantRoute {
  const char* method;
  std::string path;
  const char* scope;
  TenantHandler handler;
};
void AddTenantRoutes(Context& ctx, http::Server& server, const std::vector<TenantRoute>& routes);

// Responds with the problem of status, or with make() when it is Ok.
void Answer(const http::Responder& respond, const http::Request& req, const Status& status,
            const std::function<http::Response()>& make);

// Runs read(connection) on a read lease and answers with its JSON (200) or its problem.
void AnswerRead(const Context& ctx, const http::Request& req, const http::Responder& respond,
                const std::function<Result<std::string>(storage::Connection&)>& read);

}  // namespace vc::subsidies
