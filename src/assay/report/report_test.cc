#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "assay/analysis/analyzer.h"
#include "assay/report/critique.h"

namespace assay::report {
namespace {

TEST(Fragment, CutsAtWordsAroundTheFocus) {
  std::string t = "one two three four five six seven eight nine ten eleven twelve";
  base::Span s{0, static_cast<std::uint32_t>(t.size())};
  std::string f = fragment_around(t, s, {24, 27}, 20);
  EXPECT_NE(f.find("six"), std::string::npos);
  EXPECT_EQ(f.rfind("\u2026", 0), 0u);
  EXPECT_EQ(fragment_around(t, s, {0, 3}, 500), t);
}

TEST(Critique, SixSectionsWithEvidenceAndRenderers) {
  auto an = analysis::Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(an.has_value());
  text::Document d;
  d.title = "Groundbreaking deal";
  d.text = "Beijing is seeking to undercut Lynas, two people familiar with the matter said. "
           "The ministry declined to comment. China accounts for about 90% of refining capacity, according to the IEA.";
  auto s = (*an)->new_scratch();
  auto a = (*an)->analyze(d, s);
  Critique c = build_critique(a);
  ASSERT_EQ(c.sections.size(), 6u);
  const char* ids[] = {"highlights", "holds_true", "shadows", "bias", "supply_chain", "bottom_line"};
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(c.sections[i].id, ids[i]);
    EXPECT_FALSE(c.sections[i].points.empty()) << ids[i];
  }
  bool anonymous_point = false;
  for (const auto& p : c.sections[2].points)
    if (p.text.starts_with("Anonymous sourcing")) anonymous_point = !p.evidence.empty();
  EXPECT_TRUE(anonymous_point);
  std::string md = render_markdown(a, c);
  EXPECT_NE(md.find("## Where shadows appear"), std::string::npos);
  EXPECT_EQ(md.find("\x1b["), std::string::npos);
  EXPECT_NE(render_markdown(a, c, {.color = true}).find("\x1b["), std::string::npos);
  std::string js = render_json(a, c);
  EXPECT_EQ(js.rfind("{\"schema\":\"assay.analysis/2\"", 0), 0u);
  EXPECT_EQ(js.find('\n'), std::string::npos) << "compact JSON is one line (JSON Lines)";
  // Pretty, as an element one level deep (analyze --format json's array):
  // each line of the plain pretty output two spaces in, the claims and
  // mentions (written in fixed steps) too.
  ASSERT_FALSE(a.claims.empty());
  ASSERT_FALSE(a.entity_mentions.empty());
  const std::string pretty = render_json(a, c, 2);
  std::string nested = "  ";
  for (char ch : pretty) {
    nested += ch;
    if (ch == '\n') nested += "  ";
  }
  EXPECT_EQ(render_json(a, c, 2, 1), nested);
  EXPECT_EQ(render_json(a, c, -1, 1), js) << "one line: no depth";
  std::string html = render_html(a, c);
  EXPECT_NE(html.find("<mark class=\"l-intent\""), std::string::npos);
}

// Issue 10: Markdown and HTML numbered sentences from 1, JSON from 0. JSON
// now carries `number` beside `index`, and every citation, in every format,
// is that number.
TEST(Critique, EveryFormatCitesASentenceByTheSameNumber) {
  auto an = analysis::Analyzer::create(base::EmbeddedData{});
  ASSERT_TRUE(an.has_value());
  text::Document d;
  d.text = "Output rose last year. Two people familiar with the matter said talks could resume. "
           "The ministry declined to comment. China accounts for about 90% of refining capacity, according to the IEA. "
           "Analysts said prices may fall.";
  auto s = (*an)->new_scratch();
  auto a = (*an)->analyze(d, s);
  Critique c = build_critique(a);
  auto js = nlohmann::json::parse(render_json(a, c));
  ASSERT_EQ(js["sentences"].size(), a.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    EXPECT_EQ(js["sentences"][i]["index"], i);
    EXPECT_EQ(js["sentences"][i]["number"], i + 1);
  }
  std::string md = render_markdown(a, c);
  std::string html = render_html(a, c);
  int cited = 0;
  for (const auto& sec : c.sections)
    for (const auto& p : sec.points)
      for (const auto& e : p.evidence) {
        if (e.sentence < 0 || e.kind == EvidenceKind::kLead) continue;
        ++cited;
        auto number = js["sentences"][static_cast<std::size_t>(e.sentence)]["number"].get<int>();
        EXPECT_NE(md.find(fmt::format("\u201d (s{}", number)), std::string::npos) << number;
        EXPECT_NE(html.find(fmt::format("<a href=\"#s{0}\">s{0}</a>", number)), std::string::npos) << number;
        EXPECT_NE(html.find(fmt::format("<span class=\"s\" id=\"s{}\"", number)), std::string::npos) << number;
      }
  EXPECT_GE(cited, 3);
}

}  // namespace
}  // namespace assay::report
