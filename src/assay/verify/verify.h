// verify: verdicts on claims (analysis/claims.h) against the knowledge base
// and the supply model (issue 14, item 3). Each claim is supported,
// contradicted, disputed or unverifiable; a supported or contradicted verdict
// cites the kb rows ("data/kb/countries.csv:57" with their public source) or
// the model figure with its computation; the tolerance comes from the claim's
// own rounding and qualifier ("about 90%" is given to the nearest 10: +-5
// points). Claims are judged at a date (the article's publication date): a
// policy must be in force then, a figure is compared for the year the claim
// names or the latest year published before that date. Without a date the
// latest data are used and the judgement says so.
//
//   auto kb = std::make_shared<const kb::Kb>(*kb::load(base::EmbeddedData{}));
//   verify::Verifier v(kb, world);   // world may be null: no model figures
//   for (const auto& c : analysis::find_claims(sentence, kb.get())) {
//     verify::Judgement j = v.judge(c, "2025-06-01");
//     fmt::print("{} {} ({})\n", verdict_name(j.verdict), j.reason, j.tolerance);
//     for (const auto& e : j.evidence) fmt::print("  {} {}: {}\n", e.row, e.value, e.source);
//   }
//
// Never an error: a claim the kb cannot settle is unverifiable with the
// reason. Thread-safety: judge() may be called from several threads; model
// runs are cached per year behind a mutex, or read from those the build
// computed (model_facts.h).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/claims.h"
#include "assay/base/enum_names.h"
#include "assay/kb/kb.h"
#include "assay/supply/metrics.h"
#include "assay/supply/world.h"
#include "assay/verify/model_facts.h"

namespace assay::verify {

enum class Verdict : std::uint8_t { kSupported, kContradicted, kDisputed, kUnverifiable };
inline constexpr auto kVerdictNames = base::enum_names<Verdict>({
    {Verdict::kSupported, "supported"},
    {Verdict::kContradicted, "contradicted"},
    {Verdict::kDisputed, "disputed"},
    {Verdict::kUnverifiable, "unverifiable"},
});
const char* verdict_name(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view s);

// One piece of what a verdict rests on: a kb row or a model figure.
using Evidence = analysis::ClaimEvidence;

struct Judgement {
  Verdict verdict = Verdict::kUnverifiable;
  std::string reason;     // in words: why this verdict
  std::string tolerance;  // what the figure was allowed to differ by, and why; empty for non-figures
  std::vector<Evidence> evidence;
  std::string judged_at;  // "2025-06-01", or "latest data" when no date was given
};

// "1,234,500", "91.6", "0.25": a figure for people.
std::string format_number(double v);

class Verifier {
 public:
  // `world` may be null: share and rank claims beyond mining are then unverifiable.
  // `precomputed`: the model runs of the data `world` was loaded from
  // (precomputed_models(data)), read instead of solving; null: solve.
  Verifier(std::shared_ptr<const kb::Kb> kb, std::shared_ptr<const supply::World> world,
           const ModelTable* precomputed = nullptr);

  // `date`: "YYYY-MM-DD" (or "YYYY-MM", "YYYY") the claim is judged at;
  // empty: the latest data.
  Judgement judge(const analysis::Claim& c, std::string_view date) const;

  const kb::Kb& kb() const { return *kb_; }

 private:
  Judgement figure(const analysis::Claim& c, std::string_view date) const;
  Judgement share(const analysis::Claim& c, std::string_view date) const;
  Judgement capacity_share(const analysis::Claim& c, std::string_view date) const;
  Judgement rank(const analysis::Claim& c, std::string_view date) const;
  Judgement price(const analysis::Claim& c, std::string_view date) const;
  Judgement facility_figure(const analysis::Claim& c, std::string_view date) const;
  Judgement policy(const analysis::Claim& c, std::string_view date) const;
  Judgement operation(const analysis::Claim& c, std::string_view date) const;
  Judgement event(const analysis::Claim& c, std::string_view date) const;
  // What verdicts read of the model run for `year` (precomputed, or solved
  // once and cached; nullptr when no world or the year has no data).
  const ModelFacts* model(int year) const;

  std::shared_ptr<const kb::Kb> kb_;
  std::shared_ptr<const supply::World> world_;
  mutable std::mutex mutex_;
  const ModelTable* precomputed_ = nullptr;
  mutable std::map<int, std::unique_ptr<ModelFacts>> models_;
};

}  // namespace assay::verify
