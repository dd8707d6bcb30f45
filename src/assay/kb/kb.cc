// Kb lookups, the alias index and the country list (kb.h).
#include "assay/kb/kb.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <iterator>

#include "assay/base/strings.h"

namespace assay::kb {

namespace {

// `name`'s AliasIndex key, written in `buf` when the name fits there (the key
// is never longer than the name), else in `spill`: no string for most names.
template <std::size_t N>
std::string_view normalized_key(std::string_view name, char (&buf)[N], std::string& spill) {
  if (name.size() <= N) return std::string_view(buf, AliasIndex::normalize_to(name, buf));
  spill = AliasIndex::normalize(name);
  return spill;
}

struct CountryCode {
  std::string_view name;
  std::string_view iso3;
};

// Sorted by name.
constexpr CountryCode kCountries[] = {
    {"Angola", "AGO"},        {"Argentina", "ARG"},      {"Australia", "AUS"},
    {"Austria", "AUT"},       {"Azerbaijan", "AZE"},     {"Belgium", "BEL"},        {"Brazil", "BRA"},
    {"Burundi", "BDI"},       {"Canada", "CAN"},         {"Chile", "CHL"},
    {"China", "CHN"},         {"Estonia", "EST"},        {"France", "FRA"},
    {"Germany", "DEU"},       {"Greenland", "GRL"},      {"Hong Kong", "HKG"},
    {"India", "IND"},         {"Indonesia", "IDN"},      {"Japan", "JPN"},
    {"Kazakhstan", "KAZ"},    {"Laos", "LAO"},           {"Madagascar", "MDG"},
    {"Malawi", "MWI"},        {"Malaysia", "MYS"},       {"Myanmar", "MMR"},
    {"Netherlands", "NLD"},   {"Nigeria", "NGA"},        {"Norway", "NOR"},
    {"Other", "OTH"},         {"Philippines", "PHL"},    {"Qatar", "QAT"},
    {"Russia", "RUS"},        {"Saudi Arabia", "SAU"},   {"Singapore", "SGP"},
    {"South Africa", "ZAF"},  {"South Korea", "KOR"},    {"Sweden", "SWE"},
    {"Switzerland", "CHE"},   {"Taiwan", "TWN"},         {"Tanzania", "TZA"},
    {"Thailand", "THA"},      {"Turkey", "TUR"},         {"Uganda", "UGA"},
    {"United Arab Emirates", "ARE"}, {"United Kingdom", "GBR"}, {"United States", "USA"},
    {"Uzbekistan", "UZB"},    {"Vietnam", "VNM"},        {"World", "WLD"},
};

template <typename Map, typename T>
const T* find_in(const Map& ids, const std::vector<T>& v, std::string_view id) {
  auto it = ids.find(id);
  if (it == ids.end() || it->second >= v.size()) return nullptr;
  return &v[it->second];
}

}  // namespace

std::optional<std::string_view> country_iso3(std::string_view name) {
  for (const auto& c : kCountries)
    if (c.name == name) return c.iso3;
  return std::nullopt;
}

std::optional<std::string_view> canonical_country(std::string_view name) {
  static constexpr CountryCode kAliases[] = {
      {"burma", "Myanmar"},          {"us", "United States"},      {"u s", "United States"},
      {"usa", "United States"},      {"u s a", "United States"},   {"united states of america", "United States"},
      {"america", "United States"},  {"prc", "China"},             {"people s republic of china", "China"},
      {"mainland china", "China"},   {"korea", "South Korea"},     {"republic of korea", "South Korea"},
      {"rok", "South Korea"},        {"uk", "United Kingdom"},     {"u k", "United Kingdom"},
      {"britain", "United Kingdom"}, {"great britain", "United Kingdom"}, {"lao pdr", "Laos"},
      {"viet nam", "Vietnam"},       {"russian federation", "Russia"}, {"uae", "United Arab Emirates"},
      {"holland", "Netherlands"},    {"turkiye", "Turkey"},
  };
  // The countries' names normalised once; the name asked about normalised
  // into a buffer on the stack (this runs for every facility an event is
  // matched against: 49 normalised names and a std::string a call before).
  static const auto kKeys = [] {
    std::array<std::string, std::size(kCountries)> k;
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = AliasIndex::normalize(kCountries[i].name);
    return k;
  }();
  char buf[64];
  std::string long_key;
  const std::string_view key = normalized_key(name, buf, long_key);
  for (std::size_t i = 0; i < std::size(kCountries); ++i) {
    if (kKeys[i] == key) return kCountries[i].name;
    if (base::iequals_ascii(kCountries[i].iso3, name)) return kCountries[i].name;
  }
  for (const auto& a : kAliases)
    if (a.name == key) return a.iso3;
  return std::nullopt;
}

// ---------------------------------------------------------------- AliasIndex

std::size_t AliasIndex::normalize_to(std::string_view name, char* out) {
  std::size_t n = 0;
  bool space = false;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    bool keep = base::is_ascii_alpha(c) || base::is_ascii_digit(c) || c == '&' || u >= 0x80;
    if (!keep) {
      space = n != 0;
      continue;
    }
    if (space) out[n++] = ' ';
    space = false;
    out[n++] = base::lower_ascii(c);
  }
  return n;
}

