// vc-admin: local administration of applications and tokens; see kUsage.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "vc/auth/token.h"
#include "vc/config/env.h"
#include "vc/core/clock.h"

namespace {

using vc::Result;
using vc::Status;
using Options = std::map<std::string, std::string>;

constexpr char kUsage[] =
    "usage:\n"
    "  vc-admin application new [--prefix NAME] [--file PATH]\n"
    "      creates an application, appends client_id:secret to the applications file\n"
    "      and prints its client_id and secret\n"
    "  vc-admin token --client-id ID [--file PATH] [--gemeente CODE] [--scopes a,b,c]\n"
    "                 [--user NAME]\n"
    "      prints a token signed with that application's secret, issued now\n"
    "The applications file defaults to $VC_APPLICATIONS_FILE, else data/applications.txt.\n"
    "Exit codes: 0 done, 1 the applications file could not be used, 2 bad usage.\n";

constexpr char kDefaultFile[] = "data/applications.txt";

Status Usage(const std::string& problem) {
  return Status::Invalid(problem + " (see 'vc-admin --help')");
}

Status Failure(const std::string& problem) { return Status::Internal(problem); }

std::string ErrnoText() { return std::error_code(errno, std::generic_category()).message(); }

// "--name value" pairs, each name at most once and from allowed.
Result<Options> ParseOptions(const std::vector<std::string>& args, size_t first,
                             const std::set<std::string>& allowed) {
  Options options;
  for (size_t i = first; i < args.size(); i += 2) {
    const std::string& flag = args[i];
    std::string name = flag.rfind("--", 0) == 0 ? flag.substr(2) : "";
    if (allowed.count(name) == 0) return Usage("unknown option '" + flag + "'");
    if (i + 1 >= args.size()) return Usage("option '" + flag + "' needs a value");
    if (!options.emplace(name, args[i + 1]).second) return Usage("option '" + flag + "' twice");
  }
  return options;
}

std::string ApplicationsFile(const Options& options) {
  auto file = options.find("file");
  if (file != options.end()) return file->second;
  return vc::config::Env().String("VC_APPLICATIONS_FILE", kDefaultFile);
}

// The file's text; a missing file reads as empty when missing_ok.
Result<std::string> ReadText(const std::string& path, bool missing_ok) {
  std::error_code ec;
  if (missing_ok && !std::filesystem::exists(path, ec) && !ec) return std::string();

  std::ifstream in(path, std::ios::binary);
  if (!in) return Failure("cannot read applications file '" + path + "': " + ErrnoText());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Failure("cannot read applications file '" + path + "'");
  return text.str();
}

Result<std::vector<vc::auth::Application>> ReadApplications(const std::string& path,
                                                            bool missing_ok) {
  Result<std::string> text = ReadText(path, missing_ok);
  if (!text.ok()) return text.status();

  auto apps = vc::auth::ParseApplications(*text);
  if (!apps.ok()) return Failure("'" + path + "': " + apps.status().message());
  return apps;
}

Status WriteAll(int fd, const std::string& text, const std::string& path) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Failure("cannot write '" + path + "': " + ErrnoText());
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

// Appends line with the file kept private (0600), whatever its mode was before.
// Limitation: no file lock; two vc-admin runs at once each append their own whole line (one
// O_APPEND write), which is enough for a tool an operator runs by hand.
Status AppendPrivate(const std::string& path, const std::string& line) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Failure("cannot create directory '" + parent.string() + "': " + ec.message());

  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return Failure("cannot open '" + path + "': " + ErrnoText());
  Status written = fchmod(fd, 0600) == 0 ? WriteAll(fd, line, path)
                                         : Failure("cannot chmod '" + path + "': " + ErrnoText());
  if (close(fd) != 0 && written.ok()) return Failure("cannot close '" + path + "': " + ErrnoText());
  return written;
}

bool IsPrefix(const std::string& prefix) {
  return !prefix.empty() && prefix.size() <= 32 &&
         std::all_of(prefix.begin(), prefix.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
         });
}

