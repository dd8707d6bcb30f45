// base/enum_names: one constexpr table of {enum value, name} per enum, giving
// the value's name and the parser back, instead of a hand-written name switch
// and a parser loop per enum.
//
//   enum class Stage : std::uint8_t { kMining, kSeparation };
//   inline constexpr auto kStageNames = base::enum_names<Stage>({
//       {Stage::kMining, "mining"},
//       {Stage::kSeparation, "separation"},
//       {Stage::kMining, "mine"},          // an alias: parsed, never written
//   });
//   kStageNames.name(Stage::kSeparation);          // "separation"
//   kStageNames.parse("mine");                     // Stage::kMining
//   kStageNames.parse("MINING", base::Case::kIgnoreAscii);  // Stage::kMining
//   kStageNames.parse("smelting");                 // std::nullopt
//
// name() returns the first entry for the value. When the entries list the
// values in their numeric order from 0 (aliases after them), it is one index
// and one compare; otherwise a linear search. A value with no entry gets the
// fallback ("?" unless given).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace assay::base {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

enum class Case { kExact, kIgnoreAscii };

constexpr bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

template <typename E, std::size_t N>
struct EnumNames {
  std::array<EnumName<E>, N> entries;

  // The value's (first) name, or `fallback` when the table has none.
  constexpr const char* name(E e, const char* fallback = "?") const {
    auto i = static_cast<std::size_t>(e);
    if (i < N && entries[i].value == e) return entries[i].name;
    for (const auto& x : entries)
      if (x.value == e) return x.name;
    return fallback;
  }

  // The value named `s` (any of its names), or nullopt.
  constexpr std::optional<E> parse(std::string_view s, Case c = Case::kExact) const {
    for (const auto& x : entries)
      if (c == Case::kExact ? s == x.name : equals_ignoring_ascii_case(s, x.name)) return x.value;
    return std::nullopt;
  }

  static constexpr std::size_t size() { return N; }
};

// The table of the braced entries (N counted for you).
template <typename E, std::size_t N>
constexpr EnumNames<E, N> enum_names(const EnumName<E> (&entries)[N]) {
  EnumNames<E, N> t{};
  for (std::size_t i = 0; i < N; ++i) t.entries[i] = entries[i];
  return t;
}

}  // namespace assay::base
