#include "assay/supply/period.h"

#include <gtest/gtest.h>

#include "assay/supply/network.h"

namespace assay::supply {
namespace {

TEST(Period, ParsesYearsQuartersAndMonths) {
  auto y = parse_period("2025");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->months, 12);
  EXPECT_EQ(y->label(), "2025");
  auto q = parse_period("2025Q2");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->first_month, 4);
  EXPECT_EQ(q->months, 3);
  EXPECT_DOUBLE_EQ(q->fraction(), 0.25);
  EXPECT_EQ(q->label(), "2025Q2");
  EXPECT_EQ(q->month_keys(), (std::vector<std::string>{"2025-04", "2025-05", "2025-06"}));
  auto m = parse_period("2025-05");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->months, 1);
  EXPECT_EQ(m->label(), "2025-05");
}

TEST(Period, RejectsWhatIsNotAPeriod) {
  for (const char* s : {"", "25", "2025-13", "2025-00", "2025Q5", "2025-5", "May 2025", "2025-05-01", "1800"}) {
    auto p = parse_period(s);
    ASSERT_FALSE(p) << s;
    EXPECT_EQ(p.error().where().field, "--period") << s;
  }
}

TEST(Period, RangesRunInOrderAndStayOfOneKind) {
  auto r = parse_period_range("2025-04:2025-07");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ(r->front().label(), "2025-04");
  EXPECT_EQ(r->back().label(), "2025-07");
  auto q = parse_period_range("2024Q4:2025Q1");
  ASSERT_TRUE(q);
  ASSERT_EQ(q->size(), 2u);
  EXPECT_EQ((*q)[1].label(), "2025Q1");
  EXPECT_FALSE(parse_period_range("2025-04:2025Q3"));
  EXPECT_FALSE(parse_period_range("2025-07:2025-04"));
  EXPECT_FALSE(parse_period_range("2025:2026"));
  EXPECT_FALSE(parse_period_range("2020-01:2025-12"));  // more than 36
}

TEST(Period, ControlsCountFromTheirFirstDay) {
  EXPECT_DOUBLE_EQ(share_of_month_in_force("2025-04-04", "2025-03"), 0.0);
  EXPECT_DOUBLE_EQ(share_of_month_in_force("2025-04-04", "2025-04"), 27.0 / 30.0);
  EXPECT_DOUBLE_EQ(share_of_month_in_force("2025-04-04", "2025-05"), 1.0);
  EXPECT_DOUBLE_EQ(share_of_month_in_force("2024", "2025-01"), 1.0);
  ExportControl c;
  c.from = "2025-04-04";
  c.allowed_share = 1.0;
  c.allowed_by_month = {{"2025-05", 0.25}};
  EXPECT_DOUBLE_EQ(c.allowed_in_month("2025-05"), 0.25);
  EXPECT_DOUBLE_EQ(c.allowed_in_month("2025-03"), 1.0);
  c.allowed_share = 0;
  EXPECT_NEAR(c.allowed_in_month("2025-04"), 3.0 / 30.0, 1e-12);  // three free days
}

Network one_mine() {
  Network net;
  net.params.as_of_year = 2025;
  Node n;
  n.id = "mine";
  n.country = "Australia";
  n.stage = Stage::kMining;
  n.available = 1200;
  n.capacity = 2400;
  net.nodes.push_back(n);
  ExportControl c;
  c.id = "x";
  c.country = "China";
  c.from = "2025-04-04";
  c.allowed_share = 1.0;
  c.allowed_by_month = {{"2025-04", 0.0}, {"2025-05", 0.0}, {"2025-06", 0.5}};
  net.controls.push_back(c);
  return net;
}

TEST(Period, CapacitiesArePaidOutProRata) {
  Network net = one_mine();
  auto m = for_period(net, *parse_period("2025-05"));
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->nodes[0].available, 100);
  EXPECT_DOUBLE_EQ(m->nodes[0].capacity, 200);
  EXPECT_DOUBLE_EQ(m->controls[0].allowed_share, 0.0);
  EXPECT_EQ(m->period.label(), "2025-05");
  auto q = for_period(net, *parse_period("2025Q2"));
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->nodes[0].available, 300);
  EXPECT_NEAR(q->controls[0].allowed_share, (3.0 / 30.0 + 0 + 0.5) / 3.0, 1e-12);
  // The whole year: bounds as they are, the control averaged over twelve
  // months (January to March free).
  auto y = for_period(net, Period{});
  ASSERT_TRUE(y);
  EXPECT_DOUBLE_EQ(y->nodes[0].available, 1200);
  EXPECT_NEAR(y->controls[0].allowed_share, (3 + 3.0 / 30.0 + 0 + 0.5 + 6) / 12.0, 1e-12);
  EXPECT_EQ(y->period.year, 0);
  // Another year than the model's is an error naming --period.
  auto other = for_period(net, *parse_period("2024-05"));
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().where().field, "--period");
}

}  // namespace
}  // namespace assay::supply
