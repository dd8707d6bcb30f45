#include "assay/analysis/schema.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "assay/text/reader.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() {
  static std::shared_ptr<const Analyzer> a = [] {
    auto r = Analyzer::create(base::EmbeddedData{});
    EXPECT_TRUE(r.has_value());
    return *r;
  }();
  return *a;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The bundled example, an article that gives a new plant's capacity (so an
// impact is written and read back without ../shared), and, when ../shared is
// there, every gold article.
std::vector<text::Document> documents() {
  std::vector<std::filesystem::path> files;
  const char* src = std::getenv("ASSAY_SOURCE_DIR");
  files.push_back(std::filesystem::path(src ? src : ".") / "examples" / "malaysia-china-processing.txt");
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  std::error_code ec;
  if (shared && std::filesystem::is_directory(std::filesystem::path(shared) / "eval" / "articles", ec)) {
    std::vector<std::filesystem::path> gold;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(shared) / "eval" / "articles"))
      if (e.path().extension() == ".json") gold.push_back(e.path());
    std::sort(gold.begin(), gold.end());
    files.insert(files.end(), gold.begin(), gold.end());
  }
  std::vector<text::Document> docs;
  text::Document plant;
  plant.id = "plant-with-capacity";
  plant.text =
      "Korvane Metals has opened a rare-earth separation plant in Estonia with capacity of 2,000 tonnes a year, the "
      "company said on Monday.\n";
  docs.push_back(std::move(plant));
  for (const auto& f : files) {
    auto r = text::read_documents(read_file(f), {.name = f.string()});
    EXPECT_TRUE(r.has_value()) << f;
    if (r)
      for (auto& d : r->documents) docs.push_back(std::move(d));
  }
  return docs;
}

std::string written(const DocumentAnalysis& a, bool pretty = false) {
  std::string out;
  base::JsonWriter w(out, pretty);
  write_analysis(w, a);
  return out;
}

TEST(Schema, WriteReadWriteGivesTheSameBytes) {
  auto docs = documents();
  ASSERT_FALSE(docs.empty());
  auto scratch = analyzer().new_scratch();
  int with_facts = 0, with_impacts = 0;
  for (const auto& d : docs) {
    DocumentAnalysis a = analyzer().analyze(d, scratch);
    with_facts += !a.kb_links.empty();
    with_impacts += !a.impacts.empty();
    std::string first = written(a);
    auto back = read_analysis(first);
    ASSERT_TRUE(back.has_value()) << d.source << ": " << back.error().to_string();
    EXPECT_EQ(written(*back), first) << d.source;
    EXPECT_EQ(written(*back, true), written(a, true)) << d.source;
    EXPECT_EQ(back->document.text.size(), a.document.text.size());
    for (const auto& s : a.sentences) EXPECT_EQ(s.span.of(back->document.text), s.span.of(a.document.text));
  }
  // The example links the knowledge base; the plant with its capacity moves
  // the supply model (the example names no capacity the model knows).
  EXPECT_GT(with_facts, 0);
  EXPECT_GT(with_impacts, 0);
}

TEST(Schema, KbFactsReadBackAsValues) {
  text::Document d;
  d.text = "Lynas Rare Earths said its Malaysian plant would expand.";
  auto scratch = analyzer().new_scratch();
  DocumentAnalysis a = analyzer().analyze(d, scratch);
  ASSERT_FALSE(a.kb_links.empty());
  auto back = read_analysis(written(a));
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->kb_links.size(), a.kb_links.size());
  for (std::size_t i = 0; i < a.kb_links.size(); ++i) {
    ASSERT_EQ(back->kb_links[i].facts.size(), a.kb_links[i].facts.size());
    for (std::size_t j = 0; j < a.kb_links[i].facts.size(); ++j) {
      const KbFact &x = a.kb_links[i].facts[j], &y = back->kb_links[i].facts[j];
      EXPECT_EQ(y.kind, x.kind);
      EXPECT_EQ(y.name, x.name);
      EXPECT_EQ(y.country, x.country);
      EXPECT_EQ(y.status, x.status);
      EXPECT_EQ(y.year, x.year);
      EXPECT_EQ(y.unit, x.unit);
      EXPECT_EQ(y.provenance.file, x.provenance.file);
      EXPECT_EQ(y.provenance.line, x.provenance.line);
      EXPECT_EQ(fact_text(y), fact_text(x));
    }
  }
}

