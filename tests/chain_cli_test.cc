// End-to-end tests of `assay chain`: golden outputs compared whole, error
// messages for bad scenarios, determinism. The model runs on a frozen copy
// of the data (tests/golden/chain_data) so that knowledge-base edits do not
// move the goldens; regenerate them with ASSAY_UPDATE_GOLDEN=1 after a
// deliberate model change and review the diff.
#include <gtest/gtest.h>

#include <string>

#include "cli_test_util.h"

namespace {

std::string src() { return env_or("ASSAY_SOURCE_DIR", "."); }
std::string golden(const std::string& name) { return src() + "/tests/golden/" + name; }
std::string fixture() { return "--data " + src() + "/tests/golden/chain_data"; }

RunResult chain(const std::string& args) { return run_assay(fixture() + " chain " + args); }

void expect_golden(const std::string& args, const std::string& file) {
  RunResult r = chain(args);
  ASSERT_EQ(r.code, 0) << args << "\n" << r.err;
  r.out = relative_paths(r.out);
  if (std::getenv("ASSAY_UPDATE_GOLDEN")) write_text(golden(file), r.out);
  std::string want = read_text(golden(file));
  ASSERT_FALSE(want.empty()) << "missing golden " << file << " (run with ASSAY_UPDATE_GOLDEN=1)";
  EXPECT_EQ(r.out, want) << "golden " << file << " differs for: assay chain " << args;
}

TEST(ChainGolden, SummaryMd) { expect_golden("summary --format md", "chain_summary.md"); }
TEST(ChainGolden, SummaryJson) { expect_golden("summary --format json", "chain_summary.json"); }
TEST(ChainGolden, StagesMd) { expect_golden("stages --format md", "chain_stages.md"); }
TEST(ChainGolden, FacilityJson) { expect_golden("facility lynas-malaysia-separation --format json", "chain_facility.json"); }
TEST(ChainGolden, ScenarioMyanmarMd) { expect_golden("scenario myanmar-clay-halt --format md", "chain_scenario_myanmar.md"); }
TEST(ChainGolden, ScenariosJson) {
  expect_golden("scenario malaysia-china-refinery china-april-2025-controls myanmar-clay-halt lynas-malaysia-licence-loss --format json",
                "chain_scenarios.json");
}
TEST(ChainGolden, RefineryParameterMd) {
  expect_golden("scenario malaysia-china-refinery --set capacity=20000 --format md", "chain_scenario_refinery_20k.md");
}
TEST(ChainGolden, MonteCarloJson) {
  expect_golden("montecarlo baseline --draws 200 --seed 7 --format json", "chain_montecarlo.json");
}

// The HTML pages (tests/browser checks them in Chromium; these pin them).
TEST(ChainGolden, SummaryHtml) { expect_golden("summary --format html", "chain_summary.html"); }
TEST(ChainGolden, ScenarioMyanmarHtml) { expect_golden("scenario myanmar-clay-halt --format html", "chain_scenario_myanmar.html"); }
TEST(ChainGolden, MonteCarloHtml) {
  expect_golden("montecarlo myanmar-clay-halt --draws 100 --seed 7 --demand 20000 --format html", "chain_montecarlo.html");
}

TEST(Chain, ScenarioPageLeadsWithWhatChanged) {
  RunResult r = chain("scenario myanmar-clay-halt --format html");
  ASSERT_EQ(r.code, 0) << r.err;
  auto changed = r.out.find("<h2>What changed</h2>");
  auto folded = r.out.find(" rows unchanged</summary>");
  auto sankey = r.out.find("aria-label=\"Flows from mines to magnets\"");
  ASSERT_NE(changed, std::string::npos);
  ASSERT_NE(folded, std::string::npos);
  EXPECT_LT(changed, folded);
  EXPECT_LT(folded, sankey);
  EXPECT_NE(r.out.find("aria-label=\"Baseline and scenario flow of the stages that moved\""), std::string::npos);
  // Every row before the fold moved; none after it (up to the fold's end).
  std::string before = r.out.substr(changed, folded - changed);
  std::string after = r.out.substr(folded, r.out.find("</details>", folded) - folded);
  EXPECT_EQ(before.find("<td class=\"n\" data-label=\"change\">–</td>"), std::string::npos);
  EXPECT_EQ(after.find("data-label=\"change\">+"), std::string::npos);
  EXPECT_EQ(after.find("data-label=\"change\">-"), std::string::npos);
}

TEST(Chain, MonteCarloPageHasAHistogramPerOutcome) {
  RunResult r = chain("montecarlo baseline --draws 60 --seed 2 --format html");
  ASSERT_EQ(r.code, 0) << r.err;
  std::size_t n = 0;
  for (auto p = r.out.find("<svg class=\"chart hist\""); p != std::string::npos; p = r.out.find("<svg class=\"chart hist\"", p + 1)) ++n;
  EXPECT_EQ(n, 5u);
}

TEST(Chain, TableIsDefaultAndHtmlIsSelfContained) {
  RunResult t = chain("summary");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("China (location)"), std::string::npos);
  RunResult h = chain("summary --format html");
  ASSERT_EQ(h.code, 0) << h.err;
  EXPECT_EQ(h.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(h.out.find("<svg"), std::string::npos);
  EXPECT_NE(h.out.find("aria-label=\"Flows from mines to magnets\""), std::string::npos);
  EXPECT_EQ(h.out.find("<script"), std::string::npos);
  EXPECT_EQ(h.out.find("src="), std::string::npos);
  EXPECT_EQ(h.out.find("href="), std::string::npos);
  EXPECT_EQ(h.out.find("https://"), std::string::npos);
}

TEST(Chain, OutputIsByteIdenticalAcrossRuns) {
  for (const char* args : {"summary --format html", "scenario malaysia-china-refinery --format html", "stages --format json"}) {
    RunResult a = chain(args), b = chain(args);
    ASSERT_EQ(a.code, 0) << a.err;
    EXPECT_EQ(a.out, b.out) << args;
  }
}

TEST(Chain, MonteCarloDeterministicPerSeedAndThreads) {
  RunResult a = chain("montecarlo baseline --draws 150 --seed 11 --threads 2 --format json");
  RunResult b = chain("montecarlo baseline --draws 150 --seed 11 --threads 2 --format json");
  RunResult c = chain("montecarlo baseline --draws 150 --seed 12 --threads 2 --format json");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
  RunResult d = chain("montecarlo myanmar-clay-halt --draws 50 --seed 1 --demand 30000 --format md");
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_NE(d.out.find("falls short of 30,000 t"), std::string::npos);
}

class ChainErrors : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = temp_dir(); }
  std::string file(const std::string& name, const std::string& body) {
    std::string p = dir_ + "/" + name;
    write_text(p, body);
    return p;
  }
  std::string dir_;
};

