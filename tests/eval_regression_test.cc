// Runs `assay eval --format json` on the development sets and fails when any
// figure drops more than 0.02 below the figure committed in the table under
// "## Committed figures" of docs/EVALUATION.md.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>
#include <string>

#include "cli_test_util.h"

namespace {

// "gold.labels.hedge.f1" -> j["gold"]["labels"]["hedge"]["f1"]. Label names
// contain dots, so a segment that is not a key is joined with the next.
const nlohmann::json* lookup(const nlohmann::json& j, const std::string& path) {
  const nlohmann::json* cur = &j;
  std::string pending;
  std::stringstream ss(path);
  std::string part;
  while (std::getline(ss, part, '.')) {
    std::string key = pending.empty() ? part : pending + "." + part;
    if (cur->is_object() && cur->contains(key)) {
      cur = &(*cur)[key];
      pending.clear();
    } else {
      pending = key;
    }
  }
  return pending.empty() ? cur : nullptr;
}

TEST(EvalRegression, NoFigureDropsBelowTheCommittedOne) {
  if (!have_shared_eval()) GTEST_SKIP() << "no labelled sets at $ASSAY_SHARED_DIR/eval";
  std::string doc = read_text(env_or("ASSAY_SOURCE_DIR", ".") + std::string("/docs/EVALUATION.md"));
  std::size_t at = doc.find("## Committed figures");
  ASSERT_NE(at, std::string::npos) << "docs/EVALUATION.md has no \"## Committed figures\" section";
  std::string section = doc.substr(at, doc.find("\n## ", at + 1) - at);
  std::regex row(R"(\|\s*`([a-z0-9_.]+)`\s*\|\s*([0-9]+\.[0-9]+)\s*\|)");
  auto r = run_assay("eval --format json --set gold --set conll --set polnear --set babe --set claimbuster");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  int checked = 0;
  for (auto it = std::sregex_iterator(section.begin(), section.end(), row); it != std::sregex_iterator(); ++it) {
    std::string key = (*it)[1];
    double committed = std::stod((*it)[2]);
    const nlohmann::json* v = lookup(j, key);
    ASSERT_NE(v, nullptr) << "assay eval has no figure " << key;
    double now = v->get<double>();
    EXPECT_GE(now, committed - 0.02) << key << ": " << now << " is more than 0.02 below the committed " << committed;
    std::printf("%-45s committed %.3f  now %.3f\n", key.c_str(), committed, now);
    ++checked;
  }
  EXPECT_GE(checked, 10) << "too few committed figures found";
}

}  // namespace
