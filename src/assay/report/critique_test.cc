// The critique's sections, each from a small analysis built by hand, and the
// critique of an analysis read back from its JSON.
#include "assay/report/critique.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assay/analysis/schema.h"
#include "assay/text/reader.h"

namespace assay::report {
namespace {

using analysis::DocumentAnalysis;
using analysis::Label;

// An analysis of `sentences` (joined by spaces), one sentence each, with
// the given labels and each label's evidence on the whole sentence.
DocumentAnalysis analysis_of(const std::vector<std::pair<std::string, std::vector<Label>>>& sentences) {
  DocumentAnalysis a;
  for (const auto& [text, labels] : sentences) {
    if (!a.document.text.empty()) a.document.text += ' ';
    analysis::SentenceAnalysis s;
    s.span = {static_cast<std::uint32_t>(a.document.text.size()),
              static_cast<std::uint32_t>(a.document.text.size() + text.size())};
    a.document.text += text;
    for (Label l : labels) {
      s.labels.add(l);
      s.evidence.push_back({l, s.span, "rule", ""});
    }
    a.sentences.push_back(std::move(s));
  }
  a.assessment.sourcing.sentences = static_cast<int>(sentences.size());
  return a;
}

const Section& section(const Critique& c, std::string_view id) {
  for (const auto& s : c.sections)
    if (s.id == id) return s;
  static const Section kNone;
  ADD_FAILURE() << "no section " << id;
  return kNone;
}

bool has_point(const Section& s, std::string_view prefix) {
  for (const auto& p : s.points)
    if (p.text.starts_with(prefix)) return true;
  return false;
}

TEST(CritiqueSections, VerdictsOnClaimsWithTheirRows) {
  auto a = analysis_of({{"China refines about 90% of rare earths.", {Label::kQuantity}},
                        {"Myanmar is the third-largest producer, people said.", {Label::kSourceAnonymous}},
                        {"Zeta holds 3 million tonnes.", {Label::kQuantity}}});
  auto claim = [&](std::uint32_t sentence, std::string_view figure, std::string verdict, std::string reason, std::string row) {
    analysis::Claim c;
    c.kind = sentence == 0 ? analysis::ClaimKind::kShare : analysis::ClaimKind::kRank;
    c.sentence = sentence;
    auto at = a.document.text.find(figure);
    c.span = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + figure.size())};
    c.verdict = std::move(verdict);
    c.reason = std::move(reason);
    if (!row.empty()) c.evidence.push_back({std::move(row), "IEA, 2025", "91%"});
    a.claims.push_back(std::move(c));
  };
  claim(0, "90%", "supported", "published: China 91% of separation (2025)", "data/kb/published.csv:3");
  claim(1, "third-largest producer", "contradicted", "Myanmar is number 4 in 2025", "data/kb/countries.csv:66");
  claim(2, "3 million tonnes", "unverifiable", "entity unknown", "");
  Critique c = build_critique(a);
  const Section& holds = section(c, "holds_true");
  ASSERT_FALSE(holds.points.empty());
  EXPECT_EQ(holds.points[0].text,
            "Checked against the knowledge base: \"90%\" is supported: published: China 91% of separation (2025).");
  ASSERT_FALSE(holds.points[0].evidence.empty());
  EXPECT_EQ(holds.points[0].evidence[0].kind, EvidenceKind::kKb);
  EXPECT_EQ(holds.points[0].evidence[0].fragment, "data/kb/published.csv:3: 91% (IEA, 2025)");
  EXPECT_TRUE(has_point(section(c, "shadows"), "Contradicted by the knowledge base: \"third-largest producer\": Myanmar is number 4"));
  EXPECT_TRUE(has_point(section(c, "highlights"),
                        "3 claims checked against the knowledge base: 1 supported, 1 contradicted, 1 unverifiable."));
  // Without checked claims, no verification line.
  auto b = analysis_of({{"The mine produced 5,000 tonnes.", {Label::kQuantity}}});
  EXPECT_FALSE(has_point(section(build_critique(b), "highlights"), "1 claim checked"));
}

