// kb: the rare-earth knowledge base. Typed tables loaded and validated from
// the reviewed CSV files under data/kb/ (embedded in the binary, overridable
// with --data DIR), plus an alias index that maps names, aliases and tickers
// to companies, facilities and news outlets.
//
// Every row of every table carries `source` (title, publisher, year, where in
// it) and `confidence` (primary | secondary | estimate), and the line it came
// from, so that any figure the model or a critique uses can be traced back.
//
//   base::EmbeddedData data;                       // embedded data/kb/*.csv
//   auto kb = kb::load(data);                    // Result<Kb>: first error only
//   if (!kb) { fmt::print("{}\n", kb.error().to_string()); return; }
//   for (const auto& f : kb->facilities)
//     if (f.stage == kb::Stage::kSeparation && f.capacity)   // empty = unknown
//       total += *f.capacity;
//   const kb::Facility* lynas = kb->find_facility("lynas-malaysia-separation");
//   for (auto ref : kb->aliases.find("LYC"))     // case-insensitive
//     if (ref.kind == kb::EntityKind::kCompany) ...
//
//   // What verification needs beside USGS: national resource estimates
//   // (estimates.csv) and published stage shares with their ranges (shares.csv).
//   for (const kb::NationalEstimate* e : kb->estimates_for("Malaysia"))   // 16.1 Mt REE, JMG
//     fmt::print("{} {} {} ({})\n", kb::estimate_measure_name(e->measure), e->value, e->unit, e->row());
//   for (const kb::StageShare* s : kb->shares_for("China", kb::Stage::kSeparation, kb::ShareMeasure::kOutput, 2024))
//     ...  // IEA 91% (range 90-92), kind reported | projection | range
//
//   auto all = kb::load_all(data);               // every error at once
//   for (const auto& e : all.errors)             // "data/kb/facilities.csv:12:9: capacity: ..."
//     fmt::print(stderr, "{}\n", e.to_string());
//
// Tables are plain structs in public vectors so that callers (the supply
// model, its benchmarks with synthetic knowledge bases 10x/100x the size)
// may build or edit a Kb in memory; call Kb::reindex() after editing.
// A loaded Kb is immutable in use and safe to share between threads.
//
// Empty numeric cells are std::nullopt ("unknown"), never zero.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assay/base/embedded.h"
#include "assay/base/enum_names.h"
#include "assay/base/error.h"

