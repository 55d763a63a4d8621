#include "vc/http/metrics.h"

#include <cstdio>

namespace vc::http {

Metrics::Metrics(std::vector<std::string> labels) : labels_(std::move(labels)) {
  labels_.push_back("unmatched");
  series_ = std::make_unique<Series[]>(labels_.size());
}

void Metrics::Record(size_t route_index, int status, std::chrono::microseconds elapsed) {
  if (route_index >= labels_.size()) route_index = unmatched_index();
  Series& s = series_[route_index];

  int cls = status / 100 - 1;
  if (cls >= 0 && cls < 5) s.by_class[cls].fetch_add(1, std::memory_order_relaxed);

  const double seconds = static_cast<double>(elapsed.count()) / 1e6;
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.micros_sum.fetch_add(static_cast<uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard<std::mutex> lock(gauges_mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  char buf[96];
  out += "# HELP vc_http_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE vc_http_requests_total counter\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    for (int c = 0; c < 5; ++c) {
      uint64_t n = series_[i].by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::snprintf(buf, sizeof buf, "\",code=\"%dxx\"} %llu\n", c + 1,
                    static_cast<unsigned long long>(n));
      out += "vc_http_requests_total{route=\"" + labels_[i] + buf;
    }
  }

  out += "# HELP vc_http_request_duration_seconds Time from parsed request to response.\n";
  out += "# TYPE vc_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    const Series& s = series_[i];
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) cumulative += s.buckets[b].load();
    if (cumulative == 0) continue;

    const std::string name = "vc_http_request_duration_seconds";
    const std::string route = "route=\"" + labels_[i] + "\"";
    uint64_t running = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      running += s.buckets[b].load();
      if (b < kBuckets.size()) {
        std::snprintf(buf, sizeof buf, "%g", kBuckets[b]);
      } else {
        std::snprintf(buf, sizeof buf, "+Inf");
      }
      out += name + "_bucket{" + route + ",le=\"" + buf + "\"} " + std::to_string(running) + "\n";
    }
    std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(s.micros_sum.load()) / 1e6);
    out += name + "_sum{" + route + "} " + buf + "\n";
    out += name + "_count{" + route + "} " + std::to_string(running) + "\n";
  }

  std::lock_guard<std::mutex> lock(gauges_mutex_);
  for (const Gauge& g : gauges_) {
    std::snprintf(buf, sizeof buf, "%.17g", g.read());
    out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
    out += g.name + " " + buf + "\n";
  }
  return out;
}

}  // namespace vc::http
