// app/http: see http.h.
#include "assay/app/http.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "assay/base/strings.h"

namespace assay::app {

namespace {

void init_curl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  HttpResponse* response;
  std::uint64_t max_bytes;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * n;
  if (t->response->body.size() + bytes > t->max_bytes) {
    t->too_large = true;
    return 0;  // curl stops the transfer (CURLE_WRITE_ERROR)
  }
  t->response->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * n;
  std::string_view line(data, bytes);
  // Each answer of a redirect chain starts with its status line: only the
  // last answer's headers count.
  if (line.starts_with("HTTP/")) {
    t->response->etag.clear();
    t->response->last_modified.clear();
    t->response->content_type.clear();
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string name = base::to_lower_ascii(base::trim(line.substr(0, colon)));
  std::string value(base::trim(line.substr(colon + 1)));
  if (name == "etag") t->response->etag = value;
  else if (name == "last-modified") t->response->last_modified = value;
  else if (name == "content-type") t->response->content_type = value;
  return bytes;
}

std::string seconds_text(double s) { return s == static_cast<long>(s) ? fmt::format("{}", static_cast<long>(s)) : fmt::format("{:.1f}", s); }

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
  init_curl();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

base::Result<HttpResponse> HttpClient::get(const HttpRequest& request) {
  const base::Location where{.file = request.url};
  if (url_origin(request.url).empty())
    return base::fail(base::Error::invalid("not an http or https URL", where));
  auto* curl = static_cast<CURL*>(curl_);
  if (!curl) return base::fail(base::Error::io("cannot start libcurl", where));
  curl_easy_reset(curl);
  HttpResponse response;
  Transfer t{&response, options_.max_bytes};
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  if (!request.if_none_match.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + request.if_none_match).c_str());
  if (!request.if_modified_since.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + request.if_modified_since).c_str());
  const long timeout_ms = std::max(1L, static_cast<long>(options_.timeout_seconds * 1000));
  const long connect_ms = std::min(timeout_ms, std::max(1L, static_cast<long>(options_.connect_timeout_seconds * 1000)));
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip, deflate, ... (the size limit counts what they unpack to)
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
  CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  if (rc != CURLE_OK) {
    std::string why;
    const double mb = static_cast<double>(options_.max_bytes) / 1e6;
    if (rc == CURLE_FILESIZE_EXCEEDED || t.too_large)
      why = fmt::format("refused: the answer is larger than the limit of {:g} MB", mb);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
      why = fmt::format("timed out after {} s", seconds_text(options_.timeout_seconds));
    else if (rc == CURLE_TOO_MANY_REDIRECTS)
      why = fmt::format("more than {} redirects (a redirect loop?)", options_.max_redirects);
    else
      why = *errbuf ? std::string(errbuf) : curl_easy_strerror(rc);
    return base::fail(base::Error::io(why, where));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* final_url = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url) response.url = final_url;
  else response.url = request.url;
  return response;
}

std::string url_origin(std::string_view url) {
  std::string lower = base::to_lower_ascii(url.substr(0, 8));
  std::size_t start = lower.starts_with("http://") ? 7 : lower.starts_with("https://") ? 8 : 0;
  if (start == 0) return {};
  std::size_t end = url.find_first_of("/?#", start);
  if (end == start) return {};
  return base::to_lower_ascii(url.substr(0, end == std::string_view::npos ? url.size() : end));
}

std::string url_path(std::string_view url) {
  std::string origin = url_origin(url);
  if (origin.empty()) return {};
  std::string_view rest = url.substr(origin.size());
  if (auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  if (rest.empty() || rest.front() != '/') return "/" + std::string(rest);
  return std::string(rest);
}

Robots Robots::disallow_all() {
  Robots r;
  r.rules_.push_back({"/", false});
  return r;
}

Robots Robots::parse(std::string_view text, std::string_view agent) {
  // Groups: one or more user-agent lines, then their rules.
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
  };
  std::vector<Group> groups;
  bool in_agents = false;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = base::to_lower_ascii(base::trim(line.substr(0, colon)));
    std::string value(base::trim(line.substr(colon + 1)));
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      groups.back().agents.push_back(base::to_lower_ascii(value));
      in_agents = true;
    } else if (key == "allow" || key == "disallow") {
      in_agents = false;
      if (groups.empty()) continue;  // rules before any user-agent line
      if (value.empty()) continue;   // "Disallow:" allows everything
      groups.back().rules.push_back({value, key == "allow"});
    } else {
      in_agents = false;  // sitemap, crawl-delay, ...: ends a run of user-agent lines
    }
  }
  const std::string me = base::to_lower_ascii(agent);
  Robots out;
  bool named = false;
  for (const auto& g : groups) {
    for (const auto& a : g.agents) {
      if (a != "*" && !a.empty() && me.find(a) != std::string::npos) {
        if (!named) out.rules_.clear();
        named = true;
        out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      }
    }
  }
  if (!named)
    for (const auto& g : groups)
      if (std::find(g.agents.begin(), g.agents.end(), "*") != g.agents.end())
        out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
  return out;
}

namespace {

// Whether `pattern` ('*' any run, a final '$' the end) matches a prefix of
// `path` (or the whole of it, with '$').
bool rule_matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Backtracking over '*' (patterns are short).
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
    } else if (pattern[p] == '*') {
      star = p++;
      mark = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || mark >= path.size()) return false;
    p = star + 1;
    s = ++mark;
  }
}

}  // namespace

bool Robots::allowed(std::string_view path) const {
  std::size_t best = 0;
  bool allow = true;
  bool any = false;
  for (const auto& r : rules_) {
    if (!rule_matches(r.pattern, path)) continue;
    if (!any || r.pattern.size() > best || (r.pattern.size() == best && r.allow)) {
      best = r.pattern.size();
      allow = r.allow;
      any = true;
    }
  }
  return allow;
}

}  // namespace assay::app
