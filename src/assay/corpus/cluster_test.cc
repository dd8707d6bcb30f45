// corpus/cluster_test: incremental placement, background links, origin,
// roles and fidelity, over facts built from texts written for the test.
#include "assay/corpus/cluster.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "assay/corpus/roles.h"

namespace assay::corpus {
namespace {

// Facts as facts_of makes them from an analysis with no sentences (so no
// labels): shingles and terms from the text; the rest set by the test.
ArticleFacts article(std::string id, std::string outlet, std::string date, std::string title, std::string text,
                     std::vector<std::string> entities) {
  analysis::DocumentAnalysis a;
  a.document.id = id;
  a.document.outlet = outlet;
  a.document.published = date;
  a.document.title = title;
  a.document.text = text;
  ArticleFacts f = facts_of(a, "key-" + id);
  f.entities = std::move(entities);
  std::sort(f.entities.begin(), f.entities.end());
  return f;
}

const std::vector<std::string> kLicence = {"China", "JL Mag Rare-Earth", "Ningbo Yunsheng", "Ministry of Commerce (China)"};

ArticleFacts scoop() {
  auto f = article("scoop", "Harbour Wire", "2025-10-14", "Beijing readies blanket magnet export permits for top makers",
                   "Beijing is preparing blanket export permits for its largest magnet manufacturers, which would let them "
                   "ship to approved buyers for a year without case-by-case licences, two people familiar with the plan "
                   "said. JL Mag and Ningbo Yunsheng are expected to be among the first holders, one of the people said. "
                   "The commerce ministry did not respond to a request for comment. The permits could be issued as early "
                   "as November, though the timing may slip.",
                   kLicence);
  f.anonymous = 2;
  f.non_confirmations = 1;
  f.hedged = 2;
  f.figures = {"~2025", "2025"};
  return f;
}

ArticleFacts careful_carry() {
  auto f = article("carry", "Metal Digest", "2025-10-15", "China prepares year-long magnet export permits, wire says",
                   "China is preparing year-long export permits for its biggest magnet manufacturers, Harbour Wire "
                   "reported, citing two people familiar with the plan. The blanket permits would let JL Mag and Ningbo "
                   "Yunsheng ship to approved buyers without case-by-case licences, the people said. The commerce "
                   "ministry did not respond to Harbour Wire, and the timing could slip.",
                   kLicence);
  f.credit = "Harbour Wire";
  f.media = {"harbour wire"};
  f.anonymous = 1;
  f.non_confirmations = 1;
  f.hedged = 2;
  return f;
}

ArticleFacts careless_rewrite() {
  auto f = article("rewrite", "Bullion Buzz", "2025-10-16", "China to hand magnet giants year-long export passes",
                   "China will hand its magnet giants year-long export passes, letting JL Mag and Ningbo Yunsheng ship "
                   "to approved buyers without case-by-case licences. The move shows Beijing rewarding its most loyal "
                   "exporters, and magnet buyers can expect relief soon.",
                   kLicence);
  f.opinion = 2;
  return f;
}

ArticleFacts confirmation() {
  auto f = article("briefing", "State Trade Daily", "2025-10-20", "Commerce ministry confirms general magnet export permits",
                   "The commerce ministry confirmed on Monday that general export permits are being granted to qualified "
                   "magnet exporters, spokesperson Wen Lihua told a press conference. JL Mag and Ningbo Yunsheng are "
                   "among the holders of the year-long permits, she said.",
                   kLicence);
  f.official = 1;
  f.named = 2;
  f.speakers = {"Wen Lihua"};
  return f;
}

ArticleFacts august_statement() {
  auto f = article("august", "State Trade Daily", "2025-08-20", "Ministry says magnet export licensing will be streamlined",
                   "The commerce ministry said on Wednesday it would streamline export licences for rare-earth magnets "
                   "and consider general permits for qualified manufacturers, spokesperson Wen Lihua told reporters. "
                   "Applications for civilian use would be approved in a timely manner, she said.",
                   kLicence);
  f.official = 1;
  f.named = 2;
  f.speakers = {"Wen Lihua"};
  return f;
}

ArticleFacts unrelated_same_entities() {
  // Shares China and a company with the story, tells another one.
  return article("plant", "Metal Digest", "2025-10-17", "Ningbo Yunsheng opens a recycling line for magnet scrap",
                 "Ningbo Yunsheng has opened a line that recovers neodymium from magnet scrap at its eastern China "
                 "site, the company said, with room for 2,000 tonnes of swarf a year.",
                 {"China", "Ningbo Yunsheng"});
}

TEST(Cluster, RetellingsJoinTheStoryAndAnUnrelatedPieceSharingEntitiesDoesNot) {
  Clusterer c;
  auto a = c.place(scoop());
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->new_story);
  auto b = c.place(careful_carry());
  auto r = c.place(careless_rewrite());
  auto d = c.place(confirmation());
  auto u = c.place(unrelated_same_entities());
  ASSERT_TRUE(b && r && d && u);
  EXPECT_EQ(b->story, a->story);
  EXPECT_EQ(r->story, a->story);
  EXPECT_EQ(d->story, a->story);
  EXPECT_NE(u->story, a->story);
  EXPECT_TRUE(u->new_story);
  // Placing an article again changes nothing.
  auto again = c.place(careful_carry());
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->already);
  EXPECT_EQ(c.articles(), 5u);
}

