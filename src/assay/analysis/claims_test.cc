#include "assay/analysis/claims.h"
#include "assay/analysis/claims_internal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/analysis/quantity.h"
#include "assay/base/strings.h"

namespace assay::analysis {
namespace {

const kb::Kb& test_kb() {
  static const kb::Kb kb = [] {
    auto r = kb::load(base::EmbeddedData{});
    EXPECT_TRUE(r.has_value());
    if (!r) std::abort();
    return std::move(*r);
  }();
  return kb;
}

// The only claim of `text`; fails the test when there is not exactly one.
Claim only(std::string_view text) {
  auto cs = find_claims(text, &test_kb());
  EXPECT_EQ(cs.size(), 1u) << text;
  if (cs.size() != 1) return {};
  return cs[0];
}

using Ids = std::vector<std::string>;

TEST(Subjects, CountriesAdjectivesCapitalsAndCompanies) {
  auto s = resolve_subjects("Beijing and Kuala Lumpur argued; Lynas and the Chinese side, not us, agreed in the US.",
                            &test_kb());
  Ids ids;
  for (const auto& m : s) ids.push_back(m.id);
  EXPECT_EQ(ids, (Ids{"country:China", "country:Malaysia", "company:lynas", "country:China", "country:United States"}));
  // Lower-case words are never names: "us" the pronoun, "china" the porcelain.
  EXPECT_TRUE(resolve_subjects("give us fine china", &test_kb()).empty());
}

TEST(Claims, ProductionOfACountryWithYearAndHedge) {
  for (std::string_view text : {"China mined about 270,000 tonnes of rare earths in 2025.",
                                "In 2025, Chinese mines produced roughly 270,000 tonnes of rare earth oxide.",
                                "China's rare-earth mine production was around 270,000 t in 2025."}) {
    SCOPED_TRACE(std::string(text));
    Claim c = only(text);
    EXPECT_EQ(c.kind, ClaimKind::kProduction);
    EXPECT_EQ(c.subject, (Ids{"country:China"}));
    EXPECT_EQ(c.measure, "mine_production");
    EXPECT_DOUBLE_EQ(*c.value, 270000);
    EXPECT_EQ(c.year, 2025);
    EXPECT_EQ(c.bound, Bound::kApprox);
    EXPECT_FALSE(c.hedge.empty());
    EXPECT_DOUBLE_EQ(c.precision, 10000);
    EXPECT_EQ(c.scope, ClaimScope::kCountry);
  }
}

TEST(Claims, ReservesAndResources) {
  Claim r = only("Brazil holds reserves of 21 million tonnes of rare earths.");
  EXPECT_EQ(r.kind, ClaimKind::kReserves);
  EXPECT_EQ(r.measure, "reserves");
  EXPECT_DOUBLE_EQ(*r.value, 21e6);
  EXPECT_DOUBLE_EQ(r.precision, 1e6);
  Claim m = only("Malaysia has rare-earth resources estimated at 16.1 million tonnes.");
  EXPECT_EQ(m.kind, ClaimKind::kReserves);
  EXPECT_EQ(m.measure, "resources");
  EXPECT_DOUBLE_EQ(m.precision, 1e5);
}

TEST(Claims, ShareOfAStage) {
  for (std::string_view text : {"China controls about 90% of global rare-earth refining.",
                                "About 90 percent of the world's refining capacity is in China.",
                                "China accounts for nearly 90% of rare earth processing."}) {
    SCOPED_TRACE(std::string(text));
    Claim c = only(text);
    EXPECT_EQ(c.kind, ClaimKind::kShare);
    // A share of refining capacity is another measure than a share of refining (output).
    EXPECT_EQ(c.measure, text.find("capacity") != std::string_view::npos ? "capacity_share" : "china_share");
    ASSERT_TRUE(c.stage.has_value());
    EXPECT_EQ(*c.stage, kb::Stage::kSeparation);
    EXPECT_DOUBLE_EQ(*c.value, 90);
    EXPECT_EQ(c.bound, Bound::kApprox);
  }
  Claim m = only("Australia supplied 7% of the world's mined rare earths in 2025.");
  EXPECT_EQ(m.kind, ClaimKind::kShare);
  EXPECT_EQ(m.measure, "share");
  EXPECT_EQ(*m.stage, kb::Stage::kMining);
  // "just over", "slightly less than": close to the figure, not an open bound.
  EXPECT_EQ(only("China makes just over half of the world's magnets.").bound, Bound::kApprox);
  EXPECT_EQ(only("Japan makes slightly less than 10% of the world's magnets.").bound, Bound::kApprox);
  EXPECT_EQ(only("China makes more than half of the world's magnets.").bound, Bound::kAtLeast);
  // A change is not a share.
  EXPECT_TRUE(find_claims("Exports from China rose 9% in July.", &test_kb()).empty());
}

TEST(Claims, RatesStakesLeviesAndGradesAreNoShares) {
  for (std::string_view text : {"The miner bought a 10% stake in the refinery.",
                                "Washington put a 25% tariff on Chinese magnets.",
                                "The study used an 8% discount rate for the project.",
                                "The project's internal rate of return is 21%, the company said.",
                                "China levies a 20% tax on rare-earth exports.",
                                "The deposit has an ore grade of 2.4% TREO.",
                                "A 51%-owned unit of the group runs the plant.",
                                "Its gross margin rose to 35% last year."}) {
    for (const auto& c : find_claims(text, &test_kb())) EXPECT_NE(c.kind, ClaimKind::kShare) << text;
  }
  // Near-misses: shares beside such words stay shares.
  EXPECT_EQ(only("State-owned firms hold 70% of China's separation output.").kind, ClaimKind::kShare);
  EXPECT_EQ(only("China accounts for about 90% of the world's refining of rare earths.").kind, ClaimKind::kShare);
}

TEST(Claims, ATonnageStillToBeReachedIsAProspect) {
  for (std::string_view text : {"The plant can be expanded to 5,000 tonnes a year.",
                                "Lynas plans to raise output to 12,000 tonnes of NdPr oxide.",
                                "The company expects capacity to reach about 40,000 t by 2027.",
                                "MP Materials aims to lift magnet output to 10,000 tonnes a year."}) {
    auto cs = find_claims(text, &test_kb());
    ASSERT_FALSE(cs.empty()) << text;
    for (const auto& c : cs) {
      if (c.kind == ClaimKind::kCapacity || c.kind == ClaimKind::kProduction) {
        EXPECT_TRUE(c.prospect) << text;
      }
    }
  }
  // A change that happened is a figure of its year.
  EXPECT_FALSE(only("China's mine output rose to 270,000 tonnes in 2025.").prospect);
  EXPECT_FALSE(only("The refinery can process 10,500 tonnes a year.").prospect);
}

TEST(Claims, SeparatelyIsNoStage) {
  auto c = only("Separately, China produced 270,000 tonnes of rare earths in 2025.");
  ASSERT_TRUE(c.stage.has_value());
  EXPECT_EQ(*c.stage, kb::Stage::kMining);
  EXPECT_EQ(*only("China separated 90% of the world's rare earths in 2025.").stage, kb::Stage::kSeparation);
}

TEST(Claims, Rank) {
  Claim c = only("Myanmar is the world's third-largest producer of rare earths.");
  EXPECT_EQ(c.kind, ClaimKind::kRank);
  EXPECT_EQ(c.rank, 3);
  EXPECT_EQ(c.subject, (Ids{"country:Myanmar"}));
  EXPECT_EQ(c.measure, "mine_production");
  Claim o = only("Australia is the largest rare-earth miner outside China.");
  EXPECT_EQ(o.rank, 1);
  EXPECT_EQ(o.scope, ClaimScope::kOutsideChina);
  EXPECT_EQ(o.subject, (Ids{"country:Australia"}));
  Claim s = only("Malaysia is the second biggest refiner of rare earths.");
  EXPECT_EQ(s.rank, 2);
  EXPECT_EQ(*s.stage, kb::Stage::kSeparation);
  Claim r = only("Vietnam has the world's second-largest reserves.");
  EXPECT_EQ(r.measure, "reserves");
  // Superlatives without a producer noun are no rank claim.
  EXPECT_TRUE(find_claims("China held its largest military parade.", &test_kb()).empty());
}

TEST(Claims, Price) {
  Claim c = only("NdPr oxide averaged $55 per kilogram in 2024.");
  EXPECT_EQ(c.kind, ClaimKind::kPrice);
  EXPECT_EQ(c.element, "NdPr");
  EXPECT_EQ(c.unit, "USD/kg");
  EXPECT_EQ(c.year, 2024);
  Claim d = only("Dysprosium oxide sold for about $850 a kilogram in Europe in May 2025.");
  EXPECT_EQ(d.element, "Dy");
  EXPECT_EQ(d.date, "2025-05");
}

TEST(Claims, CapacityOfACompany) {
  Claim c = only("Lynas can produce 10,500 tonnes of NdPr a year.");
  EXPECT_EQ(c.kind, ClaimKind::kCapacity);
  EXPECT_EQ(c.subject.front(), "company:lynas");
  EXPECT_EQ(c.element, "NdPr");
}

TEST(Claims, PolicyPresentAndPast) {
  Claim c = only("China restricts exports of dysprosium.");
  EXPECT_EQ(c.kind, ClaimKind::kPolicy);
  EXPECT_EQ(c.measure, "export_control");
  EXPECT_EQ(c.element, "Dy");
  EXPECT_TRUE(c.present);
  Claim b = only("Malaysia bans exports of raw rare earths.");
  EXPECT_EQ(b.measure, "export_ban");
  EXPECT_EQ(*b.stage, kb::Stage::kMining);
  Claim p = only("China banned rare-earth shipments to Japan in 2010.");
  EXPECT_FALSE(p.present);
  EXPECT_EQ(p.subject, (Ids{"country:China"}));
  Claim t = only("Beijing prohibits the export of rare-earth separation technology.");
  EXPECT_EQ(t.measure, "technology_export_ban");
  // No state, no policy claim.
  EXPECT_TRUE(find_claims("Exporters said the ban hurt them.", &test_kb()).empty());
}

TEST(Claims, OperationAndEvent) {
  Claim o = only("Lynas operates a separation plant in Malaysia.");
  EXPECT_EQ(o.kind, ClaimKind::kOperation);
  EXPECT_EQ(o.measure, "operating");
  EXPECT_EQ(o.subject.front(), "company:lynas");
  Claim r = only("Solvay runs a rare-earth separation plant in France.");
  EXPECT_EQ(r.kind, ClaimKind::kOperation);
  EXPECT_EQ(r.measure, "operating");
  // "runs" without a plant is no operation claim.
  EXPECT_TRUE(find_claims("Solvay runs the risk of delays.", &test_kb()).empty());
  Claim e = only("Kachin rebels in Myanmar seized the main mining hub in October 2024.");
  EXPECT_EQ(e.kind, ClaimKind::kEvent);
  EXPECT_EQ(e.measure, "seized");
  EXPECT_EQ(e.date, "2024-10");
}

// A figure that makes no claim (a rise in prices) does not hide a claim of
// another kind in the same sentence: the gate asks each kind's own test
// (claims.cc, figure_kind and the tests after it), and the words that may
// start a kind are looked for in sentences with figures too.
TEST(Claims, AFigureOfNoClaimLeavesThePolicyAndEventClaims) {
  auto policy = find_claims("China restricts exports of dysprosium after prices rose 20% this year.", &test_kb());
  ASSERT_EQ(policy.size(), 1u);
  EXPECT_EQ(policy[0].kind, ClaimKind::kPolicy);
  EXPECT_EQ(policy[0].measure, "export_control");
  auto event = find_claims("Myanmar rebels seized the Kachin mine after prices rose 20% in May.", &test_kb());
  ASSERT_EQ(event.size(), 1u);
  EXPECT_EQ(event[0].kind, ClaimKind::kEvent);
  EXPECT_EQ(event[0].measure, "seized");
  // Neither a claim figure nor a word of another kind: no claim.
  EXPECT_TRUE(find_claims("Shares of the miner rose 20% after the results.", &test_kb()).empty());
}

// The analyzer's pre-test: a sentence with no claim figure is read only when
// a run of its letters is a word that may make a claim without one. It must
// never turn down a sentence find_claims_with reads a claim from.
TEST(Claims, MayClaimWithoutFigureNeverHidesAClaim) {
  using internal::may_claim_without_figure;
  const char* with_claims[] = {
      "China restricts exports of dysprosium.",
      "Lynas operates a separation plant in Malaysia.",
      "Kachin rebels in Myanmar seized the main mining hub in October 2024.",
      "China is the world's second-largest producer of terbium.",  // a superlative after a hyphen
      "BEIJING BANNED the export of magnet technology.",             // capitals, a prefix
      "Solvay runs a rare-earth separation plant in France.",
  };
  for (const char* t : with_claims) {
    EXPECT_FALSE(find_claims(t, &test_kb()).empty()) << t;
    EXPECT_TRUE(may_claim_without_figure(t)) << t;
  }
  // No word of a rank, policy, plant status or event: nothing to read, and
  // find_claims agrees.
  const char* without[] = {
      "Analysts expect demand for magnets to grow.",
      "The company's shares fell on Tuesday.",
      "Nobody topped the bidding, said a spokeswoman for the ministry.",  // "nobody", "topped": no trigger word
      "",
  };
  for (const char* t : without) {
    EXPECT_FALSE(may_claim_without_figure(t)) << t;
    EXPECT_TRUE(find_claims(t, &test_kb()).empty()) << t;
  }
  // Letters cut by digits or other bytes start a new run: "3ban" and
  // "x-top" hold trigger words, "Constructionally" is cut and still tested as
  // a prefix of no trigger word it is not.
  EXPECT_TRUE(may_claim_without_figure("rule 3ban"));
  EXPECT_TRUE(may_claim_without_figure("an x-top result"));
  EXPECT_FALSE(may_claim_without_figure("Constructionally speaking, a noncontroversial view."));
  // Each run is first tested by its first three letters (two for a word of
  // two): a word that shares them with a trigger word is still tested whole.
  EXPECT_TRUE(may_claim_without_figure("No."));
  EXPECT_TRUE(may_claim_without_figure("It came out on TOP"));
  EXPECT_TRUE(may_claim_without_figure("Beijing bans it"));
  EXPECT_TRUE(may_claim_without_figure("The mine is running"));
  EXPECT_FALSE(may_claim_without_figure("Go to the tops of the runners' nos"));
  EXPECT_FALSE(may_claim_without_figure("a b c de"));
}

// The two scans of claims.cc read eight bytes at a time; these plain loops
// say what they must find, byte by byte, and texts made of the bytes at the
// edges of each class (letters, digits, '@' '[' '`' '{' '/' ':', bytes of
// 0x80 and more, the three bytes of a typographic apostrophe and of a dash,
// the joiners) put every byte at every place of an eight-byte block.
namespace reference {

bool word_byte(unsigned char c) { return base::is_ascii_alnum(static_cast<char>(c)) || (c >= 0x80 && c != 0xE2); }
bool join_byte(char c) { return c == '-' || c == '\'' || c == '.'; }

std::vector<internal::ClaimWord> words(std::string_view t) {
  std::vector<internal::ClaimWord> out;
  std::size_t i = 0;
  auto starts_word = [&](std::size_t k) { return word_byte(static_cast<unsigned char>(t[k])) || static_cast<unsigned char>(t[k]) == 0xE2; };
  while (i < t.size()) {
    if (!starts_word(i)) {
      ++i;
      continue;
    }
    internal::ClaimWord w;
    const std::size_t b = i;
    while (i < t.size()) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (word_byte(c)) {
        w.lower += base::lower_ascii(static_cast<char>(c));
        ++i;
      } else if (c == 0xE2) {
        if (t.substr(i, 3) == "\xE2\x80\x99") {
          w.lower += '\'';
          i += 3;
        } else {
          w.lower += static_cast<char>(c);
          ++i;
        }
      } else if (join_byte(static_cast<char>(c)) && i + 1 < t.size() && starts_word(i + 1) &&
                 !(c == '.' && base::is_ascii_digit(t[i + 1]))) {
        w.lower += static_cast<char>(c);
        w.dash = w.dash || c == '-';
        ++i;
      } else {
        break;
      }
    }
    w.span = {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)};
    w.capital = base::is_ascii_upper(t[b]);
    out.push_back(std::move(w));
  }
  return out;
}

bool may_claim_without_figure(std::string_view t) {
  for (std::size_t i = 0; i < t.size();) {
    if (!base::is_ascii_alpha(t[i])) {
      ++i;
      continue;
    }
    std::string run;
    while (i < t.size() && base::is_ascii_alpha(t[i])) run += base::lower_ascii(t[i++]);
    if (internal::is_trigger_word(run.substr(0, 17))) return true;
  }
  return false;
}

}  // namespace reference

