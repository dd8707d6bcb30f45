// corpus/cluster: incremental story clustering (issue 15, item 3). Each
// article is placed once, as it arrives: a syndicated copy joins its
// original's story (near_dup.h); another article joins the story whose
// members, published within kWindowDays of it, share the most of its
// entities, content words and figures (weighted by how rare each is in the
// corpus so far), when that similarity reaches kJoinScore and they share a
// rare entity or figure (kAnchorShare); else it starts a story. Nothing placed is ever moved. An on-record official statement
// (an official confirmation) published kWindowDays to kBackgroundDays
// before a story and similar to it is linked as that story's background:
// not a member, but the story critique shows it.
//
// corpus stays pure: it declares what it persists through (StoryRepository,
// implemented by store) and keeps the candidate index (LSH bands, postings
// of entities, terms and figures) in memory, rebuilt from the placed
// articles' facts when a Clusterer is loaded. A Clusterer loaded from a
// repository keeps in memory only the facts (strings) of the articles
// published within kBackgroundDays of the newest and of the members of
// stories with a member that recent; an older article's facts are read back
// from the repository (placed_facts) when its story changes or a placement
// needs them, and dropped again once they are that old. What it keeps for
// every article is its token ids, day, story and near-duplicate band keys:
// a load reads the keys as stored (each_placed_keys) and makes no shingle
// set; an article's set is in memory from its placement until its facts
// leave, or once read back for the exact check of a candidate copy.
//
//   auto repo = ...;                                   // store::Store::stories()
//   auto clusterer = corpus::Clusterer::load(*repo);   // Result<Clusterer>
//   auto placed = clusterer->place(corpus::facts_of(analysis, key));   // Result<Placement>, saved through repo
//   fmt::print("story {} ({})\n", placed->story, placed->new_story ? "new" : "joined");
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "assay/base/error.h"
#include "assay/corpus/facts.h"
#include "assay/corpus/near_dup.h"
#include "assay/corpus/roles.h"

