// response_cache_test: the cache of rendered answers: a hit gives what was
// put, a new generation drops every entry and refuses what was rendered
// before it, the bound in bytes evicts the least recently used, ETags and
// If-None-Match, and threads finding, inserting and invalidating at once
// (run under ASan/UBSan in the sanitizer build).
#include "assay/server/response_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace assay::server {
namespace {

std::shared_ptr<const CachedResponse> body(std::string text) {
  return std::make_shared<const CachedResponse>(CachedResponse::make(200, "application/json", std::move(text)));
}

TEST(ResponseCache, AHitGivesWhatWasPutAndAMissNothing) {
  ResponseCache cache(1 << 20);
  EXPECT_EQ(cache.find("story\n1"), nullptr);
  auto g = cache.generation();
  cache.insert("story\n1", g, body("{\"id\": 1}\n"));
  auto hit = cache.find("story\n1");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->body, "{\"id\": 1}\n");
  EXPECT_EQ(hit->status, 200);
  EXPECT_EQ(hit->content_type, "application/json");
  EXPECT_EQ(cache.find("story\n2"), nullptr);
  auto s = cache.stats();
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.entries, 1u);
  EXPECT_GT(s.bytes, hit->body.size());
}

TEST(ResponseCache, ANewGenerationDropsEntriesAndRefusesOlderRenders) {
  ResponseCache cache(1 << 20);
  auto g0 = cache.generation();
  cache.insert("a", g0, body("old a"));
  cache.invalidate();  // the store changed
  EXPECT_NE(cache.generation(), g0);
  EXPECT_EQ(cache.find("a"), nullptr);
  EXPECT_EQ(cache.stats().bytes, 0u);
  // Rendered from the store before the change, inserted after it: not kept.
  cache.insert("b", g0, body("rendered before the change"));
  EXPECT_EQ(cache.find("b"), nullptr);
  cache.insert("b", cache.generation(), body("rendered after"));
  ASSERT_NE(cache.find("b"), nullptr);
  EXPECT_EQ(cache.find("b")->body, "rendered after");
  EXPECT_EQ(cache.stats().invalidations, 1u);
}

TEST(ResponseCache, TheBoundInBytesEvictsTheLeastRecentlyUsed) {
  std::string kb(1000, 'x');
  // Room for two entries of about 1 KB each, not three.
  ResponseCache cache(2600);
  auto g = cache.generation();
  cache.insert("one", g, body(kb));
  cache.insert("two", g, body(kb));
  ASSERT_NE(cache.find("one"), nullptr);  // "two" is now the least recently used
  cache.insert("three", g, body(kb));
  EXPECT_NE(cache.find("one"), nullptr);
  EXPECT_EQ(cache.find("two"), nullptr);
  EXPECT_NE(cache.find("three"), nullptr);
  auto s = cache.stats();
  EXPECT_EQ(s.entries, 2u);
  EXPECT_EQ(s.evictions, 1u);
  EXPECT_LE(s.bytes, cache.max_bytes());
  // A value larger than the whole bound is not kept (and evicts nothing).
  cache.insert("huge", g, body(std::string(5000, 'y')));
  EXPECT_EQ(cache.find("huge"), nullptr);
  EXPECT_EQ(cache.stats().entries, 2u);
  // A key inserted again replaces its value and its size.
  cache.insert("one", g, body("short"));
  EXPECT_EQ(cache.find("one")->body, "short");
  EXPECT_LT(cache.stats().bytes, 2 * kb.size());
  // A bound of 0 keeps nothing.
  ResponseCache off(0);
  off.insert("one", off.generation(), body("x"));
  EXPECT_EQ(off.find("one"), nullptr);
}

TEST(ResponseCache, ETagsFollowTheBodyAndIfNoneMatchNamesThem) {
  auto a = CachedResponse::make(200, "application/json", "{\"a\": 1}\n");
  auto same = CachedResponse::make(200, "application/json", "{\"a\": 1}\n");
  auto other = CachedResponse::make(200, "application/json", "{\"a\": 2}\n");
  EXPECT_EQ(a.etag, same.etag);
  EXPECT_NE(a.etag, other.etag);
  ASSERT_EQ(a.etag.size(), 18u);
  EXPECT_EQ(a.etag.front(), '"');
  EXPECT_EQ(a.etag.back(), '"');
  EXPECT_TRUE(etag_matches(a.etag, a.etag));
  EXPECT_TRUE(etag_matches("W/" + a.etag, a.etag));
  EXPECT_TRUE(etag_matches(other.etag + ", " + a.etag, a.etag));
  EXPECT_TRUE(etag_matches(" " + other.etag + " ,\t" + a.etag + " ", a.etag));
  EXPECT_TRUE(etag_matches("*", a.etag));
  EXPECT_FALSE(etag_matches("", a.etag));
  EXPECT_FALSE(etag_matches(other.etag, a.etag));
  EXPECT_FALSE(etag_matches(a.etag.substr(1, 16), a.etag)) << "the quotes are part of the tag";
  EXPECT_FALSE(etag_matches(",,", a.etag));
  EXPECT_FALSE(etag_matches("*", ""));
}

TEST(ResponseCache, ThreadsFindInsertAndInvalidateAtOnce) {
  // Small enough that the threads evict each other's entries too.
  ResponseCache cache(8 * 1024);
  std::atomic<bool> wrong{false};
  std::atomic<std::uint64_t> hits{0};
  auto worker = [&](int seed) {
    for (int i = 0; i < 4000; ++i) {
      if (seed == 0 && i % 200 == 0) cache.invalidate();
      std::string key = "story\n" + std::to_string((i * 7 + seed) % 23);
      auto g = cache.generation();
      if (auto hit = cache.find(key)) {
        ++hits;
        // Whatever thread rendered it, a key's value is that key's.
        if (hit->body.compare(0, key.size(), key) != 0) wrong = true;
        continue;
      }
      cache.insert(key, g, body(key + std::string(300, static_cast<char>('a' + seed))));
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(worker, t);
  for (auto& t : threads) t.join();
  EXPECT_FALSE(wrong.load());
  auto s = cache.stats();
  EXPECT_GT(hits.load(), 0u);
  EXPECT_EQ(s.hits, hits.load());
  EXPECT_EQ(s.hits + s.misses, 4u * 4000u);
  EXPECT_LE(s.bytes, cache.max_bytes());
  EXPECT_GE(s.invalidations, 20u);
}

}  // namespace
}  // namespace assay::server
