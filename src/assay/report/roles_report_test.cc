// Issue 12: page furniture (headings, bylines, captions) stays in the
// sentences with its role, is shown as such in Markdown and HTML, and never
// counts as a source, a confirmation or a claim. A page written for the test
// with "What's confirmed" and "Highlights" headings, a byline and a caption.
#include <gtest/gtest.h>

#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/report/critique.h"
#include "assay/text/reader.h"

namespace assay::report {
namespace {

using analysis::Label;
using text::SentenceRole;

constexpr const char* kPage =
    "<html><head><title>Lynas produces first dysprosium oxide in Malaysia</title></head><body><article>"
    "<h1>Lynas produces first dysprosium oxide in Malaysia</h1>"
    "<p class=\"byline\">By Hannah Okafor, Reuters</p>"
    "<p>Lynas Rare Earths said on Tuesday that its plant in Kuantan had produced its first dysprosium oxide, "
    "two people familiar with the matter said.</p>"
    "<h2>What's confirmed</h2>"
    "<p>The output could reach 1,500 tonnes a year by 2027, analysts said, though the figure may be lower.</p>"
    "<h2>Highlights: officials confirmed the plant, the ministry said</h2>"
    "<ul><li>First heavy rare earth separated outside China</li><li>Volumes remain small</li></ul>"
    "<p>Malaysia's trade ministry declined to comment.</p>"
    "</article></body></html>";

// The same story as plain text, with a byline and a caption line.
constexpr const char* kText =
    "Lynas produces first dysprosium oxide in Malaysia\n\n"
    "By Hannah Okafor\n\n"
    "Lynas Rare Earths said on Tuesday that its plant in Kuantan had produced its first dysprosium oxide, "
    "two people familiar with the matter said.\n\n"
    "What's confirmed\n\n"
    "The output could reach 1,500 tonnes a year by 2027, analysts said, though the figure may be lower.\n\n"
    "Photo: the ministry confirmed the licence in March, officials said\n\n"
    "Malaysia's trade ministry declined to comment.\n";

analysis::DocumentAnalysis analyze(const char* bytes, const char* name) {
  auto an = analysis::Analyzer::create(base::EmbeddedData{});
  EXPECT_TRUE(an.has_value());
  auto docs = text::read_documents(bytes, {.name = name});
  EXPECT_TRUE(docs.has_value());
  auto s = (*an)->new_scratch();
  return (*an)->analyze(docs->documents.front(), s);
}

std::string sentence_text(const analysis::DocumentAnalysis& a, std::size_t i) {
  return std::string(a.sentences[i].span.of(a.document.text));
}

void expect_furniture_counts_for_nothing(const analysis::DocumentAnalysis& a, int furniture_expected) {
  int furniture = 0;
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    if (!text::is_furniture(s.role)) continue;
    ++furniture;
    EXPECT_TRUE(s.labels.labels().empty()) << sentence_text(a, i);
    EXPECT_TRUE(s.attributions.empty()) << sentence_text(a, i);
    EXPECT_FALSE(s.claim) << sentence_text(a, i);
    for (const auto& e : a.events) {
      EXPECT_NE(e.sentence, i) << "an event from " << sentence_text(a, i);
    }
  }
  EXPECT_EQ(furniture, furniture_expected);
  // "What's confirmed" and "officials confirmed" in furniture are no confirmation.
  EXPECT_EQ(a.assessment.sourcing.official_confirmations, 0);
  EXPECT_EQ(a.assessment.sourcing.named, 1);      // Lynas Rare Earths said
  EXPECT_EQ(a.assessment.sourcing.anonymous, 2);  // two people familiar; analysts
  // The critique cites no furniture as evidence of anything.
  Critique c = build_critique(a);
  for (const auto& sec : c.sections)
    for (const auto& p : sec.points)
      for (const auto& e : p.evidence)
        if (e.sentence >= 0) {
          EXPECT_FALSE(text::is_furniture(a.sentences[static_cast<std::size_t>(e.sentence)].role)) << p.text;
        }
}

TEST(Roles, HeadingsAndBylinesNeverCountAsSourcesConfirmationsOrClaims) {
  auto page = analyze(kPage, "page.html");
  ASSERT_GE(page.sentences.size(), 6u);
  EXPECT_EQ(page.sentences[0].role, SentenceRole::kByline) << sentence_text(page, 0);
  int headings = 0;
  for (std::size_t i = 0; i < page.sentences.size(); ++i)
    if (page.sentences[i].role == SentenceRole::kHeading) {
      ++headings;
      EXPECT_TRUE(sentence_text(page, i).starts_with("What's confirmed") || sentence_text(page, i).starts_with("Highlights"))
          << sentence_text(page, i);
    }
  EXPECT_EQ(headings, 2);
  expect_furniture_counts_for_nothing(page, 3);
  auto plain = analyze(kText, "story.txt");
  bool caption = false;
  for (const auto& s : plain.sentences) caption |= s.role == SentenceRole::kCaption;
  EXPECT_TRUE(caption);
  expect_furniture_counts_for_nothing(plain, 2 + (plain.document.author.empty() ? 1 : 0));
}

TEST(Roles, MarkdownAndHtmlNameTheRoleOfAQuotedSentence) {
  auto page = analyze(kPage, "page.html");
  Critique c = build_critique(page);
  // A point quoting the heading and a list item, as a renderer would get it.
  std::size_t heading = 0, item = 0;
  for (std::size_t i = 0; i < page.sentences.size(); ++i) {
    if (page.sentences[i].role == SentenceRole::kHeading && !heading) heading = i;
    if (page.sentences[i].role == SentenceRole::kList) item = i;
  }
  ASSERT_GT(heading, 0u);
  ASSERT_GT(item, 0u);
  Point p{.text = "Test point", .evidence = {}};
  for (std::size_t i : {heading, item, std::size_t{1}})
    p.evidence.push_back({.sentence = static_cast<std::int64_t>(i), .span = page.sentences[i].span,
                          .fragment = sentence_text(page, i), .cue = "", .label = "", .kind = EvidenceKind::kCue});
  c.sections[0].points.push_back(p);
  std::string md = render_markdown(page, c);
  EXPECT_NE(md.find("(s" + std::to_string(heading + 1) + ", heading)"), std::string::npos) << md;
  EXPECT_NE(md.find("(s" + std::to_string(item + 1) + ", list item)"), std::string::npos) << md;
  EXPECT_NE(md.find("(s2)"), std::string::npos) << "body text carries no role note";
  std::string html = render_html(page, c);
  EXPECT_NE(html.find("<span class=\"s role-heading\" id=\"s" + std::to_string(heading + 1) + "\"><span class=\"role-tag\""),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"s role-byline\" id=\"s1\"><span class=\"role-tag\""), std::string::npos);
  EXPECT_NE(html.find(">byline</span>By Hannah Okafor"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#s" + std::to_string(heading + 1) + "\">s" + std::to_string(heading + 1) +
                      "</a> <span class=\"role-tag\">heading</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"s\" id=\"s2\""), std::string::npos) << "body text is not tagged";
}

// Markdown names the label a quote supports as the HTML legend does
// (data/labels.tsv), not by its id or the lexicon category.
TEST(Roles, MarkdownNamesLabelsAsTheLegendDoes) {
  auto page = analyze(kPage, "page.html");
  Critique c = build_critique(page);
  std::string md = render_markdown(page, c);
  const auto& styles = LabelStyles::embedded();
  EXPECT_NE(md.find("[" + styles.of(Label::kSourceAnonymous).name + "]"), std::string::npos) << md;
  EXPECT_NE(md.find("[" + styles.of(Label::kConfirmAbsent).name + "]"), std::string::npos) << md;
  for (const char* raw : {"[attr.verb]", "[confirm.absent]", "[source.anonymous]", "[quantity]", "[hedge]"})
    EXPECT_EQ(md.find(raw), std::string::npos) << raw;
}

}  // namespace
}  // namespace assay::report