namespace assay::kb {

// ---------------------------------------------------------------- enums

// The rare-earth elements, in atomic-number order, then yttrium and scandium.
// Oxide masses are REO-basis (La2O3, CeO2, Pr6O11, Nd2O3, ... , Y2O3, Sc2O3).
enum class Element : std::uint8_t {
  kLa, kCe, kPr, kNd, kSm, kEu, kGd, kTb, kDy, kHo, kEr, kTm, kYb, kLu, kY, kSc,
};
inline constexpr int kElementCount = 16;
// The 15 elements of a deposit's distribution (La..Lu and Y; no Sc).
inline constexpr int kDistributionElementCount = 15;

const char* element_symbol(Element e);                    // "La", ..., "Sc"
std::optional<Element> parse_element(std::string_view s);  // symbol, case-insensitive

// A set of elements (bit i = Element i).
struct ElementSet {
  std::uint32_t bits = 0;
  static ElementSet all() { return {(1u << kElementCount) - 1}; }
  // La, Ce, Pr, Nd.
  static ElementSet light();
  // Sm..Lu and Y (SEG + heavy: what "medium and heavy" controls cover).
  static ElementSet heavy();
  bool has(Element e) const { return (bits >> static_cast<int>(e)) & 1u; }
  void add(Element e) { bits |= 1u << static_cast<int>(e); }
  bool empty() const { return bits == 0; }
  bool operator==(const ElementSet&) const = default;
};
// "all", "light", "heavy" or symbols separated by ';' ("Sm;Gd;Tb").
std::optional<ElementSet> parse_element_set(std::string_view s);
std::string element_set_string(ElementSet s);

// Stages of the chain, upstream first.
enum class Stage : std::uint8_t {
  kMining, kConcentration, kCrackingLeaching, kSeparation, kMetalAlloy, kMagnet, kRecycling,
};
inline constexpr int kStageCount = 7;
const char* stage_name(Stage s);  // "mining", "concentration", "cracking_leaching", ...
std::optional<Stage> parse_stage(std::string_view s);

struct StageSet {
  std::uint32_t bits = 0;
  static StageSet all() { return {(1u << kStageCount) - 1}; }
  bool has(Stage s) const { return (bits >> static_cast<int>(s)) & 1u; }
  void add(Stage s) { bits |= 1u << static_cast<int>(s); }
  bool empty() const { return bits == 0; }
  bool operator==(const StageSet&) const = default;
};
// "all" or stage names separated by ';'.
std::optional<StageSet> parse_stage_set(std::string_view s);

// Units of a facility's capacity and output, all per year. CSV spelling in ().
enum class CapacityUnit : std::uint8_t {
  kTReo,              // "t REO": contained rare-earth oxide (ore, concentrate, carbonate)
  kTConcentrate,      // "t concentrate": mass of mineral concentrate (REO grade unstated)
  kTNdPrOxide,        // "t NdPr oxide"
  kTSeparatedOxides,  // "t separated oxides": all separated products, REO basis
  kTHeavyOxides,      // "t heavy oxides": separated Dy/Tb/other SEG+HRE oxides
  kTMetal,            // "t metal": RE metals
  kTAlloy,            // "t alloy": NdFeB strip-cast alloy / powder
  kTMagnet,           // "t magnet": finished or blank NdFeB (or SmCo) magnets
  kTFeed,             // "t feed": scrap or residue fed to a recycler
};
const char* capacity_unit_name(CapacityUnit u);  // CSV spelling
std::optional<CapacityUnit> parse_capacity_unit(std::string_view s);
std::optional<CapacityUnit> parse_capacity_unit(std::string_view s, base::Case c);  // "t reo" with kIgnoreAscii

enum class FacilityStatus : std::uint8_t {
  kOperating, kCommissioning, kConstruction, kPlanned, kSuspended, kClosed,
};
const char* status_name(FacilityStatus s);
std::optional<FacilityStatus> parse_status(std::string_view s);

enum class Confidence : std::uint8_t { kPrimary, kSecondary, kEstimate };
const char* confidence_name(Confidence c);
std::optional<Confidence> parse_confidence(std::string_view s);

// kMagnetOutput: NdFeB magnet production (t magnet), for published national totals.
enum class FigureMeasure : std::uint8_t { kMineProduction, kReserves, kMagnetOutput };
const char* measure_name(FigureMeasure m);  // "mine_production", "reserves", "magnet_output"
std::optional<FigureMeasure> parse_measure(std::string_view s);

enum class StateOwned : std::uint8_t { kNo, kPartial, kYes };
const char* state_owned_name(StateOwned s);
std::optional<StateOwned> parse_state_owned(std::string_view s);

enum class PolicyType : std::uint8_t {
  kExportControl,     // "export_control": licensing of exports
  kExportBan,         // "export_ban"
  kImportBan,         // "import_ban" (includes a halt of imports)
  kTechnologyExportBan,  // "technology_export_ban" (or restriction of technology exports)
  kLicenceCondition,  // "licence_condition": an operating licence and its conditions
  kSuspension,        // "suspension": suspends another policy (see Policy::related)
  kSupplyDisruption,  // "supply_disruption": conflict, seizure, border closure
  kProductionQuota,   // "production_quota"
  kSupport,           // "support": price floor, offtake, loan, equity
};
const char* policy_type_name(PolicyType t);
std::optional<PolicyType> parse_policy_type(std::string_view s);

enum class PolicyStatus : std::uint8_t { kAnnounced, kInForce, kSuspended, kLifted, kExpired };
const char* policy_status_name(PolicyStatus s);  // "announced", "in_force", ...
std::optional<PolicyStatus> parse_policy_status(std::string_view s);

enum class OutletType : std::uint8_t {
  kWire, kTrade, kState, kNewsletter, kBlog, kNewspaper, kBroadcaster, kMagazine,
};
const char* outlet_type_name(OutletType t);
std::optional<OutletType> parse_outlet_type(std::string_view s);

enum class RiskScope : std::uint8_t { kStatus, kCountry };
const char* risk_scope_name(RiskScope s);
std::optional<RiskScope> parse_risk_scope(std::string_view s);

enum class RiskEvent : std::uint8_t { kOutage, kDelay, kRampShortfall };
const char* risk_event_name(RiskEvent e);  // "outage", "delay", "ramp_shortfall"
std::optional<RiskEvent> parse_risk_event(std::string_view s);

// balance.csv: the mass balance's stated figures.
enum class BalanceKind : std::uint8_t {
  kRecovery,   // "recovery": share of a stage's REO input that leaves it as product (0..1]
  kStockpile,  // "stockpile": tonnes a facility made in a year and held back (an explicit sink)
};
const char* balance_kind_name(BalanceKind k);
std::optional<BalanceKind> parse_balance_kind(std::string_view s);

// What a stated figure rests on: a published figure for it, an assumption,
// or arithmetic on published figures.
enum class ValueBasis : std::uint8_t { kSourced, kAssumed, kDerived };
const char* value_basis_name(ValueBasis b);  // "sourced", "assumed", "derived"
std::optional<ValueBasis> parse_value_basis(std::string_view s);

// published.csv: figures the model is backtested against.
enum class PublishedMeasure : std::uint8_t {
  kChinaShare,     // "china_share": China's share of a stage's output (scope = stage), %
  kMagnetOutput,   // "magnet_output": NdFeB output (scope = World or a country), t magnet
  kMagnetExports,  // "magnet_exports": exports of magnets and magnet alloys (scope = exporter), t magnet
};
const char* published_measure_name(PublishedMeasure m);
std::optional<PublishedMeasure> parse_published_measure(std::string_view s);

// estimates.csv: what a national or other estimate counts.
enum class EstimateMeasure : std::uint8_t {
  kResources,  // "resources": identified resources (not shown to be economic now)
  kReserves,   // "reserves": reserves on the publisher's own definition or edition
};
const char* estimate_measure_name(EstimateMeasure m);  // "resources", "reserves"
std::optional<EstimateMeasure> parse_estimate_measure(std::string_view s);

// shares.csv: what a stage share is a share of, whether it is a figure for
// the past or a projection, and over which world.
enum class ShareMeasure : std::uint8_t { kOutput, kCapacity, kReserves };
const char* share_measure_name(ShareMeasure m);  // "output", "capacity", "reserves"
std::optional<ShareMeasure> parse_share_measure(std::string_view s);
enum class ShareKind : std::uint8_t {
  kReported,    // "reported": one source's figure for a past year
  kProjection,  // "projection": a source's figure for a future year
  kRange,       // "range": the span of the published figures for a year (low..high, no value)
};
const char* share_kind_name(ShareKind k);
std::optional<ShareKind> parse_share_kind(std::string_view s);
enum class ShareScope : std::uint8_t { kWorld, kOutsideChina };
const char* share_scope_name(ShareScope s);  // "world", "outside_china"
std::optional<ShareScope> parse_share_scope(std::string_view s);

// Countries the kb knows, by English short name ("China", "Myanmar",
// "United States", ... and the pseudo-countries "World" and "Other"): the
// ISO 3166 alpha-3 code, or nullopt for a name not in the list. Every
// country column of every file must be one of these names.
std::optional<std::string_view> country_iso3(std::string_view name);

// The kb's name for a country written another way: the ISO 3166 alpha-3
// code, or a common alias ("Burma", "US", "U.S.", "USA", "America", "PRC",
// "Korea", "UK", "Britain", "Lao PDR", "Viet Nam", ...), case-insensitive.
// nullopt when unknown.
std::optional<std::string_view> canonical_country(std::string_view name);

// ---------------------------------------------------------------- rows

// Fields every row has: where it comes from.
struct Provenance {
  std::string source;  // title, publisher, year, and where in it
  Confidence confidence = Confidence::kEstimate;
  std::int64_t line = 0;  // 1-based line of the row's first character in its file
  std::string file;       // the file as the data source displays it: "data/kb/facilities.csv",
                          // or under --data DIR "DIR/kb/facilities.csv"; empty for rows built in memory
  // "file:line"
  std::string row() const;
};

// countries.csv: one figure (mine production in a year, or reserves) for one
// country from one edition of one publication.
struct CountryFigure : Provenance {
  std::string country;  // English short name, e.g. "China", "Myanmar"
  std::string iso3;     // "CHN", "MMR"
  int year = 0;
  FigureMeasure measure = FigureMeasure::kMineProduction;
  std::optional<double> value;  // nullopt = not available (USGS "NA", withheld)
  std::string unit;             // "t REO" (mine_production, reserves) or "t magnet" (magnet_output)
  std::string edition;          // "USGS MCS 2026", "MNR China 2024", ...
  std::string note;
};

// deposits.csv: the element distribution of an ore type or deposit.
struct Deposit : Provenance {
  std::string id;       // slug, e.g. "bayan-obo"
  std::string name;
  std::string country;
  std::string ore_type;  // "bastnaesite-monazite carbonatite", "ion-adsorption clay", ...
  // % of total REO by element, indexed by Element (La..Lu, Y); nullopt = not
  // reported. A row may give only NdPr (nd_pr_pct) when the split is unknown.
  std::array<std::optional<double>, kDistributionElementCount> pct{};
  std::optional<double> nd_pr_pct;  // Pr + Nd, as published (may be given alone)
  // Deposit id whose distribution fills the elements this row does not give
  // (scaled so that NdPr matches nd_pr_pct), or empty.
  std::string proxy;
  // Distribution as fractions summing to 1, filled by the loader: the given
  // elements normalised; when only NdPr is given, the proxy's shape scaled to
  // it, or without a proxy Nd:Pr 3:1 and the rest La:Ce 1:2. For deposits
  // built in memory, set it directly (reindex() does not recompute it).
  std::array<double, kDistributionElementCount> share{};
};

// companies.csv
struct Company : Provenance {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> tickers;  // "ASX:LYC"
  std::string country;               // headquarters
  StateOwned state_owned = StateOwned::kNo;
  std::string parent;                // company id or empty
};

// facilities.csv: one stage of one site.
struct Facility : Provenance {
  std::string id;    // slug, unique
  std::string site;  // shared by the stages of one site
  std::string name;
  std::string company;  // company id (operator / controlling owner)
  std::string country;  // where it is
  std::string location;
  Stage stage = Stage::kMining;
  std::string products;
  ElementSet elements = ElementSet::all();  // what it can yield (separation lines)
  std::optional<double> capacity;           // nameplate per year; nullopt = unknown
  std::optional<CapacityUnit> capacity_unit;
  std::optional<double> output;             // recent actual output, same unit
  std::optional<int> output_year;
  FacilityStatus status = FacilityStatus::kPlanned;
  int status_year = 0;
  std::vector<std::string> feed;  // facility ids that feed it
  std::string deposit;            // deposit id (mines)
  std::string controlling_country;  // owner's country; empty = not established
  std::string technology_origin;  // country whose technology it runs; empty = unknown
  std::string note;
};

// policies.csv
struct Policy : Provenance {
  std::string id;
  std::string country;  // the state that imposes it
  PolicyType type = PolicyType::kExportControl;
  ElementSet elements;
  StageSet stages;
  // Counterpart countries: where exports may not go (export measures) or
  // where imports come from (import measures); empty = all.
  std::vector<std::string> destinations;
  std::string announced;                  // "YYYY-MM-DD" or "YYYY-MM"
  std::string effective;                  // same; may be empty
  std::string ends;                       // same; may be empty
  PolicyStatus status = PolicyStatus::kInForce;
  std::string related;  // ids of policies this one suspends/amends, joined by ';', or empty
  std::string scope;    // what it covers, in words
};

// prices.csv
struct Price : Provenance {
  std::string product;   // "NdPr oxide 99% min"
  ElementSet elements;   // elements priced
  std::string form;      // oxide | metal | alloy | magnet | carbonate | concentrate
  std::string basis;     // "FOB China (Argus)"
  std::string date;      // "2024" or "2025-06"
  std::string period;    // "annual average", "monthly average", "spot", ...
  double value = 0;
  std::string unit;      // "USD/kg"
  std::string note;
};

// magnets.csv (long format: one row per grade and element, gathered here).
struct MagnetGrade : Provenance {
  std::string id;  // "standard", "ht-gbd", "ht-conventional"
  std::string name;
  std::array<double, kElementCount> kg_metal_per_t{};  // kg of element per t of magnet
  std::array<double, kElementCount> kg_oxide_per_t{};  // kg of REO per t of magnet
  std::optional<double> market_share;                  // share of NdFeB output, if given
};

// outlets.csv
struct Outlet : Provenance {
  std::string id;
  std::string name;
  std::vector<std::string> aliases;  // also web domains, e.g. "reuters.com"
  std::string country;
  OutletType type = OutletType::kNewspaper;
  std::string basis;  // why this type (ownership, business model)
};

// risks.csv: modelling assumptions for the Monte Carlo.
struct RiskAssumption : Provenance {
  std::string id;
  RiskScope scope = RiskScope::kStatus;
  std::string key;  // a status name (scope status) or a country (scope country)
  RiskEvent event = RiskEvent::kOutage;
  double probability = 0;    // per year, in [0, 1]
  double capacity_loss = 0;  // fraction of capacity lost when it happens, in [0, 1]
  std::string basis;
};

// balance.csv: a recovery factor (a stage's, or one facility's) or a
// stockpile (what a facility made in a year and did not ship).
struct BalanceFigure : Provenance {
  std::string id;
  BalanceKind kind = BalanceKind::kRecovery;
  Stage stage = Stage::kMining;
  std::string facility;  // facility id; empty = the whole stage (recovery only)
  int year = 0;          // stockpile: the year; recovery: 0 = every year
  double value = 0;      // recovery: fraction in (0, 1]; stockpile: tonnes in `unit`
  std::string unit;      // "fraction" (recovery) or a capacity unit (stockpile)
  ValueBasis basis = ValueBasis::kAssumed;
  std::string note;
};

// published.csv: one published figure for a period, with the band the
// backtest holds the model to (none: reported only).
struct PublishedFigure : Provenance {
  std::string id;
  std::string period;  // "2025" (a year) or "2025-05" (a month)
  int year = 0;        // the period's year
  PublishedMeasure measure = PublishedMeasure::kChinaShare;
  std::string scope;   // a stage name (china_share) or a country (magnet_output, magnet_exports)
  double value = 0;
  std::string unit;    // "%" (china_share) or "t magnet"
  std::optional<double> band;  // allowed error: points (unit %) or percent of the value (t magnet)
  std::string note;
};

// trade.csv: a country's exports of a product for a period (China's magnet
// exports by month, from the customs releases). The supply model reads the
// file itself (supply/trade.h); the kb checks it (`assay kb check`).
struct TradeFigure : Provenance {
  std::string exporter;  // a country
  std::string product;   // "magnet" (t magnet) or "rare_earths" (t product)
  std::string period;    // "2024", "2025Q2" or "2025-05"
  std::string partner;   // "World" or a country
  double value = 0;
  std::string unit;
  ValueBasis basis = ValueBasis::kSourced;
  std::string note;
};

// demand.csv: use of magnets outside China by region (direct_use, t magnet)
// and regions' shares of China's magnet exports (import_share, share; the
// shares of a year add up to 1).
struct DemandFigure : Provenance {
  std::string region;   // a country, "European Union" or "Outside China"
  int year = 0;
  std::string measure;  // "direct_use" or "import_share"
  double value = 0;
  std::string unit;     // "t magnet" or "share"
  ValueBasis basis = ValueBasis::kSourced;
  std::string note;
};

// estimates.csv: a figure for a country's rare-earth endowment that is not
// a USGS reserve of countries.csv: a government's or a survey's resource
// estimate, an older USGS edition, one deposit's reserves. `definition`
// says what it counts, so a verdict can say why it differs from a reserve.
struct NationalEstimate : Provenance {
  std::string id;
  std::string country;
  int year = 0;  // the year the estimate was stated or refers to
  EstimateMeasure measure = EstimateMeasure::kResources;
  double value = 0;
  std::string unit;        // "t REO", "t REE", "t monazite" or "t ore"
  std::string definition;  // what is counted, and how it differs from a USGS reserve
  std::string publisher;   // who made the estimate
  std::string note;
};

// shares.csv: one published share (or rank) of a country at one stage of
// the chain, for one year, with its published range when the source gives
// one; `kind` range rows hold the span of several sources' figures.
struct StageShare : Provenance {
  std::string id;
  std::string country;
  Stage stage = Stage::kMining;  // reserves: kMining
  ShareMeasure measure = ShareMeasure::kOutput;
  int year = 0;
  std::optional<double> value;      // %, nullopt for a rank-only or range row
  std::optional<double> low, high;  // %, the published range (range rows: required)
  std::optional<int> rank;          // 1 = largest, when the source states it
  ShareScope scope = ShareScope::kWorld;
  ShareKind kind = ShareKind::kReported;
  std::string note;
};

// ---------------------------------------------------------------- alias index

enum class EntityKind : std::uint8_t { kCompany, kFacility, kOutlet };
const char* entity_kind_name(EntityKind k);  // "company", "facility", "outlet"
std::optional<EntityKind> parse_entity_kind(std::string_view s);

struct EntityRef {
  EntityKind kind = EntityKind::kCompany;
  std::size_t index = 0;  // into Kb::companies / facilities / outlets
  bool operator==(const EntityRef&) const = default;
};

// Maps normalised names to entities. Keys: company names, aliases, tickers
// (both "ASX:LYC" and "LYC"), facility names and ids, outlet names and aliases.
// Lookup is case-insensitive, ignores punctuation other than '&' and
// collapses white space ("lynas  rare-earths" == "Lynas Rare Earths").
class AliasIndex {
 public:
  // Matches for `name`, sorted by kind then index; empty when unknown.
  std::vector<EntityRef> find(std::string_view name) const;
  // Every (normalised key, entity), sorted by key: for building a matcher.
  const std::vector<std::pair<std::string, EntityRef>>& entries() const { return entries_; }
  static std::string normalize(std::string_view name);
  // The same key written at `out` (room for name.size() bytes: the key is
  // never longer than the name); returns its length.
  static std::size_t normalize_to(std::string_view name, char* out);

