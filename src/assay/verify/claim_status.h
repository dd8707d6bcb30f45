// verify/claim_status: the verdicts on an article's claims feed the claim
// status of its central claim (assessment.claim_status, issue 14 item 4).
// The analysis scores the claim status from who stands behind the lead
// (a party on the record, named sources, unnamed sources, nobody); it
// cannot see the knowledge base's verdicts, which come later (verify, run
// by app). This is the step that joins the two, above both.
//
//   engine.verify_claims(analysis);          // fills analysis.claims[i].verdict
//   verify::weigh_verdicts(analysis);        // adds components, rescores
//
// The rule, and why:
// - Only claims in the lead count: the first paragraph's first three
//   sentences, the same lead that analysis/assess.cc reads the claim status
//   from. A figure further down is background; it says something about the
//   piece, not about whether its news is established.
// - A contradicted claim in the lead lowers the score by 20 points (10 more
//   for each further one, at most 30 in all), and the component names the
//   figure and the row that contradicts it: a lead that misstates what the
//   public record says is not established, whoever says it.
// - A disputed claim in the lead lowers it by 3 (at most 6): the kb's
//   sources disagree, so the figure rests on one definition or one source.
// - A supported figure (share, rank, production, capacity, reserves,
//   price) with a cited kb row or model computation raises it by 3 (at most
//   5): a little, because a correct figure beside the news does not confirm
//   the news itself. Policies, plant statuses and events do not raise it:
//   a lead often recalls a known policy to frame a new, unconfirmed claim.
// - Only claims that say their own year or month count (a policy, status or
//   event counts when the sentence dates it). An undated figure is judged
//   against the kb's latest figure before the publication date, an
//   assumption about which period the writer meant; leads hold many
//   undated figures that are not of that period at all: a price floor
//   agreed for ten years, a day's quote against last year's average, the
//   size a plant "can be expanded to", a discount rate read as a share. On
//   the 40 gold articles every lead contradiction of an undated claim was of
//   that kind (5 articles), so those verdicts stay in claims[] and the
//   critique but do not move the score.
// - Unverifiable and unchecked claims change nothing.
// The level (confirmed, named sources, ...) is left as it is: it says who
// stands behind the claim, which the kb does not change; the score moves.
// Calling it twice adds the components once (it replaces its own).
#pragma once

#include "assay/analysis/analyzer.h"

namespace assay::verify {

// Points of the rule above, for tests and documents.
inline constexpr double kContradictedFirst = -20, kContradictedMore = -10, kContradictedFloor = -30;
inline constexpr double kDisputedEach = -3, kDisputedFloor = -6;
inline constexpr double kSupportedEach = 3, kSupportedCap = 5;

// The components' names this step adds to assessment.claim_status.
inline constexpr const char* kContradictedComponent = "kb contradicts";
inline constexpr const char* kDisputedComponent = "kb disputed";
inline constexpr const char* kSupportedComponent = "kb supports";

// Adds the verdict components to a.assessment.claim_status and recomputes
// its score (the sum of the components, clamped to 0-100).
void weigh_verdicts(analysis::DocumentAnalysis& a);

}  // namespace assay::verify
