// app/library: see library.h.
#include "assay/app/library.h"

#include <fmt/format.h>

#include <algorithm>
#include <any>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <thread>

#include "assay/analysis/schema.h"
#include "assay/app/stories.h"
#include "assay/base/embedded.h"
#include "assay/base/progress.h"
#include "assay/base/strings.h"
#include "assay/text/reader.h"

namespace assay::app {

namespace fs = std::filesystem;

namespace {

// The markup's blocks as "begin:end:kind;..." (kind: BlockKind's number),
// so that a re-analysis sees the headings and captions the page marked.
std::string encode_blocks(const std::vector<text::Block>& blocks) {
  std::string out;
  for (const auto& b : blocks) out += fmt::format("{}:{}:{};", b.span.begin, b.span.end, static_cast<int>(b.kind));
  return out;
}

std::vector<text::Block> decode_blocks(std::string_view s, std::size_t text_size) {
  std::vector<text::Block> out;
  while (!s.empty()) {
    auto end = s.find(';');
    std::string_view item = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
    std::uint32_t v[3] = {0, 0, 0};
    const char* p = item.data();
    const char* last = item.data() + item.size();
    bool ok = true;
    for (int i = 0; i < 3 && ok; ++i) {
      auto r = std::from_chars(p, last, v[i]);
      ok = r.ec == std::errc() && (i == 2 ? r.ptr == last : r.ptr != last && *r.ptr == ':');
      if (ok && i < 2) p = r.ptr + 1;  // past the ':'
    }
    // A block that does not fit the text is dropped, not trusted.
    if (ok && v[0] <= v[1] && v[1] <= text_size && v[2] <= static_cast<std::uint32_t>(text::BlockKind::kCaption))
      out.push_back({{v[0], v[1]}, static_cast<text::BlockKind>(v[2])});
  }
  return out;
}

text::Format format_of(std::string_view name) {
  for (auto f : {text::Format::kPlain, text::Format::kMarkdown, text::Format::kHtml, text::Format::kJson, text::Format::kJsonLines})
    if (name == text::format_name(f)) return f;
  return text::Format::kPlain;
}

// The names a document can be found by: the entities its analysis lists and
// the names of the entities it mentions.
std::vector<std::string> entity_names(const analysis::DocumentAnalysis& a) {
  std::set<std::string> names(a.entities.begin(), a.entities.end());
  for (const auto& m : a.entity_mentions)
    if (!m.name.empty()) names.insert(m.name);
  return {names.begin(), names.end()};
}

store::Entry to_entry(const analysis::DocumentAnalysis& a, std::string key, std::string json, const std::string& producer) {
  const text::Document& d = a.document;
  store::Entry e;
  e.document.info = {.key = std::move(key), .id = d.id, .source = d.source, .url = d.url, .outlet = d.outlet,
                     .published = d.published, .title = d.title, .author = d.author};
  e.document.text = d.text;
  e.document.format = text::format_name(d.format);
  e.document.blocks = encode_blocks(d.blocks);
  e.analysis = store::Analysis{.schema = analysis::kSchemaVersion, .producer = producer, .json = std::move(json),
                               .entities = entity_names(a)};
  return e;
}

// zstd's fastest level, for an analysis stored before the store has its
// dictionary: ingest's extra cost is held to 1.6x analyze's
// (docs/PERFORMANCE.md); level 3 saves little more on this JSON without a
// dictionary. With one, the dictionary's level (store::kDictionaryLevel).
constexpr int kIngestZstdLevel = 1;

// The analysis compressed, and the dictionary it needs (0: none).
std::pair<std::string, std::int64_t> pack(std::string_view json, const store::Dictionary* dictionary) {
  if (dictionary) return {dictionary->compress(json), dictionary->id()};
  return {store::compress(json, kIngestZstdLevel), 0};
}

void set_packed(store::Entry& e, std::int64_t dictionary) {
  e.analysis->packed = true;
  e.analysis->dictionary = dictionary;
}

std::string fnv_hex(std::uint64_t h) { return fmt::format("{:016x}", h); }

}  // namespace

std::string default_store_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg && fs::path(xdg).is_absolute()) return (fs::path(xdg) / "assay" / "assay.db").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".local" / "share" / "assay" / "assay.db").string();
  return "assay.db";
}

