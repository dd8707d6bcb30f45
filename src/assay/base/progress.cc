#include "assay/base/progress.h"

#include <fmt/core.h>

#include <algorithm>

namespace assay::base {

Progress::Progress(bool enabled, std::uint64_t total, std::string unit, double scale, std::FILE* out)
    : enabled_(enabled),
      total_(total),
      unit_(std::move(unit)),
      scale_(scale > 0 ? scale : 1.0),
      out_(out),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

namespace {

std::string amount(double v, double scale) {
  return scale == 1.0 ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v / scale);
}

}  // namespace

std::string Progress::render(std::uint64_t done, std::uint64_t total, double seconds, std::string_view unit, double scale,
                             std::string_view note) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;  // per second, unscaled
  std::string line;
  if (total > 0) {
    const double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    constexpr int kWidth = 28;
    const int fill = static_cast<int>(frac * kWidth);
    line = fmt::format("[{}{}] {:3.0f}%  {}/{} {}", std::string(static_cast<std::size_t>(fill), '#'),
                       std::string(static_cast<std::size_t>(kWidth - fill), ' '), frac * 100,
                       amount(static_cast<double>(done), scale), amount(static_cast<double>(total), scale), unit);
  } else {
    line = fmt::format("{} {}", amount(static_cast<double>(done), scale), unit);
  }
  line += fmt::format("  {} {}/s", amount(rate, scale), unit);
  if (total > 0) {
    if (rate <= 0 && done < total) {
      line += "  ETA -:--";
    } else {
      const double left = total > done ? static_cast<double>(total - done) / rate : 0;
      const long secs = static_cast<long>(left + 0.5);
      line += fmt::format("  ETA {}:{:02d}", secs / 60, secs % 60);
    }
  }
  if (!note.empty()) line += fmt::format("  {}", note);
  return line;
}

void Progress::draw(std::uint64_t done, std::string_view note, bool final) {
  auto now = std::chrono::steady_clock::now();
  if (!final) {
    std::unique_lock lock(m_, std::try_to_lock);  // another thread is drawing: skip
    if (!lock.owns_lock() || finished_ || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    fmt::print(out_, "\r{} ", render(done, total_, std::chrono::duration<double>(now - start_).count(), unit_, scale_, note));
    std::fflush(out_);
    return;
  }
  std::lock_guard lock(m_);
  if (finished_) return;
  finished_ = true;
  fmt::print(out_, "\r{} \n", render(done, total_, std::chrono::duration<double>(now - start_).count(), unit_, scale_, note));
  std::fflush(out_);
}

void Progress::update(std::uint64_t done, std::string_view note) {
  if (!enabled_) return;
  done_.store(done, std::memory_order_relaxed);
  draw(done, note, false);
}

void Progress::add(std::uint64_t n, std::string_view note) {
  if (!enabled_) return;
  std::uint64_t done = done_.fetch_add(n, std::memory_order_relaxed) + n;
  draw(done, note, false);
}

void Progress::finish(std::string_view note) {
  if (!enabled_) return;
  draw(done_.load(std::memory_order_relaxed), note, true);
}

}  // namespace assay::base