// fact_text's words, every branch: a company, and a facility with and
// without a public capacity, a status year and a controlling country.
TEST(Schema, FactTextWords) {
  KbFact c;
  c.kind = kb::EntityKind::kCompany;
  c.name = "Iluka Resources";
  c.country = "Australia";
  c.state_owned = kb::StateOwned::kNo;
  EXPECT_EQ(fact_text(c), std::string("Iluka Resources: headquartered in Australia; state ownership: ") +
                              kb::state_owned_name(kb::StateOwned::kNo));
  for (int variant = 0; variant < 8; ++variant) {
    KbFact f;
    f.kind = kb::EntityKind::kFacility;
    f.name = "Mount Weld";
    f.country = "Australia";
    f.stage = kb::Stage::kMining;
    f.status = kb::FacilityStatus::kPlanned;
    std::string want = std::string("Mount Weld: ") + kb::stage_name(f.stage) + " in Australia";
    if (variant & 1) {
      f.value = 12500;
      f.unit = kb::CapacityUnit{};
      want += ", 12,500 " + std::string(kb::capacity_unit_name(*f.unit)) + " a year";
    } else {
      want += ", capacity not public";
    }
    want += std::string(", ") + kb::status_name(f.status);
    if (variant & 2) {
      f.year = 2027;
      want += " (2027)";
    }
    if (variant & 4) {
      f.controlled_from = "China";
      want += ", controlled from China";
    }
    EXPECT_EQ(fact_text(f), want) << variant;
  }
}

TEST(Schema, ErrorsNameTheJsonPointer) {
  auto field_of = [](std::string_view json) {
    auto r = read_analysis(json);
    EXPECT_FALSE(r.has_value()) << json;
    return r ? std::string() : r.error().where().field;
  };
  EXPECT_EQ(field_of("not json"), "/");
  EXPECT_EQ(field_of("[]"), "/");
  EXPECT_EQ(field_of(R"({"schema":"assay.analysis/3"})"), "/schema");
  EXPECT_EQ(field_of(R"({"schema":"assay.analysis/2"})"), "/document");
  EXPECT_EQ(field_of(R"({"schema":"assay.analysis/1"})"), "/document");

  text::Document d;
  d.text = "Officials said output rose. Analysts expect more.";
  auto scratch = analyzer().new_scratch();
  std::string good = written(analyzer().analyze(d, scratch));
  ASSERT_TRUE(read_analysis(good).has_value());
  std::string bad = good;
  auto at = bad.find("\"labels\":[\"");
  ASSERT_NE(at, std::string::npos);
  bad.insert(at + 11, "no.such.");
  EXPECT_EQ(field_of(bad), "/sentences/0/labels/0");
  bad = good;
  at = bad.find("\"span\":[");
  bad.replace(at, 8, "\"span\":[\"x\",");
  EXPECT_EQ(field_of(bad), "/sentences/0/span/0");
}

// Issue 10: sentences carry `number` (1-based, what Markdown and HTML cite as
// s{number}) beside `index` (0-based). It is additive: a file written before
// it still reads; a file that has it must number each sentence as its place.
TEST(Schema, SentencesCarryTheirNumberAndOlderFilesStillRead) {
  text::Document d;
  d.text = "Officials said output rose. Analysts expect more. Lynas declined to comment.";
  auto scratch = analyzer().new_scratch();
  std::string good = written(analyzer().analyze(d, scratch));
  for (int i = 0; i < 3; ++i) {
    std::string entry = "\"index\":" + std::to_string(i) + ",\"number\":" + std::to_string(i + 1) + ",";
    EXPECT_NE(good.find(entry), std::string::npos) << entry;
  }
  std::string older = good;
  for (int i = 1; i <= 3; ++i) {
    std::string field = "\"number\":" + std::to_string(i) + ",";
    older.erase(older.find(field), field.size());
  }
  auto back = read_analysis(older);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(written(*back), good) << "read without the field, written with it";
  std::string wrong = good;
  wrong.replace(wrong.find("\"number\":2,"), 11, "\"number\":5,");
  auto r = read_analysis(wrong);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where().field, "/sentences/1/number");
  std::string mistyped = good;
  mistyped.replace(mistyped.find("\"number\":1,"), 11, "\"number\":\"1\",");
  EXPECT_FALSE(read_analysis(mistyped).has_value());
}

