// verify: see verify.h. One function per kind of claim; each collects the kb
// rows (or the model figure) for the claim's measure, unit, scope and year,
// and compares the claim's figure with them within its own tolerance.
#include "assay/verify/verify.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "assay/supply/solver.h"

namespace assay::verify {

const char* verdict_name(Verdict v) { return kVerdictNames.name(v, "unverifiable"); }
std::optional<Verdict> parse_verdict(std::string_view s) { return kVerdictNames.parse(s); }

using analysis::Bound;
using analysis::Claim;
using analysis::ClaimKind;
using analysis::ClaimScope;

std::string format_number(double v) {
  double a = std::abs(v);
  std::string s;
  if (a >= 1000 || std::abs(a - std::round(a)) < 1e-9) {
    auto n = static_cast<long long>(std::llround(a));
    std::string d = std::to_string(n);
    for (int i = static_cast<int>(d.size()) - 3; i > 0; i -= 3) d.insert(static_cast<std::size_t>(i), ",");
    s = d;
  } else {
    s = fmt::format("{:.3f}", a);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  return v < 0 ? "-" + s : s;
}

namespace {

// A kb string compared with a word as a view: std::string == "literal" is an
// out-of-line compare in libstdc++ 12, asked of every row of a table in the
// loops below; a view compares the sizes first, inline.
inline bool is(std::string_view s, std::string_view word) { return s == word; }

bool starts(std::string_view w, std::string_view p) { return w.substr(0, p.size()) == p; }

int year_of(std::string_view date) { return date.size() >= 4 ? std::atoi(std::string(date.substr(0, 4)).c_str()) : 0; }

// "2025" -> "2025-01-01", "2025-06" -> "2025-06-01".
std::string full_date(std::string_view d) {
  std::string s(d);
  if (s.size() == 4) s += "-01-01";
  else if (s.size() == 7) s += "-01";
  return s;
}

Evidence evidence_of(const kb::Provenance& p, std::string value) {
  return {p.row(), p.source, std::move(value)};
}

// The edition's year ("USGS MCS 2026" -> 2026), 0 when it has none.
int edition_year(std::string_view e) {
  for (std::size_t i = 0; i + 4 <= e.size(); ++i)
    if (std::all_of(e.begin() + static_cast<std::ptrdiff_t>(i), e.begin() + static_cast<std::ptrdiff_t>(i + 4),
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        (i + 4 == e.size() || !(e[i + 4] >= '0' && e[i + 4] <= '9')))
      return (e[i] - '0') * 1000 + (e[i + 1] - '0') * 100 + (e[i + 2] - '0') * 10 + (e[i + 3] - '0');
  return 0;
}

// The allowed difference for a claimed figure: half the place of its last
// significant digit (its rounding), widened to 5% of the value when it is
// approximate ("about", "nearly") and to 1% at least (revisions).
struct Tolerance {
  double lo = 0, hi = 0;  // the interval the true value must fall in
  std::string text;
};

Tolerance tolerance_of(const Claim& c, std::string_view unit) {
  double v = *c.value, vh = c.value_high.value_or(v);
  // A figure with trailing zeros ("300,000") may be rounded further than
  // its writer meant: the rounding allowance is at most 5% of the value.
  double half = std::min(c.precision / 2, 0.05 * std::abs(v));
  double tol = std::max(half, 0.01 * std::abs(v));
  std::string why = fmt::format("'{}' is given to the nearest {}", c.figure, format_number(c.precision));
  if (c.bound == Bound::kApprox) {
    tol = std::max(tol, 0.05 * std::abs(v));
    why += fmt::format(", and '{}' allows 5%", c.hedge.empty() ? "about" : c.hedge);
  }
  Tolerance t;
  std::string u = unit == "%" ? " points" : " " + std::string(unit);
  if (c.bound == Bound::kAtLeast) {
    t.lo = v - half;
    t.hi = 1e300;
    t.text = fmt::format("at least {} {} ({})", format_number(t.lo), unit, why);
  } else if (c.bound == Bound::kAtMost) {
    t.lo = -1e300;
    t.hi = vh + half;
    t.text = fmt::format("at most {} {} ({})", format_number(t.hi), unit, why);
  } else {
    t.lo = v - tol;
    t.hi = vh + tol;
    t.text = fmt::format("+-{}{} ({})", format_number(tol), u, why);
  }
  return t;
}

bool within(const Tolerance& t, double x) { return x >= t.lo - 1e-9 && x <= t.hi + 1e-9; }

std::string country_of(const Claim& c) {
  for (const auto& s : c.subject)
    if (starts(s, "country:")) return s.substr(8);
  return {};
}

bool has_company(const Claim& c) {
  return std::any_of(c.subject.begin(), c.subject.end(), [](const std::string& s) { return !starts(s, "country:"); });
}

Judgement unverifiable(std::string reason) {
  Judgement j;
  j.verdict = Verdict::kUnverifiable;
  j.reason = std::move(reason);
  return j;
}

// Can a row published in `edition` be known at `date`? (USGS MCS of year E
// appears at the end of January E.)
bool known_at(const kb::CountryFigure& f, std::string_view date) {
  if (date.empty()) return true;
  int e = edition_year(f.edition);
  if (e == 0) return true;
  std::string d = full_date(date);
  // d >= "E-02-01", the bound written without a format call (a ranking
  // asks this of every country row).
  char bound[16];
  char* end = std::to_chars(bound, bound + 10, e).ptr;
  std::memcpy(end, "-02-01", 6);
  return d >= std::string_view(bound, static_cast<std::size_t>(end + 6 - bound));
}

bool usgs(const kb::CountryFigure& f) { return starts(f.edition, "USGS MCS"); }

// Element set a claim names ("NdPr" -> Nd;Pr; "heavy" -> the heavy group).
std::optional<kb::ElementSet> elements_of(std::string_view e) {
  if (e.empty()) return std::nullopt;
  if (e == "NdPr") {
    kb::ElementSet s;
    s.add(kb::Element::kNd);
    s.add(kb::Element::kPr);
    return s;
  }
  if (e == "heavy") return kb::ElementSet::heavy();
  if (auto x = kb::parse_element(e)) {
    kb::ElementSet s;
    s.add(*x);
    return s;
  }
  return std::nullopt;
}

std::string stage_words(kb::Stage s) {
  switch (s) {
    case kb::Stage::kMining: return "mining";
    case kb::Stage::kSeparation: return "separation (refining)";
    case kb::Stage::kMetalAlloy: return "metal and alloy making";
    case kb::Stage::kMagnet: return "magnet making";
    default: return kb::stage_name(s);
  }
}

// `country`'s share of a stage in the model, by location: of its output
// (`capacity` false) or of its capacity, with the computation in words.
// Null when the stage has no total.
struct ModelShare {
  double percent = 0;
  std::string text;
};
std::optional<ModelShare> model_share_of(const ModelFacts& m, kb::Stage stage, const std::string& country,
                                         bool capacity) {
  const auto& sm = m.stage(stage);
  double total = 0, mine = 0;
  for (const auto& s : capacity ? sm.capacity_by_country : sm.flow_by_country) {
    total += s.value;
    if (s.key == country) mine += s.value;
  }
  if (total <= 0) return std::nullopt;
  ModelShare r;
  r.percent = 100.0 * mine / total;
  r.text = fmt::format("assay supply model {}: {} {} {} {} of {} {} by location = {}%", m.year, stage_words(stage),
                       capacity ? "capacity" : "output", country, format_number(std::round(mine)),
                       format_number(std::round(total)), sm.unit, format_number(std::round(r.percent * 10) / 10));
  return r;
}

}  // namespace

Verifier::Verifier(std::shared_ptr<const kb::Kb> kb, std::shared_ptr<const supply::World> world,
                   const ModelTable* precomputed)
    : kb_(std::move(kb)), world_(std::move(world)), precomputed_(precomputed) {}

const ModelFacts* Verifier::model(int year) const {
  if (!world_) return nullptr;
  if (precomputed_) {
    // The build solved every year the data hold (a year absent has no model).
    auto it = precomputed_->years.find(year);
    return it == precomputed_->years.end() ? nullptr : &it->second;
  }
  std::lock_guard lock(mutex_);
  auto it = models_.find(year);
  if (it != models_.end()) return it->second.get();
  std::unique_ptr<ModelFacts> m;
  auto w = year == world_->year() ? base::Result<supply::World>(*world_) : world_->for_year(year);
  if (w) {
    auto r = supply::analyze(w->baseline);
    if (r) m = std::make_unique<ModelFacts>(facts_of(*r));
    // The solver's per-thread memory goes with the solve: the caller may be a
    // batch worker that ends without telling us (LeakSanitizer reports it).
    supply::release_thread_solver();
  }
  const ModelFacts* p = m.get();
  models_.emplace(year, std::move(m));
  return p;
}

Judgement Verifier::judge(const Claim& c, std::string_view date) const {
  Judgement j;
  switch (c.kind) {
    case ClaimKind::kProduction:
    case ClaimKind::kReserves:
    case ClaimKind::kCapacity:
      if (c.prospect) {
        j = unverifiable(fmt::format("'{}' is a figure still to be reached (the sentence says it could or will be), "
                                     "not one of today, and the kb holds today's",
                                     c.figure));
        break;
      }
      j = has_company(c) ? facility_figure(c, date) : figure(c, date);
      break;
    case ClaimKind::kShare: j = share(c, date); break;
    case ClaimKind::kRank: j = rank(c, date); break;
    case ClaimKind::kPrice: j = price(c, date); break;
    case ClaimKind::kPolicy: j = policy(c, date); break;
    case ClaimKind::kOperation: j = operation(c, date); break;
    case ClaimKind::kEvent: j = event(c, date); break;
  }
  j.judged_at = date.empty() ? "latest data" : std::string(date);
  return j;
}

namespace {

// The newest USGS row for (country, measure, year) known at `date`.
const kb::CountryFigure* usgs_figure(const kb::Kb& kb, std::string_view country, kb::FigureMeasure m, int year,
                                     std::string_view date) {
  const kb::CountryFigure* best = nullptr;
  for (const auto& f : kb.countries)
    if (f.country == country && f.measure == m && f.year == year && f.value && usgs(f) && known_at(f, date) &&
        (!best || f.edition > best->edition))
      best = &f;
  return best;
}

}  // namespace

// Country mine production and reserves (countries.csv).
Judgement Verifier::figure(const Claim& c, std::string_view date) const {
  std::string country = country_of(c);
  if (c.scope == ClaimScope::kOutsideChina) return unverifiable("the kb has no total outside China for this measure");
  if (country.empty()) country = "World";
  if (!c.value) return unverifiable("no figure that parses");
  if (c.kind == ClaimKind::kCapacity) return unverifiable("the kb has no national capacity figures, only plants'");
  if (c.unit != "t" && c.unit != "t/yr") return unverifiable(fmt::format("unit '{}' cannot be converted to t REO", c.unit));
  if (c.element == "NdPr" || c.form == "concentrate" || (!c.element.empty() && c.element != "heavy"))
    return unverifiable(fmt::format("the figure is in {} {}, the kb's national figures are t REO, and the kb gives no factor",
                                    c.element.empty() ? "t" : c.element, c.form.empty() ? "" : c.form));
  kb::FigureMeasure m = c.kind == ClaimKind::kReserves ? kb::FigureMeasure::kReserves
                        : c.measure == "magnet_output"  ? kb::FigureMeasure::kMagnetOutput
                                                        : kb::FigureMeasure::kMineProduction;
  if (m == kb::FigureMeasure::kMineProduction && c.stage && *c.stage != kb::Stage::kMining)
    return unverifiable(fmt::format("the kb has national figures for mining, not for {}", stage_words(*c.stage)));
  // The rows for this country and measure known at the date.
  std::vector<const kb::CountryFigure*> rows;
  for (const auto& f : kb_->countries)
    if (f.country == country && f.measure == m && f.value && known_at(f, date)) rows.push_back(&f);
  if (rows.empty()) return unverifiable(fmt::format("no kb row for {} {}", country, kb::measure_name(m)));
  int year = c.year;
  if (year == 0)
    for (const auto* f : rows)
      if (usgs(*f) || m == kb::FigureMeasure::kMagnetOutput) year = std::max(year, f->year);
  if (year == 0)
    for (const auto* f : rows) year = std::max(year, f->year);
  // Rows of that year; for reserves (a stock, restated each edition) the
  // other sources' estimates of any earlier year count as alternatives.
  std::vector<const kb::CountryFigure*> same;
  for (const auto* f : rows)
    if (f->year == year || (m == kb::FigureMeasure::kReserves && c.year == 0 && f->year < year))
      same.push_back(f);
  if (same.empty())
    return unverifiable(fmt::format("no kb row for {} {} in {}", country, kb::measure_name(m), year));
  // The primary row: the newest USGS edition known at the date.
  const kb::CountryFigure* primary = nullptr;
  for (const auto* f : same)
    if (usgs(*f) && (!primary || f->edition > primary->edition)) primary = f;
  if (!primary) primary = same.front();
  std::string unit = primary->unit;
  Tolerance t = tolerance_of(c, unit);
  Judgement j;
  j.tolerance = t.text;
  auto value_text = [](const kb::CountryFigure& f) {
    return fmt::format("{} {} ({}, {})", format_number(*f.value), f.unit, f.year, f.edition);
  };
  bool claim_resources = c.measure == "resources";
  bool primary_resource = primary->note.find("resource") != std::string::npos && !usgs(*primary);
  if (within(t, *primary->value) && claim_resources == primary_resource) {
    j.verdict = Verdict::kSupported;
    j.reason = fmt::format("{} {} {} was {}", country, kb::measure_name(m), year, value_text(*primary));
    j.evidence.push_back(evidence_of(*primary, value_text(*primary)));
    return j;
  }
  for (const auto* f : same)
    if (f != primary && within(t, *f->value)) {
      j.verdict = Verdict::kDisputed;
      bool other_def = f->note.find("resource") != std::string::npos || claim_resources;
      j.reason = other_def ? fmt::format("the figure matches {} ({}), a different definition from {}'s {} ({})",
                                         f->edition, f->note, primary->edition, kb::measure_name(m), value_text(*primary))
                           : fmt::format("sources disagree: {} gives {}, {} gives {}", f->edition, value_text(*f),
                                         primary->edition, value_text(*primary));
      j.evidence.push_back(evidence_of(*f, value_text(*f)));
      j.evidence.push_back(evidence_of(*primary, value_text(*primary)));
      return j;
    }
  if (claim_resources)
    return unverifiable(fmt::format("the claim is a resource figure; the kb has no resource estimate for {} that matches, "
                                    "only reserves ({})", country, value_text(*primary)));
  j.verdict = Verdict::kContradicted;
  j.reason = fmt::format("{} {} {} was {}, outside the claim's tolerance", country, kb::measure_name(m), year,
                         value_text(*primary));
  j.evidence.push_back(evidence_of(*primary, value_text(*primary)));
  return j;
}

// A company's or plant's capacity or output (facilities.csv).
Judgement Verifier::facility_figure(const Claim& c, std::string_view date) const {
  if (!c.value) return unverifiable("no figure that parses");
  std::vector<const kb::Facility*> fs;
  for (const auto& s : c.subject) {
    if (starts(s, "facility:")) {
      if (const auto* f = kb_->find_facility(s.substr(9))) fs.push_back(f);
    } else if (starts(s, "company:")) {
      for (const auto* f : kb_->facilities_of(s.substr(8))) fs.push_back(f);
    }
  }
  if (fs.empty()) return unverifiable("the kb has no plants of " + c.subject_name);
  std::optional<kb::CapacityUnit> want;
  if (c.element == "NdPr") want = kb::CapacityUnit::kTNdPrOxide;
  else if (c.form == "concentrate") want = kb::CapacityUnit::kTConcentrate;
  else if (c.stage == kb::Stage::kMagnet) want = kb::CapacityUnit::kTMagnet;
  else if (c.element.empty() && (c.unit == "t" || c.unit == "t/yr")) want = kb::CapacityUnit::kTReo;
  if (!want || (c.unit != "t" && c.unit != "t/yr")) return unverifiable("unit not convertible to a kb capacity unit");
  bool output = c.kind == ClaimKind::kProduction;
  std::string country = country_of(c);
  std::vector<std::pair<const kb::Facility*, double>> rows;
  for (const auto* f : fs) {
    if (c.stage && f->stage != *c.stage && !(c.stage == kb::Stage::kMining && f->stage == kb::Stage::kConcentration)) continue;
    if (!country.empty() && f->country != country) continue;
    if (f->capacity_unit != want && !(want == kb::CapacityUnit::kTReo && f->capacity_unit == kb::CapacityUnit::kTSeparatedOxides))
      continue;
    std::optional<double> v = output ? f->output : f->capacity;
    if (!v) continue;
    if (output && c.year && f->output_year != c.year) continue;
    if (output && !date.empty() && f->output_year && *f->output_year >= year_of(date) && c.year == 0) continue;
    rows.emplace_back(f, *v);
  }
  if (rows.empty())
    return unverifiable(fmt::format("no kb {} figure for {} in {}{}", output ? "output" : "capacity", c.subject_name,
                                    kb::capacity_unit_name(*want), c.year ? fmt::format(" for {}", c.year) : ""));
  Tolerance t = tolerance_of(c, kb::capacity_unit_name(*want));
  Judgement j;
  j.tolerance = t.text;
  auto text = [&](const kb::Facility& f, double v) {
    return fmt::format("{}: {} {} {}{}", f.name, format_number(v), kb::capacity_unit_name(*f.capacity_unit),
                       output ? "output" : "capacity a year",
                       output && f.output_year ? fmt::format(" ({})", *f.output_year) : "");
  };
  for (auto [f, v] : rows)
    if (within(t, v)) {
      j.verdict = Verdict::kSupported;
      j.reason = text(*f, v);
      j.evidence.push_back(evidence_of(*f, text(*f, v)));
      return j;
    }
  j.verdict = Verdict::kContradicted;
  j.reason = "the kb gives " + text(*rows.front().first, rows.front().second);
  for (auto [f, v] : rows) j.evidence.push_back(evidence_of(*f, text(*f, v)));
  return j;
}

Judgement Verifier::share(const Claim& c, std::string_view date) const {
  if (!c.value) return unverifiable("no figure that parses");
  if (has_company(c)) return unverifiable("the kb has no companies' shares");
  std::string country = country_of(c);
  if (country.empty()) return unverifiable("whose share is not said");
  if (!c.stage) return unverifiable("the stage of the chain (mining, refining, magnets) is not said");
  if (!c.element.empty())
    return unverifiable(fmt::format("the kb's shares are of all rare earths, not of {} alone", c.element));
  int latest = 0;
  for (const auto& f : kb_->countries)
    if (f.measure == kb::FigureMeasure::kMineProduction && is(f.country, "World") && f.value && known_at(f, date))
      latest = std::max(latest, f.year);
  int year = c.year ? c.year : latest;
  Tolerance t = tolerance_of(c, "%");
  Judgement j;
  j.tolerance = t.text;
  if (c.measure == "capacity_share") return capacity_share(c, date);
  if (*c.stage == kb::Stage::kMining) {
    const auto* num = usgs_figure(*kb_, country, kb::FigureMeasure::kMineProduction, year, date);
    const auto* world = usgs_figure(*kb_, "World", kb::FigureMeasure::kMineProduction, year, date);
    if (!num || !world || !num->value || !world->value || *world->value <= 0)
      return unverifiable(fmt::format("no kb mine production of {} and the world for {}", country, year));
    double denom = *world->value;
    std::string denom_text = fmt::format("world {} t", format_number(denom));
    const kb::CountryFigure* china = nullptr;
    if (c.scope == ClaimScope::kOutsideChina) {
      china = usgs_figure(*kb_, "China", kb::FigureMeasure::kMineProduction, year, date);
      if (!china || !china->value) return unverifiable("no kb mine production of China for " + std::to_string(year));
      denom -= *china->value;
      denom_text = fmt::format("world {} t less China {} t", format_number(*world->value), format_number(*china->value));
    }
    double share = 100.0 * *num->value / denom;
    std::string computed = fmt::format("{} {} t / ({}) = {}% of mine production in {} ({})", country,
                                       format_number(*num->value), denom_text, format_number(std::round(share * 10) / 10),
                                       year, num->edition);
    j.verdict = within(t, share) ? Verdict::kSupported : Verdict::kContradicted;
    j.reason = computed;
    j.evidence.push_back(evidence_of(*num, fmt::format("{} {} t REO ({})", country, format_number(*num->value), year)));
    j.evidence.push_back(evidence_of(*world, fmt::format("World {} t REO ({})", format_number(*world->value), year)));
    if (china) j.evidence.push_back(evidence_of(*china, fmt::format("China {} t REO ({})", format_number(*china->value), year)));
    return j;
  }
  if (c.scope == ClaimScope::kOutsideChina) return unverifiable("the kb has no shares outside China beyond mining");
  // Published shares (published.csv) for China, then the model.
  const kb::PublishedFigure* pub = nullptr;
  if (country == "China")
    for (const auto& p : kb_->published)
      if (p.measure == kb::PublishedMeasure::kChinaShare && p.scope == kb::stage_name(*c.stage) &&
          (c.year ? p.year == c.year && (date.empty() || p.year <= year_of(date))
                  : (date.empty() || p.year < year_of(date))) &&
          (!pub || p.year > pub->year))
        pub = &p;
  int model_year = pub ? pub->year : year;
  // The model is asked only when no published figure settles it (a model
  // run per year is the costly part of verifying).
  const ModelFacts* m = pub && within(t, pub->value) ? nullptr : model(model_year);
  std::optional<double> model_share;
  std::string model_text;
  if (m)
    if (auto ms = model_share_of(*m, *c.stage, country, /*capacity=*/false)) {
      model_share = ms->percent;
      model_text = std::move(ms->text);
    }
  if (!pub && !model_share)
    return unverifiable(fmt::format("no kb or model share of {} in {}", country, stage_words(*c.stage)));
  bool pub_ok = pub && within(t, pub->value);
  bool model_ok = model_share && within(t, *model_share);
  if (pub) j.evidence.push_back(evidence_of(*pub, fmt::format("{}% ({})", format_number(pub->value), pub->period)));
  if (model_share) j.evidence.push_back({fmt::format("model: assay supply model {}", m->year), model_text,
                                         format_number(std::round(*model_share * 10) / 10) + "%"});
  if (pub_ok || (!pub && model_ok)) {
    j.verdict = Verdict::kSupported;
    j.reason = pub ? fmt::format("published: China {}% of {} ({})", format_number(pub->value), stage_words(*c.stage), pub->period)
                   : model_text;
    return j;
  }
  if (pub && model_ok) {
    j.verdict = Verdict::kDisputed;
    j.reason = fmt::format("the model gives {}% but the published figure is {}%", format_number(std::round(*model_share * 10) / 10),
                           format_number(pub->value));
    return j;
  }
  j.verdict = Verdict::kContradicted;
  j.reason = pub ? fmt::format("published: China {}% of {} ({})", format_number(pub->value), stage_words(*c.stage), pub->period)
                 : model_text;
  return j;
}

// A share of capacity ("about 90% of refining capacity") is checked against
// shares of capacity only: the published ones (kb shares.csv, measure
// capacity), then the model's capacity by location. An output share
// (published.csv, IEA's 91% of refined output) is another measure
// (production != capacity) and never settles it.
Judgement Verifier::capacity_share(const Claim& c, std::string_view date) const {
  const Tolerance t = tolerance_of(c, "%");
  std::string country = country_of(c);
  const kb::Stage stage = *c.stage;
  const bool outside = c.scope == ClaimScope::kOutsideChina;
  const kb::StageShare* pub = nullptr;
  for (const auto& s : kb_->shares)
    if (s.country == country && s.stage == stage && s.measure == kb::ShareMeasure::kCapacity && s.value &&
        s.kind == kb::ShareKind::kReported && (s.scope == kb::ShareScope::kOutsideChina) == outside &&
        (c.year ? s.year == c.year && (date.empty() || s.year <= year_of(date)) : (date.empty() || s.year < year_of(date))) &&
        (!pub || s.year > pub->year))
      pub = &s;
  Judgement j;
  j.tolerance = t.text;
  auto pub_text = [](const kb::StageShare& s) {
    return fmt::format("{}% of {} capacity ({}{})", format_number(*s.value), stage_words(s.stage), s.year,
                       s.note.empty() ? "" : ", " + s.note);
  };
  const bool pub_ok = pub && within(t, *pub->value);
  // The model's capacity by location, asked when no published figure settles it.
  std::optional<double> model_share;
  std::string model_text;
  const ModelFacts* m = nullptr;
  if (!pub_ok && !outside) {
    // The year of the published figure, else the claim's, else the latest
    // year whose world mine production is known at the date (as for output).
    int model_year = pub ? pub->year : c.year;
    if (model_year == 0)
      for (const auto& f : kb_->countries)
        if (f.measure == kb::FigureMeasure::kMineProduction && is(f.country, "World") && f.value && known_at(f, date))
          model_year = std::max(model_year, f.year);
    m = model(model_year);
    if (m)
      if (auto ms = model_share_of(*m, stage, country, /*capacity=*/true)) {
        model_share = ms->percent;
        model_text = std::move(ms->text);
      }
  }
  if (!pub && !model_share) {
    std::string other;
    for (const auto& p : kb_->published)
      if (country == "China" && p.measure == kb::PublishedMeasure::kChinaShare && p.scope == kb::stage_name(stage))
        other = fmt::format("; the kb's {}% ({}) is a share of output, another measure", format_number(p.value), p.period);
    return unverifiable(fmt::format("no kb or model share of {} in {} capacity{}{}", country, stage_words(stage),
                                    outside ? " outside China" : "", other));
  }
  const bool model_ok = model_share && within(t, *model_share);
  if (pub) j.evidence.push_back(evidence_of(*pub, pub_text(*pub)));
  if (model_share)
    j.evidence.push_back({fmt::format("model: assay supply model {}", m->year), model_text,
                          format_number(std::round(*model_share * 10) / 10) + "%"});
  if (pub_ok || (!pub && model_ok)) {
    j.verdict = Verdict::kSupported;
    j.reason = pub ? fmt::format("published: {} {}", country, pub_text(*pub)) : model_text;
    return j;
  }
  if (pub && model_ok) {
    j.verdict = Verdict::kDisputed;
    j.reason = fmt::format("the published share of capacity is {}% ({}, {}) but the model gives {}% by capacity",
                           format_number(*pub->value), pub->id, pub->year, format_number(std::round(*model_share * 10) / 10));
    return j;
  }
  j.verdict = Verdict::kContradicted;
  j.reason = pub ? fmt::format("published: {} {}", country, pub_text(*pub)) : model_text;
  return j;
}

Judgement Verifier::rank(const Claim& c, std::string_view date) const {
  if (has_company(c)) return unverifiable("the kb does not rank companies");
  std::string country = country_of(c);
  if (country.empty()) return unverifiable("who is ranked is not said");
  bool outside = c.scope == ClaimScope::kOutsideChina;
  Judgement j;
  j.tolerance = "exact rank";
  bool reserves = c.measure == "reserves";
  if (reserves || !c.stage || *c.stage == kb::Stage::kMining) {
    kb::FigureMeasure m = reserves ? kb::FigureMeasure::kReserves : kb::FigureMeasure::kMineProduction;
    int year = c.year;
    if (year == 0)
      for (const auto& f : kb_->countries)
        if (f.measure == m && usgs(f) && f.value && known_at(f, date)) year = std::max(year, f.year);
    std::vector<const kb::CountryFigure*> list;
    for (const auto& f : kb_->countries) {
      if (f.measure != m || f.year != year || !usgs(f) || !f.value || is(f.country, "World") || is(f.country, "Other")) continue;
      if (outside && is(f.country, "China")) continue;
      if (!known_at(f, date)) continue;
      auto it = std::find_if(list.begin(), list.end(), [&](const auto* g) { return g->country == f.country; });
      if (it == list.end()) list.push_back(&f);
      else if (f.edition > (*it)->edition) *it = &f;
    }
    std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) { return *a->value > *b->value; });
    auto it = std::find_if(list.begin(), list.end(), [&](const auto* f) { return f->country == country; });
    if (it == list.end()) return unverifiable(fmt::format("no kb {} figure for {} in {}", kb::measure_name(m), country, year));
    int pos = static_cast<int>(it - list.begin()) + 1;
    std::string order;
    for (std::size_t i = 0; i < list.size() && i < static_cast<std::size_t>(std::max(pos, c.rank) + 1); ++i)
      order += fmt::format("{}{}. {} {} t", i ? ", " : "", i + 1, list[i]->country, format_number(*list[i]->value));
    j.verdict = pos == c.rank ? Verdict::kSupported : Verdict::kContradicted;
    j.reason = fmt::format("{} is number {} by {} in {}{} ({}): {}", country, pos, kb::measure_name(m), year,
                           outside ? " outside China" : "", list.front()->edition, order);
    for (std::size_t i = 0; i < list.size() && i < static_cast<std::size_t>(std::max(pos, c.rank) + 1); ++i)
      j.evidence.push_back(evidence_of(*list[i], fmt::format("{} {} t REO ({})", list[i]->country,
                                                             format_number(*list[i]->value), year)));
    return j;
  }
  int year = c.year;
  if (year == 0) year = world_ ? world_->year() : 0;
  if (!date.empty() && year_of(date) - 1 < year) year = year_of(date) - 1;
  const ModelFacts* m = model(year);
  if (!m && world_) m = model(world_->year());
  if (!m) return unverifiable("no supply model for ranks beyond mining");
  const auto& sm = m->stage(*c.stage);
  std::vector<supply::Share> list;
  for (const auto& s : sm.flow_by_country)
    if (!(outside && s.key == "China") && s.value > 0) list.push_back(s);
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  auto it = std::find_if(list.begin(), list.end(), [&](const auto& s) { return s.key == country; });
  if (it == list.end()) return unverifiable(fmt::format("the model has no {} output in {}", stage_words(*c.stage), country));
  int pos = static_cast<int>(it - list.begin()) + 1;
  std::string order;
  for (std::size_t i = 0; i < list.size() && i < static_cast<std::size_t>(std::max(pos, c.rank) + 1); ++i)
    order += fmt::format("{}{}. {} {} {}", i ? ", " : "", i + 1, list[i].key, format_number(std::round(list[i].value)), sm.unit);
  j.verdict = pos == c.rank ? Verdict::kSupported : Verdict::kContradicted;
  j.reason = fmt::format("{} is number {} by {} output{} in the model ({})", country, pos, stage_words(*c.stage),
                         outside ? " outside China" : "", order);
  j.evidence.push_back({fmt::format("model: assay supply model {}", m->year),
                        fmt::format("{} output by location from the model's flow solve (data/kb facilities, data/supply/model.yaml): {}",
                                    stage_words(*c.stage), order),
                        fmt::format("rank {}", pos)});
  return j;
}

Judgement Verifier::price(const Claim& c, std::string_view date) const {
  if (!c.value) return unverifiable("no figure that parses");
  auto els = elements_of(c.element);
  if (!els) return unverifiable("which rare earth is priced is not said");
  double factor = 1;
  std::string unit = c.unit;
  if (c.unit == "USD/t") factor = 0.001, unit = "USD/kg";
  else if (c.unit == "USD/lb") factor = 2.20462, unit = "USD/kg";
  else if (c.unit == "CNY/t") factor = 0.001, unit = "CNY/kg";
  std::vector<const kb::Price*> rows;
  std::string period = !c.date.empty() ? c.date : (c.year ? std::to_string(c.year) : "");
  const bool undated = period.empty();
  if (period.empty()) {
    // The latest annual average before the date.
    for (const auto& p : kb_->prices)
      if (p.elements == *els && p.unit == unit && p.date.size() == 4 && (c.form.empty() || p.form == c.form) &&
          (date.empty() || year_of(p.date) < year_of(date)) && p.date > period)
        period = p.date;
  }
  for (const auto& p : kb_->prices)
    if (p.elements == *els && p.unit == unit && p.date == period && (c.form.empty() || p.form == c.form)) rows.push_back(&p);
  if (rows.empty())
    return unverifiable(fmt::format("no kb price of {} in {} for {}", c.element, unit, period.empty() ? "any year" : period));
  Claim scaled = c;
  scaled.value = *c.value * factor;
  scaled.value_high = c.value_high.value_or(*c.value) * factor;
  scaled.precision = c.precision * factor;
  Tolerance t = tolerance_of(scaled, unit);
  Judgement j;
  j.tolerance = t.text;
  auto text = [](const kb::Price& p) {
    return fmt::format("{} {} {}, {} ({})", p.product, format_number(p.value), p.unit, p.period, p.basis);
  };
  for (const auto* p : rows)
    if (within(t, p->value)) {
      j.verdict = Verdict::kSupported;
      j.reason = text(*p);
      j.evidence.push_back(evidence_of(*p, text(*p)));
      return j;
    }
  // A price that says no year is a price of its day; an annual average that
  // agrees with it supports it, one that does not cannot contradict it (a
  // day's price can be far from the year's average).
  if (undated)
    return unverifiable(fmt::format("an undated price is a price of its day; the kb holds the annual average ({}), "
                                    "which it does not match, and no price of that day",
                                    text(*rows.front())));
  j.verdict = Verdict::kContradicted;
  j.reason = "the kb gives " + text(*rows.front());
  for (const auto* p : rows) j.evidence.push_back(evidence_of(*p, text(*p)));
  return j;
}

namespace {

// Is `p` in force at `d` (full date)? `why` says why not.
bool in_force(const kb::Kb& kb, const kb::Policy& p, const std::string& d, std::string& why) {
  if (p.effective.empty()) {
    why = fmt::format("{} never took effect ({})", p.id, kb::policy_status_name(p.status));
    return false;
  }
  if (full_date(p.effective) > d) {
    why = fmt::format("{} takes effect on {}", p.id, p.effective);
    return false;
  }
  if (!p.ends.empty() && full_date(p.ends) <= d) {
    why = fmt::format("{} ended on {}", p.id, p.ends);
    return false;
  }
  if (p.ends.empty() && p.status == kb::PolicyStatus::kLifted) {
    why = fmt::format("{} has been lifted (no end date in the kb)", p.id);
    return false;
  }
  for (const auto& s : kb.policies)
    if (s.type == kb::PolicyType::kSuspension && s.related.find(p.id) != std::string::npos && !s.effective.empty() &&
        full_date(s.effective) <= d && (s.ends.empty() || full_date(s.ends) > d)) {
      why = fmt::format("{} is suspended by {} from {}", p.id, s.id, s.effective);
      return false;
    }
  return true;
}

}  // namespace

Judgement Verifier::policy(const Claim& c, std::string_view date) const {
  std::string country = country_of(c);
  if (country.empty()) return unverifiable("which state's measure is not said");
  auto els = elements_of(c.element);
  auto types_match = [&](kb::PolicyType t) {
    std::string_view m = c.measure;
    std::string_view n = kb::policy_type_name(t);
    if (m == n) return true;
    if (m == "export_control") return t == kb::PolicyType::kExportBan;
    return false;
  };
  std::vector<const kb::Policy*> matches, near;
  for (const auto& p : kb_->policies) {
    if (p.country != country) continue;
    if (els && !(p.elements == kb::ElementSet::all()) && (p.elements.bits & els->bits) != els->bits) continue;
    if (c.stage && !p.stages.has(*c.stage)) continue;
    // A measure aimed at some countries holds only for a claim that names one of them.
    if (!p.destinations.empty() && !(p.destinations.size() == 1 && p.destinations[0] == "all") &&
        !std::any_of(p.destinations.begin(), p.destinations.end(), [&](const std::string& d) {
          return std::find(c.destinations.begin(), c.destinations.end(), d) != c.destinations.end();
        }))
      continue;
    if (types_match(p.type)) matches.push_back(&p);
    else if (c.measure == "export_ban" && p.type == kb::PolicyType::kExportControl) near.push_back(&p);
  }
  std::string d = date.empty() ? std::string("9999-12-31") : full_date(date);
  Judgement j;
  if (matches.empty() && !near.empty()) {
    for (const auto* p : near) j.evidence.push_back(evidence_of(*p, fmt::format("{}: {}", p->id, p->scope)));
    j.verdict = Verdict::kDisputed;
    j.reason = fmt::format("the kb's measure is export licensing ({}), not a ban", near.front()->id);
    return j;
  }
  if (matches.empty())
    return unverifiable(fmt::format("no kb policy of {} of type {}{}", country, c.measure,
                                    c.element.empty() ? "" : " covering " + c.element));
  std::string why;
  for (const auto* p : matches) {
    std::string w;
    bool ok = c.present ? in_force(*kb_, *p, d, w)
                        : (!p->effective.empty() ? full_date(p->effective) <= d : full_date(p->announced) <= d);
    if (!c.present && !ok) w = fmt::format("{} dates from {}", p->id, p->effective.empty() ? p->announced : p->effective);
    if (ok) {
      j.verdict = Verdict::kSupported;
      j.reason = fmt::format("{} ({}, effective {}{}): {}", p->id, kb::policy_type_name(p->type), p->effective,
                             p->ends.empty() ? "" : ", ends " + p->ends, p->scope);
      j.evidence.push_back(evidence_of(*p, fmt::format("{}: effective {}{}", p->id, p->effective,
                                                       p->ends.empty() ? "" : ", ends " + p->ends)));
      return j;
    }
    if (why.empty()) why = w;
    j.evidence.push_back(evidence_of(*p, w));
  }
  j.verdict = Verdict::kContradicted;
  j.reason = fmt::format("{} at {}: {}", c.present ? "not in force" : "not yet imposed", date.empty() ? "the latest data" : date, why);
  return j;
}

namespace {

// Is a plant's status in the kb known at year `at`? A planned or building
// plant's status year is when it is due, so that status holds before it.
bool status_known(const kb::Facility& f, int at) {
  return f.status_year <= at || f.status == kb::FacilityStatus::kPlanned || f.status == kb::FacilityStatus::kConstruction;
}

}  // namespace

Judgement Verifier::operation(const Claim& c, std::string_view date) const {
  std::vector<const kb::Facility*> fs;
  for (const auto& s : c.subject) {
    if (starts(s, "facility:")) {
      if (const auto* f = kb_->find_facility(s.substr(9))) fs.push_back(f);
    } else if (starts(s, "company:")) {
      for (const auto* f : kb_->facilities_of(s.substr(8))) fs.push_back(f);
    }
  }
  std::erase_if(fs, [&](const kb::Facility* f) { return c.stage && f->stage != *c.stage; });
  if (fs.empty()) return unverifiable("the kb has no plants of " + c.subject_name + (c.stage ? " at that stage" : ""));
  int at = date.empty() ? 9999 : year_of(date);
  auto status_matches = [&](kb::FacilityStatus s) {
    if (c.measure == "operating") return s == kb::FacilityStatus::kOperating;
    if (c.measure == "construction") return s == kb::FacilityStatus::kConstruction;
    if (c.measure == "commissioning") return s == kb::FacilityStatus::kCommissioning;
    return s == kb::FacilityStatus::kClosed || s == kb::FacilityStatus::kSuspended;
  };
  Judgement j;
  for (const auto* f : fs)
    if (status_matches(f->status) && status_known(*f, at)) {
      j.verdict = Verdict::kSupported;
      j.reason = fmt::format("{}: {} ({})", f->name, kb::status_name(f->status), f->status_year);
      j.evidence.push_back(evidence_of(*f, j.reason));
      return j;
    }
  bool known = false;
  for (const auto* f : fs)
    if (status_known(*f, at)) {
      known = true;
      j.evidence.push_back(evidence_of(*f, fmt::format("{}: {} ({})", f->name, kb::status_name(f->status), f->status_year)));
    }
  if (!known) return unverifiable(fmt::format("the kb's status of {}'s plants is later than {}", c.subject_name, date));
  j.verdict = Verdict::kContradicted;
  j.reason = fmt::format("no plant of {} is {} in the kb: {}", c.subject_name, c.measure, j.evidence.front().value);
  return j;
}

Judgement Verifier::event(const Claim& c, std::string_view date) const {
  std::string country = country_of(c);
  if (country.empty() || has_company(c))
    return unverifiable("the kb has no table of company events (deals, acquisitions, agreements)");
  std::vector<const kb::Policy*> cands;
  for (const auto& p : kb_->policies) {
    if (p.country != country) continue;
    bool t = (c.measure == "seized" || c.measure == "captured") ? p.type == kb::PolicyType::kSupplyDisruption
             : c.measure == "suspended"                          ? p.type == kb::PolicyType::kSuspension
             : (c.measure == "halted" || c.measure == "stopped")
                 ? (p.type == kb::PolicyType::kImportBan || p.type == kb::PolicyType::kExportBan ||
                    p.type == kb::PolicyType::kSupplyDisruption)
                 : false;
    if (t) cands.push_back(&p);
  }
  if (cands.empty()) return unverifiable(fmt::format("no kb record of {} events of this kind ({})", country, c.measure));
  Judgement j;
  std::string d = date.empty() ? std::string("9999-12-31") : full_date(date);
  for (const auto* p : cands) {
    std::string when = p->effective.empty() ? p->announced : p->effective;
    bool same_time = c.year == 0 || year_of(when) == c.year;
    if (!c.date.empty()) same_time = when.substr(0, 7) == c.date;
    if (same_time && full_date(when) <= d) {
      j.verdict = Verdict::kSupported;
      j.reason = fmt::format("{} ({}): {}", p->id, when, p->scope);
      j.evidence.push_back(evidence_of(*p, fmt::format("{} {}", p->id, when)));
      return j;
    }
    j.evidence.push_back(evidence_of(*p, fmt::format("{} {}", p->id, when)));
  }
  j.verdict = Verdict::kContradicted;
  j.reason = fmt::format("the kb dates it otherwise: {}", j.evidence.front().value);
  return j;
}

}  // namespace assay::verify
