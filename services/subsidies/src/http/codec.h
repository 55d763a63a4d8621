// The JSON of schemes, applications and steps: reading a request body into the domain
// values (every problem named as invalidParams) and writing the values as the API shows them.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "domain/records.h"
#include "storage/transitions.h"
#include "vc/core/clock.h"

namespace vc::subsidies {

// A new scheme of gemeente from its body; id, booked and created_at are left to the caller.
Result<Scheme> SchemeFromJson(const rapidjson::Value& body, const Tiers& default_tiers);
std::string SchemeJson(const Scheme& scheme, const std::string& url);

struct NewApplication {
  Application application;
  bool on_paper = false;  // entered later with its real time of receipt
};
Result<NewApplication> ApplicationFromJson(const rapidjson::Value& body, const TimePoint& now);
std::string ApplicationJson(const Application& a, const std::string& url,
                            const std::string& scheme_url);

Result<StepRequest> StepFromJson(const rapidjson::Value& body);
std::string StepJson(const StepRecord& step, const std::string& url);

// The description of how the scheme breaks ties, as published with it.
std::string TieBreakRule(Allocation allocation);

}  // namespace vc::subsidies
