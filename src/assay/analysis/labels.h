// analysis/labels: the sentence labels of LABELS.md (the contract between
// the analyzer and its evaluation) and the evidence that justifies each.
//
//   LabelSet s;
//   s.add(Label::kHedge);
//   if (s.has(Label::kHedge)) fmt::print("{}\n", label_name(Label::kHedge));  // "hedge"
//   for (Label l : s.labels()) ...
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/span.h"

namespace assay::analysis {

enum class Label : std::uint8_t {
  kSourceNamed,
  kSourceAnonymous,
  kSourceMedia,
  kConfirmOfficial,
  kConfirmAbsent,
  kHedge,
  kIntent,
  kVague,
  kQuantity,
  kForecast,
  kOpinion,
  kPromo,
  kCount
};
inline constexpr std::size_t kLabelCount = static_cast<std::size_t>(Label::kCount);

const char* label_name(Label l);                      // "source.named", ...
std::optional<Label> parse_label(std::string_view s);  // inverse of label_name
// Every label, in LABELS.md order.
const std::array<Label, kLabelCount>& all_labels();

// The labels of a LabelSet in LABELS.md order, held without allocating.
class LabelList {
 public:
  const Label* begin() const { return items_.data(); }
  const Label* end() const { return items_.data() + n_; }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }

 private:
  friend class LabelSet;
  std::array<Label, kLabelCount> items_{};
  std::uint8_t n_ = 0;
};

class LabelSet {
 public:
  void add(Label l) { bits_ |= bit(l); }
  void remove(Label l) { bits_ &= static_cast<std::uint16_t>(~bit(l)); }
  bool has(Label l) const { return (bits_ & bit(l)) != 0; }
  bool empty() const { return bits_ == 0; }
  LabelList labels() const;
  std::uint16_t bits() const { return bits_; }
  friend bool operator==(LabelSet, LabelSet) = default;

 private:
  static std::uint16_t bit(Label l) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(l)); }
  std::uint16_t bits_ = 0;
};

// Why a sentence carries a label: the cue text's span and what it is.
struct Evidence {
  Label label;
  base::Span span;    // the cue (or the source phrase) in the document text
  std::string cue;    // the lexicon category or rule that fired, e.g. "attr.anonymous"
  std::string note;   // a short human explanation, e.g. "source: people familiar with the matter"
};

}  // namespace assay::analysis
