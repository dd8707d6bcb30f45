#include "assay/supply/solver.h"

#include <fmt/core.h>
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "assay/base/enum_names.h"

namespace assay::supply {

namespace {
constexpr auto kObjectiveNames = base::enum_names<Objective>({
    {Objective::kMagnets, "magnets"},
    {Objective::kMagnetsExChina, "magnets_ex_china"},
    {Objective::kMagnets, "magnet"},
    {Objective::kMagnetsExChina, "magnet_ex_china"},
});
}  // namespace

const char* objective_name(Objective o) { return kObjectiveNames.name(o); }

std::optional<Objective> parse_objective(std::string_view s) { return kObjectiveNames.parse(s); }

namespace {

constexpr int kLevels = 2;  // mixed REO: mined; concentrated or cracked

enum class CapKind { kNone, kRow, kCol, kSegments };
// Magnet output is split into segments of equal size with falling rewards,
// so that when metal is short every plant runs at a similar utilisation
// instead of an arbitrary plant taking it all (the LP would be degenerate).
constexpr int kSegments = 4;

struct Term {
  int col;
  double coef;
};

// A commodity: mixed(k, level) or oxide(m) or metal(m).
struct Commodity {
  enum Kind { kMixed, kOxide, kMetal } kind;
  int index;  // deposit or magnet element
  int level;  // mixed only
  bool operator<(const Commodity& o) const {
    return std::tie(kind, index, level) < std::tie(o.kind, o.index, o.level);
  }
};

int stage_level(Stage s) {
  switch (s) {
    case Stage::kMining: return 0;
    case Stage::kConcentration: return 1;
    case Stage::kCrackingLeaching: return 1;
    default: return -1;
  }
}


}  // namespace

struct FlowModel::Impl {
  glp_prob* lp = nullptr;
  bool has_basis = false;
  std::vector<CapKind> cap_kind;
  std::vector<int> cap_index;
  std::vector<double> cap_scale;  // solver bound = available * cap_scale
  std::vector<std::vector<Term>> throughput;                                  // per node
  std::vector<std::array<std::vector<Term>, kElements>> element_out;          // per node, per element
  std::vector<std::vector<Term>> cap_terms;                                   // capacity row terms (for reporting)
  std::vector<double> cap_basis_avg;  // basis per capacity unit, averaged (no-flow fallback)
  struct Arc {
    int col;
    int from, to;  // node or -1 (market)
    std::string from_country, to_country;
    std::string commodity;
    double scale;  // tonnes per unit of the column
  };
  std::vector<Arc> arcs;
  std::vector<std::pair<int, int>> element_market_rows;  // (row, magnet element) for oxide markets
  std::vector<double> col_prim;
  std::vector<int> saved_rows, saved_cols;
  struct Thrift {
    int col, m;
    bool ex_china;
  };
  std::vector<Thrift> thrift;  // thrifting columns (t metal saved)

  ~Impl() {
    if (lp) glp_delete_prob(lp);
  }
};

FlowModel::FlowModel(const Network& net, SolveOptions options)
    : net_(net), options_(options), impl_(std::make_unique<Impl>()) {}

FlowModel::~FlowModel() = default;

int FlowModel::rows() const { return glp_get_num_rows(impl_->lp); }
int FlowModel::columns() const { return glp_get_num_cols(impl_->lp); }

// The steps of FlowModel::build, over what they share: the LP being filled
// (columns, rows and the objective), what each mixed node carries, and the
// receipts, dispatches and markets of every node. Each step adds its columns
// and rows in the order build calls it; the order is the LP's.
class FlowModel::Builder {
 public:
  Builder(const Network& net, const SolveOptions& options, Impl& im);

  // Deposits each mixed node may carry (mines: their own; others: from feeds
  // or, when pool-fed, anything mined at a lower level anywhere).
  base::Status carry_deposits();
  void add_feed_arcs();
  void add_pool_arcs();
  void add_market_sales();
  void add_trade();
  // Node columns and rows, one node at a time by stage.
  void add_nodes();
  void add_market_balances();
  void add_export_shares();
  // Hands the objective and the matrix to the LP.
  void load_matrix();

 private:
  // Per node receipts and dispatches.
  struct SepEntry {
    int col;
    int k;
    ElementSet mask;                     // elements this line separates from the entry
    ElementSet feed = ElementSet::all();  // elements the entry carries (mass basis)
  };
  struct MarketKey {
    Commodity c;
    std::string country;
    bool operator<(const MarketKey& o) const { return std::tie(c, country) < std::tie(o.c, o.country); }
  };

  int add_col(double cost, int type = GLP_LO, double ub = 0);
  int add_row(int type, double lb, double ub, const std::vector<Term>& terms);
  double ndpr(int k) const { return D[static_cast<std::size_t>(k)].share[2] + D[static_cast<std::size_t>(k)].share[3]; }
  double heavy_share(int k, ElementSet mask) const;
  double mask_share(int k, ElementSet mask) const;
  bool excluded(int i) const;
  // Element content of a commodity, for export controls.
  bool controlled(const Commodity& c, const ExportControl& x, Stage stage) const;
  static Stage commodity_stage(const Commodity& c);
  std::string commodity_name(const Commodity& c) const;
  // allowed share of a flow of `c` from country o to d (1 = free, 0 = banned)
  double allowed(const Commodity& c, const std::string& o, const std::string& d) const;
  std::vector<Commodity> node_outputs(int i) const;
  // What node i takes: from a stated feed, any mixed REO; from the market,
  // concentrators and crackers take mined REO only (no loops through markets).
  bool accepts(int i, const Commodity& c, bool from_market) const;
  double ex_pref(const Node& n, double per_t) const { return prefer_ex && !is_china(n.country) ? per_t : 0.0; }
  // compact: when node i sells commodity c only to its country's market (no
  // stated feed takes it), the market row counts what i makes of c (`made`)
  // in place of the dispatch column, and i needs no balance row for c
  // (mines, concentrators and crackers per deposit, separation lines and
  // recyclers per oxide, metal plants per metal).
  // Not where an export share is computed from that dispatch column.
  bool fold_into_market(int i, const Commodity& c, const std::vector<Term>& made);

  void add_mine(int i);
  void add_concentrator(int i);
  void add_separation(int i);
  void add_metal_plant(int i);
  void add_magnet_plant(int i);
  void add_recycler(int i);

  const Network& net;
  const SolveOptions& options;
  Impl& im;
  const ModelParams& P;
  const int N;
  const std::vector<DepositProfile>& D;
  const double W;
  const double TC;
  // The ex-China tie-breaks (ModelParams): only where China and the rest
  // share one objective.
  const bool prefer_ex;

  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  std::vector<double> obj{0.0};
  double req_total = 0;
  // Recycled REO: element shares of a magnet's rare earths, oxide basis.
  std::array<double, kMagnetElements> recycled_share{};
  std::vector<std::set<int>> carried;
  std::array<std::set<int>, kLevels> at_level;  // deposits available in markets of each level

  std::vector<std::map<Commodity, std::vector<Term>>> receipt, dispatch;
  std::vector<std::vector<SepEntry>> sep_in;
  std::vector<std::map<int, std::vector<int>>> forward;  // separation: k -> cols
  std::map<MarketKey, std::vector<Term>> market_in, market_out;  // cols
  std::map<MarketKey, std::vector<int>> market_produced;            // domestic production cols
  std::map<MarketKey, std::map<std::string, std::vector<int>>> market_export;  // per destination
  std::set<MarketKey> consumer_markets;
  // Countries whose every mine the kb routes to named plants (`feed`): their
  // ore may leave only for the countries of those plants (Myanmar's and Laos's
  // clay goes to China, not to any separation line in the world).
  std::map<std::string, std::set<std::string>> ore_outlets;
  std::map<std::pair<MarketKey, double>, std::vector<int>> limited;  // hub inflow cols