// Issue 10: attributions carry `name` (null for a reference such as "the
// company", which assay.analysis/2 gives the kind "reference"). An /1 file
// written before `name` reads, a named source's phrase then being its name.
TEST(Schema, AttributionNamesAndOlderFilesStillRead) {
  text::Document d;
  d.text = "Rivers Mining opened a plant. The company said output rose. Lynas said prices fell.";
  auto scratch = analyzer().new_scratch();
  std::string good = written(analyzer().analyze(d, scratch));
  EXPECT_NE(good.find("\"kind\":\"reference\",\"source\":\"The company\",\"source_span\":[30,41],\"name\":null,"), std::string::npos) << good;
  EXPECT_NE(good.find("\"kind\":\"named\",\"source\":\"Lynas\",\"source_span\":[60,65],\"name\":\"Lynas\","), std::string::npos) << good;
  // As assay.analysis/1 wrote it before `name`: a reference was "named", and
  // every attribution's name removed (kb links have names of their own).
  std::string v1 = std::regex_replace(good, std::regex(R"(\"kind\":\"reference\")"), "\"kind\":\"named\"");
  v1.replace(v1.find("assay.analysis/2"), 16, "assay.analysis/1");
  v1.insert(v1.find(",\"reporting\":"), ",\"credibility\":{\"score\":50,\"components\":[]}");
  std::string older = std::regex_replace(v1, std::regex(R"((\"source_span\":\[\d+,\d+\]),\"name\":(null|\"[^\"]*\"))"), "$1");
  ASSERT_EQ(older.find("\"source_span\":[30,41],\"cue\""), older.find("\"source_span\":[30,41]")) << older;
  auto back = read_analysis(older);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->sentences[1].attributions.at(0).name, "The company") << "before `name`, the phrase was the name";
  EXPECT_EQ(back->sentences[2].attributions.at(0).name, "Lynas");
  auto same = read_analysis(good);
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(same->sentences[1].attributions.at(0).kind, SourceKind::kNamed) << "a reference counts as a named source";
  EXPECT_EQ(same->sentences[1].attributions.at(0).name, "");
  // The /1 form with names reads as the /2 form.
  auto from_v1 = read_analysis(v1);
  ASSERT_TRUE(from_v1.has_value()) << from_v1.error().to_string();
  EXPECT_EQ(written(*from_v1), good);
  // In /2 a named source has a name, a reference none; "reference" is not a
  // kind of /1.
  auto field_of = [](const std::string& json) {
    auto r = read_analysis(json);
    return r ? std::string("(read)") : r.error().where().field;
  };
  std::string nameless = good;
  nameless.replace(nameless.find("\"name\":\"Lynas\","), 15, "\"name\":null,");
  EXPECT_EQ(field_of(nameless), "/sentences/2/attributions/0/name");
  std::string named_reference = good;
  named_reference.replace(named_reference.find("[30,41],\"name\":null"), 19, "[30,41],\"name\":\"X\"");
  EXPECT_EQ(field_of(named_reference), "/sentences/1/attributions/0/name");
  std::string v1_reference = good;
  v1_reference.replace(v1_reference.find("assay.analysis/2"), 16, "assay.analysis/1");
  EXPECT_EQ(field_of(v1_reference), "/sentences/1/attributions/0/kind");
}

// A file an older assay wrote (the analysis fuzzer's first seed, written as
// assay.analysis/1 before sentences had `number` and attributions `name`)
// still reads, and is written back as /2, which reads to the same bytes.
TEST(Schema, AFileWrittenAsVersion1StillReads) {
  const char* src = std::getenv("ASSAY_SOURCE_DIR");
  std::string v1 = read_file(std::filesystem::path(src ? src : ".") / "tests" / "fuzz" / "corpus" / "analysis" / "example.json");
  ASSERT_NE(v1.find("\"assay.analysis/1\""), std::string::npos);
  auto a = read_analysis(v1);
  ASSERT_TRUE(a.has_value()) << a.error().to_string();
  EXPECT_GT(a->assessment.credibility.score, 0);
  EXPECT_FALSE(a->kb_links.empty());
  std::string v2 = written(*a);
  EXPECT_EQ(v2.rfind("{\"schema\":\"assay.analysis/2\"", 0), 0u);
  EXPECT_EQ(v2.find("credibility"), std::string::npos);
  auto again = read_analysis(v2);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(written(*again), v2);
}

