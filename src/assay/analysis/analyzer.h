// analysis: reads one Document and says what holds, where the shadows are,
// and what the article touches in the supply chain. The Analyzer is built
// once (lexicons compiled, data loaded) and is immutable and shared by all
// threads; each thread analyses with its own Scratch.
//
//   auto analyzer = Analyzer::create(base::EmbeddedData{});
//   if (!analyzer) { for (auto& e : analyzer.error()) ...; }
//   Analyzer::Scratch scratch = (*analyzer)->new_scratch();
//   DocumentAnalysis a = (*analyzer)->analyze(doc, scratch);
//   for (const auto& s : a.sentences)
//     for (Label l : s.labels.labels()) fmt::print("{} {}\n", label_name(l), s.span.of(a.document.text));
//   fmt::print("reporting {} claim {} ({})\n", a.assessment.reporting.score, a.assessment.claim_status.score,
//              claim_level_name(a.assessment.claim_status.level));
#pragma once

#include <array>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/claims.h"
#include "assay/analysis/labels.h"
#include "assay/analysis/linear_model.h"
#include "assay/analysis/quantity.h"
#include "assay/base/embedded.h"
#include "assay/base/error.h"
#include "assay/kb/kb.h"
#include "assay/lexicon/lexicon.h"
#include "assay/text/document.h"
#include "assay/text/roles.h"
#include "assay/text/segment.h"

namespace assay::supply {
struct World;
}

