// app/engine: what the faces (cli, a future server) share. An Engine is
// built from a DataSource and options; it owns the analyzer, the knowledge
// base and the supply world, each built on first use (the kb once, shared) (so `assay kb check`
// or `lexicon check` loads no more than it needs) and shared after.
//
//   app::Engine engine(*base::open_data(dir), {.models = true, .impact = true});
//   auto analyzer = engine.analyzer();             // loads lexicons, models, kb, supply model
//   if (!analyzer) return print(analyzer.error()); // every error
//   auto scratch = engine.new_scratch();           // one per thread
//   app::Article a = engine.analyze(doc, scratch); // analysis + critique
//   std::string md = engine.render(a, {.format = report::OutputFormat::kMarkdown});
//
//   auto world = engine.world();                   // Result<shared_ptr<const supply::World>>
//   auto stats = engine.analyze_batch(inputs, {.pipeline = {.jobs = 4}, .render = opts}, emit);
//
// Thread-safety: every method may be called from several threads at once.
#pragma once

#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/app/article.h"
#include "assay/app/pipeline.h"
#include "assay/base/data_source.h"
#include "assay/kb/kb.h"
#include "assay/lexicon/lexicon.h"
#include "assay/supply/world.h"
#include "assay/verify/verify.h"

namespace assay::app {

struct EngineOptions {
  bool models = true;  // apply the learned models of data/models (false: --rules-only)
  bool impact = true;  // the analyzer computes the supply-chain impact of reported events
  bool verify = true;  // entity linking, claims and their verdicts (false: --no-verify)
};

// What `assay lexicon check` reports: every problem, and the lexicon when it loaded.
struct LexiconCheck {
  base::Errors problems;
  std::optional<lexicon::Lexicon> lexicon;
};

struct BatchOptions {
  PipelineOptions pipeline;
  // Rendered on the worker threads when given (BatchResult::rendered);
  // otherwise the writer receives the Articles.
  std::optional<RenderOptions> render;
};

class Engine {
 public:
  explicit Engine(std::shared_ptr<const base::DataSource> data, EngineOptions options = {});

  const base::DataSource& data() const { return *data_; }
  const EngineOptions& options() const { return options_; }

  // The analyzer (lexicons, models, kb, and the supply model when
  // options().impact), built on first call with the label styles that
  // rendering needs (labels.tsv); every error when either cannot be.
  std::expected<std::shared_ptr<const analysis::Analyzer>, base::Errors> analyzer() const;
  // The knowledge base: the analyzer's when it is built, else loaded on
  // first call; the supply world shares it.
  base::Result<std::shared_ptr<const kb::Kb>> knowledge_base() const;
  // The supply world (kb + params + baseline network), built on first call.
  base::Result<std::shared_ptr<const supply::World>> world() const;

  // Every knowledge-base file loaded and validated, every error listed.
  kb::LoadOutcome check_kb() const;
  // The lexicons loaded, compiled and checked for unreachable entries.
  LexiconCheck check_lexicon() const;

  using Scratch = analysis::Analyzer::Scratch;
  // Scratch space for analyze(), one per thread. Requires analyzer() to have succeeded.
  Scratch new_scratch() const;
  // Analysis and critique of one document. Requires analyzer() to have succeeded.
  Article analyze(const text::Document& doc, Scratch& scratch) const;
  static report::Critique critique(const analysis::DocumentAnalysis& analysis);
  // app::render with the engine's label styles when options.labels is null.
  // Requires analyzer() to have succeeded.
  std::string render(const Article& article, const RenderOptions& options) const;

  // The batch pipeline over `inputs` with options.pipeline.jobs workers.
  // Requires analyzer() to have succeeded.
  PipelineStats analyze_batch(const std::vector<InputRef>& inputs, const BatchOptions& options, const EmitFn& emit) const;

 private:
  std::shared_ptr<const base::DataSource> data_;
  EngineOptions options_;
  mutable std::mutex mu_;
  mutable std::optional<std::expected<std::shared_ptr<const analysis::Analyzer>, base::Errors>> analyzer_;
  mutable std::optional<base::Result<std::shared_ptr<const kb::Kb>>> kb_;
  mutable std::optional<base::Result<std::shared_ptr<const supply::World>>> world_;
  mutable std::shared_ptr<const report::LabelStyles> labels_;  // set with analyzer_

  // The claims' verifier (kb and supply world), built on first use; null
  // when the kb cannot be loaded (claims then stay unchecked).
  mutable std::optional<std::shared_ptr<const verify::Verifier>> verifier_;
  const verify::Verifier* verifier() const;
  // Fills each claim's verdict, judged at the document's publication date,
  // and lets the lead's verdicts move the claim status (verify/claim_status.h).
  void verify_claims(analysis::DocumentAnalysis& a) const;

  RenderOptions with_labels(RenderOptions options) const;

  base::Result<std::shared_ptr<const kb::Kb>> knowledge_base_locked() const;
};

}  // namespace assay::app
