// supply/period: a stretch of the model year shorter than (or equal to) a
// year: a month ("2025-05"), a quarter ("2025Q2") or the year ("2025"), and
// ranges of them ("2025-04:2025-07"). The flow model solves a period with
// every capacity and output bound pro rata (a month is 1/12 of the year's);
// export controls count month by month (a control in force from 4 April lets
// April's first three days through; a scenario may give a licensed share per
// month); stocks at the buyer are carried from one period to the next
// (trade.h).
//
//   auto p = supply::parse_period("2025Q2");          // Result<Period>
//   p->fraction();                                      // 0.25
//   auto net2 = supply::for_period(world.baseline, *p); // capacities x 0.25
//   auto months = supply::parse_period_range("2025-04:2025-07");  // four periods
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::supply {

struct Network;

struct Period {
  int year = 0;         // 0: the model year, whole (no period given)
  int first_month = 1;  // 1..12
  int months = 12;      // 1, 3 or 12
  bool whole_year() const { return months == 12; }
  double fraction() const { return months / 12.0; }
  // "2025", "2025Q2", "2025-05" (empty for a default period).
  std::string label() const;
  // "2025-05" for each month it covers.
  std::vector<std::string> month_keys() const;
};

// "2025", "2025Q1".."2025Q4", "2025-01".."2025-12". Errors name the field
// "--period" and say what is accepted.
base::Result<Period> parse_period(std::string_view s);
// One period or "FROM:TO" of the same kind (months or quarters), in order;
// at most 36 periods.
base::Result<std::vector<Period>> parse_period_range(std::string_view s);

// Day of the month a control's `from` date (YYYY-MM-DD, YYYY-MM or YYYY)
// falls in month `key` ("2025-04"): the share of that month the control is
// in force (0 before, 1 after, a fraction in its first month).
double share_of_month_in_force(std::string_view from, std::string_view key);

// A copy of `net` for period `p` (its year must be the network's): every
// node's output bound and capacity times p.fraction(), each export
// control's allowed share averaged over the months of p (months before the
// control's `from` count as free, months with a per-month share use it),
// and Network::period set. The year (p.year == 0) returns the copy as is.
base::Result<Network> for_period(const Network& net, const Period& p);

}  // namespace assay::supply