namespace assay::analysis {

namespace internal {
class ImpactModel;
}  // namespace internal

// The stakeholder groups of LABELS.md.
enum class Stakeholder : std::uint8_t {
  kGovernment, kCompany, kStateEnterprise, kAnalyst, kCommunity, kEnvironment, kInvestor, kIndustryBody, kCount
};
inline constexpr std::size_t kStakeholderCount = static_cast<std::size_t>(Stakeholder::kCount);
const char* stakeholder_name(Stakeholder s);  // "government", "state_enterprise", ...
std::optional<Stakeholder> parse_stakeholder(std::string_view s);

// The kind of source a sentence's attribution names.
enum class SourceKind : std::uint8_t { kNamed, kAnonymous, kMedia };
const char* source_kind_name(SourceKind k);  // "named", "anonymous", "media"
std::optional<SourceKind> parse_source_kind(std::string_view s);

// One attribution found in a sentence: who (the source phrase) and the cue.
struct Attribution {
  SourceKind kind;
  base::Span source;   // the source phrase (may be empty for passive forms)
  base::Span cue;      // "said", "according to", ...
  std::vector<Stakeholder> groups;  // for named sources: the groups they speak for
  std::string name;    // the source's name as written, when named
};

// What a sentence is on the page (text::SentenceRole): body text, or a
// heading, byline, caption or link line ("Read more: ...") that stays in
// sentences[] but never counts as a source, confirmation or claim, or a list
// item (content in list form, counted as body text is).
using text::SentenceRole;

struct SentenceAnalysis {
  base::Span span;
  std::uint32_t paragraph = 0;
  SentenceRole role = SentenceRole::kBody;
  LabelSet labels;
  std::vector<Evidence> evidence;        // one or more per label
  std::vector<Attribution> attributions;
  std::vector<std::uint32_t> quantities;  // indices into DocumentAnalysis::quantities
  std::vector<base::Span> names;          // organisation and person names (not places, outlets or countries)
  bool claim = false;                     // a check-worthy factual claim (a figure, or the claim model says so)
  std::vector<std::string> features;      // model features (only with AnalyzeOptions::keep_features)
};

// True when the sentence's uncertainty rests on its hedge label alone (no
// anonymous source, nothing vague), and that hedge on one cue whose text is
// one of `cues` (lower case): the case an uncertainty model may overrule
// (LinearModel::veto).
bool hedge_rests_on(const SentenceAnalysis& s, std::string_view text, const std::vector<std::string>& cues);

// Supply-chain events the article reports (LABELS.md article fields). The
// names of the types and stages are the canonical notes of the lexicon's
// `event` and `stage` rows; a note that is none of these triggers no event.
enum class EventType : std::uint8_t {
  kJointVenture, kTechnologyTransfer, kNewCapacity, kCapacityLoss, kExportControl, kImportBan,
  kOfftake, kInvestment, kAcquisition, kPriceMove, kPolicy,
};
const char* event_type_name(EventType t);  // "joint_venture", "technology_transfer", ...
std::optional<EventType> parse_event_type(std::string_view s);

// Where in the chain an event happens (coarser than kb::Stage: the words news use).
enum class EventStage : std::uint8_t {
  kMining, kProcessing, kSeparation, kMetal, kMagnet, kRecycling, kEndUse, kFullChain,
};
const char* event_stage_name(EventStage s);  // "mining", ..., "end_use", "full_chain"
std::optional<EventStage> parse_event_stage(std::string_view s);

enum class EventStatus : std::uint8_t { kConfirmed, kReported, kRumoured, kPlanned, kDenied };
const char* event_status_name(EventStatus s);  // "confirmed", "reported", "rumoured", "planned", "denied"
std::optional<EventStatus> parse_event_status(std::string_view s);

// How surely an event is tied to a plant of the knowledge base: the article
// names the plant (an exact alias), or only its company, which has one plant
// of the event's stage in the event's country; else none.
enum class LinkConfidence : std::uint8_t { kExactAlias, kCompanyOnly, kNone };
const char* link_confidence_name(LinkConfidence c);  // "exact_alias", "company_only", "none"
std::optional<LinkConfidence> parse_link_confidence(std::string_view s);

struct EventLink {
  LinkConfidence confidence = LinkConfidence::kNone;
  std::string facility;  // kb facility id, or empty
  std::string company;   // kb company id of an actor, or empty
  std::string why;       // in words: what the link rests on, or why there is none
};

struct Event {
  EventType type = EventType::kPolicy;
  EventStage stage = EventStage::kFullChain;
  std::string country;  // canonical country, or empty
  EventStatus status = EventStatus::kConfirmed;
  std::vector<std::string> actors;
  std::uint32_t sentence = 0;  // where it is reported
  EventLink link;              // to the knowledge base (set when it is loaded)
  std::string no_impact;       // why the supply model shows no impact for a build or loss event; empty otherwise
};

// What the article touches, counted by mention.
struct Mentions {
  std::map<std::string, int> countries;  // canonical name -> mentions
  std::map<std::string, int> elements;   // symbol -> mentions
  std::map<std::string, int> stages;
  // The companies, agencies, funds and facilities of `entities`, with how
  // often the text names them (a first word of the name counts: "Lynas").
  std::map<std::string, int> organisations;
};

struct SourcingProfile {
  int named = 0, anonymous = 0, media = 0, official_confirmations = 0, non_confirmations = 0;
  int sentences = 0;
  int hedged = 0, vague = 0, intent = 0, opinion = 0, promo = 0, quantity = 0, forecast = 0;
};

struct CredibilityComponent {
  std::string name;    // "sourcing", "confirmation", ...
  double points = 0;   // signed contribution to the score
  std::string why;     // plain-language reason with counts
};

// The old single score (assessment.credibility), kept with its old
// computation until assay.analysis/2: it charges each reported
// non-response and each unnamed source, so it runs backwards on careful
// reporting. Read ReportingQuality and ClaimStatus instead.
struct Credibility {
  int score = 0;  // 0-100
  std::vector<CredibilityComponent> components;
};

// How well the piece lets a reader judge its claims (assessment.reporting):
// on-record sources, attribution, explained anonymity, comment sought,
// caveats, sourced figures, voices heard; against: unattributed
// assertions, ascribed motives, loaded wording, promotion. Whether the
// claim is confirmed does not enter it (that is ClaimStatus). 50 plus the
// components' points, clamped to 0-100.
struct ReportingQuality {
  int score = 0;  // 0-100
  std::vector<CredibilityComponent> components;
};

// How established the article's central claim (its lead) is.
enum class ClaimLevel : std::uint8_t {
  kConfirmed,      // a party to it confirms it on the record
  kNamedSources,   // reported by named sources (or an outlet named as the source)
  kAnonymousOnly,  // unnamed sources only
  kUnsourced,      // asserted in the writer's voice, no source given
  kRumoured,       // speculation, talk, hedged hearsay
  kDenied,         // a party denies it
};
// "confirmed", "named_sources", "anonymous_only", "unsourced", "rumoured", "denied"
const char* claim_level_name(ClaimLevel l);
std::optional<ClaimLevel> parse_claim_level(std::string_view s);

// assessment.claim_status: the level, a 0-100 score (the level's points plus
// the components'), and what it rests on in words ("four unnamed sources, no
// party on record").
struct ClaimStatus {
  ClaimLevel level = ClaimLevel::kUnsourced;
  int score = 0;  // 0-100
  std::string basis;
  std::vector<CredibilityComponent> components;
};

enum class FramingKind : std::uint8_t { kLoadedWording, kGeopolitical, kHeadlineSensationalism, kPromotionalInterest };
// "loaded or evaluative wording", "geopolitical framing", "headline sensationalism", "promotional interest"
const char* framing_kind_name(FramingKind k);
std::optional<FramingKind> parse_framing_kind(std::string_view s);

struct FramingSignal {
  FramingKind kind = FramingKind::kLoadedWording;
  base::Span span;     // in the text (empty for the headline)
  std::string text;    // the cue as written
  std::uint32_t sentence = 0;
  bool in_headline = false;
};

// What kind of piece the article is (issue 12): a primary genre, with the
// signals that point to it and to the others. A state outlet's op-ed is
// kStateMedia with an opinion signal.
enum class Genre : std::uint8_t {
  kNews, kWireCopy, kPressRelease, kOpinion, kAnalysis, kInterview, kMarketReport, kNewsletter, kPromotion,
  kStateMedia, kFactCheck,
};
inline constexpr std::size_t kGenreCount = 11;
const char* genre_name(Genre g);  // "news", "wire_copy", "press_release", ..., "fact_check"
std::optional<Genre> parse_genre(std::string_view s);

struct GenreSignal {
  Genre genre = Genre::kNews;  // the genre it points to
  std::string what;            // in words: "wire credit in the dateline: (Reuters)"
  base::Span span;             // in the text (empty for the outlet's metadata)
  std::uint32_t sentence = 0;  // the sentence that holds span.begin
  double weight = 0;           // how much it counts toward `genre`
};

struct Assessment {
  SourcingProfile sourcing;
  std::vector<Stakeholder> stakeholders_quoted;
  std::vector<Stakeholder> stakeholders_expected;
  std::vector<Stakeholder> missing_voices;
  std::string origin;          // the outlet that first reported the story, when the text says so
  std::string outlet_type;     // wire, trade, state, newsletter, blog (as published; inferred)
  std::vector<FramingSignal> framing;
  bool promotional_interest = false;
  Credibility credibility;     // the old score: see Credibility
  ReportingQuality reporting;
  ClaimStatus claim_status;
  std::vector<std::string> named_speakers;  // as written, in order of appearance
  Genre genre = Genre::kNews;                // analysis/genre.cc
  std::vector<GenreSignal> genre_signals;    // the evidence, strongest first
};

// A name in the text that the knowledge base knows: what its row says, as
// values, with the row's provenance (file as the data source displays it,
// line, public source, confidence). fact_text() puts it in words.
struct KbFact {
  kb::EntityKind kind = kb::EntityKind::kFacility;  // kCompany or kFacility
  std::string name;       // the company's or facility's name
  std::string country;    // headquarters (company) or location (facility)
  kb::StateOwned state_owned = kb::StateOwned::kNo;  // company
  kb::Stage stage = kb::Stage::kMining;              // facility
  std::optional<double> value;                       // facility: nameplate capacity a year; nullopt = not public
  std::optional<kb::CapacityUnit> unit;              // set when value is
  kb::FacilityStatus status = kb::FacilityStatus::kPlanned;
  int year = 0;                 // of the status; 0 = not given
  std::string controlled_from;  // the controlling country when it is not `country`, else empty
  kb::Provenance provenance;
};

// The fact in words: "Lynas Malaysia: separation in Malaysia, 10,500 t NdPr
// oxide a year, operating (2025)" or "Lynas: headquartered in Australia;
// state ownership: no".
std::string fact_text(const KbFact& f);
// Where the row is: "data/kb/facilities.csv:12".
std::string fact_row(const KbFact& f);

struct KbLink {
  std::string name;        // as written in the article
  kb::EntityKind kind = kb::EntityKind::kCompany;  // kCompany or kFacility (kb::entity_kind_name)
  std::string id;          // kb id
  std::string canonical;   // the kb's name
  std::uint32_t sentence = 0;
  std::vector<KbFact> facts;
};

// What an event the article reports would change in the supply model
// (data/kb + data/supply): the event applied to the model as a what-if,
// solved, and compared with the baseline.
enum class ShiftUnit : std::uint8_t {
  kShare,   // "%": before/after are fractions 0..1
  kTonnes,  // "t": tonnes a year
};
const char* shift_unit_name(ShiftUnit u);  // "%", "t"
std::optional<ShiftUnit> parse_shift_unit(std::string_view s);

struct ImpactShift {
  std::string metric;  // "China's share of separation capacity by location"
  ShiftUnit unit = ShiftUnit::kShare;
  double before = 0, after = 0;
};

struct Impact {
  std::uint32_t event = 0;     // index into DocumentAnalysis::events
  std::uint32_t sentence = 0;  // the sentence that reports the event
  std::string what;            // the what-if, in words
  std::string capacity_basis;  // where the capacity figure comes from
  std::vector<ImpactShift> shifts;
  std::string model;           // the model and its year, e.g. "assay supply model, data/kb as of 2025"
};

// A name in the text linked to the knowledge base (analysis/link.h): every
// company, agency, fund, facility, deposit, country (by name, adjective or
// capital) and element (by name, symbol, oxide, metal or group) the text
// names, with its span and, where data/kb knows it, the row it means.
enum class MentionKind : std::uint8_t { kCountry, kCompany, kOrganisation, kFacility, kDeposit, kElement };
// "country", "company", "organisation", "facility", "deposit", "element"
const char* mention_kind_name(MentionKind k);
std::optional<MentionKind> parse_mention_kind(std::string_view s);

// A row of data/kb: table is the file's stem ("companies", "facilities",
// "deposits", "countries" (id: the kb's country name), "outlets" (a price
// reporter cited for its figures)) or "elements" (id: a symbol "Nd", a pair
// "NdPr", or a group "heavy" = Dy+Tb, "light" = La..Nd, "NdPrDyTb").
struct KbRef {
  std::string table;
  std::string id;
  bool operator==(const KbRef&) const = default;
};

struct EntityMention {
  base::Span span;
  std::uint32_t sentence = 0;
  std::string text;  // as written
  MentionKind kind = MentionKind::kOrganisation;
  // How it is named: "name", "alias", "ticker", "adjective", "capital"
  // (countries); "element", "oxide", "metal", "group" (elements).
  std::string form;
  std::string name;             // the kb's (or gazetteer's) name; the text when unknown
  std::optional<KbRef> kb;      // nullopt: the knowledge base does not hold it
  std::optional<KbRef> context; // a more specific row the context points to (a company's plant in the country the sentence names)
  std::vector<std::string> elements;  // element mentions: the symbols meant
  std::string why;              // when the context chose or narrowed the row: on what
};

struct DocumentAnalysis {
  text::Document document;
  std::vector<SentenceAnalysis> sentences;
  std::vector<Quantity> quantities;
  Mentions mentions;
  std::vector<Event> events;
  Assessment assessment;
  std::vector<std::string> entities;  // LABELS.md entities: countries, organisations, elements
  std::vector<KbLink> kb_links;       // names the knowledge base knows, with sourced facts
  std::vector<Impact> impacts;        // what the reported events would change in the supply model
  std::vector<Claim> claims;          // the check-worthy sentences' claims (claims.h); verdicts filled by app
  std::vector<EntityMention> entity_mentions;  // every named entity with its span and kb row, in text order (link.h)
};

struct AnalyzerOptions {
  bool models = true;  // apply the learned models of data/models (false: rules only)
  bool impact = true;  // compute the supply-chain impact of reported events (needs data/kb and data/supply)
  // Link entity mentions to the kb and find the check-worthy claims (the
  // verify issue's steps). False leaves entity_mentions and claims empty.
  bool verify = true;
};

struct AnalyzeOptions {
  bool keep_features = false;  // fill SentenceAnalysis::features (for training)
  // When set, analyze() adds to it the seconds spent in the article-level
  // steps after the sentence loop: mentions, assessment, headline framing
  // and credibility (not the kb links, the impact or the title's scan). For
  // the benchmarks (bench/analysis_bench.cc, BM_Analysis_Assess).
  double* assess_seconds = nullptr;
  // When set, analyze() adds to it a count of the sentence rules' operations
  // (tokens times cues per sentence, source-window tokens per speech cue):
  // a measure of work that does not depend on the machine or the sanitizers,
  // for the tests that check it grows linearly with the text.
  std::uint64_t* work = nullptr;
};

// The longest text `assay analyze` gives analyze() (text::cap_text cuts the
// rest, with a warning). Memory grows with a document's text, about 70 bytes
// per byte with its JSON: 2 MiB (a book, or a thousand news articles) keeps a
// worker near 150 MB; news articles are a few KB.
inline constexpr std::size_t kMaxTextBytes = std::size_t{2} << 20;

class Analyzer {
 public:
  class Scratch {
   public:
    Scratch() = default;

