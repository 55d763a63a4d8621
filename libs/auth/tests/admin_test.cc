#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_support.h"
#include "vc/auth/token.h"

namespace {

using namespace vc::auth;
using namespace vc::auth::testing;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string AdminBinary() {
  const char* build = std::getenv("VC_BUILD_DIR");
  REQUIRE(build != nullptr);
  return std::string(build) + "/libs/auth/vc-admin";
}

// Runs vc-admin through the shell inside dir; env is prepended as "NAME=value ..." when given.
// VC_APPLICATIONS_FILE is cleared first so the caller's environment cannot leak in.
Outcome RunAdmin(const TempDir& dir, const std::string& args, const std::string& env = "") {
  std::string err_path = dir.path() + "/stderr.txt";
  std::string command = "cd '" + dir.path() + "' && env -u VC_APPLICATIONS_FILE " + env + " '" +
                        AdminBinary() + "' " + args + " 2>'" + err_path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);

  Outcome outcome;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) outcome.out.append(buffer, n);
  int status = pclose(pipe);
  REQUIRE(WIFEXITED(status));
  outcome.exit_code = WEXITSTATUS(status);
  outcome.err = ReadAll(err_path);
  return outcome;
}

// "client_id: X\nsecret: Y\n" from "application new".
Application ApplicationFrom(const std::string& out) {
  std::istringstream lines(out);
  std::string id_line;
  std::string secret_line;
  std::getline(lines, id_line);
  std::getline(lines, secret_line);
  REQUIRE(id_line.rfind("client_id: ", 0) == 0);
  REQUIRE(secret_line.rfind("secret: ", 0) == 0);
  return {id_line.substr(11), secret_line.substr(8)};
}

}  // namespace

TEST_CASE("vc-admin creates an application and mints a token that Verify accepts",
          "[auth][integration]") {
  TempDir dir;
  std::string file = dir.path() + "/nested/data/applications.txt";
  Outcome created = RunAdmin(dir, "application new --prefix registratie --file '" + file + "'");
  REQUIRE(created.exit_code == 0);
  Application app = ApplicationFrom(created.out);
  CHECK(app.client_id.rfind("registratie-", 0) == 0);

  struct stat info {};
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(ReadAll(file) == app.client_id + ":" + app.secret + "\n");

  Outcome minted = RunAdmin(dir, "token --client-id " + app.client_id + " --file '" + file +
                                     "' --gemeente 0363 --scopes registratie.lezen,"
                                     "registratie.schrijven --user j.jansen");
  REQUIRE(minted.exit_code == 0);
  CHECK(minted.err.empty());
  REQUIRE(!minted.out.empty());
  REQUIRE(minted.out.back() == '\n');
  std::string token = minted.out.substr(0, minted.out.size() - 1);
  CHECK(token.find('\n') == std::string::npos);

  vc::Result<std::vector<Application>> apps = ParseApplications(ReadAll(file));
  REQUIRE(apps.ok());
  Verifier verifier(*apps, VerifyOptions{}, vc::SystemClock::Instance());
  vc::Result<Claims> claims = verifier.Verify("Bearer " + token);
  REQUIRE(claims.ok());
  CHECK(claims->client_id == app.client_id);
  CHECK(claims->gemeente == "0363");
  CHECK(claims->scopes == std::vector<std::string>{"registratie.lezen", "registratie.schrijven"});
  CHECK(claims->user_id == "j.jansen");
}

TEST_CASE("vc-admin appends to the file named by VC_APPLICATIONS_FILE", "[auth][integration]") {
  TempDir dir;
  std::string file = dir.path() + "/applications.txt";
  std::ofstream(file) << "# existing\nold-00000000:" << std::string(40, 'k');  // no final newline
  std::string env = "VC_APPLICATIONS_FILE='" + file + "'";

  Outcome created = RunAdmin(dir, "application new", env);
  REQUIRE(created.exit_code == 0);
  Application app = ApplicationFrom(created.out);
  CHECK(app.client_id.rfind("app-", 0) == 0);

  vc::Result<std::vector<Application>> apps = ParseApplications(ReadAll(file));
  REQUIRE(apps.ok());
  REQUIRE(apps->size() == 2);
  CHECK(apps->at(1).client_id == app.client_id);

  Outcome minted = RunAdmin(dir, "token --client-id " + app.client_id, env);
  CHECK(minted.exit_code == 0);
}

TEST_CASE("vc-admin without --file uses data/applications.txt in the working directory",
          "[auth][integration]") {
  TempDir dir;
  Outcome created = RunAdmin(dir, "application new --prefix lokaal");
  REQUIRE(created.exit_code == 0);
  Application app = ApplicationFrom(created.out);
  CHECK(ReadAll(dir.path() + "/data/applications.txt") == app.client_id + ":" + app.secret + "\n");
}

TEST_CASE("vc-admin refuses bad usage with exit code 2 and one line on stderr",
          "[auth][integration]") {
  TempDir dir;
  std::string args = GENERATE(
      as<std::string>{}, "", "frobnicate", "application", "application old",
      "application new --bogus x", "application new --prefix", "application new --prefix 'a b'",
      "application new --prefix a --prefix b", "token", "token --client-id x --gemeente 12",
      "token --client-id x --scopes a,,b", "token --client-id");
  CAPTURE(args);
  Outcome outcome = RunAdmin(dir, args);
  CHECK(outcome.exit_code == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.rfind("vc-admin: ", 0) == 0);
  CHECK(std::count(outcome.err.begin(), outcome.err.end(), '\n') == 1);
}

TEST_CASE("vc-admin fails with exit code 1 when the application cannot be found",
          "[auth][integration]") {
  TempDir dir;
  std::string file = dir.path() + "/applications.txt";
  std::ofstream(file) << "known-00000000:" << std::string(40, 'k') << "\n";

  std::string args =
      GENERATE_COPY(as<std::string>{}, "token --client-id unknown --file '" + file + "'",
                    "token --client-id known-00000000 --file '" + file + ".missing'");
  CAPTURE(args);
  Outcome outcome = RunAdmin(dir, args);
  CHECK(outcome.exit_code == 1);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.rfind("vc-admin: ", 0) == 0);
  CHECK_THAT(outcome.err, !Catch::Contains(std::string(40, 'k')));
}
