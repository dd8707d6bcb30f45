// app/feeds: `assay ingest --feeds FILE`: polls the RSS and Atom feeds a
// user lists over HTTP(S) (app/http.h) and stores the articles they link,
// analysed as ingest analyses files (app/library.h). Per run: robots.txt
// read once per host and honoured for feeds and articles; a politeness
// delay between two requests to one host; each feed's ETag and
// Last-Modified kept in the store, so a feed that has not changed answers
// 304 and costs nothing; an article whose URL the store knows is not
// fetched again, one whose text it holds under another URL is stored once.
//
//   auto urls = app::read_feed_list("feeds.txt");              // one URL a line, # comments
//   app::FeedPoller poller(engine, *db, {.producer = p, .delay_seconds = 1});
//   app::FeedRound r = poller.poll(*urls);                     // one pass over every feed
//   fmt::print("{} new articles\n", r.added);
//
// `stop` (set by a signal handler) ends a poll after the current item:
// what was fetched is stored, the feed's state is not (its next poll sees
// the same items, their URLs known).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assay/app/engine.h"
#include "assay/app/http.h"
#include "assay/app/stories.h"
#include "assay/base/error.h"
#include "assay/store/store.h"

namespace assay::app {

// The feed URLs of a list file: one per line; blank lines and lines
// starting with '#' are skipped; a line that is not an http(s) URL is an
// error naming the file and line.
base::Result<std::vector<std::string>> read_feed_list(const std::string& path);

struct FeedOptions {
  int jobs = 1;                // analysis workers
  std::string producer;        // analysis_producer()
  double delay_seconds = 1.0;  // at least this long between two requests to one host
  HttpOptions http;
  const std::atomic<bool>* stop = nullptr;       // set: end after the current item
  std::function<void(std::string_view)> say;     // one line per feed (no newline)
};

struct FeedRound {
  std::uint64_t feeds = 0;         // polled
  std::uint64_t not_modified = 0;  // answered 304
  std::uint64_t items = 0;         // items the feeds listed
  std::uint64_t known = 0;         // items whose URL the store knew (not fetched)
  std::uint64_t disallowed = 0;    // items robots.txt closes to us
  std::uint64_t fetched = 0;       // article pages fetched
  std::uint64_t added = 0;         // documents new to the store
  std::uint64_t present = 0;       // fetched, but their text was stored already (under another URL)
  base::Errors errors;             // feeds and articles that failed (the round went on)
  bool stopped = false;            // `stop` ended it early
};

class FeedPoller {
 public:
  // Requires engine.analyzer() to have succeeded.
  FeedPoller(const Engine& engine, store::Store& db, FeedOptions options);

  // One pass over `urls`, in order, reading each site's robots.txt once.
  FeedRound poll(const std::vector<std::string>& urls);

 private:
  const Engine& engine_;
  store::Store& db_;
  FeedOptions options_;
  HttpClient http_;
  std::map<std::string, Robots> robots_;  // per origin, for one round
  std::set<std::string> robots_unread_;   // origins whose robots.txt could not be read (closed meanwhile)
  std::map<std::string, std::chrono::steady_clock::time_point> last_request_;
  // Places the stored articles into stories for the poller's life: loaded
  // at the first article stored, not per feed.
  std::optional<StoryPlacer> placer_;

  bool stopping() const { return options_.stop && options_.stop->load(); }
  // Waits out the politeness delay for `origin`; false when stopped meanwhile.
  bool wait_for(const std::string& origin);
  base::Result<HttpResponse> get(const HttpRequest& request);
  const Robots& robots_for(const std::string& origin, FeedRound& round);
  void poll_one(const std::string& url, FeedRound& round);
};

}  // namespace assay::app
