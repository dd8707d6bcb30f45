// The loader: CSV files -> typed, validated tables (kb.h). Every problem is
// collected, none stops the load; rows with errors are dropped.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "assay/base/strings.h"
#include "assay/kb/csv.h"
#include "assay/kb/kb.h"

namespace assay::kb {
namespace {

using base::Error;
using base::Location;

// One file being read: the parsed table, its display name and the sink for errors.
class Table {
 public:
  Table(std::string file, std::string_view text, base::Errors& errors,
        std::vector<std::string> columns)
      : file_(std::move(file)), csv_(parse_csv(text)), errors_(errors), columns_(std::move(columns)) {
    for (auto& e : csv_.errors) {
      Error x = e;
      x.where().file = file_;
      errors_.add(std::move(x));
    }
    index_.assign(columns_.size(), -1);
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      index_[i] = csv_.column(columns_[i]);
      if (index_[i] < 0 && !csv_.header.empty())
        errors_.add(Error::invalid("missing column", {.file = file_, .line = std::max<std::int64_t>(csv_.header_line, 1),
                                                            .column = 1, .field = columns_[i]}));
    }
    for (std::size_t i = 0; i < csv_.header.size(); ++i) {
      if (std::find(csv_.header.begin(), csv_.header.begin() + static_cast<std::ptrdiff_t>(i), csv_.header[i]) !=
          csv_.header.begin() + static_cast<std::ptrdiff_t>(i)) {
        errors_.add(Error::invalid("duplicate column", {.file = file_, .line = csv_.header_line,
                                                              .column = csv_.header_columns[i], .field = csv_.header[i]}));
        continue;
      }
      if (std::find(columns_.begin(), columns_.end(), csv_.header[i]) == columns_.end())
        errors_.add(Error::invalid(
            fmt::format("unknown column (expected: {})", base::join(columns_, ",")),
            {.file = file_, .line = csv_.header_line, .column = csv_.header_columns[i], .field = csv_.header[i]}));
    }
  }

  bool usable() const {
    return std::all_of(index_.begin(), index_.end(), [](int i) { return i >= 0; });
  }
  const std::vector<CsvRow>& rows() const { return csv_.rows; }
  const std::string& file() const { return file_; }

  // Reading one row's cells; `ok` turns false on the first problem.
  class Row {
   public:
    Row(Table& t, const CsvRow& r) : t_(t), r_(r) {}
    bool ok = true;

    std::string_view raw(std::string_view name) const {
      int i = t_.col(name);
      if (i < 0 || static_cast<std::size_t>(i) >= r_.fields.size()) return {};
      return base::trim(r_.fields[i]);
    }
    Location where(std::string_view name) const {
      int i = t_.col(name);
      Location l{.file = t_.file_, .line = r_.line, .column = 0, .field = std::string(name)};
      if (i >= 0 && static_cast<std::size_t>(i) < r_.fields.size()) {
        l.line = r_.lines[i];
        l.column = r_.columns[i];
      }
      return l;
    }
    void error(std::string_view name, std::string message) {
      t_.errors_.add(Error::invalid(std::move(message), where(name)));
      ok = false;
    }
    std::string text(std::string_view name) { return std::string(raw(name)); }
    std::string required(std::string_view name) {
      auto s = raw(name);
      if (s.empty()) error(name, "required value is empty");
      return std::string(s);
    }
    std::optional<double> number(std::string_view name, bool required, double lo, double hi) {
      auto s = raw(name);
      if (s.empty()) {
        if (required) error(name, "required number is empty");
        return std::nullopt;
      }
      double v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
        error(name, fmt::format("not a number: '{}'", s));
        return std::nullopt;
      }
      if (v < 0 && lo >= 0) {
        error(name, fmt::format("negative value {} (must be >= {})", s, lo));
        return std::nullopt;
      }
      if (v < lo || v > hi) {
        error(name, fmt::format("value {} out of range [{}, {}]", s, lo, hi));
        return std::nullopt;
      }
      return v;
    }
    std::optional<int> integer(std::string_view name, bool required, int lo, int hi) {
      auto s = raw(name);
      if (s.empty()) {
        if (required) error(name, "required integer is empty");
        return std::nullopt;
      }
      int v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size()) {
        error(name, fmt::format("not an integer: '{}'", s));
        return std::nullopt;
      }
      if (v < lo || v > hi) {
        error(name, fmt::format("value {} out of range [{}, {}]", s, lo, hi));
        return std::nullopt;
      }
      return v;
    }
    template <typename E>
    std::optional<E> enumeration(std::string_view name, std::optional<E> (*parse)(std::string_view),
                                 std::string_view what, std::string_view expected, bool required = true) {
      auto s = raw(name);
      if (s.empty()) {
        if (required) error(name, fmt::format("required {} is empty (expected {})", what, expected));
        return std::nullopt;
      }
      auto v = parse(s);
      if (!v) error(name, fmt::format("unknown {} '{}' (expected {})", what, s, expected));
      return v;
    }
    std::string country(std::string_view name, bool required = true) {
      auto s = raw(name);
      if (s.empty()) {
        if (required) error(name, "required country is empty");
        return {};
      }
      if (!country_iso3(s)) error(name, fmt::format("unknown country '{}' (use the English short name, e.g. 'United States')", s));
      return std::string(s);
    }
    std::vector<std::string> list(std::string_view name) {
      std::vector<std::string> out;
      auto s = raw(name);
      if (s.empty()) return out;
      for (auto part : base::split(s, ';')) {
        part = base::trim(part);
        if (!part.empty()) out.emplace_back(part);
      }
      return out;
    }
    std::string date(std::string_view name, bool required) {
      auto s = raw(name);
      if (s.empty()) {
        if (required) error(name, "required date is empty");
        return {};
      }
      auto digits = [&](std::size_t from, std::size_t n) {
        if (from + n > s.size()) return false;
        for (std::size_t i = from; i < from + n; ++i)
          if (!base::is_ascii_digit(s[i])) return false;
        return true;
      };
      bool good = digits(0, 4) && (s.size() == 4 || (s.size() >= 7 && s[4] == '-' && digits(5, 2) &&
                                                     (s.size() == 7 || (s.size() == 10 && s[7] == '-' && digits(8, 2)))));
      if (good && s.size() >= 7) {
        int month = (s[5] - '0') * 10 + (s[6] - '0');
        if (month < 1 || month > 12) good = false;
        if (s.size() == 10) {
          int day = (s[8] - '0') * 10 + (s[9] - '0');
          if (day < 1 || day > 31) good = false;
        }
      }
      if (!good) error(name, fmt::format("bad date '{}' (expected YYYY, YYYY-MM or YYYY-MM-DD)", s));
      return std::string(s);
    }
    void provenance(Provenance& p) {
      p.line = r_.line;
      p.file = t_.file_;
      p.source = required("source");
      if (auto c = enumeration("confidence", &parse_confidence, "confidence", "primary|secondary|estimate")) p.confidence = *c;
    }
    std::string slug(std::string_view name) {
      std::string s = required(name);
      if (s.empty()) return s;
      bool good = std::all_of(s.begin(), s.end(), [](char c) {
        return base::is_ascii_lower(c) || base::is_ascii_digit(c) || c == '-';
      });
      if (!good) error(name, fmt::format("bad id '{}' (use lower-case letters, digits and '-')", s));
      return s;
    }

