// http_test: URLs taken apart and robots.txt read as RFC 9309 says (the
// transfers themselves are tested end to end against a local server in
// tests/feeds_cli_test.cc).
#include "assay/app/http.h"

#include <gtest/gtest.h>

namespace assay::app {
namespace {

TEST(Http, OriginsAndPaths) {
  EXPECT_EQ(url_origin("https://News.Example:8443/a/b?c=1#top"), "https://news.example:8443");
  EXPECT_EQ(url_path("https://news.example:8443/a/b?c=1#top"), "/a/b?c=1");
  EXPECT_EQ(url_path("http://news.example"), "/");
  EXPECT_EQ(url_origin("ftp://news.example/x"), "");
  EXPECT_EQ(url_origin("file:///etc/passwd"), "");
  EXPECT_EQ(url_origin("http:///nohost"), "");
}

TEST(Http, OnlyHttpAndHttpsAreFetched) {
  HttpClient http({.timeout_seconds = 1});
  auto r = http.get({.url = "file:///etc/hostname"});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().to_string(), "file:///etc/hostname: not an http or https URL");
}

TEST(Robots, TheNamedGroupElseTheStarGroupAndTheLongestRule) {
  const char* text =
      "# comments are ignored\n"
      "User-agent: *\n"
      "Disallow: /private/\n"
      "Allow: /private/open-\n"
      "Disallow: /*.pdf$\n"
      "\n"
      "User-agent: OtherBot\n"
      "Disallow: /\n";
  Robots r = Robots::parse(text, "assay/abc (feed reader)");
  EXPECT_TRUE(r.allowed("/news/a.html"));
  EXPECT_FALSE(r.allowed("/private/x.html"));
  EXPECT_TRUE(r.allowed("/private/open-letter.html")) << "the longer Allow wins";
  EXPECT_FALSE(r.allowed("/files/report.pdf"));
  EXPECT_TRUE(r.allowed("/files/report.pdf?page=2")) << "'$' anchors the end";
  Robots other = Robots::parse(text, "OtherBot/2.0");
  EXPECT_FALSE(other.allowed("/news/a.html"));
  Robots named = Robots::parse("User-agent: assay\nUser-agent: foo\nDisallow: /drafts\n\nUser-agent: *\nDisallow: /\n", "assay/1");
  EXPECT_TRUE(named.allowed("/news")) << "a group naming us replaces the * group";
  EXPECT_FALSE(named.allowed("/drafts/1"));
  EXPECT_TRUE(Robots::parse("User-agent: *\nDisallow:\n", "assay").allowed("/anything"));
  EXPECT_TRUE(Robots::allow_all().allowed("/x"));
  EXPECT_FALSE(Robots::disallow_all().allowed("/"));
}

}  // namespace
}  // namespace assay::app
