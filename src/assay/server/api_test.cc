// api_test: the API as values: routing and methods, the body limit, the
// token (read-only, missing, wrong, right; compared whatever the length),
// problem documents, analyze equal to what the engine renders, articles
// with cursor pages, search, filters and deletion, the chain, metrics, and
// --listen parsing.
#include "assay/server/api.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assay/app/library.h"
#include "assay/base/embedded.h"
#include "assay/server/server.h"

namespace assay::server {
namespace {

using nlohmann::json;

constexpr std::string_view kToken = "0123456789abcdef0123";

std::shared_ptr<const app::Engine> engine() {
  static auto e = std::make_shared<const app::Engine>(std::make_shared<const base::EmbeddedData>(),
                                                      app::EngineOptions{.impact = false});
  return e;
}

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
