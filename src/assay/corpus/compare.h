// corpus/compare: one story's versions side by side (issue 15, items 5, 6
// and 8): which claims each member carries and with what verdict, what each
// retelling added (figures, names) and dropped (the origin's anonymous
// attribution, hedges, non-confirmations, its credit), contradictions
// between versions, and the official confirmations and denials anywhere in
// the story or its background. Corroboration counts independent members
// that confirm on the record, not outlets.
//
//   std::vector<analysis::DocumentAnalysis> versions = ...;   // story.members' analyses, same order
//   std::vector<analysis::DocumentAnalysis> background = ...; // story.background's
//   corpus::StoryComparison c = corpus::compare_versions(story, versions, background);
//   for (const auto& claim : c.claims) fmt::print("{}: {} versions, {}\n", claim.text, claim.carried.size(), claim.verdict);
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/corpus/cluster.h"

namespace assay::corpus {

struct ClaimVersion {
  std::string member;   // member id
  std::string figure;   // as that member writes it
  std::string verdict;  // that member's verdict ("" when not checked)
};

// One claim as the story carries it: the first version's sentence, each
// member that carries it, and the story's verdict: contradicted when any
// version's is, else supported when any is, else disputed, else
// unverifiable, else "" (not checked).
struct VersionedClaim {
  std::string text;      // the sentence of its first version
  std::string kind, measure, subject;
  std::vector<ClaimVersion> carried;
  std::string verdict;
  bool differs = false;  // versions give figures that differ beyond rounding
};

struct Statement {
  std::string member;  // member (or background item) id
  std::string outlet, published;
  std::string text;    // the sentence
  bool denial = false;
};

struct MemberComparison {
  std::string id, outlet;
  Role role = Role::kEcho;
  int fidelity = -1;
  std::vector<std::string> notes;          // what the retelling kept and dropped (fidelity's notes)
  std::vector<std::string> added_figures;  // figures the origin does not give, as written
  std::vector<std::string> added_names;    // named sources the origin does not name
  std::vector<std::string> dropped;        // an echo: "(label) sentence" of the origin whose caveat (anonymous source, hedge, non-confirmation) it does not carry
  bool credit_kept = true;
  int opinion = 0;                         // its opinion sentences
};

struct StoryComparison {
  std::vector<MemberComparison> members;  // story.members' order
  std::vector<VersionedClaim> claims;
  std::vector<Statement> on_record;       // official confirmations and denials in members
  std::vector<Statement> background;      // on-record sentences of the background statements
  int independent_confirmations = 0;      // independent members that confirm on the record
  int outlets = 0;                        // distinct outlets among members
  int anonymous_members = 0;              // members whose sourcing includes unnamed sources
};

// `versions[i]` is the analysis of story.members[i] (a missing one: an
// analysis with an empty document); `background[i]` of story.background[i].
StoryComparison compare_versions(const Story& story, std::span<const analysis::DocumentAnalysis> versions,
                                 std::span<const analysis::DocumentAnalysis> background);

}  // namespace assay::corpus