   private:
    Table& t_;
    const CsvRow& r_;
  };

  int col(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i] == name) return index_[i];
    return -1;
  }
  // Location of `field` in the row that starts at `line` (for cross-table checks).
  Location locate(std::int64_t line, std::string_view field) const {
    Location l{.file = file_, .line = line, .column = 0, .field = std::string(field)};
    auto it = std::lower_bound(csv_.rows.begin(), csv_.rows.end(), line,
                               [](const CsvRow& r, std::int64_t ln) { return r.line < ln; });
    int i = col(field);
    if (it != csv_.rows.end() && it->line == line && i >= 0 && static_cast<std::size_t>(i) < it->fields.size()) {
      l.line = it->lines[i];
      l.column = it->columns[i];
    }
    return l;
  }

 private:
  std::string file_;
  CsvTable csv_;
  base::Errors& errors_;
  std::vector<std::string> columns_;
  std::vector<int> index_;
};

constexpr std::string_view kExpectedUnits =
    "t REO|t concentrate|t NdPr oxide|t separated oxides|t heavy oxides|t metal|t alloy|t magnet|t feed";

bool unit_fits_stage(CapacityUnit u, Stage s) {
  using U = CapacityUnit;
  switch (s) {
    case Stage::kMining:
    case Stage::kConcentration:
    case Stage::kCrackingLeaching:
      return u == U::kTReo || u == U::kTConcentrate || u == U::kTNdPrOxide;
    case Stage::kSeparation:
      return u == U::kTReo || u == U::kTNdPrOxide || u == U::kTSeparatedOxides || u == U::kTHeavyOxides ||
             u == U::kTFeed;
    case Stage::kMetalAlloy:
      return u == U::kTMetal || u == U::kTAlloy;
    case Stage::kMagnet:
      return u == U::kTMagnet;
    case Stage::kRecycling:
      return u == U::kTFeed || u == U::kTReo || u == U::kTNdPrOxide || u == U::kTMagnet || u == U::kTAlloy;
  }
  return false;
}

void fill_shares(Kb& kb) {
  constexpr int kPr = static_cast<int>(Element::kPr), kNd = static_cast<int>(Element::kNd);
  const std::size_t n = kb.deposits.size();
  std::vector<int> state(n, 0);  // 0 todo, 1 in progress, 2 done
  std::function<void(std::size_t)> fill = [&](std::size_t i) {
    Deposit& d = kb.deposits[i];
    if (state[i] != 0) return;  // done, or a proxy loop (reported by cross_check)
    state[i] = 1;
    d.share.fill(0);
    double sum = 0;
    for (int e = 0; e < kDistributionElementCount; ++e) sum += d.pct[e].value_or(0);
    if (sum > 0) {
      for (int e = 0; e < kDistributionElementCount; ++e) d.share[e] = d.pct[e].value_or(0) / sum;
      state[i] = 2;
      return;
    }
    std::array<double, kDistributionElementCount> shape{};
    bool have_shape = false;
    if (!d.proxy.empty()) {
      if (const Deposit* p = kb.find_deposit(d.proxy)) {
        std::size_t pi = static_cast<std::size_t>(p - kb.deposits.data());
        fill(pi);
        shape = kb.deposits[pi].share;
        for (double v : shape) have_shape = have_shape || v > 0;
      }
    }
    if (!d.nd_pr_pct) {
      if (have_shape) d.share = shape;
    } else {
      double ndpr = *d.nd_pr_pct / 100.0;
      double p_ndpr = shape[kPr] + shape[kNd];
      if (have_shape && p_ndpr > 0 && p_ndpr < 1) {
        for (int e = 0; e < kDistributionElementCount; ++e) {
          bool is_ndpr = e == kPr || e == kNd;
          d.share[e] = is_ndpr ? shape[e] / p_ndpr * ndpr : shape[e] / (1.0 - p_ndpr) * (1.0 - ndpr);
        }
      } else {
        d.share[kNd] = 0.75 * ndpr;
        d.share[kPr] = 0.25 * ndpr;
        d.share[static_cast<int>(Element::kLa)] = (1.0 - ndpr) / 3.0;
        d.share[static_cast<int>(Element::kCe)] = (1.0 - ndpr) * 2.0 / 3.0;
      }
    }
    state[i] = 2;
  };
  for (std::size_t i = 0; i < n; ++i) fill(i);
}

// Cross-table checks. `locate(file_index, line, field)` gives the location.
using Locator = std::function<Location(int, std::int64_t, std::string_view)>;
enum FileIndex { kCountriesF, kDepositsF, kCompaniesF, kFacilitiesF, kPoliciesF, kPricesF, kMagnetsF, kOutletsF, kRisksF,
                 kBalanceF, kPublishedF, kTradeF, kDemandF, kEstimatesF, kSharesF };

// Ids of rows that were dropped for their own errors, by file: references to
// them are not reported again (the row's own error says what is wrong).
using DroppedIds = std::array<std::set<std::string, std::less<>>, kFiles.size()>;

// Ids given twice in one table, and the same figure given twice (countries
// by country, year, measure and edition; prices by product, basis, date and
// period).
void check_duplicates(const Kb& kb, const Locator& at, base::Errors& errors) {
  auto dup = [&](const auto& v, int file) {
    std::unordered_map<std::string, std::int64_t> seen;
    for (const auto& row : v) {
      auto [it, fresh] = seen.emplace(row.id, row.line);
      if (!fresh)
        errors.add(Error::invalid(fmt::format("duplicate id '{}' (first on line {})", row.id, it->second),
                                        at(file, row.line, file == kMagnetsF ? "grade" : "id")));
    }
  };
  {
    std::map<std::string, std::int64_t> seen;
    for (const auto& c : kb.countries) {
      std::string key = fmt::format("{}|{}|{}|{}", c.country, c.year, measure_name(c.measure), c.edition);
      auto [it, fresh] = seen.emplace(key, c.line);
      if (!fresh)
        errors.add(Error::invalid(
            fmt::format("same country, year, measure and edition as line {}", it->second), at(kCountriesF, c.line, "edition")));
    }
  }
  {
    std::map<std::string, std::int64_t> seen;
    for (const auto& p : kb.prices) {
      std::string key = fmt::format("{}|{}|{}|{}", p.product, p.basis, p.date, p.period);
      auto [it, fresh] = seen.emplace(key, p.line);
      if (!fresh)
        errors.add(Error::invalid(
            fmt::format("same product, basis, date and period as line {}", it->second), at(kPricesF, p.line, "period")));
    }
  }
  dup(kb.deposits, kDepositsF);
  dup(kb.companies, kCompaniesF);
  dup(kb.facilities, kFacilitiesF);
  dup(kb.policies, kPoliciesF);
  dup(kb.outlets, kOutletsF);
  dup(kb.risks, kRisksF);
  dup(kb.balance, kBalanceF);
  dup(kb.published, kPublishedF);
  dup(kb.estimates, kEstimatesF);
  dup(kb.shares, kSharesF);
}

