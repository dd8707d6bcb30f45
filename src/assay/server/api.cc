// server/api: routing, limits, the token and each endpoint over app.
#include "assay/server/api.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <tuple>
#include <utility>

#include "assay/app/chain.h"
#include "assay/app/inputs.h"
#include "assay/app/library.h"
#include "assay/app/scenarios.h"
#include "assay/app/stories.h"
#include "assay/app/verify.h"
#include "assay/base/strings.h"

namespace assay::server {
namespace {

using nlohmann::json;

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

Response json_response(int status, const json& j, std::string_view route) {
  return {.status = status, .content_type = "application/json", .body = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
          .route = std::string(route)};
}

// The media type of a Content-Type header, lower case, without parameters.
std::string media_type(std::string_view header) {
  std::string_view t = header.substr(0, header.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string s(t);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string param(const Request& r, const std::string& name) {
  auto it = r.query.find(name);
  return it == r.query.end() ? std::string() : it->second;
}

json document_json(const store::DocumentInfo& d) {
  return {{"key", d.key}, {"id", d.id}, {"url", d.url}, {"outlet", d.outlet}, {"published", d.published},
          {"title", d.title}, {"href", "/v1/articles/" + d.key}};
}

constexpr std::size_t kDefaultPage = 20, kMaxPage = 100;

// The limit parameter of a listing: kDefaultPage when absent; nullopt when
// it is not a number from 1 to kMaxPage.
std::optional<std::size_t> page_limit(const std::string& l) {
  if (l.empty()) return kDefaultPage;
  std::size_t limit = 0;
  auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), limit);
  if (ec != std::errc() || end != l.data() + l.size() || limit == 0 || limit > kMaxPage) return std::nullopt;
  return limit;
}

// A positive decimal number of at most 18 digits (a story id, a cursor).
std::optional<std::int64_t> positive_id(std::string_view s) {
  std::int64_t v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}
constexpr std::size_t kMaxIngest = 1000;  // documents per POST /v1/articles

}  // namespace

int status_of(const base::Error& e) {
  switch (e.code()) {
    case base::ErrorCode::kNotFound: return 404;
    case base::ErrorCode::kInvalidInput: return 400;
    case base::ErrorCode::kUnsupported: return 400;
    case base::ErrorCode::kInfeasible: return 422;
    default: return 500;
  }
}

Response problem(int status, std::string_view detail, std::string_view route) {
  // A server error's detail may come from the data's files: no path of this machine.
  json j = {{"type", "about:blank"}, {"title", reason(status)}, {"status", status},
            {"detail", status >= 500 ? scrub_paths(detail) : std::string(detail)}};
  // A detail may quote what the client sent (a path, an origin): bytes that
  // are not UTF-8 are replaced, not thrown on (fuzz_router found this 500).
  return {.status = status, .content_type = "application/problem+json",
          .body = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n", .route = std::string(route)};
}

bool token_matches(std::string_view header, std::string_view token) {
  constexpr std::string_view kBearer = "Bearer ";
  if (token.empty() || header.size() != kBearer.size() + token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < kBearer.size(); ++i) diff |= static_cast<unsigned char>(header[i] ^ kBearer[i]);
  for (std::size_t i = 0; i < token.size(); ++i)
    diff |= static_cast<unsigned char>(header[kBearer.size() + i] ^ token[i]);
  // Read through a volatile so that the loop is not cut short.
  volatile unsigned char result = diff;
  return result == 0;
}

const std::vector<double>& Metrics::buckets() {
  static const std::vector<double> b{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return b;
}

void Metrics::record(std::string_view method, std::string_view route, int status, double seconds) {
  // The method as a label only when it is one of HTTP's: any other string
  // would be the client's to put into the metrics.
  static constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  bool known = std::find(std::begin(kMethods), std::end(kMethods), method) != std::end(kMethods);
  std::lock_guard lock(mu_);
  ++requests_[{known ? std::string(method) : std::string("other"), std::string(route.empty() ? "unmatched" : route), status}];
  const auto& b = buckets();
  for (std::size_t i = 0; i < b.size(); ++i)
    if (seconds <= b[i]) ++bucket_counts_[i];
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out = "# HELP assay_http_requests_total HTTP requests answered, by method, route and status.\n"
                    "# TYPE assay_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out += fmt::format("assay_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", std::get<0>(k),
                       std::get<1>(k), std::get<2>(k), n);
  out += "# HELP assay_http_request_duration_seconds Time from a request read to its response ready.\n"
         "# TYPE assay_http_request_duration_seconds histogram\n";
  const auto& b = buckets();
  for (std::size_t i = 0; i < b.size(); ++i)
    out += fmt::format("assay_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", b[i], bucket_counts_[i]);
  out += fmt::format("assay_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", count_);
  out += fmt::format("assay_http_request_duration_seconds_sum {}\n", sum_);
  out += fmt::format("assay_http_request_duration_seconds_count {}\n", count_);
  return out;
}

Api::Api(std::shared_ptr<const app::Engine> engine, std::unique_ptr<store::Store> db, ApiOptions options)
    : engine_(std::move(engine)),
      db_(std::move(db)),
      cache_(options.cache_bytes),
      options_(std::move(options)),
      limiter_(options_.rate_limit, options_.rate_burst > 0 ? options_.rate_burst : 2 * options_.rate_limit),
      jobs_(engine_, options_.jobs) {
  producer_ = app::analysis_producer(*engine_, options_.version);
}

Response Api::handle(const Request& request) {
  auto start = std::chrono::steady_clock::now();
  Response r;
  double wait = request.remote_addr.empty() ? 0 : limiter_.admit(request.remote_addr, start);
  if (wait > 0) {
    r = problem(429, fmt::format("over the rate limit of {} requests per second from one address", options_.rate_limit));
    r.headers.emplace_back("Retry-After", std::to_string(static_cast<long long>(std::ceil(wait))));
  } else {
    try {
      r = route(request);
    } catch (const std::exception&) {
      r = problem(500, "the request could not be answered");  // no internals in a response
    }
  }
  add_cors(request, r);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.record(request.method, r.route, r.status, seconds);
  return r;
}

Response Api::route(const Request& r) {
  if (r.body.size() > options_.max_body)
    return problem(413, fmt::format("the request body is {} bytes; the limit is {}", r.body.size(), options_.max_body));
  const std::string& p = r.path;
  auto only = [&](std::string_view method, std::string_view route) -> std::optional<Response> {
    if (r.method == method) return std::nullopt;
    Response bad = problem(405, fmt::format("{} takes {} only", route, method), route);
    return bad;
  };
  auto needs_token = [&](std::string_view route) -> std::optional<Response> {
    if (options_.token.empty())
      return problem(403, "this server is read-only: start it with --token-file to allow writes", route);
    if (!token_matches(r.authorization, options_.token))
      return problem(401, "this endpoint needs the header Authorization: Bearer TOKEN", route);
    return std::nullopt;
  };
  if (r.method == "OPTIONS") return preflight(r);
  if (p == "/v1/health") {
    if (auto bad = only("GET", p)) return *bad;
    return health();
  }
  if (p == "/metrics") {
    if (auto bad = only("GET", p)) return *bad;
    return {.status = 200, .content_type = "text/plain; version=0.0.4; charset=utf-8", .body = metrics_.render(), .route = p};
  }
  if (p == "/v1/analyze") {
    if (auto bad = only("POST", p)) return *bad;
    return analyze(r);
  }
  if (p == "/v1/verify") {
    if (auto bad = only("POST", p)) return *bad;
    return verify(r);
  }
  if (p == "/v1/extract") {
    if (auto bad = only("POST", p)) return *bad;
    return extract(r);
  }
  if (auto chain = route_chain(r)) return *chain;
  if (p == "/v1/articles") {
    if (r.method == "GET") return list_articles(r);
    if (r.method == "POST") {
      if (auto bad = needs_token(p)) return *bad;
      return post_article(r);
    }
    return problem(405, "/v1/articles takes GET or POST", p);
  }
  if (p == "/v1/labels") {
    if (auto bad = only("GET", p)) return *bad;
    return labels();
  }
  if (p == "/v1/stories") {
    if (auto bad = only("GET", p)) return *bad;
    return list_stories(r);
  }
  constexpr std::string_view kStories = "/v1/stories/";
  if (p.starts_with(kStories) && p.size() > kStories.size() && p.find('/', kStories.size()) == std::string::npos) {
    if (auto bad = only("GET", "/v1/stories/{id}")) return *bad;
    return get_story(r, std::string_view(p).substr(kStories.size()));
  }
  constexpr std::string_view kArticles = "/v1/articles/";
  if (p.starts_with(kArticles) && p.size() > kArticles.size() && p.find('/', kArticles.size()) == std::string::npos) {
    constexpr std::string_view route = "/v1/articles/{id}";
    std::string_view id = std::string_view(p).substr(kArticles.size());
    if (r.method == "GET") return get_article(id);
    if (r.method == "DELETE") {
      if (auto bad = needs_token(route)) return *bad;
      return delete_article(id);
    }
    return problem(405, "/v1/articles/{id} takes GET or DELETE", route);
  }
  if (!p.starts_with("/v1/") && (r.method == "GET" || r.method == "HEAD")) return web_file(r);
  return problem(404, fmt::format("no such endpoint: {}", p));
}

Response Api::web_file(const Request& r) const {
  auto f = find_web_file(options_.web, r.path);
  if (!f) return problem(404, fmt::format("no such page: {}", r.path));
  Response out{.status = 200, .content_type = std::string(f->content_type), .body = std::string(f->bytes),
               .route = f->path == "index.html" ? "app" : "app/assets"};
  out.headers.emplace_back("Content-Security-Policy", std::string(kWebCsp));
  // Files under assets/ are named by a hash of their content; index.html
  // names the current ones, so it is checked on every load.
  out.headers.emplace_back("Cache-Control", f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return out;
}

Response Api::labels() const {
  constexpr std::string_view route = "/v1/labels";
  auto styles = report::LabelStyles::load(engine_->data());
  if (!styles) return problem(503, "the label styles could not be read from the server's data (labels.tsv)", route);
  json items = json::array();
  for (const auto& s : styles->all())
    items.push_back({{"label", s.id}, {"name", s.name}, {"color", s.color}, {"definition", s.definition}});
  return json_response(200, {{"labels", items}}, route);
}

Response Api::list_stories(const Request& r) {
  constexpr std::string_view route = "/v1/stories";
  if (!db_) return problem(503, "this server has no store (start it with --db PATH of an existing store)", route);
  auto limit = page_limit(param(r, "limit"));
  if (!limit) return problem(400, fmt::format("limit: '{}' is not a number from 1 to {}", param(r, "limit"), kMaxPage), route);
  std::string since = param(r, "since"), entity = param(r, "entity"), outlet = param(r, "outlet"), cursor = param(r, "cursor");
  if (!since.empty() && !app::valid_date(since))
    return problem(400, fmt::format("since: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", since), route);
  // By id: the cursor is the last id given.
  std::int64_t after = 0;
  if (!cursor.empty()) {
    auto c = positive_id(cursor);
    if (!c) return problem(400, "cursor: not one this server gave", route);
    after = *c;
  }
  // The parameters as read (the limit as a number): equal requests, one key.
  std::string key = fmt::format("stories\n{}\n{}\n{}\n{}\n{}", *limit, since, entity, outlet, after);
  return cached(r, route, key, [&] { return render_stories_page(since, entity, outlet, after, *limit); });
}

Response Api::render_stories_page(const std::string& since, const std::string& entity, const std::string& outlet,
                                  std::int64_t after, std::size_t limit) {
  constexpr std::string_view route = "/v1/stories";
  std::vector<corpus::Story> stories;
  {
    std::lock_guard lock(db_mu_);
    auto list = app::list_stories(*db_, {.since = since, .entity = entity});
    if (!list) return problem(500, "the store could not be read", route);
    stories = std::move(*list);
  }
  std::sort(stories.begin(), stories.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<corpus::Story> page;
  std::string next;
  for (auto& s : stories) {
    if (s.id <= after) continue;
    if (!outlet.empty() && std::none_of(s.members.begin(), s.members.end(),
                                        [&](const auto& m) { return base::iequals_ascii(m.outlet, outlet); }))
      continue;
    if (page.size() == limit) {
      next = std::to_string(page.back().id);
      break;
    }
    page.push_back(std::move(s));
  }
  json items = json::array();
  std::string lines = app::render_stories(page, report::OutputFormat::kJson);
  for (std::size_t pos = 0; pos < lines.size();) {
    auto end = lines.find('\n', pos);
    if (end == std::string::npos) end = lines.size();
    if (end > pos) items.push_back(json::parse(lines.substr(pos, end - pos)));
    pos = end + 1;
  }
  json j = {{"items", items}, {"next_cursor", next.empty() ? json(nullptr) : json(next)}};
  return json_response(200, j, route);
}

Response Api::get_story(const Request& r, std::string_view id) {
  constexpr std::string_view route = "/v1/stories/{id}";
  if (!db_) return problem(503, "this server has no store", route);
  auto n = positive_id(id);
  if (!n) return problem(404, fmt::format("no story {}: a story id is a number, as /v1/stories lists them", id), route);
  return cached(r, route, fmt::format("story\n{}", *n), [&] { return render_story(*n); });
}

Response Api::render_story(std::int64_t id) {
  constexpr std::string_view route = "/v1/stories/{id}";
  auto rep = [&] {
    std::lock_guard lock(db_mu_);
    return app::story_report(*db_, id);
  }();
  if (!rep) {
    int status = status_of(rep.error());
    return problem(status, status == 500 ? std::string("the store could not be read") : rep.error().message(), route);
  }
  // The story as `assay story ID --format json` gives it, and where each
  // member and background article is: the API's href and the app's permalink.
  json links_members = json::array(), links_background = json::array();
  for (const auto& m : rep->story.members)
    links_members.push_back({{"id", m.id}, {"key", m.key}, {"href", "/v1/articles/" + m.key}, {"permalink", "/a/" + m.key}});
  for (const auto& b : rep->story.background)
    links_background.push_back({{"id", b.id}, {"key", b.key}, {"href", "/v1/articles/" + b.key}, {"permalink", "/a/" + b.key}});
  json j = {{"story", json::parse(app::render_story(*rep, report::OutputFormat::kJson))},
            {"permalink", fmt::format("/s/{}", id)},
            {"links", {{"members", links_members}, {"background", links_background}}}};
  return json_response(200, j, route);
}

bool Api::sync_cache_with_store() {
  auto v = db_->data_version();
  if (v && seen_data_version_ == *v) return true;
  // Another connection committed (or this is the first look, or the version
  // cannot be read): what the cache holds may be stale, and so may the
  // stories the placer holds (another process placed articles too).
  cache_.invalidate();
  if (placer_) placer_->invalidate();
  if (!v) {
    seen_data_version_.reset();
    return false;
  }
  seen_data_version_ = *v;
  return true;
}

template <typename Render>
Response Api::cached(const Request& r, std::string_view route, const std::string& key, Render render) {
  bool current;
  std::uint64_t generation;
  {
    std::lock_guard lock(db_mu_);
    current = sync_cache_with_store();
    generation = cache_.generation();  // read before the store is: see response_cache.h
  }
  std::shared_ptr<const CachedResponse> hit = current ? cache_.find(key) : nullptr;
  if (!hit) {
    Response fresh = render();
    if (fresh.status != 200 && fresh.status != 404) return fresh;
    hit = std::make_shared<const CachedResponse>(CachedResponse::make(fresh.status, std::move(fresh.content_type), std::move(fresh.body)));
    if (current) cache_.insert(key, generation, hit);
  }
  Response out{.status = hit->status, .content_type = "", .body = "", .route = std::string(route)};
  if (hit->status != 200) {
    out.content_type = hit->content_type;
    out.body = hit->body;
    return out;
  }
  // The answer changes when the store does: a client may keep it but asks
  // again each time (no-cache instead of the API's no-store), with the
  // ETag, and a 304 saves the body.
  out.headers = {{"ETag", hit->etag}, {"Cache-Control", "no-cache"}};
  if (etag_matches(r.if_none_match, hit->etag)) {
    out.status = 304;
    return out;
  }
  out.content_type = hit->content_type;
  out.body = hit->body;
  return out;
}

bool Api::over_time(std::chrono::steady_clock::time_point start) const {
  return options_.time_limit_seconds > 0 &&
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > options_.time_limit_seconds;
}

std::string Api::over_time_detail() const {
  return fmt::format("the request passed the per-request time limit of {} s: send fewer documents or claims at once",
                     options_.time_limit_seconds);
}

Response Api::health() const {
  json j = {{"status", "ok"},
            {"version", options_.version.empty() ? "unknown" : options_.version},
            {"store", db_ != nullptr},
            {"writable", writable()}};
  return json_response(200, j, "/v1/health");
}

base::Result<std::vector<text::Document>> Api::read_body(const Request& r, std::size_t max_documents, std::string& detail,
                                                        int& status) {
  std::string type = media_type(r.content_type);
  text::Format format = text::Format::kAuto;
  if (type == "application/json") format = text::Format::kJson;
  else if (type == "application/x-ndjson" || type == "application/jsonl") format = text::Format::kJsonLines;
  else if (type == "text/html") format = text::Format::kHtml;
  else if (type == "text/markdown") format = text::Format::kMarkdown;
  else if (type == "text/plain") format = text::Format::kPlain;
  else if (!type.empty() && type != "application/octet-stream" && type != "application/x-www-form-urlencoded") {
    status = 415;
    detail = fmt::format("cannot read a body of type {}: send text/plain, text/html, text/markdown, application/json or application/x-ndjson", type);
    return base::fail(base::Error::invalid(detail));
  }
  auto docs = text::read_documents(r.body, {.name = "-", .format = format});
  if (!docs || docs->documents.empty()) {
    status = 400;
    detail = !docs ? scrub_paths(docs.error().to_string())
                   : (docs->errors.empty() ? std::string("the body holds no document") : docs->errors.front().to_string());
    return base::fail(base::Error::invalid(detail));
  }
  if (docs->documents.size() > max_documents) {
    status = 400;
    detail = fmt::format("the body holds {} documents; this endpoint takes at most {}", docs->documents.size(), max_documents);
    return base::fail(base::Error::invalid(detail));
  }
  return std::move(docs->documents);
}

base::Result<std::vector<app::Article>> Api::read_and_analyze(const Request& r, std::size_t max_documents, std::string& detail,
                                                              int& status) {
  auto documents = read_body(r, max_documents, detail, status);
  if (!documents) return base::fail(documents.error());
  auto analyzer = engine_->analyzer();
  if (!analyzer) {
    status = 503;
    detail = "the analyzer could not be built from the server's data";
    return base::fail(base::Error::internal(detail));
  }
  std::unique_ptr<app::Engine::Scratch> scratch;
  {
    std::lock_guard lock(scratch_mu_);
    if (!scratch_.empty()) {
      scratch = std::move(scratch_.back());
      scratch_.pop_back();
    }
  }
  if (!scratch) scratch = std::make_unique<app::Engine::Scratch>(engine_->new_scratch());
  std::vector<app::Article> out;
  auto start = std::chrono::steady_clock::now();
  bool late = false;
  for (auto& d : *documents) {
    if (!out.empty() && over_time(start)) {
      late = true;
      break;
    }
    text::cap_text(d, analysis::kMaxTextBytes);
    out.push_back(engine_->analyze(d, *scratch));
  }
  {
    std::lock_guard lock(scratch_mu_);
    scratch_.push_back(std::move(scratch));
  }
  if (late) {
    status = 503;
    detail = over_time_detail();
    return base::fail(base::Error::unsupported(detail));
  }
  return out;
}

Response Api::analyze(const Request& r) {
  constexpr std::string_view route = "/v1/analyze";
  std::string f = param(r, "format");
  if (f.empty()) f = "json";
  app::RenderOptions ro;
  std::string type;
  if (f == "json") {
    ro.format = report::OutputFormat::kJson;
    type = "application/json";
  } else if (f == "md") {
    ro.format = report::OutputFormat::kMarkdown;
    type = "text/markdown; charset=utf-8";
  } else if (f == "html") {
    ro.format = report::OutputFormat::kHtml;
    type = "text/html; charset=utf-8";
  } else {
    return problem(400, fmt::format("format: '{}' is not one of json, md, html", f), route);
  }
  std::string detail;
  int status = 400;
  auto articles = read_and_analyze(r, 1, detail, status);
  if (!articles) return problem(status, detail, route);
  std::string body = engine_->render(articles->front(), ro);
  if (ro.format == report::OutputFormat::kJson && !body.ends_with('\n')) body += '\n';
  return {.status = 200, .content_type = type, .body = std::move(body), .route = std::string(route)};
}

Response Api::verify(const Request& r) {
  constexpr std::string_view route = "/v1/verify";
  std::string date = param(r, "date");
  if (!date.empty() && !app::valid_date(date))
    return problem(400, fmt::format("date: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", date), route);
  std::string f = param(r, "format");
  if (!f.empty() && f != "json" && f != "md") return problem(400, fmt::format("format: '{}' is not one of json, md", f), route);
  if (std::string type = media_type(r.content_type);
      !type.empty() && type != "text/plain" && type != "application/x-ndjson" && type != "application/jsonl" &&
      type != "application/octet-stream" && type != "application/x-www-form-urlencoded")
    return problem(415, fmt::format("cannot read claims from a body of type {}: send text/plain (a claim a line) or application/x-ndjson", type),
                   route);
  auto inputs = app::parse_claim_inputs(r.body, "body");
  if (!inputs) return problem(400, inputs.error().to_string(), route);
  if (inputs->empty()) return problem(400, "the body holds no claim (one per line, or JSON Lines with \"text\")", route);
  auto checker = app::ClaimChecker::create(*engine_);
  if (!checker) return problem(503, "the claim checker could not be built from the server's data", route);
  std::vector<app::ClaimCheck> checks;
  auto start = std::chrono::steady_clock::now();
  for (const auto& in : *inputs) {
    if (!checks.empty() && over_time(start)) return problem(503, over_time_detail(), route);
    checks.push_back(checker->check(in, date));
  }
  if (f == "md")
    return {.status = 200, .content_type = "text/markdown; charset=utf-8",
            .body = app::render_claim_checks(checks, report::OutputFormat::kMarkdown), .route = std::string(route)};
  std::string body = app::render_claim_checks(checks, report::OutputFormat::kJson);
  if (!body.ends_with('\n')) body += '\n';
  return {.status = 200, .content_type = "application/json", .body = std::move(body), .route = std::string(route)};
}

Response Api::list_articles(const Request& r) {
  constexpr std::string_view route = "/v1/articles";
  if (!db_) return problem(503, "this server has no store (start it with --db PATH of an existing store)", route);
  auto page = page_limit(param(r, "limit"));
  if (!page) return problem(400, fmt::format("limit: '{}' is not a number from 1 to {}", param(r, "limit"), kMaxPage), route);
  std::size_t limit = *page;
  std::string since = param(r, "since"), outlet = param(r, "outlet"), q = param(r, "q"), cursor = param(r, "cursor");
  if (!since.empty() && !app::valid_date(since))
    return problem(400, fmt::format("since: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", since), route);
  std::vector<json> items;
  std::string next;
  std::lock_guard lock(db_mu_);
  if (!q.empty()) {
    // Search results by rank: the cursor is the offset of the next one.
    std::size_t offset = 0;
    if (!cursor.empty()) {
      auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
      if (ec != std::errc() || end != cursor.data() + cursor.size()) return problem(400, "cursor: not one this server gave", route);
    }
    auto hits = db_->search(q, 10000);
    if (!hits) return problem(status_of(hits.error()), scrub_paths(hits.error().message()), route);
    std::size_t seen = 0;
    for (const auto& h : *hits) {
      if (!outlet.empty() && !base::iequals_ascii(h.info.outlet, outlet)) continue;
      if (!since.empty() && h.info.published < since) continue;
      if (seen++ < offset) continue;
      if (items.size() == limit) {
        next = std::to_string(offset + limit);
        break;
      }
      json j = document_json(h.info);
      j["snippet"] = h.snippet;
      items.push_back(std::move(j));
    }
  } else {
    // By publication date then key: the cursor is the last item's
    // "published,key"; the store reads one page (and one more, to know
    // whether there is a next).
    store::Query query{.outlet = outlet, .since = since, .limit = limit + 1};
    if (!cursor.empty()) {
      auto comma = cursor.rfind(',');
      if (comma == std::string::npos) return problem(400, "cursor: not one this server gave", route);
      query.after = std::pair{cursor.substr(0, comma), cursor.substr(comma + 1)};
    }
    auto docs = db_->documents(query);
    if (!docs) return problem(500, "the store could not be read", route);
    for (const auto& d : *docs) {
      if (items.size() == limit) {
        const json& last = items.back();
        next = last["published"].get<std::string>() + "," + last["key"].get<std::string>();
        break;
      }
      items.push_back(document_json(d));
    }
  }
  json j = {{"items", items}, {"next_cursor", next.empty() ? json(nullptr) : json(next)}};
  return json_response(200, j, route);
}

Response Api::get_article(std::string_view id) {
  constexpr std::string_view route = "/v1/articles/{id}";
  if (!db_) return problem(503, "this server has no store", route);
  std::lock_guard lock(db_mu_);
  std::string body;
  auto st = db_->each_analysis({.key = std::string(id)}, [&](const store::DocumentInfo&, const store::Analysis& a) {
    body = a.json;
    return false;
  });
  if (!st) return problem(500, "the store could not be read", route);
  if (body.empty()) return problem(404, fmt::format("no article {} in the store", id), route);
  return {.status = 200, .content_type = "application/json", .body = body + "\n", .route = std::string(route)};
}

Response Api::post_article(const Request& r) {
  constexpr std::string_view route = "/v1/articles";
  if (!db_) return problem(503, "this server has no store", route);
  std::string detail;
  int status = 400;
  auto articles = read_and_analyze(r, kMaxIngest, detail, status);
  if (!articles) return problem(status, detail, route);
  std::vector<std::string> keys;
  std::lock_guard lock(db_mu_);
  sync_cache_with_store();
  if (!placer_) {
    auto opened = app::StoryPlacer::open(*db_);
    if (!opened) return problem(500, "the store's stories could not be read", route);
    placer_.emplace(std::move(*opened));
  }
  auto put = app::store_articles(*engine_, *db_, *articles, producer_, &*placer_, &keys);
  cache_.invalidate();  // this connection's writes do not change the store's data_version
  if (!put) return problem(500, "the store could not be written", route);
  json items = json::array();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& d = (*articles)[i].analysis.document;
    items.push_back({{"key", keys[i]}, {"id", d.id}, {"title", d.title}, {"href", "/v1/articles/" + keys[i]}});
  }
  json j = {{"items", items}, {"added", put->added}, {"present", put->present}};
  return json_response(put->added > 0 ? 201 : 200, j, route);
}

Response Api::delete_article(std::string_view id) {
  constexpr std::string_view route = "/v1/articles/{id}";
  if (!db_) return problem(503, "this server has no store", route);
  std::lock_guard lock(db_mu_);
  // An id several documents were read as ("-" for every body posted as
  // text) names them all: only a key, or an id of one document, deletes.
  auto docs = db_->documents({.key = std::string(id)});
  if (!docs) return problem(500, "the store could not be read", route);
  if (docs->size() > 1)
    return problem(409, fmt::format("{} documents were read as {}: delete each by its key", docs->size(), id), route);
  auto n = db_->remove({.key = std::string(id)});
  cache_.invalidate();  // this connection's writes do not change the store's data_version
  if (!n) return problem(500, "the store could not be written", route);
  if (*n == 0) return problem(404, fmt::format("no article {} in the store", id), route);
  if (placer_) placer_->invalidate();  // the deleted article left its story
  return {.status = 204, .content_type = "", .body = "", .route = std::string(route)};
}

Response Api::extract(const Request& r) {
  constexpr std::string_view route = "/v1/extract";
  std::string detail;
  int status = 400;
  auto documents = read_body(r, kMaxIngest, detail, status);
  if (!documents) return problem(status, detail, route);
  json items = json::array();
  for (auto& d : *documents) {
    text::cap_text(d, analysis::kMaxTextBytes);
    items.push_back({{"id", d.id}, {"format", text::format_name(d.format)}, {"title", d.title}, {"author", d.author},
                     {"published", d.published}, {"outlet", d.outlet}, {"url", d.url}, {"text", d.text},
                     {"warnings", d.warnings}});
  }
  json j = {{"items", std::move(items)}};
  return {.status = 200, .content_type = "application/json",
          .body = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n", .route = std::string(route)};
}

bool Api::origin_allowed(std::string_view origin) const {
  return !options_.cors_origin.empty() && !origin.empty() && (options_.cors_origin == "*" || origin == options_.cors_origin);
}

Response Api::preflight(const Request& r) {
  if (options_.cors_origin.empty())
    return problem(405, "OPTIONS is for CORS preflight requests, and CORS is off (start the server with --cors-origin ORIGIN)");
  if (!origin_allowed(r.origin))
    return problem(403, fmt::format("the origin '{}' may not call this API (CORS allows {})", r.origin, options_.cors_origin));
  Response out{.status = 204, .content_type = "", .body = "", .route = "OPTIONS"};
  out.headers = {{"Access-Control-Allow-Methods", "GET, POST, DELETE"},
                 {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                 {"Access-Control-Max-Age", "600"}};
  return out;
}

void Api::add_cors(const Request& r, Response& out) const {
  if (options_.cors_origin.empty()) return;
  out.headers.emplace_back("Vary", "Origin");
  if (!origin_allowed(r.origin)) return;
  out.headers.emplace_back("Access-Control-Allow-Origin", options_.cors_origin == "*" ? std::string("*") : r.origin);
  out.headers.emplace_back("Access-Control-Expose-Headers", "Retry-After, Location");
}

}  // namespace assay::server
