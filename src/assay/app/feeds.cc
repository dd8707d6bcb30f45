// app/feeds: see feeds.h.
#include "assay/app/feeds.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "assay/app/library.h"
#include "assay/base/strings.h"
#include "assay/text/feed.h"
#include "assay/text/reader.h"

namespace assay::app {

base::Result<std::vector<std::string>> read_feed_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::fail(base::Error::not_found("cannot read the feed list", {.file = path}));
  std::vector<std::string> urls;
  std::string line;
  std::int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string_view l = base::trim(line);
    if (l.empty() || l.front() == '#') continue;
    if (url_origin(l).empty())
      return base::fail(base::Error::invalid(fmt::format("'{}' is not an http or https URL", l), {.file = path, .line = n}));
    urls.emplace_back(l);
  }
  if (urls.empty()) return base::fail(base::Error::invalid("no feed URL in the list (one a line, # comments)", {.file = path}));
  return urls;
}

FeedPoller::FeedPoller(const Engine& engine, store::Store& db, FeedOptions options)
    : engine_(engine), db_(db), options_(std::move(options)), http_(options_.http) {}

bool FeedPoller::wait_for(const std::string& origin) {
  auto it = last_request_.find(origin);
  if (it == last_request_.end() || options_.delay_seconds <= 0) return !stopping();
  const auto due = it->second + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(options_.delay_seconds));
  while (std::chrono::steady_clock::now() < due) {
    if (stopping()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(std::chrono::milliseconds(100),
                                                                              due - std::chrono::steady_clock::now()));
  }
  return !stopping();
}

base::Result<HttpResponse> FeedPoller::get(const HttpRequest& request) {
  auto r = http_.get(request);
  last_request_[url_origin(request.url)] = std::chrono::steady_clock::now();
  return r;
}

const Robots& FeedPoller::robots_for(const std::string& origin, FeedRound& round) {
  if (auto it = robots_.find(origin); it != robots_.end()) return it->second;
  Robots robots = Robots::allow_all();
  wait_for(origin);
  auto r = get({.url = origin + "/robots.txt"});
  // RFC 9309: no robots.txt (4xx) allows everything; one that cannot be
  // read (5xx, no answer) closes the site until it can.
  if (!r) {
    round.errors.add(base::Error::io(fmt::format("robots.txt unreachable ({}): nothing fetched from this site", r.error().message()),
                                     {.file = origin}));
    robots = Robots::disallow_all();
    robots_unread_.insert(origin);
  } else if (r->status >= 500) {
    round.errors.add(base::Error::io(fmt::format("robots.txt answered HTTP {}: nothing fetched from this site", r->status),
                                     {.file = origin}));
    robots = Robots::disallow_all();
    robots_unread_.insert(origin);
  } else if (r->status >= 200 && r->status < 300) {
    robots = Robots::parse(r->body, options_.http.user_agent);
  }
  return robots_.emplace(origin, std::move(robots)).first->second;
}

FeedRound FeedPoller::poll(const std::vector<std::string>& urls) {
  FeedRound round;
  // robots.txt is read again each round (a --watch runs for days).
  robots_.clear();
  robots_unread_.clear();
  for (const auto& url : urls) {
    if (stopping()) {
      round.stopped = true;
      break;
    }
    poll_one(url, round);
  }
  if (stopping()) round.stopped = true;
  return round;
}