  void clear();
  void add(std::string_view name, EntityRef ref);
  void finish();  // sorts and deduplicates; call after the last add()

 private:
  std::vector<std::pair<std::string, EntityRef>> entries_;
};

// ---------------------------------------------------------------- the kb

struct Kb {
  std::vector<CountryFigure> countries;
  std::vector<Deposit> deposits;
  std::vector<Company> companies;
  std::vector<Facility> facilities;
  std::vector<Policy> policies;
  std::vector<Price> prices;
  std::vector<MagnetGrade> magnets;
  std::vector<Outlet> outlets;
  std::vector<RiskAssumption> risks;
  std::vector<BalanceFigure> balance;
  std::vector<PublishedFigure> published;
  std::vector<TradeFigure> trade;
  std::vector<DemandFigure> demand;
  std::vector<NationalEstimate> estimates;
  std::vector<StageShare> shares;
  AliasIndex aliases;

  // Lookups by id (nullptr when absent). Valid until the vectors change;
  // call reindex() after editing the tables.
  const Facility* find_facility(std::string_view id) const;
  const Company* find_company(std::string_view id) const;
  const Deposit* find_deposit(std::string_view id) const;
  const Policy* find_policy(std::string_view id) const;
  const MagnetGrade* find_magnet_grade(std::string_view id) const;
  const Outlet* find_outlet(std::string_view id) const;
  std::optional<std::size_t> facility_index(std::string_view id) const;

