// api_test: the API as values: routing and methods, the body limit, the
// token (read-only, missing, wrong, right; compared whatever the length),
// problem documents, analyze equal to what the engine renders, articles
// with cursor pages, search, filters and deletion, the chain, metrics, and
// --listen parsing.
#include "assay/server/api.h"
#include "assay/server/test_support_internal.h"

#include <gtest/gtest.h>
#include <chrono>
#include <map>
#include <thread>
#include <nlohmann/json.hpp>

#include "assay/app/library.h"
#include "assay/base/embedded.h"
#include "assay/server/server.h"

namespace assay::server {
namespace {

using nlohmann::json;

using test_support::engine;
using test_support::kToken;

std::unique_ptr<Api> make_api(std::string token = std::string(kToken), std::size_t max_body = kDefaultMaxBody) {
  auto db = app::open_store(":memory:", true, [] { return 1765000000; });
  EXPECT_TRUE(db.has_value());
  return std::make_unique<Api>(engine(), std::move(*db), ApiOptions{.token = token, .max_body = max_body, .version = "test"});
}

std::string bearer(std::string_view t) { return "Bearer " + std::string(t); }

// The problem document of a response, checked for its RFC 9457 members.
json problem_of(const Response& r) {
  EXPECT_EQ(r.content_type, "application/problem+json");
  json j = json::parse(r.body);
  EXPECT_EQ(j.at("status").get<int>(), r.status);
  EXPECT_TRUE(j.at("type").is_string());
  EXPECT_FALSE(j.at("title").get<std::string>().empty());
  EXPECT_FALSE(j.at("detail").get<std::string>().empty());
  return j;
}

TEST(Api, HealthSaysWhetherItHasAStoreAndTakesWrites) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/health"});
  ASSERT_EQ(r.status, 200);
  json j = json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["store"], true);
  EXPECT_EQ(j["writable"], true);
  EXPECT_EQ(j["version"], "test");
  Api read_only(engine(), nullptr, {});
  EXPECT_EQ(json::parse(read_only.handle({.method = "GET", .path = "/v1/health"}).body)["writable"], false);
}

TEST(Api, UnknownPathsAndMethodsAreProblems) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/nothing"});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(problem_of(r)["title"], "Not Found");
  r = api->handle({.method = "GET", .path = "/v1/analyze"});
  EXPECT_EQ(r.status, 405);
  problem_of(r);
  r = api->handle({.method = "PUT", .path = "/v1/articles/abc"});
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.route, "/v1/articles/{id}");
  // A nested path is not an article id.
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/articles/a/b"}).status, 404);
}

TEST(Api, ABodyOverTheLimitIs413) {
  auto api = make_api(std::string(kToken), 64);
  Response r = api->handle({.method = "POST", .path = "/v1/analyze", .body = std::string(65, 'a')});
  EXPECT_EQ(r.status, 413);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("64"), std::string::npos);
  EXPECT_NE(api->handle({.method = "POST", .path = "/v1/analyze", .body = "China mined more rare earths."}).status, 413);
}

TEST(Api, TokenComparison) {
  EXPECT_TRUE(token_matches(bearer(kToken), kToken));
  EXPECT_FALSE(token_matches(bearer("0123456789abcdef0124"), kToken));  // last character
  EXPECT_FALSE(token_matches(bearer("1123456789abcdef0123"), kToken));  // first character
  EXPECT_FALSE(token_matches(bearer("0123456789abcdef012"), kToken));   // shorter
  EXPECT_FALSE(token_matches(bearer("0123456789abcdef01234"), kToken)); // longer
  EXPECT_FALSE(token_matches("Basic 0123456789abcdef0123", kToken));
  EXPECT_FALSE(token_matches(std::string(kToken), kToken));
  EXPECT_FALSE(token_matches("Bearer ", ""));  // no token configured: nothing matches
}

TEST(Api, WritesNeedTheTokenAndAReadOnlyServerRefusesThem) {
  const std::string text = "China said it would require licences for exports of heavy rare earths.";
  auto api = make_api();
  Response r = api->handle({.method = "POST", .path = "/v1/articles", .body = text});
  EXPECT_EQ(r.status, 401);
  problem_of(r);
  r = api->handle({.method = "POST", .path = "/v1/articles", .authorization = bearer("wrong-token-wrong-token"), .body = text});
  EXPECT_EQ(r.status, 401);
  r = api->handle({.method = "DELETE", .path = "/v1/articles/abc"});
  EXPECT_EQ(r.status, 401);
  r = api->handle({.method = "POST", .path = "/v1/articles", .authorization = bearer(kToken), .body = text});
  EXPECT_EQ(r.status, 201) << r.body;

  auto db = app::open_store(":memory:", true);
  ASSERT_TRUE(db.has_value());
  Api read_only(engine(), std::move(*db), {});
  r = read_only.handle({.method = "POST", .path = "/v1/articles", .authorization = bearer(kToken), .body = text});
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("read-only"), std::string::npos);
}

