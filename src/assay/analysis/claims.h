// analysis/claims: the checkable claims of a sentence, as structured fields a
// verifier can compare with the knowledge base (issue 14, item 2). A claim
// has a kind (share, rank, production, capacity, reserves, price, policy,
// operation, event), a subject (kb ids of the countries, companies and
// facilities it is about), the measure and figure with its unit, year and
// bound ("about", "more than", "up to"), the chain stage, the element, the
// scope (world, one country, outside China) and the sentence's sourcing labels.
//
//   auto kb = kb::load(base::EmbeddedData{});
//   auto cs = analysis::find_claims("China mined about 270,000 tonnes of rare earths in 2025.", &*kb);
//   cs[0].kind == ClaimKind::kProduction; cs[0].subject == {"country:China"};
//   cs[0].value == 270000; cs[0].unit == "t"; cs[0].year == 2025; cs[0].bound == Bound::kApprox
//
//   find_claims("Myanmar is the world's third-largest producer.", &kb)
//       -> kind kRank, rank 3, measure "mine_production", scope kWorld
//   find_claims("China controls about 90% of refining.", &kb)
//       -> kind kShare, value 90, unit "%", stage separation, subject {"country:China"}
//   find_claims("China restricts exports of dysprosium.", &kb)
//       -> kind kPolicy, measure "export_control", element "Dy"
//
// Subjects are resolved by resolve_subjects(), the one place that maps names
// to kb ids (today through kb::canonical_country and the kb's alias index).
// Pure functions: call them from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/analysis/quantity.h"
#include "assay/base/enum_names.h"
#include "assay/base/span.h"
#include "assay/kb/kb.h"

namespace assay::analysis {

enum class ClaimKind : std::uint8_t {
  kShare, kRank, kProduction, kCapacity, kReserves, kPrice, kPolicy, kOperation, kEvent,
};
inline constexpr auto kClaimKindNames = base::enum_names<ClaimKind>({
    {ClaimKind::kShare, "share"},
    {ClaimKind::kRank, "rank"},
    {ClaimKind::kProduction, "production"},
    {ClaimKind::kCapacity, "capacity"},
    {ClaimKind::kReserves, "reserves"},
    {ClaimKind::kPrice, "price"},
    {ClaimKind::kPolicy, "policy"},
    {ClaimKind::kOperation, "operation"},
    {ClaimKind::kEvent, "event"},
});
const char* claim_kind_name(ClaimKind k);  // "share", "rank", ...
std::optional<ClaimKind> parse_claim_kind(std::string_view s);

enum class ClaimScope : std::uint8_t { kWorld, kCountry, kOutsideChina };
inline constexpr auto kClaimScopeNames = base::enum_names<ClaimScope>({
    {ClaimScope::kWorld, "world"},
    {ClaimScope::kCountry, "country"},
    {ClaimScope::kOutsideChina, "outside_china"},
});
const char* claim_scope_name(ClaimScope s);  // "world", "country", "outside_china"
std::optional<ClaimScope> parse_claim_scope(std::string_view s);

// A name in the text that the knowledge base knows.
struct SubjectMention {
  base::Span span;    // in the text given to resolve_subjects
  std::string id;     // "country:China", "company:lynas", "facility:lynas-malaysia-separation"
  std::string name;   // as written
};

// The names of `text` the kb knows, in text order: countries (names,
// aliases, adjectives such as "Chinese" and capitals used for their
// governments such as "Beijing"), companies and facilities (kb alias index).
// Names must start with a capital letter. `kb` may be null (countries only).
std::vector<SubjectMention> resolve_subjects(std::string_view text, const kb::Kb* kb);

// What a verdict rests on: a kb row ("data/kb/countries.csv:57") with its
// public source, or a model figure ("model: assay supply model 2025") with
// its computation.
struct ClaimEvidence {
  std::string row, source, value;
};

struct Claim {
  base::Span span;                   // the figure or the phrase the claim rests on
  std::uint32_t sentence = 0;        // in an analysis: the sentence it is in
  ClaimKind kind = ClaimKind::kEvent;
  std::vector<std::string> subject;  // kb ids, see SubjectMention::id
  std::string subject_name;          // the first subject as written
  // What is measured: "mine_production", "reserves", "resources", "capacity",
  // "output", "china_share", "share", "rank", "price"; for policies the kb
  // policy type ("export_control", "export_ban", ...); for operations
  // "operating"; for events the event word ("seized", "suspended", ...).
  std::string measure;
  std::optional<double> value, value_high;  // value_high == value unless a range
  std::string unit;                  // "t", "t/yr", "%", "USD/kg", "rank", ...
  std::string figure;                // the figure as written ("about 90%")
  double precision = 0;              // the place of the figure's last significant digit, in `unit` (90 -> 10)
  int year = 0;                      // 0 = not said
  std::string date;                  // "YYYY-MM" when a month is said, else empty
  std::optional<kb::Stage> stage;    // the chain stage, when said
  std::string element;               // "NdPr", "Dy", "REO" ... ; empty = rare earths in general
  std::string form;                  // "oxide", "concentrate", "metal", "magnet", or empty
  ClaimScope scope = ClaimScope::kWorld;
  Bound bound = Bound::kExact;
  std::string hedge;                 // the qualifier as written ("about", "more than"), or empty
  int rank = 0;                      // rank claims: 1 = largest
  std::vector<std::string> destinations;  // policy: the other countries named (where exports go, imports come from)
  bool present = true;               // policy/operation: said to hold now ("is", "bans") rather than in the past
  bool prospect = false;             // a tonnage still to be reached ("can be expanded to 5,000 t"), not today's
  std::vector<std::string> sourcing;  // the sentence's sourcing labels ("source.named", ...), set by the caller
  // The verdict, filled by the verifier above analysis (app, with verify/verify.h);
  // empty verdict: not checked.
  std::string verdict, reason, tolerance, judged_at;
  std::vector<ClaimEvidence> evidence;
};

// The claims of one sentence (`text` is the sentence alone; spans are
// relative to it). `kb` may be null: subjects are then countries only.
std::vector<Claim> find_claims(std::string_view text, const kb::Kb* kb);

}  // namespace assay::analysis
