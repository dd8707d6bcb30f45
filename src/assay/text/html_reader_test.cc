// Main-content extraction (html_reader.cc) on small pages written for the
// test: what is kept (headings, paragraphs in order), what is dropped
// (navigation, bylines, cookie banners, share bars, footers) and how broken
// bytes are repaired.
#include <gtest/gtest.h>

#include <string>

#include "assay/text/reader.h"

namespace assay::text {
namespace {

// Paragraphs long enough, and with enough commas, to read as prose. Under
// 500 characters of text the reader retries stripping less (as Readability
// does), so the boilerplate tests use five or more.
std::string prose(int n, const std::string& topic) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += "<p>" + topic + " " + std::to_string(i) +
           ": the ministry, which sets the quotas, said output would rise, exports would hold, and prices would ease.</p>";
  return out;
}

Document read(const std::string& html) {
  auto d = read_html(html, "page.html");
  EXPECT_TRUE(d.has_value()) << d.error().to_string();
  return d ? *d : Document{};
}

TEST(HtmlReader, HeadingsStayBetweenTheirParagraphsAndTheHeadlineIsTheTitle) {
  auto d = read("<html><head><title>Quotas rise</title></head><body><article><h1>Quotas rise</h1>" +
                prose(2, "Quotas") + "<h2>What it means for magnets</h2>" + prose(2, "Magnets") +
                "</article></body></html>");
  EXPECT_EQ(d.title, "Quotas rise");
  EXPECT_TRUE(d.text.starts_with("Quotas 0:")) << d.text;
  EXPECT_NE(d.text.find("Quotas 1: the ministry, which sets the quotas, said output would rise, exports would hold, "
                        "and prices would ease.\n\nWhat it means for magnets\n\nMagnets 0:"),
            std::string::npos)
      << d.text;
  EXPECT_TRUE(d.text.ends_with("Magnets 1: the ministry, which sets the quotas, said output would rise, exports would "
                               "hold, and prices would ease."))
      << d.text;
}

TEST(HtmlReader, BylineGoesToTheAuthorNotTheText) {
  auto d = read("<html><head><meta name=\"author\" content=\"Jane Roe\"></head><body><article>"
                "<div class=\"byline\">By Jane Roe, Staff Reporter</div>" +
                prose(6, "Story") + "</article></body></html>");
  EXPECT_EQ(d.author, "Jane Roe");
  EXPECT_EQ(d.text.find("Staff Reporter"), std::string::npos) << d.text;
  EXPECT_TRUE(d.text.starts_with("Story 0:")) << d.text;
}

TEST(HtmlReader, NavigationAndBoilerplateAreDropped) {
  auto d = read("<html><body><nav><a href=/>Home</a> <a href=/markets>Markets</a></nav>"
                "<div class=\"cookie-notice\">We use cookies, and so do our partners, to show you ads.</div>"
                "<main><div class=\"share-tools\"><a href=#>Share</a> <a href=#>Email</a></div>" +
                prose(6, "Body") +
                "<div class=\"newsletter-signup\">Sign up for our newsletter, it is free, weekly, and short.</div>"
                "</main><footer>Copyright 2025 Example Media. All rights reserved.</footer></body></html>");
  EXPECT_TRUE(d.text.starts_with("Body 0:")) << d.text;
  EXPECT_NE(d.text.find("Body 2:"), std::string::npos) << d.text;
  for (const char* junk : {"Home", "Markets", "cookies", "Share", "Email", "newsletter", "Copyright"})
    EXPECT_EQ(d.text.find(junk), std::string::npos) << junk << " in:\n" << d.text;
}

TEST(HtmlReader, EntitiesAreDecodedAndSpacesCollapsed) {
  auto d = read("<html><body><article><p>Lynas&rsquo;s   plant &amp; the  &ldquo;Kalgoorlie&rdquo; site, which "
                "opened in 2024, make oxide, carbonate, and metal.</p>" +
                prose(2, "More") + "</article></body></html>");
  EXPECT_TRUE(d.text.starts_with("Lynas\xE2\x80\x99s plant & the \xE2\x80\x9CKalgoorlie\xE2\x80\x9D site,")) << d.text;
}

TEST(HtmlReader, MojibakeBytesAreRepairedWithAWarningNamingThePage) {
  // Latin-1 bytes where UTF-8 was expected: the page is read as Windows-1252
  // and the warning names the page, the code page and the byte.
  auto d = read("<html><body><article><p>Rare earths from Sa\xF5o Paulo and Montr\xE9"
                "al, the traders said, would reach the ministry, the mills, and the ports.</p>" +
                prose(2, "More") + "</article></body></html>");
  ASSERT_FALSE(d.warnings.empty());
  EXPECT_NE(d.warnings[0].find("page.html"), std::string::npos) << d.warnings[0];
  EXPECT_NE(d.warnings[0].find("not UTF-8: read as Windows-1252"), std::string::npos) << d.warnings[0];
  EXPECT_NE(d.text.find("Saõo Paulo"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("Montréal"), std::string::npos) << d.text;
}

}  // namespace
}  // namespace assay::text
