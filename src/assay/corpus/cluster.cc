// corpus/cluster: see cluster.h.
#include "assay/corpus/cluster.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "assay/base/strings.h"

namespace assay::corpus {

namespace {

bool within(int a, int b, int days) { return a < 0 || b < 0 || std::abs(a - b) <= days; }

std::string name_of(const ArticleFacts& f) { return f.id.empty() ? f.key : f.id; }

}  // namespace

base::Result<Clusterer> Clusterer::load(StoryRepository& repo) {
  Clusterer c;
  ASSAY_TRY_VOID(repo.each_placed([&](ArticleFacts&& f, std::int64_t story, const std::string& duplicate_of) {
    if (c.by_key_.contains(f.key)) return;
    auto n = static_cast<std::uint32_t>(c.nodes_.size());
    c.by_key_[f.key] = n;
    c.nodes_.push_back({std::move(f), story, duplicate_of, 0, {}});
    c.index(n, NearDuplicateIndex::band_keys(c.nodes_[n].facts.shingles));
    c.stories_[story].members.push_back(n);
    c.next_story_ = std::max(c.next_story_, story + 1);
  }));
  // Background links are the stories' own: read them back.
  for (auto& [id, st] : c.stories_) {
    auto s = ASSAY_TRY(repo.story(id));
    if (!s) continue;
    for (const auto& b : s->background)
      if (auto it = c.by_key_.find(b.key); it != c.by_key_.end()) {
        st.background.push_back(it->second);
        st.background_score[it->second] = b.score;
      }
    for (const auto& m : s->members)
      if (auto it = c.by_key_.find(m.key); it != c.by_key_.end()) c.nodes_[it->second].score = m.score;
  }
  c.repo_ = &repo;
  return c;
}

void Clusterer::index(std::uint32_t n, const NearDuplicateIndex::BandKeys& bands) {
  Node& node = nodes_[n];
  const ArticleFacts& f = node.facts;
  duplicates_.add(n, f.shingles, bands);
  auto intern = [&](const std::vector<std::string>& tokens, char kind, std::vector<std::uint32_t>& ids) {
    ids.clear();
    ids.reserve(tokens.size());
    for (const auto& t : tokens) {
      key_.assign(1, kind);
      key_ += ':';
      key_ += t;
      auto [it, fresh] = token_ids_.try_emplace(key_, static_cast<std::uint32_t>(postings_.size()));
      if (fresh) postings_.emplace_back();
      postings_[it->second].push_back(n);
      if (it->second < idf_stamp_.size()) idf_stamp_[it->second] = 0;  // its frequency changed
      ids.push_back(it->second);
    }
  };
  intern(f.entities, 'e', node.ids.entities);
  intern(f.terms, 't', node.ids.terms);
  intern(f.figures, 'f', node.ids.figures);
  intern(f.lead, 'l', node.ids.lead);
  intern(f.events, 'v', node.ids.events);
  if (f.official > 0) official_.push_back(n);
}

Clusterer::TokenIds Clusterer::lookup(const ArticleFacts& f) const {
  TokenIds out;
  auto find = [&](const std::vector<std::string>& tokens, char kind, std::vector<std::uint32_t>& ids) {
    ids.reserve(tokens.size());
    for (const auto& t : tokens) {
      key_.assign(1, kind);
      key_ += ':';
      key_ += t;
      auto it = token_ids_.find(key_);
      ids.push_back(it == token_ids_.end() ? kNoToken : it->second);
    }
  };
  find(f.entities, 'e', out.entities);
  find(f.terms, 't', out.terms);
  find(f.figures, 'f', out.figures);
  find(f.lead, 'l', out.lead);
  find(f.events, 'v', out.events);
  return out;
}

double Clusterer::idf(std::uint32_t token) const {
  if (token != kNoToken) {
    if (idf_.size() < postings_.size()) {
      idf_.resize(postings_.size());
      idf_stamp_.resize(postings_.size(), 0);
    }
    const std::size_t stamp = nodes_.size() + 1;
    if (idf_stamp_[token] != stamp) {
      const double n = std::max(static_cast<double>(nodes_.size()), kMinCorpus);
      idf_[token] = std::log((n + 2) / (static_cast<double>(postings_[token].size()) + 1));
      idf_stamp_[token] = stamp;
    }
    return idf_[token];
  }
  const double df = 0;
  // As if the corpus held at least kMinCorpus articles: in a young corpus
  // every token is rare, and a shared one must not weigh less than the
  // rest only because it has been seen once. A token every article has
  // weighs next to nothing, one no other article has the most.
  const double n = std::max(static_cast<double>(nodes_.size()), kMinCorpus);
  return std::log((n + 2) / (df + 1));
}

// Merges the two sorted token lists by their text (the order the weights
// are summed in), weighing each token by its id's document frequency.
double Clusterer::overlap(const std::vector<std::string>& a, const std::vector<std::uint32_t>& ia, const std::vector<std::string>& b,
                          const std::vector<std::uint32_t>& ib) const {
  if (a.empty() || b.empty()) return 0;
  double wa = 0, wb = 0, common = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i] < b[j])) {
      double w = idf(ia[i++]);
      wa += w * w;
    } else if (i == a.size() || b[j] < a[i]) {
      double w = idf(ib[j++]);
      wb += w * w;
    } else {
      double w = idf(ia[i]);
      w *= w;
      wa += w, wb += w, common += w;
      ++i, ++j;
    }
  }
  return wa > 0 && wb > 0 ? common / std::sqrt(wa * wb) : 0;
}

