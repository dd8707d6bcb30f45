// analysis/internal: the pieces of the Analyzer that the rules share. Not a
// public header: only analysis/*.cc include it.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <map>
#include <memory>
#include <mutex>

#include "assay/analysis/analyzer.h"
#include "assay/supply/metrics.h"
#include "assay/supply/network.h"
#include "assay/supply/scenario.h"
#include "assay/supply/world.h"
#include "assay/lexicon/lexicon.h"
#include "assay/text/segment.h"

namespace assay::analysis::internal {

using lexicon::Category;
using lexicon::Cue;

// Everything known about the document while its sentences are labelled.
class DocContext {
 public:
  DocContext(std::string_view text, const lexicon::Lexicon& lex, const std::vector<Cue>& cues,
             const std::vector<Quantity>& quantities, std::string_view own_outlet)
      : text(text), lex(lex), cues(cues), quantities(quantities), own_outlet(own_outlet) {}

  // Finds quoted regions (“...”, "...") within paragraphs.
  void find_quotes();
  // Finds a wire dateline ("HANOI, October 22 (Meridian Wire) - ") at the
  // start of the first sentence; its cues are ignored.
  void find_dateline(const text::Segmentation& seg);

  bool in_quote(base::Span s) const;
  // True when `word` (ASCII letters) occurs in the text in lower case.
  bool seen_lowercase(std::string_view word) const;
  // True when `word` occurs as a whole word, case as given, outside `s`.
  bool mentioned_outside(std::string_view word, base::Span s) const;
  // How many lines open with an upper-case speaker tag ("PENCE:", after an
  // optional quotation mark): two or more make the text a transcript.
  int speaker_lines() const;
  bool in_dateline(base::Span s) const { return dateline.end > 0 && s.begin < dateline.end; }
  // Cues whose span lies inside `s`, as a [first, last) index range.
  std::pair<std::size_t, std::size_t> cues_in(base::Span s) const;
  // True when the cue is an outlet other than the document's own.
  bool is_foreign_outlet(const Cue& c) const;
  double weight(const Cue& c) const { return lex.entries()[c.entry].weight; }
  std::string_view cue_text(const Cue& c) const { return c.span.of(text); }

  std::string_view text;
  const lexicon::Lexicon& lex;
  const std::vector<Cue>& cues;
  const std::vector<Quantity>& quantities;
  std::string_view own_outlet;
  std::vector<base::Span> quotes;
  base::Span dateline;
  // Names seen so far (for "he said" / "the company said" reference).
  int named_entities_seen = 0;
  bool foreign_outlet_seen = false;
  // Operations the sentence rules performed (AnalyzeOptions::work): for each
  // sentence its tokens times its cues plus one, the pairs its rule families
  // may compare, and for each speech cue the tokens of its source window.
  mutable std::uint64_t work = 0;
  mutable int speaker_lines_ = -1;  // speaker_lines(), computed on first use
  // A long text's words (maximal runs of letters, digits and non-ASCII
  // bytes, with their counts) and letter runs, indexed on first use.
  void index_words() const;
  mutable bool words_indexed_ = false;
  mutable std::unordered_map<std::string_view, int> word_runs_;
  mutable std::unordered_set<std::string_view> letter_runs_;
  // Organisation-like names found in sentences, in order of appearance.
  std::vector<std::string> organisations;
};

// Labels one sentence (tokens are the sentence's tokens).
void label_sentence(DocContext& ctx, std::uint32_t index, const std::vector<text::Token>& tokens, SentenceAnalysis& out);

// Adds what the learned models decide (hedge, opinion, source, claim) to a
// sentence the rules have labelled.
// `hashes` are the sentence's feature hashes (sentence_feature_hashes).
void apply_models(const ModelSet& models, std::string_view text, const std::vector<text::Token>& tokens,
                  std::span<const std::uint64_t> hashes, std::vector<ModelSet::Score>& scores, SentenceAnalysis& out);

// The name of an element symbol from the gazetteer ("Nd" -> "neodymium");
// empty when unknown (entities.cc).
std::string_view element_name(std::string_view symbol);
// The symbols an element cue stands for: "NdPr" is Nd and Pr, "Dy/Tb" Dy and
// Tb, else the cue's canonical symbol.
std::vector<std::string_view> element_symbols(std::string_view cue_text, std::string_view canonical);

// Is the country cue part of a region's name ("Inner Mongolia", "New
// Mexico", "Western Australia")? Then it names no country.
bool inside_region_name(std::string_view text, base::Span cue);
// Adds to out.entities (which holds the countries and elements) the
// companies, agencies, funds and facilities the text names (entities.cc).
void collect_entities(const kb::Kb* kb, const DocContext& ctx, DocumentAnalysis& out);

// Countries, elements, stages, organisations, entities and events.
void collect_mentions(const DocContext& ctx, DocumentAnalysis& out);

// Links organisation names to the knowledge base (companies, facilities)
// and the document's outlet to its type.
void link_kb(const kb::Kb& kb, const DocContext& ctx, DocumentAnalysis& out);

// Sourcing profile, stakeholders, origin, framing, promotion.
void assess(const DocContext& ctx, DocumentAnalysis& out);
void assess_headline(const lexicon::Lexicon& lex, std::string_view title, const std::vector<Cue>& cues, DocumentAnalysis& out);
// The credibility score and its components (after everything else).
void score_credibility(DocumentAnalysis& out);

// The supply model the impact of reported events is computed on. Immutable
// for its users; solutions are kept per what-if behind a mutex, so threads
// share them.
class ImpactModel {
 public:
  static base::Result<std::shared_ptr<const ImpactModel>> create(const base::DataSource& data,
                                                                 std::shared_ptr<const kb::Kb> kb);
  // Adds to out.impacts what each build or loss event would change.
  void assess(const DocContext& ctx, DocumentAnalysis& out) const;

 private:
  ImpactModel(std::shared_ptr<const kb::Kb> kb, supply::Network net, std::string sources)
      : kb_(std::move(kb)), net_(std::move(net)), sources_(std::move(sources)) {}
  // The metrics of the network with `sc` applied (the baseline when null),
  // solved once per key; null when the model cannot be solved.
  const supply::ChainMetrics* solve(const std::string& key, const supply::Scenario* sc) const;
  // The median nameplate of operating plants of a stage outside China.
  double reference_capacity(kb::Stage stage, kb::CapacityUnit unit) const;

  std::shared_ptr<const kb::Kb> kb_;
  supply::Network net_;
  std::string sources_;  // "data/kb, data/supply/model.yaml" as the data source names them
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const supply::ChainMetrics>> memo_;
};

}  // namespace assay::analysis::internal
