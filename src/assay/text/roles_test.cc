#include "assay/text/roles.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "assay/text/reader.h"

namespace assay::text {
namespace {

// Each sentence with its role, as "role|text".
std::vector<std::string> roles_of(std::string_view text, const std::vector<Block>& blocks = {}) {
  Segmentation seg = segment(text);
  std::vector<SentenceRole> roles = sentence_roles(text, blocks, seg);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < seg.sentences.size(); ++i)
    out.push_back(std::string(sentence_role_name(roles[i])) + "|" + std::string(seg.sentences[i].span.of(text)));
  return out;
}

using V = std::vector<std::string>;

TEST(Roles, NamesRoundTrip) {
  for (SentenceRole r : {SentenceRole::kBody, SentenceRole::kHeading, SentenceRole::kByline, SentenceRole::kCaption, SentenceRole::kList})
    EXPECT_EQ(parse_sentence_role(sentence_role_name(r)), r);
  EXPECT_FALSE(parse_sentence_role("footer"));
}

TEST(Roles, SectionHeadingsAreHeadingsNotBody) {
  // Headings in several phrasings: a colon that introduces, Title Case,
  // a sentence-case label, a numbered section.
  EXPECT_EQ(roles_of("What's confirmed\n\nThe ministry confirmed the licence on Monday.\n\nHighlights:\n\nOutput rose."),
            (V{"heading|What's confirmed", "body|The ministry confirmed the licence on Monday.", "heading|Highlights:",
               "body|Output rose."}));
  EXPECT_EQ(roles_of("Why Gallium Matters To Chipmakers\n\nGallium is used in radar chips."),
            (V{"heading|Why Gallium Matters To Chipmakers", "body|Gallium is used in radar chips."}));
}

TEST(Roles, BylinesAndPublicationLines) {
  EXPECT_EQ(roles_of("By Hannah Okafor\n\nExports fell 34%, customs data show."),
            (V{"byline|By Hannah Okafor", "body|Exports fell 34%, customs data show."}));
  EXPECT_EQ(roles_of("By Yuka Obayashi and Melanie Burton\n\nStaff reporter\n\nPublished 14 March 2026\n\nThe mine reopened."),
            (V{"byline|By Yuka Obayashi and Melanie Burton", "byline|Staff reporter", "byline|Published 14 March 2026",
               "body|The mine reopened."}));
}

TEST(Roles, CaptionsAndReadMoreLines) {
  EXPECT_EQ(roles_of("The plant restarted.\n\nPhoto: Workers at the smelter in Oruro\n\nRead more: EU names 47 projects"),
            (V{"body|The plant restarted.", "caption|Photo: Workers at the smelter in Oruro",
               "caption|Read more: EU names 47 projects"}));
}

TEST(Roles, BulletItemsAreListItems) {
  EXPECT_EQ(roles_of("Highlights\n- First oxide produced on 2 April\n- Offtake talks ongoing\n• A third item"),
            (V{"heading|Highlights", "list|- First oxide produced on 2 April", "list|- Offtake talks ongoing",
               "list|• A third item"}));
}

TEST(Roles, NearMissesStayBody) {
  // A short sentence that ends with a full stop, a question, a sentence
  // that begins "By" but is prose, a price table row and a line that is part
  // of a longer paragraph are body text.
  EXPECT_EQ(roles_of("Prices fell.\n\nWhat happens next?\n\nBy the end of 2026, output will double.\n\n"
                     "NdPr oxide 99% | 562,000 | 568,000 | +6,000\n\nThe minister said the plan\nwould be tabled soon."),
            (V{"body|Prices fell.", "body|What happens next?", "body|By the end of 2026, output will double.",
               "body|NdPr oxide 99% | 562,000 | 568,000 | +6,000", "body|The minister said the plan\nwould be tabled soon."}));
  // A line alone, or the last line of a text, introduces nothing.
  EXPECT_EQ(roles_of("Rare earth prices surge as China tightens export rules"),
            (V{"body|Rare earth prices surge as China tightens export rules"}));
  EXPECT_EQ(roles_of("Output rose.\n\nRelated coverage"), (V{"body|Output rose.", "body|Related coverage"}));
  // A signed quote speaks: it is body text.
  EXPECT_EQ(roles_of("\xE2\x80\x9CWe will build it here,\xE2\x80\x9D \xE2\x80\x94 Amanda Lacaze, chief executive"),
            (V{"body|\xE2\x80\x9CWe will build it here,\xE2\x80\x9D \xE2\x80\x94 Amanda Lacaze, chief executive"}));
  // A heading-shaped phrase inside a paragraph is not a line of its own.
  EXPECT_EQ(roles_of("The ministry said. Highlights follow"), (V{"body|The ministry said.", "body|Highlights follow"}));
}

TEST(Roles, MarkupBlocksDecideWhereTheReaderSawThem) {
  // A heading the markup marked keeps its role even when it ends with a
  // full stop; a list item becomes a list item without a bullet.
  std::string text = "Supply is tight.\n\nThe plant restarted in May.\n\nOutput rose";
  std::vector<Block> blocks = {{base::Span{0, 16}, BlockKind::kHeading}, {base::Span{47, 58}, BlockKind::kListItem}};
  EXPECT_EQ(roles_of(text, blocks), (V{"heading|Supply is tight.", "body|The plant restarted in May.", "list|Output rose"}));
}

TEST(Roles, HtmlReaderMarksHeadingsAndListItems) {
  auto doc = read_html(
      "<html><head><title>Gallium exports fall</title></head><body><article>"
      "<p>China's exports of gallium fell by a third in October, according to customs figures released on Monday, "
      "the lowest since licensing began in 2023.</p>"
      "<h2>What the ministry said.</h2>"
      "<p>A spokesperson for the Ministry of Commerce said applications were handled in accordance with the law, "
      "and declined to comment on the October figure, which traders had expected.</p>"
      "<ul><li>Licences take about 45 days</li><li>Japan and Korea wait longest</li></ul>"
      "<p>Gallium is used in compound semiconductors and in the radar modules of some fighter jets, and Beijing "
      "added it to its export licensing list in August 2023 along with germanium.</p>"
      "</article></body></html>",
      "page.html");
  ASSERT_TRUE(doc.has_value());
  ASSERT_GE(doc->blocks.size(), 3u) << doc->text;
  EXPECT_EQ(doc->blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(doc->blocks[0].span.of(doc->text), "What the ministry said.");
  EXPECT_EQ(doc->blocks[1].kind, BlockKind::kListItem);
  EXPECT_EQ(doc->blocks[1].span.of(doc->text), "Licences take about 45 days");
  Segmentation seg = segment(doc->text);
  std::vector<SentenceRole> roles = sentence_roles(doc->text, doc->blocks, seg);
  int headings = 0, items = 0;
  for (auto r : roles) headings += r == SentenceRole::kHeading, items += r == SentenceRole::kList;
  EXPECT_EQ(headings, 1);
  EXPECT_EQ(items, 2);
}

}  // namespace
}  // namespace assay::text
