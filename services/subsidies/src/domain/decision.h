// Decisions (beschikkingen) as documents: the grant (verlening) and the settlement
// (vaststelling), rendered in Dutch as HTML and as plain text from one template each, with
// the parts the Awb asks for: the amount, the activities, the obligations, the
// accountability asked, and how to object (Awb 3:45, 6:7: six weeks).
#pragma once

#include <optional>
#include <string>

#include "domain/records.h"

namespace vc::subsidies {

enum class DecisionKind { kGrant, kSettlement };
enum class Format { kHtml, kText };

std::optional<DecisionKind> ParseDecisionKind(const std::string& name);  // verlening, ...

// kConflict when the application has no such decision yet (not granted, refused, settled).
Result<std::string> RenderDecision(DecisionKind kind, Format format, const Scheme& scheme,
                                   const Application& application, const std::string& date);

}  // namespace vc::subsidies