TEST(CritiqueSections, HoldsTrueNeedsFirmGround) {
  auto a = analysis_of({{"Output rose, officials may say.", {Label::kHedge}}});
  EXPECT_EQ(section(build_critique(a), "holds_true").points[0].text,
            "Nothing in the piece is both on the record and free of hedging: no claim stands on firm ground.");
  auto b = analysis_of({{"The mine produced 5,000 tonnes.", {Label::kQuantity}}});
  Critique c1 = build_critique(b);
  const Section& holds = section(c1, "holds_true");
  ASSERT_EQ(holds.points.size(), 1u);
  EXPECT_EQ(holds.points[0].text, "A checkable figure, stated without a source");
  EXPECT_EQ(holds.points[0].evidence[0].label, "quantity");
}

// Issue 10: "On the record: He", "On the record: which it". The critique
// names a speaker by the attribution's name; a reference without one is
// shown as written, a pronoun as "a speaker named earlier".
TEST(CritiqueSections, OnTheRecordNamesTheSpeakerNeverAPronoun) {
  auto a = analysis_of({{"Lynas said output rose.", {Label::kSourceNamed}},
                        {"He said costs fell.", {Label::kSourceNamed}},
                        {"The company said sales rose.", {Label::kSourceNamed}}});
  auto attribute = [&](std::size_t si, std::string_view phrase, std::string name) {
    const std::string& t = a.document.text;
    auto b = static_cast<std::uint32_t>(t.find(phrase, a.sentences[si].span.begin));
    a.sentences[si].attributions.push_back(
        {analysis::SourceKind::kNamed, {b, static_cast<std::uint32_t>(b + phrase.size())}, {}, {}, std::move(name)});
  };
  attribute(0, "Lynas", "Lynas");
  attribute(1, "He", "");
  attribute(2, "The company", "");
  Critique c = build_critique(a);
  const Section& holds = section(c, "holds_true");
  ASSERT_EQ(holds.points.size(), 3u);
  EXPECT_EQ(holds.points[0].text, "On the record: Lynas");
  EXPECT_EQ(holds.points[1].text, "On the record: a speaker named earlier");
  EXPECT_EQ(holds.points[2].text, "On the record: The company");
}

TEST(CritiqueSections, ShadowsCountAnonymousSourcingAndTheLead) {
  auto a = analysis_of({{"China plans curbs, people familiar said.", {Label::kSourceAnonymous}}, {"Prices rose.", {}}});
  a.assessment.sourcing.anonymous = 1;
  Critique c2 = build_critique(a);
  const Section& s = section(c2, "shadows");
  ASSERT_FALSE(s.points.empty());
  EXPECT_EQ(s.points[0].text, "Anonymous sourcing: 1 of 2 sentences rests on unnamed sources, including the lead.");
  EXPECT_EQ(s.points[0].evidence.size(), 1u);
  EXPECT_EQ(s.points[0].evidence[0].sentence, 0);
}

// Issue 10: "5 of 9 sentences" quoted 4 with no word of the fifth. A cut
// list says how many more, and which sentences.
TEST(CritiqueSections, ACutListSaysHowManyMoreAndWhich) {
  std::vector<std::pair<std::string, std::vector<Label>>> sentences;
  for (int i = 0; i < 6; ++i) sentences.push_back({"Officials said talks went on " + std::to_string(i) + ".", {Label::kSourceAnonymous}});
  sentences.push_back({"Prices rose.", {}});
  auto a = analysis_of(sentences);
  a.assessment.sourcing.anonymous = 6;
  Critique c = build_critique(a);
  const Point& p = section(c, "shadows").points.at(0);
  EXPECT_EQ(p.text, "Anonymous sourcing: 6 of 7 sentences rest on unnamed sources, including the lead; 4 quoted, and 2 more: s5, s6.");
  ASSERT_EQ(p.evidence.size(), 4u);
  EXPECT_EQ(p.evidence[3].sentence, 3);
  // A long list names the first eight more and stops.
  std::vector<std::pair<std::string, std::vector<Label>>> many;
  for (int i = 0; i < 20; ++i) many.push_back({"Officials said talks went on " + std::to_string(i) + ".", {Label::kSourceAnonymous}});
  auto m = analysis_of(many);
  m.assessment.sourcing.anonymous = 20;
  Critique cm = build_critique(m);
  EXPECT_EQ(section(cm, "shadows").points.at(0).text,
            "Anonymous sourcing: 20 of 20 sentences rest on unnamed sources, including the lead; 4 quoted, and 16 more: "
            "s5, s6, s7, s8, s9, s10, s11, s12, \u2026.");
  // Four are not cut.
  auto b = analysis_of({sentences[0], sentences[1], sentences[2], sentences[3]});
  b.assessment.sourcing.anonymous = 4;
  Critique cb = build_critique(b);
  EXPECT_EQ(section(cb, "shadows").points.at(0).text, "Anonymous sourcing: 4 of 4 sentences rest on unnamed sources, including the lead.");
}

