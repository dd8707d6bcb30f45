// assay stories | story: the stories a store holds (app/stories.h): the
// listing (Markdown table or assay.stories/1 JSON Lines) and one story's
// critique across its versions (Markdown, JSON or HTML).
#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <string>

#include "assay/app/library.h"
#include "assay/app/stories.h"
#include "assay/app/verify.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct StoriesOptions {
  std::string db;
  std::string since, entity;
  std::string format = "md";
  std::string id;
};

std::unique_ptr<store::Store> open_db(const StoriesOptions& o) {
  auto db = app::open_store(o.db.empty() ? app::default_store_path() : o.db, /*create=*/false);
  if (!db) {
    fmt::print(stderr, "assay: error: {}\n", db.error().to_string());
    return nullptr;
  }
  return std::move(*db);
}

int run_stories(const StoriesOptions& o) {
  if (!o.since.empty() && !app::valid_date(o.since)) {
    fmt::print(stderr, "assay: error: --since: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)\n", o.since);
    return kExitUsage;
  }
  auto db = open_db(o);
  if (!db) return kExitFailure;
  auto list = app::list_stories(*db, {.since = o.since, .entity = o.entity});
  if (!list) {
    fmt::print(stderr, "assay: error: {}\n", list.error().to_string());
    return kExitFailure;
  }
  if (list->empty()) {
    fmt::print(stderr, "assay: no stories in {}{}\n", db->path(), o.since.empty() && o.entity.empty() ? "" : " match");
    return kExitFailure;
  }
  write_stdout(app::render_stories(*list, o.format == "jsonl" ? report::OutputFormat::kJson : report::OutputFormat::kMarkdown));
  std::fflush(stdout);
  return kExitOk;
}

int run_story(const StoriesOptions& o) {
  std::int64_t id = 0;
  auto r = std::from_chars(o.id.data(), o.id.data() + o.id.size(), id);
  if (r.ec != std::errc() || r.ptr != o.id.data() + o.id.size() || id <= 0) {
    fmt::print(stderr, "assay: error: story: '{}' is not a story id (a number, as assay stories lists them)\n", o.id);
    return kExitUsage;
  }
  auto db = open_db(o);
  if (!db) return kExitFailure;
  auto rep = app::story_report(*db, id);
  if (!rep) {
    fmt::print(stderr, "assay: error: {}\n", rep.error().to_string());
    return kExitFailure;
  }
  auto format = *report::parse_format(o.format);
  write_stdout(app::render_story(*rep, format));
  std::fflush(stdout);
  return kExitOk;
}

void add_db(CLI::App* cmd, StoriesOptions& o) {
  cmd->add_option("--db", o.db, "The store (SQLite file; default $XDG_DATA_HOME/assay/assay.db, else ~/.local/share/assay/assay.db)");
}

Registrar reg(66, [](CLI::App& app, const GlobalOptions&) {
  static StoriesOptions o;
  auto* list = app.add_subcommand("stories", "List the stories of a store: articles across outlets grouped as they were ingested");
  add_db(list, o);
  list->add_option("--since", o.since, "Stories with a member published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY)");
  list->add_option("--entity", o.entity, "Stories most of whose members name ENTITY (a kb name, case ignored)");
  list->add_option("--format", o.format, "md (a table) or jsonl (assay.stories/1, one object per story)")
      ->check(CLI::IsMember({"md", "jsonl"}));
  list->callback([] { throw ExitRequest{run_stories(o)}; });
  auto* one = app.add_subcommand("story", "One story's critique: origin, echoes and independent members, claims across versions");
  one->add_option("id", o.id, "The story's id (assay stories lists them)")->required();
  add_db(one, o);
  one->add_option("--format", o.format, "md, json (assay.stories/1 with the critique) or html")->check(CLI::IsMember({"md", "json", "html"}));
  one->callback([] { throw ExitRequest{run_story(o)}; });
});

}  // namespace
}  // namespace assay::cli
