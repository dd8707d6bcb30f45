#include "assay/lexicon/lexicon.h"

#include <gtest/gtest.h>

#include <string>

namespace assay::lexicon {
namespace {

std::shared_ptr<const Matcher> compile_rows(const std::string& tsv) {
  std::vector<Entry> entries;
  base::Errors errors;
  Lexicon::parse_file("t.tsv", tsv, entries, errors);
  EXPECT_TRUE(errors.empty());
  auto m = Matcher::compile(Lexicon(std::move(entries)));
  EXPECT_TRUE(m.has_value());
  return m ? *m : nullptr;
}

std::vector<std::string> matches(const Matcher& m, std::string_view text) {
  auto scratch = m.new_scratch();
  std::vector<Cue> cues;
  m.scan(text, scratch, cues);
  std::vector<std::string> out;
  for (auto& c : cues) out.emplace_back(c.span.of(text));
  return out;
}

TEST(Lexicon, EmbeddedLexiconsLoadAndCompile) {
  auto lex = Lexicon::load(base::EmbeddedData{});
  ASSERT_TRUE(lex.has_value()) << (lex ? "" : lex.error().front().to_string());
  EXPECT_GT(lex->size(), 500u);
  for (std::size_t c = 0; c < kCategoryCount; ++c)
    EXPECT_GT(lex->count(static_cast<Category>(c)), 0u) << category_name(static_cast<Category>(c));
  auto m = Matcher::compile(*lex);
  ASSERT_TRUE(m.has_value()) << m.error().front().to_string();
  EXPECT_TRUE((*m)->precompiled()) << "the embedded lexicons should load from the build-time database";
  auto unreachable = find_unreachable(*lex);
  for (const auto& e : unreachable) ADD_FAILURE() << e.to_string();
}

TEST(Lexicon, WordBoundariesCaseAndTypographicQuotes) {
  auto m = compile_rows("hedge\tmay\t1\tmodal\nopinion\tLynas's\t1\tx\nforecast\tis set to\t1\tx\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(matches(*m, "It may rise; dismay is no match."), (std::vector<std::string>{"may"}));
  EXPECT_EQ(matches(*m, "MAY"), (std::vector<std::string>{"MAY"}));
  EXPECT_EQ(matches(*m, "Lynas\xE2\x80\x99s plant"), (std::vector<std::string>{"Lynas\xE2\x80\x99s"}));
  EXPECT_EQ(matches(*m, "lynas's plant"), (std::vector<std::string>{}));  // upper case: case-sensitive
  EXPECT_EQ(matches(*m, "it is\xC2\xA0set  to"), (std::vector<std::string>{"is\xC2\xA0set  to"}));
  // A class of capitals asks for capitals (a ticker); "[Bb]" takes either case.
  auto t = compile_rows("promo\t([Bb]uy|[Aa]dd) [A-Z]{2,6}\\b\t2\tx\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(matches(*t, "Buy NLC now, buy USAR later."), (std::vector<std::string>{"Buy NLC", "buy USAR"}));
  EXPECT_EQ(matches(*t, "users buy the vast majority"), (std::vector<std::string>{}));
  EXPECT_TRUE(is_case_sensitive("long [A-Z]{2,6}"));
  EXPECT_FALSE(is_case_sensitive("[Bb]uy"));
  EXPECT_FALSE(is_case_sensitive("rare[- ]earth"));
}

TEST(Lexicon, ErrorsNameFileLineAndField) {
  std::vector<Entry> entries;
  base::Errors errors;
  Lexicon::parse_file("data/lexicons/x.tsv",
                      "category\tpattern\tweight\tnote\n"
                      "hedge\tmay\t1\tok\n"
                      "nonsense\tfoo\t1\tbad category\n"
                      "hedge\tmay\t1\tduplicate\n"
                      "hedge\tbar\theavy\tbad weight\n"
                      "hedge\tonly three\t1\n",
                      entries, errors);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].to_string(), "data/lexicons/x.tsv:3:1: category: unknown category \"nonsense\"");
  EXPECT_EQ(errors[1].to_string(), "data/lexicons/x.tsv:4:7: pattern: duplicate pattern \"may\" in category hedge");
  EXPECT_EQ(errors[2].to_string(), "data/lexicons/x.tsv:5:11: weight: weight \"heavy\" is not a number in [-10, 10]");
  EXPECT_NE(errors[3].to_string().find("x.tsv:6:1: expected 4 tab-separated columns"), std::string::npos);
  EXPECT_EQ(entries.size(), 1u);
}

TEST(Lexicon, BadPatternIsReportedWithLine) {
  std::vector<Entry> entries;
  base::Errors errors;
  Lexicon::parse_file("l.tsv", "hedge\t(unclosed\t1\tx\nhedge\tx*\t1\tmatches empty\n", entries, errors);
  ASSERT_TRUE(errors.empty());
  auto m = Matcher::compile(Lexicon(std::move(entries)));
  ASSERT_FALSE(m.has_value());
  ASSERT_EQ(m.error().size(), 2u);
  EXPECT_NE(m.error()[0].to_string().find("l.tsv:1: pattern: pattern \"(unclosed\" does not compile"), std::string::npos)
      << m.error()[0].to_string();
  EXPECT_NE(m.error()[1].to_string().find("l.tsv:2:"), std::string::npos);
}

TEST(Lexicon, UnreachablePatternsAreFound) {
  std::vector<Entry> entries;
  base::Errors errors;
  Lexicon::parse_file("u.tsv", "hedge\tmay\t1\tok\nhedge\tmaybe\t1\tnever fires on \"it may be\"\nhedge\tcould\t1\tfires on \"it could rise\"\n", entries, errors);
  auto problems = find_unreachable(Lexicon(std::move(entries)));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].to_string().find("u.tsv:2"), std::string::npos);
}

TEST(Matcher, ScanFindsAllCategoriesSorted) {
  auto lex = Lexicon::load(base::EmbeddedData{});
  ASSERT_TRUE(lex.has_value());
  auto m = Matcher::compile(*lex);
  ASSERT_TRUE(m.has_value());
  std::string text = "Beijing could be seeking to squeeze rivals, people familiar with the matter said.";
  auto scratch = (*m)->new_scratch();
  std::vector<Cue> cues;
  (*m)->scan(text, scratch, cues);
  bool hedge = false, intent = false, anon = false, verb = false;
  for (auto& c : cues) {
    hedge |= c.category == Category::kHedge && c.span.of(text) == "could";
    intent |= c.category == Category::kIntent && c.span.of(text) == "seeking to";
    anon |= c.category == Category::kAttrAnonymous;
    verb |= c.category == Category::kAttrVerb && c.span.of(text) == "said";
  }
  EXPECT_TRUE(hedge && intent && anon && verb);
  for (std::size_t i = 1; i < cues.size(); ++i) EXPECT_LE(cues[i - 1].span.begin, cues[i].span.begin);
}

}  // namespace
}  // namespace assay::lexicon