namespace assay::corpus {

inline constexpr int kWindowDays = 21;       // members within three weeks of each other
inline constexpr int kBackgroundDays = 120;  // how far back an official statement can be background
inline constexpr double kJoinScore = 0.38;   // similarity to a member to join its story
inline constexpr double kBackgroundScore = 0.3;
inline constexpr double kLeadScore = 0.3;  // lead overlap that tells the same event
// An article joins a story only through a member with which it shares an
// anchor: an entity or a figure that few articles have so far (at most
// kAnchorMinCount, or kAnchorShare of them): a company, a plant, a
// tonnage; not "China".
inline constexpr double kAnchorShare = 0.2;
inline constexpr double kMinCorpus = 50;  // idf as if the corpus held at least this many articles
inline constexpr double kAnchorMinCount = 8;

struct StoryMember {
  std::string key, id, outlet, published, title;
  Role role = Role::kEcho;
  int fidelity = -1;              // 0-100; -1 for the origin
  std::string duplicate_of;       // the key of the member it is a syndicated copy of, or empty
  double score = 0;               // the similarity it joined with (Jaccard for a copy; 1 for the first member)
  std::int64_t joined_at = 0;     // the store's clock when it joined
};

struct BackgroundItem {
  std::string key, id, outlet, published, title;
  double score = 0;
};

struct Story {
  std::int64_t id = 0;
  std::string title;            // the origin's title (else the first member's)
  std::string first_published;  // the earliest member's date
  std::string origin_outlet;
  std::string origin_key;       // empty when the origin outlet's piece is not in the story
  std::string origin_why;
  std::vector<StoryMember> members;        // in the order they joined
  std::vector<BackgroundItem> background;  // by date
  std::vector<std::string> entities;       // the entities most members name (for --entity and the listing)
  std::int64_t updated_at = 0;
};

struct HistoryEntry {
  std::int64_t story = 0;
  std::int64_t at = 0;   // the store's clock
  std::string what;      // "dev-026 joined as echo (similarity 0.52)"
};

struct Placement {
  std::int64_t story = 0;
  bool new_story = false;
  bool already = false;        // the article was placed before: nothing changed
  std::string duplicate_of;    // key, when a syndicated copy
  double score = 0;
};

struct StoryQuery {
  std::string since;   // stories with a member published on or after (YYYY-MM-DD or a prefix)
  std::string entity;  // stories whose entities include this name or kb id (ASCII case ignored)
};

// A story a placement changed, and what of it differs from what was saved
// of it before, so that save() writes that and not the whole story again
// (a story of n members joined n times would be n^2/2 member rows). The
// clusterer knows the difference once it has saved the story itself; a
// story it loaded, or a new one, is written whole.
struct StoryChange {
  Story story;                           // as it stands now
  bool whole = true;                     // every member, background item and entity (and the members' order anew)
  std::vector<std::uint32_t> members;    // else: those that joined or whose role or fidelity changed (index in story.members)
  std::vector<std::uint32_t> background; // else: those linked since (index in story.background)
  bool entities = false;                 // else: whether the story's entities changed
};

// Where stories persist. save() is one transaction: the placed article's
// facts, the stories it changed (the parts of each that changed, or the
// whole story: StoryChange), and what happened, in words.
class StoryRepository {
 public:
  virtual ~StoryRepository() = default;
  // Every placed article's facts with its story, in the order placed.
  using PlacedFn = std::function<void(ArticleFacts&&, std::int64_t story, const std::string& duplicate_of)>;
  virtual base::Status each_placed(const PlacedFn& fn) = 0;
  // The same without the shingle sets: each placed article's facts (no
  // shingles) with the LSH band keys of its set (none for an empty set),
  // what Clusterer::load files in the near-duplicate index. A set is read
  // back (placed_facts) only for the exact check of a candidate copy.
  using PlacedKeysFn = std::function<void(ArticleFacts&&, const std::optional<NearDuplicateIndex::BandKeys>& bands, std::int64_t story,
                                          const std::string& duplicate_of)>;
  virtual base::Status each_placed_keys(const PlacedKeysFn& fn) = 0;
  // The facts of one placed article, by key, with its shingles; an error
  // when no article is placed under `key`.
  virtual base::Result<ArticleFacts> placed_facts(const std::string& key) = 0;
  // `bands`: the band keys of placed.shingles (NearDuplicateIndex::band_keys).
  virtual base::Status save(const ArticleFacts& placed, const NearDuplicateIndex::BandKeys& bands, const Placement& placement,
                            std::span<const StoryChange> changed, std::span<const std::string> history) = 0;
  // Replaces the stored facts of a placed article (its analysis was redone);
  // nothing when it was never placed. Its story is not changed.
  virtual base::Status update_facts(const ArticleFacts& facts) = 0;
  // Stories by first publication, then id.
  virtual base::Result<std::vector<Story>> stories(const StoryQuery& q) = 0;
  virtual base::Result<std::optional<Story>> story(std::int64_t id) = 0;
  virtual base::Result<std::vector<HistoryEntry>> history(std::int64_t story) = 0;
  // Runs `fn` in one transaction (the saves inside it commit together, or
  // none does when it fails).
  virtual base::Status transaction(const std::function<base::Status()>& fn) = 0;
};

class Clusterer {
 public:
  // An empty clusterer that saves nowhere (tests, eval).
  Clusterer() = default;
  Clusterer(Clusterer&&) = default;
  Clusterer& operator=(Clusterer&&) = default;
  Clusterer(const Clusterer&) = delete;  // nodes point at by_key_'s keys
  Clusterer& operator=(const Clusterer&) = delete;
  // The clusterer over what `repo` holds; place() saves through it.
  static base::Result<Clusterer> load(StoryRepository& repo);

  // Places one article and saves the outcome (when loaded from a repository).
  base::Result<Placement> place(ArticleFacts facts);

  // The story as it stands (members' roles assigned), or none; an error
  // when the facts of a member no longer in memory cannot be read back.
  base::Result<std::optional<Story>> story(std::int64_t id) const;
  std::size_t articles() const { return nodes_.size(); }
  // For tests: gather() keeps every candidate that shares enough tokens,
  // bounding no similarity (the decisions must be the same either way).
  void set_exhaustive(bool on) { exhaustive_ = on; }
  // How many articles a norm floor stays valid for, and the floor under a
  // token's idf it takes: held by the idf of a token of document frequency
  // at most df + kNormSlack + 1 in a corpus of n articles or more.
  static constexpr std::size_t kNormSlack = 64;
  static double idf_floor(double n, double df);
  std::size_t story_count() const { return stories_.size(); }
  // How many articles' facts are in memory (all when not loaded from a
  // repository), and how many were read back from it so far.
  std::size_t resident() const;
  std::size_t reloads() const { return reloads_; }
  // How many candidates the placements so far scored (gathered and not
  // dropped by the bound on their similarity).
  std::size_t candidates() const { return candidates_; }

  // The heap bytes of the index, counted by part (strings and vectors by
  // capacity, hash-table nodes and buckets; not the allocator's overhead).
  struct Footprint {
    std::size_t facts = 0;       // the nodes, and the facts in memory (strings and lists) but their shingles
    std::size_t shingles = 0;    // shingle sets left with the facts (the near-duplicate index holds them)
    std::size_t token_ids = 0;   // each node's token ids
    std::size_t postings = 0;    // the posting lists and the idf cache
    std::size_t tokens = 0;      // the token table (text to id)
    std::size_t duplicates = 0;  // the near-duplicate index (band table, shingle sets)
    std::size_t keys = 0;        // content key to node
    std::size_t stories = 0;     // the stories' member lists
    std::size_t total() const { return facts + shingles + token_ids + postings + tokens + duplicates + keys + stories; }
  };
  Footprint footprint() const;