std::string AliasIndex::normalize(std::string_view name) {
  std::string out;
  // The key is never longer than the name: a space is written only for a
  // dropped byte before a kept one.
  out.resize_and_overwrite(name.size(), [&](char* p, std::size_t) { return normalize_to(name, p); });
  return out;
}

void AliasIndex::clear() { entries_.clear(); }

void AliasIndex::add(std::string_view name, EntityRef ref) {
  std::string key = normalize(name);
  if (!key.empty()) entries_.emplace_back(std::move(key), ref);
}

void AliasIndex::finish() {
  auto less = [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.kind != b.second.kind) return a.second.kind < b.second.kind;
    return a.second.index < b.second.index;
  };
  std::sort(entries_.begin(), entries_.end(), less);
  entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
}

std::vector<EntityRef> AliasIndex::find(std::string_view name) const {
  char buf[128];
  std::string long_key;
  const std::string_view key = normalized_key(name, buf, long_key);
  std::vector<EntityRef> out;
  auto it = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const auto& e, std::string_view k) { return std::string_view(e.first) < k; });
  for (; it != entries_.end() && it->first == key; ++it) out.push_back(it->second);
  return out;
}

// ---------------------------------------------------------------- Kb

const Facility* Kb::find_facility(std::string_view id) const { return find_in(facility_ids_, facilities, id); }
const Company* Kb::find_company(std::string_view id) const { return find_in(company_ids_, companies, id); }
const Deposit* Kb::find_deposit(std::string_view id) const { return find_in(deposit_ids_, deposits, id); }
const Policy* Kb::find_policy(std::string_view id) const { return find_in(policy_ids_, policies, id); }
const MagnetGrade* Kb::find_magnet_grade(std::string_view id) const { return find_in(magnet_ids_, magnets, id); }
const Outlet* Kb::find_outlet(std::string_view id) const { return find_in(outlet_ids_, outlets, id); }
const NationalEstimate* Kb::find_estimate(std::string_view id) const { return find_in(estimate_ids_, estimates, id); }

std::vector<const NationalEstimate*> Kb::estimates_for(std::string_view country) const {
  std::vector<const NationalEstimate*> out;
  for (const auto& e : estimates)
    if (e.country == country) out.push_back(&e);
  return out;
}

std::vector<const StageShare*> Kb::shares_for(std::string_view country, Stage stage, ShareMeasure measure,
                                              int year) const {
  std::vector<const StageShare*> out;
  for (const auto& s : shares)
    if (s.country == country && s.stage == stage && s.measure == measure && (year == 0 || s.year == year))
      out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [](const StageShare* a, const StageShare* b) { return a->year < b->year; });
  return out;
}

std::optional<std::size_t> Kb::facility_index(std::string_view id) const {
  auto it = facility_ids_.find(id);
  if (it == facility_ids_.end()) return std::nullopt;
  return it->second;
}