bool Clusterer::shares_anchor(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  (void)ib;
  if (a.entities.empty() || b.entities.empty()) return true;  // nothing to tell them apart by
  auto rare_common = [&](const std::vector<std::string>& x, const std::vector<std::uint32_t>& ix, const std::vector<std::string>& y) {
    std::size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
      if (x[i] < y[j]) ++i;
      else if (y[j] < x[i]) ++j;
      else {
        const double df = ix[i] == kNoToken ? 0 : static_cast<double>(postings_[ix[i]].size());
        if (df <= std::max(kAnchorMinCount, kAnchorShare * static_cast<double>(nodes_.size()))) return true;
        ++i, ++j;
      }
    }
    return false;
  };
  return rare_common(a.entities, ia.entities, b.entities) || rare_common(a.figures, ia.figures, b.figures);
}

double Clusterer::similarity(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  return 0.5 * overlap(a.terms, ia.terms, b.terms, ib.terms) + 0.35 * overlap(a.entities, ia.entities, b.entities, ib.entities) +
         0.15 * overlap(a.figures, ia.figures, b.figures, ib.figures);
}

double Clusterer::similarity(const ArticleFacts& a, const ArticleFacts& b) const {
  return similarity(a, lookup(a), b, lookup(b));
}

double Clusterer::lead_overlap(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  const double l = overlap(a.lead, ia.lead, b.lead, ib.lead);
  if (a.events.empty() || b.events.empty()) return l;
  return 0.8 * l + 0.2 * overlap(a.events, ia.events, b.events, ib.events);
}

double Clusterer::lead_overlap(const ArticleFacts& a, const ArticleFacts& b) const {
  return lead_overlap(a, lookup(a), b, lookup(b));
}

bool Clusterer::same_event(const ArticleFacts& a, const ArticleFacts& b) const {
  return same_event(a, lookup(a), b, lookup(b));
}

bool Clusterer::same_event(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  if (a.lead.empty() || b.lead.empty()) return true;  // facts of version 1: nothing to tell by
  // Each lead about someone or something the other article never names
  // (results of two companies; one company's deals with two partners; two
  // countries' export rules): two events, however alike the words.
  // (Named: among the other's entities, or each word of the name among its
  // salient words or capitalised words: a title's "yttrium" the text never
  // repeats.)
  auto foreign = [](const ArticleFacts& x, const ArticleFacts& y) {
    return std::any_of(x.actors.begin(), x.actors.end(), [&](const std::string& e) {
      if (std::any_of(y.entities.begin(), y.entities.end(), [&](const std::string& n) { return base::iequals_ascii(n, e); }))
        return false;
      int words = 0, seen = 0;
      for (auto& w : normalised_words(e)) {
        if (w.size() < 3) continue;
        ++words;
        const std::string plural_less = w.size() > 4 && w.back() == 's' ? w.substr(0, w.size() - 1) : w;
        seen += std::binary_search(y.terms.begin(), y.terms.end(), plural_less) ||
                std::binary_search(y.names.begin(), y.names.end(), w);
      }
      return words == 0 || seen < words;
    });
  };
  if (foreign(a, b) && foreign(b, a)) return false;
  if (lead_overlap(a, ia, b, ib) >= kLeadScore) return true;
  // A figure of the event, as given or rounded, that few articles share.
  std::size_t i = 0, j = 0;
  const double limit = std::max(kAnchorMinCount, kAnchorShare * static_cast<double>(nodes_.size()));
  while (i < a.figures.size() && j < b.figures.size()) {
    if (a.figures[i] < b.figures[j]) ++i;
    else if (b.figures[j] < a.figures[i]) ++j;
    else {
      const double df = ia.figures[i] == kNoToken ? 0 : static_cast<double>(postings_[ia.figures[i]].size());
      if (df <= limit) return true;
      ++i, ++j;
    }
  }
  return false;
}