  std::vector<Term> ex_china_magnets;
  std::set<int> substituted;  // magnet columns standing in market rows (compact)
};

FlowModel::Builder::Builder(const Network& net, const SolveOptions& options, Impl& im)
    : net(net),
      options(options),
      im(im),
      P(net.params),
      N(static_cast<int>(net.nodes.size())),
      D(net.deposits),
      W(P.throughput_weight),
      TC(P.trade_cost),
      prefer_ex(options.objective == Objective::kMagnets && !options.without_china),
      carried(static_cast<std::size_t>(N)),
      receipt(static_cast<std::size_t>(N)),
      dispatch(static_cast<std::size_t>(N)),
      sep_in(static_cast<std::size_t>(N)),
      forward(static_cast<std::size_t>(N)) {
  im.lp = glp_create_prob();
  glp_set_obj_dir(im.lp, GLP_MAX);
  for (double r : net.recipe.metal_per_t) req_total += r;
  double tot = 0;
  for (int m = 0; m < kMagnetElements; ++m) {
    recycled_share[static_cast<std::size_t>(m)] =
        net.recipe.metal_per_t[static_cast<std::size_t>(m)] * net.recipe.oxide_per_metal[static_cast<std::size_t>(m)];
    tot += recycled_share[static_cast<std::size_t>(m)];
  }
  if (tot > 0)
    for (auto& x : recycled_share) x /= tot;
  std::vector<std::set<std::string>> named_by(static_cast<std::size_t>(N));
  for (const auto& n : net.nodes)
    for (int f : n.feeds)
      if (f >= 0 && f < N) named_by[static_cast<std::size_t>(f)].insert(n.country);
  std::set<std::string> free_ore;
  for (int i = 0; i < N; ++i) {
    const Node& n = net.nodes[static_cast<std::size_t>(i)];
    if (n.stage != Stage::kMining) continue;
    const auto& to = named_by[static_cast<std::size_t>(i)];
    if (to.empty()) free_ore.insert(n.country);
    else ore_outlets[n.country].insert(to.begin(), to.end());
  }
  for (const auto& c : free_ore) ore_outlets.erase(c);
}

int FlowModel::Builder::add_col(double cost, int type, double ub) {
  int c = glp_add_cols(im.lp, 1);
  glp_set_col_bnds(im.lp, c, type, 0.0, ub);
  obj.push_back(cost);
  return c;
}

int FlowModel::Builder::add_row(int type, double lb, double ub, const std::vector<Term>& terms) {
  int r = glp_add_rows(im.lp, 1);
  glp_set_row_bnds(im.lp, r, type, lb, ub);
  std::map<int, double> merged;
  for (const auto& t : terms) merged[t.col] += t.coef;
  for (auto [c, v] : merged) {
    if (v == 0) continue;
    ia.push_back(r);
    ja.push_back(c);
    ar.push_back(v);
  }
  return r;
}

double FlowModel::Builder::heavy_share(int k, ElementSet mask) const {
  double s = 0;
  for (int e = 4; e < kElements; ++e)
    if (mask.has(static_cast<Element>(e))) s += D[static_cast<std::size_t>(k)].share[static_cast<std::size_t>(e)];
  return s;
}

double FlowModel::Builder::mask_share(int k, ElementSet mask) const {
  double s = 0;
  for (int e = 0; e < kElements; ++e)
    if (mask.has(static_cast<Element>(e))) s += D[static_cast<std::size_t>(k)].share[static_cast<std::size_t>(e)];
  return s;
}

bool FlowModel::Builder::excluded(int i) const {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  if (options.prune_idle && !(n.available > 0)) return true;
  return options.without_china && is_china(n.country);
}

bool FlowModel::Builder::controlled(const Commodity& c, const ExportControl& x, Stage stage) const {
  if (!x.stages.has(stage)) return false;
  if (c.kind == Commodity::kMixed) {
    for (int e = 0; e < kElements; ++e)
      if (x.elements.has(static_cast<Element>(e)) &&
          D[static_cast<std::size_t>(c.index)].share[static_cast<std::size_t>(e)] >= P.control_threshold)
        return true;
    return false;
  }
  return x.elements.has(kMagnetElementIds[static_cast<std::size_t>(c.index)]);
}

Stage FlowModel::Builder::commodity_stage(const Commodity& c) {
  if (c.kind == Commodity::kMixed) return c.level == 0 ? Stage::kMining : Stage::kCrackingLeaching;
  return c.kind == Commodity::kOxide ? Stage::kSeparation : Stage::kMetalAlloy;
}

std::string FlowModel::Builder::commodity_name(const Commodity& c) const {
  if (c.kind == Commodity::kMixed) return fmt::format("mixed{}", c.level);
  return std::string(magnet_element_symbol(c.index)) + (c.kind == Commodity::kOxide ? " oxide" : " metal");
}

double FlowModel::Builder::allowed(const Commodity& c, const std::string& o, const std::string& d) const {
  double s = 1.0;
  if (o == d) return s;
  if (c.kind == Commodity::kMixed && c.level == 0)
    if (auto it = ore_outlets.find(o); it != ore_outlets.end() && !it->second.count(d)) return 0.0;
  for (const auto& x : net.controls)
    if (x.country == o && x.applies_to(d) && controlled(c, x, commodity_stage(c))) s = std::min(s, x.allowed_share);
  return s;
}

std::vector<Commodity> FlowModel::Builder::node_outputs(int i) const {
  std::vector<Commodity> out;
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  int level = stage_level(n.stage);
  if (level >= 0) {
    for (int k : carried[static_cast<std::size_t>(i)]) out.push_back({Commodity::kMixed, k, level});
  } else if (n.stage == Stage::kSeparation) {
    for (int m = 0; m < kMagnetElements; ++m)
      if (n.elements.has(kMagnetElementIds[static_cast<std::size_t>(m)])) out.push_back({Commodity::kOxide, m, 0});
  } else if (n.stage == Stage::kRecycling) {
    for (int m = 0; m < kMagnetElements; ++m) out.push_back({Commodity::kOxide, m, 0});
  } else if (n.stage == Stage::kMetalAlloy) {
    for (int m = 0; m < kMagnetElements; ++m) out.push_back({Commodity::kMetal, m, 0});
  }
  return out;
}

bool FlowModel::Builder::accepts(int i, const Commodity& c, bool from_market) const {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  switch (n.stage) {
    case Stage::kConcentration:
    case Stage::kCrackingLeaching: return c.kind == Commodity::kMixed && (!from_market || c.level == 0);
    case Stage::kSeparation: return c.kind == Commodity::kMixed;
    // Metal from oxide; alloy makers may also take metal from a stated feed.
    case Stage::kMetalAlloy: return c.kind == Commodity::kOxide || c.kind == Commodity::kMetal;
    case Stage::kMagnet: return c.kind == Commodity::kMetal || c.kind == Commodity::kOxide;
    default: return false;
  }
}

bool FlowModel::Builder::fold_into_market(int i, const Commodity& c, const std::vector<Term>& made) {
  if (!options.compact) return false;
  const auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto d = disp.find(c);
  if (d == disp.end() || d->second.size() != 1) return false;
  const int col = d->second[0].col;
  const MarketKey mk{c, net.nodes[static_cast<std::size_t>(i)].country};
  for (const auto& entry : limited)
    if (!(entry.first.first < mk) && !(mk < entry.first.first)) return false;
  auto& in = market_in[mk];
  auto it = std::find_if(in.begin(), in.end(), [&](const Term& t) { return t.col == col; });
  if (it == in.end()) return false;
  in.erase(it);
  in.insert(in.end(), made.begin(), made.end());
  glp_set_col_bnds(im.lp, col, GLP_FX, 0, 0);  // in no row now
  return true;
}

base::Status FlowModel::Builder::carry_deposits() {
  auto order = ASSAY_TRY(net.topological_order());
  for (int i = 0; i < N; ++i) {
    const Node& n = net.nodes[static_cast<std::size_t>(i)];
    if (!excluded(i) && n.stage == Stage::kMining && n.deposit >= 0) {
      carried[static_cast<std::size_t>(i)].insert(n.deposit);
      at_level[0].insert(n.deposit);
    }
  }
  // Concentration and cracking (pool-fed ones take any mined deposit), then
  // separation lines (pool-fed ones take anything on the markets).
  for (int pass = 0; pass < 2; ++pass) {
    for (int i : order) {
      const Node& n = net.nodes[static_cast<std::size_t>(i)];
      if (excluded(i)) continue;
      bool mixed = stage_level(n.stage) == 1;
      if (pass == 0 ? !mixed : n.stage != Stage::kSeparation) continue;
      auto& c = carried[static_cast<std::size_t>(i)];
      if (n.feeds.empty()) {
        for (int l = 0; l < (mixed ? 1 : kLevels); ++l) c.insert(at_level[static_cast<std::size_t>(l)].begin(), at_level[static_cast<std::size_t>(l)].end());
      } else {
        for (int f : n.feeds)
          if (!excluded(f)) c.insert(carried[static_cast<std::size_t>(f)].begin(), carried[static_cast<std::size_t>(f)].end());
      }
      if (mixed) at_level[1].insert(c.begin(), c.end());
    }
  }
  return {};
}

// Explicit feeds: an arc per stated feed and commodity the consumer accepts
// (and separation lines forward what the first line leaves).
void FlowModel::Builder::add_feed_arcs() {
  for (int i = 0; i < N; ++i) {
    const Node& n = net.nodes[static_cast<std::size_t>(i)];
    if (excluded(i)) continue;
    for (int f : n.feeds) {
      if (excluded(f)) continue;
      const Node& src = net.nodes[static_cast<std::size_t>(f)];
      bool cross = src.country != n.country;
      if (src.stage == Stage::kSeparation && n.stage == Stage::kSeparation) {
        // Forwarding of what the first line does not separate.
        ElementSet mask{n.elements.bits & ~src.elements.bits};
        for (int k : carried[static_cast<std::size_t>(f)]) {
          Commodity c{Commodity::kMixed, k, kLevels - 1};
          if (allowed(c, src.country, n.country) <= 0) continue;
          int col = add_col(cross ? -TC : 0.0);
          forward[static_cast<std::size_t>(f)][k].push_back(col);
          // The forwarded stream is what the first line leaves: its mass is
          // the share of the elements that line does not separate.
          sep_in[static_cast<std::size_t>(i)].push_back({col, k, mask, ElementSet{ElementSet::all().bits & ~src.elements.bits}});
          im.arcs.push_back({col, f, i, src.country, n.country, "mixed", 1.0});
        }
        continue;
      }
      for (const auto& c : node_outputs(f)) {
        if (!accepts(i, c, false)) continue;
        if (allowed(c, src.country, n.country) <= 0) continue;
        int col = add_col(cross ? -TC : 0.0);
        dispatch[static_cast<std::size_t>(f)][c].push_back({col, 1.0});
        if (n.stage == Stage::kSeparation) {
          sep_in[static_cast<std::size_t>(i)].push_back({col, c.index, n.elements});
        } else {
          receipt[static_cast<std::size_t>(i)][c].push_back({col, 1.0});
        }
        im.arcs.push_back({col, f, i, src.country, n.country, commodity_name(c), 1.0});
      }
    }
  }
}

// Pool-fed consumers draw from their country's markets.
void FlowModel::Builder::add_pool_arcs() {
  for (int i = 0; i < N; ++i) {
    const Node& n = net.nodes[static_cast<std::size_t>(i)];
    if (excluded(i) || !n.feeds.empty()) continue;
    std::vector<Commodity> wants;
    switch (n.stage) {
      case Stage::kConcentration:
      case Stage::kCrackingLeaching:
      case Stage::kSeparation:
        for (int k : carried[static_cast<std::size_t>(i)])
          for (int l = 0; l < kLevels; ++l) {
            Commodity c{Commodity::kMixed, k, l};
            if (accepts(i, c, true) && at_level[static_cast<std::size_t>(l)].count(k)) wants.push_back(c);
          }
        break;
      case Stage::kMetalAlloy:
        for (int m = 0; m < kMagnetElements; ++m) wants.push_back({Commodity::kOxide, m, 0});
        break;
      case Stage::kMagnet:
        for (int m = 0; m < kMagnetElements; ++m) wants.push_back({Commodity::kMetal, m, 0});
        break;
      default: break;
    }
    for (const auto& c : wants) {
      int col = add_col(0.0);
      MarketKey mk{c, n.country};
      market_out[mk].push_back({col, 1.0});
      consumer_markets.insert(mk);
      if (n.stage == Stage::kSeparation) {
        sep_in[static_cast<std::size_t>(i)].push_back({col, c.index, n.elements});
      } else {
        receipt[static_cast<std::size_t>(i)][c].push_back({col, 1.0});
      }
      im.arcs.push_back({col, -1, i, n.country, n.country, commodity_name(c), 1.0});
    }
  }
}

// Every producer can sell to its country's market.
void FlowModel::Builder::add_market_sales() {
  for (int i = 0; i < N; ++i) {
    if (excluded(i)) continue;
    const Node& n = net.nodes[static_cast<std::size_t>(i)];
    for (const auto& c : node_outputs(i)) {
      int col = add_col(0.0);
      MarketKey mk{c, n.country};
      dispatch[static_cast<std::size_t>(i)][c].push_back({col, 1.0});
      market_in[mk].push_back({col, 1.0});
      market_produced[mk].push_back(col);
      im.arcs.push_back({col, i, -1, n.country, n.country, commodity_name(c), 1.0});
    }
  }
}

// Trade between markets, through hubs: one world hub per commodity for
// origins free to sell anywhere, and one hub per (origin, allowed share)
// for origins under export controls, serving only the destinations the
// control allows (share-limited hubs take at most share x production).
void FlowModel::Builder::add_trade() {
  std::map<Commodity, std::set<std::string>> producers, consumers;
  for (const auto& [mk, cols] : market_produced) producers[mk.c].insert(mk.country);
  for (const auto& mk : consumer_markets) consumers[mk.c].insert(mk.country);
  for (const auto& [c, origins] : producers) {
    auto it = consumers.find(c);
    if (it == consumers.end()) continue;
    const auto& dests = it->second;
    std::vector<Term> world_bal;
    std::set<std::string> world_origins;
    for (const auto& o : origins) {
      std::map<double, std::vector<std::string>> groups;  // share -> destinations
      for (const auto& d : dests)
        if (d != o) groups[allowed(c, o, d)].push_back(d);
      if (groups.empty()) continue;
      if (groups.size() == 1 && groups.begin()->first >= 1) {
        int col = add_col(-TC / 2);
        market_out[{c, o}].push_back({col, 1.0});
        world_bal.push_back({col, 1.0});
        world_origins.insert(o);
        im.arcs.push_back({col, -1, -1, o, "@world", commodity_name(c), 1.0});
        continue;
      }
      for (const auto& [share, ds] : groups) {
        if (share <= 0) continue;
        std::string hub = fmt::format("@{}/{}", o, share);
        int in = add_col(-TC / 2);
        market_out[{c, o}].push_back({in, 1.0});
        im.arcs.push_back({in, -1, -1, o, hub, commodity_name(c), 1.0});
        std::vector<Term> bal{{in, 1.0}};
        for (const auto& d : ds) {
          int out = add_col(-TC / 2);
          market_in[{c, d}].push_back({out, 1.0});
          bal.push_back({out, -1.0});
          im.arcs.push_back({out, -1, -1, hub, d, commodity_name(c), 1.0});
        }
        add_row(GLP_LO, 0, 0, bal);
        if (share < 1) limited[{MarketKey{c, o}, share}].push_back(in);
      }
    }
    if (world_origins.empty()) continue;
    for (const auto& d : dests) {
      if (world_origins.size() == 1 && world_origins.count(d)) continue;
      int col = add_col(-TC / 2);
      market_in[{c, d}].push_back({col, 1.0});
      world_bal.push_back({col, -1.0});
      im.arcs.push_back({col, -1, -1, "@world", d, commodity_name(c), 1.0});
    }
    add_row(GLP_LO, 0, 0, world_bal);
  }
}

// A mine: one column, capped by its capacity, yielding its deposit.
void FlowModel::Builder::add_mine(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  auto& eout = im.element_out[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  if (n.deposit < 0) return;
  const auto& sh = D[static_cast<std::size_t>(n.deposit)].share;
  double scale = 1.0;
  if (u == CapacityUnit::kTConcentrate) scale = P.concentrate_grade;
  else if (u == CapacityUnit::kTNdPrOxide) scale = ndpr(n.deposit) > 0 ? 1.0 / ndpr(n.deposit) : 0.0;
  else if (u == CapacityUnit::kTHeavyOxides) scale = heavy_share(n.deposit, ElementSet::all()) > 0 ? 1.0 / heavy_share(n.deposit, ElementSet::all()) : 0.0;
  int col = add_col(W, GLP_UP, 0);
  glp_set_col_bnds(im.lp, col, GLP_FX, 0, 0);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kCol;
  im.cap_index[static_cast<std::size_t>(i)] = col;
  im.cap_scale[static_cast<std::size_t>(i)] = scale;
  thr.push_back({col, 1.0});
  for (int e = 0; e < kElements; ++e) eout[static_cast<std::size_t>(e)].push_back({col, sh[static_cast<std::size_t>(e)]});
  if (disp.size() == 1 && fold_into_market(i, disp.begin()->first, {{col, 1.0}})) return;
  std::vector<Term> row{{col, -1.0}};
  for (auto& [c, terms] : disp)
    for (auto& t : terms) row.push_back(t);
  add_row(GLP_FX, 0, 0, row);
}

// A concentrator or a cracker: capacity over its receipts, balance per deposit.
void FlowModel::Builder::add_concentrator(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto& rec = receipt[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  std::vector<Term> cap;
  double coef_sum = 0;
  int coef_n = 0;
  for (auto& [c, terms] : rec) {
    int k = c.index;
    double coef = 1.0;
    if (u == CapacityUnit::kTConcentrate) coef = 1.0 / P.concentrate_grade;
    else if (u == CapacityUnit::kTNdPrOxide) coef = ndpr(k);
    else if (u == CapacityUnit::kTHeavyOxides) coef = heavy_share(k, ElementSet::all());
    for (auto& t : terms) {
      cap.push_back({t.col, coef});
      thr.push_back({t.col, 1.0});
      obj[static_cast<std::size_t>(t.col)] += W;
    }
    coef_sum += coef;
    ++coef_n;
  }
  // Balance per deposit: out <= recovery x in (the rest is a process loss).
  std::map<int, std::vector<Term>> bal;
  for (auto& [c, terms] : rec)
    for (auto& t : terms) bal[c.index].push_back({t.col, n.recovery});
  std::set<int> folded;
  for (auto& [k, row] : bal)
    if (fold_into_market(i, Commodity{Commodity::kMixed, k, 1}, row)) folded.insert(k);
  for (auto& [c, terms] : disp)
    if (!folded.count(c.index))
      for (auto& t : terms) bal[c.index].push_back({t.col, -1.0});
  for (auto& [k, row] : bal)
    if (!folded.count(k)) add_row(GLP_LO, 0, 0, row);
  int r = add_row(GLP_UP, 0, 0, cap);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kRow;
  im.cap_index[static_cast<std::size_t>(i)] = r;
  im.cap_terms[static_cast<std::size_t>(i)] = cap;
  im.cap_basis_avg[static_cast<std::size_t>(i)] = coef_n ? coef_n / std::max(coef_sum, 1e-12) : 1.0;
}

// A separation line: oxides from the deposits it takes, and what it forwards.
void FlowModel::Builder::add_separation(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  auto& eout = im.element_out[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  std::vector<Term> cap;
  std::array<std::vector<Term>, kMagnetElements> out_m;
  std::map<int, std::vector<Term>> fwd_bal;
  double coef_sum = 0, basis_sum = 0;
  for (const auto& en : sep_in[static_cast<std::size_t>(i)]) {
    const auto& sh = D[static_cast<std::size_t>(en.k)].share;
    // NdPr-focused lines (capacity in t NdPr oxide) turn only part of
    // their La and Ce into products (Ce rejected, La/Ce sold mixed).
    std::array<double, kElements> prod{};
    double sep_share = 0;
    for (int e = 0; e < kElements; ++e) {
      if (!en.mask.has(static_cast<Element>(e))) continue;
      double r = (u == CapacityUnit::kTNdPrOxide && e <= 1) ? P.ndpr_line_la_ce_recovery : 1.0;
      prod[static_cast<std::size_t>(e)] = sh[static_cast<std::size_t>(e)] * r * n.recovery;
      sep_share += prod[static_cast<std::size_t>(e)];
    }
    double coef = mask_share(en.k, en.feed);
    switch (u) {
      case CapacityUnit::kTConcentrate: coef /= P.concentrate_grade; break;
      case CapacityUnit::kTNdPrOxide:
        coef = (en.mask.has(Element::kNd) ? sh[3] : 0.0) + (en.mask.has(Element::kPr) ? sh[2] : 0.0);
        break;
      case CapacityUnit::kTSeparatedOxides: coef = mask_share(en.k, en.mask); break;
      case CapacityUnit::kTHeavyOxides: coef = heavy_share(en.k, en.mask); break;
      default: break;
    }
    cap.push_back({en.col, coef});
    coef_sum += coef;
    basis_sum += sep_share;
    thr.push_back({en.col, sep_share});
    obj[static_cast<std::size_t>(en.col)] += W * sep_share;
    for (int e = 0; e < kElements; ++e)
      if (prod[static_cast<std::size_t>(e)] > 0) eout[static_cast<std::size_t>(e)].push_back({en.col, prod[static_cast<std::size_t>(e)]});
    for (int m = 0; m < kMagnetElements; ++m) {
      auto e = kMagnetElementIds[static_cast<std::size_t>(m)];
      if (!en.mask.has(e)) continue;
      out_m[static_cast<std::size_t>(m)].push_back({en.col, sh[static_cast<std::size_t>(e)] * n.recovery});
      obj[static_cast<std::size_t>(en.col)] += ex_pref(n, P.ex_china_oxide_preference) * sh[static_cast<std::size_t>(e)] * n.recovery;
    }
    fwd_bal[en.k].push_back({en.col, 1.0});
  }
  for (int m = 0; m < kMagnetElements; ++m) {
    auto& row = out_m[static_cast<std::size_t>(m)];
    const Commodity c{Commodity::kOxide, m, 0};
    if (!row.empty() && fold_into_market(i, c, row)) continue;
    if (auto it = disp.find(c); it != disp.end())
      for (auto& t : it->second) row.push_back({t.col, -1.0});
    if (!row.empty()) add_row(GLP_LO, 0, 0, row);
  }
  for (auto& [k, cols] : forward[static_cast<std::size_t>(i)]) {
    auto& row = fwd_bal[k];
    for (int c : cols) row.push_back({c, -1.0});
    add_row(GLP_LO, 0, 0, row);
  }
  int r = add_row(GLP_UP, 0, 0, cap);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kRow;
  im.cap_index[static_cast<std::size_t>(i)] = r;
  im.cap_terms[static_cast<std::size_t>(i)] = cap;
  im.cap_basis_avg[static_cast<std::size_t>(i)] = coef_sum > 0 ? basis_sum / coef_sum : 1.0;
}

// A metal or alloy plant: metal from oxide (or metal from a stated feed).
void FlowModel::Builder::add_metal_plant(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto& rec = receipt[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  double unit_coef = 1.0;  // capacity units per t metal
  if (u == CapacityUnit::kTAlloy) unit_coef = 1.0 / P.alloy_re_fraction;
  else if (u == CapacityUnit::kTMagnet) unit_coef = req_total > 0 ? 1.0 / req_total : 1.0;
  std::vector<Term> cap;
  for (int m = 0; m < kMagnetElements; ++m) {
    Commodity c{Commodity::kOxide, m, 0};
    double f = net.recipe.oxide_per_metal[static_cast<std::size_t>(m)];
    bool oxide_unit = u == CapacityUnit::kTReo || u == CapacityUnit::kTNdPrOxide || u == CapacityUnit::kTSeparatedOxides;
    std::vector<Term> bal;
    if (auto it = rec.find(c); it != rec.end()) {
      for (auto& t : it->second) {
        cap.push_back({t.col, oxide_unit ? 1.0 : unit_coef / f});
        thr.push_back({t.col, 1.0 / f});
        obj[static_cast<std::size_t>(t.col)] += W / f;
        bal.push_back({t.col, 1.0 / f});
      }
    }
    Commodity mc{Commodity::kMetal, m, 0};
    if (auto it = rec.find(mc); it != rec.end()) {
      for (auto& t : it->second) {
        cap.push_back({t.col, oxide_unit ? f : unit_coef});
        thr.push_back({t.col, 1.0});
        obj[static_cast<std::size_t>(t.col)] += W;
        bal.push_back({t.col, 1.0});
      }
    }
    if (!bal.empty() && fold_into_market(i, mc, bal)) continue;
    if (auto it = disp.find(mc); it != disp.end())
      for (auto& t : it->second) bal.push_back({t.col, -1.0});
    if (!bal.empty()) add_row(GLP_LO, 0, 0, bal);
  }
  int r = add_row(GLP_UP, 0, 0, cap);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kRow;
  im.cap_index[static_cast<std::size_t>(i)] = r;
  im.cap_terms[static_cast<std::size_t>(i)] = cap;
  im.cap_basis_avg[static_cast<std::size_t>(i)] = 1.0 / unit_coef;
}

// A magnet plant: output in reward segments, metal needed per t of magnet.
void FlowModel::Builder::add_magnet_plant(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& rec = receipt[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  double scale = 1.0;
  if (u == CapacityUnit::kTMetal) scale = req_total > 0 ? 1.0 / req_total : 1.0;
  bool counts = options.objective == Objective::kMagnets || !is_china(n.country);
  int col = add_col(counts ? 1.0 + ex_pref(n, P.ex_china_magnet_preference) : 0.0);
  std::vector<Term> seg_row{{col, -1.0}};
  for (int j = 0; j < kSegments; ++j) {
    int sc = add_col(W * (kSegments - j), GLP_FX, 0);
    glp_set_col_bnds(im.lp, sc, GLP_FX, 0, 0);
    if (j == 0) im.cap_index[static_cast<std::size_t>(i)] = sc;
    seg_row.push_back({sc, 1.0});
  }
  add_row(GLP_FX, 0, 0, seg_row);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kSegments;
  im.cap_scale[static_cast<std::size_t>(i)] = scale;
  thr.push_back({col, 1.0});
  if (!is_china(n.country)) ex_china_magnets.push_back({col, 1.0});
  // Thrifting: up to thrift_max of an element's need can be done without,
  // at a cost (t metal saved, column `saved[m]`). A magnet keeps its
  // rare-earth content (every grade of kb/magnets.csv holds 31% RE: a
  // conventional grade's 6% Dy becomes 1.5% in the diffused one, Nd and Pr
  // taking its place), so Dy or Tb done without is made up by as much Nd
  // and Pr, in the recipe's Nd:Pr ratio: thrifting saves heavy rare earths,
  // never metal, and cannot raise the magnets a tonne of metal makes.
  std::array<int, kMagnetElements> saved{};
  for (int m = 0; m < kMagnetElements; ++m) {
    const double need = net.recipe.metal_per_t[static_cast<std::size_t>(m)];
    const double can_save = P.thrift_max[static_cast<std::size_t>(m)] * need;
    if (can_save > 0) {
      saved[static_cast<std::size_t>(m)] = add_col(-P.thrift_cost);
      add_row(GLP_UP, 0, 0, {{saved[static_cast<std::size_t>(m)], 1.0}, {col, -can_save}});
      im.thrift.push_back({saved[static_cast<std::size_t>(m)], m, !is_china(n.country)});
    }
  }
  const double nd_need = net.recipe.metal_per_t[static_cast<std::size_t>(MagnetElement::kNd)];
  const double pr_need = net.recipe.metal_per_t[static_cast<std::size_t>(MagnetElement::kPr)];
  // Terms (column, t of this element per t saved) that substitute for the
  // heavy elements done without: Nd and Pr only.
  auto substitutes = [&](int m) {
    std::vector<Term> out;
    if (m != static_cast<int>(MagnetElement::kNd) && m != static_cast<int>(MagnetElement::kPr)) return out;
    const double light = nd_need + pr_need;
    if (!(light > 0)) return out;
    const double share = (m == static_cast<int>(MagnetElement::kNd) ? nd_need : pr_need) / light;
    for (auto h : {MagnetElement::kDy, MagnetElement::kTb})
      if (int c = saved[static_cast<std::size_t>(h)]) out.push_back({c, share});
    return out;
  };
  for (int m = 0; m < kMagnetElements; ++m) {
    const double need = net.recipe.metal_per_t[static_cast<std::size_t>(m)];
    const int own_saved = saved[static_cast<std::size_t>(m)];
    const auto subst = substitutes(m);
    if (options.compact && n.feeds.empty()) {
      // Fed by its country's metal market alone (one receipt column per
      // element): the market row takes need x output instead.
      auto it = rec.find(Commodity{Commodity::kMetal, m, 0});
      if (it != rec.end() && it->second.size() == 1) {
        const int receipt_col = it->second[0].col;
        auto& out = market_out[MarketKey{Commodity{Commodity::kMetal, m, 0}, n.country}];
        for (auto& t : out)
          if (t.col == receipt_col) t = {col, need};
        if (own_saved) out.push_back({own_saved, -1.0});
        for (const auto& t : subst) out.push_back({t.col, t.coef});
        substituted.insert(col);
        glp_set_col_bnds(im.lp, receipt_col, GLP_FX, 0, 0);  // in no row now
        continue;
      }
    }
    std::vector<Term> row{{col, -need}};
    if (own_saved) row.push_back({own_saved, 1.0});
    for (const auto& t : subst) row.push_back({t.col, -t.coef});
    if (auto it = rec.find(Commodity{Commodity::kMetal, m, 0}); it != rec.end())
      for (auto& t : it->second) row.push_back({t.col, 1.0});
    if (auto it = rec.find(Commodity{Commodity::kOxide, m, 0}); it != rec.end())
      for (auto& t : it->second) row.push_back({t.col, 1.0 / net.recipe.oxide_per_metal[static_cast<std::size_t>(m)]});
    add_row(GLP_LO, 0, 0, row);
  }
}

// A recycler: oxide in the shares of a magnet's rare earths.
void FlowModel::Builder::add_recycler(int i) {
  const Node& n = net.nodes[static_cast<std::size_t>(i)];
  auto& disp = dispatch[static_cast<std::size_t>(i)];
  auto& thr = im.throughput[static_cast<std::size_t>(i)];
  auto& eout = im.element_out[static_cast<std::size_t>(i)];
  const auto u = n.unit;
  double scale = 1.0;
  if (u == CapacityUnit::kTFeed || u == CapacityUnit::kTMagnet || u == CapacityUnit::kTAlloy) scale = P.recycling_oxide_yield;
  else if (u == CapacityUnit::kTNdPrOxide) scale = 1.0 / std::max(1e-9, recycled_share[0] + recycled_share[1]);
  double recycled_magnet_elements = 0;
  for (double r : recycled_share) recycled_magnet_elements += r;
  int col = add_col(W + ex_pref(n, P.ex_china_oxide_preference) * recycled_magnet_elements, GLP_UP, 0);
  glp_set_col_bnds(im.lp, col, GLP_FX, 0, 0);
  im.cap_kind[static_cast<std::size_t>(i)] = CapKind::kCol;
  im.cap_index[static_cast<std::size_t>(i)] = col;
  im.cap_scale[static_cast<std::size_t>(i)] = scale;
  thr.push_back({col, 1.0});
  for (int m = 0; m < kMagnetElements; ++m) {
    auto e = static_cast<std::size_t>(kMagnetElementIds[static_cast<std::size_t>(m)]);
    eout[e].push_back({col, recycled_share[static_cast<std::size_t>(m)]});
    std::vector<Term> row{{col, recycled_share[static_cast<std::size_t>(m)]}};
    if (fold_into_market(i, Commodity{Commodity::kOxide, m, 0}, row)) continue;
    if (auto it = disp.find(Commodity{Commodity::kOxide, m, 0}); it != disp.end())
      for (auto& t : it->second) row.push_back({t.col, -1.0});
    add_row(GLP_LO, 0, 0, row);
  }
}

// Market balances: in >= out (the rest goes to other uses or stock).
void FlowModel::Builder::add_market_balances() {
  for (auto& [mk, in] : market_in) {
    if (options.compact && !market_produced.count(mk) && in.size() == 1) {
      // Buys in for a single consumer: the consumer's column takes the
      // import's place in the hub's balance, and its trade cost (an import
      // beyond what the consumer takes would only cost).
      auto it = market_out.find(mk);
      if (it != market_out.end() && it->second.size() == 1 && !substituted.count(it->second[0].col)) {
        const int import_col = in[0].col, use_col = it->second[0].col;
        for (std::size_t k = 1; k < ja.size(); ++k)
          if (ja[k] == import_col) ja[k] = use_col;
        obj[static_cast<std::size_t>(use_col)] += obj[static_cast<std::size_t>(import_col)];
        obj[static_cast<std::size_t>(import_col)] = 0;
        glp_set_col_bnds(im.lp, import_col, GLP_FX, 0, 0);  // in no row now
        continue;
      }
    }
    std::vector<Term> row = in;
    if (auto it = market_out.find(mk); it != market_out.end())
      for (auto& t : it->second) row.push_back({t.col, -t.coef});
    int r = add_row(GLP_LO, 0, 0, row);
    if (mk.c.kind == Commodity::kOxide) im.element_market_rows.emplace_back(r, mk.c.index);
  }
  for (auto& [mk, out] : market_out) {
    if (market_in.count(mk)) continue;
    std::vector<Term> row;
    for (auto& t : out) row.push_back({t.col, -t.coef});
    add_row(GLP_LO, 0, 0, row);  // nothing to draw: forces 0
  }
}

// Export shares: exports <= share * domestic production; the required ex-China
// magnet output.
void FlowModel::Builder::add_export_shares() {
  for (auto& [key, cols] : limited) {
    std::vector<Term> row;
    for (int c : cols) row.push_back({c, 1.0});
    for (int c : market_produced[key.first]) row.push_back({c, -key.second});
    add_row(GLP_UP, 0, 0, row);
  }
  if (options.require_magnets_ex_china > 0) {
    add_row(GLP_LO, options.require_magnets_ex_china, 0, ex_china_magnets);
  }
}

void FlowModel::Builder::add_nodes() {
  im.cap_kind.assign(static_cast<std::size_t>(N), CapKind::kNone);
  im.cap_index.assign(static_cast<std::size_t>(N), 0);
  im.cap_scale.assign(static_cast<std::size_t>(N), 1.0);
  im.throughput.assign(static_cast<std::size_t>(N), {});
  im.element_out.assign(static_cast<std::size_t>(N), {});
  im.cap_terms.assign(static_cast<std::size_t>(N), {});
  im.cap_basis_avg.assign(static_cast<std::size_t>(N), 1.0);
  for (int i = 0; i < N; ++i) {
    if (excluded(i)) continue;
    switch (net.nodes[static_cast<std::size_t>(i)].stage) {
      case Stage::kMining: add_mine(i); break;
      case Stage::kConcentration:
      case Stage::kCrackingLeaching: add_concentrator(i); break;
      case Stage::kSeparation: add_separation(i); break;
      case Stage::kMetalAlloy: add_metal_plant(i); break;
      case Stage::kMagnet: add_magnet_plant(i); break;
      case Stage::kRecycling: add_recycler(i); break;
    }
  }
}

void FlowModel::Builder::load_matrix() {
  for (std::size_t c = 1; c < obj.size(); ++c) glp_set_obj_coef(im.lp, static_cast<int>(c), obj[c]);
  glp_load_matrix(im.lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
}

base::Result<std::unique_ptr<FlowModel>> FlowModel::build(const Network& net_in, SolveOptions options) {
  ASSAY_TRY_VOID(net_in.validate());
  glp_term_out(GLP_OFF);
  std::unique_ptr<FlowModel> model(new FlowModel(net_in, options));
  const Network& net = model->net_;
  Builder b(net, options, *model->impl_);
  ASSAY_TRY_VOID(b.carry_deposits());
  b.add_feed_arcs();
  b.add_pool_arcs();
  b.add_market_sales();
  b.add_trade();
  b.add_nodes();
  b.add_market_balances();
  b.add_export_shares();
  b.load_matrix();
  std::vector<double> avail(net.nodes.size());
  for (std::size_t i = 0; i < net.nodes.size(); ++i) avail[i] = net.nodes[i].available;
  model->set_available(avail);
  return model;
}

void FlowModel::set_available(const std::vector<double>& available) {
  Impl& im = *impl_;
  bool first = available_.size() != available.size();
  for (std::size_t i = 0; i < available.size() && i < im.cap_kind.size(); ++i) {
    if (!first && available_[i] == available[i]) continue;  // unchanged: keep GLPK's state
    double b = std::max(0.0, available[i]) * im.cap_scale[i];
    if (im.cap_kind[i] == CapKind::kCol) {
      if (b > 0) glp_set_col_bnds(im.lp, im.cap_index[i], GLP_DB, 0, b);
      else glp_set_col_bnds(im.lp, im.cap_index[i], GLP_FX, 0, 0);
    } else if (im.cap_kind[i] == CapKind::kSegments) {
      for (int j = 0; j < kSegments; ++j) {
        if (b > 0) glp_set_col_bnds(im.lp, im.cap_index[i] + j, GLP_DB, 0, b / kSegments);
        else glp_set_col_bnds(im.lp, im.cap_index[i] + j, GLP_FX, 0, 0);
      }
    } else if (im.cap_kind[i] == CapKind::kRow) {
      glp_set_row_bnds(im.lp, im.cap_index[i], GLP_UP, 0, b);
    }
  }
  available_ = available;
}

namespace {

base::Status run_simplex(glp_prob* lp, bool& has_basis) {
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;
  int rc;
  if (!has_basis) {
    // Cold: GLPK's presolver roughly halves the first solve; it hands back
    // a basis of the original problem for later warm starts.
    parm.meth = GLP_PRIMAL;
    parm.presolve = GLP_ON;
    rc = glp_simplex(lp, &parm);
    if (rc == GLP_ENOPFS || rc == GLP_ENODFS) {
      has_basis = false;
      return base::fail(base::Error::infeasible("no flows satisfy the constraints"));
    }
  } else {
    // Warm: dual simplex from the last basis (only bounds changed, so it is
    // still dual feasible); the long-step ratio test saves ~6% of pivots.
    parm.meth = GLP_DUALP;
    parm.r_test = GLP_RT_FLIP;
    rc = glp_simplex(lp, &parm);
    if (rc != 0) {  // basis lost (singular): start again
      glp_adv_basis(lp, 0);
      parm.meth = GLP_PRIMAL;
      rc = glp_simplex(lp, &parm);
    }
  }
  if (rc != 0) {
    has_basis = false;
    return base::fail(base::Error::internal(fmt::format("GLPK simplex failed (code {})", rc)));
  }
  int st = glp_get_status(lp);
  if ((st == GLP_NOFEAS || st == GLP_INFEAS) && has_basis) {
    // A warm dual simplex can end "infeasible" within its tolerances where
    // the problem is not (seen with recovery factors below 1 and the
    // thrifting columns): confirm from a fresh basis before saying so.
    glp_adv_basis(lp, 0);
    parm.meth = GLP_PRIMAL;
    parm.r_test = GLP_RT_HAR;
    rc = glp_simplex(lp, &parm);
    if (rc != 0) {
      has_basis = false;
      return base::fail(base::Error::internal(fmt::format("GLPK simplex failed (code {})", rc)));
    }
    st = glp_get_status(lp);
  }
  if (st == GLP_NOFEAS || st == GLP_INFEAS) {
    has_basis = false;
    return base::fail(base::Error::infeasible("no flows satisfy the constraints"));
  }
  if (st != GLP_OPT) {
    has_basis = false;
    return base::fail(base::Error::internal(fmt::format("GLPK ended with status {}", st)));
  }
  has_basis = true;
  return {};
}

}  // namespace

base::Result<double> FlowModel::solve_objective_only() {
  ASSAY_TRY_VOID(run_simplex(impl_->lp, impl_->has_basis));
  return glp_get_obj_val(impl_->lp);
}

int FlowModel::iterations() const { return glp_get_it_cnt(impl_->lp); }

void FlowModel::save_basis() {
  Impl& im = *impl_;
  int m = glp_get_num_rows(im.lp), n = glp_get_num_cols(im.lp);
  im.saved_rows.resize(static_cast<std::size_t>(m) + 1);
  im.saved_cols.resize(static_cast<std::size_t>(n) + 1);
  for (int i = 1; i <= m; ++i) im.saved_rows[static_cast<std::size_t>(i)] = glp_get_row_stat(im.lp, i);
  for (int j = 1; j <= n; ++j) im.saved_cols[static_cast<std::size_t>(j)] = glp_get_col_stat(im.lp, j);
}

void FlowModel::restore_basis() {
  Impl& im = *impl_;
  if (im.saved_rows.empty()) return;
  int m = glp_get_num_rows(im.lp), n = glp_get_num_cols(im.lp);
  for (int i = 1; i <= m; ++i) glp_set_row_stat(im.lp, i, im.saved_rows[static_cast<std::size_t>(i)]);
  for (int j = 1; j <= n; ++j) glp_set_col_stat(im.lp, j, im.saved_cols[static_cast<std::size_t>(j)]);
}

namespace {

VarStatus from_glpk(int stat) {
  switch (stat) {
    case GLP_BS: return VarStatus::kBasic;
    case GLP_NU: return VarStatus::kAtUpper;
    case GLP_NF: return VarStatus::kFree;
    case GLP_NS: return VarStatus::kFixed;
    default: return VarStatus::kAtLower;
  }
}

int to_glpk(VarStatus s) {
  switch (s) {
    case VarStatus::kBasic: return GLP_BS;
    case VarStatus::kAtUpper: return GLP_NU;
    case VarStatus::kFree: return GLP_NF;
    case VarStatus::kFixed: return GLP_NS;
    case VarStatus::kAtLower: break;
  }
  return GLP_NL;  // glp_set_*_stat corrects it to the bound type
}

}  // namespace

Basis FlowModel::basis() const {
  glp_prob* lp = impl_->lp;
  Basis b;
  int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
  b.rows.resize(static_cast<std::size_t>(m));
  b.cols.resize(static_cast<std::size_t>(n));
  for (int i = 1; i <= m; ++i) b.rows[static_cast<std::size_t>(i - 1)] = from_glpk(glp_get_row_stat(lp, i));
  for (int j = 1; j <= n; ++j) b.cols[static_cast<std::size_t>(j - 1)] = from_glpk(glp_get_col_stat(lp, j));
  return b;
}

void FlowModel::set_basis(const Basis& b) {
  glp_prob* lp = impl_->lp;
  int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
  if (b.rows.size() != static_cast<std::size_t>(m) || b.cols.size() != static_cast<std::size_t>(n)) return;
  for (int i = 1; i <= m; ++i) glp_set_row_stat(lp, i, to_glpk(b.rows[static_cast<std::size_t>(i - 1)]));
  for (int j = 1; j <= n; ++j) glp_set_col_stat(lp, j, to_glpk(b.cols[static_cast<std::size_t>(j - 1)]));
  impl_->has_basis = true;
}

LpExport FlowModel::export_lp() const {
  const Impl& im = *impl_;
  glp_prob* lp = im.lp;
  LpExport out;
  LinearProgram& p = out.lp;
  p.rows = glp_get_num_rows(lp);
  p.cols = glp_get_num_cols(lp);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto lower = [&](int type, double lb) { return type == GLP_LO || type == GLP_DB || type == GLP_FX ? lb : -kInf; };
  auto upper = [&](int type, double ub) { return type == GLP_UP || type == GLP_DB || type == GLP_FX ? ub : kInf; };
  std::vector<int> ind(static_cast<std::size_t>(p.rows) + 1);
  std::vector<double> val(static_cast<std::size_t>(p.rows) + 1);
  p.col_start.push_back(0);
  for (int j = 1; j <= p.cols; ++j) {
    int len = glp_get_mat_col(lp, j, ind.data(), val.data());
    for (int k = 1; k <= len; ++k) {
      p.row_index.push_back(ind[static_cast<std::size_t>(k)] - 1);
      p.value.push_back(val[static_cast<std::size_t>(k)]);
    }
    p.col_start.push_back(static_cast<int>(p.row_index.size()));
    int type = glp_get_col_type(lp, j);
    p.col_lower.push_back(lower(type, glp_get_col_lb(lp, j)));
    p.col_upper.push_back(upper(type, glp_get_col_ub(lp, j)));
    p.objective.push_back(glp_get_obj_coef(lp, j));
  }
  for (int i = 1; i <= p.rows; ++i) {
    int type = glp_get_row_type(lp, i);
    p.row_lower.push_back(lower(type, glp_get_row_lb(lp, i)));
    p.row_upper.push_back(upper(type, glp_get_row_ub(lp, i)));
  }
  auto terms = [](const std::vector<Term>& ts) {
    std::vector<LpTerm> v;
    v.reserve(ts.size());
    for (const auto& t : ts) v.push_back({t.col - 1, t.coef});
    return v;
  };
  const std::size_t N = im.cap_kind.size();
  out.capacity.resize(N);
  out.throughput.resize(N);
  out.magnet_element_output.resize(N);
  for (std::size_t i = 0; i < N; ++i) {
    CapacitySlot& c = out.capacity[i];
    c.index = im.cap_index[i] - 1;
    c.scale = im.cap_scale[i];
    switch (im.cap_kind[i]) {
      case CapKind::kNone: c.kind = CapacitySlot::kNone; break;
      case CapKind::kRow: c.kind = CapacitySlot::kRow; break;
      case CapKind::kCol: c.kind = CapacitySlot::kColumn; break;
      case CapKind::kSegments:
        c.kind = CapacitySlot::kSegments;
        c.count = kSegments;
        break;
    }
    out.throughput[i] = terms(im.throughput[i]);
    for (int m = 0; m < kMagnetElements; ++m)
      out.magnet_element_output[i][static_cast<std::size_t>(m)] =
          terms(im.element_out[i][static_cast<std::size_t>(kMagnetElementIds[static_cast<std::size_t>(m)])]);
  }
  return out;
}

double FlowModel::throughput(int node) const {
  double v = 0;
  for (const auto& t : impl_->throughput[static_cast<std::size_t>(node)]) v += t.coef * glp_get_col_prim(impl_->lp, t.col);
  return v;
}

double FlowModel::element_output(int node, int m) const {
  double v = 0;
  auto e = static_cast<std::size_t>(kMagnetElementIds[static_cast<std::size_t>(m)]);
  for (const auto& t : impl_->element_out[static_cast<std::size_t>(node)][e]) v += t.coef * glp_get_col_prim(impl_->lp, t.col);
  return v;
}

base::Result<Solution> FlowModel::solve() {
  Impl& im = *impl_;
  ASSAY_TRY_VOID(run_simplex(im.lp, im.has_basis));
  Solution sol;
  sol.objective = glp_get_obj_val(im.lp);
  const int N = static_cast<int>(net_.nodes.size());
  int ncols = glp_get_num_cols(im.lp);
  im.col_prim.assign(static_cast<std::size_t>(ncols) + 1, 0.0);
  for (int c = 1; c <= ncols; ++c) {
    double v = glp_get_col_prim(im.lp, c);
    im.col_prim[static_cast<std::size_t>(c)] = std::fabs(v) < 1e-9 ? 0.0 : v;
  }
  auto eval = [&](const std::vector<Term>& terms) {
    double v = 0;
    for (const auto& t : terms) v += t.coef * im.col_prim[static_cast<std::size_t>(t.col)];
    return v;
  };
  sol.throughput.resize(static_cast<std::size_t>(N));
  sol.capacity.resize(static_cast<std::size_t>(N));
  sol.potential.assign(static_cast<std::size_t>(N), 0.0);
  sol.elements.resize(static_cast<std::size_t>(N));
  sol.capacity_shadow.resize(static_cast<std::size_t>(N));
  for (int i = 0; i < N; ++i) {
    auto ui = static_cast<std::size_t>(i);
    sol.throughput[ui] = eval(im.throughput[ui]);
    for (int e = 0; e < kElements; ++e) sol.elements[ui][static_cast<std::size_t>(e)] = eval(im.element_out[ui][static_cast<std::size_t>(e)]);
    double avail = ui < available_.size() ? available_[ui] : 0.0;
    const double could = net_.nodes[ui].capacity;
    if (im.cap_kind[ui] == CapKind::kCol) {
      sol.capacity[ui] = avail * im.cap_scale[ui];
      sol.potential[ui] = could * im.cap_scale[ui];
      sol.capacity_shadow[ui] = glp_get_col_stat(im.lp, im.cap_index[ui]) == GLP_NU ? glp_get_col_dual(im.lp, im.cap_index[ui]) : 0.0;
    } else if (im.cap_kind[ui] == CapKind::kSegments) {
      sol.capacity[ui] = avail * im.cap_scale[ui];
      sol.potential[ui] = could * im.cap_scale[ui];
      // Marginal value of capacity: the last segment's, when it is full.
      int last = im.cap_index[ui] + kSegments - 1;
      sol.capacity_shadow[ui] = glp_get_col_stat(im.lp, last) == GLP_NU ? glp_get_col_dual(im.lp, last) : 0.0;
    } else if (im.cap_kind[ui] == CapKind::kRow) {
      double used = eval(im.cap_terms[ui]);
      double ratio = used > 1e-9 ? sol.throughput[ui] / used : im.cap_basis_avg[ui];
      sol.capacity[ui] = avail * ratio;
      sol.potential[ui] = could * ratio;
      sol.capacity_shadow[ui] = glp_get_row_dual(im.lp, im.cap_index[ui]);
    }
    if (std::fabs(sol.capacity_shadow[ui]) < 1e-7) sol.capacity_shadow[ui] = 0;
  }
  for (auto [r, m] : im.element_market_rows) {
    double d = -glp_get_row_dual(im.lp, r);
    auto um = static_cast<std::size_t>(m);
    sol.element_shadow[um] = std::max(sol.element_shadow[um], d);
  }
  for (const auto& a : im.arcs) {
    double v = im.col_prim[static_cast<std::size_t>(a.col)] * a.scale;
    if (v <= 1e-9) continue;
    sol.flows.push_back({a.from, a.to, a.commodity, a.from_country, a.to_country, v});
  }
  for (const auto& t : im.thrift) {
    const double v = im.col_prim[static_cast<std::size_t>(t.col)];
    sol.thrifted[static_cast<std::size_t>(t.m)] += v;
    if (t.ex_china) sol.thrifted_ex_china[static_cast<std::size_t>(t.m)] += v;
  }
  sol.iterations = glp_get_it_cnt(im.lp);
  return sol;
}

base::Result<Solution> solve(const Network& net, SolveOptions options) {
  auto m = ASSAY_TRY(FlowModel::build(net, options));
  return m->solve();
}

void release_thread_solver() { glp_free_env(); }

}  // namespace assay::supply
