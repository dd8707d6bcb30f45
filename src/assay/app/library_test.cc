// library_test: ingest into an in-memory store, the stored analysis equal to
// the rendered one, the markup kept for re-analysis, producers that tell
// builds, data and options apart, and the XDG default path.
#include "assay/app/library.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "assay/base/embedded.h"
#include "assay/text/reader.h"

namespace assay::app {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const base::DataSource> embedded() { return std::make_shared<const base::EmbeddedData>(); }

// A temporary folder for the test's inputs, removed after it.
struct Folder {
  fs::path path = fs::temp_directory_path() / ("assay-library-test-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Folder() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

TEST(Library, IngestStoresWhatAnalyzeRendersAndReanalyzeKeepsTheMarkup) {
  Folder dir;
  std::string page = dir.write("page.html",
                               "<html><head><title>Plant news</title></head><body><article><h2>Output rises</h2>"
                               "<p>Lynas Rare Earths said its Malaysian plant produced more NdPr oxide.</p></article></body></html>");
  std::string lines = dir.write("feed.jsonl",
                                "{\"id\":\"r1\",\"title\":\"Export controls\",\"outlet\":\"Wire One\",\"published\":\"2025-04-04\","
                                "\"text\":\"China said it would require licences for exports of heavy rare earths.\"}\n"
                                "{\"id\": \n");
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  auto db = open_store(":memory:", true, [] { return 42; });
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto sum = ingest(engine, **db, {{page}, {lines}}, {.pipeline = {.jobs = 2}, .producer = "build-a", .batch = 1});
  EXPECT_EQ(sum.added, 2u);
  EXPECT_EQ(sum.errors.size(), 1u) << "the record without text is reported and skipped";
  EXPECT_TRUE(sum.store_errors.empty());
  // The stored line is the one analyze --format jsonl renders.
  auto docs = text::read_documents(std::string("<html><head><title>Plant news</title></head><body><article><h2>Output rises</h2>"
                                               "<p>Lynas Rare Earths said its Malaysian plant produced more NdPr oxide.</p></article></body></html>"),
                                   {.name = page});
  ASSERT_TRUE(docs.has_value());
  auto scratch = engine.new_scratch();
  std::string expected = engine.render(engine.analyze(docs->documents.at(0), scratch), output_plan("jsonl", true)->render);
  std::vector<std::string> stored;
  ASSERT_TRUE((*db)->each_analysis({.key = page}, [&](const store::DocumentInfo& d, const store::Analysis& a) {
                     EXPECT_EQ(a.producer, "build-a");
                     EXPECT_EQ(a.schema, "assay.analysis/2");
                     EXPECT_EQ(a.analysed_at, 42);
                     EXPECT_EQ(d.title, "Plant news");
                     stored.push_back(a.json);
                     return true;
                   }).has_value());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], expected);
  EXPECT_NE(expected.find("\"role\":\"heading\""), std::string::npos) << "the page's <h2> is a heading";
  // Another build: both documents are re-analysed, from the stored text and
  // markup, to the same analysis.
  auto re = reanalyze(engine, **db, {.jobs = 2, .producer = "build-b", .batch = 1});
  ASSERT_TRUE(re.has_value()) << re.error().to_string();
  EXPECT_EQ(re->reanalysed, 2u);
  stored.clear();
  ASSERT_TRUE((*db)->each_analysis({.key = page}, [&](const store::DocumentInfo&, const store::Analysis& a) {
                     EXPECT_EQ(a.producer, "build-b");
                     stored.push_back(a.json);
                     return true;
                   }).has_value());
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0], expected) << "a re-analysis of the stored document gives what the ingest stored";
  auto again = reanalyze(engine, **db, {.jobs = 1, .producer = "build-b"});
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->reanalysed, 0u);
  std::string out;
  auto n = export_analyses(**db, {.outlet = "wire one"}, [&](std::string_view s) { out += s; });
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(*n, 1u);
  EXPECT_EQ(out.back(), '\n');
}