TEST(Claims, EightByteScansFindWhatBytewiseLoopsFind) {
  const std::string_view pieces[] = {
      "a", "z", "A", "Z", "m", "Q", "0", "9", "5", "@", "[", "`", "{", "/", ":", " ", "  ", ",", "-", "'", ".",
      "\xE2\x80\x99", "\xE2\x80\x94", "\xE2", "\xC3\xA9", "\x80", "\xFF", "\x7F", "ban", "BANS", "Top", "operat",
      "construction", "Constructionally", "restricts", "no", "x", "second-largest", "U.S.", "world's", "3.5",
  };
  std::mt19937 rng(20261208);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1), length(0, 40);
  std::size_t trigger_texts = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string t;
    for (std::size_t k = length(rng); k > 0; --k) t += pieces[piece(rng)];
    const auto want = reference::words(t);
    const auto got = internal::claim_words(t);
    ASSERT_EQ(got.size(), want.size()) << t;
    for (std::size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(got[k].span, want[k].span) << t;
      EXPECT_EQ(got[k].lower, want[k].lower) << t;
      EXPECT_EQ(got[k].capital, want[k].capital) << t;
      EXPECT_EQ(got[k].dash, want[k].dash) << t;
    }
    const bool may = reference::may_claim_without_figure(t);
    ASSERT_EQ(internal::may_claim_without_figure(t), may) << t;
    trigger_texts += may;
  }
  // Both answers were asked for many texts.
  EXPECT_GT(trigger_texts, 1000u);
  EXPECT_LT(trigger_texts, 19000u);
}

TEST(Claims, ClaimFigureIsAShareTonnageOrPrice) {
  auto figure = [](std::string_view text) {
    std::vector<Quantity> qs;
    find_quantities(text, qs);
    return std::any_of(qs.begin(), qs.end(), internal::claim_figure);
  };
  EXPECT_TRUE(figure("China mined 240,000 tonnes in 2023."));
  EXPECT_TRUE(figure("It holds a 70% share."));
  EXPECT_FALSE(figure("The deal is worth $2 billion."));
  EXPECT_FALSE(figure("Three people were hurt."));
}

}  // namespace
}  // namespace assay::analysis
