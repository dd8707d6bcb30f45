// The model facts assay_modelc wrote at build time (precomputed_models.cc),
// read once and handed out for data with the same fingerprint.
#include <optional>

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
  if (!table || world_fingerprint(data) != table->fingerprint) return nullptr;
  return &*table;
}

}  // namespace assay::verify
