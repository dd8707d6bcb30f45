// lexicon: the reviewed cue lists (data/lexicons/*.tsv) compiled once into a
// multi-pattern matcher (vectorscan), so a document is scanned for every cue
// at once (see Matcher for how).
//
// Each TSV row is: category <TAB> pattern <TAB> weight <TAB> note. Lines that
// start with '#' and blank lines are ignored. A pattern is a regular
// expression (vectorscan syntax); it is matched case-insensitively unless it
// contains an upper-case letter, at word boundaries when it starts or ends
// with a word character, and with ' and " also matching ’ “ ”.
//
//   auto lex = Lexicon::load(base::EmbeddedData{});        // or --data DIR
//   if (!lex) { for (auto& e : lex.error()) ...; }
//   auto matcher = Matcher::compile(*lex);
//   Matcher::Scratch scratch = matcher->new_scratch();   // one per thread
//   std::vector<Cue> cues;
//   matcher->scan(doc.text, scratch, cues);               // sorted by span
//   for (auto& c : cues) fmt::print("{} {}\n", lex->category_name(c.category), c.span.of(doc.text));
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/embedded.h"
#include "assay/base/error.h"
#include "assay/base/span.h"
#include "assay/lexicon/precompiled.h"

struct hs_database;
struct hs_scratch;

namespace assay::lexicon {

// The cue categories the analyzer understands. A lexicon row with any other
// category is an error.
enum class Category : std::uint8_t {
  kAttrVerb,          // said, told, according to, stated, announced
  kAttrAnonymous,     // people familiar with the matter, sources, who asked not to be named
  kAttrGroup,         // unnamed groups: analysts, traders, officials, industry estimates
  kAttrMedia,         // reported, media reports, the piece, the story, first reported by
  kOutlet,            // news outlets by name
  kOrgReference,      // the company, the ministry, a spokesperson: an organisation already named
  kConfirmOfficial,   // confirmed, verified on the record
  kConfirmAbsent,     // declined to comment, did not respond, denied
  kNegation,          // not, never, no, without
  kHedge,             // could, may, might, possibly, reportedly, if realised
  kConditional,       // if, unless, provided that
  kForecast,          // will, is set to, by 2030
  kExpectation,       // is expected to, expects: both hedge and forecast
  kIntent,            // seeking to, in a bid to, aims to, designed to
  kVague,             // untapped, vast, substantial, many experts
  kMotion,            // jumped, surged, sharply: rate without a figure
  kOpinion,           // groundbreaking, tantalizing, unrivaled
  kBelief,            // in our view, we believe
  kPromo,             // disclosure, talking our own book, buy below
  kTicker,            // (NYSE: X), ASX:LYC
  kFirstPerson,       // we, our, us: the writer's own voice
  kGeopolitical,      // power broker, weaponise, grip on, dominance
  kSensational,       // shock, bombshell, game-changer (headline sensationalism)
  kStakeGovernment,   // ministry, minister, government, regulator
  kStakeCompany,      // company, chief executive, spokesperson of a firm
  kStakeStateEnterprise,  // state-owned, China Northern Rare Earth
  kStakeAnalyst,      // analyst, economist, consultant
  kStakeCommunity,    // residents, villagers, community group
  kStakeEnvironment,  // environmental group, campaigners, NGO
  kStakeInvestor,     // investors, shareholders, fund manager
  kStakeIndustryBody, // association, alliance, chamber, council
  kCountry,           // a country by name or adjective; the note's first word(s) before ';' are its canonical name
  kElement,           // a rare-earth or critical element; canonical name in the note
  kStage,             // a supply-chain stage (mining ... recycling); canonical stage in the note
  kEventType,         // an event trigger (joint venture, export controls); canonical type in the note
  kSignal,            // a phrase the assessment counts (a caveat, the writer's "we"); the note names the signal
  kEntity,            // a name of a knowledge-base row (company, facility, deposit, capital, oxide, element group);
                      // the note's first word is its "table:id" (analysis/link.h); kept apart from the rules' cues
  kCount
};

inline constexpr std::size_t kCategoryCount = static_cast<std::size_t>(Category::kCount);

const char* category_name(Category c);             // "attr.verb", ...
bool parse_category(std::string_view s, Category* out);

struct Entry {
  Category category;
  std::string pattern;   // as written in the file
  double weight = 1.0;
  std::string note;
  std::string file;      // e.g. "data/lexicons/hedge.tsv"
  int line = 0;
};

class Lexicon {
 public:
  // Loads every lexicons/*.tsv of `data`. On failure returns every error
  // found (file:line:column), not only the first.
  static std::expected<Lexicon, base::Errors> load(const base::DataSource& data);
  // Parses one TSV file's contents; errors are appended.
  static void parse_file(std::string_view display_name, std::string_view contents, std::vector<Entry>& entries,
                         base::Errors& errors);

