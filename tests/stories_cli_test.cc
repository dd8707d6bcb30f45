// stories_cli_test: `assay ingest` places each article into a story;
// `assay stories` lists them (Markdown, assay.stories/1 JSON Lines) and
// `assay story ID` reports one (Markdown, JSON, HTML: golden files
// tests/golden/stories_*), on articles written for the test
// (tests/data/stories/cli/news.jsonl: a scoop, a careful carrying, a
// careless rewrite, an official confirmation, an earlier official
// statement, an unrelated piece); the JSON validates against
// docs/schema/stories.schema.json; the gold story dev-025..027 when the
// shared folder is there. The store's clock is fixed by SOURCE_DATE_EPOCH.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "cli_test_util.h"

namespace {

std::string source_dir() { return env_or("ASSAY_SOURCE_DIR", "."); }

void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = source_dir() + "/tests/golden/" + name;
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(path, actual);
  EXPECT_EQ(actual, read_text(path)) << "golden file " << path << " differs; rerun with ASSAY_UPDATE_GOLDEN=1 after review";
}

std::string news() { return source_dir() + "/tests/data/stories/cli/news.jsonl"; }

// A store holding the test's articles, ingested with a fixed clock.
std::string ingested(const std::string& dir) {
  setenv("SOURCE_DATE_EPOCH", "1765000000", 1);
  std::string db = dir + "/news.db";
  auto r = run_assay("ingest --db " + db + " --jobs 2 " + news());
  EXPECT_EQ(r.code, 0) << r.err;
  return db;
}

std::vector<nlohmann::json> json_lines(const std::string& s) {
  std::vector<nlohmann::json> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

void expect_valid(const std::string& dir, const std::string& name, const std::string& json) {
  std::string path = dir + "/" + name;
  write_text(path, json);
  std::string cmd = env_or("ASSAY_PYTHON", "python3") + " " + source_dir() + "/tests/validate_schema.py " + source_dir() +
                    "/docs/schema/stories.schema.json " + path + " >" + dir + "/validate.txt 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << read_text(dir + "/validate.txt");
}

TEST(StoriesCli, IngestGroupsTheArticlesIntoStoriesWithOriginRolesAndBackground) {
  std::string dir = temp_dir();
  std::string db = ingested(dir);
  auto md = run_assay("stories --db " + db);
  ASSERT_EQ(md.code, 0) << md.err;
  expect_golden("stories_list.md", md.out);
  auto jl = run_assay("stories --db " + db + " --format jsonl");
  ASSERT_EQ(jl.code, 0) << jl.err;
  expect_golden("stories_list.jsonl", jl.out);
  expect_valid(dir, "list.jsonl", jl.out);
  auto stories = json_lines(jl.out);
  // The statement, the Vietnam cap (four members) and the Brazil cargo.
  ASSERT_EQ(stories.size(), 3u);
  const nlohmann::json* cap = nullptr;
  for (const auto& s : stories)
    if (s["members"].size() == 4) cap = &s;
  ASSERT_TRUE(cap) << jl.out;
  EXPECT_EQ((*cap)["origin"]["outlet"], "Delta Wire");
  EXPECT_EQ((*cap)["origin"]["member"], "scoop");
  std::map<std::string, std::string> role;
  std::map<std::string, int> fidelity;
  for (const auto& m : (*cap)["members"]) {
    role[m["id"]] = m["role"];
    if (!m["fidelity"].is_null()) fidelity[m["id"]] = m["fidelity"];
    EXPECT_EQ(m["joined_at"], 1765000000);
  }
  EXPECT_EQ(role["scoop"], "origin");
  EXPECT_EQ(role["carry"], "echo");
  EXPECT_EQ(role["rewrite"], "echo");
  EXPECT_EQ(role["confirm"], "independent");
  // The careful carrying ranks above the rewrite that drops credit and caveats.
  EXPECT_GT(fidelity["carry"], fidelity["rewrite"]);
  ASSERT_EQ((*cap)["background"].size(), 1u);
  EXPECT_EQ((*cap)["background"][0]["id"], "statement");
  // Ingesting again changes nothing.
  ASSERT_EQ(run_assay("ingest --db " + db + " " + news()).code, 0);
  EXPECT_EQ(run_assay("stories --db " + db + " --format jsonl").out, jl.out);
  // Filters.
  auto since = run_assay("stories --db " + db + " --format jsonl --since 2025-07");
  EXPECT_EQ(json_lines(since.out).size(), 2u) << since.out;
  auto entity = run_assay("stories --db " + db + " --format jsonl --entity 'serra verde'");
  ASSERT_EQ(json_lines(entity.out).size(), 1u) << entity.out << entity.err;
  auto none = run_assay("stories --db " + db + " --entity Atlantis");
  EXPECT_EQ(none.code, 1);
  EXPECT_NE(none.err.find("no stories"), std::string::npos) << none.err;
}

TEST(StoriesCli, StoryReportsInMarkdownJsonAndHtml) {
  std::string dir = temp_dir();
  std::string db = ingested(dir);
  auto list = json_lines(run_assay("stories --db " + db + " --format jsonl").out);
  std::string id;
  for (const auto& s : list)
    if (s["members"].size() == 4) id = std::to_string(s["id"].get<int>());
  ASSERT_FALSE(id.empty());
  auto md = run_assay("story " + id + " --db " + db);
  ASSERT_EQ(md.code, 0) << md.err;
  expect_golden("stories_story.md", md.out);
  for (const char* section : {"## Highlights", "## What holds true", "## Where shadows appear", "## Bias between the lines",
                              "## Why it matters for the supply chain", "## Bottom line", "## Background"})
    EXPECT_NE(md.out.find(section), std::string::npos) << section;
  auto json = run_assay("story " + id + " --db " + db + " --format json");
  ASSERT_EQ(json.code, 0) << json.err;
  expect_golden("stories_story.json", json.out);
  expect_valid(dir, "story.json", json.out);
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["corroboration"]["independent_confirmations"], 1);
  EXPECT_EQ(j["corroboration"]["outlets"], 4);
  auto html = run_assay("story " + id + " --db " + db + " --format html");
  ASSERT_EQ(html.code, 0) << html.err;
  expect_golden("stories_story.html", html.out);
  // Errors: an unknown id, a bad id, a missing store.
  auto unknown = run_assay("story 999 --db " + db);
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("no story 999"), std::string::npos) << unknown.err;
  EXPECT_EQ(run_assay("story first --db " + db).code, 2);
  auto missing = run_assay("stories --db " + dir + "/none.db");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("none.db"), std::string::npos) << missing.err;
}

