// Test support shared by unit and integration tests: temporary folders, raw HTTP over a
// socket (for malformed requests no client library would send), and a service binary run as a
// child process on a free port with its own SQLite files.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>

namespace vc::testing {

// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Sends bytes to 127.0.0.1:port and reads until the peer closes or timeout passes.
// Returns what was read; empty when the connection failed.
std::string RawExchange(int port, const std::string& bytes,
                        std::chrono::milliseconds timeout = std::chrono::seconds(3));

// The status code of the first HTTP response in text, or 0.
int StatusOf(const std::string& raw_response);

// Path of a built binary, relative to the build tree (VC_BUILD_DIR, set by vc_add_test).
std::string BuildPath(const std::string& relative);
std::string SourcePath(const std::string& relative);

// A service binary started with the given environment plus VC_PORT=0 and VC_PORT_FILE; Start
// waits until the service wrote its port. The destructor kills it (SIGKILL) if still running,
// and so does the kernel when the thread that called Start ends (a test binary that aborts):
// call Start from a thread that outlives the process.
class ServiceProcess {
 public:
  ServiceProcess(std::string binary, std::map<std::string, std::string> env);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  bool Start(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void Kill();      // SIGKILL, then reap
  int Terminate();  // SIGTERM, wait; returns the exit status (-1 on timeout)
  bool running() const { return pid_ > 0; }

 private:
  std::string binary_;
  std::map<std::string, std::string> env_;
  TempDir run_dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A peer on a free loopback port that accepts connections and, for each, reads a request and
// sends `answer` (raw HTTP bytes) once; with an empty answer it never answers and keeps the
// connection open, like a service that hangs. Counts the connections it accepted.
class LoopbackPeer {
 public:
  explicit LoopbackPeer(std::string answer);
  ~LoopbackPeer();
  LoopbackPeer(const LoopbackPeer&) = delete;
  LoopbackPeer& operator=(const LoopbackPeer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int accepted() const { return accepted_.load(); }

 private:
  void Serve();

  const std::string answer_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
};

}  // namespace vc::testing