void FeedPoller::poll_one(const std::string& url, FeedRound& round) {
  ++round.feeds;
  const base::Location at{.file = url};
  auto say = [&](const std::string& line) {
    if (options_.say) options_.say(line);
  };
  const std::string origin = url_origin(url);
  if (!robots_for(origin, round).allowed(url_path(url))) {
    // (An unreadable robots.txt was reported once, for its site.)
    if (!robots_unread_.contains(origin)) round.errors.add(base::Error::invalid("robots.txt disallows this feed: not fetched", at));
    return;
  }
  auto state = db_.feed_state(url);
  if (!state) {
    round.errors.add(state.error());
    return;
  }
  store::FeedState next{.url = url, .checked_at = store::system_clock_seconds()};
  HttpRequest request{.url = url};
  if (*state) {
    request.if_none_match = (*state)->etag;
    request.if_modified_since = (*state)->last_modified;
    next.etag = (*state)->etag;
    next.last_modified = (*state)->last_modified;
  }
  if (!wait_for(origin)) {
    round.stopped = true;
    return;
  }
  auto r = get(request);
  if (!r) {
    round.errors.add(r.error());
    return;
  }
  next.status = static_cast<int>(r->status);
  if (r->status == 304) {
    ++round.not_modified;
    say(fmt::format("{}: not modified since the last poll", url));
    if (auto st = db_.set_feed_state(next); !st) round.errors.add(st.error());
    return;
  }
  if (r->status < 200 || r->status >= 300) {
    round.errors.add(base::Error::io(fmt::format("HTTP {}: the feed was not read", r->status), at));
    if (auto st = db_.set_feed_state(next); !st) round.errors.add(st.error());
    return;
  }
  auto feed = text::parse_feed(r->body, url);
  if (!feed) {
    round.errors.add(feed.error());
    return;
  }
  round.items += feed->items.size();
  std::vector<text::Document> docs;
  std::vector<std::string> doc_urls;
  std::set<std::string> keys_this_feed;
  std::uint64_t known = 0, disallowed = 0, fetched = 0, duplicates = 0;
  bool stopped = false;
  for (const text::FeedItem& item : feed->items) {
    if (stopping()) {
      stopped = true;
      break;
    }
    const std::string& link = item.link;
    const base::Location item_at{.file = url, .line = item.line};
    if (url_origin(link).empty()) {
      round.errors.add(base::Error::invalid(
          fmt::format("feed item '{}' has no http(s) link: not fetched", item.title.empty() ? "(no title)" : item.title), item_at));
      continue;
    }
    auto seen = db_.has_url(link);
    if (!seen) {
      round.errors.add(seen.error());
      continue;
    }
    if (*seen) {
      ++known;
      continue;
    }
    const std::string link_origin = url_origin(link);
    if (!robots_for(link_origin, round).allowed(url_path(link))) {
      ++disallowed;
      continue;
    }
    if (!wait_for(link_origin)) {
      stopped = true;
      break;
    }
    auto page = get({.url = link});
    if (!page) {
      round.errors.add(page.error());
      continue;
    }
    if (page->status < 200 || page->status >= 300) {
      round.errors.add(base::Error::io(fmt::format("HTTP {}: the article was not read", page->status), {.file = link}));
      continue;
    }
    ++fetched;
    text::ReadOptions ro{.name = link};
    std::string type = base::to_lower_ascii(page->content_type);
    if (type.starts_with("text/plain")) ro.format = text::Format::kPlain;
    else if (type.starts_with("text/html") || type.starts_with("application/xhtml")) ro.format = text::Format::kHtml;
    auto read = text::read_documents(page->body, ro);
    if (!read || read->documents.empty()) {
      round.errors.add(read ? base::Error::invalid("the page holds no article", {.file = link}) : read.error());
      continue;
    }
    text::Document doc = std::move(read->documents.front());
    if (base::trim(doc.text).empty()) {
      round.errors.add(base::Error::invalid("the page holds no text", {.file = link}));
      continue;
    }
    // The feed says what the item is; the page may say more.
    if (!item.title.empty()) doc.title = item.title;
    if (!item.outlet.empty()) doc.outlet = item.outlet;
    if (!item.published.empty()) doc.published = item.published;
    if (doc.author.empty()) doc.author = item.author;
    doc.url = link;
    doc.id = link;
    doc.source = link;
    if (doc.text.size() > analysis::kMaxTextBytes) text::cap_text(doc, analysis::kMaxTextBytes);
    // The same text under another URL is the same document: stored once,
    // the URL noted so that it is not fetched again.
    std::string key = store::content_key(doc.title, doc.text);
    auto held = db_.producer_of(key);
    if (!held) {
      round.errors.add(held.error());
      continue;
    }
    if (*held || !keys_this_feed.insert(key).second) {
      ++duplicates;
      if (auto st = db_.note_url(link, key); !st) round.errors.add(st.error());
      continue;
    }
    docs.push_back(std::move(doc));
    doc_urls.push_back(link);
  }
  round.known += known;
  round.disallowed += disallowed;
  round.fetched += fetched;
  round.present += duplicates;
  std::uint64_t added = 0;
  if (!docs.empty()) {
    if (!placer_) {
      auto opened = StoryPlacer::open(db_);
      if (!opened) {
        round.errors.add(opened.error());
        return;  // as a failed store: the feed's next poll tries again
      }
      placer_.emplace(std::move(*opened));
    }
    auto put = analyze_and_store(engine_, db_, std::move(docs), options_.jobs, options_.producer, &*placer_);
    if (!put) {
      round.errors.add(put.error());
      return;  // the feed's state is not kept: its next poll tries again
    }
    added = put->added;
    round.added += put->added;
    round.present += put->present;
  }
  say(fmt::format("{}: {} {}, {} new, {} already stored, {} known (not fetched){}", url, feed->items.size(),
                  feed->items.size() == 1 ? "item" : "items", added, duplicates, known,
                  disallowed ? fmt::format(", {} closed by robots.txt", disallowed) : std::string()));
  if (stopped) {
    round.stopped = true;
    return;  // the state stays: the next poll reads the feed again
  }
  next.etag = r->etag;  // this answer's validators (none: the next poll is unconditional)
  next.last_modified = r->last_modified;
  if (auto st = db_.set_feed_state(next); !st) round.errors.add(st.error());
}

}  // namespace assay::app
