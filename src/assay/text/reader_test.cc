#include "assay/text/reader.h"

#include <gtest/gtest.h>

#include <chrono>

#include "assay/text/html_prepare.h"

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
  // A Windows-1252 byte in otherwise ASCII text: the text is read as Windows-1252.
  auto d = read_plain("Lynas said caf\xe9 is open.", "bad.txt");
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "bad.txt: not UTF-8: read as Windows-1252 (1 byte sequence invalid as UTF-8, the first at byte 14)");
  EXPECT_NE(d->text.find("café is open"), std::string::npos) << d->text;
  // UTF-8 with a broken byte among good sequences stays UTF-8: U+FFFD for the broken byte.
  d = read_plain("Lynas said “café” is open in Montréal, \xe9 and São Paulo.", "bad.txt");
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_NE(d->warnings[0].find("bad.txt: byte 45: invalid UTF-8 replaced with U+FFFD"), std::string::npos) << d->warnings[0];
  EXPECT_NE(d->text.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(d->text.find("“café”"), std::string::npos);
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
  // The headline repeats the title: it is the title, not body text.
  EXPECT_EQ(d->text, "First para.\n\nSecond para.");
}

std::string article_paragraphs(int n, int from = 0) {
  std::string out;
  for (int i = from; i < from + n; ++i)
    out += "<p>Paragraph " + std::to_string(i) +
           " of the story says that the ministry, which sets quotas, will raise them, cut them, or hold them.</p>";
  return out;
}

TEST(Reader, HtmlKeepsArticleDropsBoilerplate) {
  std::string html =
      "<html><head><title>Quotas rise</title></head><body>"
      "<header><a href=/>Home</a> <a href=/world>World</a></header>"
      "<div class=\"cookie-banner\">We use cookies to improve your experience.</div>"
      "<div id=\"main\"><article><h1>Quotas rise</h1>"
      "<div class=\"share-bar\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>" +
      article_paragraphs(3) + "<h2>What comes next</h2>" + article_paragraphs(3, 3) +
      "<figure><img src=x.jpg><figcaption>A mine. Photo: Agency</figcaption></figure>"
      "<ul class=\"related-links\"><li><a href=/a>Another story about quotas</a></li>"
      "<li><a href=/b>And one more story</a></li></ul></article>"
      "<section id=\"comments\"><p>Great article, thanks, really, truly, a comment.</p></section></div>"
      "<aside><p>Most read: a list of other things, with commas, many, many commas.</p></aside>"
      "<footer>(c) 2025 Site. All rights reserved.</footer></body></html>";
  auto d = read_html(html, "a.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Quotas rise");
  EXPECT_EQ(d->text.find("Paragraph 0"), 0u) << d->text;
  EXPECT_NE(d->text.find("\n\nWhat comes next\n\n"), std::string::npos) << d->text;
  EXPECT_NE(d->text.find("Paragraph 5"), std::string::npos) << d->text;
  for (const char* junk : {"Home", "cookies", "Facebook", "Photo: Agency", "Another story", "Great article", "Most read",
                           "rights reserved"})
    EXPECT_EQ(d->text.find(junk), std::string::npos) << junk << " in:\n" << d->text;
}

