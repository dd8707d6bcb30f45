#include "assay/base/suggest.h"

#include <algorithm>
#include <limits>

#include "assay/base/strings.h"

namespace assay::base {

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  const std::string a = to_lower_ascii(a_in), b = to_lower_ascii(b_in);
  const std::size_t n = a.size(), m = b.size();
  // Three rows: two back (for swaps), one back, this one.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) return {};
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::string out;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      out = c;
    }
  }
  if (best <= limit) return out;
  if (word.size() >= 3)
    for (const auto& c : candidates)
      if (c.size() > word.size() && iequals_ascii(std::string_view(c).substr(0, word.size()), word)) return c;
  return {};
}

}  // namespace assay::base