base::Result<std::unique_ptr<store::Store>> open_store(const std::string& path, bool create, store::Clock clock) {
  std::error_code ec;
  if (path != ":memory:") {
    if (!create && !fs::exists(path, ec))
      return base::fail(base::Error::not_found("no store here (assay ingest --db PATH creates one)", {.file = path}));
    if (fs::is_directory(path, ec))
      return base::fail(base::Error::invalid("is a directory: --db names the database file", {.file = path}));
    if (create) {
      fs::path parent = fs::path(path).parent_path();
      if (!parent.empty() && !fs::is_directory(parent, ec) && !fs::create_directories(parent, ec) && ec)
        return base::fail(base::Error::io(fmt::format("cannot create the store's folder: {}", ec.message()), {.file = path}));
    }
  }
  // SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes the
  // store's clock: what a document was stored and a story member joined at.
  if (!clock)
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
      std::int64_t t = 0;
      auto r = std::from_chars(epoch, epoch + std::strlen(epoch), t);
      if (r.ec == std::errc() && *r.ptr == '\0') clock = [t] { return t; };
    }
  return store::open_sqlite(path, {.clock = std::move(clock)});
}

base::Result<store::CheckReport> check_store(const std::string& path) {
  std::error_code ec;
  if (path != ":memory:" && !fs::exists(path, ec))
    return base::fail(base::Error::not_found("no store here (assay ingest --db PATH creates one)", {.file = path}));
  if (fs::is_directory(path, ec))
    return base::fail(base::Error::invalid("is a directory: --db names the database file", {.file = path}));
  return store::check_sqlite(path);
}

std::string data_fingerprint(const base::DataSource& data) {
  if (dynamic_cast<const base::EmbeddedData*>(&data)) return std::string(base::embedded_data_hash());
  std::uint64_t h = base::fnv1a("");
  for (const auto& name : data.list("", "")) {
    h = base::fnv1a(name, h);
    h = base::fnv1a(std::string_view("\0", 1), h);
    if (auto bytes = data.read(name)) h = base::fnv1a(*bytes, h);
  }
  return fnv_hex(h);
}

std::string analysis_producer(const Engine& engine, std::string_view commit) {
  std::string p = fmt::format("{}/data:{}", commit.empty() ? "unknown" : commit, data_fingerprint(engine.data()));
  if (!engine.options().models) p += "/rules-only";
  if (!engine.options().impact) p += "/no-impact";
  if (!engine.options().verify) p += "/no-verify";
  return p;
}

PreparedArticle prepare_article(const Engine& engine, const Article& a, std::string jsonl, const std::string& producer,
                                const store::Dictionary* dictionary) {
  (void)engine;
  PreparedArticle p;
  std::string key = store::content_key(a.analysis.document.title, a.analysis.document.text);
  p.facts = corpus::facts_of(a.analysis, key);
  auto [packed, dict] = pack(jsonl, dictionary);
  p.entry = to_entry(a.analysis, std::move(key), std::move(packed), producer);
  set_packed(p.entry, dict);
  return p;
}

PreparedArticle prepare_article(const Engine& engine, const Article& a, const std::string& producer,
                                const store::Dictionary* dictionary) {
  static const RenderOptions render = output_plan("jsonl", true)->render;
  return prepare_article(engine, a, engine.render(a, render), producer, dictionary);
}

base::Result<store::PutOutcome> store_prepared(store::Store& db, StoryPlacer* placer, std::vector<PreparedArticle>&& batch) {
  if (batch.empty()) return store::PutOutcome{};
  std::vector<store::Entry> entries;
  entries.reserve(batch.size());
  for (auto& p : batch) entries.push_back(std::move(p.entry));
  if (!placer) return db.put(entries);
  // The documents and their placement in one transaction: a run killed
  // between the two cannot leave stored articles outside every story.
  store::PutOutcome out;
  placer->discard();
  bool placed = false;
  auto st = db.stories().transaction([&]() -> base::Status {
    out = ASSAY_TRY(db.put(entries));
    for (auto& p : batch) placer->add(std::move(p.facts));
    ASSAY_TRY_VOID(placer->place());
    placed = true;
    return {};
  });
  if (!st) {
    placer->discard();
    // Placed, then rolled back (the commit failed): the placer must not
    // keep what the store lost, nor count on what it saved of the stories.
    if (placed) placer->invalidate();
    return base::fail(st.error());
  }
  // The batch is stored and placed; a dictionary due is trained in a
  // transaction of its own (a failure there loses nothing stored).
  (void)db.train_dictionary_when_due();
  return out;
}