TEST(Reader, HoverCardsInsideParagraphsAreDropped) {
  std::string card =
      "<span class=card><img src=p.jpg><a href=/p>Jane Roe</a> <a href=/1>Her latest story on tariffs</a> "
      "<a href=/2>And another one about magnets</a></span>";
  std::string html = "<html><body><article><p><span>The minister, <a href=/p>Jane Roe</a>" + card +
                     ", said quotas would rise next year, and exports would fall.</span></p>" + article_paragraphs(4) +
                     "</article></body></html>";
  auto d = read_html(html, "card.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->text.starts_with("The minister, Jane Roe, said quotas would rise next year")) << d->text;
  EXPECT_EQ(d->text.find("latest story"), std::string::npos) << d->text;
}

TEST(Reader, LongCommentThreadsAreNotTheArticle) {
  std::string comments;
  for (int i = 0; i < 12; ++i)
    comments += "<div class=comment><p>Reader " + std::to_string(i) +
                " writes: I disagree, strongly, because prices, quotas and exports all moved the other way.</p></div>";
  std::string html = "<html><body><div class=story>" + article_paragraphs(3) + "</div><div id=comments>" + comments +
                     "</div></body></html>";
  auto d = read_html(html, "c.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->text.find("Paragraph 2"), std::string::npos) << d->text;
  EXPECT_EQ(d->text.find("Reader"), std::string::npos) << d->text;
}

TEST(Reader, HtmlReadsAuthorsFromJsonLd) {
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\",\"headline\":\" Lynas expands \","
      "\"datePublished\":\"2025-03-04T10:00:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
      "{\"@type\":\"Person\",\"name\":\"Bo Chan\"},{\"name\":\"Ann Lee\"}],"
      "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Rare Earth Wire\"}}]}</script></head><body>" +
      article_paragraphs(2) + "</body></html>";
  auto d = read_html(html, "ld.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Lynas expands");
  EXPECT_EQ(d->author, "Ann Lee, Bo Chan");
  EXPECT_EQ(d->published, "2025-03-04T10:00:00Z");
  EXPECT_EQ(d->outlet, "Rare Earth Wire");
}

TEST(Reader, HtmlMetadataIsWhatAReaderWouldWrite) {
  std::string html =
      "<html><head><title>Quotas rise | Mining Weekly</title>"
      "<meta property=\"og:site_name\" content=\"Mining Weekly\">"
      "<meta name=\"author\" content=\"By  Jane   Roe\">"
      "<meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\">"
      "<link rel=\"canonical\" href=\"https://example.com/quotas\"></head><body>"
      "<time datetime=\"2025-06-02T08:00:00Z\">2 June</time>" +
      article_paragraphs(2) + "</body></html>";
  auto d = read_html(html, "m.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Quotas rise");
  EXPECT_EQ(d->author, "Jane Roe");
  EXPECT_EQ(d->published, "2025-06-02T08:00:00Z");  // the placeholder date is skipped
  EXPECT_EQ(d->outlet, "Mining Weekly");
  EXPECT_EQ(d->url, "https://example.com/quotas");
}

TEST(Reader, ScriptRenderedPageFallsBackToJsonLdBody) {
  std::string html =
      "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":"
      "\"China tightened export controls on seven rare earths.\\nLynas said   it would ship more.\"}</script>"
      "</head><body><div id=app>Loading</div></body></html>";
  auto d = read_html(html, "spa.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->text, "China tightened export controls on seven rare earths.\n\nLynas said it would ship more.");
}

TEST(Reader, LineBreaksAndParagraphBreaks) {
  std::string html = "<html><body><div class=story>" + article_paragraphs(3) +
                     "<div>Line one<br>line two<br><br>  <br>Next paragraph, after two breaks.</div></div></body></html>";
  auto d = read_html(html, "br.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->text.ends_with("\n\nLine one\nline two\n\nNext paragraph, after two breaks.")) << d->text;
}

TEST(Reader, TitleLosesTheSiteNamedByItsHost) {
  std::string html =
      "<html><head><title>Lynas ships first heavy rare earths - MiningNews</title>"
      "<meta property=\"og:url\" content=\"https://www.miningnews.net/story/1\"></head><body>" +
      article_paragraphs(2) + "</body></html>";
  auto d = read_html(html, "t.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->title, "Lynas ships first heavy rare earths");
  EXPECT_EQ(d->url, "https://www.miningnews.net/story/1");
}

TEST(Reader, InvalidUtf8InHtmlIsRepairedWithWarning) {
  std::string html = "<html><body><p>Caf\xe9 owners said the ministry, which sets quotas, would raise them.</p></body></html>";
  auto d = read_html(html, "bad.html");
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "bad.html: not UTF-8: read as Windows-1252 (1 byte sequence invalid as UTF-8, the first at byte 18)");
  EXPECT_TRUE(d->text.starts_with("Café owners")) << d->text;
}

TEST(Reader, TruncatedHtmlKeepsWhatArrived) {
  std::string html = "<html><body><article>" + article_paragraphs(4) + "<p>The last para";
  auto d = read_html(html, "cut.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->text.find("Paragraph 3"), std::string::npos);
  EXPECT_TRUE(d->text.ends_with("The last para")) << d->text;
}

TEST(Reader, HtmlWithoutTextIsAnErrorNamingTheFile) {
  auto d = read_html("<html><body><nav><a href=/>Home</a></nav><script>x()</script></body></html>", "nav.html");
  ASSERT_FALSE(d.has_value());
  EXPECT_EQ(d.error().to_string(), "nav.html: HTML page has no body text");
}

// Regression: 100,000 nested lists or tables left 100,000 empty siblings at
// the nesting cap, and every short ancestor walked them all (6 s).
TEST(Reader, DeepListsAndTablesAreFast) {
  for (std::string_view open : {"<ul><li>", "<table><tr><td>"}) {
    std::string html;
    for (int i = 0; i < 100000; ++i) html += open;
    html += "deep";
    auto start = std::chrono::steady_clock::now();
    auto d = read_html(html, "deep.html");
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(d.has_value()) << d.error().to_string();
    EXPECT_EQ(d->text, "deep");
    EXPECT_LT(seconds, 5.0) << open;
  }
}

TEST(HtmlPrepare, CapsDepthKeepsText) {
  EXPECT_EQ(prepare_html("<div><p>a</p></div>", 4), "<div><p>a</p></div>");
  EXPECT_EQ(prepare_html("<div><div><div>x</div></div></div>", 2), "<div><div>x</div></div>");
  // Raw text and void elements do not count.
  EXPECT_EQ(prepare_html("<div><textarea>'<div><div>'</textarea><br><img><b>y</b></div>", 2),
            "<div><textarea>'<div><div>'</textarea><br><img><b>y</b></div>");
  // Unclosed paragraphs close each other; quoted '>' stays inside the tag.
  EXPECT_EQ(prepare_html("<p>1<p>2<p>3<a class=\"a>b\">z</a>", 2), "<p>1<p>2<p>3<a class=\"a>b\">z</a>");
}

TEST(HtmlPrepare, KeepsOnlyTheAttributesTheReaderUses) {
  EXPECT_EQ(prepare_html("<div data-x='{\"a\":1}' class=\"story body\" onclick=go() ID=main style=\"color:red\">t</div>", 64),
            "<div class=\"story body\" ID=main>t</div>");
  EXPECT_EQ(prepare_html("<p style=\"display: none\" hidden aria-hidden='true'>t<br/></p>", 64),
            "<p style=\"display: none\" hidden aria-hidden='true'>t<br/></p>");
  EXPECT_EQ(prepare_html("<meta property=\"og:title\" content=\"T\" data-k=1><img src=x alt=y>", 64),
            "<meta property=\"og:title\" content=\"T\"><img>");
  // Metadata the reader does not read, and links other than the canonical one, go.
  EXPECT_EQ(prepare_html("<meta name=viewport content=x><meta charset=utf-8><link rel=preload href=a.js>"
                         "<link rel=\"canonical\" href=\"https://x/1\"><meta content=\"Ann\" name=\"Author\">", 64),
            "<link rel=\"canonical\" href=\"https://x/1\"><meta content=\"Ann\" name=\"Author\">");
  // Whitespace runs are cut to their first character.
  EXPECT_EQ(prepare_html("<p>a \n\n  b</p>\n\n<p>c</p>", 64), "<p>a b</p>\n<p>c</p>");
  // A truncated tag is left for the parser.
  EXPECT_EQ(prepare_html("<p>a</p><div class=\"x", 64), "<p>a</p><div class=\"x");
}

TEST(HtmlPrepare, DropsWhatIsNeverText) {
  EXPECT_EQ(prepare_html("<p>a<!-- <p>c --><script>if (a<b) x('</p>')</script>b</p>", 64), "<p>ab</p>");
  EXPECT_EQ(prepare_html("<STYLE>p{}</STYLE><svg><g><text>1</text></g></svg><template><p>t</template>x", 64), "x");
  // JSON-LD stays: it carries title, author and date.
  std::string ld = "<script type=\"application/ld+json\">{\"a\":\"</p>\"}</script>";
  EXPECT_EQ(prepare_html(ld, 64), ld);
  // Unterminated: dropped to the end.
  EXPECT_EQ(prepare_html("<p>a</p><script>var x = '<p>", 64), "<p>a</p>");
  EXPECT_EQ(prepare_html("<p>a</p><!-- never closed <p>b", 64), "<p>a</p>");
  EXPECT_EQ(prepare_html("<p>a<!-->b<!--->c</p><!-- x -->", 64), "<p>abc</p>");
}

TEST(Reader, HugeFlatHtmlIsRead) {
  std::string html = "<html><body><article>" + article_paragraphs(20000) + "</article></body></html>";
  auto d = read_html(html, "huge.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->text.find("Paragraph 19999"), std::string::npos);
  EXPECT_TRUE(d->warnings.empty());
}

TEST(Reader, MarkupBeyondTheLimitIsNotReadAndSaysSo) {
  std::string html = "<html><body><article>" + article_paragraphs(160000) + "</article></body></html>";  // 18 MB
  auto d = read_html(html, "huge.html");
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(d->text.find("Paragraph 0 "), std::string::npos);
  EXPECT_EQ(d->text.find("Paragraph 159999"), std::string::npos);
  ASSERT_EQ(d->warnings.size(), 1u);
  EXPECT_EQ(d->warnings[0], "huge.html: HTML markup beyond 16 MiB (scripts and styles aside) was not read");
}

TEST(Reader, CapTextCutsAtABlankAndSaysSo) {
  Document d;
  d.source = "long.txt";
  d.text = "alpha beta gamma delta";
  EXPECT_FALSE(cap_text(d, 100));
  EXPECT_TRUE(cap_text(d, 13));  // "alpha beta ga|mma": cut after the blank
  EXPECT_EQ(d.text, "alpha beta ");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0], "long.txt: text beyond 0 MiB was not analysed (22 bytes in all)");
  // No blank: the cut falls on a character boundary, not inside "\xC3\xA9".
  Document e;
  e.text = "\xC3\xA9\xC3\xA9\xC3\xA9";
  EXPECT_TRUE(cap_text(e, 3));
  EXPECT_EQ(e.text, "\xC3\xA9");
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
