// corpus/roles: see roles.h.
#include "assay/corpus/roles.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "assay/base/strings.h"
#include "assay/corpus/near_dup.h"

namespace assay::corpus {

namespace {

bool contains(const std::vector<std::string>& sorted, const std::string& v) {
  return std::binary_search(sorted.begin(), sorted.end(), v);
}

// The speakers of `m` whose names the origin does not hold: fewer than half
// of the name's longer words appear among the origin's capitalised words,
// terms and speakers.
std::vector<std::string> new_speakers(const ArticleFacts& m, const ArticleFacts* origin) {
  std::set<std::string> known;
  if (origin) {
    known.insert(origin->names.begin(), origin->names.end());
    known.insert(origin->terms.begin(), origin->terms.end());
    for (const auto& s : origin->speakers)
      for (auto& w : normalised_words(s)) known.insert(w);
  }
  std::vector<std::string> out;
  for (const auto& s : m.speakers) {
    int words = 0, seen = 0;
    for (auto& w : normalised_words(s)) {
      if (w.size() < 4) continue;
      ++words;
      std::string stemmed = w.size() > 4 && w.back() == 's' ? w.substr(0, w.size() - 1) : w;
      seen += known.contains(w) || known.contains(stemmed);
    }
    bool is_media = contains(m.media, base::to_lower_ascii(s));
    if (words > 0 && seen * 2 < words && !is_media) out.push_back(s);
  }
  return out;
}

}  // namespace

const char* role_name(Role r) {
  switch (r) {
    case Role::kOrigin: return "origin";
    case Role::kEcho: return "echo";
    case Role::kIndependent: return "independent";
  }
  return "echo";
}

std::optional<Role> parse_role(std::string_view s) {
  for (Role r : {Role::kOrigin, Role::kEcho, Role::kIndependent})
    if (s == role_name(r)) return r;
  return std::nullopt;
}

Fidelity fidelity(const ArticleFacts& m, const ArticleFacts& o, std::string_view origin_outlet) {
  Fidelity f;
  const std::string outlet = base::to_lower_ascii(origin_outlet);
  if (!outlet.empty() && !base::iequals_ascii(m.outlet, origin_outlet)) {
    bool credited = base::iequals_ascii(m.credit, origin_outlet) || contains(m.media, outlet);
    f.credit = credited ? 1 : 0;
    if (!credited) f.notes.push_back(fmt::format("drops the credit to {}", origin_outlet));
  }
  if (o.anonymous > 0 && m.anonymous == 0) {
    f.attribution = 0;
    f.notes.push_back("drops the origin's anonymous attribution: what unnamed sources said reads as fact");
  }
  const int caveats = o.hedged + o.non_confirmations;
  if (caveats > 0) {
    f.caveats = std::min(1.0, static_cast<double>(m.hedged + m.non_confirmations) / caveats);
    if (m.non_confirmations == 0 && o.non_confirmations > 0) f.notes.push_back("drops the origin's non-confirmations (no comment, no response)");
    if (m.hedged < o.hedged) f.notes.push_back(fmt::format("keeps {} of the origin's {} hedged sentences", m.hedged, o.hedged));
  }
  // The retelling's figures that the origin also gives, to two
  // significant digits: how many it gives exactly as the origin does.
  int shared = 0, kept = 0;
  for (const auto& e : m.figures) {
    if (e.starts_with("~") || !contains(o.figures, rounded_figure(e))) continue;
    ++shared;
    // As given: the same value and unit, with or without the rate.
    const std::string bare = e.ends_with("/yr") ? e.substr(0, e.size() - 3) : e;
    kept += contains(o.figures, bare) || contains(o.figures, bare + "/yr");
  }
  if (shared > 0) {
    f.figures = static_cast<double>(kept) / shared;
    if (kept < shared) f.notes.push_back(fmt::format("changes {} of the origin's figures (rounded or altered)", shared - kept));
  }
  if (m.opinion > o.opinion) {
    f.additions = std::max(0.0, 1.0 - (m.opinion - o.opinion) / 3.0);
    f.notes.push_back(fmt::format("adds {} in its own voice", base::counted(m.opinion - o.opinion, "opinion sentence", "opinion sentences")));
  }
  double s = 30 * f.credit + 20 * f.attribution + 25 * f.caveats + 15 * f.figures + 10 * f.additions;
  f.score = static_cast<int>(std::lround(s));
  return f;
}

namespace {

// Whether the text of `m` names `outlet`: every word of three or more letters
// of the outlet's name is among its capitalised words (at least one such
// word; "AP" alone gives no sign).
bool names_outlet(const ArticleFacts& m, std::string_view o) {
  bool any = false;
  std::size_t i = 0;
  while (i < o.size()) {
    while (i < o.size() && !base::is_word_byte(o[i])) ++i;
    std::size_t b = i;
    while (i < o.size() && (base::is_word_byte(o[i]) || o[i] == '-')) ++i;
    if (i - b < 3) continue;
    if (!std::binary_search(m.names.begin(), m.names.end(), base::to_lower_ascii(o.substr(b, i - b)))) return false;
    any = true;
  }
  return any;
}

}  // namespace

StoryRoles assign_roles(std::span<const ArticleFacts* const> members) {
  StoryRoles r;
  r.members.resize(members.size());
  if (members.empty()) return r;
  // The outlet most members credit (not their own), the earliest credit first on a tie.
  std::map<std::string, std::pair<int, std::size_t>> votes;  // lower-cased outlet -> (votes, first member)
  std::map<std::string, std::string> spelled;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& m = *members[i];
    if (m.credit.empty() || base::iequals_ascii(m.credit, m.outlet)) continue;
    std::string k = base::to_lower_ascii(m.credit);
    auto [it, fresh] = votes.try_emplace(k, 0, i);
    ++it->second.first;
    spelled.try_emplace(k, m.credit);
  }
  // Whether a member's text names another member's outlet: a credit the
  // analyzer's outlet list may not know ("Reporting by Lakeshore staff").
  // And whether it names its own.
  std::vector<bool> names_other(members.size(), false), names_own(members.size(), false);
  for (std::size_t i = 0; i < members.size(); ++i) {
    names_own[i] = names_outlet(*members[i], members[i]->outlet);
    for (std::size_t j = 0; j < members.size() && !names_other[i]; ++j)
      names_other[i] = !base::iequals_ascii(members[i]->outlet, members[j]->outlet) && names_outlet(*members[i], members[j]->outlet);
  }
  auto earlier = [&](std::size_t a, std::size_t b) {
    const auto& x = *members[a];
    const auto& y = *members[b];
    if (x.day >= 0 && y.day >= 0 && x.day != y.day) return x.day < y.day;
    if (x.published != y.published && !x.published.empty() && !y.published.empty()) return x.published < y.published;
    // The same day (a date without a time): a piece that credits another
    // outlet (a media attribution, or the name of another member's outlet
    // in its text) came after it, and one with sources of its own (named or not)
    // before one that cites none; then one that names its own outlet in
    // its text (a wire's "CITY, date (Outlet) -" dateline, "told Outlet")
    // before a copy that carries the same words without that name, which
    // is how a copy that strips the credit reads; else the order they
    // joined in.
    const bool xc = !x.media.empty() || names_other[a], yc = !y.media.empty() || names_other[b];
    if (xc != yc) return yc;
    const int xs = x.named + x.anonymous, ys = y.named + y.anonymous;
    if ((xs > 0) != (ys > 0)) return xs > 0;
    if (names_own[a] != names_own[b]) return static_cast<bool>(names_own[a]);
    return a < b;
  };
  if (!votes.empty()) {
    auto best = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
      return a.second.first != b.second.first ? a.second.first < b.second.first : a.second.second > b.second.second;
    });
    r.origin_outlet = spelled[best->first];
    for (std::size_t i = 0; i < members.size(); ++i)
      if (base::iequals_ascii(members[i]->outlet, r.origin_outlet) && (r.origin < 0 || earlier(i, static_cast<std::size_t>(r.origin))))
        r.origin = static_cast<int>(i);
    r.origin_why = fmt::format("credited as first reporter by {}", base::counted(best->second.first, "member", "members"));
    if (r.origin < 0) r.origin_why += " (its own piece is not in the store)";
  } else {
    std::size_t o = 0;
    for (std::size_t i = 1; i < members.size(); ++i)
      if (earlier(i, o)) o = i;
    r.origin = static_cast<int>(o);
    r.origin_outlet = members[o]->outlet;
    r.origin_why = "the earliest publication; no member credits another outlet";
  }
  const ArticleFacts* origin = r.origin >= 0 ? members[static_cast<std::size_t>(r.origin)] : nullptr;
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto& mr = r.members[i];
    const auto& m = *members[i];
    if (static_cast<int>(i) == r.origin) {
      mr.role = Role::kOrigin;
      mr.why = r.origin_why;
      continue;
    }
    std::vector<std::string> reasons;
    if (m.official > (origin ? origin->official : 0))
      reasons.push_back(base::counted(m.official, "official confirmation on the record", "official confirmations on the record"));
    if (m.denials > (origin ? origin->denials : 0)) reasons.push_back("a denial");
    auto fresh = new_speakers(m, origin);
    if (!fresh.empty()) reasons.push_back(fmt::format("named sources the origin lacks: {}", base::join(fresh, ", ")));
    if (!reasons.empty()) {
      mr.role = Role::kIndependent;
      mr.why = "adds " + base::join(reasons, "; ");
    } else {
      mr.role = Role::kEcho;
      mr.why = "restates the origin without a new source";
    }
    if (origin) mr.fidelity = fidelity(m, *origin, r.origin_outlet);
  }
  return r;
}

}  // namespace assay::corpus
