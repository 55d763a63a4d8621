// The five standard operations (list, create, read, partial update, delete) for a tenant-owned
// resource, from its ResourceSpec. Writes answer only after the group commit that holds them.
#pragma once

#include "domain/resource_spec.h"
#include "http/context.h"
#include "vc/http/server.h"

namespace vc::registration {

// Scopes of the registration API.
inline constexpr const char* kScopeRead = "registratie.lezen";
inline constexpr const char* kScopeWrite = "registratie.schrijven";
inline constexpr const char* kScopeAdmin = "registratie.beheer";
inline constexpr const char* kScopePlatform = "platform.beheer";

void AddResourceRoutes(Context& ctx, const ResourceSpec& spec, http::Server& server);

// The list query of a request: filters for every spec field with a column, "vaardigheid" for
// specs with skills, paging; anything else is a 400 naming the parameter.
Result<ListQuery> ListQueryOf(const ResourceSpec& spec, const http::Request& req,
                              const PageRequest& page);

}  // namespace vc::registration
