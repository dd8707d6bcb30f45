#include "assay/analysis/quantity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace assay::analysis {
namespace {

// The only quantity in `text`; fails the test when there is not exactly one.
Quantity only(std::string_view text) {
  auto qs = find_quantities(text);
  EXPECT_EQ(qs.size(), 1u) << text;
  if (qs.size() != 1) return {};
  return qs[0];
}

std::string span_text(std::string_view text, const Quantity& q) { return std::string(q.span.of(text)); }

// Checks that `text` yields exactly one quantity with this value, unit and span.
void expect_one(std::string_view text, double value, std::string_view unit, std::string_view span = {}) {
  SCOPED_TRACE(std::string(text));
  auto qs = find_quantities(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_NEAR(qs[0].value, value, std::abs(value) * 1e-9 + 1e-9);
  EXPECT_NEAR(qs[0].value_high, value, std::abs(value) * 1e-9 + 1e-9);
  EXPECT_EQ(qs[0].unit, unit);
  if (!span.empty()) {
    EXPECT_EQ(span_text(text, qs[0]), span);
  }
}

void expect_range(std::string_view text, double lo, double hi, std::string_view unit, std::string_view span = {}) {
  SCOPED_TRACE(std::string(text));
  auto qs = find_quantities(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_NEAR(qs[0].value, lo, std::abs(lo) * 1e-9 + 1e-9);
  EXPECT_NEAR(qs[0].value_high, hi, std::abs(hi) * 1e-9 + 1e-9);
  EXPECT_EQ(qs[0].unit, unit);
  if (!span.empty()) {
    EXPECT_EQ(span_text(text, qs[0]), span);
  }
}

void expect_none(std::string_view text) {
  auto qs = find_quantities(text);
  EXPECT_TRUE(qs.empty()) << text << " -> first: " << (qs.empty() ? "" : std::string(qs[0].span.of(text)));
}

Measure measure_of(std::string_view text) { return only(text).measure; }

TEST(Quantity, MeasureNames) {
  EXPECT_STREQ(measure_name(Measure::kReserves), "reserves");
  EXPECT_STREQ(measure_name(Measure::kProduction), "production");
  EXPECT_STREQ(measure_name(Measure::kCapacity), "capacity");
  EXPECT_STREQ(measure_name(Measure::kShare), "share");
  EXPECT_STREQ(measure_name(Measure::kPrice), "price");
  EXPECT_STREQ(measure_name(Measure::kCount), "count");
  EXPECT_STREQ(measure_name(Measure::kMoney), "money");
  EXPECT_STREQ(measure_name(Measure::kAmount), "amount");
  EXPECT_STREQ(measure_name(Measure::kGrowth), "growth");
  EXPECT_STREQ(measure_name(Measure::kOther), "other");
  EXPECT_STREQ(bound_name(Bound::kAtMost), "at_most");
}

TEST(Quantity, DecimalsAndSeparators) {
  expect_one("Output reached 16.1 tonnes last year.", 16.1, "t", "16.1 tonnes");
  expect_one("The mine shipped 10,500 tonnes.", 10500, "t", "10,500 tonnes");
  expect_one("It holds 1,234,567.5 tonnes.", 1234567.5, "t");
  expect_one("a 1.2bn tonne resource", 1.2e9, "t");
  expect_one("It raised $1.2bn from investors.", 1.2e9, "USD", "$1.2bn");
  // thin space and narrow no-break space as thousands separators
  expect_one("output of 10\u2009500 tonnes", 10500, "t");
  expect_one("output of 10\u202F500 tonnes", 10500, "t");
  expect_one("output of 10\u00A0500 tonnes", 10500, "t");
  // a list is not a thousands group
  auto qs = find_quantities("quotas of 1,2 and 3 tonnes");
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].value, 3);
}

TEST(Quantity, Currencies) {
  {
    auto q = only("a floor of $110/kg for NdPr");
    EXPECT_EQ(q.value, 110);
    EXPECT_EQ(q.unit, "USD/kg");
    EXPECT_EQ(q.measure, Measure::kPrice);
  }
  expect_one("NdPr at US$62 per kg in China", 62, "USD/kg", "US$62 per kg");
  expect_one("a A$1.2 billion loan", 1.2e9, "AUD", "A$1.2 billion");
  expect_one("shares could trade at C$2.50", 2.5, "CAD", "C$2.50");
  expect_one("a \u20AC5 million grant", 5e6, "EUR", "\u20AC5 million");
  expect_one("prices of \u00A5600,000 per tonne", 600000, "CNY/t");
  expect_one("prices of 600,000 yuan a tonne", 600000, "CNY/t", "600,000 yuan a tonne");
  expect_one("at 1,650 yuan per kilogram", 1650, "CNY/kg");
  expect_one("a \u00A33.2m deal", 3.2e6, "GBP");
  expect_one("a Rs 7,280 crore scheme", 7.28e10, "INR", "Rs 7,280 crore");
  expect_one("a \u20B9500 crore outlay", 5e9, "INR");
  expect_one("a HK$10 share price", 10, "HKD");
  expect_one("quoted at USD 110/kg", 110, "USD/kg");
  expect_one("about 18.7 million euros from the fund", 1.87e7, "EUR");
  expect_one("worth 5 million Australian dollars", 5e6, "AUD");
  expect_one("paid $5 a share", 5, "USD/share");
  expect_one("costs of $50 million a year", 5e7, "USD/yr");
  expect_one("gold at $2,400 an ounce", 2400, "USD/oz");
  expect_one("uranium at $80/lb", 80, "USD/lb");
  expect_one("a $10m grant", 1e7, "USD");
  expect_one("a $5mn grant", 5e6, "USD");
  expect_one("valued at $3 trillion", 3e12, "USD");
  expect_one("past the $1billion mark", 1e9, "USD", "$1billion");
  expect_one("workers make $12 an hour", 12, "USD/h");
  expect_one("37 cents of each dollar", 0.37, "USD");
}

TEST(Quantity, ScalesAndMassUnits) {
  expect_one("some 3 thousand tonnes", 3e3, "t");
  expect_one("reserves of 2 million tonnes", 2e6, "t", "2 million tonnes");
  expect_one("about 10k tonnes", 1e4, "t");
  expect_one("a 20kt stockpile", 2e4, "t", "20kt");
  expect_one("a 5Mt resource", 5e6, "t");
  expect_one("1 Gt of ore", 1e9, "t");
  expect_one("a 10 ktpa plant", 1e4, "t/yr");
  expect_one("a 5,000 tpa plant", 5000, "t/yr");
  expect_one("a 5.5 Mtpa mine", 5.5e6, "t/yr");
  expect_one("a 5,000 t/yr plant", 5000, "t/yr", "5,000 t/yr");
  expect_one("it will make 5,000 tonnes a year", 5000, "t/yr", "5,000 tonnes a year");
  expect_one("5,000 metric tons per annum of oxide", 5000, "t/yr", "5,000 metric tons per annum");
  expect_one("10,000 tonnes annually", 10000, "t/yr");
  expect_one("Lynas can make 10,500 tonnes of NdPr oxide a year.", 10500, "t/yr",
             "10,500 tonnes of NdPr oxide a year");
  expect_one("a 3,000-tonne-a-year plant", 3000, "t/yr", "3,000-tonne-a-year");
  expect_one("the 20-million-tonne figure", 2e7, "t", "20-million-tonne");
  expect_one("a 500 kg sample", 0.5, "t");
  expect_one("10,000 lbs of U3O8", 10000 * 4.5359237e-4, "t");
  expect_one("200,000 ounces of gold", 200000, "oz");
  expect_one("5,600 tonnes a month", 5600, "t/month");
  {
    auto q = only("It will produce 1,200 tonnes a year of sintered neodymium magnets.");
    EXPECT_EQ(q.material, "sintered neodymium magnets");
  }
}

TEST(Quantity, OtherUnits) {
  expect_one("a 14,000-hectare land package", 14000, "ha", "14,000-hectare");
  expect_one("a 310,000-square-foot plant", 310000 * 0.09290304, "m2");
  expect_one("about 25 kilometres away", 25, "km");
  expect_one("over 12 metres of core", 12, "m");
  expect_one("a 1,200 km2 licence", 1200, "km2");
  expect_one("a 100 MW solar farm", 100, "MW");
  expect_one("uses 5 GWh of power", 5, "GWh");
  expect_one("grades of 1,500 ppm TREO", 1500, "ppm");
  expect_one("grades of 2.5 g/t gold", 2.5, "g/t");
  expect_one("a 10-year offtake", 10, "yr", "10-year");
}

TEST(Quantity, EverydayTechnicalUnits) {
  // The second audit (labels23): a review's specifications are checkable
  // figures too, of no supply-chain measure.
  expect_one("the key travel is 1.5 millimeters", 1.5e-3, "m");
  expect_one("a blade just 3 mm thick", 3e-3, "m");
  expect_one("a screen 38 centimetres wide", 0.38, "m");
  expect_one("ships with 256GB of storage", 256, "B");
  expect_one("a read speed of 900 megabytes per second", 900, "B");
  expect_one("links of up to 10 Gbps", 10, "bit");
  expect_one("a 3.2GHz processor", 3.2, "Hz");
  expect_one("the fans stay under 40 dBA", 40, "dB");
  expect_one("a 65W charger", 65, "W");
  expect_one("the case reached 45 degrees Celsius", 45, "deg", "45 degrees Celsius");
  expect_one("the chip throttles at 95\u00B0C", 95, "deg", "95\u00B0C");
  for (const char* t : {"a 65W charger", "at 95\u00B0C", "uses 4GB of memory"}) {
    auto qs = find_quantities(t);
    ASSERT_EQ(qs.size(), 1u) << t;
    EXPECT_EQ(qs[0].measure, Measure::kOther) << t;
  }
  // Not a unit: a lone capital W.
  expect_none("Route 9 W runs north");
}

TEST(Quantity, Percent) {
  expect_one("about 90% of refining", 90, "%", "90%");
  expect_one("rose 5 per cent", 5, "%", "5 per cent");
  expect_one("rose 5 percent", 5, "%");
  expect_one("prices up 5pc", 5, "%");
  expect_one("rose 2 percentage points", 2, "pp");
  expect_one("cut rates by 50 basis points", 50, "bp");
  expect_one("a 5\u202F% stake", 5, "%");
  expect_one("a 99.9% purity", 99.9, "%");
}

TEST(Quantity, Ranges) {
  expect_range("capacity of roughly 850 to 1,000 tonnes a year", 850, 1000, "t/yr", "850 to 1,000 tonnes a year");
  expect_range("between 5% and 7% of supply", 5, 7, "%", "5% and 7%");
  expect_range("a 10-12% share", 10, 12, "%", "10-12%");
  expect_range("a 10\u201312% share", 10, 12, "%");
  expect_range("a 10 \u2013 12% share", 10, 12, "%");
  expect_range("cost A$1.7 billion to A$1.8 billion", 1.7e9, 1.8e9, "AUD");
  expect_range("cost $1.7-1.8 billion", 1.7e9, 1.8e9, "USD");
  expect_range("cost 1.7 to 1.8 billion euros", 1.7e9, 1.8e9, "EUR");
  expect_range("a premium of 20% to 30%", 20, 30, "%");
  expect_range("inventories cover two to three months of production", 2, 3, "month", "two to three months");
  expect_range("between five and seven projects", 5, 7, "count");
  expect_range("between a third and a half of supply", 100.0 / 3, 50, "%");
  expect_range("5-10 kt of concentrate", 5e3, 1e4, "t");
  expect_range("a $60-$66 per share range", 60, 66, "USD/share");
  expect_range("Dysprosium traded at $300-$320/kg", 300, 320, "USD/kg", "$300-$320/kg");
  expect_range("making between $30,000 and $60,000 a year", 30000, 60000, "USD/yr");
  // a fall "from X to Y" is two figures, not a range
  auto qs = find_quantities("reserves cut from 22 million tonnes to 3.5 million tonnes");
  ASSERT_EQ(qs.size(), 2u);
  EXPECT_EQ(qs[0].value, 22e6);
  EXPECT_EQ(qs[1].value, 3.5e6);
  // a year range is not a quantity
  expect_one("53,000 tonnes in 2024-25", 53000, "t");
}

TEST(Quantity, NumberWords) {
  {
    auto q = only("China restricts seven elements.");
    EXPECT_EQ(q.value, 7);
    EXPECT_EQ(q.unit, "count");
    EXPECT_EQ(q.head, "elements");
    EXPECT_EQ(q.measure, Measure::kCount);
    EXPECT_FALSE(q.source_count);
  }
  expect_one("Seven elements are covered.", 7, "count");
  expect_one("a dozen projects", 12, "count");
  expect_one("two dozen mines", 24, "count");
  expect_one("twenty-five companies applied", 25, "count");
  expect_one("three hundred tonnes", 300, "t");
  expect_one("two million tonnes of ore", 2e6, "t");
  expect_one("a million tonnes of ore", 1e6, "t");
  expect_one("half a million tonnes", 5e5, "t");
  expect_one("a third of supply", 100.0 / 3, "%", "a third");
  expect_one("half of global output", 50, "%");
  expect_one("two-thirds of the world's refining", 200.0 / 3, "%");
  expect_one("three quarters of imports", 75, "%");
  expect_one("at a tenth of the cost", 10, "%");
  expect_one("one in five magnets is recycled", 20, "%", "one in five");
  expect_one("2 in 10 households", 20, "%");
  expect_none("one in 2024");
  expect_none("USB 2.0 and 3.0 ports");
  // "half", "third" without "of": no figure
  expect_none("a third pillar of the economy");
  expect_none("the world's third-largest deposit");
  expect_none("in the first half of 2025");
  expect_none("prices doubled");
  expect_none("close to double the Chinese price");
}

TEST(Quantity, Counts) {
  {
    auto q = only("The Commission selected 47 projects.");
    EXPECT_EQ(q.value, 47);
    EXPECT_EQ(q.head, "projects");
  }
  {
    auto q = only("47 strategic projects in the bloc");
    EXPECT_EQ(q.head, "projects");
    EXPECT_EQ(span_text("47 strategic projects in the bloc", q), "47 strategic projects");
  }
  expect_one("seven medium and heavy rare earths", 7, "count");
  expect_one("it received 170 applications", 170, "count");
  expect_one("20,000 workers were laid off", 20000, "count");
  expect_one("3.5 million people live there", 3.5e6, "count");
  expect_one("with 45 working days to decide", 45, "day", "45 working days");
  expect_one("a record of 22 seconds", 22, "s");
  expect_one("the process takes 27 months", 27, "month");
  expect_one("a contract for 10 years", 10, "yr");
}

TEST(Quantity, AnonymousSourcesAreCountsForTheCaller) {
  for (std::string_view text : {"three people familiar with the matter said", "two sources said",
                                "one of the people said", "One trader, who asked not to be named, said",
                                "according to two officials", "one industry official said",
                                "two of the people said"}) {
    SCOPED_TRACE(std::string(text));
    auto qs = find_quantities(text);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(qs[0].unit, "count");
    EXPECT_TRUE(is_source_count(qs[0]));
  }
  EXPECT_EQ(only("three people familiar").head, "people");
  EXPECT_EQ(only("two sources said").head, "sources");
  EXPECT_EQ(only("one of the people").head, "people");
  // a large count of people is a checkable figure, and so is a count that is not a source
  EXPECT_FALSE(only("20,000 people were displaced").source_count);
  EXPECT_FALSE(only("Three people died in the clashes.").source_count);
  EXPECT_FALSE(only("a team of 11 engineers spent three days on it").source_count);
  // other uses of "one" are not counts
  expect_none("one of the largest deposits");
  expect_none("one of very few producers outside Asia");
  expect_none("no one from the company");
}

TEST(Quantity, Multiples) {
  expect_one("three times the price", 3, "x");
  expect_one("a 10-fold rise", 10, "x");
  expect_one("up 3x since May", 3, "x");
  expect_none("The price doubled.");
}

TEST(Quantity, NotQuantities) {
  for (std::string_view text : {
           "commissioning in 2026", "KUALA LUMPUR, October 17 (Wire) -", "on 17 October",
           "until March 2026", "published 2025-06-12", "in Q3", "FY25 results", "FY 2025 results",
           "the first plant", "the 2nd plant", "Article 5 of the law", "Decree No. 61 says",
           "(NYSE: UUUU)", "(ASX:LYC)", "(HKEX: 1024)", "at 10 a.m. local time", "at 10:30", "in the 2000s",
           "Section 232 tariffs", "COVID-19 rules", "the 10X plant", "G7 leaders", "the two companies",
           "The two groups merged", "two years ago", "two years after police arrested him",
           "a loan of several hundred million dollars", "see www.example.com/2025/06/story",
           "the 2030 benchmarks", "its 2024 total mining quota", "Boeing 737 jets", "phase 2 projects",
           "page 12", "a 24/7 operation", "in 2021-2022", "Windows 11", "#5 producer",
           "since the 1990s", "mid-2026", "a 3D model", "a 5G network", "the 45-year-old chief executive",
           "he is 57 years old"}) {
    expect_none(text);
  }
}

TEST(Quantity, TypographicEquivalents) {
  expect_one("US$62\u00A0per\u00A0kg", 62, "USD/kg");
  expect_one("5,000\u2009tonnes a year", 5000, "t/yr");
  expect_range("850\u2013\u20091,000 tonnes", 850, 1000, "t");
  expect_one("the world\u2019s 47 projects", 47, "count");
}

TEST(Quantity, Bounds) {
  EXPECT_EQ(only("about 90%").bound, Bound::kApprox);
  EXPECT_EQ(only("roughly 90%").bound, Bound::kApprox);
  EXPECT_EQ(only("nearly 90%").bound, Bound::kApprox);
  EXPECT_EQ(only("some 300 tonnes").bound, Bound::kApprox);
  EXPECT_EQ(only("~300 tonnes").bound, Bound::kApprox);
  EXPECT_EQ(only("close to 99%").bound, Bound::kApprox);
  EXPECT_EQ(only("up to 45 working days").bound, Bound::kAtMost);
  EXPECT_EQ(only("more than 50%").bound, Bound::kAtLeast);
  EXPECT_EQ(only("at least 5 tonnes").bound, Bound::kAtLeast);
  EXPECT_EQ(only("less than 5 tonnes").bound, Bound::kAtMost);
  EXPECT_EQ(only("no more than 65%").bound, Bound::kAtMost);
  EXPECT_EQ(only("under C$40 million").bound, Bound::kAtMost);
  EXPECT_TRUE(only("about 90%").approximate);
  EXPECT_FALSE(only("90%").approximate);
  EXPECT_EQ(only("90%").bound, Bound::kExact);
}

TEST(Quantity, Measures) {
  EXPECT_EQ(measure_of("Brazil holds about 21 million tonnes of rare-earth reserves."), Measure::kReserves);
  EXPECT_EQ(measure_of("a resource of 45 million tonnes"), Measure::kReserves);
  EXPECT_EQ(measure_of("The country produced only 20 tonnes of oxide in 2024."), Measure::kProduction);
  EXPECT_EQ(measure_of("Mine output reached 5,000 tonnes."), Measure::kProduction);
  EXPECT_EQ(measure_of("a mining quota of 270,000 tonnes"), Measure::kProduction);
  EXPECT_EQ(measure_of("The plant has a capacity of 2,000 tonnes a year."), Measure::kCapacity);
  EXPECT_EQ(measure_of("a factory capable of producing 10,000 tonnes of magnets a year"), Measure::kCapacity);
  EXPECT_EQ(measure_of("the first line will be able to make 1,200 tonnes a year"), Measure::kCapacity);
  EXPECT_EQ(measure_of("a 3,000-tonne-a-year plant"), Measure::kCapacity);
  EXPECT_EQ(measure_of("India imported about 53,000 tonnes of magnets."), Measure::kAmount);
  EXPECT_EQ(measure_of("China accounts for roughly 90% of refining."), Measure::kShare);
  EXPECT_EQ(measure_of("a stake of about 15%"), Measure::kShare);
  EXPECT_EQ(measure_of("Lynas shares rose 9% in Sydney."), Measure::kGrowth);
  EXPECT_EQ(measure_of("Exports fell 93% in May."), Measure::kGrowth);
  EXPECT_EQ(measure_of("Iluka shares closed 2.1% lower."), Measure::kGrowth);
  EXPECT_EQ(measure_of("up 33% from July"), Measure::kGrowth);
  EXPECT_EQ(measure_of("oxide at 99.9% purity"), Measure::kOther);
  EXPECT_EQ(measure_of("an additional 34% tariff"), Measure::kOther);
  EXPECT_EQ(measure_of("grades of up to 1.8% TREO"), Measure::kOther);
  EXPECT_EQ(measure_of("a resource grading 1.03% TREO"), Measure::kOther);
  EXPECT_EQ(measure_of("at 1.03% TREO"), Measure::kOther);
  EXPECT_EQ(measure_of("NdPr traded at $55 per kilogram."), Measure::kPrice);
  EXPECT_EQ(measure_of("buy below $15"), Measure::kPrice);
  EXPECT_EQ(measure_of("a $620 million loan"), Measure::kMoney);
  EXPECT_EQ(measure_of("The Pentagon will buy $400 million of stock."), Measure::kMoney);
  EXPECT_EQ(measure_of("47 projects"), Measure::kCount);
  EXPECT_EQ(measure_of("three times higher"), Measure::kGrowth);
  // "by" before a percentage sizes a change, whatever the verb.
  EXPECT_EQ(measure_of("The miner will lift yearly oxide output at its plant by 15%."), Measure::kGrowth);
  EXPECT_EQ(measure_of("Quotas were trimmed by 4.5 percent this year."), Measure::kGrowth);
  EXPECT_EQ(measure_of("The forecast beat estimates by 8%."), Measure::kGrowth);
  EXPECT_EQ(measure_of("The plan was backed by 62% of shareholders."), Measure::kShare);
  EXPECT_EQ(measure_of("Only 62% of the ore is owned by the state."), Measure::kShare);
  EXPECT_EQ(measure_of("The line will get a 30% expansion next year."), Measure::kGrowth);
  EXPECT_EQ(measure_of("It plans a 12 percent capacity expansion."), Measure::kGrowth);
}

TEST(Quantity, SpansAreOrderedAndInsideTheText) {
  const std::string text =
      "MP said the 10X plant will lift capacity to 10,000 tonnes a year, with commissioning expected in 2028. "
      "The Pentagon will also buy $400 million of stock, a stake of about 15%, and guarantee $110 per kilogram "
      "for 10 years; three people familiar said. Between 5% and 7% of supply, 850 to 1,000 tonnes.";
  auto qs = find_quantities(text);
  ASSERT_EQ(qs.size(), 8u);
  std::uint32_t last = 0;
  for (const auto& q : qs) {
    EXPECT_LE(last, q.span.begin);
    EXPECT_LT(q.span.begin, q.span.end);
    EXPECT_LE(q.span.end, text.size());
    last = q.span.end;
  }
  EXPECT_EQ(span_text(text, qs[0]), "10,000 tonnes a year");
  EXPECT_EQ(span_text(text, qs[1]), "$400 million");
  EXPECT_EQ(span_text(text, qs[3]), "$110 per kilogram");
  // the appending overload reuses the vector
  std::vector<Quantity> out;
  find_quantities("5 tonnes", out);
  find_quantities("7 tonnes", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].value, 7);
}