  // Similarity of two placed articles (0-1), for tests and tuning.
  double similarity(const ArticleFacts& a, const ArticleFacts& b) const;
  // How far two articles' leads tell the same event (0-1: idf-weighted
  // overlap of lead words and event types), and whether they tell one
  // (that overlap reaches kLeadScore, or they share a rare figure).
  double lead_overlap(const ArticleFacts& a, const ArticleFacts& b) const;
  bool same_event(const ArticleFacts& a, const ArticleFacts& b) const;

 private:
  // The ids of an article's entities, terms and figures, and of its lead's
  // words and event types (parallel to the facts' sorted vectors; kNoToken
  // for one the index has not seen). Candidates are gathered by the first
  // three only; the lead's ids weigh same_event().
  struct TokenIds {
    std::vector<std::uint32_t> entities, terms, figures, lead, events;
  };
  static constexpr std::uint32_t kNoToken = 0xffffffffu;
  static constexpr std::uint32_t kNoNode = 0xffffffffu;
  struct Node {
    // Null when not in memory (read back through facts()).
    mutable std::unique_ptr<ArticleFacts> facts;
    const std::string* key = nullptr;  // by_key_'s
    int day = -1;
    bool official = false;
    std::uint32_t duplicate_of = kNoNode;  // the node it is a syndicated copy of
    std::int64_t story = 0;
    double score = 0;
    TokenIds ids;  // set when indexed
  };
  // A node's facts, read back from the repository when not in memory (and
  // kept until evict() drops them again), its shingle set put back in the
  // near-duplicate index.
  base::Result<const ArticleFacts*> facts(std::uint32_t node) const;
  // A node's shingle set back in the near-duplicate index (the exact check
  // of a candidate copy needs it): with its facts when they are not in
  // memory (facts()), else read back alone.
  base::Status restore_set(std::uint32_t node) const;
  // Drops the facts (and the near-duplicate index's shingle sets) of the
  // articles published more than kBackgroundDays before the newest, but
  // for members of a story with a member that recent. Only when loaded
  // from a repository.
  void evict();
  // The key of the article a node is a syndicated copy of, or empty.
  std::string duplicate_key(std::uint32_t node) const;
  // Files a node's facts as in memory until `day` is that old.
  void keep_until(std::uint32_t node, int day) const;
  struct StoryState {
    int last_day = -1;                      // the latest member's day
    std::vector<std::uint32_t> members;     // node indices, in joining order
    std::vector<std::uint32_t> background;  // node indices
    std::map<std::uint32_t, double> background_score;
    // Saved by this clusterer since its load: what the repository holds of
    // it is what build_story() gave before the placement at hand, so a save
    // can write the difference (StoryChange).
    bool saved = false;
  };
  // What of `now` differs from `before` (the story as last saved), for save().
  StoryChange change_of(const Story* before, Story now) const;

