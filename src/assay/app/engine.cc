#include "assay/app/engine.h"

#include "assay/app/verify.h"
#include "assay/verify/claim_status.h"

#include <cassert>

namespace assay::app {

Engine::Engine(std::shared_ptr<const base::DataSource> data, EngineOptions options)
    : data_(std::move(data)), options_(options) {}

std::expected<std::shared_ptr<const analysis::Analyzer>, base::Errors> Engine::analyzer() const {
  std::lock_guard lock(mu_);
  if (!analyzer_) {
    analyzer_ = analysis::Analyzer::create(*data_, {.models = options_.models, .impact = options_.impact, .verify = options_.verify});
    auto labels = report::LabelStyles::load(*data_);
    if (!labels) {
      base::Errors errors = analyzer_->has_value() ? base::Errors() : analyzer_->error();
      errors.add(labels.error());
      analyzer_ = std::unexpected(std::move(errors));
    } else {
      labels_ = std::make_shared<const report::LabelStyles>(std::move(*labels));
    }
  }
  return *analyzer_;
}

base::Result<std::shared_ptr<const kb::Kb>> Engine::knowledge_base() const {
  std::lock_guard lock(mu_);
  return knowledge_base_locked();
}

base::Result<std::shared_ptr<const kb::Kb>> Engine::knowledge_base_locked() const {
  if (!kb_) {
    if (analyzer_ && analyzer_->has_value() && (**analyzer_)->knowledge_base()) {
      // The analyzer's own, kept alive with it (aliasing shared_ptr).
      const std::shared_ptr<const analysis::Analyzer>& a = **analyzer_;
      kb_ = std::shared_ptr<const kb::Kb>(a, a->knowledge_base());
    } else if (auto k = kb::load(*data_)) {
      kb_ = std::make_shared<const kb::Kb>(std::move(*k));
    } else {
      kb_ = base::fail(k.error());
    }
  }
  return *kb_;
}

base::Result<std::shared_ptr<const supply::World>> Engine::world() const {
  std::lock_guard lock(mu_);
  if (!world_) {
    auto kb = knowledge_base_locked();
    // The analyzer's impact model loaded the same world from the same data
    // (with the same kb, which knowledge_base_locked shares): one load a process.
    std::shared_ptr<const supply::World> shared =
        analyzer_ && analyzer_->has_value() ? (**analyzer_)->supply_world() : nullptr;
    if (shared && kb && shared->kb == *kb) {
      world_ = std::move(shared);
    } else if (!kb) {
      world_ = base::fail(kb.error());
    } else if (auto w = supply::World::load(*data_, *kb)) {
      world_ = std::make_shared<const supply::World>(std::move(*w));
    } else {
      world_ = base::fail(w.error());
    }
  }
  return *world_;
}

kb::LoadOutcome Engine::check_kb() const { return kb::load_all(*data_); }

LexiconCheck Engine::check_lexicon() const {
  LexiconCheck out;
  auto lex = lexicon::Lexicon::load(*data_);
  if (!lex) {
    out.problems = lex.error();
    return out;
  }
  auto m = lexicon::Matcher::compile(*lex);
  if (!m) out.problems = m.error();
  for (auto& e : lexicon::find_unreachable(*lex)) out.problems.add(std::move(e));
  out.lexicon = std::move(*lex);
  return out;
}

Engine::Scratch Engine::new_scratch() const {
  auto a = analyzer();
  assert(a.has_value());
  return (*a)->new_scratch();
}

RenderOptions Engine::with_labels(RenderOptions options) const {
  if (!options.labels) {
    std::lock_guard lock(mu_);
    options.labels = labels_;
  }
  return options;
}

std::string Engine::render(const Article& article, const RenderOptions& options) const {
  return app::render(article, with_labels(options));
}

report::Critique Engine::critique(const analysis::DocumentAnalysis& analysis) { return report::build_critique(analysis); }

const verify::Verifier* Engine::verifier() const {
  auto w = world();  // builds the kb too; without a world, figures beyond mining stay unverifiable
  std::lock_guard lock(mu_);
  if (!verifier_) {
    auto kb = knowledge_base_locked();
    // The world comes from data_: the build's model runs serve it when data_
    // holds the files they were computed from.
    verifier_ = kb ? std::make_shared<const verify::Verifier>(*kb, w ? *w : nullptr, verify::precomputed_models(*data_))
                   : std::shared_ptr<const verify::Verifier>();
  }
  return verifier_->get();
}

void Engine::verify_claims(analysis::DocumentAnalysis& a) const {
  if (a.claims.empty() || !options_.verify) return;
  const verify::Verifier* v = verifier();
  if (!v) return;
  // The publication date as given, when it is an ISO date; else the latest data.
  std::string_view date = a.document.published;
  if (date.size() > 10) date = date.substr(0, 10);
  if (!valid_date(date)) date = {};
  for (auto& c : a.claims) {
    verify::Judgement j = v->judge(c, date);
    c.verdict = verify::verdict_name(j.verdict);
    c.reason = std::move(j.reason);
    c.tolerance = std::move(j.tolerance);
    c.judged_at = std::move(j.judged_at);
    c.evidence = std::move(j.evidence);
  }
  // The lead's verdicts move its claim status (verify/claim_status.h).
  verify::weigh_verdicts(a);
}

Article Engine::analyze(const text::Document& doc, Scratch& scratch) const {
  auto a = analyzer();
  assert(a.has_value());
  Article article{(*a)->analyze(doc, scratch), {}};
  verify_claims(article.analysis);
  article.critique = critique(article.analysis);
  return article;
}

PipelineStats Engine::analyze_batch(const std::vector<InputRef>& inputs, const BatchOptions& options,
                                    const EmitFn& emit) const {
  auto a = analyzer();
  assert(a.has_value());
  const analysis::Analyzer& an = **a;
  int jobs = std::max(1, options.pipeline.jobs);
  std::vector<Scratch> scratch;
  for (int i = 0; i < jobs; ++i) scratch.push_back(an.new_scratch());
  auto analyze_one = [&](const text::Document& d, int w) {
    Article article{an.analyze(d, scratch[static_cast<std::size_t>(w)]), {}};
    verify_claims(article.analysis);
    article.critique = critique(article.analysis);
    return article;
  };
  RenderFn render_one;
  std::optional<RenderOptions> render;
  if (options.render) render = with_labels(*options.render);
  if (render) render_one = [&r = *render](const Article& article, int) { return app::render(article, r); };
  PipelineOptions po = options.pipeline;
  po.jobs = jobs;
  return run_pipeline(inputs, po, analyze_one, render_one, emit);
}

}  // namespace assay::app