// Facts with the lead as facts_of makes it (title and first sentence,
// less the entities' words) and the figures as facts_of tokens them.
ArticleFacts with_lead(ArticleFacts f, std::string_view first_sentence, std::vector<std::string> figures = {}) {
  std::vector<std::string> names = f.entities;
  names.push_back(f.outlet);
  f.lead = lead_terms(f.title, first_sentence, names);
  for (const auto& x : figures) {
    f.figures.push_back(x);
    f.figures.push_back(rounded_figure(x));
  }
  std::sort(f.figures.begin(), f.figures.end());
  f.figures.erase(std::unique(f.figures.begin(), f.figures.end()), f.figures.end());
  return f;
}

// Pieces about one miner, Kestrel Earths (a made-up name), in one week.
const std::vector<std::string> kKestrel = {"Australia", "Kestrel Earths"};

ArticleFacts kestrel_offtake() {
  const std::string lead = "PERTH, March 3 (Capstone Wire) - Kestrel Earths has agreed to sell 4,820 tonnes a year of mixed "
                           "carbonate to a Korean magnet maker for six years, two people familiar with the deal said.";
  auto f = article("k-offtake", "Capstone Wire", "2025-03-03", "Kestrel Earths agrees carbonate sale to Korean buyer, sources say",
                   lead + " The agreement has not been signed and could change, the people said. Kestrel Earths did not "
                   "respond to a request for comment.", kKestrel);
  f.anonymous = 2;
  return with_lead(f, lead, {"4820t"});
}

ArticleFacts kestrel_offtake_reworded() {
  const std::string lead = "A Korean magnet maker will buy nearly 4,800 tonnes of Kestrel Earths' carbonate every year under a "
                           "six-year contract, Capstone Wire reported on Monday.";
  auto f = article("k-reworded", "Mining Pulse", "2025-03-05", "Korean magnet maker lines up six-year Kestrel supply",
                   lead + " The sources were not named.", kKestrel);
  f.credit = "Capstone Wire";
  return with_lead(f, lead, {"4800t"});
}

ArticleFacts kestrel_results() {
  const std::string lead = "Kestrel Earths reported revenue of A$212 million for the half year, up 14% from a year earlier.";
  auto f = article("k-results", "Resource Ledger", "2025-03-04", "Kestrel Earths posts half-year revenue of A$212 million",
                   lead + " Net profit was A$31 million, the company said in a filing.", kKestrel);
  return with_lead(f, lead, {"212000000AUD", "14%"});
}

