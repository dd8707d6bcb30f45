// server/response_cache: an LRU of rendered answers by bytes, by generation.
#include "assay/server/response_cache.h"

#include <fmt/core.h>

#include <utility>

#include "assay/base/strings.h"

namespace assay::server {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A map entry and a list node besides the key and the body.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

CachedResponse CachedResponse::make(int status, std::string content_type, std::string body) {
  // FNV-1a of the body: a validator, not a signature (the body is public).
  std::string etag = fmt::format("\"{:016x}\"", base::fnv1a(body));
  return {.status = status, .content_type = std::move(content_type), .body = std::move(body), .etag = std::move(etag)};
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  while (!if_none_match.empty()) {
    auto comma = if_none_match.find(',');
    std::string_view tag = trim(if_none_match.substr(0, comma));
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

ResponseCache::ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::size_t ResponseCache::cost(const std::string& key, const CachedResponse& value) {
  return key.size() + value.body.size() + value.content_type.size() + value.etag.size() + kEntryOverhead;
}

void ResponseCache::invalidate() {
  std::list<Entry> dropped;  // freed after the lock is released
  {
    std::lock_guard lock(mu_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    ++stats_.invalidations;
    index_.clear();
    dropped.swap(lru_);
    bytes_ = 0;
  }
}

std::shared_ptr<const CachedResponse> ResponseCache::find(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return nullptr;
  }
  ++stats_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->value;
}

void ResponseCache::evict_to(std::size_t bytes) {
  while (bytes_ > bytes && !lru_.empty()) {
    Entry& last = lru_.back();
    bytes_ -= last.bytes;
    index_.erase(last.key);
    lru_.pop_back();
    ++stats_.evictions;
  }
}

void ResponseCache::insert(const std::string& key, std::uint64_t generation, std::shared_ptr<const CachedResponse> value) {
  if (!value) return;
  std::size_t bytes = cost(key, *value);
  if (bytes > max_bytes_) return;
  std::shared_ptr<const CachedResponse> replaced;  // freed after the lock is released
  std::lock_guard lock(mu_);
  if (generation != generation_.load(std::memory_order_relaxed)) return;  // rendered before a change
  if (auto it = index_.find(key); it != index_.end()) {
    // Another miss of the same key rendered it too: keep the later one.
    bytes_ -= it->second->bytes;
    replaced = std::move(it->second->value);
    it->second->value = std::move(value);
    it->second->bytes = bytes;
    bytes_ += bytes;
    lru_.splice(lru_.begin(), lru_, it->second);
    evict_to(max_bytes_);
    return;
  }
  evict_to(max_bytes_ - bytes);
  lru_.push_front({key, std::move(value), bytes});
  index_.emplace(lru_.front().key, lru_.begin());
  bytes_ += bytes;
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.entries = lru_.size();
  s.bytes = bytes_;
  return s;
}

}  // namespace assay::server
