#include "assay/text/feed.h"

#include <gtest/gtest.h>

namespace assay::text {
namespace {

constexpr std::string_view kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Metals Weekly</title>
  <link>https://harbour.example/</link>
  <item>
    <title>Separation plant opens in Kuantan</title>
    <link>https://harbour.example/kuantan</link>
    <guid isPermaLink="false">hm-001</guid>
    <pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
    <dc:creator>Ana Lim</dc:creator>
    <description>A short summary.</description>
    <content:encoded><![CDATA[<p>The plant began separating <b>NdPr oxide</b> on Monday, the operator said.</p><p>It expects to reach full rate next year.</p>]]></content:encoded>
  </item>
  <item>
    <title>Export licences &amp; quotas</title>
    <link>https://harbour.example/licences</link>
    <pubDate>5 Apr 25 08:00 +0800</pubDate>
    <description>&lt;p&gt;The ministry said licences would be &lt;em&gt;required&lt;/em&gt; for seven elements.&lt;/p&gt;</description>
    <source url="https://wire.example/rss">Wire Two</source>
  </item>
  <item>
    <title>Only a headline</title>
    <link>https://harbour.example/headline</link>
  </item>
</channel>
</rss>
)";

constexpr std::string_view kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Magnet Desk</title>
  <link href="https://desk.example/"/>
  <entry>
    <title>Magnet maker adds a line</title>
    <link rel="self" href="https://desk.example/api/1"/>
    <link rel="alternate" href="https://desk.example/magnets/line"/>
    <id>tag:desk.example,2025:1</id>
    <updated>2025-06-02T09:30:00Z</updated>
    <published>2025-06-01T08:00:00+02:00</published>
    <author><name>Jo Park</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The company said the new line would make sintered magnets.</p></div></content>
  </entry>
  <entry>
    <title>Prices steady</title>
    <link href="https://desk.example/prices"/>
    <id>tag:desk.example,2025:2</id>
    <updated>2025-06-03T00:00:00Z</updated>
    <summary type="text">Oxide prices held steady in a quiet week, traders said.</summary>
  </entry>
</feed>
)";

TEST(Feed, ReadsRssItemsWithTheirFullestText) {
  auto feed = parse_feed(kRss, "hm.rss");
  ASSERT_TRUE(feed.has_value()) << feed.error().to_string();
  EXPECT_EQ(feed->kind, "rss");
  EXPECT_EQ(feed->title, "Harbour Metals Weekly");
  ASSERT_EQ(feed->items.size(), 3u);
  const FeedItem& a = feed->items[0];
  EXPECT_EQ(a.title, "Separation plant opens in Kuantan");
  EXPECT_EQ(a.link, "https://harbour.example/kuantan");
  EXPECT_EQ(a.guid, "hm-001");
  EXPECT_EQ(a.published, "2025-03-04");
  EXPECT_EQ(a.author, "Ana Lim");
  EXPECT_EQ(a.outlet, "Harbour Metals Weekly");
  EXPECT_TRUE(a.content_is_html);
  EXPECT_NE(a.content.find("<b>NdPr oxide</b>"), std::string::npos) << "content:encoded before the description";
  EXPECT_EQ(feed->items[1].outlet, "Wire Two") << "an item's <source> is its outlet";
  EXPECT_EQ(feed->items[1].published, "2025-04-05") << "a two-digit year";

  auto docs = read_feed(kRss, "hm.rss");
  ASSERT_TRUE(docs.has_value());
  ASSERT_EQ(docs->documents.size(), 2u);
  const Document& d = docs->documents[0];
  EXPECT_EQ(d.text.find('<'), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("The plant began separating NdPr oxide on Monday, the operator said."), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("It expects to reach full rate next year."), std::string::npos) << d.text;
  EXPECT_EQ(d.title, "Separation plant opens in Kuantan");
  EXPECT_EQ(d.url, "https://harbour.example/kuantan");
  EXPECT_EQ(d.id, "https://harbour.example/kuantan");
  EXPECT_EQ(d.published, "2025-03-04");
  EXPECT_EQ(d.outlet, "Harbour Metals Weekly");
  EXPECT_EQ(d.format, Format::kHtml);
  EXPECT_EQ(d.source.rfind("hm.rss:", 0), 0u);
  EXPECT_EQ(docs->documents[1].title, "Export licences & quotas");
  EXPECT_NE(docs->documents[1].text.find("licences would be required for seven elements"), std::string::npos)
      << "escaped markup in a description is read as HTML: " << docs->documents[1].text;
  // The headline-only item is a bad record that names its line.
  ASSERT_EQ(docs->errors.size(), 1u);
  EXPECT_NE(docs->errors.front().to_string().find("hm.rss:"), std::string::npos);
  EXPECT_NE(docs->errors.front().to_string().find("feed item has no text"), std::string::npos);
}

