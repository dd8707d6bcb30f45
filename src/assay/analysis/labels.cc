#include "assay/analysis/labels.h"

namespace assay::analysis {

namespace {
constexpr std::array<const char*, kLabelCount> kNames = {
    "source.named", "source.anonymous", "source.media", "confirm.official", "confirm.absent", "hedge",
    "intent",       "vague",            "quantity",     "forecast",         "opinion",        "promo"};
}  // namespace

const char* label_name(Label l) {
  auto i = static_cast<std::size_t>(l);
  return i < kLabelCount ? kNames[i] : "?";
}

std::optional<Label> parse_label(std::string_view s) {
  for (std::size_t i = 0; i < kLabelCount; ++i)
    if (s == kNames[i]) return static_cast<Label>(i);
  return std::nullopt;
}

const std::array<Label, kLabelCount>& all_labels() {
  static const std::array<Label, kLabelCount> kAll = [] {
    std::array<Label, kLabelCount> a{};
    for (std::size_t i = 0; i < kLabelCount; ++i) a[i] = static_cast<Label>(i);
    return a;
  }();
  return kAll;
}

LabelList LabelSet::labels() const {
  LabelList out;
  for (Label l : all_labels())
    if (has(l)) out.items_[out.n_++] = l;
  return out;
}

}  // namespace assay::analysis