ArticleFacts kestrel_fire() {
  const std::string lead = "A small fire broke out on Thursday in an office building used by Kestrel Earths in Perth, the fire "
                           "service said.";
  auto f = article("k-fire", "Metal Digest", "2025-03-06", "Fire at Kestrel Earths office, no injuries",
                   lead + " No one was hurt and operations were not affected, the company said.", kKestrel);
  return with_lead(f, lead);
}

ArticleFacts kestrel_plant() {
  const std::string lead = "Kestrel Earths plans to build a separation plant near Kalgoorlie able to process 9,000 tonnes of "
                           "concentrate a year, a person briefed on the plans said.";
  auto f = article("k-plant", "Harbour Wire", "2025-03-07", "Kestrel Earths plans Kalgoorlie separation plant, source says",
                   lead + " The cost has not been set. Kestrel Earths declined to comment.", kKestrel);
  f.anonymous = 1;
  return with_lead(f, lead, {"9000t"});
}

TEST(Cluster, OneCompanysDifferentEventsAreDifferentStoriesAndARewordedLeadJoins) {
  Clusterer c;
  auto offtake = c.place(kestrel_offtake());
  auto results = c.place(kestrel_results());
  auto reworded = c.place(kestrel_offtake_reworded());
  auto fire = c.place(kestrel_fire());
  auto plant = c.place(kestrel_plant());
  ASSERT_TRUE(offtake && results && reworded && fire && plant);
  // The reworded retelling, with its rounded figure, tells the same sale.
  EXPECT_EQ(reworded->story, offtake->story);
  // Results, a fire and a plant plan share only the company's name.
  EXPECT_NE(results->story, offtake->story);
  EXPECT_NE(fire->story, offtake->story);
  EXPECT_NE(fire->story, results->story);
  EXPECT_NE(plant->story, offtake->story);
  EXPECT_EQ(c.story_count(), 4u);
  EXPECT_FALSE(c.same_event(kestrel_results(), kestrel_fire()));
  EXPECT_TRUE(c.same_event(kestrel_offtake(), kestrel_offtake_reworded()));
}

TEST(Facts, TheLeadIsTheEventsWordsWithoutTheDatelineOrTheNames) {
  auto lead = lead_terms("Kestrel Earths halts Perth plant after fault",
                         "PERTH, March 3 (Capstone Wire) - Kestrel Earths has halted its separation plant after a fault, "
                         "two people said.",
                         {"Kestrel Earths", "Capstone Wire"});
  EXPECT_EQ(lead, (std::vector<std::string>{"fault", "halt", "perth", "plant", "separation"}));
}

TEST(Cluster, ASyndicatedCopyJoinsAsADuplicate) {
  Clusterer c;
  auto a = c.place(scoop());
  auto copy = scoop();
  copy.key = "key-copy";
  copy.id = "copy";
  copy.outlet = "Mining Times";
  copy.published = "2025-10-15";
  copy.day = day_number(copy.published);
  auto b = c.place(copy);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->story, a->story);
  EXPECT_EQ(b->duplicate_of, "key-scoop");
  EXPECT_GE(b->score, kDuplicateJaccard);
}

TEST(Cluster, AnArticleOutsideTheWindowStartsAStory) {
  Clusterer c;
  auto a = c.place(scoop());
  auto late = careful_carry();
  late.published = "2026-02-01";
  late.day = day_number(late.published);
  auto b = c.place(late);
  ASSERT_TRUE(a && b);
  EXPECT_NE(b->story, a->story);
}

