// Names and parsers of the kb enums (kb.h).
#include <array>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"
#include "assay/kb/kb.h"

namespace assay::kb {
namespace {

constexpr auto kElementSymbols = base::enum_names<Element>({
    {Element::kLa, "La"}, {Element::kCe, "Ce"}, {Element::kPr, "Pr"}, {Element::kNd, "Nd"},
    {Element::kSm, "Sm"}, {Element::kEu, "Eu"}, {Element::kGd, "Gd"}, {Element::kTb, "Tb"},
    {Element::kDy, "Dy"}, {Element::kHo, "Ho"}, {Element::kEr, "Er"}, {Element::kTm, "Tm"},
    {Element::kYb, "Yb"}, {Element::kLu, "Lu"}, {Element::kY, "Y"},   {Element::kSc, "Sc"},
});
static_assert(kElementSymbols.size() == kElementCount);
constexpr auto kStageNames = base::enum_names<Stage>({
    {Stage::kMining, "mining"},
    {Stage::kConcentration, "concentration"},
    {Stage::kCrackingLeaching, "cracking_leaching"},
    {Stage::kSeparation, "separation"},
    {Stage::kMetalAlloy, "metal_alloy"},
    {Stage::kMagnet, "magnet"},
    {Stage::kRecycling, "recycling"},
});
constexpr auto kUnitNames = base::enum_names<CapacityUnit>({
    {CapacityUnit::kTReo, "t REO"},
    {CapacityUnit::kTConcentrate, "t concentrate"},
    {CapacityUnit::kTNdPrOxide, "t NdPr oxide"},
    {CapacityUnit::kTSeparatedOxides, "t separated oxides"},
    {CapacityUnit::kTHeavyOxides, "t heavy oxides"},
    {CapacityUnit::kTMetal, "t metal"},
    {CapacityUnit::kTAlloy, "t alloy"},
    {CapacityUnit::kTMagnet, "t magnet"},
    {CapacityUnit::kTFeed, "t feed"},
});
constexpr auto kStatusNames = base::enum_names<FacilityStatus>({
    {FacilityStatus::kOperating, "operating"},
    {FacilityStatus::kCommissioning, "commissioning"},
    {FacilityStatus::kConstruction, "construction"},
    {FacilityStatus::kPlanned, "planned"},
    {FacilityStatus::kSuspended, "suspended"},
    {FacilityStatus::kClosed, "closed"},
});
constexpr auto kConfidenceNames = base::enum_names<Confidence>({
    {Confidence::kPrimary, "primary"},
    {Confidence::kSecondary, "secondary"},
    {Confidence::kEstimate, "estimate"},
});
constexpr auto kMeasureNames = base::enum_names<FigureMeasure>({
    {FigureMeasure::kMineProduction, "mine_production"},
    {FigureMeasure::kReserves, "reserves"},
    {FigureMeasure::kMagnetOutput, "magnet_output"},
});
constexpr auto kStateOwnedNames = base::enum_names<StateOwned>({
    {StateOwned::kNo, "no"},
    {StateOwned::kPartial, "partial"},
    {StateOwned::kYes, "yes"},
});
constexpr auto kPolicyTypeNames = base::enum_names<PolicyType>({
    {PolicyType::kExportControl, "export_control"},
    {PolicyType::kExportBan, "export_ban"},
    {PolicyType::kImportBan, "import_ban"},
    {PolicyType::kTechnologyExportBan, "technology_export_ban"},
    {PolicyType::kLicenceCondition, "licence_condition"},
    {PolicyType::kSuspension, "suspension"},
    {PolicyType::kSupplyDisruption, "supply_disruption"},
    {PolicyType::kProductionQuota, "production_quota"},
    {PolicyType::kSupport, "support"},
});
constexpr auto kPolicyStatusNames = base::enum_names<PolicyStatus>({
    {PolicyStatus::kAnnounced, "announced"},
    {PolicyStatus::kInForce, "in_force"},
    {PolicyStatus::kSuspended, "suspended"},
    {PolicyStatus::kLifted, "lifted"},
    {PolicyStatus::kExpired, "expired"},
});
constexpr auto kOutletTypeNames = base::enum_names<OutletType>({
    {OutletType::kWire, "wire"},
    {OutletType::kTrade, "trade"},
    {OutletType::kState, "state"},
    {OutletType::kNewsletter, "newsletter"},
    {OutletType::kBlog, "blog"},
    {OutletType::kNewspaper, "newspaper"},
    {OutletType::kBroadcaster, "broadcaster"},
    {OutletType::kMagazine, "magazine"},
});
constexpr auto kRiskScopeNames = base::enum_names<RiskScope>({
    {RiskScope::kStatus, "status"},
    {RiskScope::kCountry, "country"},
});
constexpr auto kEntityKindNames = base::enum_names<EntityKind>({
    {EntityKind::kCompany, "company"},
    {EntityKind::kFacility, "facility"},
    {EntityKind::kOutlet, "outlet"},
});
constexpr auto kRiskEventNames = base::enum_names<RiskEvent>({
    {RiskEvent::kOutage, "outage"},
    {RiskEvent::kDelay, "delay"},
    {RiskEvent::kRampShortfall, "ramp_shortfall"},
});

}  // namespace

const char* element_symbol(Element e) { return kElementSymbols.name(e); }
std::optional<Element> parse_element(std::string_view s) { return kElementSymbols.parse(s, base::Case::kIgnoreAscii); }

ElementSet ElementSet::light() {
  ElementSet s;
  for (Element e : {Element::kLa, Element::kCe, Element::kPr, Element::kNd}) s.add(e);
  return s;
}
ElementSet ElementSet::heavy() {
  ElementSet s;
  for (int i = static_cast<int>(Element::kSm); i <= static_cast<int>(Element::kY); ++i) s.add(static_cast<Element>(i));
  return s;
}

std::optional<ElementSet> parse_element_set(std::string_view s) {
  s = base::trim(s);
  if (s == "all") return ElementSet::all();
  if (s == "light") return ElementSet::light();
  if (s == "heavy") return ElementSet::heavy();
  ElementSet out;
  for (auto part : base::split(s, ';')) {
    part = base::trim(part);
    if (part == "light") {
      out.bits |= ElementSet::light().bits;
      continue;
    }
    if (part == "heavy") {
      out.bits |= ElementSet::heavy().bits;
      continue;
    }
    auto e = parse_element(part);
    if (!e) return std::nullopt;
    out.add(*e);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string element_set_string(ElementSet s) {
  if (s == ElementSet::all()) return "all";
  if (s == ElementSet::light()) return "light";
  if (s == ElementSet::heavy()) return "heavy";
  std::string out;
  for (int i = 0; i < kElementCount; ++i) {
    if (!s.has(static_cast<Element>(i))) continue;
    if (!out.empty()) out += ';';
    out += kElementSymbols.name(static_cast<Element>(i));
  }
  return out;
}

const char* stage_name(Stage s) { return kStageNames.name(s); }
std::optional<Stage> parse_stage(std::string_view s) { return kStageNames.parse(s); }

std::optional<StageSet> parse_stage_set(std::string_view s) {
  s = base::trim(s);
  if (s == "all") return StageSet::all();
  StageSet out;
  for (auto part : base::split(s, ';')) {
    auto st = parse_stage(base::trim(part));
    if (!st) return std::nullopt;
    out.add(*st);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

const char* capacity_unit_name(CapacityUnit u) { return kUnitNames.name(u); }
std::optional<CapacityUnit> parse_capacity_unit(std::string_view s) { return kUnitNames.parse(s); }
std::optional<CapacityUnit> parse_capacity_unit(std::string_view s, base::Case c) {
  return kUnitNames.parse(s, c);
}
const char* status_name(FacilityStatus s) { return kStatusNames.name(s); }
std::optional<FacilityStatus> parse_status(std::string_view s) { return kStatusNames.parse(s); }
const char* confidence_name(Confidence c) { return kConfidenceNames.name(c); }
std::optional<Confidence> parse_confidence(std::string_view s) {
  return kConfidenceNames.parse(s);
}
const char* measure_name(FigureMeasure m) { return kMeasureNames.name(m); }
std::optional<FigureMeasure> parse_measure(std::string_view s) { return kMeasureNames.parse(s); }
const char* state_owned_name(StateOwned s) { return kStateOwnedNames.name(s); }
std::optional<StateOwned> parse_state_owned(std::string_view s) {
  return kStateOwnedNames.parse(s);
}
const char* policy_type_name(PolicyType t) { return kPolicyTypeNames.name(t); }
std::optional<PolicyType> parse_policy_type(std::string_view s) {
  return kPolicyTypeNames.parse(s);
}
const char* policy_status_name(PolicyStatus s) { return kPolicyStatusNames.name(s); }
std::optional<PolicyStatus> parse_policy_status(std::string_view s) {
  return kPolicyStatusNames.parse(s);
}
const char* outlet_type_name(OutletType t) { return kOutletTypeNames.name(t); }
std::optional<OutletType> parse_outlet_type(std::string_view s) {
  return kOutletTypeNames.parse(s);
}
namespace {
constexpr auto kBalanceKindNames = base::enum_names<BalanceKind>({
    {BalanceKind::kRecovery, "recovery"},
    {BalanceKind::kStockpile, "stockpile"},
});
constexpr auto kValueBasisNames = base::enum_names<ValueBasis>({
    {ValueBasis::kSourced, "sourced"},
    {ValueBasis::kAssumed, "assumed"},
    {ValueBasis::kDerived, "derived"},
});
constexpr auto kPublishedMeasureNames = base::enum_names<PublishedMeasure>({
    {PublishedMeasure::kChinaShare, "china_share"},
    {PublishedMeasure::kMagnetOutput, "magnet_output"},
    {PublishedMeasure::kMagnetExports, "magnet_exports"},
});
}  // namespace

const char* balance_kind_name(BalanceKind k) { return kBalanceKindNames.name(k); }
std::optional<BalanceKind> parse_balance_kind(std::string_view s) { return kBalanceKindNames.parse(s); }
const char* value_basis_name(ValueBasis b) { return kValueBasisNames.name(b); }
std::optional<ValueBasis> parse_value_basis(std::string_view s) { return kValueBasisNames.parse(s); }
const char* published_measure_name(PublishedMeasure m) { return kPublishedMeasureNames.name(m); }
std::optional<PublishedMeasure> parse_published_measure(std::string_view s) { return kPublishedMeasureNames.parse(s); }

namespace {
constexpr auto kEstimateMeasureNames = base::enum_names<EstimateMeasure>({
    {EstimateMeasure::kResources, "resources"},
    {EstimateMeasure::kReserves, "reserves"},
});
constexpr auto kShareMeasureNames = base::enum_names<ShareMeasure>({
    {ShareMeasure::kOutput, "output"},
    {ShareMeasure::kCapacity, "capacity"},
    {ShareMeasure::kReserves, "reserves"},
});
constexpr auto kShareKindNames = base::enum_names<ShareKind>({
    {ShareKind::kReported, "reported"},
    {ShareKind::kProjection, "projection"},
    {ShareKind::kRange, "range"},
});
constexpr auto kShareScopeNames = base::enum_names<ShareScope>({
    {ShareScope::kWorld, "world"},
    {ShareScope::kOutsideChina, "outside_china"},
});
}  // namespace

const char* estimate_measure_name(EstimateMeasure m) { return kEstimateMeasureNames.name(m); }
std::optional<EstimateMeasure> parse_estimate_measure(std::string_view s) { return kEstimateMeasureNames.parse(s); }
const char* share_measure_name(ShareMeasure m) { return kShareMeasureNames.name(m); }
std::optional<ShareMeasure> parse_share_measure(std::string_view s) { return kShareMeasureNames.parse(s); }
const char* share_kind_name(ShareKind k) { return kShareKindNames.name(k); }
std::optional<ShareKind> parse_share_kind(std::string_view s) { return kShareKindNames.parse(s); }
const char* share_scope_name(ShareScope s) { return kShareScopeNames.name(s); }
std::optional<ShareScope> parse_share_scope(std::string_view s) { return kShareScopeNames.parse(s); }

const char* risk_scope_name(RiskScope s) { return kRiskScopeNames.name(s); }
std::optional<RiskScope> parse_risk_scope(std::string_view s) {
  return kRiskScopeNames.parse(s);
}
const char* risk_event_name(RiskEvent e) { return kRiskEventNames.name(e); }
std::optional<RiskEvent> parse_risk_event(std::string_view s) {
  return kRiskEventNames.parse(s);
}
const char* entity_kind_name(EntityKind k) { return kEntityKindNames.name(k); }
std::optional<EntityKind> parse_entity_kind(std::string_view s) { return kEntityKindNames.parse(s); }

std::string Provenance::row() const {
  std::string out = file;
  out += ':';
  out += std::to_string(line);
  return out;
}

}  // namespace assay::kb
