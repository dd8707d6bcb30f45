// analysis/internal: the pieces of the Analyzer that the rules share. Not a
// public header: only analysis/*.cc include it.
#pragma once

#include <optional>
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

// The phrases the assessment counts (data/lexicons/signals.tsv, category
// `signal`; the note names the signals before its ';', separated by commas). They are found in
// the one lexicon scan and kept apart from the cues the rules and the models
// see (Analyzer::analyze).
enum class Signal : std::uint8_t {
  kAttributed,           // "according to", "data showed"
  kCaveat,               // "has not", "still needs", "subject to"
  kAnonymityUnnamed,     // "asked not to be named", "anonymity"
  kAnonymityAuthorised,  // "not authorised to"
  kAnonymityReason,      // "because", "for fear", "as the"
  kAnonymitySpeak,       // "speak", "comment", "discuss"
  kRumour,               // "rumours", "speculation", "is said to"
  kVoiceWe,              // the writer's "we", "our", "us"
  kVoiceI,               // "I", "my", "me"
  kVoiceYou,             // "you", "your"
  kRegisterState,        // "win-win", "a testament to"
  kMarket,               // "per tonne", "yuan", "spot", "premium"
  // Event status (events.cc):
  kEventDenial,          // event.denial
  kEventDenialObject,    // event.denial_object
  kEventNoPlan,          // event.no_plan
  kEventTalks,           // event.talks
  kEventSpeculation,     // event.speculation
  kEventPlan,            // event.plan
  kEventThirdParty,      // event.third_party
  kEventRumour,          // event.rumour
  kEventRumourSource,    // event.rumour_source
  kEventNegation,        // event.negation
  kEventAbout,           // event.about
  // Genre (genre.cc):
  kGenreOutletLead,      // genre.outlet_lead: "told", "those of" before an outlet's name
  kCount
};
std::optional<Signal> parse_signal(std::string_view name);
static_assert(static_cast<unsigned>(Signal::kCount) <= 64, "signals are a 64-bit mask per lexicon entry");

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
  // The signal phrases that begin inside `s`, as a [first, last) index range
  // of `signals` (one may end past `s`); has_signal: one of them is `g` and
  // ends inside `s`.
  std::pair<std::size_t, std::size_t> signals_in(base::Span s) const;
  bool has_signal(base::Span s, Signal g) const;
  double weight(const Cue& c) const { return lex.entries()[c.entry].weight; }
  std::string_view cue_text(const Cue& c) const { return c.span.of(text); }

  std::string_view text;
  const lexicon::Lexicon& lex;
  const std::vector<Cue>& cues;
  const std::vector<Quantity>& quantities;
  std::string_view own_outlet;
  // Signal phrases (cues of category `signal`) in text order, and the
  // signals of each lexicon entry (bit g for Signal g; 0: not a signal); set
  // by Analyzer::analyze.
  std::span<const Cue> signals;
  std::span<const std::uint64_t> signals_of_entry;
  bool is(const Cue& c, Signal g) const { return (signals_of_entry[c.entry] >> static_cast<unsigned>(g)) & 1u; }
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

// Labels one sentence (tokens are the sentence's tokens). True when the
// sentence holds a doubt cue the rules did not discount (label_hedge_forecast).
bool label_sentence(DocContext& ctx, std::uint32_t index, const std::vector<text::Token>& tokens, SentenceAnalysis& out);

// Adds what the learned models decide (hedge, opinion, source, claim) to a
// sentence the rules have labelled.
// `hashes` are the sentence's feature hashes (sentence_feature_hashes);
// `evaluative` is the document's register (evaluative_register);
// `doubt_worded` is label_sentence's answer: the uncertainty model adds a
// hedge only to a sentence with a doubt cue the rules did not discount.
void apply_models(const ModelSet& models, std::string_view text, const std::vector<text::Token>& tokens,
                  std::span<const std::uint64_t> hashes, std::vector<ModelSet::Score>& scores, bool evaluative,
                  bool doubt_worded, SentenceAnalysis& out);

// True when the document is written in an evaluative register: its writer
// evaluates in their own words (strong opinion or belief cues outside
// quotations) in at least kEvaluativeShare of its sentences, or it is too
// short (under kRegisterMinSentences sentences) to have a register to read.
// In such a document the opinion model decides on every sentence; elsewhere
// only on a sentence with an evaluative cue of the writer's (model_rules.cc).
inline constexpr double kEvaluativeShare = 0.12;
inline constexpr std::size_t kRegisterMinSentences = 3;
bool evaluative_register(const DocContext& ctx, std::size_t sentences);

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

// The entity mentions (link.h) from the scan's country and element cues,
// the kb-name cues of category `entity` (kept apart from ctx.cues) and the
// sentences' organisation names; after the sentences are labelled (link.cc).
void link_mentions(const kb::Kb* kb, const DocContext& ctx, std::span<const Cue> entity_cues, DocumentAnalysis& out);

// Countries, elements, stages, organisations, entities and events.
void collect_mentions(const DocContext& ctx, DocumentAnalysis& out);