TEST(Library, ProducersNameTheBuildTheDataAndTheOptions) {
  Engine plain(embedded());
  Engine rules(embedded(), {.models = false});
  Engine no_impact(embedded(), {.impact = false});
  std::string p = analysis_producer(plain, "abc1234");
  EXPECT_EQ(p, "abc1234/data:" + std::string(base::embedded_data_hash()));
  EXPECT_EQ(analysis_producer(rules, "abc1234"), p + "/rules-only");
  EXPECT_EQ(analysis_producer(no_impact, "abc1234"), p + "/no-impact");
  EXPECT_NE(analysis_producer(plain, "def5678"), p);
  auto a = std::make_shared<base::MemoryData>(std::map<std::string, std::string, std::less<>>{{"kb/x.csv", "a,b\n"}});
  auto b = std::make_shared<base::MemoryData>(std::map<std::string, std::string, std::less<>>{{"kb/x.csv", "a,c\n"}});
  EXPECT_EQ(data_fingerprint(*a), data_fingerprint(*a));
  EXPECT_NE(data_fingerprint(*a), data_fingerprint(*b));
  EXPECT_EQ(data_fingerprint(*a).size(), 16u);
}

TEST(Library, TheDefaultStoreFollowsXdgDataHome) {
  const char* old_xdg = std::getenv("XDG_DATA_HOME");
  const char* old_home = std::getenv("HOME");
  std::string keep_xdg = old_xdg ? old_xdg : "", keep_home = old_home ? old_home : "";
  setenv("XDG_DATA_HOME", "/x/data", 1);
  setenv("HOME", "/home/me", 1);
  EXPECT_EQ(default_store_path(), "/x/data/assay/assay.db");
  setenv("XDG_DATA_HOME", "relative/ignored", 1);  // the XDG rule: only absolute paths count
  EXPECT_EQ(default_store_path(), "/home/me/.local/share/assay/assay.db");
  unsetenv("XDG_DATA_HOME");
  EXPECT_EQ(default_store_path(), "/home/me/.local/share/assay/assay.db");
  if (old_xdg) setenv("XDG_DATA_HOME", keep_xdg.c_str(), 1);
  if (old_home) setenv("HOME", keep_home.c_str(), 1);
  else unsetenv("HOME");
}

TEST(Library, ReadingCommandsDoNotCreateAStore) {
  Folder dir;
  std::string path = (dir.path / "none.db").string();
  auto r = open_store(path, false);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().where().file, path);
  EXPECT_FALSE(fs::exists(path));
  auto nested = open_store((dir.path / "a" / "b" / "s.db").string(), true);
  ASSERT_TRUE(nested.has_value()) << nested.error().to_string();
  EXPECT_TRUE(fs::exists(dir.path / "a" / "b" / "s.db"));
}

// A full disk, simulated with SQLite's page limit: the batch that does not
// fit fails with a clear message, the batches before it stay, and the store
// is sound afterwards.
TEST(Library, AFullDiskStopsABatchAndKeepsWhatWasStored) {
  Folder dir;
  std::string records;
  for (int i = 0; i < 40; ++i) {
    std::string text;
    for (int k = 0; k < 40; ++k)
      text += "Refiner " + std::to_string(i) + " said shipment " + std::to_string(k) + " of " + std::to_string(100 + i * 7 + k) +
              " tonnes left the port on schedule. ";
    records += "{\"id\":\"d" + std::to_string(i) + "\",\"title\":\"Shipments " + std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
  }
  std::string input = dir.write("many.jsonl", records);
  std::string path = (dir.path / "small.db").string();
  {
    auto made = open_store(path, true);
    ASSERT_TRUE(made.has_value()) << made.error().to_string();
  }
  const auto pages = static_cast<std::int64_t>(fs::file_size(path) / 4096);
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  std::size_t added = 0;
  {
    auto db = store::open_sqlite(path, {.max_pages = pages + 24});
    ASSERT_TRUE(db.has_value()) << db.error().to_string();
    auto sum = ingest(engine, **db, {{input}}, {.pipeline = {.jobs = 1}, .producer = "p", .batch = 1});
    ASSERT_FALSE(sum.store_errors.empty()) << "the page limit was never reached (" << sum.added << " stored)";
    std::string message = sum.store_errors.front().to_string();
    EXPECT_NE(message.find(path + ": "), std::string::npos) << message;
    EXPECT_NE(message.find("database or disk is full"), std::string::npos) << message;
    EXPECT_NE(message.find("what was stored before stays"), std::string::npos) << message;
    EXPECT_GT(sum.added, 0u);
    EXPECT_LT(sum.added, 40u);
    added = sum.added;
  }
  auto check = store::check_sqlite(path);
  ASSERT_TRUE(check.has_value()) << check.error().to_string();
  EXPECT_TRUE(check->ok()) << (check->problems.empty() ? "" : check->problems.front());
  EXPECT_EQ(check->documents, added);
  EXPECT_EQ(check->analyses, added) << "no document without its analysis";
  // With room again, a rerun stores the rest and skips what is there.
  auto db = open_store(path, true);
  ASSERT_TRUE(db.has_value());
  auto rest = ingest(engine, **db, {{input}}, {.pipeline = {.jobs = 2}, .producer = "p"});
  EXPECT_TRUE(rest.store_errors.empty());
  EXPECT_EQ(rest.added, 40u - added);
  EXPECT_EQ(rest.skipped, added) << "the stored analyses are current: not redone";
  EXPECT_EQ(rest.documents, 40u - added);
}