// The candidate index walks only the days around an article: one that
// arrives after many later-dated articles, or without a date, still finds
// its story.
TEST(Cluster, ALateArrivalAndAnUndatedArticleFindTheirStory) {
  Clusterer c;
  auto a = c.place(scoop());
  ASSERT_TRUE(a);
  const std::vector<std::string> towns = {"Kalgoorlie", "Mount Weld", "Baotou", "Ganzhou", "Mountain Pass", "Lynas Kuantan"};
  for (std::size_t i = 0; i < towns.size(); ++i) {
    auto f = article("later-" + std::to_string(i), "Metal Digest", fmt::format("2025-{}-{:02}", 11 + i % 2, 3 + 4 * i),
                     fmt::format("{} refinery output climbs after kiln upgrade", towns[i]),
                     fmt::format("The refinery at {} produced {} tonnes of concentrate in the quarter after a kiln upgrade, "
                                 "its operator said, and expects steady output through the winter.",
                                 towns[i], 1200 + 150 * i),
                     {towns[i]});
    auto p = c.place(f);
    ASSERT_TRUE(p);
    EXPECT_NE(p->story, a->story);
  }
  auto late = c.place(careful_carry());  // dated the day after the scoop, placed after the later ones
  ASSERT_TRUE(late);
  EXPECT_EQ(late->story, a->story);
  auto undated = careless_rewrite();
  undated.published.clear();
  undated.day = -1;
  auto u = c.place(undated);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->story, a->story);
}

TEST(Cluster, AnEarlierOfficialStatementIsBackgroundNotAMember) {
  for (bool statement_first : {true, false}) {
    Clusterer c;
    std::optional<Placement> s, a;
    if (statement_first) s = *c.place(august_statement());
    a = *c.place(scoop());
    if (!statement_first) s = *c.place(august_statement());
    ASSERT_TRUE(s && a);
    EXPECT_NE(s->story, a->story) << statement_first;
    auto found = c.story(a->story);
    ASSERT_TRUE(found && *found);
    const auto& story = *found;
    ASSERT_EQ(story->background.size(), 1u) << statement_first;
    EXPECT_EQ(story->background[0].id, "august");
    EXPECT_EQ(story->members.size(), 1u);
  }
}

// gather() drops a candidate whose similarity cannot reach the floor by a
// bound: the common weight (the tokens too common to walk counted only
// where the candidate holds them) over the candidate's norm floor. On a
// stream dense enough that tokens become too common to walk (over 64
// articles and an eighth of the corpus) and that floors go stale (more
// than kNormSlack placements), with events told many times, officials for
// background and undated pieces, every placement is the one an exhaustive
// clusterer (no bound) makes.
TEST(Cluster, TheSimilarityBoundsChangeNoPlacement) {
  std::uint64_t state = 42;
  auto next = [&](std::uint64_t m) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % m;
  };
  // A background vocabulary whose first words are in most articles.
  auto word = [](std::size_t i) { return fmt::format("word{:04}", i); };
  Clusterer bounded, exhaustive;
  exhaustive.set_exhaustive(true);
  int joined = 0, backgrounds = 0;
  for (int i = 0; i < 900; ++i) {
    const std::size_t event = next(120);
    ArticleFacts f;
    f.key = fmt::format("k{:04}", i);
    f.id = fmt::format("a{:04}", i);
    f.outlet = fmt::format("Outlet {}", next(30));
    f.day = next(15) == 0 ? -1 : static_cast<int>(20000 + event * 3 + next(12));
    if (f.day >= 0) f.published = fmt::format("day {}", f.day);
    f.official = next(10) == 0 ? 1 : 0;
    std::set<std::string> entities = {"China"}, terms, figures;
    if (next(2)) entities.insert("Rare Earth Group");
    for (std::size_t e = 0; e < 3; ++e)
      if (next(3)) entities.insert(fmt::format("Company {}-{}", event, e));
    for (std::size_t t = 0; t < 16; ++t)
      if (next(3)) terms.insert(fmt::format("event{}term{}", event, t));
    for (int t = 0; t < 30; ++t) terms.insert(word(next(1 + next(400))));  // skewed to the first words
    for (std::size_t g = 0; g < 2; ++g)
      if (next(2)) figures.insert(fmt::format("{}t", 100 * event + g));
    figures.insert(fmt::format("{}%", next(20)));
    f.entities.assign(entities.begin(), entities.end());
    f.terms.assign(terms.begin(), terms.end());
    f.figures.assign(figures.begin(), figures.end());
    auto a = bounded.place(f);
    auto b = exhaustive.place(f);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->story, b->story) << f.id;
    EXPECT_EQ(a->new_story, b->new_story) << f.id;
    EXPECT_EQ(a->score, b->score) << f.id;
    joined += !a->new_story;
  }
  for (std::int64_t id = 1; id <= static_cast<std::int64_t>(bounded.story_count()); ++id) {
    auto x = bounded.story(id);
    auto y = exhaustive.story(id);
    ASSERT_TRUE(x && y && *x && *y);
    ASSERT_EQ((*x)->background.size(), (*y)->background.size()) << id;
    for (std::size_t k = 0; k < (*x)->background.size(); ++k) {
      EXPECT_EQ((*x)->background[k].key, (*y)->background[k].key);
      EXPECT_EQ((*x)->background[k].score, (*y)->background[k].score);
    }
    backgrounds += static_cast<int>((*x)->background.size());
  }
  // The stream exercises what it is meant to: joins, new stories, background.
  EXPECT_GT(joined, 300);
  EXPECT_GT(bounded.story_count(), 100u);
  EXPECT_GT(backgrounds, 0);
  // And the bounds drop most candidates.
  EXPECT_LT(bounded.candidates() * 4, exhaustive.candidates()) << bounded.candidates() << " " << exhaustive.candidates();
}

