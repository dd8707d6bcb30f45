// The model facts assay_modelc wrote at build time (precomputed_models.cc),
// read once and handed out for data with the same fingerprint.
#include <optional>
#include <typeinfo>

#include "assay/base/data_source.h"
#include "assay/verify/model_facts.h"

namespace assay::verify {

// Generated (precomputed_models.cc): the text form of every data year's run.
std::string_view embedded_model_facts();

const ModelTable* precomputed_models(const base::DataSource& data) {
  // The build wrote the text with write_model_facts; model_facts_test reads it.
  static const std::optional<ModelTable> table = []() -> std::optional<ModelTable> {
    auto t = read_model_facts(embedded_model_facts());
    if (!t) return std::nullopt;
    return std::move(*t);
  }();
  if (!table) return nullptr;
  // The data compiled in are the files the build solved (both are made from
  // data/ by the same build; model_facts_test checks that their fingerprints
  // agree): no need to hash every kb file again, about 1.3M instructions a
  // process. Any other source (--data DIR, memory) is fingerprinted.
  if (typeid(data) == typeid(base::EmbeddedData)) return &*table;
  if (world_fingerprint(data) != table->fingerprint) return nullptr;
  return &*table;
}

}  // namespace assay::verify
