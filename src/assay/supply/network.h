// supply/network: the rare-earth supply chain as a network that a linear
// program can solve. Nodes are facility-stages (a mine, a cracking plant, a
// separation line, a metal/alloy plant, a magnet plant, a recycler) with an
// effective capacity in tonnes per year of their own product basis; links
// follow the `feed` columns, and a node without stated feed draws from the
// world pools of the stage before it, as far as export controls allow.
//
//   base::EmbeddedData data;
//   auto kb = kb::load(data);
//   auto params = supply::load_params(data);                // data/supply/model.yaml
//   auto net = supply::build_network(*kb, *params);          // Result<Network>
//   for (const auto& n : net->nodes)
//     if (n.stage == kb::Stage::kSeparation) total += n.available;
//
// A Network is plain data: tests and benchmarks build one in memory (see
// synthetic_network()), scenarios edit a copy (scenario.h), and the solver
// (solver.h) turns it into an LP. Quantities are t/yr; element shares are
// fractions of total REO.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/kb/kb.h"
#include "assay/supply/period.h"
#include "assay/supply/trade.h"

namespace assay::supply {

using kb::CapacityUnit;
using kb::Element;
using kb::ElementSet;
using kb::Stage;
using kb::StageSet;
using kb::FacilityStatus;

inline constexpr int kElements = kb::kDistributionElementCount;  // La..Lu, Y
inline constexpr int kStages = kb::kStageCount;
using ElementShares = std::array<double, kElements>;

// The four elements a magnet consumes, tracked after separation.
enum class MagnetElement : std::uint8_t { kNd, kPr, kDy, kTb };
inline constexpr int kMagnetElements = 4;
inline constexpr std::array<Element, kMagnetElements> kMagnetElementIds = {Element::kNd, Element::kPr,
                                                                           Element::kDy, Element::kTb};
const char* magnet_element_symbol(int m);  // "Nd", "Pr", "Dy", "Tb"

// Element symbols without the kb library ("La" .. "Y").
const char* element_symbol(int e);
std::optional<int> parse_element_symbol(std::string_view s);
// The kb's names of stages, statuses and units (one table each, in kb), as the
// model files spell them; units are read ignoring ASCII case ("t reo").
inline const char* stage_key(Stage s) { return kb::stage_name(s); }  // "mining", ..., "recycling"
inline std::optional<Stage> parse_stage_key(std::string_view s) { return kb::parse_stage(s); }
inline const char* status_key(FacilityStatus s) { return kb::status_name(s); }
inline std::optional<FacilityStatus> parse_status_key(std::string_view s) { return kb::parse_status(s); }
inline const char* unit_key(CapacityUnit u) { return kb::capacity_unit_name(u); }
inline std::optional<CapacityUnit> parse_unit_key(std::string_view s) {
  return kb::parse_capacity_unit(s, base::Case::kIgnoreAscii);
}

// Model parameters (data/supply/model.yaml); every figure has a `basis` there.
struct ModelParams {
  int as_of_year = 2025;
  // Share of nameplate available in the model year, by status.
  std::array<double, 6> status_factor = {1.0, 0.5, 0.0, 0.0, 0.0, 0.0};
  // A facility under construction / planned counts once its start year is
  // <= as_of_year, at this factor.
  double started_factor = 0.25;
  double concentrate_grade = 0.5;     // t REO per t concentrate when not stated
  double alloy_re_fraction = 0.31;    // t RE metal per t NdFeB alloy
  double recycling_oxide_yield = 0.30;  // t REO recovered per t magnet scrap feed
  // Share of La and Ce in feed that an NdPr-focused separation line (capacity
  // in t NdPr oxide) turns into products.
  double ndpr_line_la_ce_recovery = 0.2;
  // Magnet grade mix: grade id -> share of NdFeB output (sums to 1).
  std::vector<std::pair<std::string, double>> grade_mix = {{"standard", 1.0}};
  // Objective weights: reward per t of stage throughput (tie-breaks toward
  // full use of capacity) and cost per t crossing a border (domestic first).
  double throughput_weight = 1e-4;
  double trade_cost = 1e-5;
  // Tie-breaks that make the split between China and the rest unique: the
  // world's magnet output leaves it open, so among the optimal flows the
  // model takes those that give the chain outside China the most magnets
  // (a reward per t made outside China), then the most Nd, Pr, Dy and Tb
  // oxide (a reward per t separated or recycled outside China). Only in the
  // world objective; see docs/DATA.md "Ties".
  double ex_china_magnet_preference = 1e-2;
  double ex_china_oxide_preference = 1e-3;
  // A mixed concentrate counts as carrying a controlled element when that
  // element's share of its REO is at least this.
  double control_threshold = 0.005;
  // Share of exports a licensing regime (export_control) lets through.
  double licensing_allowed_share = 1.0;
  double default_magnet_demand_ex_china = 0;  // t/yr; 0 = none
  // Magnets that buyers outside China hold, in months of their normal
  // imports from China, at the start of a run of periods (trade.h).
  double buyer_stock_months = 1.0;
  // Thrifting: the share of a magnet's Nd, Pr, Dy and Tb that magnet makers
  // can do without in the year when an element is short (grain-boundary
  // diffusion in place of bulk Dy, conventional grades switched to
  // diffused ones), at a cost per t saved in the objective that lies between
  // the tie-breaks and the value of the magnets it saves (model.yaml).
  std::array<double, 4> thrift_max = {0, 0, 0, 0};
  double thrift_cost = 20;
  // Unlisted capacity: nodes added to the kb's facilities so that national
  // totals match published figures (each with its basis).
  struct Aggregate {
    std::string id, name, country, controller, technology, basis;
    Stage stage = Stage::kMining;
    CapacityUnit unit = CapacityUnit::kTReo;
    double capacity = 0;
    std::string deposit;
    ElementSet elements = ElementSet::all();
  };
  std::vector<Aggregate> aggregates;
  // Monte Carlo fallback risks when the kb has none for a status/country.
  double default_outage_probability = 0.05;
  double default_outage_loss = 0.3;
};

// Loads data/supply/model.yaml. Errors name the file and key.
base::Result<ModelParams> load_params(const base::DataSource& data);
base::Result<ModelParams> parse_params(std::string_view yaml, std::string_view file_name);

// What a figure of the model rests on (docs/DATA.md "Output and capacity"):
// sourced (a published figure for the model year), assumed (an earlier
// year's output carried forward, or nameplate x status factor), derived
// (computed from sourced figures: mines scaled down to their country's USGS
// total) or unknown (no capacity and no output: the node carries nothing).
enum class FigureBasis : std::uint8_t { kSourced, kAssumed, kDerived, kUnknown };
const char* figure_basis_name(FigureBasis b);  // "sourced", "assumed", "derived", "unknown"

struct Node {
  std::string id, site, name, company;
  Stage stage = Stage::kMining;
  std::string country;     // location
  std::string controller;  // controlling country (ownership)
  std::string technology;  // technology origin country
  // Share of control held by a Chinese partner when `controller` is not
  // China (a joint venture, 0..1): the control view counts that share of the
  // node's capacity and flow as China's (metrics.h china_control_weight).
  double china_stake = 0;
  CapacityUnit unit = CapacityUnit::kTReo;
  double nameplate = 0;    // as published, in `unit` (0 when unknown)
  // The bound of the output solve in the model year, in `unit`: the output
  // the kb reports for the year where it has one, else the capacity below
  // (scaled down to the country's USGS mine total for a mine); `basis` says which.
  double available = 0;
  // What could be made in the model year, in `unit`: nameplate x status
  // factor (at least the output; the output alone when no nameplate is
  // published). Shares "by capacity" use it.
  double capacity = 0;
  bool capacity_known = false;      // the bound rests on a published capacity or output
  bool nameplate_published = false; // kb capacity given
  FigureBasis basis = FigureBasis::kAssumed;  // of `available`
  int output_year = 0;     // year of the output figure `available` uses (0: none)
  FacilityStatus status = FacilityStatus::kOperating;
  int status_year = 0;
  std::vector<int> feeds;  // explicit upstream node indexes
  int deposit = -1;        // index into Network::deposits (mines and their chain)
  ElementSet elements = ElementSet::all();  // what a separation line yields
  std::string source;      // provenance, for reports
  bool synthetic = false;  // an aggregate from model.yaml or a country-total row, not a kb facility
  // Share of the REO a concentrator, cracker or separation line takes in
  // that leaves it as product (kb/balance.csv: the facility's row, else its
  // stage's; 1 when none is stated); the rest is a process loss.
  double recovery = 1.0;
};

struct DepositProfile {
  std::string id, name, country;
  ElementShares share{};  // sums to 1
};

// An export restriction in force in the model: exports by `country` of
// `elements` from facilities of `stages` to `destinations` (empty = every
// other country) are limited to `allowed_share` of what the country makes.
struct ExportControl {
  std::string id;
  std::string country;
  ElementSet elements;
  StageSet stages;
  std::vector<std::string> destinations;
  std::string from;  // YYYY-MM-DD: months before it are free (period.h)
  double allowed_share = 0;
  // A licensed share for particular months ("2025-05" -> 0.25), where it
  // differs from allowed_share; for_period() averages them over a period.
  std::vector<std::pair<std::string, double>> allowed_by_month;
  // Share of China's magnet exports the control reaches (trade.h), when the
  // control acts on the magnet stage; unset: all of them when it names Dy or
  // Tb (the magnets that carry them), none otherwise.
  std::optional<double> magnet_coverage;
  bool applies_to(std::string_view destination) const;
  // The share let through in month `key` ("2025-05"): 1 before `from`, the
  // month's own share where given, else allowed_share (pro rata in the
  // month `from` falls in).
  double allowed_in_month(std::string_view key) const;
};

// A Monte Carlo risk (kb/risks.csv): each year a facility of the given status
// (or in the given country) suffers `event` with `probability`, losing
// `capacity_loss` of its capacity.
struct Risk {
  std::string id;
  bool by_status = true;  // key is a status name; else a country
  std::string key;
  kb::RiskEvent event = kb::RiskEvent::kOutage;
  double probability = 0;
  double capacity_loss = 0;
};

struct MagnetRecipe {
  // t of metal per t of magnet, for Nd, Pr, Dy, Tb (grade mix averaged).
  std::array<double, kMagnetElements> metal_per_t{};
  // t of oxide per t of metal (Nd2O3/Nd ...).
  std::array<double, kMagnetElements> oxide_per_metal = {1.1664, 1.2082, 1.1477, 1.1762};
};

struct Network {
  std::vector<Node> nodes;
  std::vector<DepositProfile> deposits;
  std::vector<ExportControl> controls;
  std::vector<Risk> risks;
  MagnetRecipe recipe;
  ModelParams params;
  double magnet_demand_ex_china = 0;  // t/yr, for shortfall probabilities
  std::vector<std::string> notes;     // assumptions worth printing
  // The period solved (period.h): the whole model year unless for_period()
  // made this copy; capacities and bounds above are already pro rata.
  Period period;
  // China's magnet exports and the use of magnets outside China (trade.h:
  // kb/trade.csv, kb/demand.csv); empty when the data have none.
  TradeData trade;