TEST(Api, AnalyzeAnswersWhatTheEngineRenders) {
  auto api = make_api();
  const std::string html = "<html><head><title>Plant news</title></head><body><article>"
                           "<p>Lynas Rare Earths said its Malaysian plant produced more NdPr oxide.</p></article></body></html>";
  Response r = api->handle({.method = "POST", .path = "/v1/analyze", .content_type = "text/html; charset=utf-8", .body = html});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  auto docs = text::read_documents(html, {.name = "-", .format = text::Format::kHtml});
  ASSERT_TRUE(docs.has_value());
  auto scratch = engine()->new_scratch();
  app::Article a = engine()->analyze(docs->documents.at(0), scratch);
  EXPECT_EQ(r.body, engine()->render(a, {.format = report::OutputFormat::kJson}) + "\n");
  EXPECT_EQ(json::parse(r.body)["document"]["title"], "Plant news");

  // A JSON record, and Markdown out.
  r = api->handle({.method = "POST", .path = "/v1/analyze", .query = {{"format", "md"}}, .content_type = "application/json",
                   .body = R"({"id":"r1","title":"Export controls","outlet":"Wire One","text":"China said it would require licences."})"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/markdown; charset=utf-8");
  EXPECT_NE(r.body.find("Export controls"), std::string::npos);

  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/analyze", .query = {{"format", "pdf"}}, .body = "x"}).status, 400);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/analyze", .content_type = "image/png", .body = "x"}).status, 415);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/analyze", .body = ""}).status, 400);
  r = api->handle({.method = "POST", .path = "/v1/analyze", .content_type = "application/x-ndjson",
                   .body = "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n"});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("at most 1"), std::string::npos);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/analyze", .content_type = "application/json", .body = "{\"id\": "}).status, 400);
}

TEST(Api, ARequestOfManyItemsStopsAtTheTimeLimit) {
  auto db = app::open_store(":memory:", true);
  ASSERT_TRUE(db.has_value());
  Api api(engine(), std::move(*db), {.token = std::string(kToken), .time_limit_seconds = 1e-9});
  // One item is always done; the second starts after the limit.
  EXPECT_EQ(api.handle({.method = "POST", .path = "/v1/verify", .body = "China mined 270,000 t in 2025.\n"}).status, 200);
  Response r = api.handle({.method = "POST", .path = "/v1/verify", .body = "China mined 270,000 t in 2025.\nMyanmar mined more.\n"});
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("time limit"), std::string::npos);
  r = api.handle({.method = "POST", .path = "/v1/articles", .content_type = "application/x-ndjson", .authorization = bearer(kToken),
                  .body = "{\"id\":\"a\",\"text\":\"China mined more.\"}\n{\"id\":\"b\",\"text\":\"Myanmar mined more.\"}\n"});
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(json::parse(api.handle({.method = "GET", .path = "/v1/articles"}).body)["items"].empty()) << "nothing stored";
}

TEST(Api, VerifyJudgesEachClaim) {
  auto api = make_api();
  Response r = api->handle({.method = "POST", .path = "/v1/verify", .body = "China mined 270,000 t of rare earths in 2025.\n"});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  EXPECT_EQ(j["schema"], "assay.verify/1");
  ASSERT_EQ(j["inputs"].size(), 1u);
  EXPECT_TRUE(j["inputs"][0]["verdict"].is_string());
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/verify", .query = {{"date", "2025-13-01"}}, .body = "x"}).status, 400);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/verify", .body = "\n\n"}).status, 400);
}