std::vector<const Facility*> Kb::facilities_of(std::string_view company_id) const {
  std::vector<const Facility*> out;
  if (auto it = facilities_by_company_.find(company_id); it != facilities_by_company_.end())
    for (std::size_t i : it->second)
      if (i < facilities.size()) out.push_back(&facilities[i]);
  return out;
}

std::vector<const Facility*> Kb::site_stages(std::string_view site) const {
  std::vector<const Facility*> out;
  for (const auto& f : facilities)
    if (f.site == site) out.push_back(&f);
  return out;
}

const CountryFigure* Kb::country_figure(std::string_view country, FigureMeasure m, int year,
                                        std::string_view edition_prefix) const {
  const CountryFigure* best = nullptr;
  for (const auto& c : countries) {
    if (c.country != country || c.measure != m) continue;
    if (!c.edition.starts_with(edition_prefix)) continue;
    if (year != 0 && c.year != year) continue;
    if (!c.value) continue;
    if (!best || c.year > best->year || (c.year == best->year && c.edition > best->edition)) best = &c;
  }
  return best;
}

std::uint64_t Kb::next_serial() {
  static std::atomic<std::uint64_t> serials{0};
  return ++serials;
}

void Kb::reindex() {
  serial_ = next_serial();
  auto index = [](auto& map, const auto& v) {
    map.clear();
    for (std::size_t i = 0; i < v.size(); ++i) map.emplace(v[i].id, i);
  };
  index(facility_ids_, facilities);
  index(company_ids_, companies);
  index(deposit_ids_, deposits);
  index(policy_ids_, policies);
  index(magnet_ids_, magnets);
  index(outlet_ids_, outlets);
  index(estimate_ids_, estimates);
  // Each facility under its operator and every company up the parent chain
  // (a chain longer than the table is a cycle: stop there).
  facilities_by_company_.clear();
  for (std::size_t fi = 0; fi < facilities.size(); ++fi) {
    std::string_view id = facilities[fi].company;
    for (std::size_t steps = 0; !id.empty() && steps <= companies.size(); ++steps) {
      auto& list = facilities_by_company_[std::string(id)];
      if (!list.empty() && list.back() == fi) break;  // a cycle back to a company already passed
      list.push_back(fi);
      const Company* c = find_company(id);
      if (!c) break;
      id = c->parent;
    }
  }

  aliases.clear();
  for (std::size_t i = 0; i < companies.size(); ++i) {
    EntityRef r{EntityKind::kCompany, i};
    const auto& c = companies[i];
    aliases.add(c.id, r);
    aliases.add(c.name, r);
    for (const auto& a : c.aliases) aliases.add(a, r);
    for (const auto& t : c.tickers) {
      aliases.add(t, r);
      auto colon = t.find(':');
      if (colon != std::string::npos) aliases.add(std::string_view(t).substr(colon + 1), r);
    }
  }
  for (std::size_t i = 0; i < facilities.size(); ++i) {
    EntityRef r{EntityKind::kFacility, i};
    aliases.add(facilities[i].id, r);
    aliases.add(facilities[i].name, r);
  }
  for (std::size_t i = 0; i < outlets.size(); ++i) {
    EntityRef r{EntityKind::kOutlet, i};
    aliases.add(outlets[i].id, r);
    aliases.add(outlets[i].name, r);
    for (const auto& a : outlets[i].aliases) aliases.add(a, r);
  }
  aliases.finish();
}

std::string Kb::summary() const {
  return fmt::format(
      "countries={} deposits={} companies={} facilities={} policies={} prices={} magnets={} outlets={} risks={} balance={} "
      "published={} trade={} demand={} estimates={} shares={}",
      countries.size(), deposits.size(), companies.size(), facilities.size(), policies.size(), prices.size(),
      magnets.size(), outlets.size(), risks.size(), balance.size(), published.size(), trade.size(), demand.size(),
      estimates.size(), shares.size());
}

}  // namespace assay::kb
