#include "assay/analysis/linear_model.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace assay::analysis {
namespace {

TEST(LinearModel, ParseScoreAndRoundTrip) {
  auto m = LinearModel::parse("# model: t\n# target: opinion\n# threshold: 0.6\nfeature\tweight\n(bias)\t-1\nw:awful\t3\nc:hedge\t-0.5\n",
                              "t.tsv");
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_EQ(m->target(), ModelTarget::kOpinion);
  EXPECT_DOUBLE_EQ(m->score({"w:awful", "w:other"}), 2.0);
  EXPECT_GT(m->probability({"w:awful"}), m->threshold());
  EXPECT_LT(m->probability({"c:hedge"}), m->threshold());
  EXPECT_EQ(m->strongest({"c:hedge", "w:awful"}), "w:awful");
  auto again = LinearModel::parse(m->to_tsv(), "again.tsv");
  ASSERT_TRUE(again.has_value());
  EXPECT_DOUBLE_EQ(again->score({"w:awful", "c:hedge"}), m->score({"w:awful", "c:hedge"}));
}

TEST(LinearModel, VetoHeaderRoundTrips) {
  auto m = LinearModel::parse("# target: hedge\n# threshold: 0.6\n# veto: 0.35 may could\n(bias)\t-1\n", "v.tsv");
  ASSERT_TRUE(m.has_value()) << m.error().to_string();
  EXPECT_DOUBLE_EQ(m->veto(), 0.35);
  EXPECT_EQ(m->veto_cues(), (std::vector<std::string>{"may", "could"}));
  auto again = LinearModel::parse(m->to_tsv(), "again.tsv");
  ASSERT_TRUE(again.has_value());
  EXPECT_DOUBLE_EQ(again->veto(), 0.35);
  EXPECT_EQ(again->veto_cues(), m->veto_cues());
  auto none = LinearModel::parse("# target: hedge\n(bias)\t-1\n", "n.tsv");
  EXPECT_EQ(none->veto(), 0.0);
  EXPECT_EQ(none->to_tsv().find("# veto"), std::string::npos);
  auto bad = LinearModel::parse("# target: hedge\n# veto: lots may\n", "b.tsv");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().to_string(), "b.tsv:2: veto \"lots\" is not in [0, 1)");
}

TEST(LinearModel, ErrorsNameFileAndLine) {
  auto a = LinearModel::parse("# target: nonsense\n", "a.tsv");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().to_string(), "a.tsv:1: unknown target \"nonsense\"");
  auto b = LinearModel::parse("# target: hedge\nw:x\tlots\n", "b.tsv");
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().to_string(), "b.tsv:2:5: weight \"lots\" is not a number");
  auto c = LinearModel::parse("w:x\t1\n", "c.tsv");
  ASSERT_FALSE(c.has_value());
  EXPECT_NE(c.error().to_string().find("missing \"# target:\""), std::string::npos);
}

TEST(LinearModel, TrainSeparatesASimpleSignalDeterministically) {
  std::vector<std::vector<std::string>> x;
  std::vector<bool> y;
  for (int i = 0; i < 200; ++i) {
    bool pos = i % 2 == 0;
    x.push_back({pos ? "w:good" : "w:bad", "w:the", i % 3 ? "w:noise" : "w:other"});
    y.push_back(pos);
  }
  auto m1 = train_logistic("toy", ModelTarget::kOpinion, x, y, {}, "toy data");
  auto m2 = train_logistic("toy", ModelTarget::kOpinion, x, y, {}, "toy data");
  EXPECT_EQ(m1.to_tsv(), m2.to_tsv());
  EXPECT_GT(m1.probability({"w:good", "w:the"}), 0.9);
  EXPECT_LT(m1.probability({"w:bad", "w:the"}), 0.1);
}

TEST(Features, WordsPairsCuesAndRuleLabels) {
  std::string t = "Prices could rise 5%.";
  std::vector<text::Token> toks;
  text::tokenize(t, {0, static_cast<std::uint32_t>(t.size())}, toks);
  std::vector<lexicon::Cue> cues = {{{7, 12}, lexicon::Category::kHedge, 0}};
  LabelSet l;
  l.add(Label::kHedge);
  std::vector<std::string> f;
  sentence_features(t, {0, static_cast<std::uint32_t>(t.size())}, toks, cues, {}, l, f);
  for (const char* want : {"w:prices", "w:could", "w:rise", "c:hedge", "r:hedge", "s:number", "w:0"})
    EXPECT_TRUE(std::find(f.begin(), f.end(), want) != f.end()) << want;
  EXPECT_TRUE(std::is_sorted(f.begin(), f.end()));
}

