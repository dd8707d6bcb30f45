// data/labels.tsv: a row for every label the analyzer can emit, and colours
// that readers with any common colour-vision deficiency can tell apart.
#include "assay/report/labels.h"

#include <gtest/gtest.h>

#include <array>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace assay::report {
namespace {

TEST(LabelStyles, EveryLabelTheAnalyzerCanEmitHasARow) {
  auto styles = LabelStyles::load(base::EmbeddedData{});
  ASSERT_TRUE(styles) << styles.error().to_string();
  for (analysis::Label l : analysis::all_labels()) {
    const LabelStyle& s = styles->of(l);
    EXPECT_EQ(s.label, l);
    EXPECT_EQ(s.id, analysis::label_name(l));
    EXPECT_FALSE(s.name.empty()) << s.id;
    EXPECT_NE(s.name, s.id) << "a human name, not the id";
    EXPECT_GT(s.definition.size(), 20u) << s.id;
  }
  EXPECT_EQ(LabelStyles::embedded().of(analysis::Label::kHedge).name, "Hedged");
}

TEST(LabelStyles, ErrorsNameTheFileLineAndField) {
  const std::string head = "# comment\nlabel\tname\tcolor\tdefinition\n";
  std::string rows;
  for (analysis::Label l : analysis::all_labels()) rows += std::string(analysis::label_name(l)) + "\tName\t#aabbcc\tDefinition.\n";
  EXPECT_TRUE(LabelStyles::parse(head + rows, "labels.tsv"));
  auto e = LabelStyles::parse(head + rows + "rumour\tR\t#aabbcc\tx\n", "labels.tsv");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().to_string(), "labels.tsv:15: label: unknown label \"rumour\"");
  e = LabelStyles::parse(head + "hedge\tHedged\torange\tx\n", "labels.tsv");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().to_string().find("labels.tsv:3: color: colour \"orange\" is not #rrggbb"), std::string::npos) << e.error().to_string();
  e = LabelStyles::parse(head + "hedge\tHedged\t#aabbcc\tx\n", "labels.tsv");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().to_string().find("no row for label(s): source.named,"), std::string::npos) << e.error().to_string();
  e = LabelStyles::parse(head + rows + "hedge\tAgain\t#aabbcc\tx\n", "labels.tsv");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().to_string().find("second row"), std::string::npos);
  EXPECT_FALSE(LabelStyles::parse("hedge\tHedged\t#aabbcc\tx\n", "labels.tsv"));  // no header
}

// Colour science for the palette check: sRGB -> linear RGB, a simulated
// colour-vision deficiency (Machado, Oliveira and Fernandes 2009, severity
// 1), CIE L*a*b* (D65), and the CIE76 distance.
using Rgb = std::array<double, 3>;
Rgb linear(const std::string& hex) {
  Rgb out{};
  for (int i = 0; i < 3; ++i) {
    double c = std::stoi(hex.substr(1 + 2 * static_cast<std::size_t>(i), 2), nullptr, 16) / 255.0;
    out[static_cast<std::size_t>(i)] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return out;
}
using Matrix = std::array<Rgb, 3>;
constexpr std::array<Matrix, 4> kVision = {{
    {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},                                                                   // normal
    {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},  // protanopia
    {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},   // deuteranopia
    {{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},  // tritanopia
}};
Rgb lab(const Rgb& lin, const Matrix& m) {
  Rgb c{};
  for (std::size_t i = 0; i < 3; ++i) c[i] = std::clamp(m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2], 0.0, 1.0);
  double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
  double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
  auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}
double luminance(const Rgb& lin) { return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]; }

TEST(LabelStyles, ColoursAreDistinctForEveryCommonColourVisionAndReadable) {
  const auto& styles = LabelStyles::embedded().all();
  std::vector<std::pair<std::string, std::string>> colours;  // (id, #rrggbb), white last
  for (const auto& s : styles) colours.push_back({s.id, s.color});
  colours.push_back({"the white page", "#ffffff"});
  const char* vision[] = {"normal vision", "protanopia", "deuteranopia", "tritanopia"};
  for (std::size_t v = 0; v < kVision.size(); ++v)
    for (std::size_t i = 0; i < colours.size(); ++i)
      for (std::size_t j = i + 1; j < colours.size(); ++j) {
        Rgb a = lab(linear(colours[i].second), kVision[v]), b = lab(linear(colours[j].second), kVision[v]);
        double de = std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        EXPECT_GE(de, 10) << colours[i].first << " and " << colours[j].first << " look alike with " << vision[v];
      }
  // Dark text (#1d2430, the page's ink) on each colour: contrast 7:1 or more.
  double ink = luminance(linear("#1d2430"));
  for (const auto& s : styles) EXPECT_GE((luminance(linear(s.color)) + 0.05) / (ink + 0.05), 7.0) << s.id;
}

}  // namespace
}  // namespace assay::report
