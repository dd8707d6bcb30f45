// Tests for corpus/stance: the shipped model on pairs written for the test,
// the model file both ways, the FNC-1 score and cross-validation.
#include "assay/corpus/stance.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/embedded.h"

namespace assay::corpus {
namespace {

const StanceModel& shipped() {
  static const StanceModel m = [] {
    auto r = StanceModel::load(base::EmbeddedData{});
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
    return r ? std::move(*r) : StanceModel{};
  }();
  return m;
}

// Bodies written for these tests, about made-up events.
constexpr std::string_view kBridgeBody =
    "The Harwick river bridge collapsed early on Sunday after days of heavy flooding, officials confirmed. "
    "No one was on the bridge when it fell into the river, the county police said. Engineers had warned last "
    "year that the bridge's supports were weakened by erosion. The collapse cut the main road between Harwick and "
    "the coast, and drivers face a detour of forty minutes. The county said a temporary crossing would be built.";

constexpr std::string_view kHoaxBody =
    "A viral post claiming that the singer Mara Quell died in a hotel fire is a hoax, her spokesman said on "
    "Friday. Quell is alive and well and rehearsing for her tour, he told reporters. The fake story, which "
    "appeared on a site known for fabricated news, was shared thousands of times before it was debunked. "
    "\"There was no fire and Mara was never in that hotel,\" the spokesman said. The site did not respond.";

constexpr std::string_view kTalksBody =
    "The software maker Altoria may be in early talks to buy the drone start-up Skyloft, according to people "
    "familiar with the matter. The deal could value Skyloft at about $2 billion, the sources said, though "
    "they cautioned that talks might still collapse. Neither company would comment on the reports. Skyloft, "
    "founded in 2019, reportedly turned down an earlier approach. Analysts said it was unclear whether "
    "regulators would allow such a deal.";

TEST(StanceShipped, ReadsAPairThatRepeatsTheHeadlineAsAgreeing) {
  auto p = shipped().predict("Harwick river bridge collapses after flooding", kBridgeBody);
  EXPECT_GT(p.related, shipped().threshold());
  EXPECT_EQ(p.stance, Stance::kAgree) << "P(agree, disagree, discuss) = " << p.among_related[0] << ", "
                                      << p.among_related[1] << ", " << p.among_related[2];
}

// Denial words where the body repeats the headline move the reading toward
// disagree. The shipped model does not always get there: FNC-1's disagree
// bodies are few (840 of 13,427 related pairs) and the words of its
// training bodies weigh more than the cue families, so a clean denial like
// this one may still come out as agree or discuss (docs/EVALUATION.md,
// "Stance (FNC-1)"). What holds is the direction.
TEST(StanceShipped, DenialWordsMoveTheReadingTowardDisagree) {
  auto denial = shipped().predict("Singer Mara Quell dies in hotel fire", kHoaxBody);
  auto report = shipped().predict("Harwick river bridge collapses after flooding", kBridgeBody);
  auto hedged = shipped().predict("Altoria to buy drone start-up Skyloft for $2 billion", kTalksBody);
  EXPECT_GT(denial.related, shipped().threshold());
  EXPECT_GT(denial.among_related[1], report.among_related[1]);
  EXPECT_GT(denial.among_related[1], hedged.among_related[1]);
  EXPECT_NE(denial.stance, Stance::kUnrelated);
}

TEST(StanceShipped, ReadsHedgedReportingAsDiscussing) {
  auto p = shipped().predict("Altoria to buy drone start-up Skyloft for $2 billion", kTalksBody);
  EXPECT_GT(p.related, shipped().threshold());
  EXPECT_EQ(p.stance, Stance::kDiscuss) << "P(agree, disagree, discuss) = " << p.among_related[0] << ", "
                                        << p.among_related[1] << ", " << p.among_related[2];
}

TEST(StanceShipped, ReadsABodyAboutSomethingElseAsUnrelated) {
  EXPECT_EQ(shipped().classify("Singer Mara Quell dies in hotel fire", kBridgeBody), Stance::kUnrelated);
  EXPECT_EQ(shipped().classify("Altoria to buy drone start-up Skyloft", kHoaxBody), Stance::kUnrelated);
  EXPECT_EQ(shipped().classify("Altoria to buy drone start-up Skyloft", kBridgeBody), Stance::kUnrelated);
}

TEST(StanceShipped, MemberStanceNamesTheStoryRelation) {
  EXPECT_EQ(member_stance(shipped(), "Harwick river bridge collapses after flooding", kBridgeBody), StoryStance::kSupport);
  EXPECT_EQ(member_stance(shipped(), "Altoria to buy drone start-up Skyloft", kTalksBody), StoryStance::kDiscuss);
  EXPECT_EQ(member_stance(shipped(), "Singer Mara Quell dies in hotel fire", kTalksBody), StoryStance::kUnrelated);
  EXPECT_STREQ(story_stance_name(to_story_stance(Stance::kAgree)), "support");
  EXPECT_STREQ(story_stance_name(to_story_stance(Stance::kDiscuss)), "discuss");
  EXPECT_STREQ(story_stance_name(to_story_stance(Stance::kDisagree)), "dispute");
}

TEST(StanceShipped, HeaderSaysWhatItWasTrainedOn) {
  EXPECT_NE(shipped().trained_on().find("FNC-1"), std::string::npos);
  EXPECT_GT(shipped().vocabulary(), 1000u);
}

TEST(StanceNames, RoundTrip) {
  for (Stance s : {Stance::kAgree, Stance::kDisagree, Stance::kDiscuss, Stance::kUnrelated})
    EXPECT_EQ(parse_stance(stance_name(s)), s);
  EXPECT_FALSE(parse_stance("support").has_value());
}

// A small training set written for the test: four topics, each body paired
// with its own headline (agree, discuss or disagree by its wording) and with
// the other topics' headlines (unrelated).
std::vector<StancePair> toy_pairs(std::vector<std::string>& storage) {
  storage = {
      "Harwick bridge collapses after flooding", std::string(kBridgeBody),
      "Singer Mara Quell dies in hotel fire", std::string(kHoaxBody),
      "Altoria to buy drone start-up Skyloft", std::string(kTalksBody),
      "Comet seen over Lisbon", "A bright comet was seen over Lisbon on Monday night, astronomers confirmed.",
  };
  const Stance own[] = {Stance::kAgree, Stance::kDisagree, Stance::kDiscuss, Stance::kAgree};
  std::vector<StancePair> pairs;
  for (int rep = 0; rep < 3; ++rep)
    for (std::size_t h = 0; h < 4; ++h)
      for (std::size_t b = 0; b < 4; ++b)
        pairs.push_back({storage[2 * h], storage[2 * b + 1], h == b ? own[b] : Stance::kUnrelated, b});
  return pairs;
}

TEST(StanceTraining, TheFileReadsBackToTheSameModel) {
  std::vector<std::string> storage;
  auto pairs = toy_pairs(storage);
  StanceModel m = train_stance(pairs, {.epochs = 20, .trained_on = "toy pairs"});
  std::string tsv = m.to_tsv();
  auto back = StanceModel::parse(tsv, "toy.tsv");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->to_tsv(), tsv);
  EXPECT_EQ(back->trained_on(), "toy pairs");
  for (const auto& p : pairs) {
    auto a = m.predict(p.headline, p.body), b = back->predict(p.headline, p.body);
    EXPECT_EQ(a.stance, b.stance);
    EXPECT_NEAR(a.related, b.related, 1e-3);
  }
  // It learned its own training pairs.
  for (const auto& p : pairs) EXPECT_EQ(m.classify(p.headline, p.body), p.stance) << p.headline;
}

TEST(StanceTraining, SameSeedSameModel) {
  std::vector<std::string> storage;
  auto pairs = toy_pairs(storage);
  EXPECT_EQ(train_stance(pairs, {}).to_tsv(), train_stance(pairs, {}).to_tsv());
}

TEST(StanceModelFile, NamesTheLineOfABadRow) {
  auto r = StanceModel::parse("# model: stance\n# documents: 10\nsection\tfeature\tweights\nrelated\tcos\t0.5\tx\n", "m.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().to_string(), "m.tsv:4: 'x' is not a number");
  r = StanceModel::parse("# model: stance\n# documents: 10\nsection\tfeature\tweights\nstance\tcos\t0.5\n", "m.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().to_string().find("m.tsv:4: a 'stance' row has 3 cells, expected 5"), std::string::npos);
  r = StanceModel::parse("# model: bias\n", "m.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().to_string().find("not a stance model"), std::string::npos);
  r = StanceModel::parse("# model: stance\nsection\tfeature\tweights\n", "m.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().to_string().find("documents"), std::string::npos);
}

TEST(StanceScore, WeightsTheRelatedSideAndTheExactClass) {
  StanceScore s;
  s.add(Stance::kAgree, Stance::kAgree);          // 1.0 of 1.0
  s.add(Stance::kAgree, Stance::kDiscuss);        // 0.25 of 1.0
  s.add(Stance::kDisagree, Stance::kUnrelated);   // 0 of 1.0
  s.add(Stance::kUnrelated, Stance::kUnrelated);  // 0.25 of 0.25
  s.add(Stance::kUnrelated, Stance::kDiscuss);    // 0 of 0.25
  EXPECT_DOUBLE_EQ(s.weighted(), 1.5 / 3.5);
  EXPECT_EQ(s.total(), 5u);
  EXPECT_DOUBLE_EQ(s.f1(Stance::kAgree), 2.0 / 3.0);  // tp 1, gold 2, predicted 1
  EXPECT_DOUBLE_EQ(s.f1(Stance::kDisagree), 0.0);
}

TEST(StanceCrossValidation, ScoresEveryPairOnceAndIsDeterministic) {
  std::vector<std::string> storage;
  auto pairs = toy_pairs(storage);
  int folds_seen = 0;
  StanceScore a = cross_validate_stance(pairs, 2, {}, [&](int) { ++folds_seen; });
  StanceScore b = cross_validate_stance(pairs, 2, {});
  EXPECT_EQ(a.confusion, b.confusion);
  EXPECT_LE(a.total(), pairs.size());
  EXPECT_GT(folds_seen, 0);
  EXPECT_EQ(cross_validate_stance(pairs, 1, {}).total(), 0u);
}

}  // namespace
}  // namespace assay::corpus
