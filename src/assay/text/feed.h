// text/feed: RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed with libxml2
// (no network, no external entities). parse_feed gives the items as the
// feed lists them (title, link, date, outlet, the content as HTML or text);
// read_feed turns each item into a Document, its text read from the item's
// content (content:encoded, Atom content) or else its description or
// summary, the markup stripped by the HTML reader. An item without text is
// a bad record (ReadResult::errors, with its line); reading goes on.
//
//   auto feed = text::parse_feed(bytes, "news.rss");       // Result<Feed>
//   for (const auto& item : feed->items) fetch(item.link);  // app/feeds.h does this over HTTP
//   auto docs = text::read_feed(bytes, "news.rss");        // Result<ReadResult>: one Document per item
//
// Dates become YYYY-MM-DD (RFC 822 "Tue, 04 Mar 2025 10:00:00 GMT" and
// RFC 3339 "2025-03-04T10:00:00Z" alike); a date in neither form is kept
// as given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/text/reader.h"

namespace assay::text {

struct FeedItem {
  std::string title;
  std::string link;       // the item's page (RSS <link>, Atom <link rel="alternate" href>)
  std::string guid;       // RSS <guid>, Atom <id>
  std::string published;  // YYYY-MM-DD when the feed's date could be read, else as given
  std::string author;
  std::string outlet;     // the item's <source> (RSS) or <source><title> (Atom), else the feed's title
  std::string content;    // the fullest text the item carries
  bool content_is_html = false;
  std::int64_t line = 0;  // where the item starts in the feed
};

struct Feed {
  std::string kind;   // "rss", "rdf" or "atom"
  std::string title;  // the channel's or feed's title
  std::string link;
  std::vector<FeedItem> items;
};

// Parses a feed. Fails, naming `name` and the line, on bytes that are not
// XML, and on XML whose root is not <rss>, <rdf:RDF> or <feed>.
base::Result<Feed> parse_feed(std::string_view bytes, std::string_view name);

// One Document per item that has text (format html or text, as the item's
// content was); items without text are errors of the result.
base::Result<ReadResult> read_feed(std::string_view bytes, std::string_view name);

// Whether bytes open like a feed: after the XML prolog (declaration,
// comments, doctype) the root element is <rss>, <rdf:RDF> or <feed>.
bool looks_like_feed(std::string_view bytes);

// A feed's date as YYYY-MM-DD, or "" when it is in neither RFC 822 nor
// RFC 3339 form.
std::string feed_date(std::string_view date);

}  // namespace assay::text
