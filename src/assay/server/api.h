// server/api: the HTTP API of `assay serve` (issue 16) as plain values, with
// no sockets: a Request in, a Response out, so routing, limits, the token
// and the problem documents are tested without a network (server.h puts it
// behind cpp-httplib). Every handler calls the app layer only: the engine
// (analyze, render, verify, the supply world) and the store through app's
// library.
//
//   auto engine = std::make_shared<app::Engine>(data);
//   auto db = app::open_store(":memory:", true);
//   server::Api api(engine, std::move(*db), {.token = "s3cret", .version = "3ff3acb"});
//   server::Response r = api.handle({.method = "POST", .path = "/v1/analyze",
//                                    .content_type = "text/plain", .body = "China mined ..."});
//   // r.status 200, r.content_type "application/json", r.body the analysis;
//   // errors: RFC 9457 problem JSON (application/problem+json).
//
// Routes (docs/openapi.yaml describes each): GET /v1/health, POST /v1/analyze,
// POST /v1/extract, POST /v1/verify, GET /v1/articles, GET|DELETE
// /v1/articles/{id}, POST /v1/articles, GET /v1/stories, GET /v1/stories/{id},
// GET /v1/labels, GET /v1/chain, GET /v1/chain/stages,
// GET /v1/chain/facilities/{id}, GET /v1/chain/scenarios, GET
// /v1/chain/scenarios/{id}, POST /v1/chain/montecarlo, GET /v1/jobs/{id},
// GET /metrics; OPTIONS (CORS preflight) when a CORS origin is configured;
// every other GET is the web app's (web_assets.h): one of its files, or
// index.html for its routes (/, /stories, /supply, /a/{key}, /s/{id}), else 404.
//
// Before routing, the per-client rate limit (limits.h; 429 with Retry-After);
// after it, the CORS headers when the request's Origin is the one allowed.
//
// The story list and one story are answered from a cache of their rendered
// bodies (response_cache.h), with an ETag, until the store changes: the
// server's own writes (POST and DELETE /v1/articles) start a new cache
// generation, and so does a commit of another process (`assay ingest` into
// the same file), seen through the store's data_version on each request.
//
// Thread-safety: handle() may be called from several threads at once (the
// store is used under a lock; analyses take a scratch from a pool; Monte
// Carlo jobs run on threads of their own, jobs.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "assay/app/engine.h"
#include "assay/app/library.h"  // store::Store, through app
#include "assay/server/jobs.h"
#include "assay/server/limits.h"
#include "assay/server/response_cache.h"
#include "assay/server/web_assets.h"

namespace assay::server {

inline constexpr std::size_t kDefaultMaxBody = std::size_t{5} << 20;  // 5 MB

struct Request {
  std::string method;                          // "GET", "POST", "DELETE", ...
  std::string path;                            // "/v1/articles/abc", without the query
  std::multimap<std::string, std::string> query = {};  // decoded parameters
  std::string content_type = {};               // the header, parameters included
  std::string authorization = {};              // the Authorization header
  std::string body = {};
  std::string remote_addr = {};                // the client's address, for the rate limit ("" = not limited)
  std::string origin = {};                     // the Origin header, for CORS
  std::string if_none_match = {};              // the If-None-Match header (a cached route's ETag: 304)
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string route;  // the route template that answered ("/v1/articles/{id}"), for metrics; "" when none
  // Headers of this response besides the server's defaults (Retry-After,
  // CORS, Location), or replacing them (the web app's
  // Content-Security-Policy and Cache-Control).
  std::vector<std::pair<std::string, std::string>> headers = {};
};

struct ApiOptions {
  std::string token;                     // empty: read-only (the write endpoints answer 403)
  std::size_t max_body = kDefaultMaxBody;  // larger bodies answer 413
  std::string version;                   // the build's commit, for /v1/health and the producer
  // The per-request time limit: a request of several documents (JSON Lines)
  // or claims stops after the item that passes it and answers 503. One
  // document's analysis is not cut short (its text is capped at
  // analysis::kMaxTextBytes). 0: no limit.
  double time_limit_seconds = 30;
  // The web app's files (web_files(): the embedded build of web/).
  std::span<const base::EmbeddedFile> web = web_files();
  // Requests per second per client address, in bursts of up to rate_burst
  // (0: twice the rate); 0: no limit. Over it: 429 with Retry-After.
  double rate_limit = 0;
  double rate_burst = 0;
  // The one origin (or "*") whose pages may call the API from a browser
  // (CORS); empty: no CORS header, OPTIONS answers 405.
  std::string cors_origin;
  JobLimits jobs;
  // The bound of the cache of rendered story answers (response_cache.h);
  // 0: every request renders.
  std::size_t cache_bytes = kDefaultCacheBytes;
};

// An RFC 9457 problem document: {"type","title","status","detail"}.
// The status for an app error: what the client named does not exist (404),
// what it sent is wrong or cannot be done (400), a scenario without a
// solution (422), else ours (500). Used by every route, api.cc and api_chain.cc.
int status_of(const base::Error& e);

Response problem(int status, std::string_view detail, std::string_view route = "");

// Whether `header` is "Bearer <token>": compared in time that depends on
// the lengths only, not on where the first difference is.
bool token_matches(std::string_view header, std::string_view token);

// Requests by route and status, and a latency histogram, in the
// Prometheus text format (version 0.0.4).
class Metrics {
 public:
  void record(std::string_view method, std::string_view route, int status, double seconds);
  std::string render() const;
  static const std::vector<double>& buckets();  // upper bounds in seconds

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::vector<std::uint64_t> bucket_counts_ = std::vector<std::uint64_t>(buckets().size(), 0);
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

class Api {
 public:
  // `db` may be null: the article endpoints then answer 503.
  Api(std::shared_ptr<const app::Engine> engine, std::unique_ptr<store::Store> db, ApiOptions options);

