// assay ingest | export | delete | search | reanalyze | db check: the life
// cycle of the analyses a store keeps (app/library.h; the store is SQLite,
// --db PATH, by default under the user's data folder). `ingest --feeds`
// polls feeds over HTTP(S) (app/feeds.h).
#include <fmt/core.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "assay/app/feeds.h"
#include "assay/app/inputs.h"
#include "assay/app/library.h"
#include "assay/app/verify.h"
#include "assay/base/strings.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {

// The commit the binary was built from (generated: cmake/git_commit.cmake).
std::string_view git_commit();

namespace {

struct StoreOptions {
  std::string db;
  // ingest
  std::vector<std::string> inputs;
  std::string input_format;
  int jobs = 0;
  // ingest --feeds
  std::string feeds;
  double watch = 0, delay = 1, timeout = 30, max_page_mb = 20;
  // export, delete
  std::string since, before, outlet, entity, id;
  // search
  std::vector<std::string> words;
  int limit = 20;
};

std::string db_path(const StoreOptions& o) { return o.db.empty() ? app::default_store_path() : o.db; }

int jobs_of(const StoreOptions& o) {
  return o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Opens the store or prints why not (exit 1).
std::unique_ptr<store::Store> open_or_say(const StoreOptions& o, bool create) {
  auto db = app::open_store(db_path(o), create);
  if (!db) {
    fmt::print(stderr, "assay: error: {}\n", db.error().to_string());
    return nullptr;
  }
  return std::move(*db);
}

bool dates_ok(const StoreOptions& o) {
  for (auto [flag, value] : {std::pair{"--since", &o.since}, std::pair{"--before", &o.before}}) {
    if (!value->empty() && !app::valid_date(*value)) {
      fmt::print(stderr, "assay: error: {}: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)\n", flag, *value);
      return false;
    }
  }
  return true;
}

// The engine, with its analyzer built, or the data errors printed.
std::unique_ptr<app::Engine> engine_or_say(const GlobalOptions& g) {
  auto engine = std::unique_ptr<app::Engine>(new app::Engine(make_engine(g)));  // not movable: built in place
  if (auto analyzer = engine->analyzer(); !analyzer) {
    for (auto& e : analyzer.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return nullptr;
  }
  return engine;
}

int run_ingest(const StoreOptions& o, const GlobalOptions& g) {
  if (o.watch > 0) {
    fmt::print(stderr, "assay: error: --watch polls feeds: it needs --feeds FILE\n");
    return kExitUsage;
  }
  base::Errors errors;
  note_terminal_stdin(o.inputs);
  auto inputs = app::expand_inputs(o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs, errors);
  auto engine = engine_or_say(g);
  if (!engine) return kExitDataError;
  auto db = open_or_say(o, /*create=*/true);
  if (!db) return kExitFailure;
  app::IngestOptions io;
  io.pipeline.jobs = jobs_of(o);
  io.pipeline.input_format = o.input_format.empty() ? text::Format::kAuto : text::parse_format(o.input_format);
  io.pipeline.progress = show_progress(g);
  io.pipeline.max_text_bytes = analysis::kMaxTextBytes;
  io.producer = app::analysis_producer(*engine, git_commit());
  auto sum = app::ingest(*engine, *db, inputs, io);
  for (auto& e : sum.errors) errors.add(std::move(e));
  const std::uint64_t stored = sum.added + sum.present;
  fmt::print(stderr, "assay: ingested {} into {}: {} new, {} already stored ({:.1f} MB in {:.2f} s){}\n",
             base::counted(static_cast<long long>(stored), "document", "documents"), db->path(), sum.added, sum.present,
             sum.bytes / 1e6, sum.seconds,
             sum.skipped == 0 ? std::string()
                              : fmt::format("; {} {} analysed by this assay and not analysed again", sum.skipped,
                                            sum.skipped == 1 ? "was already" : "were already"));
  bool failed = false;
  if (!sum.store_errors.empty()) {
    const std::uint64_t analysed_stored = stored - sum.skipped;
    fmt::print(stderr, "assay: {} could not be stored:\n",
               base::counted(static_cast<long long>(sum.documents > analysed_stored ? sum.documents - analysed_stored : 0),
                             "document", "documents"));
    for (const auto& e : sum.store_errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    failed = true;
  }
  if (!errors.empty()) {
    fmt::print(stderr, "assay: {} failed and {} skipped:\n",
               base::counted(static_cast<long long>(errors.size()), "input or record", "inputs or records"),
               errors.size() == 1 ? "was" : "were");
    for (const auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    failed = true;
  }
  return failed ? kExitFailure : kExitOk;
}

// SIGINT and SIGTERM end a feed poll after its current item; a second one
// ends the process at once (what was committed stays).
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only touch lock-free atomics");
extern "C" void on_stop_signal(int) {
  if (g_stop.exchange(true)) std::_Exit(130);
}

int run_ingest_feeds(const StoreOptions& o, const GlobalOptions& g) {
  if (!o.inputs.empty()) {
    fmt::print(stderr, "assay: error: ingest takes --feeds FILE or input paths, not both\n");
    return kExitUsage;
  }
  auto urls = app::read_feed_list(o.feeds);
  if (!urls) {
    fmt::print(stderr, "assay: error: {}\n", urls.error().to_string());
    return kExitUsage;
  }
  auto engine = engine_or_say(g);
  if (!engine) return kExitDataError;
  auto db = open_or_say(o, /*create=*/true);
  if (!db) return kExitFailure;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  app::FeedOptions fo;
  fo.jobs = jobs_of(o);
  fo.producer = app::analysis_producer(*engine, git_commit());
  fo.delay_seconds = o.delay;
  fo.http.timeout_seconds = o.timeout;
  fo.http.max_bytes = static_cast<std::uint64_t>(o.max_page_mb * 1e6);
  fo.http.user_agent = fmt::format("assay/{} (feed reader)", git_commit().empty() ? "unknown" : git_commit());
  fo.stop = &g_stop;
  fo.say = [](std::string_view line) { fmt::print(stderr, "assay: {}\n", line); };
  app::FeedPoller poller(*engine, *db, fo);
  bool failed = false;
  while (true) {
    auto t0 = std::chrono::steady_clock::now();
    app::FeedRound r = poller.poll(*urls);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print(stderr, "assay: polled {} into {}: {} new, {} already stored, {} known, {} not modified ({:.2f} s){}\n",
               base::counted(static_cast<long long>(r.feeds), "feed", "feeds"), db->path(), r.added, r.present, r.known,
               r.not_modified, secs, r.stopped ? "; stopped by a signal" : "");
    if (!r.errors.empty()) {
      fmt::print(stderr, "assay: {} failed:\n",
                 base::counted(static_cast<long long>(r.errors.size()), "feed or article", "feeds or articles"));
      for (const auto& e : r.errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
      failed = true;
    }
    if (o.watch <= 0 || g_stop.load()) break;
    // Wait for the next round, waking for a signal.
    auto due = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                      std::chrono::duration<double>(o.watch));
    while (!g_stop.load() && std::chrono::steady_clock::now() < due) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (g_stop.load()) break;
  }
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  return failed ? kExitFailure : kExitOk;
}

int run_db_check(const StoreOptions& o) {
  const std::string path = db_path(o);
  auto report = app::check_store(path);
  if (!report) {
    fmt::print(stderr, "assay: error: {}\n", report.error().to_string());
    return kExitFailure;
  }
  std::string out;
  out += fmt::format("{}\n", path);
  out += fmt::format("  integrity: {}\n", report->problems.empty() ? "ok" : fmt::format("{} found", base::counted(static_cast<long long>(report->problems.size()), "problem", "problems")));
  for (const auto& p : report->problems) out += fmt::format("    {}\n", p);
  out += fmt::format("  schema: version {} ({})\n", report->schema_version,
                     report->schema_version == report->current_version ? "current"
                     : report->schema_version < report->current_version
                         ? fmt::format("older than this assay's {}: the next ingest migrates it", report->current_version)
                         : fmt::format("newer than this assay's {}: use a newer assay", report->current_version));
  out += fmt::format("  documents: {}, analyses: {}{}\n", report->documents, report->analyses,
                     report->dictionaries == 0 ? std::string()
                                               : fmt::format(" ({} compressed with the store's zstd dictionary)",
                                                             report->analyses_with_dictionary));
  // Texts and facts lines are packed too (schema 9 and 10), with their own
  // dictionaries once the store has trained them.
  if (report->texts_with_dictionary + report->facts_with_dictionary > 0)
    out += fmt::format("  packed with zstd dictionaries: {} texts, {} of {} placed articles' facts lines\n", report->texts_with_dictionary,
                       report->facts_with_dictionary, report->placed);
  write_stdout(out);
  std::fflush(stdout);
  if (!report->problems.empty()) {
    fmt::print(stderr, "assay: error: {}: the store is damaged; it was not changed (keep a copy; `sqlite3 {} .recover` may save what it holds)\n", path, path);
    return kExitFailure;
  }
  if (report->schema_version > report->current_version) return kExitFailure;
  return kExitOk;
}

int run_export(const StoreOptions& o) {
  if (!dates_ok(o)) return kExitUsage;
  auto db = open_or_say(o, /*create=*/false);
  if (!db) return kExitFailure;
  auto n = app::export_analyses(*db, {.outlet = o.outlet, .entity = o.entity, .since = o.since, .before = o.before},
                                [](std::string_view s) { write_stdout(s); });
  std::fflush(stdout);
  if (!n) {
    fmt::print(stderr, "assay: error: {}\n", n.error().to_string());
    return kExitFailure;
  }
  return kExitOk;
}

int run_delete(const StoreOptions& o) {
  if (!dates_ok(o)) return kExitUsage;
  if (o.id.empty() && o.outlet.empty() && o.before.empty()) {
    fmt::print(stderr, "assay: error: delete needs --id ID, --outlet NAME or --before DATE\n");
    return kExitUsage;
  }
  auto db = open_or_say(o, /*create=*/false);
  if (!db) return kExitFailure;
  auto n = db->remove({.key = o.id, .outlet = o.outlet, .before = o.before});
  if (!n) {
    fmt::print(stderr, "assay: error: {}\n", n.error().to_string());
    return kExitFailure;
  }
  fmt::print(stderr, "assay: deleted {} from {}\n", base::counted(static_cast<long long>(*n), "document", "documents"),
             db->path());
  return kExitOk;
}

int run_search(const StoreOptions& o) {
  std::string query;
  for (const auto& w : o.words) query += (query.empty() ? "" : " ") + w;
  auto db = open_or_say(o, /*create=*/false);
  if (!db) return kExitFailure;
  auto hits = db->search(query, static_cast<std::size_t>(o.limit));
  if (!hits) {
    fmt::print(stderr, "assay: error: {}\n", hits.error().to_string());
    return hits.error().code() == base::ErrorCode::kInvalidInput ? kExitUsage : kExitFailure;
  }
  std::string out;
  for (const auto& h : *hits) {
    const auto& d = h.info;
    out += fmt::format("{}  {}  {}  {}\n", d.id.empty() ? d.key : d.id, d.published.empty() ? "-" : d.published,
                       d.outlet.empty() ? "-" : d.outlet, d.title.empty() ? "(no title)" : d.title);
    out += fmt::format("    {}\n", h.snippet);
  }
  write_stdout(out);
  std::fflush(stdout);
  if (hits->empty()) {
    fmt::print(stderr, "assay: nothing in {} matches {}\n", db->path(), query);
    return kExitFailure;
  }
  return kExitOk;
}

int run_reanalyze(const StoreOptions& o, const GlobalOptions& g) {
  auto db = open_or_say(o, /*create=*/false);
  if (!db) return kExitFailure;
  auto engine = engine_or_say(g);
  if (!engine) return kExitDataError;
  auto sum = app::reanalyze(*engine, *db,
                            {.jobs = jobs_of(o), .producer = app::analysis_producer(*engine, git_commit()), .progress = show_progress(g)});
  if (!sum) {
    fmt::print(stderr, "assay: error: {}\n", sum.error().to_string());
    return kExitFailure;
  }
  if (sum->reanalysed == 0) fmt::print(stderr, "assay: every analysis in {} is up to date\n", db->path());
  else
    fmt::print(stderr, "assay: re-analysed {} in {} ({:.2f} s)\n",
               base::counted(static_cast<long long>(sum->reanalysed), "document", "documents"), db->path(), sum->seconds);
  return kExitOk;
}

void add_db(CLI::App* cmd, StoreOptions& o) {
  cmd->add_option("--db", o.db, "The store (SQLite file; default $XDG_DATA_HOME/assay/assay.db, else ~/.local/share/assay/assay.db)");
}

Registrar reg(65, [](CLI::App& app, const GlobalOptions& g) {
  static StoreOptions o;
  auto* ingest = app.add_subcommand("ingest", "Analyse articles and keep them in a store: each document once, with its analysis");
  ingest->add_option("inputs", o.inputs, "Files, directories or - for stdin (text, Markdown, HTML, JSON, JSON Lines, RSS or Atom feeds)");
  add_db(ingest, o);
  ingest->add_option("--input-format", o.input_format, "Force the input format: txt, md, html, json, jsonl, feed (RSS or Atom)")
      ->check(CLI::IsMember({"txt", "md", "html", "json", "jsonl", "feed"}));
  ingest->add_option("--jobs,-j", o.jobs, "Worker threads (default: all cores)")->check(in_range(1, 256));
  ingest->add_option("--feeds", o.feeds, "Poll the RSS/Atom feeds listed in FILE (one URL a line, # comments) over HTTP(S) and store the articles they link");
  ingest->add_option("--watch", o.watch, "With --feeds: poll again every SECONDS until interrupted (Ctrl-C ends it after the current item)")
      ->check(CLI::Range(1.0, 7 * 86400.0));
  ingest->add_option("--delay", o.delay, "With --feeds: seconds between two requests to one host (default 1)")->check(CLI::Range(0.0, 3600.0));
  ingest->add_option("--timeout", o.timeout, "With --feeds: seconds one request may take (default 30)")->check(CLI::Range(0.1, 3600.0));
  ingest->add_option("--max-page-mb", o.max_page_mb, "With --feeds: refuse a feed or page larger than this many MB (default 20)")
      ->check(CLI::Range(0.001, 1000.0));
  ingest->callback([&g] { throw ExitRequest{o.feeds.empty() ? run_ingest(o, g) : run_ingest_feeds(o, g)}; });

  auto* exp = app.add_subcommand("export", "Print the stored analyses as JSON Lines (schema assay.analysis/2), oldest first");
  add_db(exp, o);
  exp->add_option("--since", o.since, "Only documents published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)");
  exp->add_option("--before", o.before, "Only documents published before DATE");
  exp->add_option("--outlet", o.outlet, "Only this outlet's documents");
  exp->add_option("--entity", o.entity, "Only documents naming this entity (a country, company, element ...)");
  exp->callback([] { throw ExitRequest{run_export(o)}; });

  auto* del = app.add_subcommand("delete", "Delete documents and their analyses from the store");
  add_db(del, o);
  del->add_option("--id", o.id, "The document with this id (as ingested) or content key");
  del->add_option("--outlet", o.outlet, "Every document of this outlet");
  del->add_option("--before", o.before, "Every document published before DATE");
  del->callback([] { throw ExitRequest{run_delete(o)}; });

  auto* search = app.add_subcommand("search", "Full-text search over the stored titles and texts");
  add_db(search, o);
  search->add_option("text", o.words, "Words, \"a phrase\", AND, OR, NOT, prefix*")->required();
  search->add_option("--limit", o.limit, "At most N hits (default 20)")->check(in_range(1, 100000));
  search->callback([] { throw ExitRequest{run_search(o)}; });

  auto* db = app.add_subcommand("db", "Look after the store file");
  db->require_subcommand(1);
  auto* check = db->add_subcommand("check", "Check the store: SQLite's integrity check, the schema version, the counts (changes nothing)");
  add_db(check, o);
  check->callback([] { throw ExitRequest{run_db_check(o)}; });

  auto* re = app.add_subcommand("reanalyze", "Re-analyse stored documents whose analysis an older analyzer or data made");
  re->alias("reanalyse");
  add_db(re, o);
  re->add_option("--jobs,-j", o.jobs, "Worker threads (default: all cores)")->check(in_range(1, 256));
  re->callback([&g] { throw ExitRequest{run_reanalyze(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
