// What every subsidy handler shares (the store, the clock, the prefix, the registration
// client) and the small steps each takes: the tenant from the token, who acts, the body, the
// page, and answering with a problem or a result.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "storage/stores.h"
#include "vc/client/client.h"
#include "vc/core/clock.h"
#include "vc/http/message.h"
#include "vc/http/page.h"
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
  std::string prefix;                           // "/subsidies/api/v1"
  Tiers default_tiers;                          // for schemes that set none
  std::unique_ptr<client::Client> registratie;  // null: organisations are not checked
  std::string public_url;  // base of published urls (VC_PUBLIC_URL); empty: the request's
};

// The token's gemeente claim: the tenant. kPermissionDenied without one.
Result<std::string> TenantOf(const http::Request& req);

// Who acts: the token's user_id, else its client_id.
std::string ActorOf(const http::Request& req);

bool HasScope(const http::Request& req, const char* scope);
Status RequireScope(const http::Request& req, const char* scope);

Result<rapidjson::Document> ParseBody(const http::Request& req);

// The rows of a page (page and pageSize, read by http::PageOf) that the store reads.
Slice SliceOf(const http::PageRequest& page);

// How long one call to registration may take; it is retried once.
inline constexpr std::chrono::milliseconds kRegistratieTimeout{2000};

std::string UrlOf(const Context& ctx, const http::Request& req, const std::string& rest);

// The start of the urls in notifications: the public url, else the request's base, then the
// prefix.
std::string PublishedApiUrl(const Context& ctx, const http::Request& req);

// A page of a list with its next and previous links (http::ListBody) from already serialised
// results; kNotFound for a page after the last.
Result<std::string> PageJson(const http::Request& req, const http::PageRequest& page, int64_t count,
                             const std::vector<std::string>& results);

// A list that is never paged (the steps of one application, its co-funders, the outcome of
// one allocation): {"count":n,"results":[...]}.
std::string ListJson(int64_t count, const std::vector<std::string>& results);

// The organisation must be known to registration when VC_REGISTRATIE_URL is set: the call
// forwards the caller's token, so registration's own tenant rules apply (another gemeente's
// organisation does not exist there either). then gets Ok, or kFailedPrecondition naming
// "organisatie" when registration does not know it, kPermissionDenied when registration
// refuses the token, kUnavailable (503) when registration does not answer in time or fails.
// then runs on the caller's thread when there is nothing to check, else on a thread of the
// HTTP client: no server thread waits for registration (up to kRegistratieTimeout, twice).
// Limitation: without VC_REGISTRATIE_URL the organisation id is recorded unchecked.
void CheckOrganisation(const Context& ctx, const http::Request& req, const std::string& id,
                       std::function<void(const Status&)> then);

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
