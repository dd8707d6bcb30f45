// analysis/quantity_classify: the words around a figure: its bound ("about",
// "more than", "up to"), its measure (capacity, reserves, production, share,
// price, ...) from the nearest cue words, and the rejection of what is not a
// checkable figure (dates, identifiers, tickers, relative times, counts of
// informants). See quantity_internal.h.
#include <algorithm>
#include <array>

#include "assay/analysis/quantity_internal.h"

namespace assay::analysis::qscan {

namespace {

struct CueWord {
  std::string_view w;
  Cue c;
};

// Sorted by word for binary search.
constexpr CueWord kCueWords[] = {
    {"able", Cue::kAble},           {"account", Cue::kShare},       {"accounted", Cue::kShare},
    {"accounting", Cue::kShare},    {"accounts", Cue::kShare},      {"acquisition", Cue::kMoney},
    {"added", Cue::kGrowth},        {"advanced", Cue::kGrowth},     {"assessed", Cue::kPrice},
    {"bid", Cue::kMoney},           {"bond", Cue::kMoney},          {"bonds", Cue::kMoney},
    {"bought", Cue::kTrade},        {"budget", Cue::kMoney},        {"build", Cue::kPlant},
    {"building", Cue::kPlant},      {"built", Cue::kPlant},         {"buy", Cue::kTrade},
    {"can", Cue::kAble},            {"capable", Cue::kCapacity},    {"capacities", Cue::kCapacity},
    {"capacity", Cue::kCapacity},   {"capex", Cue::kMoney},         {"capital", Cue::kMoney},
    {"ceiling", Cue::kPrice},       {"chance", Cue::kOtherPct},     {"climb", Cue::kGrowth},
    {"climbed", Cue::kGrowth},      {"climbs", Cue::kGrowth},       {"consumed", Cue::kTrade},
    {"consumption", Cue::kTrade},   {"contain", Cue::kReserves},    {"contained", Cue::kReserves},
    {"containing", Cue::kReserves}, {"contains", Cue::kReserves},   {"contract", Cue::kMoney},
    {"control", Cue::kShare},       {"controlled", Cue::kShare},    {"controls", Cue::kShare},
    {"cost", Cue::kMoney},          {"costs", Cue::kMoney},         {"cut", Cue::kGrowth},
    {"deal", Cue::kMoney},          {"debt", Cue::kMoney},          {"decline", Cue::kGrowth},
    {"declined", Cue::kGrowth},     {"declines", Cue::kGrowth},     {"decrease", Cue::kGrowth},
    {"decreased", Cue::kGrowth},    {"demand", Cue::kTrade},        {"deposit", Cue::kReserves},
    {"deposits", Cue::kReserves},   {"designed", Cue::kAble},       {"dip", Cue::kGrowth},
    {"dipped", Cue::kGrowth},       {"discount", Cue::kPremium},    {"dominate", Cue::kShare},
    {"dominates", Cue::kShare},     {"down", Cue::kGrowth},         {"drop", Cue::kGrowth},
    {"dropped", Cue::kGrowth},      {"drops", Cue::kGrowth},        {"duties", Cue::kOtherPct},
    {"duty", Cue::kOtherPct},       {"eased", Cue::kGrowth},        {"efficiency", Cue::kOtherPct},
    {"endowment", Cue::kReserves},  {"equity", Cue::kMoney},        {"expand", Cue::kCapacity},
    {"expanded", Cue::kCapacity},   {"expanding", Cue::kCapacity},  {"expansion", Cue::kCapacity},
    {"extract", Cue::kProduction},  {"extracted", Cue::kProduction}, {"extraction", Cue::kProduction},
    {"facilities", Cue::kPlant},    {"facility", Cue::kPlant},      {"factories", Cue::kPlant},
    {"factory", Cue::kPlant},       {"fall", Cue::kGrowth},         {"fallen", Cue::kGrowth},
    {"falling", Cue::kGrowth},      {"falls", Cue::kGrowth},        {"fell", Cue::kGrowth},
    {"finance", Cue::kMoney},       {"financing", Cue::kMoney},     {"floor", Cue::kPrice},
    {"fraction", Cue::kShare},      {"fund", Cue::kMoney},          {"funding", Cue::kMoney},
    {"funds", Cue::kMoney},         {"gain", Cue::kGrowth},         {"gained", Cue::kGrowth},
    {"gains", Cue::kGrowth},        {"grade", Cue::kOtherPct},      {"graded", Cue::kOtherPct},
    {"grades", Cue::kOtherPct},     {"grading", Cue::kOtherPct},    {"grant", Cue::kMoney},
    {"grants", Cue::kMoney},        {"grew", Cue::kGrowth},         {"grow", Cue::kGrowth},
    {"grows", Cue::kGrowth},        {"growth", Cue::kGrowth},       {"higher", Cue::kGrowth},
    {"hold", Cue::kReserves},       {"holding", Cue::kReserves},    {"holds", Cue::kReserves},
    {"host", Cue::kReserves},       {"hosting", Cue::kReserves},    {"hosts", Cue::kReserves},
    {"incentives", Cue::kMoney},    {"increase", Cue::kGrowth},     {"increased", Cue::kGrowth},
    {"increases", Cue::kGrowth},    {"inflation", Cue::kOtherPct},  {"interest", Cue::kOtherPct},
    {"inventories", Cue::kTrade},   {"inventory", Cue::kTrade},     {"invest", Cue::kMoney},
    {"invested", Cue::kMoney},      {"investment", Cue::kMoney},    {"investments", Cue::kMoney},
    {"jump", Cue::kGrowth},         {"jumped", Cue::kGrowth},       {"jumps", Cue::kGrowth},
    {"lend", Cue::kMoney},          {"lending", Cue::kMoney},       {"lent", Cue::kMoney},
    {"levy", Cue::kOtherPct},       {"lifted", Cue::kGrowth},       {"line", Cue::kPlant},
    {"loan", Cue::kMoney},          {"loans", Cue::kMoney},         {"lose", Cue::kGrowth},
    {"loses", Cue::kGrowth},        {"lost", Cue::kGrowth},         {"lower", Cue::kGrowth},
    {"lowered", Cue::kGrowth},      {"majority", Cue::kShare},      {"make", Cue::kProduction},
    {"makes", Cue::kProduction},    {"making", Cue::kProduction},   {"margin", Cue::kOtherPct},
    {"margins", Cue::kOtherPct},    {"mill", Cue::kPlant},          {"mine", Cue::kProduction},
    {"mined", Cue::kProduction},    {"mines", Cue::kProduction},    {"mining", Cue::kProduction},
    {"move", Cue::kGrowth},         {"moved", Cue::kGrowth},        {"moves", Cue::kGrowth},
    {"nameplate", Cue::kCapacity},  {"orebody", Cue::kReserves},    {"output", Cue::kProduction},
    {"package", Cue::kMoney},       {"paid", Cue::kMoney},          {"pay", Cue::kMoney},
    {"plant", Cue::kPlant},         {"plants", Cue::kPlant},        {"plunge", Cue::kGrowth},
    {"plunged", Cue::kGrowth},      {"portion", Cue::kShare},       {"premium", Cue::kPremium},
    {"price", Cue::kPrice},         {"priced", Cue::kPrice},        {"prices", Cue::kPrice},
    {"pricing", Cue::kPrice},       {"process", Cue::kProduction},  {"processed", Cue::kProduction},
    {"processes", Cue::kProduction}, {"processing", Cue::kProduction}, {"profit", Cue::kMoney},
    {"profits", Cue::kMoney},       {"proportion", Cue::kShare},    {"pure", Cue::kOtherPct},
    {"purity", Cue::kOtherPct},     {"quota", Cue::kProduction},    {"quotas", Cue::kProduction},
    {"quoted", Cue::kPrice},        {"raise", Cue::kMoney},         {"raised", Cue::kMoney},
    {"rallied", Cue::kGrowth},      {"rally", Cue::kGrowth},        {"rate", Cue::kOtherPct},
    {"rates", Cue::kOtherPct},      {"recover", Cue::kOtherPct},    {"recovered", Cue::kOtherPct},
    {"recovers", Cue::kOtherPct},   {"recovery", Cue::kOtherPct},   {"reduced", Cue::kGrowth},
    {"refined", Cue::kProduction},  {"refineries", Cue::kPlant},    {"refinery", Cue::kPlant},
    {"refining", Cue::kProduction}, {"reo", Cue::kOtherPct},        {"reserve", Cue::kReserves},    {"reserves", Cue::kReserves},
    {"resource", Cue::kReserves},   {"resources", Cue::kReserves},  {"revenue", Cue::kMoney},
    {"revenues", Cue::kMoney},      {"rise", Cue::kGrowth},         {"risen", Cue::kGrowth},
    {"rises", Cue::kGrowth},        {"rising", Cue::kGrowth},       {"rose", Cue::kGrowth},
    {"royalties", Cue::kOtherPct},  {"royalty", Cue::kOtherPct},    {"sales", Cue::kTrade},
    {"sank", Cue::kGrowth},         {"scheme", Cue::kMoney},        {"sell", Cue::kTrade},
    {"sells", Cue::kTrade},         {"share", Cue::kShare},         {"shed", Cue::kGrowth},
    {"shipment", Cue::kTrade},      {"shipments", Cue::kTrade},     {"shipped", Cue::kTrade},
    {"shipping", Cue::kTrade},      {"ships", Cue::kTrade},         {"slid", Cue::kGrowth},
    {"slipped", Cue::kGrowth},      {"slump", Cue::kGrowth},        {"slumped", Cue::kGrowth},
    {"smelter", Cue::kPlant},       {"smelting", Cue::kProduction}, {"soar", Cue::kGrowth},
    {"soared", Cue::kGrowth},       {"sold", Cue::kTrade},          {"spend", Cue::kMoney},
    {"spending", Cue::kMoney},      {"spent", Cue::kMoney},         {"stake", Cue::kShare},
    {"stockpile", Cue::kReserves},  {"subsidies", Cue::kMoney},     {"subsidy", Cue::kMoney},
    {"supplied", Cue::kShare},      {"supplies", Cue::kShare},      {"supply", Cue::kShare},
    {"surge", Cue::kGrowth},        {"surged", Cue::kGrowth},       {"swung", Cue::kGrowth},
    {"target", Cue::kPrice},        {"tariff", Cue::kOtherPct},     {"tariffs", Cue::kOtherPct},
    {"tax", Cue::kOtherPct},        {"taxes", Cue::kOtherPct},      {"throughput", Cue::kCapacity},
    {"trade", Cue::kPrice},         {"traded", Cue::kPrice},        {"trades", Cue::kPrice},
    {"trading", Cue::kPrice},       {"treo", Cue::kOtherPct},       {"tumble", Cue::kGrowth},
    {"tumbled", Cue::kGrowth},
    {"up", Cue::kGrowth},           {"valuation", Cue::kMoney},     {"value", Cue::kMoney},
    {"valued", Cue::kMoney},        {"worth", Cue::kMoney},         {"yield", Cue::kOtherPct},
    {"yields", Cue::kOtherPct},
};

constexpr bool cue_words_sorted() {
  for (std::size_t i = 1; i < std::size(kCueWords); ++i)
    if (!(kCueWords[i - 1].w < kCueWords[i].w)) return false;
  return true;
}
static_assert(cue_words_sorted(), "kCueWords must be sorted and unique");

constexpr std::uint32_t word_hash(std::string_view w) {
  std::uint32_t h = 2166136261u;
  for (char c : w) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

// Words that end a count's noun phrase or a material phrase.
constexpr std::string_view kStopWords[] = {
    "of", "the", "a", "an", "to", "in", "into", "on", "at", "by", "for", "from", "with", "that", "which",
    "who", "whom", "whose", "as", "than", "per", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "will", "would", "could", "should", "may", "might", "can", "must", "said", "says", "say",
    "told", "but", "if", "while", "since", "until", "after", "before", "over", "under", "about", "around",
    "this", "these", "those", "its", "their", "his", "her", "our", "it", "they", "we", "he", "she", "you",
    "i", "not", "no", "also", "only", "am", "pm", "gmt", "utc", "when", "where", "up", "down", "ago",
    "earlier", "later", "each", "every", "or", "and", "so", "do", "did", "does", "via", "against",
    "between", "during", "through"};

// One open-addressing table for the cue words and the stop words, built once.
class WordTable {
 public:
  struct Entry {
    std::string_view w;
    Cue cue = Cue::kNone;
    bool stop = false;
  };
  WordTable() {
    for (const auto& c : kCueWords) slot(c.w).cue = c.c;
    for (auto w : kStopWords) slot(w).stop = true;
  }
  const Entry* find(std::string_view w, std::uint32_t h) const {
    for (std::size_t i = h & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      const Entry& e = slots_[i];
      if (e.w.empty()) return nullptr;
      if (e.w == w) return &e;
    }
  }

 private:
  static constexpr std::size_t kSlots = 1024;
  Entry& slot(std::string_view w) {
    for (std::size_t i = word_hash(w) & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
      Entry& e = slots_[i];
      if (e.w.empty()) e.w = w;
      if (e.w == w) return e;
    }
  }
  std::array<Entry, kSlots> slots_{};
};

const WordTable& word_table() {
  static const WordTable table;
  return table;
}

Cue cue_of(const Tok& w) {
  if (w.kind != Tok::kWord || w.len == 0) return Cue::kNone;
  if (const auto* e = word_table().find(w.lw(), w.hash); e && e->cue != Cue::kNone) return e->cue;
  if (w.len >= 6) {
    if (w.starts("produc") || w.starts("manufactur")) return Cue::kProduction;
    if (w.starts("export") || w.starts("import") || w.starts("purchas")) return Cue::kTrade;
  }
  return Cue::kNone;
}

}  // namespace

bool is_stop(const Tok& w) {
  if (w.kind != Tok::kWord) return true;
  if (w.len == 0) return false;
  const auto* e = word_table().find(w.lw(), w.hash);
  return e && e->stop;
}

Bound Scanner::bound_before(std::size_t b) const {
  Tok w1 = prev(b);
  if (w1.kind == Tok::kSym) {
    const std::string_view s = orig(w1);
    if (s == "~" || s == "\xE2\x89\x88") return Bound::kApprox;
    if (s == ">" || s == "\xE2\x89\xA5") return Bound::kAtLeast;
    if (s == "<" || s == "\xE2\x89\xA4") return Bound::kAtMost;
    return Bound::kExact;
  }
  if (w1.kind != Tok::kWord) return Bound::kExact;
  if (w1.any("about", "around", "roughly", "approximately", "approx", "nearly", "almost", "some",
             "circa", "ca", "estimated", "near", "approaching", "reportedly"))
    return Bound::kApprox;
  if (w1.any("over", "above", "exceeding", "topping", "beyond")) return Bound::kAtLeast;
  if (w1.any("under", "below")) return Bound::kAtMost;
  Tok w2 = prev(w1.b);
  if (w1.is("to")) {
    if (w2.is("up")) return Bound::kAtMost;
    if (w2.any("close", "near")) return Bound::kApprox;
  }
  if (w1.is("than")) {
    Tok w3 = prev(w2.b);
    if (w3.is("no")) return w2.any("less", "fewer") ? Bound::kAtLeast : Bound::kAtMost;
    if (w2.any("more", "greater", "higher", "over")) return Bound::kAtLeast;
    if (w2.any("less", "fewer", "lower")) return Bound::kAtMost;
  }
  if (w1.is("as") && w2.any("much", "many", "high")) return Bound::kAtMost;
  if (w1.is("least") && w2.is("at")) return Bound::kAtLeast;
  if (w1.is("most") && w2.is("at")) return Bound::kAtMost;
  if (w1.is("of") && (w2.any("upwards", "excess"))) return Bound::kAtLeast;
  return Bound::kExact;
}

// Nearest cue of each kind within the sentence, before b and after e.
void Scanner::cues_around(std::size_t b, std::size_t e, std::array<Found, 13>& f, int back, int fwd) const {
  Tok w = prev(b);
  int d = 0;
  for (int i = 0; i < back + 6 && d < back; ++i) {
    if (w.kind == Tok::kEnd || is_boundary(w)) break;
    if (w.kind == Tok::kWord || w.kind == Tok::kNum) {
      Cue c = cue_of(w);
      if (c == Cue::kProduction) {  // "capable of producing", "capacity to produce", "able to make"
        Tok x = prev(w.b);
        Tok y = prev(x.b);
        Cue cx = cue_of(x), cy = cue_of(y);
        if (cx == Cue::kAble || cx == Cue::kCapacity || cy == Cue::kAble || cy == Cue::kCapacity) c = Cue::kCapacity;
      }
      if (c == Cue::kAble) c = Cue::kNone;
      if (c == Cue::kGrowth && w.is("up") && next(w.e).is("to")) c = Cue::kNone;  // "up to"
      if (c != Cue::kNone) {
        auto& slot = f[static_cast<int>(c)];
        if (d < slot.back) slot.back = d;
      }
      ++d;
    }
    w = prev(w.b);
  }
  w = next(e);
  d = 0;
  for (int i = 0; i < fwd + 6 && d < fwd; ++i) {
    if (w.kind == Tok::kEnd || is_boundary(w)) break;
    if (w.kind == Tok::kWord || w.kind == Tok::kNum) {
      Cue c = cue_of(w);
      if (c == Cue::kAble) c = Cue::kNone;
      if (c == Cue::kGrowth && (w.is("up") && next(w.e).is("to"))) c = Cue::kNone;
      if (c == Cue::kGrowth && w.any("higher", "lower") && prev(w.b).any("or", "and")) c = Cue::kNone;  // "1% or lower"
      if (c != Cue::kNone) {
        auto& slot = f[static_cast<int>(c)];
        if (d < slot.fwd) slot.fwd = d;
      }
      ++d;
    }
    w = next(w.e);
  }
}

int Scanner::dist(const std::array<Found, 13>& f, Cue c) {
  const Found& x = f[static_cast<int>(c)];
  return std::min(x.back, x.fwd);
}

Measure Scanner::classify(const One& a, std::size_t b, Dim dim) const {
  switch (dim) {
    case Dim::kCount: return Measure::kCount;
    case Dim::kPrice: return Measure::kPrice;
    case Dim::kMoneyRate: return Measure::kMoney;
    case Dim::kDuration:
    case Dim::kLength:
    case Dim::kArea:
    case Dim::kGrade:
    case Dim::kPhysical:
    case Dim::kBare: return Measure::kOther;
    default: break;
  }
  std::array<Found, 13> f{};
  cues_around(b, a.unit_end, f, 10, 10);
  constexpr int kFar = 1 << 20;
  if (dim == Dim::kPercent || dim == Dim::kPoints || dim == Dim::kMult) {
    const Found& g = f[static_cast<int>(Cue::kGrowth)];
    int dg = std::min(g.back < 6 ? g.back : kFar, g.fwd < 2 ? g.fwd : kFar);
    // A percentage before a word of growing capacity is the size of that
    // change ("a 24% expansion", "a 10 percent capacity increase").
    if (f[static_cast<int>(Cue::kCapacity)].fwd == 0 && dim == Dim::kPercent) dg = 0;
    int ds = dist(f, Cue::kShare);
    Tok nx = next(a.unit_end);
    if (nx.is("of")) ds = 0;
    const int dother = dist(f, Cue::kOtherPct);
    const int dprem = dist(f, Cue::kPremium);
    const int best = std::min({dg, ds, dother, dprem});
    if (dim == Dim::kMult) return dg < kFar ? Measure::kGrowth : Measure::kOther;
    // "by" before a percentage gives the size of a change whatever the verb
    // ("raise output by 20%", "cut by half a percentage point", "beat
    // forecasts by 5%"); "backed by 60% of holders" is a share ("of" wins).
    if (prev(b).is("by") && ds != 0) return Measure::kGrowth;
    if (best >= kFar) return dim == Dim::kPoints ? Measure::kGrowth : Measure::kShare;
    if (dg == best) return Measure::kGrowth;
    if (dother == best) return Measure::kOther;
    if (ds == best) return Measure::kShare;
    return Measure::kPrice;
  }
  if (dim == Dim::kMoney) {
    if (a.has_scale || a.value() >= 1e5) return Measure::kMoney;
    const int dp = std::min(dist(f, Cue::kPrice), dist(f, Cue::kPremium));
    const int dm = dist(f, Cue::kMoney);
    if (dp < dm) return Measure::kPrice;
    if (dm < dp) return Measure::kMoney;
    return a.value() < 1000 ? Measure::kPrice : Measure::kMoney;
  }
  if (dim == Dim::kPower) return Measure::kCapacity;
  // tonnages, volumes, energy
  const bool rate = dim == Dim::kMassRate || a.unit.find('/') != std::string::npos;
  if (a.mat_e > a.mat_b) {
    Tok w = next(a.mat_b);
    while (w.kind != Tok::kEnd && w.e <= a.mat_e) {
      if (cue_of(w) == Cue::kCapacity) return Measure::kCapacity;
      w = next(w.e);
    }
  }
  int dcap = dist(f, Cue::kCapacity);
  if (rate) dcap = std::min(dcap, dist(f, Cue::kPlant));
  const int dres = dist(f, Cue::kReserves), dprod = dist(f, Cue::kProduction), dtrade = dist(f, Cue::kTrade);
  const int best = std::min({dcap, dres, dprod, dtrade});
  if (best >= kFar) return rate ? Measure::kProduction : Measure::kAmount;
  if (dcap == best) return Measure::kCapacity;
  if (dres == best) return Measure::kReserves;
  if (dprod == best) return Measure::kProduction;
  return Measure::kAmount;
}

bool Scanner::identifier_word(const Tok& w) const {
  return w.any("article", "articles", "section", "sections", "chapter", "clause", "rule", "regulation",
               "decree", "law", "resolution", "directive", "order", "notice", "item", "part",
               "schedule", "annex", "appendix", "paragraph", "page", "pages", "figure", "fig", "table",
               "phase", "stage", "unit", "block", "tranche", "round", "tier", "level", "number",
               "no", "nos", "vol", "volume", "issue", "version", "model", "type", "series", "class",
               "category", "lot", "zone", "gate", "route", "highway", "room", "box", "window",
               "week", "day", "q", "h", "fy", "cy", "top", "title", "exhibit", "form", "grade", "line",
               "covid", "art", "sec", "para", "p", "pp", "ch", "ref");
}

bool Scanner::exchange_word(const Tok& w) const {
  return w.upper && w.any("nyse", "nasdaq", "asx", "tsx", "tsxv", "v", "lse", "aim", "hkex", "hk", "sha",
                          "she", "sz", "sh", "sse", "szse", "krx", "kosdaq", "tyo", "tse", "jse", "otc",
                          "otcqx", "otcqb", "nse", "bse", "fra", "etr", "xetra", "nzx", "sgx", "idx",
                          "cve", "amex", "epa", "ams", "bit", "mil", "hose", "hnx", "set", "klse", "bmv");
}

// Is the token before b the start of a sentence (so a capital means nothing)?
bool Scanner::sentence_start_before(const Tok& w) const {
  Tok p = prev(w.b);
  if (p.kind == Tok::kEnd || w.nl) return true;
  if (p.kind != Tok::kSym) return false;
  const std::string_view s = orig(p);
  return is_boundary(p) || s == "\"" || s == "(" || s == "\xE2\x80\x9C" || s == "\xE2\x80\x94" || s == "\xE2\x80\x93" || s == "-" || s == "*" || s == "\xE2\x80\xA2";
}

bool Scanner::reject(const One& a, std::size_t b) const {
  const Dim d = a.dim;
  if (d == Dim::kBare) return true;
  if (a.fraction && d != Dim::kPercent) return true;
  Tok w1 = prev(b);
  Tok w2 = prev(w1.b);
  // "the first half of 2025", "the second half"
  if (a.fraction && w1.any("first", "second", "last", "latter", "other", "the", "this", "that", "next", "past")) return true;
  // "No. 61", "Art. 5", "#3"
  if (sym_is(w1, '#')) return true;
  if (sym_is(w1, '.') && w2.kind == Tok::kWord && w2.any("no", "nos", "art", "sec", "fig", "vol", "p", "pp", "para", "ch", "ref")) return true;
  // tickers "NYSE: 1234", "(ASX:LYC)"
  if (sym_is(w1, ':') && exchange_word(w2)) return true;
  if (a.cur) return false;
  // dates: "October 17", "17 October", "March 2026"
  if (is_month(w1) || (sym_is(w1, '.') && is_month(w2))) return true;
  const bool countish = d == Dim::kCount || d == Dim::kDuration || d == Dim::kMult;
  // "3.0 ports", "2.5 projects": a count is whole unless scaled ("1.5 million people")
  if (d == Dim::kCount && !a.has_scale && a.decimal) return true;
  if (a.year_like && (countish || d == Dim::kLength || d == Dim::kArea || d == Dim::kPoints)) return true;
  if (countish && !a.word) {
    Tok nx = next(a.num_end);
    if (is_month(nx)) return true;
  }
  if (countish) {
    if (w1.kind == Tok::kWord && identifier_word(w1) && !(w1.cap && sentence_start_before(w1) && !w1.any("article", "section", "phase", "stage", "no", "chapter", "clause", "rule"))) return true;
    // "Section 232 tariffs", "Boeing 737 jets": a capitalised name before the number
    if (w1.kind == Tok::kWord && w1.cap && !is_month(w1) && !a.word && !is_stop(w1) &&
        !w1.any("some", "nearly", "almost", "roughly", "approximately", "only", "just", "more", "fewer", "less",
                "another", "all", "both", "even", "still", "over", "around", "about", "most", "many", "exactly"))
      return true;
    if (a.word && w1.kind == Tok::kWord &&
        w1.any("the", "these", "those", "both", "its", "their", "our", "his", "her", "my", "your", "whose", "all", "every", "first", "last", "next", "past"))
      return true;
  }
  if (d == Dim::kDuration) {
    // "two years after police arrested", "three years ago"
    Tok nx = next(a.e);
    if (nx.is("ago")) return true;
    // ages: "a 45-year-old executive", "45 years old"
    if (nx.is("old") || (is_dash_tok(nx) && nx.b == a.e && next(nx.e).is("old"))) return true;
    if (nx.any("after", "before", "earlier", "later", "since", "into", "prior", "previously", "back", "on", "out", "from") &&
        !w1.any("for", "over", "within", "during", "lasting", "than"))
      return true;
  }
  return false;
}

// Is a count of informants used as a source ("two officials said", "three
// people familiar with", "according to two sources")?
bool Scanner::speech_near(std::size_t b, std::size_t e) const {
  auto speech = [](const Tok& w) {
    return w.any("said", "says", "say", "told", "tell", "telling", "familiar", "according", "speaking", "spoke",
                 "asked", "asking", "knowledge", "briefed", "declined", "requested", "confirmed", "added",
                 "cited", "quoted", "insisted", "claimed", "described", "suggested", "involved", "close", "aware");
  };
  Tok w = prev(b);
  for (int i = 0; i < 4 && w.kind != Tok::kEnd && !is_boundary(w); ++i, w = prev(w.b))
    if (speech(w)) return true;
  w = next(e);
  for (int i = 0; i < 14 && w.kind != Tok::kEnd && !is_boundary(w); ++i, w = next(w.e))
    if (speech(w)) return true;
  return false;
}

}  // namespace assay::analysis::qscan
