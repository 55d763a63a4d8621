// The gemeenten: the tenants and their settings. A platform administrator (scope
// platform.beheer) onboards a gemeente with one POST and sees all of them; a gemeente's own
// token sees and, with registratie.beheer, changes only its own.
#pragma once

#include "http/context.h"
#include "vc/http/server.h"

namespace vc::registration {

void AddGemeenteRoutes(Context& ctx, http::Server& server);

// Creates a gemeente directly (demo data and the admin command use this); kConflict when its
// code exists.
Result<Tenant> CreateGemeente(Context& ctx, const rapidjson::Value& input);

}  // namespace vc::registration
