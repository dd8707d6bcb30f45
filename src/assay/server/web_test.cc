// web_test: what the server adds for the web app (issue 16): the embedded
// files by exact path only (no traversal, no file of another type), the
// app's routes answering index.html with the strict Content-Security-Policy,
// the label styles of data/labels.tsv, and the stories with cursor pages,
// filters and the links the story view follows; the story answers from the
// cache until the store changes (this server's writes, another connection's
// commit), with ETags.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "assay/app/library.h"
#include "assay/base/embedded.h"
#include "assay/report/labels.h"
#include "assay/server/api.h"
#include "assay/server/test_support_internal.h"
#include "assay/server/web_assets.h"

namespace assay::server {
namespace {

using nlohmann::json;

using test_support::engine;
using test_support::kToken;

std::unique_ptr<Api> make_api(std::span<const base::EmbeddedFile> web = web_files()) {
  auto db = app::open_store(":memory:", true, [] { return 1765000000; });
  EXPECT_TRUE(db.has_value());
  return std::make_unique<Api>(engine(), std::move(*db), ApiOptions{.token = std::string(kToken), .version = "test", .web = web});
}

std::string header(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

const base::EmbeddedFile kFiles[] = {
    {"assets/app-1a2b.css", "body{}"},
    {"assets/app-1a2b.js", "console.log(1)"},
    {"assets/notes.txt", "not served: no type for .txt"},
    {"index.html", "<!doctype html><main id=\"main\"></main>"},
};

TEST(WebAssets, ExactPathsOfKnownTypesOnly) {
  auto js = find_web_file(kFiles, "/assets/app-1a2b.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_TRUE(js->immutable);
  EXPECT_EQ(find_web_file(kFiles, "/assets/app-1a2b.css")->content_type, "text/css; charset=utf-8");
  auto index = find_web_file(kFiles, "/index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_FALSE(index->immutable);
  for (const char* bad : {"/assets/notes.txt", "/assets/../index.html", "/../index.html", "/./index.html", "//index.html",
                          "/assets/app-1a2b.js/", "/ASSETS/app-1a2b.js", "/assets/app-1a2b.js%00", "/assets", "/assets/",
                          "index.html", "", "/data/labels.tsv", "/etc/passwd", "/a/", "/s/", "/s/x1", "/a/b/c", "/a/..",
                          "/s/1/2", "/storiesx", "/supply/"})
    EXPECT_FALSE(find_web_file(kFiles, bad).has_value()) << bad;
}

TEST(WebAssets, TheAppsRoutesAnswerIndexHtml) {
  for (const char* route : {"/", "/stories", "/supply", "/a/3f2a9c", "/a/dev-026.v2_x", "/s/1", "/s/123456"}) {
    auto f = find_web_file(kFiles, route);
    ASSERT_TRUE(f.has_value()) << route;
    EXPECT_EQ(f->path, "index.html") << route;
    EXPECT_EQ(f->content_type, "text/html; charset=utf-8");
  }
  EXPECT_EQ(web_content_type("x.svg"), "image/svg+xml");
  EXPECT_EQ(web_content_type("x.png"), "image/png");
  EXPECT_EQ(web_content_type("x.map"), "");
  EXPECT_EQ(web_content_type("Makefile"), "");
}

TEST(WebAssets, TheBuiltAppIsEmbedded) {
  auto files = web_files();
  ASSERT_FALSE(files.empty());
  auto index = find_web_file(files, "/");
  ASSERT_TRUE(index.has_value());
  EXPECT_NE(index->bytes.find("<main id=\"main\""), std::string_view::npos);
  // Every file index.html names is in the set, and no inline script.
  std::size_t scripts = 0;
  for (const auto& f : files) {
    if (!f.path.starts_with("assets/")) continue;
    EXPECT_NE(index->bytes.find("/" + std::string(f.path)), std::string_view::npos) << f.path << " is not named by index.html";
    EXPECT_FALSE(web_content_type(f.path).empty()) << f.path;
    scripts += f.path.ends_with(".js");
  }
  EXPECT_GE(scripts, 1u);
  EXPECT_EQ(index->bytes.find("<script>"), std::string_view::npos);
  EXPECT_EQ(index->bytes.find("style=\""), std::string_view::npos);
}

TEST(Api, ServesTheAppWithAStrictPolicy) {
  auto api = make_api(kFiles);
  for (const char* path : {"/", "/a/3f2a9c", "/s/2", "/stories", "/supply"}) {
    Response r = api->handle({.method = "GET", .path = path});
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.body, "<!doctype html><main id=\"main\"></main>");
    std::string csp = header(r, "Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("http"), std::string::npos) << "no remote origin: " << csp;
    EXPECT_EQ(header(r, "Cache-Control"), "no-cache");
  }
  Response js = api->handle({.method = "GET", .path = "/assets/app-1a2b.js"});
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(header(js, "Cache-Control"), "public, max-age=31536000, immutable");
  for (const char* bad : {"/assets/notes.txt", "/assets/../index.html", "/../data/labels.tsv", "/favicon.ico", "/s/abc"}) {
    Response r = api->handle({.method = "GET", .path = bad});
    EXPECT_EQ(r.status, 404) << bad;
    EXPECT_EQ(r.content_type, "application/problem+json") << bad;
    EXPECT_TRUE(r.headers.empty()) << bad;
  }
  // The API's own paths are never the app's.
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/"}).status, 404);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/nothing"}).content_type, "application/problem+json");
  EXPECT_EQ(api->handle({.method = "POST", .path = "/"}).status, 404);
}

TEST(Api, LabelsComeFromLabelsTsv) {
  auto api = make_api();
  Response r = api->handle({.method = "GET", .path = "/v1/labels"});
  ASSERT_EQ(r.status, 200);
  json j = json::parse(r.body);
  const auto& want = report::LabelStyles::embedded().all();
  ASSERT_EQ(j["labels"].size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(j["labels"][i]["label"], want[i].id);
    EXPECT_EQ(j["labels"][i]["name"], want[i].name);
    EXPECT_EQ(j["labels"][i]["color"], want[i].color);
    EXPECT_EQ(j["labels"][i]["definition"], want[i].definition);
  }
  EXPECT_EQ(api->handle({.method = "POST", .path = "/v1/labels"}).status, 405);
}

std::string news() {
  const char* dir = std::getenv("ASSAY_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") + "/tests/data/stories/cli/news.jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::int64_t> ids(const json& page) {
  std::vector<std::int64_t> out;
  for (const auto& s : page["items"]) out.push_back(s["id"].get<std::int64_t>());
  return out;
}

TEST(Api, StoriesPageFilterAndLink) {
  auto api = make_api();
  std::string body = news();
  ASSERT_FALSE(body.empty()) << "tests/data/stories/cli/news.jsonl (ASSAY_SOURCE_DIR)";
  Response put = api->handle({.method = "POST", .path = "/v1/articles", .content_type = "application/x-ndjson",
                              .authorization = "Bearer " + std::string(kToken), .body = body});
  ASSERT_EQ(put.status, 201) << put.body;
  json all = json::parse(api->handle({.method = "GET", .path = "/v1/stories"}).body);
  ASSERT_EQ(ids(all), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_TRUE(all["next_cursor"].is_null());
  for (const auto& s : all["items"]) EXPECT_EQ(s["schema"], "assay.stories/1");

  json first = json::parse(api->handle({.method = "GET", .path = "/v1/stories", .query = {{"limit", "2"}}}).body);
  EXPECT_EQ(ids(first), (std::vector<std::int64_t>{1, 2}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  json second = json::parse(api->handle({.method = "GET", .path = "/v1/stories",
                                         .query = {{"limit", "2"}, {"cursor", first["next_cursor"].get<std::string>()}}}).body);
  EXPECT_EQ(ids(second), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(second["next_cursor"].is_null());

  json outlet = json::parse(api->handle({.method = "GET", .path = "/v1/stories", .query = {{"outlet", "delta wire"}}}).body);
  EXPECT_EQ(ids(outlet), (std::vector<std::int64_t>{2}));
  json since = json::parse(api->handle({.method = "GET", .path = "/v1/stories", .query = {{"since", "2025-07"}}}).body);
  EXPECT_EQ(ids(since), (std::vector<std::int64_t>{2, 3}));
  json entity = json::parse(api->handle({.method = "GET", .path = "/v1/stories", .query = {{"entity", "Atlantis"}}}).body);
  EXPECT_TRUE(entity["items"].empty());
  for (auto [k, v] : {std::pair{"limit", "0"}, {"limit", "101"}, {"cursor", "x"}, {"cursor", "-1"}, {"since", "July"}}) {
    Response bad = api->handle({.method = "GET", .path = "/v1/stories", .query = {{k, v}}});
    EXPECT_EQ(bad.status, 400) << k << "=" << v;
    EXPECT_EQ(bad.content_type, "application/problem+json");
  }

  Response one = api->handle({.method = "GET", .path = "/v1/stories/2"});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.route, "/v1/stories/{id}");
  json s = json::parse(one.body);
  EXPECT_EQ(s["permalink"], "/s/2");
  EXPECT_EQ(s["story"]["schema"], "assay.stories/1");
  EXPECT_EQ(s["story"]["origin"]["member"], "scoop");
  ASSERT_EQ(s["links"]["members"].size(), s["story"]["members"].size());
  for (std::size_t i = 0; i < s["links"]["members"].size(); ++i) {
    const json& l = s["links"]["members"][i];
    EXPECT_EQ(l["id"], s["story"]["members"][i]["id"]);
    // Each link opens the member's stored analysis.
    Response a = api->handle({.method = "GET", .path = l["href"].get<std::string>()});
    ASSERT_EQ(a.status, 200) << l;
    EXPECT_EQ(json::parse(a.body)["document"]["id"], l["id"]);
    EXPECT_EQ(l["permalink"], "/a/" + l["key"].get<std::string>());
  }
  ASSERT_EQ(s["links"]["background"].size(), s["story"]["background"].size());

  for (const char* missing : {"/v1/stories/99", "/v1/stories/0", "/v1/stories/abc", "/v1/stories/1e3"}) {
    Response r = api->handle({.method = "GET", .path = missing});
    EXPECT_EQ(r.status, 404) << missing;
    EXPECT_EQ(r.content_type, "application/problem+json");
  }
  EXPECT_EQ(api->handle({.method = "DELETE", .path = "/v1/stories/2"}).status, 405);
  EXPECT_EQ(api->handle({.method = "GET", .path = "/v1/stories/2/x"}).status, 404);
  Api no_store(engine(), nullptr, {});
  EXPECT_EQ(no_store.handle({.method = "GET", .path = "/v1/stories"}).status, 503);
  EXPECT_EQ(no_store.handle({.method = "GET", .path = "/v1/stories/1"}).status, 503);
}

// The lines of news.jsonl whose "id" is one of `ids`.
std::string news_of(std::initializer_list<std::string_view> ids) {
  std::stringstream in(news());
  std::string line, out;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && std::find(ids.begin(), ids.end(), j.value("id", "")) != ids.end()) out += line + "\n";
  }
  return out;
}

std::vector<std::string> member_ids(const Response& story) {
  std::vector<std::string> out;
  json j = json::parse(story.body);
  for (const auto& m : j["story"]["members"]) out.push_back(m["id"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Api, StoryAnswersComeFromTheCacheUntilTheStoreChanges) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("assay-web-test-cache-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "store.db").string();
  auto db = app::open_store(path, true, [] { return 1765000000; });
  ASSERT_TRUE(db.has_value()) << db.error().to_string();
  Api api(engine(), std::move(*db), {.token = std::string(kToken), .version = "test"});
  auto post = [&](Api& to, const std::string& lines) {
    Response r = to.handle({.method = "POST", .path = "/v1/articles", .content_type = "application/x-ndjson",
                            .authorization = "Bearer " + std::string(kToken), .body = lines});
    EXPECT_EQ(r.status, 201) << r.body;
  };
  auto get = [&](const char* p, std::string if_none_match = "") {
    return api.handle({.method = "GET", .path = p, .if_none_match = std::move(if_none_match)});
  };
  post(api, news_of({"statement", "scoop", "carry"}));

  // A second request of the same answer is a hit, the same bytes and ETag.
  Response first = get("/v1/stories/2");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(member_ids(first), (std::vector<std::string>{"carry", "scoop"}));
  auto before = api.cache().stats();
  Response again = get("/v1/stories/2");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(api.cache().stats().hits, before.hits + 1);
  std::string etag = header(first, "ETag");
  EXPECT_FALSE(etag.empty());
  EXPECT_EQ(header(again, "ETag"), etag);
  EXPECT_EQ(header(first, "Cache-Control"), "no-cache");
  // If-None-Match with its ETag: 304 without a body; another tag: the 200.
  Response not_modified = get("/v1/stories/2", etag);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
  EXPECT_TRUE(not_modified.content_type.empty());
  EXPECT_EQ(header(not_modified, "ETag"), etag);
  EXPECT_EQ(get("/v1/stories/2", "\"0000000000000000\"").status, 200);
  // The list: pages by their parameters, a 404 cached as a 404.
  std::string list = get("/v1/stories").body;
  EXPECT_EQ(ids(json::parse(list)), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(api.handle({.method = "GET", .path = "/v1/stories", .query = {{"limit", "1"}}}).body,
            api.handle({.method = "GET", .path = "/v1/stories", .query = {{"limit", "1"}}}).body);
  EXPECT_EQ(ids(json::parse(api.handle({.method = "GET", .path = "/v1/stories", .query = {{"limit", "1"}}}).body)),
            (std::vector<std::int64_t>{1}));
  EXPECT_EQ(get("/v1/stories/9").status, 404);
  EXPECT_EQ(get("/v1/stories/9").status, 404);

  // This server's own write: the next answers are the new ones.
  post(api, news_of({"rewrite", "unrelated"}));
  Response after_post = get("/v1/stories/2");
  EXPECT_EQ(member_ids(after_post), (std::vector<std::string>{"carry", "rewrite", "scoop"}));
  EXPECT_NE(header(after_post, "ETag"), etag);
  EXPECT_EQ(get("/v1/stories/2", etag).status, 200) << "the old ETag no longer matches";
  EXPECT_EQ(ids(json::parse(get("/v1/stories").body)), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(get("/v1/stories/3").status, 200);

  // Another connection's commit (here another server on the same file, as
  // `assay ingest --db` while serving would be): seen on the next request.
  {
    auto other_db = app::open_store(path, true, [] { return 1765000000; });
    ASSERT_TRUE(other_db.has_value());
    Api other(engine(), std::move(*other_db), {.token = std::string(kToken), .version = "test"});
    post(other, news_of({"confirm"}));
  }
  EXPECT_EQ(member_ids(get("/v1/stories/2")), (std::vector<std::string>{"carry", "confirm", "rewrite", "scoop"}));

  // A deletion by this server: gone from the story at once.
  std::string key;
  json links = json::parse(get("/v1/stories/2").body)["links"];
  for (const auto& m : links["members"])
    if (m["id"] == "rewrite") key = m["key"].get<std::string>();
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(api.handle({.method = "DELETE", .path = "/v1/articles/" + key, .authorization = "Bearer " + std::string(kToken)}).status,
            204);
  EXPECT_EQ(member_ids(get("/v1/stories/2")), (std::vector<std::string>{"carry", "confirm", "scoop"}));
  EXPECT_GE(api.cache().stats().invalidations, 3u);

  // Without a cache every request renders, and answers the same.
  auto plain_db = app::open_store(path, false, [] { return 1765000000; });
  ASSERT_TRUE(plain_db.has_value());
  Api plain(engine(), std::move(*plain_db), {.version = "test", .cache_bytes = 0});
  Response uncached = plain.handle({.method = "GET", .path = "/v1/stories/2"});
  EXPECT_EQ(uncached.body, get("/v1/stories/2").body);
  EXPECT_EQ(plain.cache().stats().entries, 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace assay::server