  // Facilities operated by `company_id` or by any company whose parent chain
  // leads to it (e.g. "usa-rare-earth" includes Less Common Metals), in file order.
  // Read from an index that reindex() builds.
  std::vector<const Facility*> facilities_of(std::string_view company_id) const;
  // The stages of one site (rows sharing `site`), in file order.
  std::vector<const Facility*> site_stages(std::string_view site) const;

  // Country figure for (country, measure, year) from the newest edition that
  // has it (editions compare as strings: "USGS MCS 2026" > "USGS MCS 2025");
  // `edition_prefix` restricts to e.g. "USGS MCS". year 0 = reserves' latest.
  const CountryFigure* country_figure(std::string_view country, FigureMeasure m, int year,
                                      std::string_view edition_prefix = "USGS MCS") const;

  // The estimates of `country` (file order; empty when none):
  //   for (const NationalEstimate* e : kb.estimates_for("Malaysia"))
  //     if (e->measure == EstimateMeasure::kResources) ...  // 16.1 Mt, JMG
  std::vector<const NationalEstimate*> estimates_for(std::string_view country) const;
  const NationalEstimate* find_estimate(std::string_view id) const;
  // The shares of `country` at `stage` for `measure`, by year then file
  // order; `year` 0 = every year. Ranges and projections included (see kind):
  //   for (const StageShare* s : kb.shares_for("China", Stage::kSeparation, ShareMeasure::kOutput, 2024))
  //     if (s->kind == ShareKind::kRange) ... s->low, s->high ...
  std::vector<const StageShare*> shares_for(std::string_view country, Stage stage, ShareMeasure measure,
                                            int year = 0) const;