// The floor under a token's idf holds however the corpus grows within the
// slack: at most kNormSlack more articles (one more still to be indexed),
// each adding the token once.
TEST(Cluster, TheIdfFloorHoldsWithinTheSlack) {
  for (double n0 : {1.0, 49.0, 50.0, 51.0, 1000.0, 1e6}) {
    for (double df0 : {0.0, 1.0, 7.0, 63.0, 500.0}) {
      if (df0 > n0) continue;
      const double floor = Clusterer::idf_floor(std::max(n0, kMinCorpus), df0);
      for (std::size_t added = 0; added <= Clusterer::kNormSlack; ++added)
        for (std::size_t gained = 0; gained <= added + 1; ++gained) {
          const double n = std::max(n0 + static_cast<double>(added), kMinCorpus);
          const double idf = std::log((n + 2) / (df0 + static_cast<double>(gained) + 1));
          EXPECT_LE(floor * floor, idf * idf) << n0 << " " << df0 << " " << added << " " << gained;
          EXPECT_GE(floor, 0);
        }
      // And it is not trivial: for a rare token in a large corpus it stays near the idf.
      if (n0 >= 1e6 && df0 <= 1) {
        EXPECT_GT(floor, 0.5 * std::log((n0 + 2) / (df0 + 1)));
      }
    }
  }
}

TEST(Roles, OriginEchoIndependentAndFidelity) {
  auto o = scoop(), careful = careful_carry(), careless = careless_rewrite(), official = confirmation();
  std::vector<const ArticleFacts*> members = {&careless, &careful, &o, &official};
  StoryRoles r = assign_roles(members);
  EXPECT_EQ(r.origin_outlet, "Harbour Wire");
  EXPECT_EQ(r.origin, 2);
  EXPECT_EQ(r.members[2].role, Role::kOrigin);
  EXPECT_EQ(r.members[0].role, Role::kEcho);
  EXPECT_EQ(r.members[1].role, Role::kEcho);
  EXPECT_EQ(r.members[3].role, Role::kIndependent);
  ASSERT_TRUE(r.members[0].fidelity && r.members[1].fidelity);
  // The careful carrying ranks above the rewrite that drops credit and caveats.
  EXPECT_GT(r.members[1].fidelity->score, r.members[0].fidelity->score + 30);
  EXPECT_EQ(r.members[1].fidelity->credit, 1);
  EXPECT_EQ(r.members[0].fidelity->credit, 0);
  EXPECT_EQ(r.members[0].fidelity->caveats, 0);
  EXPECT_FALSE(r.members[0].fidelity->notes.empty());
}