int Clusterer::first_day(const StoryState& s) const {
  int d = -1;
  for (auto n : s.members) {
    int x = nodes_[n].facts.day;
    if (x >= 0 && (d < 0 || x < d)) d = x;
  }
  return d;
}

// A token as common as one article in eight (and more than 64) names no
// story and is skipped.
std::vector<std::uint32_t> Clusterer::gather(const TokenIds& ids, int min_shared, const std::function<bool(std::uint32_t)>& keep) const {
  const std::size_t common = std::max<std::size_t>(64, nodes_.size() / 8);
  if (hits_.size() < nodes_.size()) hits_.resize(nodes_.size(), 0);
  std::vector<std::uint32_t> touched;
  for (const auto* list : {&ids.entities, &ids.terms, &ids.figures})
    for (auto t : *list) {
      if (t == kNoToken || postings_[t].size() > common) continue;
      for (auto n : postings_[t])
        if (keep(n) && hits_[n]++ == 0) touched.push_back(n);
    }
  std::vector<std::uint32_t> out;
  for (auto n : touched) {
    if (hits_[n] >= static_cast<std::uint32_t>(min_shared)) out.push_back(n);
    hits_[n] = 0;
  }
  std::sort(out.begin(), out.end());
  return out;
}

base::Result<Placement> Clusterer::place(ArticleFacts f) {
  if (auto it = by_key_.find(f.key); it != by_key_.end()) {
    const Node& n = nodes_[it->second];
    return Placement{.story = n.story, .already = true, .duplicate_of = n.duplicate_of};
  }
  Placement p;
  std::vector<std::string> history;
  const std::string name = name_of(f);
  const TokenIds ids = lookup(f);
  const auto bands = NearDuplicateIndex::band_keys(f.shingles);
  if (auto hit = duplicates_.find(f.shingles, bands); hit && within(nodes_[hit->id].facts.day, f.day, kWindowDays)) {
    const Node& orig = nodes_[hit->id];
    p.story = orig.story;
    p.duplicate_of = orig.facts.key;
    p.score = hit->jaccard;
    history.push_back(fmt::format("{} ({}) joined as a syndicated copy of {} (shingle Jaccard {:.2f})", name, f.outlet,
                                  name_of(orig.facts), hit->jaccard));
  } else {
    auto candidates = gather(ids, 3, [&](std::uint32_t n) { return within(nodes_[n].facts.day, f.day, kWindowDays); });
    std::int64_t best_story = 0;
    double best = 0;
    std::uint32_t best_node = 0;
    for (auto n : candidates) {
      if (!shares_anchor(f, ids, nodes_[n].facts, nodes_[n].ids) || !same_event(f, ids, nodes_[n].facts, nodes_[n].ids)) continue;
      double s = similarity(f, ids, nodes_[n].facts, nodes_[n].ids);
      if (s > best || (s == best && best_story != 0 && nodes_[n].story < best_story)) {
        best = s;
        best_story = nodes_[n].story;
        best_node = n;
      }
    }
    if (best_story != 0 && best >= kJoinScore) {
      p.story = best_story;
      p.score = best;
      history.push_back(fmt::format("{} ({}) joined, closest to {} (similarity {:.2f})", name, f.outlet, name_of(nodes_[best_node].facts), best));
    } else {
      p.story = next_story_++;
      p.new_story = true;
      p.score = 1;
      history.push_back(fmt::format("{} ({}) started the story", name, f.outlet));
    }
  }
  std::string old_origin;
  if (!p.new_story) old_origin = build_story(p.story).origin_key;
  const auto node = static_cast<std::uint32_t>(nodes_.size());
  by_key_[f.key] = node;
  nodes_.push_back({std::move(f), p.story, p.duplicate_of, p.score, {}});
  stories_[p.story].members.push_back(node);
  Story built = build_story(p.story);
  for (const auto& m : built.members)
    if (m.key == nodes_[node].facts.key)
      history.back() += fmt::format(": {}", role_name(m.role));
  if (!p.new_story && built.origin_key != old_origin)
    history.push_back(fmt::format("the origin is now {} ({}): {}", built.origin_outlet,
                                  built.origin_key.empty() ? "not in the store" : name_of(nodes_[by_key_.at(built.origin_key)].facts),
                                  built.origin_why));
  auto changed = link_background(node, ids, history);
  index(node, bands);
  if (repo_) {
    std::vector<Story> stories;
    // Built again only when a background link changed it.
    stories.push_back(std::find(changed.begin(), changed.end(), p.story) == changed.end() ? std::move(built) : build_story(p.story));
    for (auto id : changed)
      if (id != p.story) stories.push_back(build_story(id));
    ASSAY_TRY_VOID(repo_->save(nodes_[node].facts, p, stories, history));
  }
  return p;
}