// References within a table: company parents, deposit proxies (and that
// their chains end), related policies. Ids of dropped rows are not reported
// again.
void check_references(const Kb& kb, const Locator& at, base::Errors& errors, const DroppedIds& dropped) {
  auto dropped_in = [&](int file, std::string_view id) { return dropped[file].count(id) > 0; };
  for (const auto& c : kb.companies) {
    if (!c.parent.empty() && !kb.find_company(c.parent) && !dropped_in(kCompaniesF, c.parent))
      errors.add(Error::not_found(fmt::format("unknown company id '{}'", c.parent), at(kCompaniesF, c.line, "parent")));
    // Parent chains must end.
    const Company* p = &c;
    for (std::size_t steps = 0; p && !p->parent.empty(); ++steps) {
      if (steps > kb.companies.size()) {
        errors.add(Error::invalid("parent chain loops back on itself", at(kCompaniesF, c.line, "parent")));
        break;
      }
      p = kb.find_company(p->parent);
    }
  }
  for (const auto& d : kb.deposits) {
    if (d.proxy.empty()) continue;
    if (!kb.find_deposit(d.proxy)) {
      if (dropped_in(kDepositsF, d.proxy)) continue;
      errors.add(Error::not_found(fmt::format("unknown deposit id '{}'", d.proxy), at(kDepositsF, d.line, "proxy")));
      continue;
    }
    const Deposit* p = &d;
    for (std::size_t steps = 0; p && !p->proxy.empty(); ++steps) {
      if (steps > kb.deposits.size()) {
        errors.add(Error::invalid("proxy chain loops back on itself", at(kDepositsF, d.line, "proxy")));
        break;
      }
      p = kb.find_deposit(p->proxy);
    }
  }
  for (const auto& p : kb.policies)
    for (auto part : base::split(p.related, ';')) {
      part = base::trim(part);
      if (!part.empty() && !kb.find_policy(part) && !dropped_in(kPoliciesF, part))
        errors.add(Error::not_found(fmt::format("unknown policy id '{}'", part), at(kPoliciesF, p.line, "related")));
    }
}

// A facility's company, deposit and feeds exist, and it does not feed
// itself. False when the feed graph is incomplete (then its cycles are not
// checked).
bool check_facility_references(const Kb& kb, const Locator& at, base::Errors& errors, const DroppedIds& dropped) {
  auto dropped_in = [&](int file, std::string_view id) { return dropped[file].count(id) > 0; };
  bool feeds_ok = true;
  for (const auto& f : kb.facilities) {
    if (!f.company.empty() && !kb.find_company(f.company) && !dropped_in(kCompaniesF, f.company))
      errors.add(Error::not_found(fmt::format("unknown company id '{}'", f.company), at(kFacilitiesF, f.line, "company")));
    if (!f.deposit.empty() && !kb.find_deposit(f.deposit) && !dropped_in(kDepositsF, f.deposit))
      errors.add(Error::not_found(fmt::format("unknown deposit id '{}'", f.deposit), at(kFacilitiesF, f.line, "deposit")));
    for (const auto& id : f.feed) {
      if (!kb.find_facility(id)) {
        if (dropped_in(kFacilitiesF, id)) {
          feeds_ok = false;  // a cycle check over a partial graph would mislead
          continue;
        }
        errors.add(Error::not_found(fmt::format("unknown facility id '{}' in feed", id), at(kFacilitiesF, f.line, "feed")));
        feeds_ok = false;
      } else if (id == f.id) {
        errors.add(Error::invalid(fmt::format("facility '{}' feeds itself", id), at(kFacilitiesF, f.line, "feed")));
        feeds_ok = false;
      }
    }
  }
  return feeds_ok;
}