TEST(StoriesCli, DeletingAMemberTakesItOutOfItsStory) {
  std::string dir = temp_dir();
  std::string db = ingested(dir);
  ASSERT_EQ(run_assay("delete --db " + db + " --id rewrite").code, 0);
  auto list = json_lines(run_assay("stories --db " + db + " --format jsonl").out);
  for (const auto& s : list)
    for (const auto& m : s["members"]) EXPECT_NE(m["id"], "rewrite");
}

TEST(StoriesCli, TheGoldStoryIsOneStoryToldThreeWays) {
  if (!have_shared_eval()) GTEST_SKIP() << "no ../shared/eval";
  std::string dir = temp_dir();
  std::string arts = env_or("ASSAY_SHARED_DIR", "") + "/eval/articles/";
  std::string db = dir + "/gold.db";
  ASSERT_EQ(run_assay("ingest --db " + db + " " + arts).code, 0);
  auto list = json_lines(run_assay("stories --db " + db + " --format jsonl").out);
  const nlohmann::json* story = nullptr;
  for (const auto& s : list)
    for (const auto& m : s["members"])
      if (m["id"] == "dev-025") story = &s;
  ASSERT_TRUE(story);
  std::map<std::string, std::string> role;
  std::map<std::string, int> fidelity;
  for (const auto& m : (*story)["members"]) {
    role[m["id"]] = m["role"];
    if (!m["fidelity"].is_null()) fidelity[m["id"]] = m["fidelity"];
  }
  EXPECT_EQ(role.size(), 3u);
  EXPECT_EQ(role["dev-025"], "origin");
  EXPECT_EQ(role["dev-026"], "echo");
  EXPECT_EQ(role["dev-027"], "independent");
  EXPECT_EQ((*story)["origin"]["outlet"], "Lodestar Wire");
  // The aggregator keeps the credit but drops the caveats: below a careful carrying's 100.
  EXPECT_LT(fidelity["dev-026"], 90);
}

}  // namespace