TEST(Roles, WithoutCreditTheEarliestIsTheOrigin) {
  auto late = careless_rewrite(), early = scoop();
  early.credit.clear();
  std::vector<const ArticleFacts*> members = {&late, &early};
  StoryRoles r = assign_roles(members);
  EXPECT_EQ(r.origin, 1);
  EXPECT_EQ(r.origin_outlet, "Harbour Wire");
  EXPECT_EQ(r.members[0].role, Role::kEcho);
}

TEST(Roles, OnOneDayTheSourcedPieceIsTheOriginNotTheUncreditedRewrite) {
  // Both dated the same day, the rewrite joined first and credits nobody:
  // the scoop, with sources of its own, is the origin.
  auto rewrite = careless_rewrite(), o = scoop();
  rewrite.published = o.published;
  rewrite.day = o.day;
  std::vector<const ArticleFacts*> members = {&rewrite, &o};
  StoryRoles r = assign_roles(members);
  EXPECT_EQ(r.origin, 1);
  EXPECT_EQ(r.members[0].role, Role::kEcho);
  // A same-day piece that credits an outlet is not the origin either.
  auto carry = careful_carry();
  carry.published = o.published;
  carry.day = o.day;
  carry.credit.clear();  // credits through a media attribution only
  o.anonymous = 0;
  std::vector<const ArticleFacts*> two = {&carry, &o};
  EXPECT_EQ(assign_roles(two).origin, 1);
}

TEST(Roles, OnOneDayThePieceNamingItsOwnOutletComesBeforeACopyWithoutIt) {
  // A wire's report carries its name in the dateline; a copy published the
  // same day keeps the words and the sources but strips the name. Whatever
  // order they joined in, the wire's is the origin.
  auto wire = article("wire", "Lakeshore News Service", "2025-06-02", "Tin smelter shut after furnace breach, sources say",
                      "PENANG, June 2 (Lakeshore News Service) - A furnace breach has shut the Butterworth tin smelter "
                      "for at least a month, two people with knowledge of the repairs said on Monday.",
                      kLicence);
  auto copy = article("copy", "Ore Bulletin", "2025-06-02", "Tin smelter shut after furnace breach",
                      "PENANG, June 2 - A furnace breach has shut the Butterworth tin smelter for at least a month, two "
                      "people with knowledge of the repairs said on Monday.",
                      kLicence);
  wire.anonymous = copy.anonymous = 1;
  // What facts_of keeps of the capitalised words (not a sentence's first).
  wire.names = {"breach", "butterworth", "june", "lakeshore", "news", "service", "monday"};
  copy.names = {"butterworth", "june", "monday"};
  std::sort(wire.names.begin(), wire.names.end());
  for (bool copy_first : {true, false}) {
    std::vector<const ArticleFacts*> members = copy_first ? std::vector<const ArticleFacts*>{&copy, &wire}
                                                          : std::vector<const ArticleFacts*>{&wire, &copy};
    StoryRoles r = assign_roles(members);
    EXPECT_EQ(r.origin_outlet, "Lakeshore News Service") << copy_first;
    EXPECT_EQ(r.members[copy_first ? 0 : 1].role, Role::kEcho) << copy_first;
  }
  // A copy whose sign-off names the wire ("Reporting by Lakeshore News
  // Service staff; editing by Ore Bulletin") credits another member's outlet,
  // even one the analyzer's outlet list does not know.
  {
    auto signed_copy = copy;
    signed_copy.names = {"bulletin", "butterworth", "june", "lakeshore", "monday", "news", "ore", "service"};
    std::vector<const ArticleFacts*> members = {&signed_copy, &wire};
    EXPECT_EQ(assign_roles(members).origin, 1);
  }
  // Part of the name is not enough, and a name of short words gives no sign:
  // the order they joined in decides.
  wire.names = {"butterworth", "june", "lakeshore", "monday"};
  std::vector<const ArticleFacts*> partial = {&copy, &wire};
  EXPECT_EQ(assign_roles(partial).origin, 0);
  wire.outlet = "AP";
  wire.names = {"butterworth", "june", "monday"};
  EXPECT_EQ(assign_roles(partial).origin, 0);
}

