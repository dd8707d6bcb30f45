// report/labels: how the sentence labels (analysis/labels.h) are shown to
// readers: a human name, a one-line definition and a highlight colour per
// label, read from one data file, data/labels.tsv, that every renderer (and
// later the web app) reads. `--data DIR` overrides it like any data file.
//
//   auto styles = report::LabelStyles::load(data);           // Result
//   const report::LabelStyle& s = styles->of(analysis::Label::kHedge);
//   fmt::print("{} ({}): {}\n", s.name, s.color, s.definition);  // Hedged (#f0e442): ...
//   const auto& builtin = report::LabelStyles::embedded();   // the copy compiled in
//
// The file is TSV with a header line "label name color definition";
// lines starting with '#' are comments. Every label the analyzer emits needs
// exactly one row; colours are #rrggbb.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "assay/analysis/labels.h"
#include "assay/base/data_source.h"
#include "assay/base/error.h"

namespace assay::report {

inline constexpr const char* kLabelsFile = "labels.tsv";

struct LabelStyle {
  analysis::Label label = analysis::Label::kSourceNamed;
  std::string id;          // "source.named", as analysis::label_name gives it
  std::string name;        // "Named source"
  std::string color;       // "#6fbfec": a light background under dark text
  std::string definition;  // one sentence
};

class LabelStyles {
 public:
  // Parses the file's text; errors name `file`, the line and the field.
  static base::Result<LabelStyles> parse(std::string_view tsv, std::string_view file);
  // Reads kLabelsFile from `data`.
  static base::Result<LabelStyles> load(const base::DataSource& data);
  // The embedded data/labels.tsv, parsed once (the build's tests check it).
  static const LabelStyles& embedded();

  const LabelStyle& of(analysis::Label l) const { return styles_[static_cast<std::size_t>(l)]; }
  // Every label's style, in LABELS.md order.
  const std::array<LabelStyle, analysis::kLabelCount>& all() const { return styles_; }

 private:
  std::array<LabelStyle, analysis::kLabelCount> styles_;
};

}  // namespace assay::report