TEST(Api, ArticlesPageWithACursorSearchFilterAndDelete) {
  auto api = make_api();
  const std::string auth = bearer(kToken);
  const char* records[] = {
      R"({"id":"a","title":"Export licences","outlet":"Wire One","published":"2025-04-04","text":"China said it would require licences for exports of heavy rare earths."})",
      R"({"id":"b","title":"Plant output","outlet":"Wire Two","published":"2025-05-01","text":"Lynas said its Malaysian plant produced more NdPr oxide."})",
      R"({"id":"c","title":"Magnet prices","outlet":"Wire One","published":"2025-06-02","text":"Magnet makers in Japan paid more for dysprosium this quarter."})"};
  for (const char* rec : records)
    ASSERT_EQ(api->handle({.method = "POST", .path = "/v1/articles", .content_type = "application/json", .authorization = auth, .body = rec}).status, 201);
  // The same again: stored once, 200.
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/articles", .content_type = "application/json", .authorization = auth, .body = records[0]}).status, 200);

  Response r = api->handle({.method = "GET", .path = "/v1/articles", .query = {{"limit", "2"}}});
  ASSERT_EQ(r.status, 200);
  json page = json::parse(r.body);
  ASSERT_EQ(page["items"].size(), 2u);
  EXPECT_EQ(page["items"][0]["id"], "a");
  EXPECT_EQ(page["items"][1]["id"], "b");
  ASSERT_TRUE(page["next_cursor"].is_string());
  r = api->handle({.method = "GET", .path = "/v1/articles", .query = {{"limit", "2"}, {"cursor", page["next_cursor"]}}});
  json rest = json::parse(r.body);
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["id"], "c");
  EXPECT_TRUE(rest["next_cursor"].is_null());

  json one = json::parse(api->handle({.method = "GET", .path = "/v1/articles", .query = {{"outlet", "wire one"}, {"since", "2025-05"}}}).body);
  ASSERT_EQ(one["items"].size(), 1u);
  EXPECT_EQ(one["items"][0]["id"], "c");
  json hits = json::parse(api->handle({.method = "GET", .path = "/v1/articles", .query = {{"q", "dysprosium"}}}).body);
  ASSERT_EQ(hits["items"].size(), 1u);
  EXPECT_EQ(hits["items"][0]["id"], "c");
  EXPECT_NE(hits["items"][0]["snippet"].get<std::string>().find("[dysprosium]"), std::string::npos);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/articles", .query = {{"limit", "0"}}}).status, 400);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/articles", .query = {{"cursor", "nonsense"}}}).status, 400);

  // The permalink serves the stored analysis; deleting it makes it 404.
  std::string href = page["items"][0]["href"];
  r = api->handle({.method = "GET", .path = href});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["document"]["title"], "Export licences");
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/articles/a"}).status, 200) << "the id it was read as finds it too";
  EXPECT_EQ(api->handle({.method = "DELETE", .path = href, .authorization = auth}).status, 204);
  EXPECT_EQ(api->handle({.method = "GET", .path = href}).status, 404);
  EXPECT_EQ(api->handle({.method = "DELETE", .path = href, .authorization = auth}).status, 404);

  // Bodies posted as text are all read as "-": that id deletes none of them.
  for (const char* t : {"China mined more rare earths.", "Myanmar mined fewer rare earths."})
    ASSERT_EQ(api->handle({.method = "POST", .path = "/v1/articles", .authorization = auth, .body = t}).status, 201);
  r = api->handle({.method = "DELETE", .path = "/v1/articles/-", .authorization = auth});
  EXPECT_EQ(r.status, 409);
  problem_of(r);
  EXPECT_EQ(json::parse(api->handle({.method = "GET", .path = "/v1/articles"}).body)["items"].size(), 4u);
}

TEST(Api, WithoutAStoreTheArticlesAre503) {
  Api api(engine(), nullptr, {});
  Response r = api.handle({.method = "GET", .path = "/v1/articles"});
  EXPECT_EQ(r.status, 503);
  problem_of(r);
}

TEST(Api, ChainSummaryAndShippedScenariosOnly) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/chain"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["schema"], "assay.chain/1");
  r = api->handle({.method = "GET", .path = "/v1/chain/scenarios/myanmar-clay-halt"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["scenarios"].size(), 1u);
  // Not a file path, nor an unknown name.
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/chain/scenarios/..%2F..%2Fetc%2Fpasswd"}).status, 404);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/chain/scenarios/no-such"}).status, 404);
}

