// Entity linking (link.h), one family of names at a time, on sentences
// written for the test: each family with several phrasings, and near-misses
// that must not link.
#include "assay/analysis/link.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "assay/analysis/test_support_internal.h"

namespace assay::analysis {
namespace {

DocumentAnalysis run(const std::string& text) {
  const Analyzer& a = test_support::shared_analyzer({.models = false, .impact = false});
  text::Document doc;
  doc.text = text;
  auto scratch = a.new_scratch();
  return a.analyze(doc, scratch);
}

// "text -> table:id" for every mention (null rows as "text -> -").
std::vector<std::string> links(const DocumentAnalysis& a) {
  std::vector<std::string> out;
  for (const auto& m : a.entity_mentions) out.push_back(m.text + " -> " + (m.kb ? kb_key(m) : "-"));
  return out;
}

const EntityMention* find(const DocumentAnalysis& a, std::string_view text) {
  for (const auto& m : a.entity_mentions)
    if (m.text == text) return &m;
  return nullptr;
}

TEST(Link, CountryNamesAdjectivesAndCapitals) {
  auto a = run("Malaysian officials met Australian buyers. Canberra said the deal stands, "
               "while Kuala Lumpur stayed silent and Tokyo welcomed it.");
  EXPECT_EQ(links(a), (std::vector<std::string>{"Malaysian -> countries:Malaysia", "Australian -> countries:Australia",
                                                "Canberra -> countries:Australia", "Kuala Lumpur -> countries:Malaysia",
                                                "Tokyo -> countries:Japan"}));
  EXPECT_EQ(find(a, "Malaysian")->form, "adjective");
  EXPECT_EQ(find(a, "Canberra")->form, "capital");
  EXPECT_EQ(find(a, "Canberra")->kind, MentionKind::kCountry);
}

TEST(Link, TheLongestNameWins) {
  // The company, not the country inside its name; the country beside it.
  auto a = run("China Northern Rare Earth raised prices, and China said nothing.");
  EXPECT_EQ(links(a), (std::vector<std::string>{"China Northern Rare Earth -> companies:china-northern-rare-earth",
                                                "China -> countries:China"}));
  // "Mount Weld mine" is the mine, not a shorter name inside it.
  auto b = run("Ore from the Mount Weld mine is trucked south.");
  EXPECT_EQ(links(b), (std::vector<std::string>{"Mount Weld mine -> facilities:lynas-mt-weld-mine"}));
}

TEST(Link, OxidesMetalsAndElementGroups) {
  auto a = run("Prices of neodymium oxide and terbium metal rose; Dy2O3 was flat. "
               "NdPr oxide led, while heavy rare earths and light rare-earth elements diverged.");
  EXPECT_EQ(links(a), (std::vector<std::string>{"neodymium oxide -> elements:Nd", "terbium metal -> elements:Tb",
                                                "Dy2O3 -> elements:Dy", "NdPr oxide -> elements:NdPr",
                                                "heavy rare earths -> elements:heavy",
                                                "light rare-earth elements -> elements:light"}));
  EXPECT_EQ(find(a, "neodymium oxide")->form, "oxide");
  EXPECT_EQ(find(a, "terbium metal")->form, "metal");
  EXPECT_EQ(find(a, "NdPr oxide")->elements, (std::vector<std::string>{"Nd", "Pr"}));
  EXPECT_EQ(find(a, "heavy rare earths")->elements, (std::vector<std::string>{"Dy", "Tb"}));
  EXPECT_EQ(find(a, "heavy rare earths")->form, "group");
  // A plain element, and one the kb does not hold as a rare earth.
  auto b = run("The plant also recovers cobalt alongside dysprosium.");
  EXPECT_EQ(links(b), (std::vector<std::string>{"cobalt -> -", "dysprosium -> elements:Dy"}));
}

TEST(Link, AliasColumnAndTickers) {
  auto a = run("Shares of Lynas Corporation (ASX: LYC) rose. Hitachi Metals, now Proterial, makes magnets.");
  EXPECT_EQ(links(a), (std::vector<std::string>{"Lynas Corporation -> companies:lynas", "ASX: LYC -> companies:lynas",
                                                "Hitachi Metals -> companies:proterial", "Proterial -> companies:proterial"}));
  EXPECT_EQ(find(a, "ASX: LYC")->form, "ticker");
  EXPECT_EQ(find(a, "Hitachi Metals")->form, "alias");
  EXPECT_EQ(find(a, "Proterial")->form, "name");
}

TEST(Link, ShortAliasesNeedAnotherNameOfTheirCompany) {
  // "MP" alone is a member of parliament; with "MP Materials" named, it is the company.
  auto alone = run("The MP asked the minister about the mine.");
  EXPECT_EQ(find(alone, "MP"), nullptr);
  auto named = run("MP Materials reported results. MP said output doubled.");
  ASSERT_NE(find(named, "MP"), nullptr);
  EXPECT_EQ(kb_key(*find(named, "MP")), "companies:mp-materials");
  // A sentence-initial one-word alias that is an ordinary word ("Peak") the same.
  auto peak = run("Peak demand arrives in winter.");
  EXPECT_EQ(find(peak, "Peak"), nullptr);
}

TEST(Link, ACompanyInACountryContextGetsItsPlantThere) {
  auto a = run("Lynas wants to keep processing in Malaysia until 2027.");
  const EntityMention* m = find(a, "Lynas");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(kb_key(*m), "companies:lynas");
  ASSERT_TRUE(m->context);
  EXPECT_EQ(m->context->table, "facilities");
  EXPECT_EQ(m->context->id.rfind("lynas-malaysia", 0), 0u) << m->context->id;
  EXPECT_NE(m->why.find("Malaysia"), std::string::npos) << m->why;
  // At home (Australia) there is no one plant to point to.
  auto home = run("Lynas is the largest listed producer in Australia.");
  ASSERT_NE(find(home, "Lynas"), nullptr);
  EXPECT_FALSE(find(home, "Lynas")->context);
}

TEST(Link, PlacesArePlantsOnlyBesideASiteWordOfACompanyNamed) {
  auto a = run("Neo Performance Materials opened a magnet plant in Narva this week.");
  ASSERT_NE(find(a, "Narva"), nullptr);
  EXPECT_EQ(kb_key(*find(a, "Narva")), "facilities:neo-narva-magnet");
  EXPECT_EQ(find(a, "Narva")->form, "place");
  // The town as a town: no site word.
  auto town = run("Neo Performance Materials hired workers in Narva, a border city.");
  EXPECT_EQ(find(town, "Narva"), nullptr);
  // A plant in a town, but no company of it named.
  auto nobody = run("A magnet plant in Narva is hiring.");
  EXPECT_EQ(find(nobody, "Narva"), nullptr);
}

TEST(Link, DepositOrPlantByWhatTheSentenceSpeaksOf) {
  auto ore = run("Mountain Pass holds reserves of high-grade bastnaesite ore.");
  ASSERT_NE(find(ore, "Mountain Pass"), nullptr);
  EXPECT_EQ(kb_key(*find(ore, "Mountain Pass")), "deposits:mountain-pass");
  auto plant = run("Mountain Pass shipped concentrate to customers in Asia.");
  ASSERT_NE(find(plant, "Mountain Pass"), nullptr);
  EXPECT_EQ(find(plant, "Mountain Pass")->kb->table, "facilities");
}

TEST(Link, OrganisationsTheKbDoesNotHoldHaveNoRow) {
  auto a = run("The International Energy Agency said supply is concentrated, and Lynas agreed.");
  const EntityMention* iea = find(a, "International Energy Agency");
  ASSERT_NE(iea, nullptr);
  EXPECT_EQ(iea->kind, MentionKind::kOrganisation);
  EXPECT_FALSE(iea->kb);
  // A person is no organisation.
  auto b = run("Jane Porter, an analyst, said Lynas would gain.");
  EXPECT_EQ(find(b, "Jane Porter"), nullptr);
}

TEST(Link, MentionsInASentence) {
  auto a = run("China leads separation. Malaysia and Australia follow with Lynas.");
  ASSERT_EQ(a.sentences.size(), 2u);
  auto second = mentions_in(a, a.sentences[1].span);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[0]->text, "Malaysia");
  EXPECT_EQ(second[2]->text, "Lynas");
  const EntityMention* company = first_mention(a, a.sentences[1].span, {MentionKind::kCompany});
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->text, "Lynas");
  EXPECT_EQ(first_mention(a, a.sentences[0].span, {MentionKind::kCompany}), nullptr);
  EXPECT_EQ(a.entity_mentions[0].sentence, 0u);
  EXPECT_EQ(a.entity_mentions[1].sentence, 1u);
}

}  // namespace
}  // namespace assay::analysis
