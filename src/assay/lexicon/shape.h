// lexicon/shape: the alternatives of a lexicon expression, each a fixed
// sequence of byte sets ("shapes"), so that the matcher can ask vectorscan for
// match ends only and compute where a match starts from its shape's length.
//
// Most lexicon expressions are finite languages: "(a|an|one) (source|person)"
// has the shapes "a source", "a person", "an source", ... A space of a pattern
// (expand_pattern writes it as the run (?:[ \t\n]|\xC2\xA0)+) is one kSpace
// atom; the matcher scans a copy of the text in which every such run is a
// single space, so a kSpace atom is one byte there. "[a-z]+" is one atom
// with `repeated` set: such shapes have no fixed length.
//
//   auto shapes = expression_shapes(expand_pattern("(very )?few"), 64);
//   // two shapes: \b few \b and \b very <space> few \b
//   std::string re = shape_expression(shapes->at(1));   // "\bvery\x20few\b"
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::lexicon {

struct Atom {
  enum class Kind : std::uint8_t {
    kBytes,             // one byte of `bytes` (one or more if `repeated`)
    kSpace,             // a run of spaces, tabs, newlines and NBSPs
    kWordBoundary,      // \b
    kNotWordBoundary,   // \B
  };
  Kind kind = Kind::kBytes;
  bool repeated = false;
  std::bitset<256> bytes;

  bool consumes() const { return kind == Kind::kBytes || kind == Kind::kSpace; }
  friend bool operator==(const Atom&, const Atom&) = default;
};

using Shape = std::vector<Atom>;

// The shapes of `expr`, an expression as written by expand_pattern (and as
// compiled by vectorscan, whose syntax it follows). nullopt when `expr` uses
// anything outside the small subset lexicon patterns need (literals, escapes,
// classes, groups, alternation, ?, {m,n}, and + or * on one byte set), when a
// shape would match the empty string, or when there would be more than
// `limit` shapes. Lazy quantifiers are read as greedy ones: vectorscan
// reports every match, so they mean the same.
std::optional<std::vector<Shape>> expression_shapes(std::string_view expr, std::size_t limit);

// The shape as a vectorscan expression over the compacted text: a kSpace
// atom is "\x20", byte sets are written as escaped bytes and classes.
std::string shape_expression(const Shape& shape);

// True when every atom has a fixed length.
bool is_fixed(const Shape& shape);
// The number of bytes the shape matches in the compacted text (kSpace: 1);
// only for fixed shapes.
std::size_t fixed_length(const Shape& shape);

// `expr` (as expand_pattern writes it) as several expressions whose
// languages together are its own, split at the group of alternatives that
// opens first and is neither repeated nor inside a repeated group:
// "a(?:b|c)?d" as "a(?:b)d", "a(?:c)d" and "ad". nullopt when there is no
// such group. The matcher splits an entry with too many shapes this way.
std::optional<std::vector<std::string>> split_first_group(std::string_view expr);

// The shapes of `expr` in parts of at most `limit` shapes each: the whole
// when it has few enough, else the parts of split_first_group, split again
// up to `depth` times, at most `max_parts` parts in all. Empty when some part
// cannot be written as shapes (or there would be more parts).
std::vector<std::vector<Shape>> shape_parts(std::string_view expr, std::size_t limit, int depth, std::size_t max_parts);

}  // namespace assay::lexicon