TEST(Api, ChainStagesFacilityAndPeriod) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/chain/stages"});
  ASSERT_EQ(r.status, 200) << r.body;
  json stages = json::parse(r.body);
  EXPECT_EQ(stages["schema"], "assay.chain/1");
  EXPECT_TRUE(stages.contains("stages")) << r.body.substr(0, 400);
  // A quarter of the model year, and a period that is not one.
  std::string year = std::to_string(stages["year"].get<int>());
  r = api->handle({.method = "GET", .path = "/v1/chain/stages", .query = {{"period", year + "Q2"}}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body, api->handle({.method = "GET", .path = "/v1/chain/stages"}).body);
  r = api->handle({.method = "GET", .path = "/v1/chain", .query = {{"period", "2025Q9"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(problem_of(r)["detail"].get<std::string>().rfind("period: ", 0), 0u);
  r = api->handle({.method = "GET", .path = "/v1/chain", .query = {{"objective", "x"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("'objective'"), std::string::npos);

  r = api->handle({.method = "GET", .path = "/v1/chain/facilities/lynas-kalgoorlie"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("lynas-kalgoorlie"), std::string::npos);
  r = api->handle({.method = "GET", .path = "/v1/chain/facilities/no-such-plant"});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.route, "/v1/chain/facilities/{id}");
  EXPECT_EQ(api->handle({.method = "DELETE", .path = "/v1/chain/facilities/lynas-kalgoorlie"}).status, 405);
}

TEST(Api, ScenarioListGivesDeclaredParametersAndOverridesAreChecked) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/chain/scenarios"});
  ASSERT_EQ(r.status, 200) << r.body;
  json list = json::parse(r.body);
  ASSERT_FALSE(list["items"].empty());
  json clay;
  for (const auto& s : list["items"])
    if (s["name"] == "myanmar-clay-halt") clay = s;
  ASSERT_TRUE(clay.is_object()) << r.body;
  EXPECT_EQ(clay["href"], "/v1/chain/scenarios/myanmar-clay-halt");
  ASSERT_EQ(clay["parameters"].size(), 1u);
  EXPECT_EQ(clay["parameters"][0]["name"], "share_left");
  EXPECT_EQ(clay["parameters"][0]["default"], 0);

  const std::string path = "/v1/chain/scenarios/myanmar-clay-halt";
  Response base = api->handle({.method = "GET", .path = path});
  ASSERT_EQ(base.status, 200);
  // An override changes the answer; the default given explicitly does not.
  Response half = api->handle({.method = "GET", .path = path, .query = {{"set.share_left", "0.5"}}});
  ASSERT_EQ(half.status, 200) << half.body;
  EXPECT_NE(half.body, base.body);
  // The flows a redraw needs: the baseline's are the summary's groups and
  // Sankey bands; halting Myanmar's mines takes mining output from the rest
  // of the world and leaves China's as it was.
  {
    json summary = json::parse(api->handle({.method = "GET", .path = "/v1/chain"}).body);
    json cmp = json::parse(half.body);
    ASSERT_TRUE(cmp.contains("baseline_flows")) << half.body.substr(0, 400);
    EXPECT_EQ(cmp["baseline_flows"]["sankey"], summary["sankey"]);
    ASSERT_EQ(cmp["baseline_flows"]["stages"].size(), summary["stages"].size());
    for (std::size_t i = 0; i < summary["stages"].size(); ++i) {
      EXPECT_EQ(cmp["baseline_flows"]["stages"][i]["stage"], summary["stages"][i]["stage"]);
      EXPECT_EQ(cmp["baseline_flows"]["stages"][i]["groups"], summary["stages"][i]["groups"]);
    }
    const json& before = cmp["baseline_flows"]["stages"][0];
    const json& after = cmp["scenarios"][0]["flows"]["stages"][0];
    ASSERT_EQ(after["stage"], "mining");
    EXPECT_LT(after["groups"]["Rest"]["output"].get<double>(), before["groups"]["Rest"]["output"].get<double>());
    EXPECT_EQ(after["groups"]["China"], before["groups"]["China"]);
    EXPECT_FALSE(cmp["scenarios"][0]["flows"]["sankey"].empty());
  }
  EXPECT_EQ(api->handle({.method = "GET", .path = path, .query = {{"set.share_left", "0"}}}).body, base.body);
  // Unknown or malformed: 400 naming it.
  r = api->handle({.method = "GET", .path = path, .query = {{"set.capacity", "1"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("set.capacity"), std::string::npos);
  r = api->handle({.method = "GET", .path = path, .query = {{"set.share_left", "half"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("set.share_left: 'half'"), std::string::npos);
  // A number the model refuses: 400 with where in the scenario it was used.
  r = api->handle({.method = "GET", .path = "/v1/chain/scenarios/malaysia-china-refinery", .query = {{"set.capacity", "1e300"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("malaysia-china-refinery.yaml"), std::string::npos) << r.body;
  r = api->handle({.method = "GET", .path = path, .query = {{"sets.share_left", "1"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("sets.share_left"), std::string::npos);
  // A range of months, stocks carried: a series of several periods.
  std::string year = std::to_string(json::parse(base.body)["year"].get<int>());
  r = api->handle({.method = "GET", .path = path, .query = {{"period", year + "-04:" + year + "-06"}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body, base.body);
  r = api->handle({.method = "GET", .path = path, .query = {{"period", "04:06"}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(problem_of(r)["detail"].get<std::string>().rfind("period: ", 0), 0u);
}

// Polls a job until it is no longer running (or 120 s pass).
json wait_for_job(Api& api, const std::string& href) {
  json j;
  for (int i = 0; i < 1200; ++i) {
    Response r = api.handle({.method = "GET", .path = href});
    EXPECT_EQ(r.status, 200) << r.body;
    j = json::parse(r.body);
    EXPECT_GE(j["progress"].get<double>(), 0.0);
    EXPECT_LE(j["progress"].get<double>(), 1.0);
    if (j["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return j;
}

TEST(Api, MonteCarloRunsAsAJobWithProgressAndItsResult) {
  auto api = make_api();
  Response r = api->handle({.method = "POST", .path = "/v1/chain/montecarlo", .content_type = "application/json",
                            .body = R"({"scenario": "myanmar-clay-halt", "draws": 300, "seed": 7, "set": {"share_left": 0.5}})"});
  ASSERT_EQ(r.status, 202) << r.body;
  json started = json::parse(r.body);
  EXPECT_EQ(started["status"], "running");
  std::string href = started["href"];
  EXPECT_EQ(href, "/v1/jobs/" + started["id"].get<std::string>());
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{"Location", href}));
  json done = wait_for_job(*api, href);
  ASSERT_EQ(done["status"], "done") << done.dump();
  EXPECT_EQ(done["progress"], 1.0);
  EXPECT_EQ(done["request"]["draws"], 300);
  EXPECT_EQ(done["request"]["set"]["share_left"], 0.5);
  EXPECT_EQ(done["result"]["schema"], "assay.chain/1");
  EXPECT_EQ(done["result"]["draws"], 300) << done["result"].dump().substr(0, 400);
  EXPECT_EQ(done["result"]["seed"], 7);
  // A histogram of each distribution: every draw in one bin, the bins
  // spanning the smallest to the largest draw.
  ASSERT_TRUE(done["result"].contains("histograms")) << done["result"].dump().substr(0, 400);
  for (const auto& [name, d] : done["result"]["distributions"].items()) {
    const json& h = done["result"]["histograms"][name];
    ASSERT_TRUE(h.is_object()) << name;
    int sum = 0;
    for (int c : h["counts"]) sum += c;
    EXPECT_EQ(sum, 300) << name;
    EXPECT_NEAR(h["low"].get<double>(), d["min"].get<double>(), 0.002) << name;
    if (d["max"] > d["min"]) {
      EXPECT_NEAR(h["low"].get<double>() + h["width"].get<double>() * static_cast<double>(h["counts"].size()), d["max"].get<double>(),
                  0.002 * static_cast<double>(h["counts"].size()))
          << name;
    }
  }
  // The same request gives the same percentiles (seeded).
  r = api->handle({.method = "POST", .path = "/v1/chain/montecarlo", .content_type = "application/json; charset=utf-8",
                   .body = R"({"scenario": "myanmar-clay-halt", "draws": 300, "seed": 7, "set": {"share_left": 0.5}})"});
  ASSERT_EQ(r.status, 202) << r.body;
  json again = wait_for_job(*api, json::parse(r.body)["href"]);
  EXPECT_EQ(again["result"]["distributions"], done["result"]["distributions"]);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/jobs/0000000000000000"}).status, 404);
}

TEST(Api, MonteCarloJobsAreCheckedAndCapped) {
  auto db = app::open_store(":memory:", true);
  ASSERT_TRUE(db.has_value());
  Api api(engine(), std::move(*db), {.jobs = {.max_draws = 20000, .max_running = 1}});
  auto post = [&](std::string body, std::string type = "application/json") {
    return api.handle({.method = "POST", .path = "/v1/chain/montecarlo", .content_type = std::move(type), .body = std::move(body)});
  };
  struct Bad {
    const char* body;
    int status;
    const char* names;
  };
  for (const Bad& b : {Bad{R"({"draws": 10})", 400, "scenario"}, Bad{R"({"scenario": "baseline", "draws": 0})", 400, "draws"},
                       Bad{R"({"scenario": "baseline", "draws": 20001})", 400, "20000"},
                       Bad{R"({"scenario": "baseline", "draws": "ten"})", 400, "draws"},
                       Bad{R"({"scenario": "baseline", "seed": -1})", 400, "seed"},
                       Bad{R"({"scenario": "baseline", "reference_level": -5})", 400, "reference_level"},
                       Bad{R"({"scenario": "baseline", "set": {"x": 1}})", 400, "set.x"},
                       Bad{R"({"scenario": "myanmar-clay-halt", "set": {"capacity": 1}})", 400, "set.capacity"},
                       Bad{R"({"scenario": "myanmar-clay-halt", "set": {"share_left": "all"}})", 400, "set.share_left"},
                       Bad{R"({"scenario": "baseline", "colour": "red"})", 400, "'colour'"},
                       Bad{R"({"scenario": "../../etc/passwd"})", 404, "../../etc/passwd"}, Bad{R"([1, 2])", 400, "object"},
                       Bad{"{", 400, "object"}}) {
    Response r = post(b.body);
    EXPECT_EQ(r.status, b.status) << b.body << " -> " << r.body;
    EXPECT_NE(problem_of(r)["detail"].get<std::string>().find(b.names), std::string::npos) << b.body << " -> " << r.body;
  }
  EXPECT_EQ(post(R"({"scenario": "baseline"})", "text/plain").status, 415);
  EXPECT_EQ(post(R"({"scenario": "baseline"})", "").status, 415);
  // One job at a time here: a second while the first runs is 503 with Retry-After.
  Response first = post(R"({"scenario": "baseline", "draws": 20000})");
  ASSERT_EQ(first.status, 202) << first.body;
  Response second = post(R"({"scenario": "baseline", "draws": 10})");
  EXPECT_EQ(second.status, 503) << second.body;
  problem_of(second);
  ASSERT_FALSE(second.headers.empty());
  EXPECT_EQ(second.headers[0].first, "Retry-After");
  // Cancelling ends it early too (failed, "cancelled") and frees its place.
  const std::string href = json::parse(first.body)["href"];
  EXPECT_EQ(api.handle({.method = "DELETE", .path = href}).status, 204);
  EXPECT_EQ(api.handle({.method = "DELETE", .path = "/v1/jobs/0000000000000000"}).status, 404);
  EXPECT_EQ(api.handle({.method = "PUT", .path = href}).status, 405);
  json cancelled = wait_for_job(api, href);
  EXPECT_EQ(cancelled["status"], "failed");
  EXPECT_EQ(cancelled["error"], "cancelled");
  EXPECT_EQ(api.handle({.method = "DELETE", .path = href}).status, 204) << "a finished job: left as it is";
  EXPECT_EQ(json::parse(api.handle({.method = "GET", .path = href}).body)["error"], "cancelled");
  first = post(R"({"scenario": "baseline", "draws": 20000})");
  ASSERT_EQ(first.status, 202) << first.body;
  // Stopping ends the long job early (not after its 20,000 draws, some 8 s here): failed, joined.
  api.jobs().stop();
  json j = json::parse(api.handle({.method = "GET", .path = json::parse(first.body)["href"]}).body);
  EXPECT_EQ(j["status"], "failed");
  EXPECT_NE(j["error"].get<std::string>().find("stopped"), std::string::npos);
  EXPECT_EQ(post(R"({"scenario": "baseline", "draws": 10})").status, 503) << "no job starts once stopping";
}

TEST(Api, ExtractGivesWhatTheReaderTook) {
  auto api = make_api();
  Response r = api->handle({.method = "POST", .path = "/v1/extract", .content_type = "text/html",
                            .body = "<html><head><title>Quarry reopens</title></head><body><nav>Home | About</nav>"
                                    "<article><h1>Quarry reopens</h1><p>The quarry near the river reopened on Monday after "
                                    "a three-month halt, its owner said.</p></article></body></html>"});
  ASSERT_EQ(r.status, 200) << r.body;
  json j = json::parse(r.body);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["format"], "html");
  EXPECT_EQ(j["items"][0]["title"], "Quarry reopens");
  EXPECT_NE(j["items"][0]["text"].get<std::string>().find("reopened on Monday"), std::string::npos);
  EXPECT_EQ(j["items"][0]["text"].get<std::string>().find("About"), std::string::npos) << "navigation is not body text";
  r = api->handle({.method = "POST", .path = "/v1/extract", .content_type = "application/x-ndjson",
                   .body = "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["items"].size(), 2u);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/extract", .content_type = "image/png", .body = "x"}).status, 415);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/extract"}).status, 405);
}

TEST(Api, StrictContentTypesOnPost) {
  auto api = make_api();
  Response r = api->handle({.method = "POST", .path = "/v1/verify", .content_type = "application/json", .body = "{}"});
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(problem_of(r)["detail"].get<std::string>().find("application/json"), std::string::npos);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/analyze", .content_type = "application/xml", .body = "<a/>"}).status, 415);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/articles", .content_type = "video/mp4", .authorization = bearer(kToken),
                         .body = "x"}).status,
            415);
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/verify", .content_type = "text/plain; charset=utf-8",
                         .body = "Quarries in the hills made gravel.\n"}).status,
            200);
}

TEST(Api, RateLimitPerClientAddressWith429AndRetryAfter) {
  auto db = app::open_store(":memory:", true);
  ASSERT_TRUE(db.has_value());
  Api api(engine(), std::move(*db), {.rate_limit = 1, .rate_burst = 3});
  auto get = [&](std::string addr) { return api.handle({.method = "GET", .path = "/v1/health", .remote_addr = std::move(addr)}); };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(get("10.0.0.1").status, 200) << i;
  Response r = get("10.0.0.1");
  EXPECT_EQ(r.status, 429);
  problem_of(r);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Retry-After");
  EXPECT_EQ(r.headers[0].second, "1");
  EXPECT_EQ(get("10.0.0.2").status, 200) << "another address has a bucket of its own";
  EXPECT_EQ(get("").status, 200) << "no address (not from the network): not limited";
  // Without a limit (0), every request is admitted.
  Api open(engine(), nullptr, {});
  for (int i = 0; i < 100; ++i) ASSERT_EQ(open.handle({.method = "GET", .path = "/v1/health", .remote_addr = "10.0.0.1"}).status, 200);
}

TEST(RateLimiter, RefillsAtTheRateUpToTheBurst) {
  RateLimiter limit(10, 2);
  auto t = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  EXPECT_EQ(limit.admit("a", t), 0);
  EXPECT_EQ(limit.admit("a", t), 0);
  EXPECT_NEAR(limit.admit("a", t), 0.1, 1e-9);  // a token every 0.1 s
  EXPECT_EQ(limit.admit("a", t + std::chrono::milliseconds(100)), 0);
  EXPECT_GT(limit.admit("a", t + std::chrono::milliseconds(100)), 0);
  // A long pause refills to the burst, no more.
  t += std::chrono::seconds(60);
  EXPECT_EQ(limit.admit("a", t), 0);
  EXPECT_EQ(limit.admit("a", t), 0);
  EXPECT_GT(limit.admit("a", t), 0);
  // Many addresses: the idle (full) buckets are dropped, the table stays bounded.
  for (std::size_t i = 0; i < 3 * RateLimiter::kMaxClients; ++i) {
    limit.admit("c" + std::to_string(i), t);
    t += std::chrono::seconds(1);
  }
  EXPECT_LE(limit.clients(), RateLimiter::kMaxClients + 1);
  EXPECT_FALSE(RateLimiter(0, 0).enabled());
  EXPECT_EQ(RateLimiter(0, 0).admit("a", t), 0);
}

TEST(RateLimiter, ParseRate) {
  double r = -1;
  std::string error;
  EXPECT_TRUE(parse_rate("50/s", r, error));
  EXPECT_EQ(r, 50);
  EXPECT_TRUE(parse_rate("120/m", r, error));
  EXPECT_EQ(r, 2);
  EXPECT_TRUE(parse_rate("0", r, error));
  EXPECT_EQ(r, 0);
  for (const char* bad : {"", "/s", "fast", "-1/s", "5/h", "nan", "1e99/s"}) {
    EXPECT_FALSE(parse_rate(bad, r, error)) << bad;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
}

TEST(Api, CorsIsOffUnlessAnOriginIsConfigured) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/health", .origin = "https://news.example"});
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.headers.empty()) << "no CORS header without --cors-origin";
  r = api->handle({.method = "OPTIONS", .path = "/v1/analyze", .origin = "https://news.example"});
  EXPECT_EQ(r.status, 405);
  problem_of(r);

  Api cors(engine(), nullptr, {.cors_origin = "https://news.example"});
  r = cors.handle({.method = "GET", .path = "/v1/health", .origin = "https://news.example"});
  std::map<std::string, std::string> h(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Access-Control-Allow-Origin"], "https://news.example");
  EXPECT_EQ(h["Vary"], "Origin");
  r = cors.handle({.method = "GET", .path = "/v1/health", .origin = "https://evil.example"});
  h = std::map<std::string, std::string>(r.headers.begin(), r.headers.end());
  EXPECT_FALSE(h.contains("Access-Control-Allow-Origin")) << "another origin gets no grant";
  r = cors.handle({.method = "OPTIONS", .path = "/v1/analyze", .origin = "https://news.example"});
  EXPECT_EQ(r.status, 204);
  h = std::map<std::string, std::string>(r.headers.begin(), r.headers.end());
  EXPECT_EQ(h["Access-Control-Allow-Methods"], "GET, POST, DELETE");
  EXPECT_NE(h["Access-Control-Allow-Headers"].find("Authorization"), std::string::npos);
  EXPECT_EQ(h["Access-Control-Allow-Origin"], "https://news.example");
  EXPECT_EQ(cors.handle({.method = "OPTIONS", .path = "/v1/analyze", .origin = "https://evil.example"}).status, 403);
}

TEST(Api, ProblemsCarryNoPathOfTheServersMachine) {
  EXPECT_EQ(scrub_paths("/home/ops/assay/data/kb/facilities.csv:3:1: capacity: not a number"),
            "facilities.csv:3:1: capacity: not a number");
  EXPECT_EQ(scrub_paths("cannot open '/srv/data/x.yaml' (No such file)"), "cannot open 'x.yaml' (No such file)");
  EXPECT_EQ(scrub_paths("no such endpoint: /v1/nothing/here"), "no such endpoint: /v1/nothing/here");
  EXPECT_EQ(scrub_paths("see /metrics and data/scenarios/a.yaml"), "see /metrics and data/scenarios/a.yaml");
  EXPECT_EQ(scrub_paths("file=/tmp/a/b.txt"), "file=b.txt");
  // What a client sent may not be UTF-8: the problem replaces those bytes (no 500).
  Api cors(engine(), nullptr, {.cors_origin = "https://a.example"});
  Response bad = cors.handle({.method = "OPTIONS", .path = "/v1/verify", .origin = "https\xff\xff://x"});
  EXPECT_EQ(bad.status, 403);
  problem_of(bad);
  EXPECT_EQ(cors.handle({.method = "GET", .path = "/v1/\xfe\xff"}).status, 404);
  // A server error's detail is scrubbed when the problem is made.
  json j = json::parse(problem(500, "reading /opt/assay/share/model.yaml failed").body);
  EXPECT_EQ(j["detail"], "reading model.yaml failed");
  // A client error's detail names what the client sent, as sent.
  EXPECT_NE(problem(404, "no such endpoint: /x/y").body.find("/x/y"), std::string::npos);
}

TEST(Api, MetricsCountRequestsByRouteAndStatus) {
  auto api = make_api();
  api->handle({.method = "GET", .path = "/v1/health"});
  api->handle({.method = "GET", .path = "/v1/health"});
  api->handle({.method = "GET", .path = "/v1/articles/nope"});
  api->handle({.method = "BREW\"}", .path = "/v1/health"});
  Response r = api->handle({.method = "GET", .path = "/metrics"});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(r.body.find("assay_http_requests_total{method=\"GET\",route=\"/v1/health\",status=\"200\"} 2\n"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("route=\"/v1/articles/{id}\",status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(r.body.find("method=\"other\",route=\"/v1/health\",status=\"405\"} 1\n"), std::string::npos)
      << "a method that is not HTTP's is not a label";
  EXPECT_EQ(r.body.find("BREW"), std::string::npos);
  EXPECT_NE(r.body.find("assay_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(r.body.find("assay_http_request_duration_seconds_count 4\n"), std::string::npos);
}

TEST(Server, ParseListen) {
  auto a = parse_listen("127.0.0.1:8080");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 8080);
  auto b = parse_listen("[::1]:0");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->first, "::1");
  EXPECT_EQ(b->second, 0);
  for (const char* bad : {"8080", ":8080", "localhost:", "localhost:http", "localhost:70000", "localhost:-1"})
    EXPECT_FALSE(parse_listen(bad).has_value()) << bad;
}

}  // namespace
}  // namespace assay::server