  // Rebuilds the id maps and the alias index from the vectors, and gives the
  // kb a new serial().
  void reindex();

  // Which tables these are, for caches kept beside a kb (the linker's and
  // the claims' per-thread look-ups): a number no other Kb of this process
  // has had (never 0), renewed by reindex(). A cache keyed by
  // it cannot take a kb built where a freed one lived, or an edited one, for
  // the one it read. A copy keeps it: the same rows.
  std::uint64_t serial() const { return serial_; }

  // Row counts, "countries=NN deposits=NN ...".
  std::string summary() const;

 private:
  // Looked up by a string_view without a std::string per look-up (the
  // linker and the verifier look ids up for every mention and claim).
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <class V>
  using IdMap = std::unordered_map<std::string, V, IdHash, std::equal_to<>>;
  IdMap<std::size_t> facility_ids_, company_ids_, deposit_ids_, policy_ids_, magnet_ids_, outlet_ids_, estimate_ids_;
  // company id -> indexes into `facilities` (indexes, so that a copy of the
  // Kb stays valid).
  IdMap<std::vector<std::size_t>> facilities_by_company_;
  static std::uint64_t next_serial();
  std::uint64_t serial_ = next_serial();
};

// A kb's serial(), 0 for no kb: the key of a cache kept beside it.
inline std::uint64_t serial_of(const Kb* kb) { return kb ? kb->serial() : 0; }

// ---------------------------------------------------------------- loading

// The files, relative to the data directory, in load order. The last four
// (trade.csv, demand.csv, estimates.csv, shares.csv) may be absent from a
// data source: no rows then.
inline constexpr std::array<std::string_view, 15> kFiles = {
    "kb/countries.csv", "kb/deposits.csv", "kb/companies.csv", "kb/facilities.csv",
    "kb/policies.csv",  "kb/prices.csv",   "kb/magnets.csv",   "kb/outlets.csv",
    "kb/risks.csv",     "kb/balance.csv",  "kb/published.csv", "kb/trade.csv",
    "kb/demand.csv",    "kb/estimates.csv", "kb/shares.csv"};
inline constexpr std::size_t kOptionalFilesFrom = 11;

struct LoadOutcome {
  Kb kb;                            // whatever loaded (rows with errors are dropped)
  base::Errors errors;  // every error, in file then line order
  bool ok() const { return errors.empty(); }
};

// Loads and validates every file from `data` (kb/*.csv). Errors name the
// file as data.display_path() gives it ("data/kb/facilities.csv"), the line,
// the column (1-based, of the field), and the field name.
LoadOutcome load_all(const base::DataSource& data);

// The same from in-memory texts: `files` maps "kb/facilities.csv" -> bytes;
// a file missing from the map is an error. Names in errors are
// `display_prefix` + key ("data/" by default).
LoadOutcome load_texts(const std::map<std::string, std::string, std::less<>>& files,
                       std::string_view display_prefix = "data/");

// load_all(), but as a Result: the first error, with "(and N more errors)"
// appended to its message when there are several.
base::Result<Kb> load(const base::DataSource& data);

// Checks the cross-table rules (ids unique, references resolve, feeds
// acyclic) on an in-memory Kb; the loader runs this too. Errors carry the
// rows' lines and `display_prefix` + file names.
base::Errors validate(const Kb& kb, std::string_view display_prefix = "data/");

}  // namespace assay::kb
