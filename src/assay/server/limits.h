// server/limits: the per-client rate limit of `assay serve` (a token bucket
// per remote address) and the scrubbing of problem details (no internal
// path of the server's machine in a response).
//
//   server::RateLimiter limit(50, 100);          // 50 requests/s, bursts of 100
//   double wait = limit.admit("127.0.0.1", std::chrono::steady_clock::now());
//   if (wait > 0) ...                            // 429, Retry-After: ceil(wait)
//   std::string d = server::scrub_paths("/srv/assay/data/x.yaml:3: bad");  // "x.yaml:3: bad"
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace assay::server {

class RateLimiter {
 public:
  // `per_second` <= 0: every request is admitted. `burst`: the bucket's
  // size (at least 1), the requests a client may send at once after a pause.
  RateLimiter(double per_second, double burst);

  // 0 when the client's request is admitted (and takes a token), else the
  // seconds until its bucket holds a token again. Thread-safe.
  double admit(std::string_view client, std::chrono::steady_clock::time_point now);

  bool enabled() const { return per_second_ > 0; }
  std::size_t clients() const;  // buckets held (for tests)

  // Buckets kept before idle ones (full again) are dropped.
  static constexpr std::size_t kMaxClients = 4096;

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  double per_second_, burst_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// "N/s", "N/m" or "N" (per second), N >= 0 (0: off); the rate in requests
// per second, or an error message naming the value.
bool parse_rate(std::string_view s, double& per_second, std::string& error);

// A message with every absolute file path cut to its last component
// ("/home/u/data/kb/x.csv:3:1: bad" -> "x.csv:3:1: bad"); the API's own
// paths ("/v1/...", "/metrics") stay.
std::string scrub_paths(std::string_view message);

}  // namespace assay::server