TEST(Library, StoreArticlesKeepsWhatIngestWouldAndGivesTheKeys) {
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  auto db = open_store(":memory:", true, [] { return 7; });
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto docs = text::read_documents(std::string("China said it would require licences for exports of heavy rare earths."), {.name = "-"});
  ASSERT_TRUE(docs.has_value());
  auto scratch = engine.new_scratch();
  std::vector<Article> articles{engine.analyze(docs->documents.at(0), scratch)};
  std::vector<std::string> keys;
  auto put = store_articles(engine, **db, articles, "build-a", nullptr, &keys);
  ASSERT_TRUE(put.has_value()) << put.error().to_string();
  EXPECT_EQ(put->added, 1u);
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0], store::content_key(articles[0].analysis.document.title, articles[0].analysis.document.text));
  std::string stored;
  ASSERT_TRUE((*db)->each_analysis({.key = keys[0]}, [&](const store::DocumentInfo&, const store::Analysis& a) {
    stored = a.json;
    return true;
  }));
  EXPECT_EQ(stored, engine.render(articles[0], output_plan("jsonl", true)->render));
  // The same article again is already there.
  auto again = store_articles(engine, **db, articles, "build-a", nullptr);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->present, 1u);
}


// Two records about the same export rule, one about something else.
const char* kThreeRecords =
    "{\"id\":\"a1\",\"title\":\"Beijing tightens gallium export licences\",\"outlet\":\"Wire One\",\"published\":\"2025-04-04\","
    "\"text\":\"China's commerce ministry said exporters of gallium and germanium must apply for licences from 1 August. "
    "The ministry said the rule covers 8 products.\"}\n"
    "{\"id\":\"a2\",\"title\":\"China to require licences for gallium exports\",\"outlet\":\"Paper Two\",\"published\":\"2025-04-05\","
    "\"text\":\"Exporters of gallium and germanium will need licences from 1 August, China's commerce ministry said. "
    "The rule covers 8 products, the ministry said.\"}\n"
    "{\"id\":\"b1\",\"title\":\"Lynas lifts NdPr output in Malaysia\",\"outlet\":\"Paper Two\",\"published\":\"2025-04-06\","
    "\"text\":\"Lynas Rare Earths said its Kuantan plant produced 1,700 tonnes of NdPr oxide in the quarter.\"}\n";

TEST(Library, OnePlacerServesEveryBatchAndStoresWithThePlacement) {
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  auto db = open_store(":memory:", true, [] { return 7; });
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto docs = text::read_documents(std::string(kThreeRecords), {.name = "in.jsonl", .format = text::Format::kJsonLines});
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->documents.size(), 3u);
  auto placer = StoryPlacer::open(**db);
  ASSERT_TRUE(placer.has_value()) << placer.error().to_string();
  // The feeds' path and the server's path place through the same placer.
  auto first = analyze_and_store(engine, **db, {docs->documents[0]}, 1, "p", &*placer);
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  EXPECT_EQ(first->added, 1u);
  EXPECT_EQ(placer->placed(), 1u);
  auto scratch = engine.new_scratch();
  std::vector<Article> rest{engine.analyze(docs->documents[1], scratch), engine.analyze(docs->documents[2], scratch)};
  auto second = store_articles(engine, **db, rest, "p", &*placer);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();
  EXPECT_EQ(second->added, 2u);
  EXPECT_EQ(placer->placed(), 3u);
  EXPECT_EQ(placer->pending(), 0u);
  // What the placer holds is what the store holds: a placer opened afresh
  // finds every article placed, in as many stories.
  auto fresh = StoryPlacer::open(**db);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->placed(), 3u);
  EXPECT_EQ(fresh->clusterer().story_count(), placer->clusterer().story_count());
  auto listed = list_stories(**db, {});
  ASSERT_TRUE(listed.has_value());
  std::size_t members = 0;
  for (const auto& s : *listed) members += s.members.size();
  EXPECT_EQ(members, 3u);
  // Stored again: present, placed once.
  auto again = store_articles(engine, **db, rest, "p", &*placer);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->present, 2u);
  EXPECT_EQ(placer->placed(), 3u);
  // A deletion behind the placer: invalidated, it reloads before placing.
  ASSERT_TRUE((*db)->remove({.key = "b1"}).has_value());
  placer->invalidate();
  auto back = store_articles(engine, **db, {rest[1]}, "p", &*placer);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->added, 1u);
  EXPECT_EQ(placer->placed(), 3u) << "reloaded without the deleted article, then placed it again";
}

