// base/span: a half-open byte range [begin, end) into a document's
// normalised UTF-8 text. Every label, cue, entity and quantity carries one.
//
//   Span s{4, 9};
//   std::string_view word = s.of(text);   // text.substr(4, 5)
#pragma once

#include <cstdint>
#include <string_view>

namespace assay::base {

struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  std::uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool contains(Span o) const { return begin <= o.begin && o.end <= end; }
  bool overlaps(Span o) const { return begin < o.end && o.begin < end; }
  std::string_view of(std::string_view text) const {
    if (begin >= text.size()) return {};
    return text.substr(begin, end - begin);
  }
  friend bool operator==(Span, Span) = default;
  friend auto operator<=>(Span, Span) = default;
};

}  // namespace assay::base