  std::optional<int> find(std::string_view id) const;
  // Node indexes in an order where every explicit feed comes first; fails on
  // a cycle, naming the ids on it.
  base::Result<std::vector<int>> topological_order() const;
  // Checks indexes, capacities (finite, >= 0), shares, recipe.
  base::Status validate() const;
};

// Adapts the knowledge base (facilities, deposits, policies, magnets) to a
// network for params.as_of_year. A facility's output bound is the kb's
// output for that year where it has one (an operating plant's output of one
// or two years before is carried, as an assumption), else its capacity;
// the mines of a country with a USGS mine total for the year are scaled
// down to it where their capacities exceed it. Facilities with neither
// capacity nor output are kept at zero (basis unknown, counted in notes);
// aggregates from params are added.
base::Result<Network> build_network(const kb::Kb& kb, const ModelParams& params);

// The years the model can be solved for: those with USGS country mine
// totals (countries.csv mine_production, a "USGS MCS" edition), ascending.
std::vector<int> data_years(const kb::Kb& kb);
// The latest of them, or `fallback` when there is none.
int latest_data_year(const kb::Kb& kb, int fallback);

// A synthetic network `scale` times the size of `base` (copies of every node
// with suffixed ids, feeds kept within each copy), for benchmarks.
Network scaled_network(const Network& base, int scale);

// Effective capacity of node n expressed as t REO-equivalent throughput of
// its own stage basis (what the solver bounds).
bool is_china(std::string_view country);

}  // namespace assay::supply