TEST(Features, HashesAreTheHashesOfTheStrings) {
  // Typographic apostrophes, digits, quotes and punctuation all go through
  // both forms.
  std::string t = "\xE2\x80\x9CWe won\xE2\x80\x99t sell,\xE2\x80\x9D said O'Neil of ACME-3 in 2024? Yes!";
  std::vector<text::Token> toks;
  text::tokenize(t, {0, static_cast<std::uint32_t>(t.size())}, toks);
  std::vector<lexicon::Cue> cues = {{{0, 5}, lexicon::Category::kFirstPerson, 0},
                                    {{28, 32}, lexicon::Category::kAttrVerb, 0}};
  std::vector<base::Span> quotes = {{0, 27}};
  LabelSet l;
  l.add(Label::kSourceNamed);
  std::vector<std::string> f;
  sentence_features(t, {0, static_cast<std::uint32_t>(t.size())}, toks, cues, quotes, l, f);
  std::vector<std::uint64_t> want;
  for (const auto& s : f) want.push_back(feature_hash(s));
  std::sort(want.begin(), want.end());
  std::vector<std::uint64_t> got;
  sentence_feature_hashes(t, {0, static_cast<std::uint32_t>(t.size())}, toks, cues, quotes, l, got);
  EXPECT_EQ(got, want);
  EXPECT_TRUE(std::find(f.begin(), f.end(), "w:won't") != f.end());
  EXPECT_TRUE(std::find(f.begin(), f.end(), "f:pronoun") != f.end()) << "the first word after the quote mark";
  EXPECT_TRUE(std::find(f.begin(), f.end(), "q:first_person") != f.end());
  EXPECT_TRUE(std::find(f.begin(), f.end(), "c:attr.verb") != f.end());
}

TEST(Features, SentenceShape) {
  auto features = [](const std::string& t) {
    std::vector<text::Token> toks;
    text::tokenize(t, {0, static_cast<std::uint32_t>(t.size())}, toks);
    std::vector<std::string> f;
    sentence_features(t, {0, static_cast<std::uint32_t>(t.size())}, toks, {}, {}, {}, f);
    return f;
  };
  auto has = [](const std::vector<std::string>& f, const char* x) { return std::find(f.begin(), f.end(), x) != f.end(); };
  auto a = features("Trump charges that Mary Lou Smith lied.");
  EXPECT_TRUE(has(a, "f:capital"));
  EXPECT_TRUE(has(a, "s:name"));
  auto b = features("prices fell in Beijing.");
  EXPECT_TRUE(has(b, "f:lower"));
  EXPECT_FALSE(has(b, "s:name")) << "one capitalised word is not a run";
}

TEST(Features, EvaluativeEndings) {
  // One "x:" feature per word of 6 letters or more, the longest ending that
  // fits with 3 letters before it; as written (case kept).
  auto endings = [](const std::string& t) {
    std::vector<text::Token> toks;
    text::tokenize(t, {0, static_cast<std::uint32_t>(t.size())}, toks);
    std::vector<std::string> f;
    sentence_features(t, {0, static_cast<std::uint32_t>(t.size())}, toks, {}, {}, {}, f);
    std::vector<std::string> x;
    for (const auto& s : f)
      if (s.starts_with("x:")) x.push_back(s);
    return x;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(endings("cynically"), V{"x:ically"});
  EXPECT_EQ(endings("logically"), V{"x:ically"});
  EXPECT_EQ(endings("comically"), V{"x:ically"});
  EXPECT_EQ(endings("archly"), V{"x:ly"}) << "ically needs 3 letters before it";
  EXPECT_EQ(endings("famously"), V{"x:ously"});
  EXPECT_EQ(endings("massively"), V{"x:ively"});
  EXPECT_EQ(endings("wilfully"), V{"x:fully"});
  EXPECT_EQ(endings("firmly"), V{"x:ly"});
  EXPECT_EQ(endings("cynical"), V{"x:ical"});
  EXPECT_EQ(endings("painful"), V{"x:ful"});
  EXPECT_EQ(endings("dubious"), V{"x:ous"});
  EXPECT_EQ(endings("needless"), V{"x:less"});
  EXPECT_EQ(endings("alarmism"), V{"x:ism"});
  EXPECT_EQ(endings("alarmist"), V{"x:ist"});
  EXPECT_EQ(endings("abusive"), V{"x:ive"});
  EXPECT_EQ(endings("laughable"), V{"x:able"});
  EXPECT_EQ(endings("supper fully ously Useless USELESS market prices"), V{"x:less"})
      << "under 6 letters, no ending, or another case";
}

TEST(ModelSet, ScoresLikeEachModelAlone) {
  auto a = LinearModel::parse("# target: opinion\n(bias)\t-1\nw:awful\t3\nw:bad\t3\nc:hedge\t-0.5\n", "a.tsv");
  auto b = LinearModel::parse("# target: hedge\n(bias)\t0.25\nc:hedge\t2\nw:awful\t-1\nw:may\t0.5\n", "b.tsv");
  ASSERT_TRUE(a.has_value() && b.has_value());
  ModelSet set({*a, *b});
  for (std::vector<std::string> f : std::vector<std::vector<std::string>>{
           {}, {"w:awful"}, {"c:hedge", "w:awful", "w:bad"}, {"w:may", "w:unknown"}, {"c:hedge", "w:may"}}) {
    std::sort(f.begin(), f.end());
    std::vector<std::uint64_t> h;
    for (const auto& s : f) h.push_back(feature_hash(s));
    std::sort(h.begin(), h.end());
    std::vector<ModelSet::Score> scores;
    set.score(h, scores);
    ASSERT_EQ(scores.size(), 2u);
    EXPECT_DOUBLE_EQ(scores[0].probability, a->probability(f));
    EXPECT_DOUBLE_EQ(scores[1].probability, b->probability(f));
    // Ties (w:awful and w:bad weigh 3) go to the feature that sorts first.
    EXPECT_EQ(scores[0].strongest, a->strongest(f));
    EXPECT_EQ(scores[1].strongest, b->strongest(f));
  }
}

}  // namespace
}  // namespace assay::analysis