TEST(CritiqueSections, ShadowVerbsAgreeWithTheirCount) {
  auto a = analysis_of({{"It may be big.", {Label::kHedge, Label::kVague, Label::kIntent}}});
  auto& p = a.assessment.sourcing;
  p.hedged = p.vague = p.intent = 1;
  Critique c = build_critique(a);
  const Section& s = section(c, "shadows");
  EXPECT_TRUE(has_point(s, "Hedged claims: 1 of 1 sentence is conditional or uncertain."));
  EXPECT_TRUE(has_point(s, "Vague magnitudes: 1 sentence claims size or speed without a figure."));
  EXPECT_TRUE(has_point(s, "Motives ascribed without evidence: 1 sentence states what"));
  auto b = analysis_of({{"It may be big.", {Label::kHedge, Label::kVague}}, {"It could be huge.", {Label::kHedge, Label::kVague}}});
  b.assessment.sourcing.hedged = b.assessment.sourcing.vague = 2;
  Critique cb = build_critique(b);
  EXPECT_TRUE(has_point(section(cb, "shadows"), "Hedged claims: 2 of 2 sentences are conditional or uncertain."));
  EXPECT_TRUE(has_point(section(cb, "shadows"), "Vague magnitudes: 2 sentences claim size or speed without a figure."));
}

// Issue 10: "A checkable figure, stated without a source" appeared once per
// sentence, the same line several times.
TEST(CritiqueSections, HoldsTrueMakesEachPointOnce) {
  std::vector<std::pair<std::string, std::vector<Label>>> sentences;
  for (int i = 0; i < 6; ++i) sentences.push_back({"The mine produced " + std::to_string(i + 1) + ",000 tonnes.", {Label::kQuantity}});
  auto a = analysis_of(sentences);
  Critique c = build_critique(a);
  const Section& holds = section(c, "holds_true");
  ASSERT_EQ(holds.points.size(), 1u);
  EXPECT_EQ(holds.points[0].text, "Checkable figures, stated without a source, in 6 sentences; 4 quoted, and 2 more: s5, s6");
  EXPECT_EQ(holds.points[0].evidence.size(), 4u);
  auto two = analysis_of({sentences[0], sentences[1]});
  Critique c2 = build_critique(two);
  EXPECT_EQ(section(c2, "holds_true").points.at(0).text, "Checkable figures, stated without a source, in 2 sentences");
}

// Issue 10: "0 official confirmation(s)".
TEST(CritiqueSections, HighlightsCountInWords) {
  auto a = analysis_of({{"The ministry confirmed it.", {Label::kSourceNamed, Label::kConfirmOfficial}}});
  auto& p = a.assessment.sourcing;
  p.named = p.official_confirmations = 1;
  Critique c = build_critique(a);
  EXPECT_TRUE(has_point(section(c, "highlights"), "Sourcing: 1 named, 0 anonymous, 0 media, 1 official confirmation, 0 non-confirmations."));
  p.official_confirmations = 0;
  p.non_confirmations = 1;
  Critique c2 = build_critique(a);
  EXPECT_TRUE(has_point(section(c2, "highlights"), "Sourcing: 1 named, 0 anonymous, 0 media, 0 official confirmations, 1 non-confirmation."));
}

// Issue 10: duplicate framing entries. The same sentence is quoted once per
// point, and a cut list of words says how many more.
TEST(CritiqueSections, BiasQuotesEachSentenceOnceAndCountsTheRest) {
  auto a = analysis_of({{"A stunning, shocking, dazzling, bold, brazen and daring grab for power by rivals.", {}}});
  const std::string& t = a.document.text;
  auto at = [&](std::string_view w) {
    auto b = static_cast<std::uint32_t>(t.find(w));
    return base::Span{b, static_cast<std::uint32_t>(b + w.size())};
  };
  for (std::string_view w : {"stunning", "shocking", "dazzling", "bold", "brazen", "daring"})
    a.assessment.framing.push_back({analysis::FramingKind::kLoadedWording, at(w), std::string(w), 0, false});
  a.assessment.framing.push_back({analysis::FramingKind::kGeopolitical, at("grab for power"), "grab for power", 0, false});
  a.assessment.framing.push_back({analysis::FramingKind::kGeopolitical, at("rivals"), "rivals", 0, false});
  Critique c = build_critique(a);
  const Section& bias = section(c, "bias");
  ASSERT_GE(bias.points.size(), 2u);
  EXPECT_EQ(bias.points[0].text,
            "Loaded or evaluative wording in the writer's own voice: \u201cstunning\u201d, \u201cshocking\u201d, "
            "\u201cdazzling\u201d, \u201cbold\u201d and 2 more.");
  EXPECT_EQ(bias.points[0].evidence.size(), 1u) << "one sentence, quoted once";
  EXPECT_EQ(bias.points[1].text, "Geopolitical framing casts the story as a contest of powers.");
  EXPECT_EQ(bias.points[1].evidence.size(), 1u);
}

