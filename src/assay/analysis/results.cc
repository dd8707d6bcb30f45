// The names of the result enums of analyzer.h (as assay.analysis/1 writes
// them) and the words of a knowledge-base fact.
#include <string>

#include "assay/analysis/analyzer.h"
#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis {

namespace {

constexpr auto kSourceKindNames = base::enum_names<SourceKind>({
    {SourceKind::kNamed, "named"},
    {SourceKind::kAnonymous, "anonymous"},
    {SourceKind::kMedia, "media"},
});

constexpr auto kEventTypeNames = base::enum_names<EventType>({
    {EventType::kJointVenture, "joint_venture"},
    {EventType::kTechnologyTransfer, "technology_transfer"},
    {EventType::kNewCapacity, "new_capacity"},
    {EventType::kCapacityLoss, "capacity_loss"},
    {EventType::kExportControl, "export_control"},
    {EventType::kImportBan, "import_ban"},
    {EventType::kOfftake, "offtake"},
    {EventType::kInvestment, "investment"},
    {EventType::kAcquisition, "acquisition"},
    {EventType::kPriceMove, "price_move"},
    {EventType::kPolicy, "policy"},
});

constexpr auto kEventStageNames = base::enum_names<EventStage>({
    {EventStage::kMining, "mining"},
    {EventStage::kProcessing, "processing"},
    {EventStage::kSeparation, "separation"},
    {EventStage::kMetal, "metal"},
    {EventStage::kMagnet, "magnet"},
    {EventStage::kRecycling, "recycling"},
    {EventStage::kEndUse, "end_use"},
    {EventStage::kFullChain, "full_chain"},
});

constexpr auto kEventStatusNames = base::enum_names<EventStatus>({
    {EventStatus::kConfirmed, "confirmed"},
    {EventStatus::kReported, "reported"},
    {EventStatus::kRumoured, "rumoured"},
    {EventStatus::kPlanned, "planned"},
    {EventStatus::kDenied, "denied"},
});

constexpr auto kLinkConfidenceNames = base::enum_names<LinkConfidence>({
    {LinkConfidence::kExactAlias, "exact_alias"},
    {LinkConfidence::kCompanyOnly, "company_only"},
    {LinkConfidence::kNone, "none"},
});

constexpr auto kFramingKindNames = base::enum_names<FramingKind>({
    {FramingKind::kLoadedWording, "loaded or evaluative wording"},
    {FramingKind::kGeopolitical, "geopolitical framing"},
    {FramingKind::kHeadlineSensationalism, "headline sensationalism"},
    {FramingKind::kPromotionalInterest, "promotional interest"},
});

constexpr auto kShiftUnitNames = base::enum_names<ShiftUnit>({
    {ShiftUnit::kShare, "%"},
    {ShiftUnit::kTonnes, "t"},
});

constexpr auto kClaimLevelNames = base::enum_names<ClaimLevel>({
    {ClaimLevel::kConfirmed, "confirmed"},
    {ClaimLevel::kNamedSources, "named_sources"},
    {ClaimLevel::kAnonymousOnly, "anonymous_only"},
    {ClaimLevel::kUnsourced, "unsourced"},
    {ClaimLevel::kRumoured, "rumoured"},
    {ClaimLevel::kDenied, "denied"},
});

}  // namespace

const char* source_kind_name(SourceKind k) { return kSourceKindNames.name(k); }
std::optional<SourceKind> parse_source_kind(std::string_view s) { return kSourceKindNames.parse(s); }
const char* event_type_name(EventType t) { return kEventTypeNames.name(t); }
std::optional<EventType> parse_event_type(std::string_view s) { return kEventTypeNames.parse(s); }
const char* event_stage_name(EventStage s) { return kEventStageNames.name(s); }
std::optional<EventStage> parse_event_stage(std::string_view s) { return kEventStageNames.parse(s); }
const char* event_status_name(EventStatus s) { return kEventStatusNames.name(s); }
std::optional<EventStatus> parse_event_status(std::string_view s) { return kEventStatusNames.parse(s); }
const char* claim_level_name(ClaimLevel l) { return kClaimLevelNames.name(l); }
std::optional<ClaimLevel> parse_claim_level(std::string_view s) { return kClaimLevelNames.parse(s); }
const char* link_confidence_name(LinkConfidence c) { return kLinkConfidenceNames.name(c); }
std::optional<LinkConfidence> parse_link_confidence(std::string_view s) { return kLinkConfidenceNames.parse(s); }
const char* framing_kind_name(FramingKind k) { return kFramingKindNames.name(k); }
std::optional<FramingKind> parse_framing_kind(std::string_view s) { return kFramingKindNames.parse(s); }
const char* shift_unit_name(ShiftUnit u) { return kShiftUnitNames.name(u); }
std::optional<ShiftUnit> parse_shift_unit(std::string_view s) { return kShiftUnitNames.parse(s); }

// Appended part by part into one string (it was five fmt::format calls and
// their strings, about 3,000 instructions a fact, for every kb link the
// JSON writes).
std::string fact_text(const KbFact& f) {
  std::string out;
  out.reserve(f.name.size() + f.country.size() + f.controlled_from.size() + 96);
  out += f.name;
  if (f.kind == kb::EntityKind::kCompany) {
    out += ": headquartered in ";
    out += f.country;
    out += "; state ownership: ";
    out += kb::state_owned_name(f.state_owned);
    return out;
  }
  out += ": ";
  out += kb::stage_name(f.stage);
  out += " in ";
  out += f.country;
  if (f.value && f.unit) {
    out += ", ";
    out += base::group_thousands(*f.value);
    out += ' ';
    out += kb::capacity_unit_name(*f.unit);
    out += " a year";
  } else {
    out += ", capacity not public";
  }
  out += ", ";
  out += kb::status_name(f.status);
  if (f.year) {
    out += " (";
    out += std::to_string(f.year);
    out += ')';
  }
  if (!f.controlled_from.empty()) {
    out += ", controlled from ";
    out += f.controlled_from;
  }
  return out;
}

std::string fact_row(const KbFact& f) { return f.provenance.row(); }

}  // namespace assay::analysis
