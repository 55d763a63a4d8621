#include "bootstrap.h"

#include <sstream>

#include "http/gemeente_routes.h"
#include "vc/json/writer.h"

namespace vc::registration {

Status EnsureGemeenten(Context& ctx, const std::string& list) {
  std::stringstream in(list);
  std::string entry;
  while (std::getline(in, entry, ',')) {
    if (entry.empty()) continue;
    const size_t colon = entry.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == entry.size()) {
      return Status(Code::kInvalidArgument, "VC_GEMEENTEN: '" + entry + "' is not CODE:NAAM");
    }
    const std::string code = entry.substr(0, colon);
    if (ctx.tenants.Find(code)) continue;

    json::Writer w;
    w.StartObject().Field("code", code).Field("naam", entry.substr(colon + 1)).EndObject();
    rapidjson::Document input;
    input.Parse(w.Take().c_str());
    Result<Tenant> created = CreateGemeente(ctx, input);
    if (!created.ok())
      return Status(Code::kInvalidArgument, "VC_GEMEENTEN: " + created.status().message());
  }
  return Status::Ok();
}

}  // namespace vc::registration