  const std::vector<Entry>& entries() const { return entries_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t count(Category c) const;

  explicit Lexicon(std::vector<Entry> entries) : entries_(std::move(entries)) {}

 private:
  std::vector<Entry> entries_;
};

// One match of a lexicon entry in a text.
struct Cue {
  base::Span span;
  Category category;
  std::uint32_t entry;  // index into Lexicon::entries()
  friend bool operator==(const Cue&, const Cue&) = default;
};

// The compiled matcher. Immutable and shared by threads; each thread scans
// with its own Scratch.
//
// How it scans (matcher.cc): the text is copied with every run of blanks
// that is not a single space written as one space. Entries whose matches then
// have a fixed set of lengths (nearly all: "(a|an|one) source" has three)
// are compiled, one expression per length, into a database that reports
// match ends only; a match starts at its end minus its length. The few
// entries with an unbounded part ("[A-Z][a-zA-Z]+ Times") are looked for
// there too, and where one ends a small start-of-match database finds its
// span. An entry with more than 1,024 such shapes is split at its groups of
// alternatives ("(a|b) c" as "(a) c" and "(b) c", reporting as the one
// entry) until each part has few enough. Shapes that are one whole word
// ("it", "ores?", "licen[cs]e") are not given to vectorscan at all: the scan
// looks up each word of the text in a table of their spellings (vectorscan
// reported "i" inside every word with an i, to be thrown away for its missing
// \b). Entries this cannot express exactly
// (anchors, two spaces in a row, a class with a space in a phrase) go to a
// start-of-match database over the text itself. The
// cues are the same, cue for cue, as those of one start-of-match database of
// every entry (ReferenceMatcher, reference.h), found several times faster.
class Matcher {
 public:
  class Scratch {
   public:
    Scratch() = default;
    Scratch(Scratch&& o) noexcept;
    Scratch& operator=(Scratch&& o) noexcept;
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch();

    struct State;  // the compacted text and per-entry marks (matcher.cc)

   private:
    friend class Matcher;
    hs_scratch* s_ = nullptr;
    State* state_ = nullptr;
  };

  // Compiles every entry of `lex`, or loads the database built into the
  // library when it was compiled from the same lexicon (precompiled.h).
  // Errors name the file and line of a pattern that does not compile or
  // matches the empty string.
  static std::expected<std::shared_ptr<const Matcher>, base::Errors> compile(const Lexicon& lex);
  // The same with the given precompiled database (empty: compile every
  // pattern; the build tool that makes the database uses that).
  static std::expected<std::shared_ptr<const Matcher>, base::Errors> compile(const Lexicon& lex,
                                                                                       const Precompiled& precompiled);

  Scratch new_scratch() const;

  // Appends every cue found in `text` to `out`, sorted by (begin, end, entry);
  // at one start position only the longest match of an entry is kept.
  void scan(std::string_view text, Scratch& scratch, std::vector<Cue>& out) const;

  const Lexicon& lexicon() const { return lexicon_; }
  // The compiled databases and their tables, serialised (for the build-time
  // precompilation).
  std::string serialize() const;
  // True when this matcher came from the precompiled database.
  bool precompiled() const { return precompiled_; }
  ~Matcher();

  explicit Matcher(Lexicon lex) : lexicon_(std::move(lex)) {}

  // What one expression of the fixed database (or one group of the word
  // table's spellings) stands for.
  struct ShapeReport {
    std::uint32_t entry = 0;
    std::uint32_t length = 0;  // bytes of the compacted text
    std::uint32_t flags = 0;   // checks left to the scan (matcher.cc)
  };
  // One spelling of a whole-word shape, found by the word table instead of
  // the fixed database (matcher.cc): lower case when `caseless`, else exact.
  struct WordSpelling {
    std::string word;
    std::uint32_t report = 0;
    bool caseless = false;
  };

 private:
  class Collector;
  struct FixedContext;
  void scan_all(std::string_view text, hs_scratch* scratch, Scratch::State& st, Collector& out) const;
  void scan_variable(std::string_view compact, hs_scratch* scratch, Scratch::State& st, Collector& out) const;
  void scan_words(std::string_view compact, Scratch::State& st) const;
  void build_word_table();
  bool allocate(Scratch& scratch) const;

  Lexicon lexicon_;
  hs_database* fixed_db_ = nullptr;     // compacted text, match ends only
  hs_database* variable_db_ = nullptr;  // compacted text, start of match
  hs_database* verbatim_db_ = nullptr;  // original text, start of match
  std::vector<ShapeReport> reports_;    // by fixed_db_ expression id
  std::array<bool, 256> variable_bytes_{};  // bytes a match of variable_db_ may contain
  // The word table: spellings grouped by their lower-case form (a key), the
  // keys in an open-addressed hash table.
  struct WordKey {
    std::string key;
    std::uint64_t hash = 0;
    std::uint32_t first = 0, count = 0;  // into words_
  };
  std::vector<WordSpelling> words_;
  std::vector<WordKey> word_keys_;
  std::vector<std::uint32_t> word_slots_;  // index + 1 into word_keys_, 0: empty
  std::uint64_t word_lengths_ = 0;         // bit L: a key of L bytes
  bool precompiled_ = false;
};

// A hash of everything that goes into the compiled matcher (categories,
// patterns and their order), to tell whether a precompiled one fits.
std::uint64_t fingerprint(const Lexicon& lex);

// For gazetteer categories (country, element, stage, event): the canonical
// name, i.e. the note up to its first ';'.
std::string_view canonical(const Entry& e);

// Entries that cannot fire on their own documented example: when a note
// quotes one or more examples ("..."), the pattern must match at least one.
// Returns one error per unreachable entry, with its file and line.
base::Errors find_unreachable(const Lexicon& lex);

// The expression given to vectorscan for a pattern: typographic quote
// equivalents and word boundaries added.
std::string expand_pattern(std::string_view pattern);
// True when the pattern has an upper-case ASCII letter outside escapes and
// classes, or a class of capitals only such as "[A-Z]" (then it is matched
// case-sensitively; "[Bb]uy" still matches either case).
bool is_case_sensitive(std::string_view pattern);

}  // namespace assay::lexicon