// Feed cycles: depth-first search over "is fed by" edges; each cycle is
// reported once, at the row of its member that comes first in the file.
void check_feed_cycles(const Kb& kb, const Locator& at, base::Errors& errors) {
  const std::size_t n = kb.facilities.size();
  std::vector<int> color(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::size_t> stack;
  std::set<std::vector<std::size_t>> reported;
  std::function<void(std::size_t)> visit = [&](std::size_t u) {
    color[u] = 1;
    stack.push_back(u);
    for (const auto& id : kb.facilities[u].feed) {
      auto v = kb.facility_index(id);
      if (!v) continue;
      if (color[*v] == 1) {
        auto from = std::find(stack.begin(), stack.end(), *v);
        std::vector<std::size_t> cyc(from, stack.end());
        auto key = cyc;
        std::sort(key.begin(), key.end());
        if (!reported.insert(key).second) continue;
        auto first = *std::min_element(cyc.begin(), cyc.end(), [&](std::size_t a, std::size_t b) {
          return kb.facilities[a].line < kb.facilities[b].line;
        });
        // Rotate so the cycle is printed from its first row.
        auto pos = std::find(cyc.begin(), cyc.end(), first);
        std::rotate(cyc.begin(), pos, cyc.end());
        std::string path;
        for (auto i : cyc) path += kb.facilities[i].id + " <- ";
        path += kb.facilities[first].id;
        errors.add(Error::invalid(fmt::format("feed cycle: {}", path), at(kFacilitiesF, kb.facilities[first].line, "feed")));
      } else if (color[*v] == 0) {
        visit(*v);
      }
    }
    stack.pop_back();
    color[u] = 2;
  };
  for (std::size_t i = 0; i < n; ++i)
    if (color[i] == 0) visit(i);
}

// Mass balance where the data allow (each facility's unit fitting its stage
// is a row rule, unit_fits_stage): a country's mines do not report more
// output (t REO) for a year than the country's mine production for that year
// in countries.csv (the largest figure any edition gives, so a revision up
// is never an error).
void check_mine_balance(const Kb& kb, const Locator& at, base::Errors& errors) {
  std::map<std::pair<std::string, int>, double> national;  // (country, year) -> t REO
  for (const auto& c : kb.countries)
    if (c.measure == FigureMeasure::kMineProduction && c.value && c.unit == "t REO") {
      auto [it, fresh] = national.emplace(std::pair{c.country, c.year}, *c.value);
      if (!fresh) it->second = std::max(it->second, *c.value);
    }
  struct Sum {
    double tonnes = 0;
    std::vector<const Facility*> rows;
  };
  std::map<std::pair<std::string, int>, Sum> mines;
  for (const auto& f : kb.facilities)
    if (f.stage == Stage::kMining && f.output && f.output_year && f.capacity_unit == CapacityUnit::kTReo) {
      auto& m = mines[{f.country, *f.output_year}];
      m.tonnes += *f.output;
      m.rows.push_back(&f);
    }
  for (const auto& [key, m] : mines) {
    auto it = national.find(key);
    if (it == national.end() || m.tonnes <= it->second * (1 + 1e-9)) continue;
    std::string ids;
    for (const auto* f : m.rows) ids += (ids.empty() ? "" : ", ") + f->id;
    errors.add(Error::invalid(fmt::format("mines in {} report {:g} t REO of output for {} ({}), more than the country's "
                                          "mine production of {:g} t REO in countries.csv",
                                          key.first, m.tonnes, key.second, ids, it->second),
                              at(kFacilitiesF, m.rows.back()->line, "output")));
  }
}

// Units along the chain: what a facility makes must be something its
// consumer takes (t REO of ore or concentrate into concentration, cracking
// and separation; separated oxide into metal plants, with the kb's
// oxide-to-metal factors into magnet plants; metal into magnets; scrap into
// recyclers). A metal plant fed by a mine, or a separation line fed by a
// magnet plant, is an error on the consumer's `feed`.
bool feed_fits(Stage from, Stage to) {
  using S = Stage;
  switch (from) {
    case S::kMining: return to == S::kConcentration || to == S::kCrackingLeaching || to == S::kSeparation;
    case S::kConcentration:
    case S::kCrackingLeaching: return to == S::kCrackingLeaching || to == S::kSeparation;
    case S::kSeparation: return to == S::kSeparation || to == S::kMetalAlloy || to == S::kMagnet;
    case S::kMetalAlloy: return to == S::kMetalAlloy || to == S::kMagnet;
    case S::kMagnet: return to == S::kRecycling;
    case S::kRecycling: return to == S::kRecycling || to == S::kSeparation || to == S::kMetalAlloy;
  }
  return false;
}

const char* stage_product(Stage s) {
  switch (s) {
    case Stage::kMining:
    case Stage::kConcentration:
    case Stage::kCrackingLeaching: return "mixed REO (t REO)";
    case Stage::kSeparation: return "separated oxides";
    case Stage::kMetalAlloy: return "metal or alloy";
    case Stage::kMagnet: return "magnets (t magnet)";
    case Stage::kRecycling: return "recovered oxide";
  }
  return "";
}

void check_chain_units(const Kb& kb, const Locator& at, base::Errors& errors) {
  for (const auto& f : kb.facilities)
    for (const auto& id : f.feed) {
      const Facility* src = kb.find_facility(id);
      if (!src || feed_fits(src->stage, f.stage)) continue;
      errors.add(Error::invalid(fmt::format("units along the chain: {} ({}) makes {}, which a {} plant does not take",
                                            src->id, stage_name(src->stage), stage_product(src->stage), stage_name(f.stage)),
                                at(kFacilitiesF, f.line, "feed")));
    }
}

// balance.csv against the facilities: each row's facility exists and is of
// the row's stage; a stockpile is in the facility's own unit (the kb gives
// no conversion between a facility's units) and is no more than what the
// facility made that year (a sink cannot hold more than the flow into it);
// a recovery is stated once per stage or facility.
void check_balance(const Kb& kb, const Locator& at, base::Errors& errors, const DroppedIds& dropped) {
  std::map<std::tuple<int, std::string, int>, std::int64_t> seen;
  for (const auto& b : kb.balance) {
    const Facility* f = b.facility.empty() ? nullptr : kb.find_facility(b.facility);
    if (!b.facility.empty() && !f) {
      if (!dropped[kFacilitiesF].count(b.facility))
        errors.add(Error::invalid(fmt::format("unknown facility id '{}'", b.facility), at(kBalanceF, b.line, "facility")));
      continue;
    }
    if (f && f->stage != b.stage) {
      errors.add(Error::invalid(fmt::format("facility {} is a {} row, not {}", f->id, stage_name(f->stage), stage_name(b.stage)),
                                at(kBalanceF, b.line, "stage")));
      continue;
    }
    if (b.kind == BalanceKind::kRecovery) {
      auto [it, fresh] = seen.emplace(std::tuple{static_cast<int>(b.stage), b.facility, b.year}, b.line);
      if (!fresh)
        errors.add(Error::invalid(fmt::format("a second recovery for the same stage, facility and year (first on line {})", it->second),
                                  at(kBalanceF, b.line, "value")));
      continue;
    }
    if (!f) continue;  // stockpile without facility: a row error already
    if (f->capacity_unit && capacity_unit_name(*f->capacity_unit) != b.unit) {
      errors.add(Error::invalid(fmt::format("unit '{}' is not {}'s unit '{}' (no conversion is given)", b.unit, f->id,
                                            capacity_unit_name(*f->capacity_unit)),
                                at(kBalanceF, b.line, "unit")));
      continue;
    }
    if (f->output && f->output_year && *f->output_year == b.year && b.value > *f->output * (1 + 1e-9))
      errors.add(Error::invalid(fmt::format("mass balance: stockpile of {:g} {} is more than {} made in {} ({:g} {}, facilities.csv line {})",
                                            b.value, b.unit, f->id, b.year, *f->output, b.unit, f->line),
                                at(kBalanceF, b.line, "value")));
  }
}

void cross_check(const Kb& kb, const Locator& at, base::Errors& errors, const DroppedIds& dropped = {}) {
  check_duplicates(kb, at, errors);
  check_mine_balance(kb, at, errors);
  check_balance(kb, at, errors, dropped);
  check_references(kb, at, errors, dropped);
  if (check_facility_references(kb, at, errors, dropped)) {
    // Units along the chain once the feeds form a chain (a cycle is named
    // as such, not as the backward feed it needs).
    const std::size_t before = errors.size();
    check_feed_cycles(kb, at, errors);
    if (errors.size() == before) check_chain_units(kb, at, errors);
  }
}

std::vector<std::string> cols(std::initializer_list<const char*> names) {
  std::vector<std::string> v;
  for (auto n : names) v.emplace_back(n);
  v.emplace_back("source");
  v.emplace_back("confidence");
  return v;
}

const std::array<const char*, kDistributionElementCount> kDistCols = {
    "La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"};

// countries.csv: production, reserves and magnet output by country.
void load_countries(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    CountryFigure c;
    c.country = row.country("country");
    c.iso3 = row.required("iso3");
    if (row.ok) {
      auto iso = country_iso3(c.country);
      if (iso && *iso != c.iso3) row.error("iso3", fmt::format("iso3 '{}' does not match country '{}' ({})", c.iso3, c.country, *iso));
    }
    c.year = row.integer("year", true, 1900, 2100).value_or(0);
    auto measure = row.enumeration("measure", &parse_measure, "measure", "mine_production|reserves|magnet_output");
    if (measure) c.measure = *measure;
    c.value = row.number("value", false, 0, 1e12);
    c.unit = row.required("unit");
    if (!c.unit.empty() && measure) {
      const char* want = *measure == FigureMeasure::kMagnetOutput ? "t magnet" : "t REO";
      if (c.unit != want) row.error("unit", fmt::format("unknown unit '{}' (expected {} for {})", c.unit, want, measure_name(*measure)));
    }
    c.edition = row.required("edition");
    c.note = row.text("note");
    row.provenance(c);
    if (row.ok) kb.countries.push_back(std::move(c));
  }
}

// deposits.csv: deposits and their element distributions.
void load_deposits(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Deposit d;
    d.id = row.slug("id");
    d.name = row.required("name");
    d.country = row.country("country");
    d.ore_type = row.required("ore_type");
    double sum = 0;
    bool any = false;
    for (int i = 0; i < kDistributionElementCount; ++i) {
      d.pct[i] = row.number(kDistCols[i], false, 0, 100);
      if (d.pct[i]) {
        sum += *d.pct[i];
        any = true;
      }
    }
    d.nd_pr_pct = row.number("nd_pr", false, 0, 100);
    d.proxy = row.text("proxy");
    if (sum > 105) row.error("La", fmt::format("element shares sum to {:.2f}% (more than 105%)", sum));
    if (!any && !d.nd_pr_pct && d.proxy.empty())
      row.error("nd_pr", "no element shares, no nd_pr and no proxy: give at least one");
    if (any && d.nd_pr_pct && d.pct[2] && d.pct[3] &&
        std::abs(*d.pct[2] + *d.pct[3] - *d.nd_pr_pct) > 0.5 + 0.02 * *d.nd_pr_pct)
      row.error("nd_pr", fmt::format("nd_pr {} disagrees with Pr + Nd = {}", *d.nd_pr_pct, *d.pct[2] + *d.pct[3]));
    row.provenance(d);
    if (row.ok) kb.deposits.push_back(std::move(d));
  }
}

