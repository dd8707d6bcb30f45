// Names and parsers of the kb enums (kb.h).
#include <array>

#include "assay/base/strings.h"
#include "assay/kb/kb.h"

namespace assay::kb {
namespace {

template <typename E, std::size_t N>
std::optional<E> parse_name(std::string_view s, const std::array<const char*, N>& names) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<const char*, kElementCount> kElementSymbols = {
    "La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y", "Sc"};
constexpr std::array<const char*, kStageCount> kStageNames = {
    "mining", "concentration", "cracking_leaching", "separation", "metal_alloy", "magnet", "recycling"};
constexpr std::array<const char*, 9> kUnitNames = {
    "t REO", "t concentrate", "t NdPr oxide", "t separated oxides", "t heavy oxides",
    "t metal", "t alloy", "t magnet", "t feed"};
constexpr std::array<const char*, 6> kStatusNames = {
    "operating", "commissioning", "construction", "planned", "suspended", "closed"};
constexpr std::array<const char*, 3> kConfidenceNames = {"primary", "secondary", "estimate"};
constexpr std::array<const char*, 3> kMeasureNames = {"mine_production", "reserves", "magnet_output"};
constexpr std::array<const char*, 3> kStateOwnedNames = {"no", "partial", "yes"};
constexpr std::array<const char*, 9> kPolicyTypeNames = {
    "export_control", "export_ban", "import_ban", "technology_export_ban", "licence_condition",
    "suspension", "supply_disruption", "production_quota", "support"};
constexpr std::array<const char*, 5> kPolicyStatusNames = {"announced", "in_force", "suspended", "lifted",
                                                           "expired"};
constexpr std::array<const char*, 8> kOutletTypeNames = {
    "wire", "trade", "state", "newsletter", "blog", "newspaper", "broadcaster", "magazine"};
constexpr std::array<const char*, 2> kRiskScopeNames = {"status", "country"};
constexpr std::array<const char*, 3> kRiskEventNames = {"outage", "delay", "ramp_shortfall"};

}  // namespace

const char* element_symbol(Element e) { return kElementSymbols[static_cast<int>(e)]; }
std::optional<Element> parse_element(std::string_view s) {
  for (int i = 0; i < kElementCount; ++i)
    if (base::iequals_ascii(s, kElementSymbols[i])) return static_cast<Element>(i);
  return std::nullopt;
}

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
    out += kElementSymbols[i];
  }
  return out;
}

const char* stage_name(Stage s) { return kStageNames[static_cast<int>(s)]; }
std::optional<Stage> parse_stage(std::string_view s) { return parse_name<Stage>(s, kStageNames); }

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

const char* capacity_unit_name(CapacityUnit u) { return kUnitNames[static_cast<int>(u)]; }
std::optional<CapacityUnit> parse_capacity_unit(std::string_view s) {
  return parse_name<CapacityUnit>(s, kUnitNames);
}
const char* status_name(Status s) { return kStatusNames[static_cast<int>(s)]; }
std::optional<Status> parse_status(std::string_view s) { return parse_name<Status>(s, kStatusNames); }
const char* confidence_name(Confidence c) { return kConfidenceNames[static_cast<int>(c)]; }
std::optional<Confidence> parse_confidence(std::string_view s) {
  return parse_name<Confidence>(s, kConfidenceNames);
}
const char* measure_name(Measure m) { return kMeasureNames[static_cast<int>(m)]; }
std::optional<Measure> parse_measure(std::string_view s) { return parse_name<Measure>(s, kMeasureNames); }
const char* state_owned_name(StateOwned s) { return kStateOwnedNames[static_cast<int>(s)]; }
std::optional<StateOwned> parse_state_owned(std::string_view s) {
  return parse_name<StateOwned>(s, kStateOwnedNames);
}
const char* policy_type_name(PolicyType t) { return kPolicyTypeNames[static_cast<int>(t)]; }
std::optional<PolicyType> parse_policy_type(std::string_view s) {
  return parse_name<PolicyType>(s, kPolicyTypeNames);
}
const char* policy_status_name(PolicyStatus s) { return kPolicyStatusNames[static_cast<int>(s)]; }
std::optional<PolicyStatus> parse_policy_status(std::string_view s) {
  return parse_name<PolicyStatus>(s, kPolicyStatusNames);
}
const char* outlet_type_name(OutletType t) { return kOutletTypeNames[static_cast<int>(t)]; }
std::optional<OutletType> parse_outlet_type(std::string_view s) {
  return parse_name<OutletType>(s, kOutletTypeNames);
}
const char* risk_scope_name(RiskScope s) { return kRiskScopeNames[static_cast<int>(s)]; }
std::optional<RiskScope> parse_risk_scope(std::string_view s) {
  return parse_name<RiskScope>(s, kRiskScopeNames);
}
const char* risk_event_name(RiskEvent e) { return kRiskEventNames[static_cast<int>(e)]; }
std::optional<RiskEvent> parse_risk_event(std::string_view s) {
  return parse_name<RiskEvent>(s, kRiskEventNames);
}

}  // namespace assay::kb