IngestSummary ingest(const Engine& engine, store::Store& db, const std::vector<InputRef>& inputs, const IngestOptions& options) {
  IngestSummary sum;
  const RenderOptions render = output_plan("jsonl", true)->render;  // what analyze --format jsonl prints
  PipelineOptions po = options.pipeline;
  po.jobs = std::max(1, po.jobs);
  std::vector<Engine::Scratch> scratch;
  for (int i = 0; i < po.jobs; ++i) scratch.push_back(engine.new_scratch());
  // The documents stored with an analysis by this producer, as the first 64
  // bits of their keys, sorted: skipped before their analysis (resume).
  std::vector<std::uint64_t> current;
  auto key_bits = [](std::string_view key) {
    std::uint64_t v = 0;
    std::from_chars(key.data(), key.data() + std::min<std::size_t>(16, key.size()), v, 16);
    return v;
  };
  if (auto st = db.each_key_analysed_by(options.producer, [&](std::string_view k) { current.push_back(key_bits(k)); }); !st)
    sum.store_errors.add(st.error());
  std::sort(current.begin(), current.end());
  const std::function<bool(const text::Document&)> is_current = [&](const text::Document& d) {
    return std::binary_search(current.begin(), current.end(), key_bits(store::content_key(d.title, d.text)));
  };
  if (!current.empty()) po.skip = &is_current;
  // The workers make each article's entry and facts (rendered, compressed,
  // keyed): the writer thread only stores and places.
  const std::function<std::any(Article&&, std::string&&, int)> prepare = [&](Article&& a, std::string&& jsonl, int) {
    return std::any(prepare_article(engine, a, std::move(jsonl), options.producer, db.dictionary().get()));
  };
  po.prepare = &prepare;
  std::vector<PreparedArticle> batch;
  batch.reserve(options.batch);
  // Each stored analysis is placed into a story (app/stories.h) once its
  // batch is stored, by one placer for the whole run.
  auto stories = StoryPlacer::open(db);
  if (!stories) sum.store_errors.add(stories.error());
  auto last_flush = std::chrono::steady_clock::now();
  auto flush = [&] {
    last_flush = std::chrono::steady_clock::now();
    if (batch.empty()) return;
    if (auto put = store_prepared(db, stories ? &*stories : nullptr, std::move(batch))) {
      sum.added += put->added;
      sum.present += put->present;
    } else {
      sum.store_errors.add(put.error());
    }
    batch.clear();
  };
  auto stats = run_pipeline(
      inputs, po, [&](const text::Document& d, int w) { return engine.analyze(d, scratch[static_cast<std::size_t>(w)]); },
      [&](const Article& a, int) { return engine.render(a, render); },
      [&](BatchResult&& r) {
        if (r.skipped) ++sum.skipped;
        auto* p = std::any_cast<PreparedArticle>(&r.payload);
        if (!p) return;
        batch.push_back(std::move(*p));
        // A transaction per `batch` documents, or per half second when they
        // come slowly (what a kill can lose is redone by the next run).
        if (batch.size() >= std::max<std::size_t>(1, options.batch) ||
            std::chrono::steady_clock::now() - last_flush > std::chrono::milliseconds(500))
          flush();
      });
  flush();
  sum.present += sum.skipped;
  sum.documents = stats.documents - sum.skipped;
  sum.bytes = stats.bytes;
  sum.seconds = stats.seconds;
  sum.errors = std::move(stats.errors);
  return sum;
}

