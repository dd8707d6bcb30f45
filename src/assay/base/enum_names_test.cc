#include "assay/base/enum_names.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

namespace assay::base {
namespace {

enum class Colour : std::uint8_t { kRed, kGreen, kBlue, kCount };

constexpr auto kColourNames = enum_names<Colour>({
    {Colour::kRed, "red"},
    {Colour::kGreen, "green"},
    {Colour::kBlue, "blue"},
    {Colour::kRed, "crimson"},  // alias
});

// Not in numeric order: name() searches.
enum class Sparse { kA = 3, kB = 7 };
constexpr auto kSparseNames = enum_names<Sparse>({{Sparse::kB, "b"}, {Sparse::kA, "a"}});

static_assert(kColourNames.size() == 4);
static_assert(std::string_view(kColourNames.name(Colour::kGreen)) == "green");
static_assert(kColourNames.parse("blue") == Colour::kBlue);

TEST(EnumNames, NameIsTheFirstEntryOfTheValue) {
  EXPECT_STREQ(kColourNames.name(Colour::kRed), "red");
  EXPECT_STREQ(kColourNames.name(Colour::kBlue), "blue");
}

TEST(EnumNames, ValueWithoutNameGetsTheFallback) {
  EXPECT_STREQ(kColourNames.name(Colour::kCount), "?");
  EXPECT_STREQ(kColourNames.name(Colour::kCount, "other"), "other");
  EXPECT_STREQ(kColourNames.name(static_cast<Colour>(200), "x"), "x");
}

TEST(EnumNames, ParseAcceptsEveryNameAndAliases) {
  EXPECT_EQ(kColourNames.parse("red"), Colour::kRed);
  EXPECT_EQ(kColourNames.parse("crimson"), Colour::kRed);
  EXPECT_EQ(kColourNames.parse("green"), Colour::kGreen);
  EXPECT_FALSE(kColourNames.parse("purple"));
  EXPECT_FALSE(kColourNames.parse(""));
}

TEST(EnumNames, ParseIsExactUnlessAskedToIgnoreCase) {
  EXPECT_FALSE(kColourNames.parse("Red"));
  EXPECT_EQ(kColourNames.parse("Red", Case::kIgnoreAscii), Colour::kRed);
  EXPECT_EQ(kColourNames.parse("CRIMSON", Case::kIgnoreAscii), Colour::kRed);
  EXPECT_FALSE(kColourNames.parse("re", Case::kIgnoreAscii));
}

TEST(EnumNames, TablesOutOfNumericOrderStillName) {
  EXPECT_STREQ(kSparseNames.name(Sparse::kA), "a");
  EXPECT_STREQ(kSparseNames.name(Sparse::kB), "b");
  EXPECT_EQ(kSparseNames.parse("b"), Sparse::kB);
}

TEST(EnumNames, EveryNameRoundTrips) {
  for (const auto& e : kColourNames.entries) EXPECT_EQ(kColourNames.parse(kColourNames.name(e.value)), e.value);
}

}  // namespace
}  // namespace assay::base
