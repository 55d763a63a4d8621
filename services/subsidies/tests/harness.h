// The subsidy service as integration tests use it: the real binary on a free port with its
// own SQLite file in a temporary folder, real HTTP over loopback, real signed tokens.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vc/auth/token.h"
#include "vc/client/client.h"
#include "vc/testing/support.h"

namespace vc::subsidies::testing {

inline const auth::Application kApp{"subsidie-test", std::string(48, 's')};

std::string Token(const std::vector<std::string>& scopes, const std::string& gemeente,
                  const std::string& user = "coordinator@test");

// All three scopes for a gemeente; an organisation's token has no beheer.
inline std::string ManagerToken(const std::string& gemeente) {
  return Token({"subsidies.lezen", "subsidies.schrijven", "subsidies.beheer"}, gemeente);
}
inline std::string OrganisationToken(const std::string& gemeente) {
  return Token({"subsidies.lezen", "subsidies.schrijven"}, gemeente, "penningmeester@org");
}

inline const char kOrganisation[] = "4f6c2b8e-8d1a-4e0b-9a57-3c1d2e5f7a90";

class Running {
 public:
  explicit Running(std::map<std::string, std::string> extra_env = {});

  // A new process on the same data folder and environment (after process().Kill()).
  void Restart();
  const vc::testing::TempDir& dir() const { return dir_; }

  std::string Path(const std::string& rest) const { return "/subsidies/api/v1" + rest; }
  const client::Client& http() const { return *client_; }
  const std::string& base_url() const { return base_url_; }
  vc::testing::ServiceProcess& process() { return *process_; }

  // POST that must give 201; returns the body.
  std::string Create(const std::string& rest, const std::string& body, const std::string& token);

  // A scheme of the gemeente with the given extra members; returns its id.
  std::string Scheme(const std::string& token, const std::string& extra = "");
  // An application for scheme, taken to in_behandeling; returns its id.
  std::string ApplicationInReview(const std::string& token, const std::string& scheme,
                                  int64_t cents, const std::string& reviewer = "");
  // POST a step; returns the reply.
  client::Reply Step(const std::string& token, const std::string& application,
                     const std::string& body);

 private:
  vc::testing::TempDir dir_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<vc::testing::ServiceProcess> process_;
  std::unique_ptr<client::Client> client_;
  std::string base_url_;
};

// A member of a JSON body as text ("" when absent; numbers and booleans as JSON text).
std::string Member(const std::string& body, const char* name);

bool IsProblem(const client::Reply& reply);

}  // namespace vc::subsidies::testing
