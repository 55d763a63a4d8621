// Prometheus metrics: per route, requests by status class and a latency histogram; plus gauges
// that a service registers (e.g. commits of its store). Recording is lock-free.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace vc::http {

class Metrics {
 public:
  // labels[i] names route i ("GET /registratie/api/v1/vrijwilligers"); one more slot is kept
  // for requests that matched no route.
  explicit Metrics(std::vector<std::string> labels);

  void Record(size_t route_index, int status, std::chrono::microseconds elapsed);
  size_t unmatched_index() const { return labels_.size() - 1; }

  // A value read when /metrics is scraped. name must be a valid Prometheus metric name.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string Render() const;  // text exposition format 0.0.4

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};
  struct Series {
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> micros_sum{0};
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  std::vector<std::string> labels_;
  std::unique_ptr<Series[]> series_;
  mutable std::mutex gauges_mutex_;
  std::vector<Gauge> gauges_;
};

}  // namespace vc::http