// assay.analysis/2 dropped the old credibility score and requires reporting
// and claim_status; an /1 file carries credibility (read into the struct)
// and may lack the other two.
TEST(Schema, Version2DropsCredibilityAndVersion1StillReads) {
  text::Document d;
  d.text = "Officials said output rose. Two people familiar with the matter said the plant would close.";
  auto scratch = analyzer().new_scratch();
  DocumentAnalysis a = analyzer().analyze(d, scratch);
  std::string good = written(a);
  EXPECT_EQ(good.rfind("{\"schema\":\"assay.analysis/2\",", 0), 0u);
  EXPECT_EQ(good.find("\"credibility\""), std::string::npos);
  auto r = good.find(",\"reporting\":");
  auto e = good.find("},\"mentions\":");
  ASSERT_NE(r, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  std::string without = good;
  without.erase(r, e - r);
  auto missing = read_analysis(without);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().where().field, "/assessment/reporting");
  // The same as /1, with the old score in the place it had.
  std::string v1 = without;
  v1.replace(v1.find("assay.analysis/2"), 16, "assay.analysis/1");
  v1.insert(r, ",\"credibility\":{\"score\":41,\"components\":[{\"name\":\"sourcing\",\"points\":-9,\"why\":\"x\"}]}");
  auto old = read_analysis(v1);
  ASSERT_TRUE(old.has_value()) << old.error().to_string();
  EXPECT_EQ(old->assessment.credibility.score, 41);
  EXPECT_EQ(old->assessment.reporting.score, 0) << "a /1 file without reporting reads as score 0";
  std::string v1_without_credibility = without;
  v1_without_credibility.replace(v1_without_credibility.find("assay.analysis/2"), 16, "assay.analysis/1");
  auto bad = read_analysis(v1_without_credibility);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().where().field, "/assessment/credibility");
}

// assay.analysis/2 writes a kb fact's values as fields beside its text and
// reads them from the fields (the text is for people); /1 files, which have
// the text only, are parsed as before.
TEST(Schema, KbFactsAreFieldsInVersion2AndParsedTextInVersion1) {
  text::Document d;
  d.text = "Lynas Rare Earths said its Malaysian plant would expand.";
  auto scratch = analyzer().new_scratch();
  DocumentAnalysis a = analyzer().analyze(d, scratch);
  std::string good = written(a);
  EXPECT_NE(good.find("\"kind\":\"company\",\"name\":\"Lynas Rare Earths\",\"country\":\"Australia\",\"state_owned\":\"no\","), std::string::npos) << good;
  EXPECT_NE(good.find("\"stage\":\"separation\",\"capacity\":"), std::string::npos) << good;
  // The fields, not the words, hold the values: a changed text reads back
  // with the fields' values.
  auto at = good.find("\"text\":\"Lynas Rare Earths: headquartered");
  ASSERT_NE(at, std::string::npos);
  std::string retold = good;
  retold.insert(at + 8, "(as written) ");
  auto back = read_analysis(retold);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(written(*back), good) << "the text is re-made from the fields";
  // A capacity without its unit is named.
  auto cap = good.find("\"capacity\":");
  auto unit = good.find("\"unit\":", cap);
  ASSERT_NE(cap, std::string::npos);
  std::string no_unit = good;
  no_unit.replace(unit, 7, "\"unit\":null,\"was\":");
  auto r = read_analysis(no_unit);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().where().field.find("/facts/"), std::string::npos) << r.error().to_string();
  // /1: the fields removed, the values parsed from the text.
  std::string v1 = std::regex_replace(good, std::regex(R"(,\"kind\":\"(company|facility)\",\"name\":\"[^\"]*\",\"country\":\"[^\"]*\",(\"state_owned\":\"[a-z]+\"|\"stage\":\"[a-z_]+\",\"capacity\":[^,]+,\"unit\":(null|\"[^\"]*\"),\"status\":\"[a-z]+\",\"status_year\":[^,]+,\"controlled_from\":(null|\"[^\"]*\")),\"source\")"), ",\"source\"");
  ASSERT_EQ(v1.find("\"state_owned\""), std::string::npos) << v1;
  ASSERT_EQ(v1.find("\"status_year\""), std::string::npos) << v1;
  v1.replace(v1.find("assay.analysis/2"), 16, "assay.analysis/1");
  v1.insert(v1.find(",\"reporting\":"), ",\"credibility\":{\"score\":50,\"components\":[]}");
  auto parsed = read_analysis(v1);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().to_string();
  EXPECT_EQ(written(*parsed), good);
}

