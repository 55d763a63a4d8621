#include "service.h"

#include "http/routes.h"
#include "storage/schema.h"

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
    registratie = std::make_unique<client::Client>(config.registratie_url);
  }
  service->context_.reset(new Context{*service->db_, clock, kPrefix, config.default_tiers,
                                      std::move(registratie)});
  return service;
}

Service::~Service() {
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
}

Status Service::Ready() {
  storage::ReadLease lease = db_->Read();
  return lease->Exec("SELECT 1");
}

}  // namespace vc::subsidies
