// The gemeenten in memory: every request needs its tenant (to check it exists and to derive a
// wijk from a postcode), and they change rarely. Loaded at start, updated after each committed
// change of a gemeente. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "domain/tenant.h"
#include "vc/core/status.h"
#include "vc/storage/connection.h"

namespace vc::registration {

class TenantCache {
 public:
  Status Load(storage::Connection& c);
  void Put(Tenant tenant);
  std::optional<Tenant> Find(const std::string& code) const;
  std::vector<Tenant> All() const;

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, Tenant> by_code_;
};

}  // namespace vc::registration