// Regression (found by fuzz_analysis): after a missing or mistyped field the
// reader walked the default-constructed simdjson array or object it had
// returned, and crashed. Every missing array and every object that is not
// one must give an error naming the field.
TEST(Schema, AMissingOrMistypedFieldIsAnErrorNotACrash) {
  text::Document d;
  d.text = "Officials said output rose 5% to 12,000 tonnes. Analysts expect more.";
  auto scratch = analyzer().new_scratch();
  std::string good = written(analyzer().analyze(d, scratch));
  for (std::string key : {"labels", "evidence", "attributions", "quantities", "sentences", "events", "framing", "span"}) {
    std::string quoted = "\"" + key + "\":";
    auto at = good.find(quoted);
    ASSERT_NE(at, std::string::npos) << key;
    std::string renamed = good;
    renamed.replace(at, quoted.size(), "\"zz" + key + "\":");
    auto r = read_analysis(renamed);
    ASSERT_FALSE(r.has_value()) << key;
    EXPECT_NE(r.error().where().field.find(key), std::string::npos) << r.error().to_string();
    std::string mistyped = good;
    mistyped.replace(at, quoted.size(), quoted + "{\"x\":1},\"was\":");
    auto m = read_analysis(mistyped);
    EXPECT_FALSE(m.has_value()) << key;
  }
}

}  // namespace
}  // namespace assay::analysis

namespace assay::analysis {
namespace {

// Issue 12: sentences carry `role`, the assessment `genre` and
// `genre_signals`. They round-trip; a file written before them reads as body
// text and news; a wrong value is named by its JSON pointer.
TEST(Schema, RolesAndGenreRoundTripAndOlderFilesStillRead) {
  text::Document d;
  d.text = "OPINION\n\nBy Ann Lee\n\nI think lithium is cheap. We should buy it, the writer said.";
  auto scratch = analyzer().new_scratch();
  DocumentAnalysis a = analyzer().analyze(d, scratch);
  ASSERT_EQ(a.assessment.genre, Genre::kOpinion);
  std::string good = written(a);
  EXPECT_NE(good.find("\"role\":\"heading\""), std::string::npos);
  EXPECT_NE(good.find("\"role\":\"byline\""), std::string::npos);
  EXPECT_NE(good.find("\"genre\":\"opinion\""), std::string::npos);
  auto back = read_analysis(good);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(written(*back), good);
  EXPECT_EQ(back->sentences[1].role, text::SentenceRole::kByline);
  ASSERT_EQ(back->assessment.genre_signals.size(), a.assessment.genre_signals.size());
  // Older: without the fields.
  std::string older = good;
  for (const char* f : {"\"role\":\"heading\",", "\"role\":\"byline\",", "\"role\":\"body\","})
    for (std::size_t at; (at = older.find(f)) != std::string::npos;) older.erase(at, std::strlen(f));
  std::size_t g = older.find(",\"genre\":\"opinion\"");
  std::size_t e = older.find(",\"reporting\"");
  ASSERT_NE(g, std::string::npos);
  older.erase(g, e - g);
  auto old = read_analysis(older);
  ASSERT_TRUE(old.has_value()) << old.error().to_string();
  EXPECT_EQ(old->assessment.genre, Genre::kNews);
  EXPECT_TRUE(old->assessment.genre_signals.empty());
  EXPECT_EQ(old->sentences[0].role, text::SentenceRole::kBody);
  std::string wrong = good;
  wrong.replace(wrong.find("\"genre\":\"opinion\""), 17, "\"genre\":\"gossip!\"");
  auto r = read_analysis(wrong);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where().field, "/assessment/genre");
}

}  // namespace
}  // namespace assay::analysis