std::vector<std::int64_t> Clusterer::link_background(std::uint32_t node, const TokenIds& ids, std::vector<std::string>& history) {
  std::vector<std::int64_t> changed;
  const Node& a = nodes_[node];
  auto link = [&](std::int64_t story, std::uint32_t statement, double score) {
    StoryState& st = stories_[story];
    if (std::find(st.background.begin(), st.background.end(), statement) != st.background.end()) return;
    if (std::find(st.members.begin(), st.members.end(), statement) != st.members.end()) return;
    st.background.push_back(statement);
    st.background_score[statement] = score;
    const auto& s = nodes_[statement].facts;
    history.push_back(fmt::format("background linked to story {}: {} ({}, {}), an on-record statement (similarity {:.2f})", story,
                                  name_of(s), s.outlet, s.published, score));
    changed.push_back(story);
  };
  // Earlier official statements for this article's story.
  const int first = first_day(stories_[a.story]);
  if (first >= 0) {
    for (auto o : official_) {
      const Node& s = nodes_[o];
      if (s.story == a.story || s.facts.day < 0) continue;
      int gap = first - s.facts.day;
      if (gap <= kWindowDays || gap > kBackgroundDays) continue;
      double score = similarity(a.facts, ids, s.facts, s.ids);
      if (score >= kBackgroundScore) link(a.story, o, score);
    }
  }
  // This article, when it is an official statement, for later stories.
  if (a.facts.official > 0 && a.facts.day >= 0) {
    std::map<std::int64_t, double> best;
    auto candidates = gather(ids, 3, [&](std::uint32_t n) {
      const auto& s = nodes_[n];
      return s.story != a.story && s.facts.day > a.facts.day + kWindowDays && s.facts.day <= a.facts.day + kBackgroundDays;
    });
    for (auto n : candidates) {
      double s = similarity(a.facts, ids, nodes_[n].facts, nodes_[n].ids);
      auto& b = best[nodes_[n].story];
      b = std::max(b, s);
    }
    for (auto [story, score] : best) {
      int fd = first_day(stories_[story]);
      if (score >= kBackgroundScore && fd - a.facts.day > kWindowDays && fd - a.facts.day <= kBackgroundDays) link(story, node, score);
    }
  }
  return changed;
}

std::optional<Story> Clusterer::story(std::int64_t id) const {
  if (!stories_.contains(id)) return std::nullopt;
  return build_story(id);
}

Story Clusterer::build_story(std::int64_t id) const {
  const StoryState& st = stories_.at(id);
  Story s;
  s.id = id;
  std::vector<const ArticleFacts*> facts;
  for (auto n : st.members) facts.push_back(&nodes_[n].facts);
  StoryRoles roles = assign_roles(facts);
  s.origin_outlet = roles.origin_outlet;
  s.origin_why = roles.origin_why;
  if (roles.origin >= 0) s.origin_key = facts[static_cast<std::size_t>(roles.origin)]->key;
  std::map<std::string, int> entity_count;
  for (std::size_t i = 0; i < st.members.size(); ++i) {
    const Node& n = nodes_[st.members[i]];
    const auto& f = n.facts;
    StoryMember m{.key = f.key, .id = f.id, .outlet = f.outlet, .published = f.published, .title = f.title,
                  .role = roles.members[i].role, .fidelity = roles.members[i].fidelity ? roles.members[i].fidelity->score : -1,
                  .duplicate_of = n.duplicate_of, .score = n.score};
    s.members.push_back(std::move(m));
    if (!f.published.empty() && (s.first_published.empty() || f.published < s.first_published)) s.first_published = f.published;
    for (const auto& e : f.entities) ++entity_count[e];
  }
  s.title = roles.origin >= 0 ? facts[static_cast<std::size_t>(roles.origin)]->title : (facts.empty() ? "" : facts[0]->title);
  std::vector<std::pair<int, std::string>> ents;
  const int need = std::max<int>(1, static_cast<int>((st.members.size() + 1) / 2));
  for (auto& [e, c] : entity_count)
    if (c >= need) ents.emplace_back(-c, e);
  std::sort(ents.begin(), ents.end());
  if (ents.size() > 12) ents.resize(12);
  for (auto& [c, e] : ents) s.entities.push_back(e);
  for (auto b : st.background) {
    const auto& f = nodes_[b].facts;
    s.background.push_back({f.key, f.id, f.outlet, f.published, f.title, st.background_score.at(b)});
  }
  std::sort(s.background.begin(), s.background.end(), [](const auto& x, const auto& y) {
    return x.published != y.published ? x.published < y.published : x.key < y.key;
  });
  return s;
}

}  // namespace assay::corpus
