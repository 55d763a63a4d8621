// The route groups of the subsidy API; each adds its routes to the server.
#pragma once

#include "http/context.h"
#include "vc/http/server.h"

namespace vc::subsidies {

void AddSchemeRoutes(Context& ctx, http::Server& server);       // /regelingen
void AddAllocationRoutes(Context& ctx, http::Server& server);   // verdelingen
void AddApplicationRoutes(Context& ctx, http::Server& server);  // /aanvragen, stappen
void AddDecisionRoutes(Context& ctx, http::Server& server);     // beschikkingen
void AddDeadlineRoutes(Context& ctx, http::Server& server);     // /termijnen
void AddAllowanceRoutes(Context& ctx, http::Server& server);    // /vrijwilligersvergoedingen
void AddAdviceRoutes(Context& ctx, http::Server& server);       // /inkoopadviezen
void AddAgreementRoutes(Context& ctx, http::Server& server);    // /samenwerkingsovereenkomsten
void AddFundingRoutes(Context& ctx, http::Server& server);      // medefinancieringen

}  // namespace vc::subsidies
