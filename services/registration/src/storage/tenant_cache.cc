#include "storage/tenant_cache.h"

#include <mutex>

namespace vc::registration {

Status TenantCache::Load(storage::Connection& c) {
  Result<storage::Statement*> s = c.Prepare("SELECT id, body FROM gemeenten");
  if (!s.ok()) return s.status();
  for (;;) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();

    rapidjson::Document doc;
    doc.Parse((*s)->Text(1).data(), (*s)->Text(1).size());
    if (doc.HasParseError() || !doc.IsObject()) {
      return Status::Internal("stored gemeente is not valid JSON");
    }
    Put(TenantFromDocument(std::string((*s)->Text(0)), doc));
  }
}

void TenantCache::Put(Tenant tenant) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  std::string code = tenant.code;
  by_code_[code] = std::move(tenant);
}

std::optional<Tenant> TenantCache::Find(const std::string& code) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = by_code_.find(code);
  if (it == by_code_.end()) return std::nullopt;
  return it->second;
}

std::vector<Tenant> TenantCache::All() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  std::vector<Tenant> all;
  for (const auto& [code, tenant] : by_code_) all.push_back(tenant);
  return all;
}

}  // namespace vc::registration