TEST(Library, AFailedWriteStoresNothingOfTheBatchAndPlacesNothing) {
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  const std::string path = (fs::temp_directory_path() / ("assay-library-full-" + std::to_string(::getpid()) + ".db")).string();
  fs::remove(path);
  {
    // A store that is nearly full once created: a batch of articles does not fit.
    auto small = store::open_sqlite(path, {.clock = [] { return 7; }});
    ASSERT_TRUE(small.has_value()) << small.error().to_string();
  }
  std::error_code ec;
  const auto pages = static_cast<std::int64_t>(fs::file_size(path, ec) / 4096) + 8;
  auto db = store::open_sqlite(path, {.clock = [] { return 7; }, .max_pages = pages});
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  auto placer = StoryPlacer::open(**db);
  ASSERT_TRUE(placer.has_value());
  std::string many;
  for (int i = 0; i < 40; ++i)
    many += fmt::format("{{\"id\":\"m{}\",\"title\":\"Report {}\",\"text\":\"{}\"}}\n", i, i,
                        std::string(2000, static_cast<char>('a' + i % 26)));
  auto docs = text::read_documents(many, {.name = "many.jsonl", .format = text::Format::kJsonLines});
  ASSERT_TRUE(docs.has_value());
  auto put = analyze_and_store(engine, **db, std::move(docs->documents), 2, "p", &*placer);
  ASSERT_FALSE(put.has_value()) << "the batch does not fit in " << pages << " pages";
  EXPECT_EQ(*(*db)->count_documents(), 0u);
  auto fresh = StoryPlacer::open(**db);
  ASSERT_TRUE(fresh.has_value());
  EXPECT_EQ(fresh->placed(), 0u);
  db->reset();
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
}

TEST(Library, ReanalyzeRefreshesTheFactsOfPlacedArticles) {
  Engine engine(embedded(), {.impact = false});
  ASSERT_TRUE(engine.analyzer().has_value());
  Folder dir;
  std::string input = dir.write("in.jsonl", kThreeRecords);
  auto db = open_store(":memory:", true, [] { return 7; });
  ASSERT_TRUE(db.has_value());
  auto sum = ingest(engine, **db, {{input}}, {.pipeline = {.jobs = 2}, .producer = "old"});
  ASSERT_EQ(sum.added, 3u);
  // What an older analyzer would have kept: other facts.
  std::vector<corpus::ArticleFacts> placed;
  ASSERT_TRUE((*db)->stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) { placed.push_back(std::move(f)); }));
  ASSERT_EQ(placed.size(), 3u);
  for (auto f : placed) {
    f.terms = {"outdated"};
    f.entities.clear();
    ASSERT_TRUE((*db)->stories().update_facts(f).has_value());
  }
  auto re = reanalyze(engine, **db, {.jobs = 2, .producer = "new", .batch = 2});
  ASSERT_TRUE(re.has_value()) << re.error().to_string();
  EXPECT_EQ(re->reanalysed, 3u);
  std::vector<corpus::ArticleFacts> after;
  ASSERT_TRUE((*db)->stories().each_placed([&](corpus::ArticleFacts&& f, std::int64_t, const std::string&) { after.push_back(std::move(f)); }));
  ASSERT_EQ(after.size(), 3u);
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].key, placed[i].key);
    EXPECT_EQ(after[i].terms, placed[i].terms) << "the facts of the new analysis (the same text: the same terms)";
    EXPECT_EQ(after[i].entities, placed[i].entities);
  }
}

}  // namespace
}  // namespace assay::app
