#include "assay/lexicon/shape.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "assay/lexicon/lexicon.h"

namespace assay::lexicon {
namespace {

// The shapes of a pattern (after expand_pattern) as expressions.
std::vector<std::string> shapes_of(std::string_view pattern, std::size_t limit = 64) {
  auto shapes = expression_shapes(expand_pattern(pattern), limit);
  if (!shapes) return {"<none>"};
  std::vector<std::string> out;
  for (const auto& s : *shapes) out.push_back(shape_expression(s));
  return out;
}

TEST(Shape, LiteralsAndAlternatives) {
  EXPECT_EQ(shapes_of("said"), (std::vector<std::string>{"\\bsaid\\b"}));
  EXPECT_EQ(shapes_of("(very )?few"), (std::vector<std::string>{"\\bfew\\b", "\\bvery\\x20few\\b"}));
  EXPECT_EQ(shapes_of("(a|an) (source|person)\\b"),
            (std::vector<std::string>{"\\ba\\x20source\\b", "\\ba\\x20person\\b", "\\ban\\x20source\\b",
                                      "\\ban\\x20person\\b"}));
  EXPECT_EQ(shapes_of("plans?"), (std::vector<std::string>{"\\bplan\\b", "\\bplans\\b"}));
  // Listed twice in the pattern, once in the shapes.
  EXPECT_EQ(shapes_of("(Ottawa|Hanoi|Ottawa)"), (std::vector<std::string>{"\\bOttawa\\b", "\\bHanoi\\b"}));
}

TEST(Shape, QuotesClassesAndCounts) {
  // ' is ' or U+2019: two shapes of different byte lengths.
  auto q = expression_shapes(expand_pattern("Lynas's"), 64);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ(fixed_length((*q)[0]), 7u);
  EXPECT_EQ(fixed_length((*q)[1]), 9u);
  EXPECT_EQ(shapes_of("rare[- ]earth"), (std::vector<std::string>{"\\brare[\\x20\\x2D]earth\\b"}));
  EXPECT_EQ(shapes_of("\\$[A-Z]{2,3}\\b"),
            (std::vector<std::string>{"\\x24[\\x41-\\x5A][\\x41-\\x5A]\\b", "\\x24[\\x41-\\x5A][\\x41-\\x5A][\\x41-\\x5A]\\b"}));
  EXPECT_EQ(shapes_of("U\\.S\\."), (std::vector<std::string>{"\\bU\\x2ES\\x2E"}));
}

TEST(Shape, SpacesAreOneAtom) {
  auto s = expression_shapes(expand_pattern("according to"), 64);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ(fixed_length(s->front()), 12u);
  EXPECT_EQ(s->front()[10].kind, Atom::Kind::kSpace);
  // " ?" becomes a lazy repeat of the space run: still one or more blanks.
  EXPECT_EQ(shapes_of("x ?y"), (std::vector<std::string>{"\\bx\\x20y\\b"}));
}

TEST(Shape, UnboundedRepeatsOfOneByteSet) {
  auto s = expression_shapes(expand_pattern("[A-Z][a-z]+ Times"), 64);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->size(), 1u);
  EXPECT_FALSE(is_fixed(s->front()));
  EXPECT_EQ(shape_expression(s->front()), "\\b[\\x41-\\x5A][\\x61-\\x7A]+\\x20Times\\b");
  EXPECT_EQ(shapes_of("ab*"), (std::vector<std::string>{"\\ba\\b", "\\bab+\\b"}));
}

TEST(Shape, OutsideTheSubset) {
  for (std::string_view p : {"\\?$", "^a", "a.c", "(?=a)b", "(a)\\1", "a\\sb", "(ab)+", "x*", "(unclosed", "a{2,", "[[:alpha:]]",
                             "a++", "\\x{41}"})
    EXPECT_EQ(shapes_of(p), (std::vector<std::string>{"<none>"})) << p;
  // More shapes than the limit.
  EXPECT_EQ(shapes_of("(a|b|c|d) (e|f|g|h) (i|j|k|l)", 63), (std::vector<std::string>{"<none>"}));
  EXPECT_EQ(shapes_of("(a|b|c|d) (e|f|g|h) (i|j|k|l)", 64).size(), 64u);
}


TEST(ShapeSplit, AtTheFirstGroupOfAlternatives) {
  using V = std::vector<std::string>;
  EXPECT_EQ(split_first_group("a(?:b|c)d"), (V{"a(?:b)d", "a(?:c)d"}));
  // An optional group also gives the expression without it.
  EXPECT_EQ(split_first_group("a(?:b|c)?d"), (V{"a(?:b)d", "a(?:c)d", "ad"}));
  // The group that opens first, not the one that closes first.
  EXPECT_EQ(split_first_group("(?:x(?:a|b)|y)z"), (V{"(?:x(?:a|b))z", "(?:y)z"}));
  EXPECT_EQ(split_first_group("(x|y)z"), (V{"(?:x)z", "(?:y)z"}));
  // A group without alternatives is passed over.
  EXPECT_EQ(split_first_group("(?:ab)(?:c|d)"), (V{"(?:ab)(?:c)", "(?:ab)(?:d)"}));
}

TEST(ShapeSplit, NeverInsideARepeat) {
  using V = std::vector<std::string>;
  EXPECT_EQ(split_first_group("(?:a|b)+c"), std::nullopt);
  EXPECT_EQ(split_first_group("(?:a|b)*c"), std::nullopt);
  EXPECT_EQ(split_first_group("(?:(?:a|b)c){1,3}d"), std::nullopt);
  // A later group outside the repeat still splits.
  EXPECT_EQ(split_first_group("(?:(?:a|b)c)+(?:p|q)"), (V{"(?:(?:a|b)c)+(?:p)", "(?:(?:a|b)c)+(?:q)"}));
}

TEST(ShapeSplit, ClassesEscapesAndOtherSyntax) {
  using V = std::vector<std::string>;
  // Bars and parentheses inside a class or escaped are not structure.
  EXPECT_EQ(split_first_group("[(|)]x"), std::nullopt);
  EXPECT_EQ(split_first_group("\\(a|b\\)"), std::nullopt);
  EXPECT_EQ(split_first_group("[]|]x(?:a|b)"), (V{"[]|]x(?:a)", "[]|]x(?:b)"}));
  // Lookarounds and unbalanced groups are not split.
  EXPECT_EQ(split_first_group("(?=a|b)c"), std::nullopt);
  EXPECT_EQ(split_first_group("(a|b"), std::nullopt);
}

TEST(ShapeSplit, PartsHaveTheSameShapes) {
  // The parts' shapes together are the whole expression's shapes.
  for (const char* p : {"(very|quite|rather) (few|many) (people|sources)?", "the (most|best) (big|small)?ish? deal",
                        "(a|the) (report|story)s? (in|by) (the )?(press|media)"}) {
    std::string expr = expand_pattern(p);
    auto whole = expression_shapes(expr, 100000);
    ASSERT_TRUE(whole) << p;
    auto parts = split_first_group(expr);
    ASSERT_TRUE(parts) << p;
    std::vector<Shape> joined;
    for (const auto& part : *parts) {
      auto s = expression_shapes(part, 100000);
      ASSERT_TRUE(s) << part;
      joined.insert(joined.end(), s->begin(), s->end());
    }
    auto key = [](const Shape& s) { return shape_expression(s); };
    std::vector<std::string> a, b;
    for (const auto& s : *whole) a.push_back(key(s));
    for (const auto& s : joined) b.push_back(key(s));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    EXPECT_EQ(a, b) << p;
  }
}

}  // namespace
}  // namespace assay::lexicon