TEST_F(ChainErrors, UnknownFacilityNamesFileAndKey) {
  std::string p = file("ghost.yaml", "name: ghost\nchange:\n  - id: lynas-malaysia-separation\n    capacity_factor: 0.5\n  - id: no-such-plant\n    capacity: 10\n");
  RunResult r = chain("scenario " + p);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("ghost.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("change[1].id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no-such-plant"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(ChainErrors, MalformedScenario) {
  std::string p = file("bad.yaml", "name: bad\nadd:\n  - id: [oops\n");
  RunResult r = chain("scenario " + p);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("bad.yaml:"), std::string::npos) << r.err;
  std::string j = file("bad.json", "{\"name\": \"x\", \"remove\": [");
  RunResult rj = chain("scenario " + j);
  EXPECT_EQ(rj.code, 1);
  EXPECT_NE(rj.err.find("bad.json"), std::string::npos) << rj.err;
}

TEST_F(ChainErrors, NegativeCapacity) {
  std::string p = file("neg.yaml", "add:\n  - id: x\n    stage: magnet\n    country: Japan\n    capacity: -5\n    unit: t magnet\n");
  RunResult r = chain("scenario " + p);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("neg.yaml:5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("add[0].capacity"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("negative"), std::string::npos) << r.err;
}

TEST_F(ChainErrors, CycleInFeeds) {
  std::string p = file("cycle.yaml", "change:\n  - id: lynas-mt-weld-mine\n    feed: [lynas-malaysia-separation]\n");
  RunResult r = chain("scenario " + p);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cycle.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cycle"), std::string::npos) << r.err;
}

TEST_F(ChainErrors, InfeasibleScenario) {
  std::string p = file("inf.yaml", "name: too-much\ndemand:\n  magnets_ex_china: 5000000\n  hard: true\n");
  RunResult r = chain("scenario " + p);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("infeasible"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("inf.yaml"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("demand.magnets_ex_china"), std::string::npos) << r.err;
}

TEST_F(ChainErrors, UnknownParameterAndFacility) {
  RunResult r = chain("scenario myanmar-clay-halt --set nope=1");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("parameters.nope"), std::string::npos) << r.err;
  RunResult f = chain("facility no-such-facility");
  EXPECT_EQ(f.code, 1);
  EXPECT_NE(f.err.find("no-such-facility"), std::string::npos) << f.err;
  RunResult m = chain("scenario /nonexistent/scenario.yaml");
  EXPECT_EQ(m.code, 1);
  RunResult u = chain("summary --format pdf");
  EXPECT_EQ(u.code, 2);
}

}  // namespace