Status RunApplicationNew(const std::vector<std::string>& args) {
  Result<Options> options = ParseOptions(args, 2, {"prefix", "file"});
  if (!options.ok()) return options.status();
  std::string prefix = options->count("prefix") ? options->at("prefix") : "app";
  if (!IsPrefix(prefix)) return Usage("--prefix: use 1 to 32 of A-Z a-z 0-9 . _ -");

  // Reading first refuses to add to a file that could not be loaded afterwards anyway.
  std::string path = ApplicationsFile(*options);
  Result<std::string> existing = ReadText(path, true);
  if (!existing.ok()) return existing.status();
  auto apps = vc::auth::ParseApplications(*existing);
  if (!apps.ok()) return Failure("'" + path + "': " + apps.status().message());

  vc::auth::Application app = vc::auth::NewApplication(prefix);
  std::string separator = existing->empty() || existing->back() == '\n' ? "" : "\n";
  VC_RETURN_IF_ERROR(AppendPrivate(path, separator + app.client_id + ":" + app.secret + "\n"));

  std::cout << "client_id: " << app.client_id << "\nsecret: " << app.secret << "\n";
  return Status::Ok();
}

Result<std::vector<std::string>> ScopesOf(const std::string& list) {
  std::vector<std::string> scopes;
  if (list.empty()) return scopes;

  std::stringstream in(list + ",");
  std::string scope;
  while (std::getline(in, scope, ',')) {
    bool visible = std::all_of(scope.begin(), scope.end(), [](char c) { return c > ' '; });
    if (scope.empty() || !visible) return Usage("--scopes: '" + list + "' has an empty scope");
    scopes.push_back(scope);
  }
  return scopes;
}

Result<vc::auth::Claims> ClaimsOf(const Options& options) {
  vc::auth::Claims claims;
  claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                         vc::SystemClock::Instance().Now().time_since_epoch())
                         .count();
  if (options.count("gemeente")) {
    const std::string& code = options.at("gemeente");
    bool digits =
        std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (code.size() != 4 || !digits) return Usage("--gemeente: '" + code + "' is not 4 digits");
    claims.gemeente = code;
  }
  if (options.count("user")) claims.user_id = options.at("user");

  Result<std::vector<std::string>> scopes =
      ScopesOf(options.count("scopes") ? options.at("scopes") : "");
  if (!scopes.ok()) return scopes.status();
  claims.scopes = std::move(scopes).value();
  return claims;
}

Status RunToken(const std::vector<std::string>& args) {
  Result<Options> options =
      ParseOptions(args, 1, {"client-id", "file", "gemeente", "scopes", "user"});
  if (!options.ok()) return options.status();
  if (!options->count("client-id")) return Usage("token needs --client-id");
  Result<vc::auth::Claims> claims = ClaimsOf(*options);
  if (!claims.ok()) return claims.status();

  std::string path = ApplicationsFile(*options);
  auto apps = ReadApplications(path, false);
  if (!apps.ok()) return apps.status();
  const std::string& id = options->at("client-id");
  auto app = std::find_if(apps->begin(), apps->end(),
                          [&](const vc::auth::Application& a) { return a.client_id == id; });
  if (app == apps->end()) return Failure("no application '" + id + "' in '" + path + "'");

  Result<std::string> token = vc::auth::Mint(*app, *claims);
  if (!token.ok()) return token.status();
  std::cout << *token << "\n";
  return Status::Ok();
}

Status Run(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("missing command");
  if (args[0] == "application" && args.size() > 1 && args[1] == "new") {
    return RunApplicationNew(args);
  }
  if (args[0] == "token") return RunToken(args);
  return Usage("unknown command '" + args[0] + "'");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::cout << kUsage;
    return 0;
  }

  Status status;
  try {
    status = Run(args);
  } catch (const std::exception& e) {
    status = Failure(e.what());
  }
  if (status.ok()) return 0;
  std::cerr << "vc-admin: " << status.message() << "\n";
  return status.code() == vc::Code::kInvalidArgument ? 2 : 1;
}