// companies.csv: companies, aliases, tickers and ownership.
void load_companies(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Company c;
    c.id = row.slug("id");
    c.name = row.required("name");
    c.aliases = row.list("aliases");
    c.tickers = row.list("tickers");
    c.country = row.country("country");
    if (auto s = row.enumeration("state_owned", &parse_state_owned, "state_owned", "yes|partial|no")) c.state_owned = *s;
    c.parent = row.text("parent");
    row.provenance(c);
    if (row.ok) kb.companies.push_back(std::move(c));
  }
}

// facilities.csv: mines and plants, their stage, capacity and status.
void load_facilities(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Facility f;
    f.id = row.slug("id");
    f.site = row.text("site");
    if (f.site.empty()) f.site = f.id;
    f.name = row.required("name");
    f.company = row.required("company");
    f.country = row.country("country");
    f.location = row.text("location");
    auto stage = row.enumeration("stage", &parse_stage, "stage",
                                 "mining|concentration|cracking_leaching|separation|metal_alloy|magnet|recycling");
    if (stage) f.stage = *stage;
    f.products = row.text("products");
    if (!row.raw("elements").empty()) {
      auto es = parse_element_set(row.raw("elements"));
      if (!es) row.error("elements", fmt::format("bad element list '{}' (expected all, light, heavy or symbols joined by ';')", row.raw("elements")));
      else f.elements = *es;
    }
    f.capacity = row.number("capacity", false, 0, 1e9);
    f.capacity_unit = row.enumeration("capacity_unit", &parse_capacity_unit, "unit", kExpectedUnits, false);
    f.output = row.number("output", false, 0, 1e9);
    f.output_year = row.integer("output_year", false, 1950, 2100);
    if ((f.capacity || f.output) && row.raw("capacity_unit").empty())
      row.error("capacity_unit", "a capacity or output needs a unit");
    if (f.output && !f.output_year) row.error("output_year", "an output needs its year");
    if (f.capacity_unit && stage && !unit_fits_stage(*f.capacity_unit, *stage))
      row.error("capacity_unit", fmt::format("unit '{}' does not fit stage '{}'", capacity_unit_name(*f.capacity_unit), stage_name(*stage)));
    if (auto s = row.enumeration("status", &parse_status, "status", "operating|commissioning|construction|planned|suspended|closed")) f.status = *s;
    f.status_year = row.integer("status_year", true, 1950, 2100).value_or(0);
    f.feed = row.list("feed");
    f.deposit = row.text("deposit");
    if (stage && *stage == Stage::kMining && f.deposit.empty())
      row.error("deposit", "a mine needs a deposit id (deposits.csv)");
    f.controlling_country = row.country("controlling_country", false);
    f.technology_origin = row.country("technology_origin", false);
    f.note = row.text("note");
    row.provenance(f);
    if (row.ok) kb.facilities.push_back(std::move(f));
  }
}

// policies.csv: export controls, bans, quotas and support.
void load_policies(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Policy p;
    p.id = row.slug("id");
    p.country = row.country("country");
    if (auto v = row.enumeration("type", &parse_policy_type, "policy type",
                                 "export_control|export_ban|import_ban|technology_export_ban|licence_condition|"
                                 "suspension|supply_disruption|production_quota|support"))
      p.type = *v;
    auto es = row.raw("elements");
    if (es.empty()) row.error("elements", "required value is empty (use 'all')");
    else if (auto e = parse_element_set(es)) p.elements = *e;
    else row.error("elements", fmt::format("bad element list '{}'", es));
    auto ss = row.raw("stages");
    if (ss.empty()) row.error("stages", "required value is empty (use 'all')");
    else if (auto s = parse_stage_set(ss)) p.stages = *s;
    else row.error("stages", fmt::format("bad stage list '{}'", ss));
    p.destinations = row.list("destinations");
    if (p.destinations.size() == 1 && p.destinations[0] == "all") p.destinations.clear();
    for (const auto& d : p.destinations)
      if (!country_iso3(d)) row.error("destinations", fmt::format("unknown country '{}'", d));
    p.announced = row.date("announced", true);
    p.effective = row.date("effective", false);
    p.ends = row.date("ends", false);
    if (auto s = row.enumeration("status", &parse_policy_status, "policy status", "announced|in_force|suspended|lifted|expired")) p.status = *s;
    p.related = row.text("related");
    p.scope = row.required("scope");
    row.provenance(p);
    if (row.ok) kb.policies.push_back(std::move(p));
  }
}

// prices.csv: price points by product, form and date.
void load_prices(Table& t, Kb& kb) {
  static const std::set<std::string, std::less<>> kForms = {"oxide", "metal", "alloy", "magnet", "carbonate", "concentrate"};
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Price p;
    p.product = row.required("product");
    auto es = row.raw("elements");
    if (auto e = parse_element_set(es)) p.elements = *e;
    else row.error("elements", fmt::format("bad element list '{}'", es));
    p.form = row.required("form");
    if (!p.form.empty() && !kForms.count(p.form))
      row.error("form", fmt::format("unknown form '{}' (expected oxide|metal|alloy|magnet|carbonate|concentrate)", p.form));
    p.basis = row.required("basis");
    p.date = row.date("date", true);
    p.period = row.required("period");
    p.value = row.number("value", true, 0, 1e7).value_or(0);
    p.unit = row.required("unit");
    if (!p.unit.empty() && p.unit != "USD/kg" && p.unit != "CNY/kg" && p.unit != "EUR/kg")
      row.error("unit", fmt::format("unknown unit '{}' (expected USD/kg, CNY/kg or EUR/kg)", p.unit));
    p.note = row.text("note");
    row.provenance(p);
    if (row.ok) kb.prices.push_back(std::move(p));
  }
}

// magnets.csv: magnet grades, one row per element.
void load_magnets(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    std::string id = row.slug("grade");
    std::string name = row.required("name");
    auto el = row.enumeration("element", &parse_element, "element", "a rare-earth symbol La..Lu, Y, Sc");
    auto wt = row.number("wt_pct", true, 0, 100);
    auto metal = row.number("kg_metal_per_t", true, 0, 1000);
    auto oxide = row.number("kg_oxide_per_t", true, 0, 1200);
    auto share = row.number("market_share", false, 0, 1);
    if (wt && metal && std::abs(*wt * 10.0 - *metal) > 0.5 + 0.01 * *metal)
      row.error("kg_metal_per_t", fmt::format("{} kg/t disagrees with wt_pct {} (= {} kg/t)", *metal, *wt, *wt * 10));
    if (metal && oxide && *oxide + 1e-9 < *metal)
      row.error("kg_oxide_per_t", "oxide mass is less than metal mass");
    Provenance prov;
    row.provenance(prov);
    if (!row.ok) continue;
    auto it = std::find_if(kb.magnets.begin(), kb.magnets.end(), [&](const MagnetGrade& g) { return g.id == id; });
    if (it == kb.magnets.end()) {
      MagnetGrade g;
      static_cast<Provenance&>(g) = prov;
      g.id = id;
      g.name = name;
      kb.magnets.push_back(std::move(g));
      it = kb.magnets.end() - 1;
    }
    int e = static_cast<int>(*el);
    if (it->kg_metal_per_t[e] != 0 && *metal != 0)
      row.error("element", fmt::format("element {} given twice for grade '{}'", element_symbol(*el), id));
    it->kg_metal_per_t[e] = *metal;
    it->kg_oxide_per_t[e] = *oxide;
    if (share) {
      if (it->market_share && std::abs(*it->market_share - *share) > 1e-9)
        row.error("market_share", fmt::format("market share differs from the grade's earlier rows ({})", *it->market_share));
      it->market_share = share;
    }
  }
}