   private:
    friend class Analyzer;
    lexicon::Matcher::Scratch matcher;
    std::vector<lexicon::Cue> cues;
    std::vector<lexicon::Cue> signals;  // cues of category `signal`, kept apart
    std::vector<lexicon::Cue> entities;  // cues of category `entity` (kb names), kept apart
    text::Segmentation seg;
    std::vector<text::Token> tokens;
    std::vector<std::uint64_t> feature_hashes;
    std::vector<ModelSet::Score> scores;
  };

  // Loads and compiles the lexicons from `data`. On failure, every error.
  static std::expected<std::shared_ptr<const Analyzer>, base::Errors> create(const base::DataSource& data,
                                                                                          const AnalyzerOptions& options = {});

  Scratch new_scratch() const;

  // Analyses one document. Never fails: a document with no sentences gets an
  // empty analysis.
  DocumentAnalysis analyze(const text::Document& doc, Scratch& scratch, const AnalyzeOptions& options = {}) const;

  const lexicon::Lexicon& lexicon() const { return matcher_->lexicon(); }
  const std::vector<LinearModel>& models() const { return models_.models(); }

  const kb::Kb* knowledge_base() const { return kb_.get(); }

  // The supply world (kb and baseline network, supply/world.h) the impact
  // model was built from, or null without one (AnalyzerOptions::impact
  // false, no kb). The engine's verifier uses it rather than loading the
  // same data again.
  std::shared_ptr<const supply::World> supply_world() const;

