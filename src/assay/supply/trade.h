// supply/trade: China's exports of magnets and the use of magnets outside
// China, and the balance between them for a period. The knowledge base
// gives China's exports by product and period (kb/trade.csv: customs
// figures, monthly where published) and the direct use of magnets outside
// China with the regional split of China's exports (kb/demand.csv); every
// row says whether it is sourced, derived or assumed.
//
// The balance for a period (magnet_balance): manufacturers outside China
// get magnets from plants outside China (the flow model's output there) and
// from China's exports, which export controls on the magnet stage cut to a
// licensed share (ExportControl::allowed_share, month by month, times the
// share of exports the control reaches, `magnet_coverage`) and which follow
// China's own magnet output; what falls short of the baseline's supply is
// drawn from the buyers' stocks, carried from one period to the next; what
// the stocks cannot cover is use not met.
//
//   auto trade = supply::load_trade(data);                 // Result<TradeData>
//   world.baseline.trade = *trade;                         // World::load does this
//   supply::BalanceInputs in{.made_ex_china = 1847, .china_made = 20484};
//   auto b = supply::magnet_balance(net, in);              // MagnetBalance
//   fmt::print("imports {} t of {} t, unmet {} t\n", b.imports, b.imports_baseline, b.unmet);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"

namespace assay::supply {

struct Network;

// A figure's footing, as the kb files spell it.
enum class TradeBasis : unsigned char { kSourced, kDerived, kAssumed };
const char* trade_basis_name(TradeBasis b);  // "sourced", "derived", "assumed"

// kb/trade.csv: one exporter's exports of a product in a period.
struct TradeRow {
  std::string exporter, product, period, partner;  // product: magnet | rare_earths; period: 2024 | 2025-05 | 2025Q2
  double value = 0;
  std::string unit;
  TradeBasis basis = TradeBasis::kSourced;
  std::string note, source, confidence;
  std::int64_t line = 0;
};

// kb/demand.csv: direct use of magnets in a region, or a region's share of
// China's magnet exports (measure direct_use | import_share).
struct DemandRow {
  std::string region;
  int year = 0;
  std::string measure;
  double value = 0;
  std::string unit;
  TradeBasis basis = TradeBasis::kSourced;
  std::string note, source, confidence;
  std::int64_t line = 0;
};

struct TradeData {
  std::vector<TradeRow> exports;
  std::vector<DemandRow> demand;
  bool empty() const { return exports.empty() && demand.empty(); }
  // China's magnet exports for `period` ("2024", "2025-05"), if a row has it.
  const TradeRow* china_magnets(std::string_view period) const;
  // The latest full-year row of China's magnet exports no later than `year`.
  const TradeRow* china_magnets_year(int year) const;
  // The latest direct_use row for outside China no later than `year`.
  const DemandRow* use_ex_china(int year) const;
};

// Reads kb/trade.csv and kb/demand.csv; a data source with neither gives
// empty data. Errors name the file, line, column and field.
base::Result<TradeData> load_trade(const base::DataSource& data);
base::Result<TradeData> parse_trade(std::string_view trade_csv, std::string_view trade_name, std::string_view demand_csv,
                                    std::string_view demand_name);

struct BalanceInputs {
  double made_ex_china = 0;        // magnets made outside China in the period (flow model), t
  double standalone_ex_china = 0;  // the chain outside China on its own, t
  double china_made = 0;           // magnets made in China in the period, t
  // The same in the baseline (no scenario) for the same period; < 0: this
  // is the baseline.
  double china_made_baseline = -1;
  double made_ex_china_baseline = -1;
  double stock_start = -1;  // buyers' stocks at the start, t; < 0: the initial stock
};

struct RegionUse {
  std::string region;
  double imports = 0;  // China's exports to it in the period, t
  std::string basis;   // of its share: "assumed" ...
};

// All figures in t magnet for the period (Network::period).
struct MagnetBalance {
  bool available = false;  // the kb has China's exports and the use outside China
  std::string period;      // "2025" or "2025-05"
  int data_year = 0;       // year of the export and use figures scaled to the period
  double use_ex_china = 0;  // direct use outside China (kb, pro rata; not a forecast)
  std::string use_basis;    // "derived" ...
  double use_low = 0, use_high = 0;  // its published range, pro rata (0 when none)
  double made_ex_china = 0, standalone_ex_china = 0;
  double imports_baseline = 0;  // China's magnet exports without the scenario (data year, pro rata)
  double licensed_share = 1;    // share of them the export controls let through
  double china_output_ratio = 1;  // China's magnet output against the baseline's
  double imports = 0;             // imports_baseline x licensed_share x china_output_ratio
  double supply = 0;              // made_ex_china + imports
  double shortfall = 0;           // baseline supply - supply (>= 0)
  double stock_start = 0, stock_draw = 0, stock_end = 0;
  double unmet = 0;               // shortfall the stocks could not cover
  // Published figure of China's magnet exports for this very period, when
  // the kb has one (sourced or derived), for comparison.
  std::optional<double> reported_exports;
  std::string reported_basis, reported_source;
  std::vector<RegionUse> imports_by_region;
  std::vector<std::string> notes;
};

// The balance of magnets outside China for net's period.
MagnetBalance magnet_balance(const Network& net, const BalanceInputs& in);

// Share of China's magnet exports the network's export controls let
// through in its period (1 = all).
double licensed_magnet_share(const Network& net);

}  // namespace assay::supply
