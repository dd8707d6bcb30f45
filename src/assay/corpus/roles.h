// corpus/roles: a story's origin, each member's role (origin, echo,
// independent) and each retelling's fidelity to the origin, from the
// members' ArticleFacts (issue 15, items 4 and 8).
//
//   std::vector<const corpus::ArticleFacts*> members = {&wire, &aggregator, &state_media};
//   corpus::StoryRoles r = corpus::assign_roles(members);
//   r.origin_outlet;                       // "Lodestar Wire"
//   r.members[1].role;                     // Role::kEcho
//   r.members[1].fidelity.score;           // 0-100: what the retelling kept
//
// Origin: the outlet the members credit as first reporter ("first reported
// by", "according to", "via": the analysis's assessment.origin), its
// earliest member when the story holds one; else the earliest publication
// (on one day: a piece crediting no outlet before one that does, a piece
// with sources of its own before one without).
// A member is independent when it adds an on-record official confirmation
// or a denial, or a named source the origin does not name; else an echo.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assay/corpus/facts.h"

namespace assay::corpus {

enum class Role : std::uint8_t { kOrigin, kEcho, kIndependent };
const char* role_name(Role r);  // "origin", "echo", "independent"
std::optional<Role> parse_role(std::string_view s);

// What a retelling kept of the origin, each part 0-1, and the score 0-100:
// 30 for the credit to the origin outlet, 20 for its attribution
// (anonymous stays anonymous), 25 for its caveats (hedges and
// non-confirmations), 15 for its figures, 10 for adding nothing in its own
// voice (opinion sentences).
struct Fidelity {
  int score = 0;
  double credit = 1, attribution = 1, caveats = 1, figures = 1, additions = 1;
  std::vector<std::string> notes;  // in words: "drops the credit to Lodestar Wire", ...
};
Fidelity fidelity(const ArticleFacts& member, const ArticleFacts& origin, std::string_view origin_outlet);

struct MemberRole {
  Role role = Role::kEcho;
  std::optional<Fidelity> fidelity;  // none for the origin
  std::string why;                   // in words
};

struct StoryRoles {
  std::string origin_outlet;
  int origin = -1;          // index of the origin member; -1 when the credited outlet is not in the story
  std::string origin_why;   // in words
  std::vector<MemberRole> members;  // one per member, in the order given
};

// `members` in the order they joined; none may be null.
StoryRoles assign_roles(std::span<const ArticleFacts* const> members);

}  // namespace assay::corpus