// outlets.csv: news outlets and their type.
void load_outlets(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    Outlet o;
    o.id = row.slug("id");
    o.name = row.required("name");
    o.aliases = row.list("aliases");
    o.country = row.country("country");
    if (auto v = row.enumeration("type", &parse_outlet_type, "outlet type",
                                 "wire|trade|state|newsletter|blog|newspaper|broadcaster|magazine"))
      o.type = *v;
    o.basis = row.required("basis");
    row.provenance(o);
    if (row.ok) kb.outlets.push_back(std::move(o));
  }
}

// risks.csv: outage and delay probabilities by status or country.
void load_risks(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    RiskAssumption k;
    k.id = row.slug("id");
    auto scope = row.enumeration("scope", &parse_risk_scope, "risk scope", "status|country");
    if (scope) k.scope = *scope;
    k.key = row.required("key");
    if (scope && !k.key.empty()) {
      if (*scope == RiskScope::kStatus && !parse_status(k.key))
        row.error("key", fmt::format("unknown status '{}' (expected operating|commissioning|construction|planned|suspended|closed)", k.key));
      if (*scope == RiskScope::kCountry && !country_iso3(k.key)) row.error("key", fmt::format("unknown country '{}'", k.key));
    }
    if (auto e = row.enumeration("event", &parse_risk_event, "risk event", "outage|delay|ramp_shortfall")) k.event = *e;
    k.probability = row.number("probability", true, 0, 1).value_or(0);
    k.capacity_loss = row.number("capacity_loss", true, 0, 1).value_or(0);
    k.basis = row.required("basis");
    row.provenance(k);
    if (row.ok) kb.risks.push_back(std::move(k));
  }
}

// balance.csv: recovery factors and stockpiles.
void load_balance(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    BalanceFigure b;
    b.id = row.slug("id");
    auto kind = row.enumeration("kind", &parse_balance_kind, "kind", "recovery|stockpile");
    if (kind) b.kind = *kind;
    if (auto st = row.enumeration("stage", &parse_stage, "stage",
                                  "mining|concentration|cracking_leaching|separation|metal_alloy|magnet|recycling"))
      b.stage = *st;
    b.facility = row.text("facility");
    b.year = row.integer("year", kind == BalanceKind::kStockpile, 1900, 2100).value_or(0);
    b.unit = row.required("unit");
    if (kind == BalanceKind::kRecovery) {
      if (b.stage != Stage::kConcentration && b.stage != Stage::kCrackingLeaching && b.stage != Stage::kSeparation)
        row.error("stage", fmt::format("a recovery applies to concentration, cracking_leaching or separation (the stages that "
                                       "process mixed REO), not {}", stage_name(b.stage)));
      b.value = row.number("value", true, 0, 1).value_or(0);
      if (row.ok && !(b.value > 0)) row.error("value", "a recovery of 0 would lose the whole flow (must be > 0)");
      if (!b.unit.empty() && b.unit != "fraction") row.error("unit", fmt::format("unit '{}' (a recovery is a 'fraction')", b.unit));
    } else if (kind == BalanceKind::kStockpile) {
      b.value = row.number("value", true, 0, 1e9).value_or(0);
      if (b.facility.empty()) row.error("facility", "a stockpile names the facility that holds it");
      auto u = parse_capacity_unit(b.unit);
      if (!b.unit.empty() && !u) row.error("unit", fmt::format("unknown unit '{}' (expected {})", b.unit, kExpectedUnits));
      else if (u && kind && !unit_fits_stage(*u, b.stage))
        row.error("unit", fmt::format("unit '{}' does not fit stage {}", b.unit, stage_name(b.stage)));
    }
    if (auto v = row.enumeration("basis", &parse_value_basis, "basis", "sourced|assumed|derived")) b.basis = *v;
    b.note = row.text("note");
    row.provenance(b);
    if (row.ok) kb.balance.push_back(std::move(b));
  }
}

// published.csv: the figures the backtest compares the model with.
void load_published(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    PublishedFigure p;
    p.id = row.slug("id");
    p.period = row.date("period", true);
    if (p.period.size() == 10) row.error("period", fmt::format("period '{}' is a day (expected YYYY or YYYY-MM)", p.period));
    if (p.period.size() >= 4) p.year = std::atoi(p.period.substr(0, 4).c_str());
    auto m = row.enumeration("measure", &parse_published_measure, "measure", "china_share|magnet_output|magnet_exports");
    if (m) p.measure = *m;
    p.scope = row.required("scope");
    p.unit = row.required("unit");
    if (m && !p.scope.empty()) {
      if (*m == PublishedMeasure::kChinaShare) {
        if (!parse_stage(p.scope))
          row.error("scope", fmt::format("unknown stage '{}' (china_share is per stage)", p.scope));
        if (!p.unit.empty() && p.unit != "%") row.error("unit", fmt::format("unit '{}' (china_share is in %)", p.unit));
      } else {
        if (!country_iso3(p.scope)) row.error("scope", fmt::format("unknown country '{}'", p.scope));
        if (!p.unit.empty() && p.unit != "t magnet") row.error("unit", fmt::format("unit '{}' ({} is in t magnet)", p.unit, published_measure_name(*m)));
      }
    }
    p.value = row.number("value", true, 0, m == PublishedMeasure::kChinaShare ? 100 : 1e9).value_or(0);
    p.band = row.number("band", false, 0, 100);
    p.note = row.text("note");
    row.provenance(p);
    if (row.ok) kb.published.push_back(std::move(p));
  }
}

