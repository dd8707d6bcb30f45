#include "assay/supply/trade.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "assay/kb/csv.h"
#include "assay/supply/network.h"

namespace assay::supply {

const char* trade_basis_name(TradeBasis b) {
  switch (b) {
    case TradeBasis::kSourced: return "sourced";
    case TradeBasis::kDerived: return "derived";
    case TradeBasis::kAssumed: return "assumed";
  }
  return "sourced";
}

namespace {

struct Reader {
  const kb::CsvTable& t;
  std::string file;
  base::Error err(const kb::CsvRow& r, int col, std::string_view field, std::string msg) const {
    return base::Error::invalid(fmt::format("{}: {}", field, msg),
                                {.file = file,
                                 .line = col >= 0 ? r.lines[static_cast<std::size_t>(col)] : r.line,
                                 .column = col >= 0 ? r.columns[static_cast<std::size_t>(col)] : 0,
                                 .field = std::string(field)});
  }
  base::Status header(std::initializer_list<std::string_view> cols) const {
    std::vector<std::string> want(cols.begin(), cols.end());
    if (t.header != want)
      return base::fail(base::Error::invalid(
          fmt::format("header must be exactly: {}", fmt::format("{}", fmt::join(want, ","))), {.file = file, .line = t.header_line}));
    return {};
  }
  const std::string& at(const kb::CsvRow& r, std::string_view name) const {
    return r.fields[static_cast<std::size_t>(t.column(name))];
  }
  base::Result<double> number(const kb::CsvRow& r, std::string_view name) const {
    const std::string& s = at(r, name);
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
      return base::fail(err(r, t.column(name), name, fmt::format("'{}' is not a number >= 0", s)));
    return v;
  }
  base::Result<TradeBasis> basis(const kb::CsvRow& r) const {
    const std::string& s = at(r, "basis");
    if (s == "sourced") return TradeBasis::kSourced;
    if (s == "derived") return TradeBasis::kDerived;
    if (s == "assumed") return TradeBasis::kAssumed;
    return base::fail(err(r, t.column("basis"), "basis", fmt::format("'{}': expected sourced, derived or assumed", s)));
  }
  base::Status required(const kb::CsvRow& r, std::initializer_list<std::string_view> names) const {
    for (auto n : names)
      if (at(r, n).empty()) return base::fail(err(r, t.column(n), n, "required"));
    return {};
  }
};

base::Result<kb::CsvTable> table(std::string_view text, const std::string& file) {
  kb::CsvTable t = kb::parse_csv(text);
  if (!t.errors.empty()) return base::fail(t.errors.front().in_file(file));
  return t;
}

}  // namespace

base::Result<TradeData> parse_trade(std::string_view trade_csv, std::string_view trade_name, std::string_view demand_csv,
                                    std::string_view demand_name) {
  TradeData out;
  if (!trade_csv.empty()) {
    auto t = ASSAY_TRY(table(trade_csv, std::string(trade_name)));
    Reader r{t, std::string(trade_name)};
    ASSAY_TRY_VOID(r.header({"exporter", "product", "period", "partner", "value", "unit", "basis", "note", "source", "confidence"}));
    for (const auto& row : t.rows) {
      ASSAY_TRY_VOID(r.required(row, {"exporter", "product", "period", "partner", "unit", "source", "confidence"}));
      TradeRow x;
      x.exporter = r.at(row, "exporter");
      x.product = r.at(row, "product");
      if (x.product != "magnet" && x.product != "rare_earths")
        return base::fail(r.err(row, t.column("product"), "product", fmt::format("'{}': expected magnet or rare_earths", x.product)));
      x.period = r.at(row, "period");
      if (!parse_period(x.period))
        return base::fail(r.err(row, t.column("period"), "period", fmt::format("'{}': expected 2024, 2024Q2 or 2024-05", x.period)));
      x.partner = r.at(row, "partner");
      x.value = ASSAY_TRY(r.number(row, "value"));
      x.unit = r.at(row, "unit");
      if (x.product == "magnet" && x.unit != "t magnet")
        return base::fail(r.err(row, t.column("unit"), "unit", fmt::format("'{}': magnets are counted in t magnet", x.unit)));
      x.basis = ASSAY_TRY(r.basis(row));
      x.note = r.at(row, "note");
      x.source = r.at(row, "source");
      x.confidence = r.at(row, "confidence");
      x.line = row.line;
      out.exports.push_back(std::move(x));
    }
  }
  if (!demand_csv.empty()) {
    auto t = ASSAY_TRY(table(demand_csv, std::string(demand_name)));
    Reader r{t, std::string(demand_name)};
    ASSAY_TRY_VOID(r.header({"region", "year", "measure", "value", "unit", "basis", "note", "source", "confidence"}));
    for (const auto& row : t.rows) {
      ASSAY_TRY_VOID(r.required(row, {"region", "year", "measure", "unit", "source", "confidence"}));
      DemandRow d;
      d.region = r.at(row, "region");
      double y = ASSAY_TRY(r.number(row, "year"));
      d.year = static_cast<int>(y);
      d.measure = r.at(row, "measure");
      d.value = ASSAY_TRY(r.number(row, "value"));
      d.unit = r.at(row, "unit");
      if (d.measure == "direct_use") {
        if (d.unit != "t magnet")
          return base::fail(r.err(row, t.column("unit"), "unit", fmt::format("'{}': direct use is counted in t magnet", d.unit)));
      } else if (d.measure == "import_share") {
        if (d.unit != "share" || d.value > 1)
          return base::fail(r.err(row, t.column("value"), "value", "an import share is a fraction 0..1 with unit 'share'"));
      } else {
        return base::fail(r.err(row, t.column("measure"), "measure", fmt::format("'{}': expected direct_use or import_share", d.measure)));
      }
      d.basis = ASSAY_TRY(r.basis(row));
      d.note = r.at(row, "note");
      d.source = r.at(row, "source");
      d.confidence = r.at(row, "confidence");
      d.line = row.line;
      out.demand.push_back(std::move(d));
    }
    // The import shares of a year must add up to 1 (within rounding).
    std::vector<int> years;
    for (const auto& d : out.demand)
      if (d.measure == "import_share" && std::find(years.begin(), years.end(), d.year) == years.end()) years.push_back(d.year);
    for (int y : years) {
      double sum = 0;
      for (const auto& d : out.demand)
        if (d.measure == "import_share" && d.year == y) sum += d.value;
      if (std::fabs(sum - 1.0) > 0.005)
        return base::fail(base::Error::invalid(fmt::format("import_share: the shares of {} add up to {:.3f}, not 1", y, sum),
                                               {.file = std::string(demand_name), .field = "value"}));
    }
  }
  return out;
}

base::Result<TradeData> load_trade(const base::DataSource& data) {
  auto text = [&](const char* path) -> base::Result<std::string> {
    auto s = data.read(path);
    if (!s && s.error().code() == base::ErrorCode::kNotFound) return std::string();
    return s;
  };
  auto trade = ASSAY_TRY(text("kb/trade.csv"));
  auto demand = ASSAY_TRY(text("kb/demand.csv"));
  return parse_trade(trade, data.display_path("kb/trade.csv"), demand, data.display_path("kb/demand.csv"));
}

const TradeRow* TradeData::china_magnets(std::string_view period) const {
  for (const auto& r : exports)
    if (r.exporter == "China" && r.product == "magnet" && r.partner == "World" && r.period == period) return &r;
  return nullptr;
}

const TradeRow* TradeData::china_magnets_year(int year) const {
  const TradeRow* best = nullptr;
  int best_year = 0;
  for (const auto& r : exports) {
    if (r.exporter != "China" || r.product != "magnet" || r.partner != "World" || r.period.size() != 4) continue;
    int y = std::atoi(r.period.c_str());
    if (y <= year && y > best_year) {
      best = &r;
      best_year = y;
    }
  }
  return best;
}

const DemandRow* TradeData::use_ex_china(int year) const {
  const DemandRow* best = nullptr;
  for (const auto& d : demand)
    if (d.region == "Outside China" && d.measure == "direct_use" && d.year <= year && (!best || d.year > best->year)) best = &d;
  return best;
}

double licensed_magnet_share(const Network& net) {
  double share = 1.0;
  for (const auto& c : net.controls) {
    if (c.country != "China" || !c.stages.has(Stage::kMagnet)) continue;
    double coverage = 0;
    if (c.magnet_coverage) coverage = *c.magnet_coverage;
    else if (c.elements.has(Element::kDy) || c.elements.has(Element::kTb)) coverage = 1.0;
    share *= 1.0 - coverage * (1.0 - c.allowed_share);
  }
  return share;
}

MagnetBalance magnet_balance(const Network& net, const BalanceInputs& in) {
  MagnetBalance b;
  const int year = net.params.as_of_year;
  const Period p = net.period.year == 0 ? Period{year, 1, 12} : net.period;
  b.period = p.label();
  const double f = p.fraction();
  b.made_ex_china = in.made_ex_china;
  b.standalone_ex_china = in.standalone_ex_china;
  const TradeRow* exports = net.trade.china_magnets_year(year);
  const DemandRow* use = net.trade.use_ex_china(year);
  if (!exports || !use) {
    b.notes.push_back("the kb has no China magnet exports or no use outside China for the year (kb/trade.csv, kb/demand.csv)");
    return b;
  }
  b.available = true;
  b.data_year = std::atoi(exports->period.c_str());
  b.use_ex_china = use->value * f;
  b.use_basis = trade_basis_name(use->basis);
  if (use->note.find("75,000-85,000") != std::string::npos) {
    b.use_low = 75000 * f;
    b.use_high = 85000 * f;
  }
  b.imports_baseline = exports->value * f;
  b.licensed_share = licensed_magnet_share(net);
  if (in.china_made_baseline > 0) b.china_output_ratio = std::min(1.0, in.china_made / in.china_made_baseline);
  b.imports = b.imports_baseline * b.licensed_share * b.china_output_ratio;
  b.supply = b.made_ex_china + b.imports;
  const double made_base = in.made_ex_china_baseline >= 0 ? in.made_ex_china_baseline : in.made_ex_china;
  const double supply_base = made_base + b.imports_baseline;
  b.shortfall = std::max(0.0, supply_base - b.supply);
  const double initial = net.params.buyer_stock_months * exports->value / 12.0;
  b.stock_start = in.stock_start >= 0 ? in.stock_start : initial;
  b.stock_draw = std::min(b.stock_start, b.shortfall);
  b.unmet = b.shortfall - b.stock_draw;
  // Supply above the baseline's refills the stocks up to their initial level.
  const double surplus = std::max(0.0, b.supply - supply_base);
  b.stock_end = std::min(std::max(initial, b.stock_start), b.stock_start - b.stock_draw + surplus);
  if (const TradeRow* r = net.trade.china_magnets(b.period)) {
    b.reported_exports = r->value;
    b.reported_basis = trade_basis_name(r->basis);
    b.reported_source = r->source;
  }
  for (const auto& d : net.trade.demand)
    if (d.measure == "import_share" && d.year == b.data_year)
      b.imports_by_region.push_back({d.region, b.imports * d.value, trade_basis_name(d.basis)});
  if (b.data_year != year)
    b.notes.push_back(fmt::format("China's magnet exports ({} t) and the use outside China ({} t) are {} figures carried to {}{}",
                                  exports->value, use->value, b.data_year, year, f != 1.0 ? ", pro rata" : ""));
  return b;
}

}  // namespace assay::supply
