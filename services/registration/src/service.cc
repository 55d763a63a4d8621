#include "service.h"

#include "domain/pseudonym.h"
#include "domain/resources.h"
#include "http/gemeente_routes.h"
#include "http/notify.h"
#include "http/privacy_routes.h"
#include "http/resource_routes.h"
#include "storage/schema.h"
#include "vc/notifications/configured.h"
#include "vc/notifications/routes.h"

namespace vc::registration {
namespace {

// The pseudonym key must outlive restarts (or pseudonyms change), so it lives in the store.
Result<std::string> StoredPseudonymKey(storage::Database& db) {
  auto key = std::make_shared<std::string>();
  Status s = db.Write([key](storage::Connection& c) -> Status {
    Result<storage::Statement*> find =
        c.Prepare("SELECT waarde FROM instellingen WHERE naam = 'pseudoniemsleutel'");
    if (!find.ok()) return find.status();
    Result<bool> row = (*find)->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      *key = std::string((*find)->Text(0));
      return Status::Ok();
    }
    *key = NewPseudonymKey();
    Result<storage::Statement*> insert =
        c.Prepare("INSERT INTO instellingen (naam, waarde) VALUES ('pseudoniemsleutel', ?)");
    if (!insert.ok()) return insert.status();
    (*insert)->Bind(1, *key);
    return (*insert)->Run();
  });
  if (!s.ok()) return s;
  return *key;
}

}  // namespace

Result<std::unique_ptr<Service>> Service::Open(const Config& config, const Clock& clock) {
  std::unique_ptr<Service> service(new Service());
  Result<std::unique_ptr<storage::Database>> db =
      storage::Database::Open(config.storage, Migrations());
  if (!db.ok()) return db.status();
  service->db_ = std::move(db).value();

  // Deleted rows are overwritten, so an erased person's data does not linger in free pages.
  VC_RETURN_IF_ERROR(service->db_->Write(
      [](storage::Connection& c) { return c.Exec("PRAGMA secure_delete = ON"); }));

  std::string key = config.pseudonym_key;
  if (key.empty()) {
    Result<std::string> stored = StoredPseudonymKey(*service->db_);
    if (!stored.ok()) return stored.status();
    key = *stored;
  }
  {
    storage::ReadLease lease = service->db_->Read();
    VC_RETURN_IF_ERROR(service->tenants_.Load(*lease));
  }

  service->processing_ = std::make_unique<ProcessingLog>(*service->db_);
  service->context_.reset(new Context{*service->db_,
                                      service->tenants_,
                                      *service->processing_,
                                      clock,
                                      kPrefix,
                                      key,
                                      {},
                                      config.public_url});
  service->context_->stores["gemeenten"] = std::make_unique<ResourceStore>(GemeenteSpec());
  for (const ResourceSpec* spec : TenantSpecs()) {
    service->context_->stores[spec->collection] = std::make_unique<ResourceStore>(*spec);
  }
  VC_RETURN_IF_ERROR(notifications::ApplyConfiguredSubscriptions(
      *service->db_, config.subscriptions_json, Channels(), clock));
  service->dispatcher_ =
      std::make_unique<notifications::Dispatcher>(*service->db_, config.notifications);
  service->notifications_drain_ = config.notifications_drain;
  service->verify_timeout_ = config.notifications.attempt_timeout;
  if (config.retention_interval.count() > 0) {
    service->retention_ =
        std::make_unique<RetentionScheduler>(*service->context_, config.retention_interval);
  }
  return service;
}

Service::~Service() {
  retention_.reset();
  if (dispatcher_) dispatcher_->Drain(notifications_drain_);
  processing_.reset();
  if (db_) db_->Close();
}

void Service::AddRoutes(http::Server& server) {
  AddGemeenteRoutes(*context_, server);
  for (const ResourceSpec* spec : TenantSpecs()) AddResourceRoutes(*context_, *spec, server);
  AddPrivacyRoutes(*context_, server);
  notifications::AddSubscriptionRoutes(*db_, *dispatcher_, context_->clock,
                                       {kPrefix, Channels(), verify_timeout_}, server);
}

Status Service::Ready() {
  storage::ReadLease lease = db_->Read();
  return lease->Exec("SELECT 1");
}

}  // namespace vc::registration