  // The keys under which an entity name counts as the same entity as
  // another (docs/EVALUATION.md, "entities"): a country or its adjective is
  // the country ("Chinese" -> "country:china"), a country qualifier is
  // dropped ("(China)" after the name, "China's", "China" or "Chinese" before
  // it), "Commerce Department" is "Department of Commerce", a site's kind
  // ("mine", "plant") is dropped, an element by name or symbol is
  // the element ("NdPr" -> neodymium and praseodymium), any name of a data/kb
  // row is that row ("Lynas" -> "company:lynas"); anything else is its text
  // in lower case without punctuation. Usually one key; none for a blank name.
  //   analyzer.entity_keys("Chinese") == entity_keys("China")
  std::vector<std::string> entity_keys(std::string_view name) const;

 private:
  // Built by create() only.
  Analyzer(std::shared_ptr<const lexicon::Matcher> m, std::vector<LinearModel> models, std::shared_ptr<const kb::Kb> kb,
           std::shared_ptr<const internal::ImpactModel> impact, bool verify)
      : matcher_(std::move(m)), models_(std::move(models)), kb_(std::move(kb)), impact_(std::move(impact)),
        verify_(verify) {}

  std::shared_ptr<const lexicon::Matcher> matcher_;
  ModelSet models_;
  std::shared_ptr<const kb::Kb> kb_;
  // The supply model the impact of events is computed on (null: no impact).
  std::shared_ptr<const internal::ImpactModel> impact_;
  bool verify_ = true;  // AnalyzerOptions::verify
  // For each lexicon entry, its signals (bit g for internal::Signal g).
  std::vector<std::uint64_t> signals_of_entry_;
};

}  // namespace assay::analysis