TEST(Feed, ReadsAtomEntries) {
  auto docs = read_documents(kAtom, {.name = "desk.atom"});
  ASSERT_TRUE(docs.has_value()) << docs.error().to_string();
  ASSERT_EQ(docs->documents.size(), 2u);
  const Document& a = docs->documents[0];
  EXPECT_EQ(a.url, "https://desk.example/magnets/line") << "the alternate link, not self";
  EXPECT_EQ(a.published, "2025-06-01") << "published before updated";
  EXPECT_EQ(a.author, "Jo Park");
  EXPECT_EQ(a.outlet, "Magnet Desk");
  EXPECT_NE(a.text.find("The company said the new line would make sintered magnets."), std::string::npos) << a.text;
  EXPECT_EQ(a.text.find('<'), std::string::npos);
  const Document& b = docs->documents[1];
  EXPECT_EQ(b.format, Format::kPlain);
  EXPECT_EQ(b.published, "2025-06-03") << "updated when there is no published";
  EXPECT_EQ(b.text, "Oxide prices held steady in a quiet week, traders said.");
}

TEST(Feed, ReadsRss1Items) {
  auto feed = parse_feed(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old Wire</title></channel>
  <item rdf:about="https://old.example/a"><title>A</title><description>Mines reopened after the rains.</description><dc:date>2024-11-20</dc:date></item>
</rdf:RDF>)",
                         "old.rdf");
  ASSERT_TRUE(feed.has_value()) << feed.error().to_string();
  EXPECT_EQ(feed->kind, "rdf");
  ASSERT_EQ(feed->items.size(), 1u);
  EXPECT_EQ(feed->items[0].link, "https://old.example/a");
  EXPECT_EQ(feed->items[0].published, "2024-11-20");
  EXPECT_EQ(feed->items[0].outlet, "Old Wire");
}

TEST(Feed, SomethingElseIsAClearError) {
  auto html = parse_feed("<html><body><p>Not a feed</p></body></html>", "page.xml");
  ASSERT_FALSE(html.has_value());
  EXPECT_EQ(html.error().to_string(), "page.xml:1: not an RSS or Atom feed: the root element is <html>");
  auto broken = parse_feed("<rss><channel><item><title>Cut off", "cut.rss");
  ASSERT_FALSE(broken.has_value());
  EXPECT_NE(broken.error().to_string().find("cut.rss:1: not an RSS or Atom feed: not XML: "), std::string::npos)
      << broken.error().to_string();
  auto words = read_documents("Just some words, not XML at all.", {.name = "w.rss"});
  ASSERT_FALSE(words.has_value());
  EXPECT_NE(words.error().to_string().find("not XML"), std::string::npos) << words.error().to_string();
  EXPECT_FALSE(parse_feed("", "e.rss").has_value());
}

TEST(Feed, ExternalEntitiesAreNotRead) {
  auto feed = parse_feed(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>T</title><item><title>&secret;</title><description>Body text here.</description></item></channel></rss>)",
                         "xxe.rss");
  if (feed.has_value()) {
    ASSERT_EQ(feed->items.size(), 1u);
    EXPECT_EQ(feed->items[0].title.find("root:"), std::string::npos);
  }
}

TEST(Feed, DetectsFeedsByNameAndRoot) {
  EXPECT_EQ(detect_format("news.rss", ""), Format::kFeed);
  EXPECT_EQ(detect_format("news.atom", ""), Format::kFeed);
  EXPECT_EQ(detect_format("news.xml", kRss), Format::kFeed);
  EXPECT_EQ(detect_format("-", kAtom), Format::kFeed);
  EXPECT_EQ(detect_format("-", "<?xml version=\"1.0\"?>\n<html><body><p>x</p></body></html>"), Format::kHtml);
  EXPECT_EQ(detect_format("-", "<feedback>words</feedback>"), Format::kPlain);
  EXPECT_EQ(parse_format("rss"), Format::kFeed);
  EXPECT_STREQ(format_name(Format::kFeed), "feed");
}

TEST(Feed, Dates) {
  EXPECT_EQ(feed_date("Tue, 04 Mar 2025 10:00:00 GMT"), "2025-03-04");
  EXPECT_EQ(feed_date("4 March 2025"), "2025-03-04");
  EXPECT_EQ(feed_date("2025-03-04T10:00:00Z"), "2025-03-04");
  EXPECT_EQ(feed_date("Sun, 01 Dec 99 00:00:00 EST"), "1999-12-01");
  EXPECT_EQ(feed_date("yesterday"), "");
  EXPECT_EQ(feed_date("Tue, 40 Mar 2025"), "");
  EXPECT_EQ(feed_date(""), "");
}

}  // namespace
}  // namespace assay::text
