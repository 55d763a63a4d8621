#include "service.h"

#include "http/routes.h"
#include "storage/publish.h"
#include "storage/schema.h"
#include "vc/notifications/configured.h"
#include "vc/notifications/routes.h"

namespace vc::subsidies {

Result<std::unique_ptr<Service>> Service::Open(const Config& config, const Clock& clock) {
  VC_RETURN_IF_ERROR(CheckTiers(config.default_tiers));
  std::unique_ptr<Service> service(new Service());
  Result<std::unique_ptr<storage::Database>> db =
      storage::Database::Open(config.storage, Migrations());
  if (!db.ok()) return db.status();
  service->db_ = std::move(db).value();

  std::unique_ptr<client::Client> registratie;
  if (!config.registratie_url.empty()) {
    registratie = std::make_unique<client::Client>(config.registratie_url, kRegistratieTimeout, 1);
  }
  service->context_.reset(new Context{*service->db_, clock, kPrefix, config.default_tiers,
                                      std::move(registratie), config.public_url});
  VC_RETURN_IF_ERROR(notifications::ApplyConfiguredSubscriptions(
      *service->db_, config.subscriptions_json, Channels(), clock));
  service->dispatcher_ =
      std::make_unique<notifications::Dispatcher>(*service->db_, config.notifications);
  service->notifications_drain_ = config.notifications_drain;
  service->verify_timeout_ = config.notifications.attempt_timeout;
  return service;
}

Service::~Service() {
  if (dispatcher_) dispatcher_->Drain(notifications_drain_);
  if (db_) db_->Close();
}

void Service::AddRoutes(http::Server& server) {
  AddSchemeRoutes(*context_, server);
  AddAllocationRoutes(*context_, server);
  AddApplicationRoutes(*context_, server);
  AddDecisionRoutes(*context_, server);
  AddDeadlineRoutes(*context_, server);
  AddAllowanceRoutes(*context_, server);
  AddAdviceRoutes(*context_, server);
  AddAgreementRoutes(*context_, server);
  AddFundingRoutes(*context_, server);
  notifications::AddSubscriptionRoutes(*db_, *dispatcher_, context_->clock,
                                       {kPrefix, Channels(), verify_timeout_}, server);
}

Status Service::Ready() {
  storage::ReadLease lease = db_->Read();
  return lease->Exec("SELECT 1");
}

}  // namespace vc::subsidies
