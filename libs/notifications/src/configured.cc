#include "vc/notifications/configured.h"

#include "vc/notifications/subscription.h"

namespace vc::notifications {

Status ApplyConfiguredSubscriptions(storage::Database& db, const std::string& json,
                                    const std::vector<std::string>& channels, const Clock& clock) {
  std::vector<Subscription> configured;
  if (!json.empty()) {
    Result<std::vector<Subscription>> parsed = ParseSubscriptionList(json, channels);
    if (!parsed.ok()) {
      return Status::Invalid("VC_NOTIFICATIES_ABONNEMENTEN: " + parsed.status().message());
    }
    configured = std::move(parsed).value();
  }
  const std::string now = FormatRfc3339(clock.Now());
  return db.Write([&](storage::Connection& c) { return ReplaceConfigured(c, configured, now); });
}

}  // namespace vc::notifications
