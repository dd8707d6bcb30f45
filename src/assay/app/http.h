// app/http: the one place assay touches the network (libcurl): GET over
// http and https only, for the feeds a user lists (`assay ingest --feeds`,
// app/feeds.h), with a timeout, a redirect limit and a size limit, and the
// validators of a conditional GET. Also robots.txt, read as RFC 9309 says.
//
//   app::HttpClient http({.timeout_seconds = 10, .max_bytes = 20'000'000});
//   auto r = http.get({.url = "https://example.org/feed.xml", .if_none_match = "\"v1\""});
//   if (!r) fmt::print(stderr, "{}\n", r.error().to_string());  // "https://...: timed out after 10 s"
//   else if (r->status == 304) { /* nothing new */ }
//
//   app::Robots robots = app::Robots::parse(text, "assay");
//   if (!robots.allowed("/private/page.html")) ...
//
// Thread-safety: an HttpClient is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::app {

struct HttpOptions {
  double timeout_seconds = 30;          // the whole transfer
  double connect_timeout_seconds = 10;  // (at most timeout_seconds)
  int max_redirects = 5;
  std::uint64_t max_bytes = 20'000'000;  // a longer answer (after decompression) is refused
  std::string user_agent = "assay";
};

struct HttpRequest {
  std::string url;
  std::string if_none_match;      // an ETag from an earlier answer
  std::string if_modified_since;  // a Last-Modified from an earlier answer
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::string etag, last_modified, content_type;  // the final answer's headers
  std::string url;                                // after redirects
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  const HttpOptions& options() const { return options_; }

  // Fails, naming the URL, when no answer came (timeout, refused
  // connection, too many redirects, an answer over max_bytes, a scheme
  // other than http or https). An HTTP error status is an answer: the
  // caller reads `status`.
  base::Result<HttpResponse> get(const HttpRequest& request);

 private:
  HttpOptions options_;
  void* curl_ = nullptr;  // CURL*, kept for its connection cache
};

// The scheme, host and port of a URL ("https://example.org:8443"), or "" when
// it is not an http(s) URL; and the path with its query ("/a/b?c").
std::string url_origin(std::string_view url);
std::string url_path(std::string_view url);

// A robots.txt for one user agent: the group that names the agent (its
// product token, ignoring case), else the group for "*"; the longest
// matching Allow or Disallow rule decides, Allow on a tie; '*' and a final
// '$' as RFC 9309 reads them.
class Robots {
 public:
  static Robots parse(std::string_view text, std::string_view agent);
  static Robots allow_all() { return {}; }
  static Robots disallow_all();
  bool allowed(std::string_view path) const;

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
};

}  // namespace assay::app
