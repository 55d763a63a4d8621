// Demo data for a first look (VC_DEMO_DATA): for gemeente 0363, the demo gemeente of
// registration, three schemes of this year (an activities budget with a ceiling, a project
// subsidy of at most EUR 15,000, an upkeep subsidy) and applications in several states, made
// through the same writes as the API (so the ceiling is booked, every step recorded and
// published). Loaded only when the demo gemeente has no schemes yet.
#pragma once

#include "http/context.h"

namespace vc::subsidies {

// The organisations of registration's demo data (services/registration/src/demo_data.cc),
// whose ids are fixed there so that both services' demo data agree.
inline constexpr const char* kDemoGemeente = "0363";
inline constexpr const char* kDemoCentrale = "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a01";
inline constexpr const char* kDemoBuurtkracht = "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a02";
inline constexpr const char* kDemoSpeeltuin = "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a03";

// Ok without changes when the demo gemeente has a scheme already. One transaction: all or
// nothing.
Status LoadDemoData(Context& ctx);

}  // namespace vc::subsidies