TEST(CritiqueSections, CutNameListsSayHowManyMore) {
  auto a = analysis_of({{"Trade moved.", {}}});
  for (const char* c : {"Australia", "Brazil", "China", "Denmark", "Estonia", "France", "Germany", "Hungary"})
    a.mentions.countries[c] = 1;
  Critique c = build_critique(a);
  EXPECT_TRUE(has_point(section(c, "supply_chain"), "Countries: Australia, Brazil, China, Denmark, Estonia, France and 2 more."));
}

TEST(CritiqueSections, BiasFromTypedFramingAndMissingVoices) {
  auto a = analysis_of({{"A stunning grab for power.", {}}});
  a.document.title = "Shock move";
  a.assessment.framing.push_back({analysis::FramingKind::kHeadlineSensationalism, {0, 5}, "Shock", 0, true});
  a.assessment.framing.push_back({analysis::FramingKind::kLoadedWording, {2, 10}, "stunning", 0, false});
  a.assessment.missing_voices = {analysis::Stakeholder::kCommunity, analysis::Stakeholder::kAnalyst};
  Critique c3 = build_critique(a);
  const Section& bias = section(c3, "bias");
  EXPECT_TRUE(has_point(bias, "The headline leans on \u201cShock\u201d."));
  EXPECT_TRUE(has_point(bias, "Loaded or evaluative wording in the writer's own voice: \u201cstunning\u201d."));
  EXPECT_TRUE(has_point(bias, "Missing voices: no local community or independent analyst voice is heard; nobody speaks on the record."));
  for (const auto& p : bias.points)
    for (const auto& e : p.evidence) EXPECT_EQ(e.kind, EvidenceKind::kCue);
}

TEST(CritiqueSections, SupplyChainWordsEventsImpactsAndKbFacts) {
  auto a = analysis_of({{"China tightened export controls on separation.", {}}});
  a.events.push_back({analysis::EventType::kExportControl, analysis::EventStage::kSeparation, "China",
                      analysis::EventStatus::kReported, {}, 0});
  analysis::Impact im;
  im.what = "China stops exports";
  im.capacity_basis = "all of it";
  im.model = "assay supply model";
  im.shifts.push_back({"China's share", analysis::ShiftUnit::kShare, 0.9, 0.85});
  im.shifts.push_back({"Magnets", analysis::ShiftUnit::kTonnes, 1000, 2500});
  a.impacts.push_back(im);
  analysis::KbLink link;
  link.canonical = "Lynas";
  link.kind = kb::EntityKind::kFacility;
  analysis::KbFact f;
  f.kind = kb::EntityKind::kFacility;
  f.name = "Lynas Malaysia";
  f.country = "Malaysia";
  f.stage = kb::Stage::kSeparation;
  f.value = 10500;
  f.unit = kb::CapacityUnit::kTNdPrOxide;
  f.status = kb::FacilityStatus::kOperating;
  f.year = 2025;
  f.provenance.source = "Lynas annual report 2025";
  f.provenance.confidence = kb::Confidence::kPrimary;
  f.provenance.file = "/tmp/d/kb/facilities.csv";
  f.provenance.line = 12;
  link.facts.push_back(f);
  a.kb_links.push_back(link);

  Critique c4 = build_critique(a);
  const Section& chain = section(c4, "supply_chain");
  ASSERT_GE(chain.points.size(), 3u);
  EXPECT_EQ(chain.points[0].text, "Reports export controls at the separation stage in China (reported).");
  EXPECT_EQ(chain.points[0].evidence[0].kind, EvidenceKind::kEvent);
  EXPECT_EQ(chain.points[1].text,
            "If China stops exports (all of it), the supply model moves: China's share 90.0% -> 85.0%; Magnets 1,000 t -> 2,500 t a year.");
  EXPECT_EQ(chain.points[1].evidence[0].kind, EvidenceKind::kModel);
  EXPECT_EQ(chain.points.back().text,
            "Knowledge base on Lynas: Lynas Malaysia: separation in Malaysia, 10,500 t NdPr oxide a year, operating (2025).");
  ASSERT_EQ(chain.points.back().evidence.size(), 1u);
  EXPECT_EQ(chain.points.back().evidence[0].kind, EvidenceKind::kKb);
  EXPECT_EQ(chain.points.back().evidence[0].cue, "kb");
  EXPECT_EQ(chain.points.back().evidence[0].fragment, "Lynas annual report 2025 [primary, /tmp/d/kb/facilities.csv:12]");
}

