#include "vc/runtime/settings.h"

#include "vc/auth/token.h"

namespace vc::runtime {
namespace {

using std::chrono::milliseconds;

// A fresh ZGW JWT for each round of forwarding, so that its iat stays within the hub's age.
std::function<std::string()> ForwardingToken(auth::Application application) {
  return [application] {
    auth::Claims claims;
    claims.client_id = application.client_id;
    claims.scopes = {"notificaties.publiceren"};
    claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    Result<std::string> token = auth::Mint(application, claims);
    return token.ok() ? "Bearer " + *token : std::string();
  };
}

}  // namespace

storage::Options StorageFromEnv(config::Env& env, const std::string& data_dir,
                                const std::string& file_name) {
  storage::Options options;
  options.path = env.String("VC_DATABASE", data_dir + "/" + file_name);
  options.synchronous = env.Choice("VC_SYNCHRONOUS", "FULL", {"FULL", "NORMAL"}) == "FULL"
                            ? storage::Synchronous::kFull
                            : storage::Synchronous::kNormal;
  return options;
}

NotificationSettings NotificationsFromEnv(config::Env& env) {
  NotificationSettings s;
  notifications::DispatcherOptions& d = s.dispatcher;
  d.attempt_timeout = milliseconds(env.Integer("VC_NOTIFICATIES_TIMEOUT_MS", 5000, 10, 600000));
  d.backoff_base = milliseconds(env.Integer("VC_NOTIFICATIES_BACKOFF_MS", 1000, 1, 3600000));
  d.backoff_max = milliseconds(env.Integer("VC_NOTIFICATIES_BACKOFF_MAX_MS", 3600000, 1, 86400000));
  d.max_attempts = static_cast<int>(env.Integer("VC_NOTIFICATIES_POGINGEN", 15, 1, 1000));
  d.poll_interval = milliseconds(env.Integer("VC_NOTIFICATIES_POLL_MS", 50, 1, 60000));
  s.drain = milliseconds(env.Integer("VC_NOTIFICATIES_DRAIN_MS", 5000, 0, 600000));
  d.retention =
      std::chrono::hours(24 * env.Integer("VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN", 30, 0, 36500));
  s.subscriptions_json = env.String("VC_NOTIFICATIES_ABONNEMENTEN", "");

  d.forward_url = env.String("VC_NOTIFICATIES_DOORSTUREN_URL", "");
  const std::string client = env.String("VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID", "");
  const std::string secret = env.String("VC_NOTIFICATIES_DOORSTUREN_SECRET", "");
  if (d.forward_url.empty()) return s;

  if (client.empty() || secret.size() < 32) {
    env.Invalid("VC_NOTIFICATIES_DOORSTUREN_URL",
                "needs VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID and a "
                "VC_NOTIFICATIES_DOORSTUREN_SECRET of at least 32 bytes");
    return s;
  }
  d.forward_auth = ForwardingToken({client, secret});
  return s;
}

}  // namespace vc::runtime
