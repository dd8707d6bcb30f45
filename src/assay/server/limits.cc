// server/limits: token buckets per client; paths cut out of messages.
#include "assay/server/limits.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>

namespace assay::server {

RateLimiter::RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(std::max(1.0, burst)) {}

double RateLimiter::admit(std::string_view client, std::chrono::steady_clock::time_point now) {
  if (per_second_ <= 0) return 0;
  std::lock_guard lock(mu_);
  auto refill = [&](Bucket& b) {
    double elapsed = std::chrono::duration<double>(now - b.last).count();
    if (elapsed > 0) {
      b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
      b.last = now;
    }
  };
  auto it = buckets_.find(std::string(client));
  if (it == buckets_.end()) {
    if (buckets_.size() >= kMaxClients) {
      // Drop the buckets that are full again: their clients lose nothing.
      for (auto b = buckets_.begin(); b != buckets_.end();) {
        refill(b->second);
        b = b->second.tokens >= burst_ ? buckets_.erase(b) : std::next(b);
      }
    }
    it = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  refill(b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return (1 - b.tokens) / per_second_;
}

std::size_t RateLimiter::clients() const {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

bool parse_rate(std::string_view s, double& per_second, std::string& error) {
  double unit = 1;
  std::string_view n = s;
  if (n.ends_with("/s")) n.remove_suffix(2);
  else if (n.ends_with("/m")) {
    n.remove_suffix(2);
    unit = 60;
  }
  double v = 0;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), v);
  if (n.empty() || ec != std::errc() || end != n.data() + n.size() || !std::isfinite(v) || v < 0 || v > 1e9) {
    error = "'" + std::string(s) + "' is not a rate: N/s or N/m, N from 0 (off) to 1e9";
    return false;
  }
  per_second = v / unit;
  return true;
}

std::string scrub_paths(std::string_view m) {
  auto ends_token = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '\'' || c == ',' || c == ')' || c == '('; };
  std::string out;
  out.reserve(m.size());
  std::size_t i = 0;
  while (i < m.size()) {
    bool starts = m[i] == '/' && (i == 0 || ends_token(m[i - 1]) || m[i - 1] == '=' || m[i - 1] == ':');
    if (!starts) {
      out += m[i++];
      continue;
    }
    std::size_t end = i;
    while (end < m.size() && !ends_token(m[end])) ++end;
    std::string_view token = m.substr(i, end - i);
    bool ours = token == "/metrics" || token.starts_with("/v1/") || token == "/v1";
    std::size_t last = token.rfind('/');
    if (ours || last == 0) {
      out += token;
    } else {
      out += token.substr(last + 1);
    }
    i = end;
  }
  return out;
}

}  // namespace assay::server