TEST(Quantity, RobustOnOddInput) {
  expect_none("");
  expect_none("$");
  expect_none("US$");
  expect_none("a");
  find_quantities(std::string(1000, '9'));
  find_quantities(std::string("\xE2\x80", 2));
  find_quantities(std::string("5\xC2", 2));
  find_quantities(std::string("$5 per\xE2", 8));
  find_quantities("1,000,000,000,000,000,000,000,000 tonnes");
  find_quantities("between between between 5 and");
}

// Every sentence of the gold articles: a sentence labelled `quantity` should
// yield a checkable quantity (not a count of informants), and a sentence
// without the label should not. The figures are printed for EVALUATION.md.
TEST(Quantity, GoldArticlesPrecisionRecall) {
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  std::filesystem::path dir = shared ? std::filesystem::path(shared) / "eval" / "articles"
                                     : std::filesystem::path("../shared/eval/articles");
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no gold articles at " << dir;
  int tp = 0, fp = 0, fn = 0, tn = 0;
  std::vector<std::string> misses;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) {
    std::ifstream in(path);
    const auto j = nlohmann::json::parse(in);
    for (const auto& s : j.at("sentences")) {
      const std::string text = s.at("text");
      bool gold = false;
      for (const auto& l : s.at("labels"))
        if (l == "quantity") gold = true;
      bool pred = false;
      for (const auto& q : find_quantities(text))
        if (!is_source_count(q)) pred = true;
      if (gold && pred) ++tp;
      else if (gold) { ++fn; misses.push_back("FN " + text); }
      else if (pred) { ++fp; misses.push_back("FP " + text); }
      else ++tn;
    }
  }
  const double precision = tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0;
  const double recall = tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0;
  std::printf("quantity on gold articles: precision %.3f recall %.3f (tp %d fp %d fn %d tn %d)\n", precision,
              recall, tp, fp, fn, tn);
  for (const auto& m : misses) std::printf("  %s\n", m.c_str());
  EXPECT_GE(recall, 0.9);
  EXPECT_GE(precision, 0.8);
}

}  // namespace
}  // namespace assay::analysis