  // Files a node in the candidate index (the near-duplicate index is the
  // caller's); `known`: its ids as lookup() gave them just before (the
  // facts unchanged since).
  void index(std::uint32_t node, const TokenIds* known = nullptr);
  TokenIds lookup(const ArticleFacts& f) const;
  // The ids of two articles, where a token the index has not seen gets an
  // id past the index's (the same in both): for comparing two articles
  // that need not be placed.
  std::pair<TokenIds, TokenIds> lookup_pair(const ArticleFacts& a, const ArticleFacts& b) const;
  std::size_t df(std::uint32_t token) const;  // 0 for a token the index has not seen
  // Inline: similarity() asks for it once per token of every candidate.
  double idf(std::uint32_t token) const {
    if (token < tok_.size() && tok_[token].idf_stamp == static_cast<std::uint32_t>(nodes_.size() + 1)) return tok_[token].idf;
    return idf_slow(token);
  }
  double idf_slow(std::uint32_t token) const;
  // Each compares by token id only (the facts' strings are not read).
  double similarity(const TokenIds& ia, const TokenIds& ib) const;
  // One article's side of similarity(), made once for many comparisons.
  struct Probe {
    std::uint32_t stamp = 0;
    double weight[3] = {0, 0, 0};  // terms, entities, figures
    bool empty[3] = {true, true, true};
  };
  Probe probe(const TokenIds& ia) const;
  double similarity(const Probe& pa, const TokenIds& ib) const;
  double overlap(const std::vector<std::uint32_t>& ia, const std::vector<std::uint32_t>& ib) const;
  bool rare_common(const std::vector<std::uint32_t>& ia, const std::vector<std::uint32_t>& ib) const;
  bool shares_anchor(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const;
  double lead_overlap(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const;
  bool same_event(const ArticleFacts& a, const TokenIds& ia, const ArticleFacts& b, const TokenIds& ib) const;
  // The days a gather walks: published from `first` to `last` (inclusive),
  // and the undated ones when `undated`.
  struct Days {
    int first = std::numeric_limits<int>::min(), last = std::numeric_limits<int>::max();
    bool undated = true;
  };
  // The nodes sharing at least `min_shared` tokens with `ids` among those
  // published within `days` that `keep` accepts (all when it is empty),
  // less those whose similarity() to `ids` cannot reach `floor`, sorted.
  // Only the part of each posting list within `days` is walked, so the
  // cost follows how many articles a window of days holds, not the store's
  // size.
  // With `officials`, among the official statements only, walking every
  // list however common its token.
  std::vector<std::uint32_t> gather(const TokenIds& ids, int min_shared, const Days& days, double floor,
                                    const std::function<bool(std::uint32_t)>& keep = {}, bool officials = false) const;
  // A floor under each kind's weight of a node (terms, entities, figures),
  // valid while the clusterer holds at most `until` articles.
  struct NormFloor {
    float weight[3] = {0, 0, 0};
    std::uint32_t until = 0;
  };
  const NormFloor& norm_floor(std::uint32_t node) const;
  int first_day(const StoryState& s) const;
  base::Result<Story> build_story(std::int64_t id) const;
  // Links background both ways around the node just placed; returns the stories changed.
  // `linked` receives each link made: the story and the statement's node.
  base::Result<std::vector<std::int64_t>> link_background(std::uint32_t node, const TokenIds& ids, std::vector<std::string>& history,
                                                          std::vector<std::pair<std::int64_t, std::uint32_t>>& linked);

  StoryRepository* repo_ = nullptr;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, std::uint32_t> by_key_;
  mutable NearDuplicateIndex duplicates_;  // restore_set() gives back the sets a load never made and evict() drops
  // The candidate index: each token ("e:"/"t:"/"f:" + entity, term or
  // figure; "l:"/"v:" + lead word or event type) an id, each id the nodes
  // that have it.
  std::unordered_map<std::string, std::uint32_t> token_ids_;
  // A posting: a node and its day (-1 undated). Each list is ordered by day
  // (undated first), then by node: a window of days is found by binary
  // search.
  struct Posting {
    std::int32_t day;
    std::uint32_t node;
  };
  static void insert_by_day(std::vector<Posting>& list, Posting p);
  std::vector<std::vector<Posting>> postings_;
  mutable std::vector<std::uint32_t> hits_;  // gather's counts per node (zero between calls)
  mutable std::vector<std::array<float, 3>> shared_;  // gather's shared weight per node: terms, entities, figures
  struct Unwalked {
    std::uint32_t token;
    int kind;
    double weight;
  };
  mutable std::vector<Unwalked> unwalked_;    // gather's tokens too common to walk
  mutable std::vector<NormFloor> norm_floor_;  // by node, taken when first needed
  bool norm_bounds_ = true;                    // off once an article's list holds a token twice
  bool exhaustive_ = false;
  mutable std::string key_;                  // lookup's buffer
  mutable std::vector<std::uint32_t> mark_;  // overlap's: the tokens of one side, by stamp
  mutable std::uint32_t mark_stamp_ = 0;
  // Per token id, what a comparison reads of it, side by side so that a
  // candidate's token costs one memory access: idf() as of a corpus size
  // (idf_stamp: articles + 1, 0 when unknown), so that one placement
  // computes each token's logarithm once; and probe()'s mark.
  struct TokenState {
    double idf = 0;
    std::uint32_t idf_stamp = 0;
    std::uint32_t probe_mark = 0;
  };
  mutable std::vector<TokenState> tok_;
  mutable std::uint32_t probe_stamp_ = 0;
  std::map<std::int64_t, StoryState> stories_;
  // The postings of the nodes with an official confirmation (background
  // candidates) alone, by token id.
  std::vector<std::vector<Posting>> official_postings_;
  std::int64_t next_story_ = 1;
  // The dated nodes whose facts are in memory, by the day until which they
  // stay (their own, or their story's latest member's); the newest day placed.
  mutable std::map<int, std::vector<std::uint32_t>> resident_;
  int newest_ = -1;
  mutable std::size_t reloads_ = 0;
  mutable std::size_t candidates_ = 0;
  // The key a syndicated copy was placed as a copy of, when that original
  // is no longer placed (its document was deleted).
  std::map<std::uint32_t, std::string> gone_originals_;
};

}  // namespace assay::corpus
