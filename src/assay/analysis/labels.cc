#include "assay/analysis/labels.h"

#include "assay/base/enum_names.h"

namespace assay::analysis {

namespace {
constexpr auto kNames = base::enum_names<Label>({
    {Label::kSourceNamed, "source.named"},
    {Label::kSourceAnonymous, "source.anonymous"},
    {Label::kSourceMedia, "source.media"},
    {Label::kConfirmOfficial, "confirm.official"},
    {Label::kConfirmAbsent, "confirm.absent"},
    {Label::kHedge, "hedge"},
    {Label::kIntent, "intent"},
    {Label::kVague, "vague"},
    {Label::kQuantity, "quantity"},
    {Label::kForecast, "forecast"},
    {Label::kOpinion, "opinion"},
    {Label::kPromo, "promo"},
});
static_assert(kNames.size() == kLabelCount);
}  // namespace

const char* label_name(Label l) { return kNames.name(l); }

std::optional<Label> parse_label(std::string_view s) { return kNames.parse(s); }

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