// The supply-chain events the sentences report, one per type, with their
// status (events.cc). Needs the sentences labelled.
void extract_events(const DocContext& ctx, DocumentAnalysis& out);
// The status one sentence gives the event of `type` it reports, from its
// labels and attributions: confirmed, reported, rumoured, planned or denied.
// Hedges count only in the clause of `trigger` (the whole sentence when empty).
EventStatus sentence_event_status(const DocContext& ctx, const SentenceAnalysis& s, EventType type, base::Span trigger);

// Links organisation names to the knowledge base (companies, facilities)
// and the document's outlet to its type.
void link_kb(const kb::Kb& kb, const DocContext& ctx, DocumentAnalysis& out);

// Ties each event to a plant of the knowledge base, with the confidence of
// the tie (Event::link); after link_kb.
void link_events(const kb::Kb& kb, const DocContext& ctx, DocumentAnalysis& out);
// The supply model's stage for an event's stage (none for end use and the
// full chain).
std::optional<kb::Stage> model_stage(EventStage event_stage);

// Sourcing profile, stakeholders, origin, framing, promotion.
void assess(const DocContext& ctx, DocumentAnalysis& out);
void assess_headline(const lexicon::Lexicon& lex, std::string_view title, const std::vector<Cue>& cues, DocumentAnalysis& out);
// The genre and its signals (analysis/genre.cc), after assess(): it reads
// the sourcing profile. `kb` may be null (no outlet types then).
void classify_genre(const kb::Kb* kb, const DocContext& ctx, DocumentAnalysis& out);
// The credibility score and its components (after everything else).
void score_credibility(DocumentAnalysis& out);

// What reporting quality is computed from (reporting_signals reads them off
// the analysed text; the score itself needs nothing else, so tests can set
// them by hand).
struct ReportingSignals {
  int sentences = 0;
  int named_voices = 0;          // distinct named sources that speak (not cited figures)
  int assertions = 0;            // sentences that assert something checkable or evaluative
  int attributed = 0;            // of those, attributed to a source
  int unattributed = 0;          // of those, in the writer's voice (caveats and reported non-responses excepted)
  int anonymous = 0;             // sentences resting on unnamed sources
  bool anonymity_explained = false;  // the piece says why a source is unnamed
  int comment_sought = 0;        // reported refusals, denials, unanswered requests
  int caveats = 0;               // what is not yet known, done or confirmed, said as such
  int sourced_figures = 0;       // sentences whose figures carry a source or a date
  int groups_heard = 0;          // stakeholder groups quoted
  bool affected_heard = false;   // residents, communities, environmental groups or workers quoted
  int missing_voices = 0;
  int outlet_credits = 0;        // sentences crediting another outlet's reporting
  int motives = 0;               // ascribed motives
  int loaded = 0;                // the writer's evaluative or loaded wording
  int hearsay = 0;               // hedged or vague sentences with no source ("some believe", "reportedly")
  int promo = 0;                 // promotional sentences
  bool sensational_headline = false;
};
ReportingSignals reporting_signals(const DocContext& ctx, const DocumentAnalysis& out);
void score_reporting(const ReportingSignals& s, Assessment& a);

// What claim status is computed from: the lead (the first paragraph's first
// three sentences) and the article around it.
struct ClaimSignals {
  bool confirmed = false;        // a party to the claim on the record, or an on-record confirmation
  std::string confirmed_by;      // the party, as written
  int named_third_parties = 0;   // lead sentences attributed to named sources that are not a party
  int outlet_sources = 0;        // lead sentences that rest on another outlet
  int anonymous_sources = 0;     // unnamed sources the lead counts ("two people familiar" = 2); 0 = none
  bool rumour = false;           // rumour, talk, speculation in the lead
  bool hedged = false;           // the lead hedges its claim
  bool denied = false;           // a party denies it
  int no_comment = 0;            // parties that declined or did not respond
};
ClaimSignals claim_signals(const DocContext& ctx, const DocumentAnalysis& out);
void score_claim_status(const ClaimSignals& s, Assessment& a);

// The supply model the impact of reported events is computed on. Immutable
// for its users; solutions are kept per what-if behind a mutex, so threads
// share them.
class ImpactModel {
 public:
  static base::Result<std::shared_ptr<const ImpactModel>> create(const base::DataSource& data,
                                                                 std::shared_ptr<const kb::Kb> kb);
  // Adds to out.impacts what each build or loss event would change.
  void assess(const DocContext& ctx, DocumentAnalysis& out) const;
  // The supply world the model was built from (its kb and baseline network).
  const std::shared_ptr<const supply::World>& world() const { return world_; }

 private:
  ImpactModel(std::shared_ptr<const supply::World> world, std::string sources)
      : world_(std::move(world)), sources_(std::move(sources)) {}
  // The metrics of the network with `sc` applied (the baseline when null),
  // solved once per key; null when the model cannot be solved.
  const supply::ChainMetrics* solve(const std::string& key, const supply::Scenario* sc) const;

  // Its kb and baseline network; kept whole: the verifier uses it too (Analyzer::supply_world).
  std::shared_ptr<const supply::World> world_;
  std::string sources_;  // "data/kb, data/supply/model.yaml" as the data source names them
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const supply::ChainMetrics>> memo_;
};

}  // namespace assay::analysis::internal
