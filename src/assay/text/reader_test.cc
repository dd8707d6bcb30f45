#include "assay/text/reader.h"

#include <gtest/gtest.h>

namespace assay::text {
namespace {

TEST(Reader, DetectsFormatFromNameAndContent) {
  EXPECT_EQ(detect_format("a.html", ""), Format::kHtml);
  EXPECT_EQ(detect_format("a.md", ""), Format::kMarkdown);
  EXPECT_EQ(detect_format("-", "{\"text\":\"x\"}\n{\"text\":\"y\"}\n"), Format::kJsonLines);
  EXPECT_EQ(detect_format("-", "{\"text\":\"x\"}"), Format::kJson);
  EXPECT_EQ(detect_format("-", "<!DOCTYPE html><html>"), Format::kHtml);
  EXPECT_EQ(detect_format("-", "Just words."), Format::kPlain);
}

TEST(Reader, PlainTextTakesHeadlineAndByline) {
  auto d = read_plain("China curbs exports\n\nBy Jane Roe\n\nBEIJING - China said on Monday it would curb exports.\n", "a.txt");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "China curbs exports");
  EXPECT_EQ(d->author, "Jane Roe");
  EXPECT_EQ(d->text, "BEIJING - China said on Monday it would curb exports.\n");
}

TEST(Reader, EmptyAndBinaryInputFailWithName) {
  auto e = read_plain("  \n", "empty.txt");
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().to_string(), "empty.txt: empty input: no text to read");
  auto b = read_documents(std::string_view("\x7f" "ELF\0\0\0\0", 8), {.name = "x.bin"});
  ASSERT_FALSE(b.has_value());
  EXPECT_NE(b.error().to_string().find("x.bin"), std::string::npos);
}

TEST(Reader, InvalidUtf8IsRepairedWithWarning) {
  auto d = read_plain("Lynas said caf\xe9 is open.", "bad.txt");
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_NE(d->warnings[0].find("bad.txt: byte 14"), std::string::npos);
  EXPECT_NE(d->text.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(Reader, MarkdownStripsMarkup) {
  auto d = read_markdown("---\ntitle: \"Quota\"\n---\n# Heading\n\nThe **ministry** said [quotas](http://x) rise.\n\n- one\n- two\n", "a.md");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Quota");
  EXPECT_EQ(d->text, "Heading\n\nThe ministry said quotas rise.\n\n- one\n\n- two");
}

TEST(Reader, JsonLinesGoesOnPastBadRecords) {
  std::string in =
      "{\"id\":\"a\",\"outlet\":\"Wire\",\"title\":\"T\",\"text\":\"One.\"}\n"
      "not json\n"
      "{\"id\":\"c\"}\n"
      "{\"id\":\"d\",\"html\":\"<html><body><p>Para one.</p><script>x()</script></body></html>\"}\n";
  ReadResult r = read_json_lines(in, "c.jsonl");
  ASSERT_EQ(r.documents.size(), 2u);
  EXPECT_EQ(r.documents[0].id, "a");
  EXPECT_EQ(r.documents[0].outlet, "Wire");
  EXPECT_EQ(r.documents[1].text, "Para one.");
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].where().line, 2);
  EXPECT_NE(r.errors[0].to_string().find("c.jsonl:2: not valid JSON"), std::string::npos);
  EXPECT_EQ(r.errors[1].to_string(), "c.jsonl:3: /text: record has neither a \"text\" nor an \"html\" string");
}

TEST(Reader, HtmlKeepsBodyDropsScriptsAndReadsMeta) {
  std::string html =
      "<html><head><title>Site | Story</title><meta property=\"og:title\" content=\"Story\">"
      "<meta name=\"author\" content=\"A. Writer\">"
      "<script type=\"application/ld+json\">{\"datePublished\":\"2025-06-01\"}</script></head>"
      "<body><nav>Home News</nav><article><h1>Story</h1><p>First   para.</p><!-- c --><p>Second <b>para</b>.</p>"
      "</article><script>var x=1;</script><footer>(c) Site</footer></body></html>";
  auto d = read_html(html, "s.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Story");
  EXPECT_EQ(d->author, "A. Writer");
  EXPECT_EQ(d->published, "2025-06-01");
  EXPECT_EQ(d->text, "Story\n\nFirst para.\n\nSecond para.");
}

TEST(Reader, DeeplyNestedHtmlDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  auto d = read_html(html, "deep.html");
  // Either text or a clear error; never a crash.
  if (!d) {
    EXPECT_NE(d.error().to_string().find("deep.html"), std::string::npos);
  }
}

}  // namespace
}  // namespace assay::text
