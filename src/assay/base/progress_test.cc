#include "assay/base/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace assay::base {
namespace {

TEST(Progress, RendersShareCountRateAndEta) {
  EXPECT_EQ(Progress::render(500, 1000, 2.0, "draws", 1.0, ""),
            "[##############              ]  50%  500/1000 draws  250 draws/s  ETA 0:02");
  EXPECT_EQ(Progress::render(3'000'000, 12'000'000, 1.0, "MB", 1e6, "7 docs"),
            "[#######                     ]  25%  3.0/12.0 MB  3.0 MB/s  ETA 0:03  7 docs");
  // Unknown total (stdin): no bar, no ETA.
  EXPECT_EQ(Progress::render(2'500'000, 0, 0.5, "MB", 1e6, ""), "2.5 MB  5.0 MB/s");
  // Done: full bar, no time left; nothing done yet: no rate.
  EXPECT_EQ(Progress::render(10, 10, 1.0, "sets", 1.0, ""), "[############################] 100%  10/10 sets  10 sets/s  ETA 0:00");
  EXPECT_EQ(Progress::render(0, 10, 0.0, "sets", 1.0, ""), "[                            ]   0%  0/10 sets  0 sets/s  ETA -:--");
}

std::string drawn(bool enabled, int threads) {
  std::FILE* f = std::tmpfile();
  {
    Progress p(enabled, 4000, "draws", 1.0, f);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&p] {
        for (int i = 0; i < 1000; ++i) p.add(1);
      });
    for (auto& t : pool) t.join();
  }  // the destructor finishes the line
  std::rewind(f);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  return out;
}

TEST(Progress, CountsFromManyThreadsAndEndsTheLineOnce) {
  std::string out = drawn(true, 4);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(out.find('\n'), out.size() - 1);
  auto last = out.substr(out.rfind('\r') + 1);
  EXPECT_EQ(last.rfind("[############################] 100%  4000/4000 draws", 0), 0u) << last;
}

TEST(Progress, ADisabledBarDrawsNothing) { EXPECT_EQ(drawn(false, 2), ""); }

}  // namespace
}  // namespace assay::base
