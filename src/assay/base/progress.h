// base/progress: the one progress bar of every long command (analyze over a
// corpus, Monte Carlo, eval): a line on stderr redrawn in place at most five
// times a second, with the share done, the count, the rate and the time left.
// A disabled Progress draws nothing, so callers need not test whether a bar
// is wanted (the faces decide that: a terminal, --progress, --no-progress).
//
//   base::Progress bar(/*enabled=*/true, /*total=*/draws, "draws");
//   for (...) bar.add(1);            // from any thread
//   bar.finish();                    // the last state and a newline
//   // [##############              ]  50%  500/1000 draws  812 draws/s  ETA 0:01
//
//   base::Progress bytes(true, total_bytes, "MB", /*scale=*/1e6);  // 12.3/45.6 MB  3.2 MB/s
//   bytes.update(read, fmt::format("{} docs", docs));              // a note at the end
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace assay::base {

class Progress {
 public:
  // `total` 0: unknown (no share, no ETA). Counts are shown divided by
  // `scale` in `unit` (bytes as MB: scale 1e6).
  Progress(bool enabled, std::uint64_t total, std::string unit, double scale = 1.0, std::FILE* out = stderr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return enabled_; }

  // Sets the count done (thread-safe); redraws when 200 ms have passed.
  void update(std::uint64_t done, std::string_view note = {});
  // Adds to the count done (thread-safe); redraws when 200 ms have passed.
  void add(std::uint64_t n = 1, std::string_view note = {});
  // Draws the last state and ends the line; later calls draw nothing. The
  // destructor calls it.
  void finish(std::string_view note = {});

  // The line drawn for a state (without "\r"): for tests and other faces.
  static std::string render(std::uint64_t done, std::uint64_t total, double seconds, std::string_view unit, double scale,
                            std::string_view note);

 private:
  void draw(std::uint64_t done, std::string_view note, bool final);

  const bool enabled_;
  const std::uint64_t total_;
  const std::string unit_;
  const double scale_;
  std::FILE* const out_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex m_;  // guards the drawing and what follows
  std::chrono::steady_clock::time_point last_{};
  bool finished_ = false;
};

}  // namespace assay::base