base::Result<store::PutOutcome> analyze_and_store(const Engine& engine, store::Store& db, std::vector<text::Document> docs,
                                                  int jobs, const std::string& producer, StoryPlacer* placer) {
  std::vector<PreparedArticle> prepared(docs.size());
  std::atomic<std::size_t> next{0};
  const auto dictionary = db.dictionary();
  auto work = [&] {
    Engine::Scratch scratch = engine.new_scratch();
    for (std::size_t i; (i = next++) < docs.size();)
      prepared[i] = prepare_article(engine, engine.analyze(docs[i], scratch), producer, dictionary.get());
  };
  std::vector<std::thread> threads;
  const int n = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(std::max(1, jobs)), docs.size()));
  for (int w = 1; w < n; ++w) threads.emplace_back(work);
  if (!docs.empty()) work();
  for (auto& t : threads) t.join();
  return store_prepared(db, placer, std::move(prepared));
}

base::Result<store::PutOutcome> store_articles(const Engine& engine, store::Store& db, const std::vector<Article>& articles,
                                               const std::string& producer, StoryPlacer* placer, std::vector<std::string>* keys) {
  std::vector<PreparedArticle> prepared;
  prepared.reserve(articles.size());
  const auto dictionary = db.dictionary();
  for (const auto& a : articles) {
    prepared.push_back(prepare_article(engine, a, producer, dictionary.get()));
    if (keys) keys->push_back(prepared.back().entry.document.info.key);
  }
  return store_prepared(db, placer, std::move(prepared));
}

base::Result<ReanalyzeSummary> reanalyze(const Engine& engine, store::Store& db, const ReanalyzeOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  ReanalyzeSummary sum;
  const RenderOptions render = output_plan("jsonl", true)->render;
  const int jobs = std::max(1, options.jobs);
  std::vector<Engine::Scratch> scratch;
  for (int i = 0; i < jobs; ++i) scratch.push_back(engine.new_scratch());
  base::Progress bar(options.progress, 0, "documents");
  while (true) {
    auto docs = ASSAY_TRY(db.stale(options.producer, std::max<std::size_t>(1, options.batch)));
    if (docs.empty()) break;
    std::vector<store::Entry> entries(docs.size());
    std::vector<corpus::ArticleFacts> facts(docs.size());
    std::atomic<std::size_t> next{0};
    const auto dictionary = db.dictionary();
    auto work = [&](int w) {
      for (std::size_t i; (i = next++) < docs.size();) {
        store::Document& sd = docs[i];
        text::Document d;
        d.id = sd.info.id;
        d.source = sd.info.source;
        d.url = sd.info.url;
        d.outlet = sd.info.outlet;
        d.published = sd.info.published;
        d.title = sd.info.title;
        d.author = sd.info.author;
        d.format = format_of(sd.format);
        d.blocks = decode_blocks(sd.blocks, sd.text.size());
        d.text = std::move(sd.text);
        Article a = engine.analyze(d, scratch[static_cast<std::size_t>(w)]);
        facts[i] = corpus::facts_of(a.analysis, sd.info.key);
        auto [packed, dict] = pack(engine.render(a, render), dictionary.get());
        entries[i] = to_entry(a.analysis, sd.info.key, std::move(packed), options.producer);
        set_packed(entries[i], dict);
        bar.add(1);
      }
    };
    std::vector<std::thread> threads;
    const int n = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), docs.size()));
    for (int w = 1; w < n; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& t : threads) t.join();
    // The analyses and the facts their stories keep of them, in one
    // transaction (the facts of an article never placed are not written).
    store::PutOutcome put;
    ASSAY_TRY_VOID(db.stories().transaction([&]() -> base::Status {
      put = ASSAY_TRY(db.put(entries));
      for (const auto& f : facts) ASSAY_TRY_VOID(db.stories().update_facts(f));
      return {};
    }));
    sum.reanalysed += put.analyses;
    ASSAY_TRY_VOID(db.train_dictionary_when_due());
    if (put.analyses == 0) break;  // nothing changed: do not loop
  }
  bar.finish();
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

base::Result<std::uint64_t> export_analyses(store::Store& db, const store::Query& query,
                                            const std::function<void(std::string_view)>& write) {
  std::uint64_t n = 0;
  ASSAY_TRY_VOID(db.each_analysis(query, [&](const store::DocumentInfo&, const store::Analysis& a) {
    write(a.json);
    write("\n");
    ++n;
    return true;
  }));
  return n;
}

}  // namespace assay::app
