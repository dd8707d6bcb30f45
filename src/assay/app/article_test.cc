// The output contract of `assay analyze` (issue 10, item 3): how the formats
// render and how several documents share one stream.
#include "assay/app/article.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace assay::app {
namespace {

std::string lay_out(Layout layout, const std::vector<std::string>& docs, std::vector<bool>* accepted = nullptr) {
  std::string out;
  StreamWriter w(layout, [&](std::string_view s) { out.append(s); });
  for (const auto& d : docs) {
    bool ok = w.add(d);
    if (accepted) accepted->push_back(ok);
  }
  w.finish();
  return out;
}

TEST(OutputPlan, FormatsAndDefaults) {
  auto md = output_plan("", false);
  ASSERT_TRUE(md);
  EXPECT_EQ(md->render.format, report::OutputFormat::kMarkdown);
  EXPECT_EQ(md->layout, Layout::kSections);
  EXPECT_STREQ(md->extension, ".md");
  auto lines = output_plan("", true);  // JSON Lines in: JSON Lines out
  ASSERT_TRUE(lines);
  EXPECT_EQ(lines->render.format, report::OutputFormat::kJson);
  EXPECT_EQ(lines->render.json_indent, -1);
  EXPECT_EQ(lines->layout, Layout::kLines);
  EXPECT_STREQ(lines->extension, ".json");
  auto json = output_plan("json", true);  // an explicit format wins
  ASSERT_TRUE(json);
  EXPECT_EQ(json->render.json_indent, 2);
  EXPECT_EQ(json->layout, Layout::kDocument);
  EXPECT_STREQ(json->extension, ".json");
  auto html = output_plan("html", false);
  ASSERT_TRUE(html);
  EXPECT_EQ(html->layout, Layout::kSingle);
  EXPECT_STREQ(html->extension, ".html");
  EXPECT_FALSE(output_plan("pdf", false));
}

TEST(StreamWriter, JsonIsOneObjectForOneDocument) {
  EXPECT_EQ(lay_out(Layout::kDocument, {"{\n  \"a\": 1\n}"}), "{\n  \"a\": 1\n}\n");
}

TEST(StreamWriter, JsonIsAnIndentedArrayForSeveral) {
  EXPECT_EQ(lay_out(Layout::kDocument, {"{\n  \"a\": 1\n}", "{\n  \"a\": 2\n}", "{}"}),
            "[\n  {\n    \"a\": 1\n  },\n  {\n    \"a\": 2\n  },\n  {}\n]\n");
}

TEST(StreamWriter, JsonIsAnEmptyArrayForNone) { EXPECT_EQ(lay_out(Layout::kDocument, {}), "[]\n"); }

TEST(StreamWriter, JsonLinesIsOneLinePerDocument) {
  EXPECT_EQ(lay_out(Layout::kLines, {"{\"a\":1}", "{\"a\":2}"}), "{\"a\":1}\n{\"a\":2}\n");
  EXPECT_EQ(lay_out(Layout::kLines, {}), "");
}

TEST(StreamWriter, MarkdownSeparatesDocumentsWithARule) {
  EXPECT_EQ(lay_out(Layout::kSections, {"# one\n", "# two\n"}), "# one\n\n---\n\n# two\n");
}

TEST(StreamWriter, HtmlTakesOnePageAndRefusesASecond) {
  EXPECT_EQ(lay_out(Layout::kSingle, {"<html>1</html>\n"}), "<html>1</html>\n");
  std::vector<bool> accepted;
  EXPECT_EQ(lay_out(Layout::kSingle, {"<html>1</html>\n", "<html>2</html>\n", "<html>3</html>\n"}, &accepted), "")
      << "nothing is written once a second page was refused";
  EXPECT_EQ(accepted, (std::vector<bool>{true, false, false}));
}

TEST(StreamWriter, IndentedElementsLayOutAsPlainOnes) {
  // The same documents as render() gives them at json_depth 0 and at 1: the
  // array is the same, and a lone document is written back at depth 0.
  const std::vector<std::string> plain = {"{\n  \"a\": [\n    1\n  ]\n}", "{\n  \"b\": 2\n}", "{}"};
  const std::vector<std::string> nested = {"  {\n    \"a\": [\n      1\n    ]\n  }", "  {\n    \"b\": 2\n  }", "  {}"};
  for (std::size_t n = 0; n <= plain.size(); ++n) {
    std::string out;
    StreamWriter w(Layout::kDocument, [&](std::string_view s) { out.append(s); }, /*indented_elements=*/true);
    for (std::size_t i = 0; i < n; ++i) w.add(nested[i]);
    w.finish();
    EXPECT_EQ(out, lay_out(Layout::kDocument, std::vector<std::string>(plain.begin(), plain.begin() + static_cast<long>(n))))
        << n << " documents";
  }
}

TEST(StreamWriter, WritesAsItGoes) {
  // Only the first document is held (until a second shows the layout is an
  // array); later ones are written when added, not at the end.
  std::string out;
  StreamWriter w(Layout::kDocument, [&](std::string_view s) { out.append(s); });
  w.add("{}");
  EXPECT_EQ(out, "");
  w.add("{}");
  EXPECT_EQ(out, "[\n  {},\n  {}");
  w.add("{}");
  EXPECT_EQ(out, "[\n  {},\n  {},\n  {}");
  w.finish();
  EXPECT_EQ(out, "[\n  {},\n  {},\n  {}\n]\n");
  EXPECT_EQ(w.documents(), 3u);
}

}  // namespace
}  // namespace assay::app
