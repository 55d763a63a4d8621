// The registration service as integration tests use it: the real binary on a free port with
// its own SQLite file in a temporary folder, real HTTP over loopback, real signed tokens.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vc/auth/token.h"
#include "vc/client/client.h"
#include "vc/testing/support.h"

namespace vc::registration::testing {

inline const auth::Application kApp{"test-app", std::string(48, 'k')};

std::string Token(const std::vector<std::string>& scopes, const std::string& gemeente = "",
                  long age_seconds = 0);

// Read and write scopes for a gemeente.
inline std::string TenantToken(const std::string& gemeente) {
  return Token({"registratie.lezen", "registratie.schrijven", "registratie.beheer"}, gemeente);
}

class Running {
 public:
  explicit Running(std::map<std::string, std::string> extra_env = {});

  // Onboards a gemeente through the API with the platform scope; returns its id.
  std::string Onboard(const std::string& code, const std::string& naam,
                      const std::string& extra_json = "");

  // POST that must give 201; returns the new id.
  std::string Create(const std::string& collection, const std::string& body,
                     const std::string& token);

  std::string Path(const std::string& rest) const { return "/registratie/api/v1" + rest; }
  const client::Client& http() const { return *client_; }
  vc::testing::ServiceProcess& process() { return *process_; }
  const vc::testing::TempDir& dir() const { return dir_; }

  // Starts the binary again on the same data (after Kill or Terminate).
  void Restart();

 private:
  std::map<std::string, std::string> Env() const;

  vc::testing::TempDir dir_;
  std::map<std::string, std::string> extra_env_;
  std::unique_ptr<vc::testing::ServiceProcess> process_;
  std::unique_ptr<client::Client> client_;
};

// The id member of a JSON body, or "".
std::string IdOf(const std::string& body);

bool IsProblem(const client::Reply& reply);

}  // namespace vc::registration::testing