// trade.csv: exports by product and period (supply/trade.h reads the same
// file for the model). Checked: the exporter and partner are known
// countries ("World" for all partners), the product is known and in its
// unit, the period is a year, a quarter or a month, the value a number >= 0,
// the basis one of three; and a (exporter, product, period, partner) is
// given once.
void load_trade(Table& t, Kb& kb) {
  std::map<std::string, std::int64_t> seen;
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    TradeFigure f;
    f.exporter = row.country("exporter");
    f.product = row.required("product");
    if (!f.product.empty() && f.product != "magnet" && f.product != "rare_earths")
      row.error("product", fmt::format("unknown product '{}' (expected magnet|rare_earths)", f.product));
    f.period = row.required("period");
    if (!f.period.empty()) {
      auto digit = [&](std::size_t i) { return i < f.period.size() && base::is_ascii_digit(f.period[i]); };
      bool year = f.period.size() >= 4 && digit(0) && digit(1) && digit(2) && digit(3);
      bool good = year && (f.period.size() == 4 ||
                           (f.period.size() == 6 && f.period[4] == 'Q' && f.period[5] >= '1' && f.period[5] <= '4') ||
                           (f.period.size() == 7 && f.period[4] == '-' && digit(5) && digit(6) &&
                            std::atoi(f.period.substr(5).c_str()) >= 1 && std::atoi(f.period.substr(5).c_str()) <= 12));
      if (!good) row.error("period", fmt::format("bad period '{}' (expected YYYY, YYYYQn or YYYY-MM)", f.period));
    }
    f.partner = row.country("partner");
    f.value = row.number("value", true, 0, 1e9).value_or(0);
    f.unit = row.required("unit");
    const char* want = f.product == "magnet" ? "t magnet" : f.product == "rare_earths" ? "t product" : nullptr;
    if (want && !f.unit.empty() && f.unit != want)
      row.error("unit", fmt::format("unit '{}' ({} is counted in {})", f.unit, f.product, want));
    if (auto v = row.enumeration("basis", &parse_value_basis, "basis", "sourced|assumed|derived")) f.basis = *v;
    f.note = row.text("note");
    row.provenance(f);
    if (row.ok && !f.exporter.empty()) {
      auto [it, fresh] = seen.emplace(fmt::format("{}|{}|{}|{}", f.exporter, f.product, f.period, f.partner), f.line);
      if (!fresh) row.error("period", fmt::format("same exporter, product, period and partner as line {}", it->second));
    }
    if (row.ok) kb.trade.push_back(std::move(f));
  }
}

// demand.csv: magnet use outside China and the regions' shares of China's
// magnet exports. Checked: the region is a known country or "European
// Union" / "Outside China"; direct_use is in t magnet, import_share in
// `share` within [0, 1]; and the import shares of a year add up to 1
// (within 0.005), reported on the year's last share row.
void load_demand(Table& t, Kb& kb) {
  std::map<int, std::pair<double, const CsvRow*>> shares;  // year -> sum, last row
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    DemandFigure d;
    d.region = row.required("region");
    if (!d.region.empty() && d.region != "European Union" && d.region != "Outside China" && !country_iso3(d.region))
      row.error("region", fmt::format("unknown region '{}' (a country, 'European Union' or 'Outside China')", d.region));
    d.year = row.integer("year", true, 1990, 2100).value_or(0);
    d.measure = row.required("measure");
    const bool share = d.measure == "import_share";
    if (!d.measure.empty() && d.measure != "direct_use" && !share)
      row.error("measure", fmt::format("unknown measure '{}' (expected direct_use|import_share)", d.measure));
    d.value = row.number("value", true, 0, share ? 1 : 1e9).value_or(0);
    d.unit = row.required("unit");
    if (!d.measure.empty() && !d.unit.empty() && (d.measure == "direct_use" || share) && d.unit != (share ? "share" : "t magnet"))
      row.error("unit", fmt::format("unit '{}' ({} is in {})", d.unit, d.measure, share ? "share" : "t magnet"));
    if (auto v = row.enumeration("basis", &parse_value_basis, "basis", "sourced|assumed|derived")) d.basis = *v;
    d.note = row.text("note");
    row.provenance(d);
    if (row.ok && share) {
      auto& s = shares[d.year];
      s.first += d.value;
      s.second = &r;
    }
    if (row.ok) kb.demand.push_back(std::move(d));
  }
  for (const auto& [year, s] : shares) {
    if (std::fabs(s.first - 1.0) <= 0.005) continue;
    Table::Row row(t, *s.second);
    row.error("value", fmt::format("the import shares of {} add up to {:.4g}, not 1", year, s.first));
  }
}

// estimates.csv: resource estimates and reserves on other definitions than
// countries.csv's USGS editions.
void load_estimates(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    NationalEstimate e;
    e.id = row.slug("id");
    e.country = row.country("country");
    e.year = row.integer("year", true, 1900, 2100).value_or(0);
    if (auto m = row.enumeration("measure", &parse_estimate_measure, "measure", "resources|reserves")) e.measure = *m;
    if (auto v = row.number("value", true, 0, 1e12)) {
      e.value = *v;
      if (!(e.value > 0)) row.error("value", "an estimate of 0 says nothing (leave the row out)");
    }
    e.unit = row.required("unit");
    if (!e.unit.empty() && e.unit != "t REO" && e.unit != "t REE" && e.unit != "t monazite" && e.unit != "t ore")
      row.error("unit", fmt::format("unknown unit '{}' (expected t REO|t REE|t monazite|t ore)", e.unit));
    e.definition = row.required("definition");
    e.publisher = row.required("publisher");
    e.note = row.text("note");
    row.provenance(e);
    if (row.ok) kb.estimates.push_back(std::move(e));
  }
}

// shares.csv: published shares and ranks by stage, with their ranges.
void load_shares(Table& t, Kb& kb) {
  for (const auto& r : t.rows()) {
    Table::Row row(t, r);
    StageShare s;
    s.id = row.slug("id");
    s.country = row.country("country");
    if (auto st = row.enumeration("stage", &parse_stage, "stage",
                                  "mining|concentration|cracking_leaching|separation|metal_alloy|magnet|recycling"))
      s.stage = *st;
    if (auto m = row.enumeration("measure", &parse_share_measure, "measure", "output|capacity|reserves")) s.measure = *m;
    s.year = row.integer("year", true, 1900, 2100).value_or(0);
    s.value = row.number("value", false, 0, 100);
    s.low = row.number("low", false, 0, 100);
    s.high = row.number("high", false, 0, 100);
    s.rank = row.integer("rank", false, 1, 250);
    if (auto sc = row.enumeration("scope", &parse_share_scope, "scope", "world|outside_china")) s.scope = *sc;
    auto kind = row.enumeration("kind", &parse_share_kind, "kind", "reported|projection|range");
    if (kind) s.kind = *kind;
    s.note = row.text("note");
    if (row.ok) {
      if (s.low.has_value() != s.high.has_value())
        row.error(s.low ? "high" : "low", "a range needs both low and high");
      else if (s.low && *s.low > *s.high)
        row.error("low", fmt::format("low {} is above high {}", *s.low, *s.high));
      else if (s.value && s.low && (*s.value < *s.low || *s.value > *s.high))
        row.error("value", fmt::format("value {} lies outside its range {}-{}", *s.value, *s.low, *s.high));
      else if (kind == ShareKind::kRange && (s.value || !s.low))
        row.error("value", "a range row gives low and high, and no value");
      else if (kind != ShareKind::kRange && !s.value && !s.rank)
        row.error("value", "give a value, a rank or both");
    }
    row.provenance(s);
    if (row.ok) kb.shares.push_back(std::move(s));
  }
}