TEST(Roles, ACreditedOutletOutsideTheStoryIsStillTheOrigin) {
  auto careful = careful_carry();
  std::vector<const ArticleFacts*> members = {&careful};
  StoryRoles r = assign_roles(members);
  EXPECT_EQ(r.origin_outlet, "Harbour Wire");
  EXPECT_EQ(r.origin, -1);
  EXPECT_EQ(r.members[0].role, Role::kEcho);
}

TEST(Facts, EncodeDecodeRoundTrips) {
  ArticleFacts f = confirmation();
  f.figures = {"5473t", "~5500t"};
  f.media = {"xinhua"};
  f.names = {"jl", "ningbo"};
  auto back = decode_facts(encode_facts(f));
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(encode_facts(*back), encode_facts(f));
  // The line leaves the shingles out; they go apart, as 4 bytes each.
  EXPECT_TRUE(back->shingles.empty());
  ASSERT_FALSE(f.shingles.empty());
  const std::string bytes = encode_shingles(f.shingles);
  EXPECT_EQ(bytes.size(), 4 * f.shingles.size());
  auto sh = decode_shingles(bytes);
  ASSERT_TRUE(sh);
  EXPECT_EQ(*sh, f.shingles);
  EXPECT_FALSE(decode_shingles(bytes.substr(1)));                         // not 4 bytes each
  EXPECT_FALSE(decode_shingles(bytes.substr(4, 4) + bytes.substr(0, 4)));  // not sorted
  // A line of version 2 (a store of before) carries them as hex and still reads.
  std::string v2 = encode_facts(f);
  std::string hex;
  for (auto x : f.shingles) hex += fmt::format("{:08x}", x);
  v2[0] = '2';
  v2.insert(v2.find("\x1f\x1f") + 1, hex);  // the empty shingles field follows the title
  auto old = decode_facts(v2);
  ASSERT_TRUE(old) << old.error().to_string();
  EXPECT_EQ(old->shingles, f.shingles);
  EXPECT_EQ(old->title, f.title);
  EXPECT_EQ(old->entities, f.entities);
  EXPECT_EQ(back->day, day_number("2025-10-20"));
  EXPECT_FALSE(decode_facts("2\x1fnot facts"));
  EXPECT_EQ(rounded_figure("5473t"), "~5500t");
  EXPECT_EQ(rounded_figure("56.1%"), "~56%");
  EXPECT_EQ(rounded_figure("5473t/yr"), "~5500t");
  EXPECT_EQ(rounded_figure("36%chg"), "~36%chg");
  EXPECT_EQ(day_number("1970-01-02"), 1);
  EXPECT_EQ(day_number("2025-02-30"), -1);
  EXPECT_EQ(day_number("soon"), -1);
}

// A change and a level of the same size are two figures: a company's
// results ("revenue up 36%") share no figure with a sale of 36% of it, while
// two tellings of one change ("rose 36%", "a 36 percent increase") do.
TEST(Facts, AChangeIsAnotherFigureThanALevel) {
  auto figures_of = [](std::vector<analysis::Measure> measures) {
    analysis::DocumentAnalysis a;
    a.document.title = "t";
    a.document.text = "x";
    for (auto m : measures) {
      analysis::Quantity q;
      q.value = 36;
      q.unit = "%";
      q.measure = m;
      a.quantities.push_back(q);
    }
    return facts_of(a, "k").figures;
  };
  const auto results = figures_of({analysis::Measure::kGrowth});
  const auto stake = figures_of({analysis::Measure::kShare});
  EXPECT_EQ(results, (std::vector<std::string>{"36%chg", "~36%chg"}));
  EXPECT_EQ(stake, (std::vector<std::string>{"36%", "~36%"}));
  for (const auto& x : results) EXPECT_EQ(std::count(stake.begin(), stake.end(), x), 0) << x;
  EXPECT_EQ(figures_of({analysis::Measure::kGrowth, analysis::Measure::kGrowth}), results);
}

}  // namespace
}  // namespace assay::corpus
