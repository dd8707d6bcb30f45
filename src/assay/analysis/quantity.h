// analysis/quantity: finds the checkable figures in news text (amounts with
// a unit, shares, prices, capacities, counts) and parses each into a value in
// a canonical unit, with the measure that the words around it give it.
//
//   auto qs = find_quantities("Lynas can make 10,500 tonnes a year of NdPr.");
//   qs[0].value == 10500; qs[0].unit == "t/yr"; qs[0].measure == Measure::kCapacity
//
//   find_quantities("prices of US$62 per kg")        -> 62 "USD/kg" (price)
//   find_quantities("A$1.7 billion to A$1.8 billion") -> 1.7e9..1.8e9 "AUD" (money)
//   find_quantities("about 90% of global output")    -> 90 "%" (share, approximate)
//   find_quantities("seven elements")                -> 7 "count", head "elements"
//   find_quantities("three people familiar")         -> 3 "count", head "people",
//                                                      is_source_count() == true
//   find_quantities("in 2026", "October 17", "Article 5", "the first", "Q3") -> none
//
// One left-to-right pass over the bytes, no regular expressions; context is
// read only around a figure once one is found. Typographic spaces (NBSP,
// thin and narrow spaces), dashes (en, em, minus) and quotes count as their
// ASCII equivalents. Values are in the canonical unit:
//   mass "t" (kg, lb, kt, Mt, "million tonnes" converted), rates "t/yr",
//   "t/day", "t/month"; "%" (fractions such as "a third" become 33.3 "%"),
//   "pp" (percentage points), "bp"; money as an ISO code ("USD", "AUD", "CAD",
//   "EUR", "CNY", "JPY", "GBP", "INR", ...), prices "USD/kg", "USD/t",
//   "CNY/t", "USD/lb", "USD/oz", "USD/share", money per year "USD/yr";
//   "count" (with `head`); durations "yr", "month", "week", "day", "h", "min",
//   "decade"; "km", "m", "km2", "ha", "m2"; "MW", "GWh"; "ppm", "ppb", "g/t";
//   "x" for multiples ("three times", "10-fold").
//
// Thread-safety: find_quantities is a pure function; call it from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/enum_names.h"
#include "assay/base/span.h"

namespace assay::analysis {

enum class Measure {
  kReserves,    // reserves, resources, deposit contents
  kProduction,  // production, output, mining, quotas
  kCapacity,    // capacity, nameplate, "able to produce", "a plant of X t a year"
  kShare,       // a share of something ("90% of refining")
  kPrice,       // a price ("$62 per kg", "traded at $15")
  kCount,       // a count of things ("47 projects")
  kMoney,       // an amount of money without a rate ("a $400 million loan")
  kAmount,      // a tonnage or volume that is none of the above (imports, shipments)
  kGrowth,      // a change ("rose 9%", "fell 93%", "three times")
  kOther,       // durations, distances, areas, grades, purities, tariffs
};
inline constexpr auto kMeasureNames = base::enum_names<Measure>({
    {Measure::kReserves, "reserves"},
    {Measure::kProduction, "production"},
    {Measure::kCapacity, "capacity"},
    {Measure::kShare, "share"},
    {Measure::kPrice, "price"},
    {Measure::kCount, "count"},
    {Measure::kMoney, "money"},
    {Measure::kAmount, "amount"},
    {Measure::kGrowth, "growth"},
    {Measure::kOther, "other"},
});
const char* measure_name(Measure m);  // "reserves", "production", ...
std::optional<Measure> parse_measure(std::string_view s);

// How the text bounds the figure.
enum class Bound {
  kExact,
  kApprox,   // about, around, roughly, nearly, some, ~, close to
  kAtLeast,  // more than, over, above, at least, in excess of
  kAtMost,   // up to, less than, under, below, no more than
};
inline constexpr auto kBoundNames = base::enum_names<Bound>({
    {Bound::kExact, "exact"},
    {Bound::kApprox, "approx"},
    {Bound::kAtLeast, "at_least"},
    {Bound::kAtMost, "at_most"},
});
const char* bound_name(Bound b);  // "exact", "approx", "at_least", "at_most"
std::optional<Bound> parse_bound(std::string_view s);

struct Quantity {
  base::Span span;         // number + unit (+ scale, currency, rate); not the qualifier
  double value = 0;        // in the canonical unit
  double value_high = 0;   // == value unless a range ("850 to 1,000 tonnes")
  std::string unit;        // canonical unit, see above
  Measure measure = Measure::kOther;
  bool approximate = false;  // any qualifier: bound != kExact
  Bound bound = Bound::kExact;
  std::string head;        // counts: the counted noun, lower case ("elements", "people")
  std::string material;    // words after "of" ("NdPr oxide", "global rare-earth refining capacity")
  bool source_count = false;  // a count of informants ("three people", "two sources",
                              // "one of the officials"): not checkable (LABELS edge 1)
};

// A count of anonymous informants, which the caller should not treat as a
// checkable figure.
inline bool is_source_count(const Quantity& q) { return q.source_count; }

// All quantities in `text`, in text order, non-overlapping.
std::vector<Quantity> find_quantities(std::string_view text);
// Same, appending to `out` (reuse its capacity across calls).
void find_quantities(std::string_view text, std::vector<Quantity>& out);

}  // namespace assay::analysis