// The ids of the rows dropped for errors, per file: the cross-table checks
// do not report them again where other rows refer to them.
DroppedIds dropped_ids(const Kb& kb, const std::vector<std::unique_ptr<Table>>& tables) {
  DroppedIds dropped;
  for (int file : {kDepositsF, kCompaniesF, kFacilitiesF, kPoliciesF}) {
    if (!tables[file]) continue;
    int col = tables[file]->col("id");
    if (col < 0) continue;
    for (const auto& r : tables[file]->rows()) {
      if (static_cast<std::size_t>(col) >= r.fields.size()) continue;
      std::string id(base::trim(r.fields[col]));
      bool kept = (file == kDepositsF && kb.find_deposit(id)) || (file == kCompaniesF && kb.find_company(id)) ||
                  (file == kFacilitiesF && kb.find_facility(id)) || (file == kPoliciesF && kb.find_policy(id));
      if (!kept && !id.empty()) dropped[file].insert(id);
    }
  }
  return dropped;
}

// File order, then line, then column.
void sort_errors(base::Errors& errors, const std::function<std::string(std::string_view)>& display) {
  auto rank = [&](const Error& e) {
    for (std::size_t i = 0; i < kFiles.size(); ++i)
      if (e.where().file == display(kFiles[i])) return static_cast<int>(i);
    return static_cast<int>(kFiles.size());
  };
  std::stable_sort(errors.begin(), errors.end(), [&](const Error& a, const Error& b) {
    int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb;
    if (a.where().line != b.where().line) return a.where().line < b.where().line;
    return a.where().column < b.where().column;
  });
}

LoadOutcome load_impl(const std::function<std::optional<std::string>(std::string_view, base::Errors&)>& read,
                      const std::function<std::string(std::string_view)>& display) {
  LoadOutcome out;
  Kb& kb = out.kb;
  auto& errors = out.errors;
  std::vector<std::unique_ptr<Table>> tables(kFiles.size());
  std::vector<std::string> texts(kFiles.size());

  auto open = [&](int i, std::vector<std::string> columns) -> Table* {
    // trade.csv and demand.csv may be absent (a data source without them
    // has no rows of them); any other error reading them is reported.
    base::Errors read_errors;
    auto text = read(kFiles[i], read_errors);
    if (!text) {
      bool absent = static_cast<std::size_t>(i) >= kOptionalFilesFrom && read_errors.size() == 1 &&
                    read_errors.begin()->code() == base::ErrorCode::kNotFound;
      if (!absent)
        for (const auto& e : read_errors) errors.add(e);
      return nullptr;
    }
    texts[i] = std::move(*text);
    tables[i] = std::make_unique<Table>(display(kFiles[i]), texts[i], errors, std::move(columns));
    return tables[i]->usable() ? tables[i].get() : nullptr;
  };

  if (auto* t = open(kCountriesF, cols({"country", "iso3", "year", "measure", "value", "unit", "edition", "note"}))) load_countries(*t, kb);
  if (auto* t = open(kDepositsF, [] {
        std::vector<std::string> v = {"id", "name", "country", "ore_type"};
        for (auto c : kDistCols) v.emplace_back(c);
        v.emplace_back("nd_pr");
        v.emplace_back("proxy");
        v.emplace_back("source");
        v.emplace_back("confidence");
        return v;
      }())) load_deposits(*t, kb);
  if (auto* t = open(kCompaniesF, cols({"id", "name", "aliases", "tickers", "country", "state_owned", "parent"}))) load_companies(*t, kb);
  if (auto* t = open(kFacilitiesF, cols({"id", "site", "name", "company", "country", "location", "stage", "products",
                                         "elements", "capacity", "capacity_unit", "output", "output_year", "status",
                                         "status_year", "feed", "deposit", "controlling_country",
                                         "technology_origin", "note"}))) load_facilities(*t, kb);
  if (auto* t = open(kPoliciesF, cols({"id", "country", "type", "elements", "stages", "destinations", "announced",
                                       "effective", "ends", "status", "related", "scope"}))) load_policies(*t, kb);
  if (auto* t = open(kPricesF, cols({"product", "elements", "form", "basis", "date", "period", "value", "unit", "note"}))) load_prices(*t, kb);
  if (auto* t = open(kMagnetsF, cols({"grade", "name", "element", "wt_pct", "kg_metal_per_t", "kg_oxide_per_t", "market_share"}))) load_magnets(*t, kb);
  if (auto* t = open(kOutletsF, cols({"id", "name", "aliases", "country", "type", "basis"}))) load_outlets(*t, kb);
  if (auto* t = open(kRisksF, cols({"id", "scope", "key", "event", "probability", "capacity_loss", "basis"}))) load_risks(*t, kb);
  if (auto* t = open(kBalanceF, cols({"id", "kind", "stage", "facility", "year", "value", "unit", "basis", "note"}))) load_balance(*t, kb);
  if (auto* t = open(kPublishedF, cols({"id", "period", "measure", "scope", "value", "unit", "band", "note"}))) load_published(*t, kb);
  if (auto* t = open(kTradeF, cols({"exporter", "product", "period", "partner", "value", "unit", "basis", "note"}))) load_trade(*t, kb);
  if (auto* t = open(kDemandF, cols({"region", "year", "measure", "value", "unit", "basis", "note"}))) load_demand(*t, kb);
  if (auto* t = open(kEstimatesF, cols({"id", "country", "year", "measure", "value", "unit", "definition", "publisher",
                                        "note"}))) load_estimates(*t, kb);
  if (auto* t = open(kSharesF, cols({"id", "country", "stage", "measure", "year", "value", "low", "high", "rank", "scope",
                                     "kind", "note"}))) load_shares(*t, kb);

  kb.reindex();
  fill_shares(kb);
  DroppedIds dropped = dropped_ids(kb, tables);
  Locator at = [&](int file, std::int64_t line, std::string_view field) {
    if (tables[file]) return tables[file]->locate(line, field);
    return Location{.file = display(kFiles[file]), .line = line, .column = 0, .field = std::string(field)};
  };
  cross_check(kb, at, errors, dropped);

  sort_errors(errors, display);
  return out;
}

}  // namespace

LoadOutcome load_all(const base::DataSource& data) {
  return load_impl(
      [&](std::string_view path, base::Errors& errors) -> std::optional<std::string> {
        auto r = data.read(path);
        if (!r) {
          errors.add(r.error());
          return std::nullopt;
        }
        return std::move(*r);
      },
      [&](std::string_view path) { return data.display_path(path); });
}

LoadOutcome load_texts(const std::map<std::string, std::string, std::less<>>& files, std::string_view display_prefix) {
  std::string prefix(display_prefix);
  return load_impl(
      [&](std::string_view path, base::Errors& errors) -> std::optional<std::string> {
        auto it = files.find(path);
        if (it == files.end()) {
          errors.add(Error::not_found("no such data file", {.file = prefix + std::string(path)}));
          return std::nullopt;
        }
        return it->second;
      },
      [&](std::string_view path) { return prefix + std::string(path); });
}

base::Result<Kb> load(const base::DataSource& data) {
  auto all = load_all(data);
  if (all.ok()) return std::move(all.kb);
  return base::fail(all.errors.summary());
}

base::Errors validate(const Kb& kb, std::string_view display_prefix) {
  base::Errors errors;
  std::string prefix(display_prefix);
  Locator at = [&](int file, std::int64_t line, std::string_view field) {
    return Location{.file = prefix + std::string(kFiles[file]), .line = line, .column = 0, .field = std::string(field)};
  };
  cross_check(kb, at, errors);
  return errors;
}

}  // namespace assay::kb