// Issue 12: the Bottom line and the Highlights state both measures in
// words: how well the piece is reported, and how established its claim is.
TEST(CritiqueSections, BottomLineStatesReportingAndClaimStatus) {
  auto a = analysis_of({{"The ministry said output rose.", {Label::kSourceNamed}}});
  a.assessment.reporting.score = 81;
  a.assessment.reporting.components = {{"base", 50, ""}, {"comment sought", 12, "3 reported refusals"}, {"hedging", 0, ""}};
  a.assessment.claim_status = {analysis::ClaimLevel::kAnonymousOnly, 45, "four unnamed sources, no party on record",
                               {{"level", 40, "unnamed sources only"}, {"sources", 5, "more than one unnamed source"}}};
  Critique c = build_critique(a);
  EXPECT_EQ(c.verdict,
            "Reporting 81/100, claim status 45/100: carefully reported; the claim itself is unconfirmed: four unnamed sources, "
            "no party on record.");
  const Section& bottom = section(c, "bottom_line");
  ASSERT_EQ(bottom.points.size(), 3u);
  EXPECT_EQ(bottom.points[1].text,
            "Reporting quality (how well the piece lets a reader judge its claims): comment sought +12 (3 reported refusals).");
  EXPECT_EQ(bottom.points[2].text,
            "Claim status (anonymous_only): level +40 (unnamed sources only); sources +5 (more than one unnamed source).");
  const Section& hl = section(c, "highlights");
  EXPECT_EQ(hl.points[0].evidence[0].kind, EvidenceKind::kLead);
  EXPECT_EQ(hl.points.back().text, c.verdict);
  a.assessment.reporting.score = 20;
  a.assessment.claim_status = {analysis::ClaimLevel::kConfirmed, 90, "the ministry on the record", {}};
  a.assessment.promotional_interest = true;
  a.assessment.sourcing.promo = 3;
  EXPECT_EQ(build_critique(a).verdict,
            "Reporting 20/100, claim status 90/100: poorly reported and written to promote an investment; the claim itself is "
            "confirmed: the ministry on the record.");
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The critique of an analysis read back from its JSON is the critique of
// the analysis: on the example and every gold article (when ../shared is there).
TEST(Critique, SameFromAnAnalysisReadBack) {
  auto an = analysis::Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(an.has_value());
  std::vector<std::filesystem::path> files;
  const char* src = std::getenv("ASSAY_SOURCE_DIR");
  files.push_back(std::filesystem::path(src ? src : ".") / "examples" / "malaysia-china-processing.txt");
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  std::error_code ec;
  if (shared && std::filesystem::is_directory(std::filesystem::path(shared) / "eval" / "articles", ec))
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(shared) / "eval" / "articles"))
      if (e.path().extension() == ".json") files.push_back(e.path());
  auto scratch = (*an)->new_scratch();
  for (const auto& f : files) {
    auto docs = text::read_documents(read_file(f), {.name = f.string()});
    ASSERT_TRUE(docs.has_value()) << f;
    for (const auto& d : docs->documents) {
      DocumentAnalysis a = (*an)->analyze(d, scratch);
      std::string json = render_json(a, build_critique(a));
      auto back = analysis::read_analysis(json);
      ASSERT_TRUE(back.has_value()) << f << ": " << back.error().to_string();
      Critique c = build_critique(*back);
      EXPECT_EQ(render_json(*back, c), json) << f;
      EXPECT_EQ(render_markdown(*back, c), render_markdown(a, build_critique(a))) << f;
    }
  }
}

}  // namespace
}  // namespace assay::report
