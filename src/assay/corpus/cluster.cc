// corpus/cluster: see cluster.h.
#include "assay/corpus/cluster.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "assay/base/strings.h"

namespace assay::corpus {

namespace {

bool within(int a, int b, int days) { return a < 0 || b < 0 || std::abs(a - b) <= days; }

std::string name_of(const ArticleFacts& f) { return f.id.empty() ? f.key : f.id; }

}  // namespace

base::Result<Clusterer> Clusterer::load(StoryRepository& repo) {
  Clusterer c;
  c.repo_ = &repo;  // evict() drops what the repository can give back
  ASSAY_TRY_VOID(repo.each_placed_keys([&](ArticleFacts&& f, const std::optional<NearDuplicateIndex::BandKeys>& bands, std::int64_t story,
                                           const std::string& duplicate_of) {
    if (c.by_key_.contains(f.key)) return;
    auto n = static_cast<std::uint32_t>(c.nodes_.size());
    auto [at, added] = c.by_key_.emplace(f.key, n);
    std::uint32_t original = kNoNode;
    if (auto it = c.by_key_.find(duplicate_of); !duplicate_of.empty() && it != c.by_key_.end()) original = it->second;
    else if (!duplicate_of.empty()) c.gone_originals_[n] = duplicate_of;  // its original was deleted
    const int day = f.day;
    const bool official = f.official > 0;
    c.nodes_.push_back({std::make_unique<ArticleFacts>(std::move(f)), &at->first, day, official, original, story, 0, {}});
    // The set stays in the store: read back for a candidate copy's check.
    std::vector<std::uint32_t>().swap(c.nodes_[n].facts->shingles);
    if (bands) c.duplicates_.add_keys(n, *bands);
    c.index(n);
    auto& st = c.stories_[story];
    st.members.push_back(n);
    st.last_day = std::max(st.last_day, day);
    c.next_story_ = std::max(c.next_story_, story + 1);
    c.keep_until(n, day);
    if (day > c.newest_) {
      c.newest_ = day;
      c.evict();
    }
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

void Clusterer::index(std::uint32_t n, const TokenIds* known) {
  Node& node = nodes_[n];
  const ArticleFacts& f = *node.facts;
  // A token lookup() found keeps its id; only the others are hashed (and
  // get theirs, in the order they come, as when every token is).
  auto intern = [&](const std::vector<std::string>& tokens, char kind, const std::vector<std::uint32_t>* found,
                    std::vector<std::uint32_t>& ids) {
    ids.clear();
    ids.reserve(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::uint32_t id = found ? (*found)[i] : kNoToken;
      if (id == kNoToken) {
        key_.assign(1, kind);
        key_ += ':';
        key_ += tokens[i];
        auto [it, fresh] = token_ids_.try_emplace(key_, static_cast<std::uint32_t>(postings_.size()));
        if (fresh) postings_.emplace_back();
        id = it->second;
      }
      insert_by_day(postings_[id], {f.day, n});
      if (id < tok_.size()) tok_[id].idf_stamp = 0;  // its frequency changed
      ids.push_back(id);
    }
  };
  intern(f.entities, 'e', known ? &known->entities : nullptr, node.ids.entities);
  intern(f.terms, 't', known ? &known->terms : nullptr, node.ids.terms);
  intern(f.figures, 'f', known ? &known->figures : nullptr, node.ids.figures);
  intern(f.lead, 'l', known ? &known->lead : nullptr, node.ids.lead);
  intern(f.events, 'v', known ? &known->events : nullptr, node.ids.events);
  // norm_floor() counts on one posting a token per article: a list with a
  // token twice (facts not made by facts_of) turns the floors off.
  for (const auto* list : {&node.ids.entities, &node.ids.terms, &node.ids.figures})
    if (norm_bounds_ && list->size() > 1) {
      std::vector<std::uint32_t> sorted(*list);
      std::sort(sorted.begin(), sorted.end());
      if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) norm_bounds_ = false;
    }
  if (f.official > 0) {
    if (official_postings_.size() < postings_.size()) official_postings_.resize(postings_.size());
    for (const auto* list : {&node.ids.entities, &node.ids.terms, &node.ids.figures})
      for (auto t : *list) insert_by_day(official_postings_[t], {f.day, n});
  }
}

base::Result<const ArticleFacts*> Clusterer::facts(std::uint32_t n) const {
  const Node& node = nodes_[n];
  if (node.facts) return node.facts.get();
  if (!repo_) return base::fail(base::Error::internal(fmt::format("the facts of {} are not in memory", *node.key)));
  auto f = repo_->placed_facts(*node.key);
  if (!f) return base::fail(f.error());
  duplicates_.restore(n, std::move(f->shingles));
  std::vector<std::uint32_t>().swap(f->shingles);
  node.facts = std::make_unique<ArticleFacts>(std::move(*f));
  ++reloads_;
  keep_until(n, std::max(node.day, newest_));
  return node.facts.get();
}

base::Status Clusterer::restore_set(std::uint32_t n) const {
  if (!nodes_[n].facts) {
    auto f = facts(n);  // puts the set back too
    if (!f) return base::fail(f.error());
    return {};
  }
  if (!repo_) return base::fail(base::Error::internal(fmt::format("the shingles of {} are not in memory", *nodes_[n].key)));
  auto f = repo_->placed_facts(*nodes_[n].key);
  if (!f) return base::fail(f.error());
  duplicates_.restore(n, std::move(f->shingles));
  return {};
}

void Clusterer::keep_until(std::uint32_t n, int day) const {
  if (repo_ && nodes_[n].day >= 0) resident_[day].push_back(n);
}

void Clusterer::evict() {
  if (!repo_) return;
  const int cutoff = newest_ - kBackgroundDays;
  while (!resident_.empty() && resident_.begin()->first < cutoff) {
    auto list = std::move(resident_.begin()->second);
    resident_.erase(resident_.begin());
    for (auto n : list) {
      Node& node = nodes_[n];
      if (!node.facts) continue;
      // A member of a story still growing stays until its story is that old.
      const int last = stories_.at(node.story).last_day;
      if (last >= cutoff) keep_until(n, last);
      else {
        node.facts.reset();
        duplicates_.drop(n);
      }
    }
  }
}

std::string Clusterer::duplicate_key(std::uint32_t n) const {
  if (nodes_[n].duplicate_of != kNoNode) return *nodes_[nodes_[n].duplicate_of].key;
  auto it = gone_originals_.find(n);
  return it == gone_originals_.end() ? std::string() : it->second;
}

std::size_t Clusterer::resident() const {
  return static_cast<std::size_t>(std::count_if(nodes_.begin(), nodes_.end(), [](const Node& n) { return n.facts != nullptr; }));
}

void Clusterer::insert_by_day(std::vector<Posting>& list, Posting p) {
  // Articles mostly arrive in date order: then this appends.
  auto later = [](const Posting& a, const Posting& b) { return a.day < b.day || (a.day == b.day && a.node < b.node); };
  if (list.empty() || !later(p, list.back())) {
    list.push_back(p);
    return;
  }
  list.insert(std::upper_bound(list.begin(), list.end(), p, later), p);
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

std::pair<Clusterer::TokenIds, Clusterer::TokenIds> Clusterer::lookup_pair(const ArticleFacts& a, const ArticleFacts& b) const {
  std::pair<TokenIds, TokenIds> out{lookup(a), lookup(b)};
  // A token neither holds an id for (not in the index) gets one past the
  // index's, the same in both, so that the pair still shares it.
  std::unordered_map<std::string, std::uint32_t> fresh;
  auto name = [&](const std::vector<std::string>& tokens, char kind, std::vector<std::uint32_t>& ids) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (ids[i] != kNoToken) continue;
      auto [it, added] = fresh.try_emplace(std::string(1, kind) + ':' + tokens[i],
                                           static_cast<std::uint32_t>(postings_.size() + fresh.size()));
      ids[i] = it->second;
    }
  };
  for (auto* side : {&out.first, &out.second}) {
    const ArticleFacts& f = side == &out.first ? a : b;
    name(f.entities, 'e', side->entities);
    name(f.terms, 't', side->terms);
    name(f.figures, 'f', side->figures);
    name(f.lead, 'l', side->lead);
    name(f.events, 'v', side->events);
  }
  return out;
}

std::size_t Clusterer::df(std::uint32_t token) const { return token < postings_.size() ? postings_[token].size() : 0; }

double Clusterer::idf_slow(std::uint32_t token) const {
  if (token < postings_.size()) {
    if (tok_.size() < postings_.size()) tok_.resize(postings_.size());
    const auto stamp = static_cast<std::uint32_t>(nodes_.size() + 1);
    TokenState& t = tok_[token];
    if (t.idf_stamp != stamp) {
      const double n = std::max(static_cast<double>(nodes_.size()), kMinCorpus);
      t.idf = std::log((n + 2) / (static_cast<double>(postings_[token].size()) + 1));
      t.idf_stamp = stamp;
    }
    return t.idf;
  }
  const double df = 0;
  // As if the corpus held at least kMinCorpus articles: in a young corpus
  // every token is rare, and a shared one must not weigh less than the
  // rest only because it has been seen once. A token every article has
  // weighs next to nothing, one no other article has the most.
  const double n = std::max(static_cast<double>(nodes_.size()), kMinCorpus);
  return std::log((n + 2) / (df + 1));
}

// A floor under a node's weight per kind (the sum of its tokens' idf
// squared, the Wb of similarity()) that holds while the clusterer holds at
// most kNormSlack more articles than when it was taken. Proof: taken with
// N0 articles (n0 = max(N0, kMinCorpus)) and a token's df0, the articles
// indexed since are at most N - N0 + 1 (the one being placed is counted
// in N before index() files it), each adding at most one posting to a
// token (its lists are distinct: else norm_bounds_ is off), so
// df <= df0 + kNormSlack + 1 while N - N0 <= kNormSlack; and n >= n0. So
// idf = log((n + 2) / (df + 1)) >= log((n0 + 2) / (df0 + kNormSlack + 2)),
// and idf squared is at least that squared when it is positive (else at
// least 0). Summed over the node's tokens: at most Wb. Kept as float, a
// millionth under the double sum. Nothing lowers N or removes a posting
// within a clusterer's life (load() rebuilds the index). The floor is
// taken again when stale, so a node pays a pass over its tokens once per
// kNormSlack placements at most, instead of a similarity() per placement.
const Clusterer::NormFloor& Clusterer::norm_floor(std::uint32_t node) const {
  if (norm_floor_.size() < nodes_.size()) norm_floor_.resize(nodes_.size());
  NormFloor& f = norm_floor_[node];
  const std::size_t now = nodes_.size();
  if (f.until >= now) return f;
  const double n = std::max(static_cast<double>(now), kMinCorpus);
  const TokenIds& ib = nodes_[node].ids;
  int k = 0;
  for (const auto* list : {&ib.terms, &ib.entities, &ib.figures}) {
    double sum = 0;
    for (auto t : *list) {
      const double lo = idf_floor(n, static_cast<double>(df(t)));
      sum += lo * lo;
    }
    f.weight[k++] = static_cast<float>(sum * (1 - 1e-6));
  }
  f.until = static_cast<std::uint32_t>(now + kNormSlack);
  return f;
}

double Clusterer::idf_floor(double n, double df) { return std::max(0.0, std::log((n + 2) / (df + kNormSlack + 2))); }

// The cosine of the two token lists weighted by idf squared. Both lists
// are in the order of their tokens' text and a token's id is its text's, so
// each sum adds its terms in the order a merge of the texts would: `a`'s
// weights in a's order, `b`'s in b's, the common ones in b's (the figures
// do not depend on which ids the index gave). kNoToken shares nothing.
double Clusterer::overlap(const std::vector<std::uint32_t>& ia, const std::vector<std::uint32_t>& ib) const {
  if (ia.empty() || ib.empty()) return 0;
  if (++mark_stamp_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0);
    mark_stamp_ = 1;
  }
  double wa = 0, wb = 0, common = 0;
  for (auto t : ia) {
    const double w = idf(t);
    wa += w * w;
    if (t == kNoToken) continue;
    if (t >= mark_.size()) mark_.resize(std::max<std::size_t>(t + 1, postings_.size()), 0);
    mark_[t] = mark_stamp_;
  }
  for (auto t : ib) {
    const double w = idf(t);
    wb += w * w;
    if (t != kNoToken && t < mark_.size() && mark_[t] == mark_stamp_) common += w * w;
  }
  return wa > 0 && wb > 0 ? common / std::sqrt(wa * wb) : 0;
}

// Whether the two id lists share a token held by few articles so far.
bool Clusterer::rare_common(const std::vector<std::uint32_t>& ia, const std::vector<std::uint32_t>& ib) const {
  const double limit = std::max(kAnchorMinCount, kAnchorShare * static_cast<double>(nodes_.size()));
  for (auto t : ia)
    if (t != kNoToken && static_cast<double>(df(t)) <= limit && std::find(ib.begin(), ib.end(), t) != ib.end()) return true;
  return false;
}

bool Clusterer::shares_anchor(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  if (a.entities.empty() || b.entities.empty()) return true;  // nothing to tell them apart by
  return rare_common(ia.entities, ib.entities) || rare_common(ia.figures, ib.figures);
}

// The probe marks the article's tokens once (its own marks, apart from
// overlap()'s) and sums its weights once per kind, in the order overlap()
// does; similarity(probe, ib) then adds the same terms as similarity(ia, ib).
Clusterer::Probe Clusterer::probe(const TokenIds& ia) const {
  Probe p;
  if (++probe_stamp_ == 0) {
    for (auto& t : tok_) t.probe_mark = 0;
    probe_stamp_ = 1;
  }
  p.stamp = probe_stamp_;
  int k = 0;
  for (const auto* list : {&ia.terms, &ia.entities, &ia.figures}) {
    p.empty[k] = list->empty();
    double wa = 0;
    for (auto t : *list) {
      const double w = idf(t);
      wa += w * w;
      if (t == kNoToken) continue;
      if (t >= tok_.size()) tok_.resize(std::max<std::size_t>(t + 1, postings_.size()));
      tok_[t].probe_mark = probe_stamp_;
    }
    p.weight[k++] = wa;
  }
  return p;
}

double Clusterer::similarity(const Probe& pa, const TokenIds& ib) const {
  double cos[3] = {0, 0, 0};
  int k = 0;
  for (const auto* list : {&ib.terms, &ib.entities, &ib.figures}) {
    if (!pa.empty[k] && !list->empty()) {
      double wb = 0, common = 0;
      for (auto t : *list) {
        const double w = idf(t);
        wb += w * w;
        if (t != kNoToken && t < tok_.size() && tok_[t].probe_mark == pa.stamp) common += w * w;
      }
      cos[k] = pa.weight[k] > 0 && wb > 0 ? common / std::sqrt(pa.weight[k] * wb) : 0;
    }
    ++k;
  }
  return 0.5 * cos[0] + 0.35 * cos[1] + 0.15 * cos[2];
}

double Clusterer::similarity(const TokenIds& ia, const TokenIds& ib) const {
  return 0.5 * overlap(ia.terms, ib.terms) + 0.35 * overlap(ia.entities, ib.entities) + 0.15 * overlap(ia.figures, ib.figures);
}

double Clusterer::similarity(const ArticleFacts& a, const ArticleFacts& b) const {
  const auto [ia, ib] = lookup_pair(a, b);
  return similarity(ia, ib);
}

double Clusterer::lead_overlap(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  const double l = overlap(ia.lead, ib.lead);
  if (a.events.empty() || b.events.empty()) return l;
  return 0.8 * l + 0.2 * overlap(ia.events, ib.events);
}

double Clusterer::lead_overlap(const ArticleFacts& a, const ArticleFacts& b) const {
  const auto [ia, ib] = lookup_pair(a, b);
  return lead_overlap(a, ia, b, ib);
}

bool Clusterer::same_event(const ArticleFacts& a, const ArticleFacts& b) const {
  const auto [ia, ib] = lookup_pair(a, b);
  return same_event(a, ia, b, ib);
}

bool Clusterer::same_event(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const {
  if (a.lead.empty() || b.lead.empty()) return true;  // facts of version 1: nothing to tell by
  // The same event: the leads overlap enough, or they share a figure of the
  // event, as given or rounded, that few articles have.
  if (lead_overlap(a, ia, b, ib) < kLeadScore && !rare_common(ia.figures, ib.figures)) return false;
  // But each lead about someone or something the other article never names
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
  return !(foreign(a, b) && foreign(b, a));
}

int Clusterer::first_day(const StoryState& s) const {
  int d = -1;
  for (auto n : s.members) {
    int x = nodes_[n].day;
    if (x >= 0 && (d < 0 || x < d)) d = x;
  }
  return d;
}

// A token as common as one article in eight (and more than 64) names no
// story and is skipped.
std::vector<std::uint32_t> Clusterer::gather(const TokenIds& ids, int min_shared, const Days& days, double floor,
                                             const std::function<bool(std::uint32_t)>& keep, bool officials) const {
  // Among the official statements every list is walked.
  const std::size_t common = officials ? std::numeric_limits<std::size_t>::max() : std::max<std::size_t>(64, nodes_.size() / 8);
  const auto& lists = officials ? official_postings_ : postings_;
  if (hits_.size() < nodes_.size()) {
    hits_.resize(nodes_.size(), 0);
    shared_.resize(nodes_.size(), {0, 0, 0});
  }
  std::vector<std::uint32_t> touched;
  auto by_day = [](const Posting& p, int day) { return p.day < day; };
  // similarity() weighs terms, entities and figures so; per kind, the
  // weight of this article's tokens (all of them, and those too common to
  // walk), and per node the weight of the tokens walked that it shares.
  // The tokens too common to walk are listed with their weights (a few an
  // article), and hashed into a 256-bit filter for the nodes' scan below.
  static constexpr double kWeight[3] = {0.5, 0.35, 0.15};
  double all[3] = {0, 0, 0}, unwalked[3] = {0, 0, 0};
  unwalked_.clear();
  std::uint64_t filter[4] = {0, 0, 0, 0};
  auto slot = [](std::uint32_t t) { return (t * 0x9E3779B1u) >> 24; };
  int kind = 0;
  for (const auto* list : {&ids.terms, &ids.entities, &ids.figures}) {
    for (auto t : *list) {
      const double w = idf(t);
      all[kind] += w * w;
      if (t >= lists.size()) continue;
      if (postings_[t].size() > common) {
        unwalked[kind] += w * w;
        unwalked_.push_back({t, kind, w * w});
        filter[slot(t) >> 6] |= std::uint64_t{1} << (slot(t) & 63);
        continue;
      }
      const auto weight = static_cast<float>(w * w);
      auto walk = [&](const Posting* from, const Posting* to) {
        for (; from != to; ++from) {
          const std::uint32_t n = from->node;
          if (keep && !keep(n)) continue;
          if (hits_[n]++ == 0) touched.push_back(n);
          shared_[n][static_cast<std::size_t>(kind)] += weight;
        }
      };
      const Posting* begin = lists[t].data();
      const Posting* end = begin + lists[t].size();
      const Posting* dated = std::lower_bound(begin, end, 0, by_day);
      if (days.undated) walk(begin, dated);
      const int first = std::max(0, days.first);
      if (days.last < first) continue;
      walk(std::lower_bound(dated, end, first, by_day),
           days.last == std::numeric_limits<int>::max() ? end : std::lower_bound(dated, end, days.last + 1, by_day));
    }
    ++kind;
  }
  // A bound on the similarity to each node, per kind: the cosine
  // C / sqrt(Wa Wb) of the common weight C, this article's weight Wa and the
  // node's Wb. Wb holds C, and is at least the node's norm floor L (see
  // norm_floor()), so the cosine is at most C / sqrt(Wa max(C, L)), which
  // grows with C: an upper bound on C gives one on the cosine. C is at most
  // what the node shares of the walked tokens plus the unwalked tokens; of
  // those, first all are counted as shared, then (for a node still in)
  // only those it holds. The node goes when the bound, less a margin for
  // the float sums, stays under `floor`: the similarity cannot reach it.
  auto bound = [&](const double (&c)[3], const float* low) {
    double b = 0;
    for (std::size_t k = 0; k < 3; ++k)
      if (all[k] > 0 && c[k] > 0) b += kWeight[k] * std::min(1.0, c[k] / std::sqrt(all[k] * std::max(c[k], low ? double{low[k]} : 0.0)));
    return b;
  };
  const bool norms = norm_bounds_ && !exhaustive_;
  std::vector<std::uint32_t> out;
  for (auto n : touched) {
    if (hits_[n] >= static_cast<std::uint32_t>(min_shared)) {
      double c[3];
      for (std::size_t k = 0; k < 3; ++k) c[k] = static_cast<double>(shared_[n][k]) + unwalked[k];
      bool in = exhaustive_ || bound(c, nullptr) + 1e-3 >= floor;
      const float* low = nullptr;
      if (in && norms) {
        low = norm_floor(n).weight;
        in = bound(c, low) + 1e-3 >= floor;
      }
      if (in && !exhaustive_ && !unwalked_.empty()) {
        for (std::size_t k = 0; k < 3; ++k) c[k] = static_cast<double>(shared_[n][k]);
        const TokenIds& ib = nodes_[n].ids;
        for (const auto* list : {&ib.terms, &ib.entities, &ib.figures})
          for (auto t : *list) {
            if (!(filter[slot(t) >> 6] >> (slot(t) & 63) & 1)) continue;
            for (const auto& u : unwalked_)
              if (u.token == t) {
                c[u.kind] += u.weight;
                break;
              }
          }
        in = bound(c, low) + 1e-3 >= floor;
      }
      if (in) out.push_back(n);
    }
    hits_[n] = 0;
    shared_[n] = {0, 0, 0};
  }
  std::sort(out.begin(), out.end());
  candidates_ += out.size();
  return out;
}

base::Result<Placement> Clusterer::place(ArticleFacts f) {
  if (auto it = by_key_.find(f.key); it != by_key_.end()) {
    const Node& n = nodes_[it->second];
    return Placement{.story = n.story, .already = true, .duplicate_of = duplicate_key(it->second)};
  }
  Placement p;
  std::vector<std::string> history;
  const std::string name = name_of(f);
  const TokenIds ids = lookup(f);
  const auto bands = NearDuplicateIndex::band_keys(f.shingles);
  std::uint32_t original = kNoNode;
  // The sets of candidates not in memory come back (with their facts when
  // those are not either).
  if (!f.shingles.empty())
    for (auto c : duplicates_.candidates(bands))
      if (!duplicates_.holds(c)) ASSAY_TRY_VOID(restore_set(c));
  if (auto hit = duplicates_.find(f.shingles, bands); hit && within(nodes_[hit->id].day, f.day, kWindowDays)) {
    const Node& orig = nodes_[hit->id];
    original = hit->id;
    p.story = orig.story;
    p.duplicate_of = *orig.key;
    p.score = hit->jaccard;
    const ArticleFacts* of = ASSAY_TRY(facts(hit->id));
    history.push_back(fmt::format("{} ({}) joined as a syndicated copy of {} (shingle Jaccard {:.2f})", name, f.outlet,
                                  name_of(*of), hit->jaccard));
  } else {
    // within(): the undated, and the dated within kWindowDays (all when this one is undated).
    auto candidates = gather(ids, 3, f.day < 0 ? Days{} : Days{f.day - kWindowDays, f.day + kWindowDays, true}, kJoinScore);
    std::int64_t best_story = 0;
    double best = 0;
    std::uint32_t best_node = 0;
    // The closest candidate that shares an anchor and tells the same event,
    // at kJoinScore or more (ties: the lowest story). The similarity is the
    // cheapest test, so it goes first: a candidate below kJoinScore or
    // below the best so far cannot be the one, whatever the other tests say.
    const Probe pa = probe(ids);
    for (auto n : candidates) {
      const Node& c = nodes_[n];
      const double s = similarity(pa, c.ids);
      if (s < kJoinScore || !(s > best || (s == best && best_story != 0 && c.story < best_story))) continue;
      const ArticleFacts* cf = ASSAY_TRY(facts(n));
      if (!shares_anchor(f, ids, *cf, c.ids) || !same_event(f, ids, *cf, c.ids)) continue;
      best = s;
      best_story = c.story;
      best_node = n;
    }
    if (best_story != 0 && best >= kJoinScore) {
      p.story = best_story;
      p.score = best;
      const ArticleFacts* bf = ASSAY_TRY(facts(best_node));
      history.push_back(fmt::format("{} ({}) joined, closest to {} (similarity {:.2f})", name, f.outlet, name_of(*bf), best));
    } else {
      p.story = next_story_++;
      p.new_story = true;
      p.score = 1;
      history.push_back(fmt::format("{} ({}) started the story", name, f.outlet));
    }
  }
  // The story as it stood (as last saved): the origin it had, and what the
  // save need not write again.
  std::optional<Story> before;
  if (!p.new_story) before = ASSAY_TRY(build_story(p.story));
  const auto node = static_cast<std::uint32_t>(nodes_.size());
  auto [at, added] = by_key_.emplace(f.key, node);
  const int day = f.day;
  const bool official = f.official > 0;
  nodes_.push_back({std::make_unique<ArticleFacts>(std::move(f)), &at->first, day, official, original, p.story, p.score, {}});
  auto& st = stories_[p.story];
  st.members.push_back(node);
  st.last_day = std::max(st.last_day, day);
  keep_until(node, day);
  const ArticleFacts& placed = *nodes_[node].facts;
  Story built = ASSAY_TRY(build_story(p.story));
  for (const auto& m : built.members)
    if (m.key == placed.key)
      history.back() += fmt::format(": {}", role_name(m.role));
  if (!p.new_story && built.origin_key != before->origin_key) {
    std::string origin = "not in the store";
    if (!built.origin_key.empty()) origin = name_of(*ASSAY_TRY(facts(by_key_.at(built.origin_key))));
    history.push_back(fmt::format("the origin is now {} ({}): {}", built.origin_outlet, origin, built.origin_why));
  }
  std::vector<std::pair<std::int64_t, std::uint32_t>> linked;
  auto changed = ASSAY_TRY(link_background(node, ids, history, linked));
  duplicates_.add(node, placed.shingles, bands);
  index(node, &ids);
  base::Status saved;
  if (repo_) {
    std::vector<StoryChange> stories;
    // Built again only when a background link changed it.
    if (std::find(changed.begin(), changed.end(), p.story) == changed.end()) stories.push_back(change_of(before ? &*before : nullptr, std::move(built)));
    else stories.push_back(change_of(before ? &*before : nullptr, ASSAY_TRY(build_story(p.story))));
    for (auto id : changed) {
      if (id == p.story) continue;
      // Another story gained a background statement (this one): its
      // members and entities are as they were.
      StoryChange c{.story = ASSAY_TRY(build_story(id))};
      if (stories_.at(id).saved) {
        c.whole = false;
        for (std::size_t i = 0; i < c.story.background.size(); ++i)
          for (const auto& [story, statement] : linked)
            if (story == id && c.story.background[i].key == *nodes_[statement].key) c.background.push_back(static_cast<std::uint32_t>(i));
      }
      stories.push_back(std::move(c));
    }
    saved = repo_->save(placed, bands, p, stories, history);
    if (saved)
      for (const auto& c : stories) stories_.at(c.story.id).saved = true;
  }
  // From here on the near-duplicate index holds the shingles (once).
  std::vector<std::uint32_t>().swap(nodes_[node].facts->shingles);
  ASSAY_TRY_VOID(std::move(saved));
  if (day > newest_) {
    newest_ = day;
    evict();
  }
  return p;
}

StoryChange Clusterer::change_of(const Story* before, Story now) const {
  StoryChange c;
  if (!before || !stories_.at(now.id).saved) {
    c.story = std::move(now);
    return c;
  }
  c.whole = false;
  // Members only join (at the end): one at the same place with the same key
  // is written again only when its role or fidelity moved.
  for (std::size_t i = 0; i < now.members.size(); ++i) {
    if (i >= before->members.size()) {
      c.members.push_back(static_cast<std::uint32_t>(i));
      continue;
    }
    const StoryMember& a = before->members[i];
    const StoryMember& b = now.members[i];
    if (a.key != b.key) {  // not only joined: write it all (cannot happen within one clusterer's life)
      c = StoryChange{};
      c.story = std::move(now);
      return c;
    }
    if (a.role != b.role || a.fidelity != b.fidelity) c.members.push_back(static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < now.background.size(); ++i) {
    const auto& key = now.background[i].key;
    if (std::none_of(before->background.begin(), before->background.end(), [&](const BackgroundItem& x) { return x.key == key; }))
      c.background.push_back(static_cast<std::uint32_t>(i));
  }
  c.entities = now.entities != before->entities;
  c.story = std::move(now);
  return c;
}

base::Result<std::vector<std::int64_t>> Clusterer::link_background(std::uint32_t node, const TokenIds& ids,
                                                                    std::vector<std::string>& history,
                                                                    std::vector<std::pair<std::int64_t, std::uint32_t>>& linked) {
  std::vector<std::int64_t> changed;
  const Node& a = nodes_[node];
  auto link = [&](std::int64_t story, std::uint32_t statement, double score) -> base::Status {
    StoryState& st = stories_[story];
    if (std::find(st.background.begin(), st.background.end(), statement) != st.background.end()) return {};
    if (std::find(st.members.begin(), st.members.end(), statement) != st.members.end()) return {};
    st.background.push_back(statement);
    st.background_score[statement] = score;
    linked.emplace_back(story, statement);
    const ArticleFacts& s = *ASSAY_TRY(facts(statement));
    history.push_back(fmt::format("background linked to story {}: {} ({}, {}), an on-record statement (similarity {:.2f})", story,
                                  name_of(s), s.outlet, s.published, score));
    changed.push_back(story);
    return {};
  };
  // Earlier official statements for this article's story: those published
  // kWindowDays + 1 to kBackgroundDays days before its first member, linked
  // in the order they were placed.
  // One that shares no entity, term or figure has similarity 0, so only
  // the statements sharing one are scored (gather over the statements' own
  // postings, every list walked, those that cannot reach
  // kBackgroundScore left out).
  const int first = first_day(stories_[a.story]);
  if (first >= 0) {
    auto statements = gather(ids, 1, Days{first - kBackgroundDays, first - kWindowDays - 1, false}, kBackgroundScore,
                             [&](std::uint32_t n) { return nodes_[n].story != a.story; }, true);
    const Probe pa = probe(ids);
    for (auto o : statements) {
      const double score = similarity(pa, nodes_[o].ids);
      if (score >= kBackgroundScore) ASSAY_TRY_VOID(link(a.story, o, score));
    }
  }
  // This article, when it is an official statement, for later stories.
  if (a.official && a.day >= 0) {
    std::map<std::int64_t, double> best;
    auto candidates = gather(ids, 3, Days{a.day + kWindowDays + 1, a.day + kBackgroundDays, false}, kBackgroundScore,
                             [&](std::uint32_t n) { return nodes_[n].story != a.story; });
    const Probe pa = probe(ids);
    for (auto n : candidates) {
      double s = similarity(pa, nodes_[n].ids);
      auto& b = best[nodes_[n].story];
      b = std::max(b, s);
    }
    for (auto [story, score] : best) {
      int fd = first_day(stories_[story]);
      if (score >= kBackgroundScore && fd - a.day > kWindowDays && fd - a.day <= kBackgroundDays) ASSAY_TRY_VOID(link(story, node, score));
    }
  }
  return changed;
}

namespace {

constexpr std::size_t kNode = 2 * sizeof(void*);  // a hash-table node's next pointer and cached hash

std::size_t heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

std::size_t heap(const std::vector<std::string>& v) {
  std::size_t b = v.capacity() * sizeof(std::string);
  for (const auto& s : v) b += heap(s);
  return b;
}

template <typename T>
std::size_t heap(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

Clusterer::Footprint Clusterer::footprint() const {
  Footprint fp;
  fp.facts = nodes_.capacity() * sizeof(Node);
  for (const auto& [day, list] : resident_) fp.facts += 4 * sizeof(void*) + sizeof(day) + sizeof(list) + heap(list);
  for (const Node& n : nodes_) {
    if (n.facts) {
      const ArticleFacts& f = *n.facts;
      fp.facts += sizeof(ArticleFacts);
      for (const auto* s : {&f.key, &f.id, &f.outlet, &f.published, &f.title, &f.credit}) fp.facts += heap(*s);
      for (const auto* v : {&f.entities, &f.terms, &f.figures, &f.lead, &f.events, &f.actors, &f.media, &f.speakers, &f.names})
        fp.facts += heap(*v);
      fp.shingles += heap(f.shingles);
    }
    for (const auto* v : {&n.ids.entities, &n.ids.terms, &n.ids.figures, &n.ids.lead, &n.ids.events}) fp.token_ids += heap(*v);
  }
  fp.postings = heap(postings_) + heap(tok_) + heap(hits_) + heap(shared_) + heap(official_postings_) + heap(norm_floor_) + heap(unwalked_);
  for (const auto& p : official_postings_) fp.postings += heap(p);
  for (const auto& p : postings_) fp.postings += heap(p);
  fp.tokens = token_ids_.bucket_count() * sizeof(void*);
  for (const auto& [t, id] : token_ids_) fp.tokens += sizeof(t) + sizeof(id) + kNode + heap(t);
  fp.duplicates = duplicates_.bytes();
  fp.keys = by_key_.bucket_count() * sizeof(void*) + gone_originals_.size() * (4 * sizeof(void*) + 40);
  for (const auto& [k, n] : by_key_) fp.keys += sizeof(k) + sizeof(n) + kNode + heap(k);
  for (const auto& [id, st] : stories_)
    fp.stories += 4 * sizeof(void*) + sizeof(id) + sizeof(st) + heap(st.members) + heap(st.background) +
                  st.background_score.size() * (4 * sizeof(void*) + 16);
  return fp;
}

base::Result<std::optional<Story>> Clusterer::story(std::int64_t id) const {
  if (!stories_.contains(id)) return std::optional<Story>();
  return std::optional<Story>(ASSAY_TRY(build_story(id)));
}

base::Result<Story> Clusterer::build_story(std::int64_t id) const {
  const StoryState& st = stories_.at(id);
  Story s;
  s.id = id;
  std::vector<const ArticleFacts*> facts;
  for (auto n : st.members) facts.push_back(ASSAY_TRY(this->facts(n)));
  StoryRoles roles = assign_roles(facts);
  s.origin_outlet = roles.origin_outlet;
  s.origin_why = roles.origin_why;
  if (roles.origin >= 0) s.origin_key = facts[static_cast<std::size_t>(roles.origin)]->key;
  std::map<std::string, int> entity_count;
  for (std::size_t i = 0; i < st.members.size(); ++i) {
    const Node& n = nodes_[st.members[i]];
    const auto& f = *facts[i];
    StoryMember m{.key = f.key, .id = f.id, .outlet = f.outlet, .published = f.published, .title = f.title,
                  .role = roles.members[i].role, .fidelity = roles.members[i].fidelity ? roles.members[i].fidelity->score : -1,
                  .duplicate_of = duplicate_key(st.members[i]), .score = n.score};
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
    const auto& f = *ASSAY_TRY(this->facts(b));
    s.background.push_back({f.key, f.id, f.outlet, f.published, f.title, st.background_score.at(b)});
  }
  std::sort(s.background.begin(), s.background.end(), [](const auto& x, const auto& y) {
    return x.published != y.published ? x.published < y.published : x.key < y.key;
  });
  return s;
}

}  // namespace assay::corpus