  // Answers one request (never throws: a failure is a 500 problem without
  // internals) and records it in metrics().
  Response handle(const Request& request);

  Metrics& metrics() { return metrics_; }
  Jobs& jobs() { return jobs_; }
  const ResponseCache& cache() const { return cache_; }
  bool writable() const { return !options_.token.empty(); }
  std::size_t max_body() const { return options_.max_body; }

 private:
  Response route(const Request& r);
  Response health() const;
  Response analyze(const Request& r);
  Response verify(const Request& r);
  Response list_articles(const Request& r);
  Response get_article(std::string_view id);
  Response post_article(const Request& r);
  Response delete_article(std::string_view id);
  Response labels() const;
  Response list_stories(const Request& r);
  Response get_story(const Request& r, std::string_view id);
  // What the two render when their answer is not cached.
  Response render_stories_page(const std::string& since, const std::string& entity, const std::string& outlet,
                               std::int64_t after, std::size_t limit);
  Response render_story(std::int64_t id);
  // The answer of a read of the store from the cache under `key`, else
  // render()'s (kept when it is a 200 or a 404); an If-None-Match naming
  // its ETag: 304.
  template <typename Render>
  Response cached(const Request& r, std::string_view route, const std::string& key, Render render);
  // With db_mu_ held: whether another connection committed since the last
  // look (store::Store::data_version); if so, or if that cannot be read,
  // the cache starts a new generation and the placer reloads the stories
  // before its next placement. Returns false when it cannot be read.
  bool sync_cache_with_store();
  Response web_file(const Request& r) const;
  Response extract(const Request& r);
  Response preflight(const Request& r);
  bool origin_allowed(std::string_view origin) const;
  void add_cors(const Request& r, Response& out) const;

  // The supply-chain routes and the jobs (api_chain.cc); nullopt: not theirs.
  std::optional<Response> route_chain(const Request& r);
  Response chain_summary(const Request& r, bool stages);
  Response chain_facility(std::string_view id);
  Response chain_scenarios();
  Response chain_scenario(const Request& r, std::string_view id);
  Response start_montecarlo(const Request& r);
  Response get_job(std::string_view id);
  Response cancel_job(std::string_view id);

  // The documents of a request body: its Content-Type says the format (JSON
  // record, HTML, Markdown, text), else the content does. At most
  // `max_documents` (more: 400); a type it cannot read: 415.
  base::Result<std::vector<text::Document>> read_body(const Request& r, std::size_t max_documents, std::string& error_detail,
                                                      int& status);

  // The documents of a request body: its Content-Type says the format (JSON
  // record, HTML, Markdown, text), else the content does.
  // At most `max_documents` (more: 400 before any is analysed).
  base::Result<std::vector<app::Article>> read_and_analyze(const Request& r, std::size_t max_documents, std::string& error_detail,
                                                           int& status);
  // Whether the time limit has passed since `start`.
  bool over_time(std::chrono::steady_clock::time_point start) const;
  std::string over_time_detail() const;

  std::shared_ptr<const app::Engine> engine_;
  std::unique_ptr<store::Store> db_;
  std::mutex db_mu_;  // guards db_ and placer_
  // Places the posted articles into stories for the server's life (opened
  // at the first POST; a deletion makes it reload).
  std::optional<app::StoryPlacer> placer_;
  // The rendered story answers; the store's data_version when last looked
  // at (guarded by db_mu_).
  ResponseCache cache_;
  std::optional<std::int64_t> seen_data_version_;
  ApiOptions options_;
  std::string producer_;
  Metrics metrics_;
  std::mutex scratch_mu_;
  std::vector<std::unique_ptr<app::Engine::Scratch>> scratch_;  // idle scratches
  RateLimiter limiter_;
  Jobs jobs_;  // last: its threads are joined before the rest goes
};

}  // namespace assay::server
