// The analyzers the analysis module's tests share: one per configuration
// (models on or off, the supply-model impact on or off), built once per test
// binary from the embedded data, so that each test file does not build its
// own (the lexicon, the knowledge base and, with impact, the supply model).
//
//   const Analyzer& a = test_support::shared_analyzer({.models = false, .impact = false});
//   DocumentAnalysis out = a.analyze(doc);
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "assay/analysis/analyzer.h"
#include "assay/base/data_source.h"

namespace assay::analysis::test_support {

struct AnalyzerConfig {
  bool models = true;
  bool impact = true;
};

inline const Analyzer& shared_analyzer(AnalyzerConfig config) {
  static std::mutex mutex;
  static std::map<std::pair<bool, bool>, std::shared_ptr<const Analyzer>> built;
  std::lock_guard lock(mutex);
  auto& slot = built[{config.models, config.impact}];
  if (!slot) {
    auto r = Analyzer::create(base::EmbeddedData{}, {.models = config.models, .impact = config.impact});
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
    if (!r) std::abort();
    slot = *r;
  }
  return *slot;
}

}  // namespace assay::analysis::test_support
