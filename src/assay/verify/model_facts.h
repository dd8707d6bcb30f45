// verify/model_facts: what verdicts read of a supply model run, and those runs
// for every data year computed once at build time.
//
// A share or rank claim beyond mining is judged against the supply model of
// the claim's year (verify.h). Solving the model is the costly part of
// verifying (about 0.1 s a year), and its answer depends on the data alone:
// the knowledge base and supply/model.yaml. So the build solves it for every
// year the data holds (assay_modelc) and compiles the answers in; a Verifier
// whose data have the same fingerprint reads them instead of solving.
//
//   const ModelTable* t = precomputed_models(data);   // null: other data, solve
//   ModelFacts f = facts_of(*supply::analyze(world.baseline));
//   std::string text = write_model_facts(fingerprint, {f});
//   auto back = read_model_facts(text);                // == {fingerprint, {f}}
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"
#include "assay/kb/kb.h"
#include "assay/supply/metrics.h"

namespace assay::verify {

// One stage of a model run: its unit, and capacity and output by location
// (as supply::StageMetrics holds them, largest first).
struct ModelStage {
  std::string unit;
  std::vector<supply::Share> capacity_by_country, flow_by_country;
};

struct ModelFacts {
  int year = 0;                    // the model year
  std::vector<ModelStage> stages;  // every stage, in kb::Stage order
  const ModelStage& stage(kb::Stage s) const { return stages[static_cast<std::size_t>(s)]; }
};

bool operator==(const ModelStage& a, const ModelStage& b);
bool operator==(const ModelFacts& a, const ModelFacts& b);

// What verdicts read of a run.
ModelFacts facts_of(const supply::ChainMetrics& m);

// A fingerprint of the files a supply::World is built from (kb/*.csv and
// supply/model.yaml): FNV-1a 64 over each file's path and bytes, 16 hex
// digits. Equal fingerprints, equal worlds.
std::string world_fingerprint(const base::DataSource& data);

// The runs of some years, for the data of `fingerprint`.
struct ModelTable {
  std::string fingerprint;
  std::map<int, ModelFacts> years;  // a year absent: no model for it
};

// A text form that keeps every figure exactly (17 significant digits):
//   assay-model-facts 1
//   fingerprint <hex>
//   year <year>
//   stage <index> <unit>        (tab-separated)
//   c <country> <tonnes>        capacity by location
//   f <country> <tonnes>        output by location
std::string write_model_facts(const ModelTable& table);
// Errors name the line and what is wrong.
base::Result<ModelTable> read_model_facts(std::string_view text);

// The table compiled into this binary when `data` has its fingerprint; null
// otherwise (other data: the model is solved).
const ModelTable* precomputed_models(const base::DataSource& data);

}  // namespace assay::verify
