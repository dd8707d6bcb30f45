#include "assay/supply/period.h"

#include <fmt/core.h>

#include <charconv>

#include "assay/supply/network.h"

namespace assay::supply {

namespace {

constexpr int kMaxPeriods = 36;

bool read_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

base::Error bad_period(std::string_view s) {
  return base::Error::invalid(
      fmt::format("'{}' is not a period (expected a year 2025, a quarter 2025Q2, a month 2025-05, or a range FROM:TO of "
                  "months or quarters)",
                  s),
      {.field = "--period"});
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[month - 1];
}

}  // namespace

std::string Period::label() const {
  if (year == 0) return "";
  if (months == 12) return fmt::format("{}", year);
  if (months == 3) return fmt::format("{}Q{}", year, (first_month - 1) / 3 + 1);
  return fmt::format("{}-{:02}", year, first_month);
}

std::vector<std::string> Period::month_keys() const {
  std::vector<std::string> out;
  for (int m = first_month; m < first_month + months && m <= 12; ++m) out.push_back(fmt::format("{}-{:02}", year, m));
  return out;
}

base::Result<Period> parse_period(std::string_view s) {
  Period p;
  if (s.size() == 4) {
    if (!read_int(s, p.year) || p.year < 1900 || p.year > 2100) return base::fail(bad_period(s));
    return p;
  }
  if (s.size() == 6 && (s[4] == 'Q' || s[4] == 'q')) {
    int q = 0;
    if (!read_int(s.substr(0, 4), p.year) || !read_int(s.substr(5), q) || q < 1 || q > 4 || p.year < 1900 || p.year > 2100)
      return base::fail(bad_period(s));
    p.first_month = (q - 1) * 3 + 1;
    p.months = 3;
    return p;
  }
  if (s.size() == 7 && s[4] == '-') {
    int m = 0;
    if (!read_int(s.substr(0, 4), p.year) || !read_int(s.substr(5), m) || m < 1 || m > 12 || p.year < 1900 || p.year > 2100)
      return base::fail(bad_period(s));
    p.first_month = m;
    p.months = 1;
    return p;
  }
  return base::fail(bad_period(s));
}

base::Result<std::vector<Period>> parse_period_range(std::string_view s) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos) {
    auto p = ASSAY_TRY(parse_period(s));
    return std::vector<Period>{p};
  }
  auto from = ASSAY_TRY(parse_period(s.substr(0, colon)));
  auto to = ASSAY_TRY(parse_period(s.substr(colon + 1)));
  if (from.months != to.months || from.months == 12)
    return base::fail(base::Error::invalid(
        fmt::format("'{}': a range runs from a month to a month or from a quarter to a quarter", s), {.field = "--period"}));
  const int a = from.year * 12 + from.first_month - 1, b = to.year * 12 + to.first_month - 1;
  if (b < a) return base::fail(base::Error::invalid(fmt::format("'{}': the range ends before it starts", s), {.field = "--period"}));
  if ((b - a) / from.months + 1 > kMaxPeriods)
    return base::fail(base::Error::invalid(fmt::format("'{}': at most {} periods in a range", s, kMaxPeriods), {.field = "--period"}));
  std::vector<Period> out;
  for (int k = a; k <= b; k += from.months) {
    Period p;
    p.year = k / 12;
    p.first_month = k % 12 + 1;
    p.months = from.months;
    out.push_back(p);
  }
  return out;
}

double share_of_month_in_force(std::string_view from, std::string_view key) {
  if (from.size() < 4 || key.size() != 7) return 1.0;
  int fy = 0, fm = 1, fd = 1, ky = 0, km = 0;
  if (!read_int(from.substr(0, 4), fy)) return 1.0;
  if (from.size() >= 7 && !read_int(from.substr(5, 2), fm)) return 1.0;
  if (from.size() >= 10 && !read_int(from.substr(8, 2), fd)) return 1.0;
  if (!read_int(key.substr(0, 4), ky) || !read_int(key.substr(5, 2), km)) return 1.0;
  const int f = fy * 12 + fm, k = ky * 12 + km;
  if (k < f) return 0.0;
  if (k > f) return 1.0;
  const int days = days_in_month(ky, km);
  return static_cast<double>(days - (fd - 1)) / days;
}

double ExportControl::allowed_in_month(std::string_view key) const {
  double share = allowed_share;
  for (const auto& [month, s] : allowed_by_month)
    if (month == key) share = s;
  const double in_force = from.empty() ? 1.0 : share_of_month_in_force(from, key);
  return (1.0 - in_force) + in_force * share;
}

base::Result<Network> for_period(const Network& net, const Period& p_in) {
  Network out = net;
  Period p = p_in;
  if (p.year == 0) {
    p.year = net.params.as_of_year;
    p.first_month = 1;
    p.months = 12;
  } else if (p.year != net.params.as_of_year) {
    return base::fail(base::Error::invalid(
        fmt::format("period {} is not in the model year {} (--year picks the year)", p.label(), net.params.as_of_year),
        {.field = "--period"}));
  }
  const double f = p.fraction();
  if (f != 1.0)
    for (auto& n : out.nodes) {
      n.available *= f;
      n.capacity *= f;
    }
  const auto keys = p.month_keys();
  for (auto& c : out.controls) {
    double sum = 0;
    for (const auto& k : keys) sum += c.allowed_in_month(k);
    c.allowed_share = keys.empty() ? c.allowed_share : sum / static_cast<double>(keys.size());
    c.allowed_by_month.clear();
    c.from.clear();  // folded into allowed_share
  }
  out.period = p_in.year == 0 ? Period{} : p;
  return out;
}

}  // namespace assay::supply
