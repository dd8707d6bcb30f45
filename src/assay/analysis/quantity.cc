// analysis/quantity: see quantity.h.
//
// The scanner walks the text once. At a digit (after looking back for a
// currency prefix) or at a number word it parses, left to right:
//   [currency] number [scale] [unit [rate] [of material [rate]]]
// or a count ("47 strategic projects"), then a range ("850 to 1,000 t",
// "between 5% and 7%"), then rejects what is not a checkable figure (dates,
// years, identifiers, tickers, relative times, "the two companies"), then
// reads the words around the figure for its bound and its measure.
#include "assay/analysis/quantity.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace assay::analysis {

const char* measure_name(Measure m) { return kMeasureNames.name(m, "other"); }
std::optional<Measure> parse_measure(std::string_view s) { return kMeasureNames.parse(s); }

const char* bound_name(Bound b) { return kBoundNames.name(b, "exact"); }
std::optional<Bound> parse_bound(std::string_view s) { return kBoundNames.parse(s); }

namespace {

inline bool is_digit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }
inline bool is_alpha(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26u; }
inline bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }
inline bool is_upper(unsigned char c) { return static_cast<unsigned>(c - 'A') < 26u; }

constexpr std::size_t kMaxWord = 24;

struct Tok {
  enum Kind : std::uint8_t { kEnd, kWord, kNum, kSym };
  Kind kind = kEnd;
  bool cap = false;    // starts with an ASCII capital
  bool upper = false;  // two or more letters, all ASCII capitals
  bool nl = false;     // a line break between this token and the reference point
  std::uint8_t len = 0;  // length of low (0 when the word is longer than kMaxWord)
  std::uint32_t b = 0, e = 0;
  std::uint32_t hash = 0;  // FNV-1a of low
  char low[kMaxWord];

  std::string_view lw() const { return {low, len}; }
  bool is(std::string_view w) const {
    return kind == kWord && len == w.size() && std::memcmp(low, w.data(), len) == 0;
  }
  template <typename... W>
  bool any(W... w) const { return (is(w) || ...); }
  bool starts(std::string_view p) const { return kind == kWord && len >= p.size() && std::memcmp(low, p.data(), p.size()) == 0; }
  bool ends(std::string_view p) const {
    return kind == kWord && len >= p.size() && std::memcmp(low + len - p.size(), p.data(), p.size()) == 0;
  }
};

// Dimensions of a parsed figure, before it becomes a canonical unit string.
enum class Dim : std::uint8_t {
  kBare, kCount, kPercent, kPoints, kMoney, kPrice, kMoneyRate, kMass, kMassRate,
  kDuration, kLength, kArea, kVolume, kPower, kEnergy, kGrade, kMult,
};

// One figure without range handling.
struct One {
  std::size_t b = 0, e = 0;  // span
  std::size_t num_end = 0;   // end of the number (+ scale)
  std::size_t unit_end = 0;  // end of the unit word(s), before rate and material
  double raw = 0;            // the number as written
  double scale = 1;          // thousand, million, k, bn ...
  double factor = 1;         // unit to canonical unit
  bool has_scale = false;
  bool word = false;         // written in words
  bool fraction = false;     // "a third", "two-thirds", "half"
  bool year_like = false;    // 4 plain digits in 1800..2100
  bool glued_m = false;      // "12m" without currency: million or metres
  bool one = false;          // the word "one"
  bool decimal = false;      // written with a decimal point
  Dim dim = Dim::kBare;
  const char* cur = nullptr;  // ISO code when money
  std::string unit;
  std::string head;
  bool person = false;
  std::size_t mat_b = 0, mat_e = 0;  // material words, when any

  double value() const { return raw * scale * factor; }
};

enum class Cue : std::uint8_t {
  kNone, kCapacity, kReserves, kProduction, kTrade, kGrowth, kShare, kPrice, kPremium,
  kMoney, kOtherPct, kPlant, kAble,
};

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

bool is_month(const Tok& w) {
  if (w.kind != Tok::kWord || !w.cap) return false;
  return w.any("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
               "sep", "sept", "oct", "nov", "dec");
}

bool is_stop(const Tok& w) {
  if (w.kind != Tok::kWord) return true;
  if (w.len == 0) return false;
  const auto* e = word_table().find(w.lw(), w.hash);
  return e && e->stop;
}

// A plural noun (or an invariable plural) that a count can count.
bool is_plural_noun(const Tok& w) {
  if (w.kind != Tok::kWord || w.len < 3) return false;
  if (w.any("people", "staff", "men", "women", "children", "personnel", "police", "cattle")) return true;
  if (w.len < 4 || !w.ends("s")) return false;
  if (w.ends("ss") || w.ends("us") || w.ends("is")) return false;
  return !w.any("does", "goes", "always", "perhaps", "towards", "afterwards", "besides", "whereas",
                "sometimes", "unless", "various", "yes", "ours", "yours", "theirs", "hers",
                "news", "says", "means", "series", "lies");
}

bool is_informant(const Tok& w, bool plural) {
  if (plural)
    return w.any("people", "persons", "sources", "officials", "executives", "traders", "analysts",
                 "insiders", "diplomats", "bankers", "individuals", "participants", "observers",
                 "experts", "lawyers", "residents", "witnesses", "buyers", "dealers", "brokers",
                 "advisers", "advisors", "aides", "staffers", "lawmakers", "regulators", "negotiators");
  return w.any("person", "source", "official", "executive", "trader", "analyst", "insider",
               "diplomat", "banker", "individual", "participant", "observer", "expert", "lawyer",
               "employee", "engineer", "manager", "resident", "witness", "buyer", "seller",
               "investor", "dealer", "broker", "adviser", "advisor", "aide", "staffer", "lawmaker",
               "regulator", "negotiator", "spokesperson", "spokesman", "spokeswoman", "insider");
}

// Time units: canonical name, or nullptr.
const char* time_unit(const Tok& w) {
  if (w.kind != Tok::kWord) return nullptr;
  if (w.any("year", "years", "yr", "yrs")) return "yr";
  if (w.any("month", "months")) return "month";
  if (w.any("week", "weeks")) return "week";
  if (w.any("day", "days")) return "day";
  if (w.any("hour", "hours", "hr", "hrs")) return "h";
  if (w.any("minute", "minutes")) return "min";
  if (w.any("second", "seconds")) return "s";
  if (w.any("decade", "decades")) return "decade";
  return nullptr;
}

class Scanner {
 public:
  Scanner(std::string_view t, std::vector<Quantity>& out) : t_(t), n_(t.size()), out_(out) {}

  void run() {
    std::size_t i = 0;
    while (i < n_) {
      const unsigned char c = static_cast<unsigned char>(t_[i]);
      if (is_digit(c)) {
        if (i >= last_end_ && fresh_digit(i)) {
          std::size_t e = scan_at(currency_start(i));
          if (e > i) { i = e; continue; }
        }
        std::size_t j = i;
        while (j < n_ && (is_alnum(t_[j]) || ((t_[j] == '.' || t_[j] == ',') && is_digit(at(j + 1))))) ++j;
        i = j;
        continue;
      }
      if (is_alpha(c)) {
        std::size_t j = i + 1;
        while (j < n_ && is_alnum(t_[j])) ++j;
        if (i >= last_end_ && (i == 0 || !is_alnum(t_[i - 1])) && may_start_number_word(i, j)) {
          std::size_t e = scan_at(i);
          if (e > i) { i = e; continue; }
        }
        i = j;
        continue;
      }
      ++i;
    }
  }

 private:
  unsigned char at(std::size_t p) const { return p < n_ ? static_cast<unsigned char>(t_[p]) : 0; }

  // ---- characters ----
  std::size_t space_len(std::size_t p) const {
    const unsigned char c = at(p);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c == 0xC2 && at(p + 1) == 0xA0) return 2;
    if (c == 0xE2) {
      const unsigned char c1 = at(p + 1), c2 = at(p + 2);
      if (c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF)) return 3;
      if (c1 == 0x81 && c2 == 0x9F) return 3;
    }
    if (c == 0xE3 && at(p + 1) == 0x80 && at(p + 2) == 0x80) return 3;
    return 0;
  }
  std::size_t space_before(std::size_t p) const {
    if (p == 0) return 0;
    const unsigned char c = at(p - 1);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (p >= 2 && c == 0xA0 && at(p - 2) == 0xC2) return 2;
    if (p >= 3 && space_len(p - 3) == 3) return 3;
    return 0;
  }
  std::size_t skip_spaces(std::size_t p) const {
    while (p < n_) {
      std::size_t s = space_len(p);
      if (!s) break;
      p += s;
    }
    return p;
  }
  // '-', U+2010..U+2015 (hyphens, en and em dash), U+2212 minus.
  std::size_t dash_len(std::size_t p) const {
    const unsigned char c = at(p);
    if (c == '-') return 1;
    if (c == 0xE2) {
      if (at(p + 1) == 0x80 && at(p + 2) >= 0x90 && at(p + 2) <= 0x95) return 3;
      if (at(p + 1) == 0x88 && at(p + 2) == 0x92) return 3;
    }
    return 0;
  }
  std::size_t dash_before(std::size_t p) const {
    if (p >= 1 && at(p - 1) == '-') return 1;
    if (p >= 3 && dash_len(p - 3) == 3) return 3;
    return 0;
  }
  // Latin letters: ASCII, and two-byte UTF-8 for U+00C0..U+024F (not × ÷).
  std::size_t word_char(std::size_t p) const {
    const unsigned char c = at(p);
    if (is_alpha(c)) return 1;
    if (c >= 0xC3 && c <= 0xC9) {
      const unsigned char d = at(p + 1);
      if (d < 0x80 || d > 0xBF) return 0;
      if (c == 0xC3 && (d == 0x97 || d == 0xB7)) return 0;
      return 2;
    }
    return 0;
  }
  std::size_t word_char_before(std::size_t p) const {
    if (p == 0) return 0;
    if (is_alpha(at(p - 1))) return 1;
    if (p >= 2 && word_char(p - 2) == 2) return 2;
    return 0;
  }
  std::size_t utf8_len(unsigned char c) const {
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
  }

  // ---- tokens ----
  void fill_word(Tok& k) const {
    k.kind = Tok::kWord;
    const std::size_t len = k.e - k.b;
    k.cap = is_upper(at(k.b));
    if (len > kMaxWord) {
      k.len = 0;
      return;
    }
    bool up = len >= 2;
    std::uint32_t h = 2166136261u;
    for (std::size_t i = 0; i < len; ++i) {
      unsigned char c = at(k.b + i);
      if (is_alpha(c) && !is_upper(c)) up = false;
      c = static_cast<unsigned char>(is_upper(c) ? c + 32 : c);
      k.low[i] = static_cast<char>(c);
      h ^= c;
      h *= 16777619u;
    }
    k.hash = h;
    k.upper = up;
    k.len = static_cast<std::uint8_t>(len);
  }
  // The token starting at or after p (spaces skipped).
  Tok next(std::size_t p) const {
    Tok k;
    while (p < n_) {
      std::size_t s = space_len(p);
      if (!s) break;
      if (t_[p] == '\n') k.nl = true;
      p += s;
    }
    k.b = static_cast<std::uint32_t>(p);
    if (p >= n_) {
      k.e = k.b;
      return k;
    }
    const unsigned char c = at(p);
    std::size_t q = p;
    if (word_char(p)) {
      while (q < n_) {
        std::size_t l = word_char(q);
        if (!l) break;
        q += l;
      }
      k.e = static_cast<std::uint32_t>(q);
      fill_word(k);
    } else if (is_digit(c)) {
      while (q < n_ && (is_digit(at(q)) || ((at(q) == '.' || at(q) == ',') && is_digit(at(q + 1))))) ++q;
      k.kind = Tok::kNum;
      k.e = static_cast<std::uint32_t>(q);
    } else {
      k.kind = Tok::kSym;
      k.e = static_cast<std::uint32_t>(std::min(n_, p + utf8_len(c)));
    }
    return k;
  }
  // The token ending at or before p (spaces skipped).
  Tok prev(std::size_t p) const {
    Tok k;
    while (p > 0) {
      std::size_t s = space_before(p);
      if (!s) break;
      if (at(p - 1) == '\n') k.nl = true;
      p -= s;
    }
    k.e = static_cast<std::uint32_t>(p);
    if (p == 0) {
      k.b = 0;
      return k;
    }
    if (word_char_before(p)) {
      while (p > 0) {
        std::size_t l = word_char_before(p);
        if (!l) break;
        p -= l;
      }
      k.b = static_cast<std::uint32_t>(p);
      fill_word(k);
    } else if (is_digit(at(p - 1))) {
      while (p > 0 && (is_digit(at(p - 1)) || ((at(p - 1) == '.' || at(p - 1) == ',') && p >= 2 && is_digit(at(p - 2))))) --p;
      k.kind = Tok::kNum;
      k.b = static_cast<std::uint32_t>(p);
    } else {
      --p;
      while (p > 0 && (at(p) & 0xC0) == 0x80 && k.e - p < 4) --p;
      k.kind = Tok::kSym;
      k.b = static_cast<std::uint32_t>(p);
    }
    return k;
  }
  bool sym_is(const Tok& k, char c) const { return k.kind == Tok::kSym && k.e - k.b == 1 && at(k.b) == static_cast<unsigned char>(c); }
  bool sym_is(const Tok& k, std::string_view s) const {
    return k.kind == Tok::kSym && k.e - k.b == s.size() && t_.substr(k.b, s.size()) == s;
  }
  bool is_dash_tok(const Tok& k) const { return k.kind == Tok::kSym && dash_len(k.b) == k.e - k.b; }
  std::string_view orig(const Tok& k) const { return t_.substr(k.b, k.e - k.b); }
  // A sentence boundary token for the context windows.
  bool is_boundary(const Tok& k) const {
    if (k.kind == Tok::kEnd) return true;
    if (k.kind != Tok::kSym) return false;
    const unsigned char c = at(k.b);
    return c == '.' || c == '!' || c == '?' || c == ';' || c == ':';
  }
  // The next word after p, joined by spaces or by a single dash ("10-year").
  Tok next_joined(std::size_t p) const {
    Tok k = next(p);
    if (k.b == p && is_dash_tok(k) && word_char(k.e)) return next(k.e);
    return k;
  }

  // ---- triggers ----
  // A digit that starts a figure: not glued to letters ("Q3", "FY25"), nor the
  // tail of a date, URL, time or code ("2025-06-12", "/2024/", "10:30").
  bool fresh_digit(std::size_t i) const {
    if (i == 0) return true;
    const unsigned char c = at(i - 1);
    if (is_alnum(c) || c == '/' || c == ':' || c == '_' || c == '@' || c == '#' || c == '&' || c == '=') return false;
    if (c == '.' || c == ',') return !(i >= 2 && is_alnum(at(i - 2)));
    if (std::size_t d = dash_before(i)) {
      if (i > d && (is_alnum(at(i - d - 1)))) return false;
    }
    return true;
  }
  bool may_start_number_word(std::size_t b, std::size_t e) const {
    const std::size_t len = e - b;
    if (len > 9) return false;
    // cheap filter on the first letter and the length before comparing
    static constexpr std::uint16_t kLens[26] = {
        /*a*/ 1u << 1 | 1u << 2, 0, 0, 0, /*e*/ 1u << 5 | 1u << 6 | 1u << 8, /*f*/ 1u << 4 | 1u << 5 | 1u << 7 | 1u << 8,
        0, /*h*/ 1u << 4, 0, 0, 0, 0, 0, /*n*/ 1u << 4 | 1u << 6 | 1u << 8, /*o*/ 1u << 3, 0, 0, 0,
        /*s*/ 1u << 3 | 1u << 5 | 1u << 7 | 1u << 9, /*t*/ 1u << 3 | 1u << 5 | 1u << 6 | 1u << 8, 0, 0, 0, 0, 0, 0};
    const unsigned first = static_cast<unsigned>((at(b) | 0x20) - 'a');
    if (first >= 26 || !(kLens[first] >> len & 1u)) return false;
    if (first == 0) {  // "a", "an": only before half, third, quarter, fifth, tenth, dozen, hundred, thousand, million ...
      const unsigned char c = at(skip_spaces(e)) | 0x20;
      if (c != 'h' && c != 't' && c != 'q' && c != 'f' && c != 'd' && c != 'm' && c != 'b') return false;
    }
    char w[10] = {};
    for (std::size_t k = 0; k < len; ++k) w[k] = static_cast<char>(at(b + k) | 0x20);
    const std::string_view s(w, len);
    switch (w[0]) {
      case 'a': return s == "a" || s == "an";
      case 'o': return s == "one";
      case 't': return s == "two" || s == "three" || s == "ten" || s == "twelve" || s == "twenty" || s == "thirty" || s == "thirteen";
      case 'f': return s == "four" || s == "five" || s == "fourteen" || s == "fifteen" || s == "forty" || s == "fifty";
      case 's': return s == "six" || s == "seven" || s == "sixteen" || s == "seventeen" || s == "sixty" || s == "seventy";
      case 'e': return s == "eight" || s == "eleven" || s == "eighteen" || s == "eighty";
      case 'n': return s == "nine" || s == "nineteen" || s == "ninety";
      case 'h': return s == "half";
      default: return false;
    }
  }

  // ---- numbers ----
  struct Num {
    double v = 0;
    std::size_t end = 0;
    int int_digits = 0;
    bool plain = true;  // digits only
    bool decimal = false;  // has a decimal point
  };
  bool parse_number(std::size_t p, Num& m) const {
    char buf[72];
    int k = 0;
    std::size_t q = p;
    while (q < n_ && is_digit(at(q))) {
      if (k < 40) buf[k++] = static_cast<char>(at(q));
      ++q;
      ++m.int_digits;
    }
    if (m.int_digits > 15) return false;
    if (m.int_digits <= 3) {
      for (;;) {
        std::size_t sep = 0;
        if (at(q) == ',') sep = 1;
        else if (std::size_t s = space_len(q); s >= 2) sep = s;  // NBSP, thin space
        if (!sep) break;
        const std::size_t r = q + sep;
        if (!(is_digit(at(r)) && is_digit(at(r + 1)) && is_digit(at(r + 2)) && !is_digit(at(r + 3)))) break;
        if (k > 36) return false;
        for (int d = 0; d < 3; ++d) buf[k++] = static_cast<char>(at(r + d));
        q = r + 3;
        m.int_digits += 3;
        m.plain = false;
      }
    }
    if (at(q) == '.' && is_digit(at(q + 1))) {
      buf[k++] = '.';
      m.decimal = true;
      ++q;
      while (q < n_ && is_digit(at(q))) {
        if (k < 70) buf[k++] = static_cast<char>(at(q));
        ++q;
      }
      m.plain = false;
    }
    auto [ptr, ec] = std::from_chars(buf, buf + k, m.v);
    (void)ptr;
    if (ec != std::errc()) return false;
    m.end = q;
    return true;
  }

  static int unit_word_value(const Tok& w) {
    static constexpr std::array<std::string_view, 20> kUnits = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    if (w.kind != Tok::kWord) return -1;
    for (std::size_t i = 1; i < kUnits.size(); ++i)
      if (w.lw() == kUnits[i]) return static_cast<int>(i);
    return -1;
  }
  static int tens_word_value(const Tok& w) {
    static constexpr std::array<std::string_view, 8> kTens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    if (w.kind != Tok::kWord) return -1;
    for (std::size_t i = 0; i < kTens.size(); ++i)
      if (w.lw() == kTens[i]) return static_cast<int>(20 + 10 * i);
    return -1;
  }
  static double fraction_den(const Tok& w) {
    if (w.any("half", "halves")) return 2;
    if (w.any("third", "thirds")) return 3;
    if (w.any("quarter", "quarters")) return 4;
    if (w.any("fifth", "fifths")) return 5;
    if (w.any("tenth", "tenths")) return 10;
    return 0;
  }
  static double scale_word(const Tok& w) {
    if (w.any("thousand")) return 1e3;
    if (w.any("million", "mn", "mln")) return 1e6;
    if (w.any("billion", "bn", "bln")) return 1e9;
    if (w.any("trillion", "tn")) return 1e12;
    if (w.any("crore", "crores")) return 1e7;
    if (w.any("lakh", "lakhs")) return 1e5;
    return 0;
  }

  // Number words: "seven", "twenty-five", "a third", "two-thirds", "a dozen",
  // "half", "a million" (the scale is left for the caller).
  bool parse_word_number(std::size_t p, One& a) const {
    Tok w = next(p);
    if (w.kind != Tok::kWord) return false;
    a.word = true;
    if (w.any("a", "an")) {
      Tok x = next(w.e);
      if (x.nl) return false;
      if (double d = fraction_den(x)) {
        if (x.ends("s")) return false;
        a.raw = 1 / d;
        a.fraction = true;
        a.num_end = x.e;
        return true;
      }
      if (x.is("dozen")) { a.raw = 12; a.num_end = x.e; return true; }
      if (x.is("hundred")) { a.raw = 100; a.num_end = x.e; return true; }
      if (scale_word(x) && !x.any("crore", "crores", "lakh", "lakhs", "mn", "mln", "bn", "bln", "tn")) {
        a.raw = 1;
        a.num_end = w.e;
        return true;
      }
      return false;
    }
    if (w.is("half")) {
      a.raw = 0.5;
      a.fraction = true;
      a.num_end = w.e;
      return true;
    }
    double v = 0;
    std::size_t end = w.e;
    if (int tens = tens_word_value(w); tens > 0) {
      v = tens;
      if (std::size_t d = dash_len(w.e); d) {
        Tok u = next(w.e + d);
        int uv = unit_word_value(u);
        if (u.b == w.e + d && uv > 0 && uv < 10) {
          v += uv;
          end = u.e;
        }
      }
    } else if (int uv = unit_word_value(w); uv > 0) {
      v = uv;
      a.one = uv == 1;
    } else {
      return false;
    }
    // "two-thirds", "three quarters", "one third"
    Tok f = next_joined(end);
    if (!f.nl) {
      if (double d = fraction_den(f); d > 0 && v < d) {
        a.raw = v / d;
        a.fraction = true;
        a.one = false;
        a.num_end = f.e;
        return true;
      }
      if (f.is("hundred")) { v *= 100; end = f.e; a.one = false; }
      else if (f.is("dozen")) { v *= 12; end = f.e; a.one = false; }
    }
    a.raw = v;
    a.num_end = end;
    return true;
  }

  // ---- currency ----
  // Currency prefix at p: "$", "US$", "A$", "C$", "€", "£", "¥", "₹", "Rs",
  // "USD", "RMB" ... Returns the ISO code and sets *end to the digit after it.
  const char* parse_currency(std::size_t p, std::size_t* end) const {
    const unsigned char c = at(p);
    const char* code = nullptr;
    std::size_t q = p;
    if (c == '$') {
      code = "USD";
      q = p + 1;
    } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xAC) {
      code = "EUR", q = p + 3;
    } else if (c == 0xC2 && at(p + 1) == 0xA3) {
      code = "GBP", q = p + 2;
    } else if (c == 0xC2 && at(p + 1) == 0xA5) {
      code = "CNY", q = p + 2;
    } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xB9) {
      code = "INR", q = p + 3;
    } else if (c == 0xE2 && at(p + 1) == 0x82 && at(p + 2) == 0xA9) {
      code = "KRW", q = p + 3;
    } else if (is_alpha(c)) {
      std::size_t r = p;
      while (r < n_ && is_alpha(at(r)) && r - p < 4) ++r;
      if (is_alpha(at(r))) return nullptr;
      const std::string_view s = t_.substr(p, r - p);
      if (at(r) == '$') {
        if (s == "US" || s == "U.S") code = "USD";
        else if (s == "A" || s == "AU") code = "AUD";
        else if (s == "C" || s == "CA" || s == "CAN" || s == "CDN") code = "CAD";
        else if (s == "HK") code = "HKD";
        else if (s == "NZ") code = "NZD";
        else if (s == "S" || s == "SG") code = "SGD";
        else if (s == "R") code = "BRL";
        else if (s == "NT") code = "TWD";
        else if (s == "MX") code = "MXN";
        else return nullptr;
        q = r + 1;
      } else {
        if (s == "USD") code = "USD";
        else if (s == "EUR") code = "EUR";
        else if (s == "AUD") code = "AUD";
        else if (s == "CAD") code = "CAD";
        else if (s == "CNY" || s == "RMB") code = "CNY";
        else if (s == "JPY") code = "JPY";
        else if (s == "GBP") code = "GBP";
        else if (s == "INR" || s == "Rs") code = "INR";
        else if (s == "HKD") code = "HKD";
        else if (s == "SGD") code = "SGD";
        else if (s == "NZD") code = "NZD";
        else if (s == "CHF") code = "CHF";
        else if (s == "KRW") code = "KRW";
        else if (s == "BRL") code = "BRL";
        else if (s == "ZAR") code = "ZAR";
        else if (s == "MYR" || s == "RM") code = "MYR";
        else return nullptr;
        q = r;
        if (s == "Rs" && at(q) == '.') ++q;
      }
    } else {
      return nullptr;
    }
    // at most one space between the symbol and the number
    if (std::size_t s = space_len(q); s && is_digit(at(q + s))) q += s;
    if (!is_digit(at(q))) return nullptr;
    *end = q;
    return code;
  }
  // Where a figure whose first digit is at d starts, including a currency prefix.
  std::size_t currency_start(std::size_t d) const {
    std::size_t p = d;
    if (std::size_t s = space_before(p); s) p -= s;
    if (p == 0) return d;
    std::size_t cands[3];
    int nc = 0;
    const unsigned char c = at(p - 1);
    if (c == '$') {
      std::size_t r = p - 1;
      while (r > 0 && is_alpha(at(r - 1)) && p - 1 - r < 3) --r;
      if (r < p - 1) cands[nc++] = r;
      cands[nc++] = p - 1;
    } else if (c >= 0x80) {
      if (p >= 2) cands[nc++] = p - 2;
      if (p >= 3) cands[nc++] = p - 3;
    } else if (is_alpha(c) || c == '.') {
      std::size_t r = p;
      if (c == '.') --r;
      std::size_t e = r;
      while (r > 0 && is_alpha(at(r - 1)) && e - r < 4) --r;
      if (r < e && (r == 0 || !is_alnum(at(r - 1)))) cands[nc++] = r;
    }
    for (int i = 0; i < nc; ++i) {
      std::size_t end = 0;
      const std::size_t s = cands[i];
      if (s < last_end_) continue;
      if (s > 0 && is_alnum(at(s - 1))) continue;
      if (parse_currency(s, &end) && end == d) return s;
    }
    return d;
  }

  // ---- units ----
  // "a year", "per annum", "/yr", "annually", "-a-year"; for money also "per kg",
  // "a tonne", "/lb", "a share". Returns the end and the per-unit, or 0.
  std::size_t parse_per(std::size_t p, bool money, const char** per) const {
    Tok w = next(p);
    if (w.nl) return 0;
    if (w.b == p && is_dash_tok(w)) w = next(w.e);  // "-a-year"
    Tok x;
    if (sym_is(w, '/')) {
      x = next(w.e);
      if (x.b != w.e || x.kind != Tok::kWord) return 0;
      if (x.any("yr", "y", "a", "year", "annum", "yea")) { *per = "yr"; return x.e; }
      if (x.any("d", "day")) { *per = "day"; return x.e; }
      if (x.any("month", "mo")) { *per = "month"; return x.e; }
      if (!money) return 0;
    } else if (w.kind == Tok::kWord && w.any("a", "an", "per", "each", "every")) {
      x = next_joined(w.e);
      if (x.nl || x.kind != Tok::kWord) return 0;
      if (x.any("year", "yr", "annum")) { *per = "yr"; return x.e; }
      if (x.is("day")) { *per = "day"; return x.e; }
      if (x.is("month")) { *per = "month"; return x.e; }
      if (money && x.is("hour")) { *per = "h"; return x.e; }
      if (!money || w.is("every")) return 0;
    } else if (w.kind == Tok::kWord) {
      if (w.any("annually", "yearly")) { *per = "yr"; return w.e; }
      if (w.is("daily")) { *per = "day"; return w.e; }
      if (w.is("monthly")) { *per = "month"; return w.e; }
      if (w.is("p")) {  // p.a.
        Tok d1 = next(w.e), a = next(d1.e), d2 = next(a.e);
        if (sym_is(d1, '.') && a.is("a") && sym_is(d2, '.') && d1.b == w.e && a.b == d1.e) { *per = "yr"; return d2.e; }
      }
      return 0;
    } else {
      return 0;
    }
    // money per unit
    const std::string_view o = orig(x);
    if (x.any("kg", "kilogram", "kilogramme", "kilo")) { *per = "kg"; return x.e; }
    if (x.any("tonne", "ton", "t") || o == "mt" || o == "MT") { *per = "t"; return x.e; }
    if (x.is("metric")) {
      Tok y = next(x.e);
      if (y.any("ton", "tonne")) { *per = "t"; return y.e; }
      return 0;
    }
    if (x.any("lb", "pound")) { *per = "lb"; return x.e; }
    if (x.any("oz", "ounce")) { *per = "oz"; return x.e; }
    if (x.is("share")) { *per = "share"; return x.e; }
    if (x.any("barrel", "bbl")) { *per = "bbl"; return x.e; }
    if (x.is("mwh")) { *per = "MWh"; return x.e; }
    if (x.is("kwh")) { *per = "kWh"; return x.e; }
    if (x.is("g")) { *per = "g"; return x.e; }
    return 0;
  }

  static bool is_time_per(const char* per) {
    return std::strcmp(per, "yr") == 0 || std::strcmp(per, "day") == 0 || std::strcmp(per, "month") == 0 ||
           std::strcmp(per, "h") == 0;
  }

  // Unit after the number (+ scale). Sets a.dim / a.unit / a.factor and
  // returns the end of the unit word(s), or 0 when none. `glued` says the
  // token touches the number ("10kt"), in which case only abbreviations count.
  std::size_t parse_unit(std::size_t p, One& a, bool* glued_reject) const {
    *glued_reject = false;
    Tok w = next(p);
    if (w.nl) return 0;
    bool glued = w.b == p;
    bool hyphened = false;
    if (glued && is_dash_tok(w) && word_char(w.e)) {  // "10-year", "14,000-hectare"
      w = next(w.e);
      glued = false;
      hyphened = true;
    }
    if (w.kind == Tok::kSym) {
      const std::string_view s = orig(w);
      if (s == "%" || s == "\xEF\xBC\x85") { a.dim = Dim::kPercent; a.unit = "%"; return w.e; }
      if (glued && (s == "\xC3\x97")) { a.dim = Dim::kMult; a.unit = "x"; return w.e; }  // 3×
      return 0;
    }
    if (w.kind != Tok::kWord) return 0;
    const std::string_view o = orig(w);
    auto set = [&](Dim d, const char* u, double f) {
      a.dim = d;
      a.unit = u;
      a.factor = f;
    };
    // abbreviations (case-sensitive) -----------------------------------
    std::size_t end = w.e;
    bool hit = true;
    if (o == "t" || o == "mt" || o == "MT" || o == "T") set(Dim::kMass, "t", 1);
    else if (o == "kt" || o == "Kt" || o == "KT") set(Dim::kMass, "t", 1e3);
    else if (o == "Mt") set(Dim::kMass, "t", 1e6);
    else if (o == "Gt") set(Dim::kMass, "t", 1e9);
    else if (o == "kg" || o == "kgs") set(Dim::kMass, "t", 1e-3);
    else if (o == "g" && at(w.e) == '/' && at(w.e + 1) == 't' && !is_alpha(at(w.e + 2))) { set(Dim::kGrade, "g/t", 1); end = w.e + 2; }
    else if (o == "g") set(Dim::kMass, "t", 1e-6);
    else if (o == "lb" || o == "lbs") set(Dim::kMass, "t", 4.5359237e-4);
    else if (o == "oz") set(Dim::kMass, "oz", 1);
    else if (o == "tpa" || o == "tpy" || o == "TPA" || o == "tpy") set(Dim::kMassRate, "t/yr", 1);
    else if (o == "ktpa" || o == "ktpy" || o == "ktpa" || o == "ktpy") set(Dim::kMassRate, "t/yr", 1e3);
    else if (o == "Mtpa" || o == "mtpa" || o == "MTPA" || o == "Mtpy") set(Dim::kMassRate, "t/yr", 1e6);
    else if (o == "km" && (at(w.e) == '2' || (at(w.e) == 0xC2 && at(w.e + 1) == 0xB2))) { set(Dim::kArea, "km2", 1); end = w.e + (at(w.e) == '2' ? 1 : 2); }
    else if (o == "m" && !a.has_scale && (at(w.e) == '2' || (at(w.e) == 0xC2 && at(w.e + 1) == 0xB2))) { set(Dim::kArea, "m2", 1); end = w.e + (at(w.e) == '2' ? 1 : 2); }
    else if (o == "km") set(Dim::kLength, "km", 1);
    else if (o == "m" && !a.has_scale) set(Dim::kLength, "m", 1);
    else if (o == "ft") set(Dim::kLength, "m", 0.3048);
    else if (o == "ha") set(Dim::kArea, "ha", 1);
    else if (o == "MW") set(Dim::kPower, "MW", 1);
    else if (o == "GW") set(Dim::kPower, "MW", 1e3);
    else if (o == "kW") set(Dim::kPower, "MW", 1e-3);
    else if (o == "MWh") set(Dim::kEnergy, "GWh", 1e-3);
    else if (o == "GWh") set(Dim::kEnergy, "GWh", 1);
    else if (o == "TWh") set(Dim::kEnergy, "GWh", 1e3);
    else if (o == "kWh") set(Dim::kEnergy, "GWh", 1e-6);
    else if (o == "ppm") set(Dim::kGrade, "ppm", 1);
    else if (o == "ppb") set(Dim::kGrade, "ppb", 1);
    else if (o == "pct" || (o == "pc" && glued)) set(Dim::kPercent, "%", 1);
    else if (o == "tpd") set(Dim::kMassRate, "t/day", 1);
    else if (o == "kta") set(Dim::kMassRate, "t/yr", 1e3);
    else if (o == "bbl") set(Dim::kVolume, "bbl", 1);
    else if (o == "bp" || o == "bps") set(Dim::kPoints, "bp", 1);
    else if (o == "pp") set(Dim::kPoints, "pp", 1);
    else if (o == "x" && glued) set(Dim::kMult, "x", 1);
    else if ((o == "yr" || o == "yrs")) set(Dim::kDuration, "yr", 1);
    else if (o == "USD" || o == "EUR" || o == "AUD" || o == "CAD" || o == "CNY" || o == "RMB" || o == "JPY" || o == "GBP" || o == "INR") {
      if (glued) return 0;
      a.cur = o == "USD" ? "USD" : o == "EUR" ? "EUR" : o == "AUD" ? "AUD" : o == "CAD" ? "CAD" : (o == "CNY" || o == "RMB") ? "CNY" : o == "JPY" ? "JPY" : o == "GBP" ? "GBP" : "INR";
      a.dim = Dim::kMoney;
      a.unit = a.cur;
    } else hit = false;
    if (hit) {
      if (is_alnum(at(end))) { *glued_reject = glued; a.dim = Dim::kBare; a.unit.clear(); a.factor = 1; return 0; }
      return end;
    }
    if (glued) {
      *glued_reject = true;
      return 0;
    }
    // words ----------------------------------------------------------------
    hit = true;
    if (w.any("tonne", "tonnes", "ton", "tons", "tonnage")) set(Dim::kMass, "t", 1);
    else if (w.any("kilotonne", "kilotonnes", "kiloton", "kilotons")) set(Dim::kMass, "t", 1e3);
    else if (w.any("megatonne", "megatonnes", "megaton", "megatons")) set(Dim::kMass, "t", 1e6);
    else if (w.any("kilogram", "kilograms", "kilogramme", "kilogrammes", "kilos", "kilo")) set(Dim::kMass, "t", 1e-3);
    else if (w.any("gram", "grams", "gramme", "grammes")) {
      Tok x = next(w.e), y = next(x.e);
      if (x.is("per") && y.any("tonne", "ton", "t")) { set(Dim::kGrade, "g/t", 1); end = y.e; }
      else set(Dim::kMass, "t", 1e-6);
    } else if (w.any("pound", "pounds")) {
      Tok x = next(w.e);
      if (x.is("sterling")) { a.cur = "GBP"; a.dim = Dim::kMoney; a.unit = "GBP"; end = x.e; }
      else set(Dim::kMass, "t", 4.5359237e-4);
    } else if (w.any("ounce", "ounces")) set(Dim::kMass, "oz", 1);
    else if (w.is("metric")) {
      Tok x = next(w.e);
      if (x.any("ton", "tons", "tonne", "tonnes")) { set(Dim::kMass, "t", 1); end = x.e; }
      else hit = false;
    } else if (w.any("percent", "pct")) set(Dim::kPercent, "%", 1);
    else if (w.is("per")) {
      Tok x = next_joined(w.e);
      if (x.is("cent")) { set(Dim::kPercent, "%", 1); end = x.e; }
      else hit = false;
    } else if (w.is("percentage")) {
      Tok x = next(w.e);
      if (x.any("point", "points")) { set(Dim::kPoints, "pp", 1); end = x.e; }
      else hit = false;
    } else if (w.is("basis")) {
      Tok x = next(w.e);
      if (x.any("point", "points")) { set(Dim::kPoints, "bp", 1); end = x.e; }
      else hit = false;
    } else if (w.any("kilometre", "kilometres", "kilometer", "kilometers")) set(Dim::kLength, "km", 1);
    else if (w.any("mile", "miles")) set(Dim::kLength, "km", 1.609344);
    else if (w.any("metre", "metres", "meter", "meters")) set(Dim::kLength, "m", 1);
    else if (w.any("foot", "feet")) set(Dim::kLength, "m", 0.3048);
    else if (w.any("hectare", "hectares")) set(Dim::kArea, "ha", 1);
    else if (w.any("acre", "acres")) set(Dim::kArea, "ha", 0.40468564224);
    else if (w.any("square", "sq")) {
      Tok x = next_joined(w.e);
      if (x.any("kilometre", "kilometres", "kilometer", "kilometers", "km")) { set(Dim::kArea, "km2", 1); end = x.e; }
      else if (x.any("mile", "miles", "mi")) { set(Dim::kArea, "km2", 2.589988110336); end = x.e; }
      else if (x.any("metre", "metres", "meter", "meters", "m")) { set(Dim::kArea, "m2", 1); end = x.e; }
      else if (x.any("foot", "feet", "ft")) { set(Dim::kArea, "m2", 0.09290304); end = x.e; }
      else hit = false;
    } else if (w.is("cubic")) {
      Tok x = next_joined(w.e);
      if (x.any("metre", "metres", "meter", "meters", "m")) { set(Dim::kVolume, "m3", 1); end = x.e; }
      else hit = false;
    } else if (w.any("barrel", "barrels")) set(Dim::kVolume, "bbl", 1);
    else if (w.any("litre", "litres", "liter", "liters")) set(Dim::kVolume, "m3", 1e-3);
    else if (w.any("megawatt", "megawatts")) set(Dim::kPower, "MW", 1);
    else if (w.any("gigawatt", "gigawatts")) set(Dim::kPower, "MW", 1e3);
    else if (w.any("kilowatt", "kilowatts")) set(Dim::kPower, "MW", 1e-3);
    else if (w.any("times", "fold")) {
      if (w.is("fold") && !hyphened) hit = false;
      else set(Dim::kMult, "x", 1);
    } else if (const char* tu = time_unit(w)) set(Dim::kDuration, tu, 1);
    else if (w.any("dollar", "dollars")) { a.cur = "USD"; a.dim = Dim::kMoney; a.unit = "USD"; }
    else if (w.any("australian", "canadian", "us", "singapore", "taiwan", "hong", "new")) {
      Tok x = next(w.e);
      const char* code = w.is("australian") ? "AUD" : w.is("canadian") ? "CAD" : w.is("us") ? "USD" : w.is("singapore") ? "SGD" : w.is("taiwan") ? "TWD" : nullptr;
      if (w.is("hong") && x.is("kong")) { code = "HKD"; x = next(x.e); }
      if (w.is("new") && x.is("zealand")) { code = "NZD"; x = next(x.e); }
      if (code && x.any("dollar", "dollars")) { a.cur = code; a.dim = Dim::kMoney; a.unit = code; end = x.e; }
      else hit = false;
    } else if (w.any("euro", "euros")) { a.cur = "EUR"; a.dim = Dim::kMoney; a.unit = "EUR"; }
    else if (w.any("cent", "cents")) { a.cur = "USD"; a.dim = Dim::kMoney; a.unit = "USD"; a.factor = 0.01; }
    else if (w.any("yuan", "renminbi", "rmb")) { a.cur = "CNY"; a.dim = Dim::kMoney; a.unit = "CNY"; }
    else if (w.is("yen")) { a.cur = "JPY"; a.dim = Dim::kMoney; a.unit = "JPY"; }
    else if (w.any("rupee", "rupees")) { a.cur = "INR"; a.dim = Dim::kMoney; a.unit = "INR"; }
    else if (w.is("ringgit")) { a.cur = "MYR"; a.dim = Dim::kMoney; a.unit = "MYR"; }
    else if (w.is("sterling")) { a.cur = "GBP"; a.dim = Dim::kMoney; a.unit = "GBP"; }
    else hit = false;
    return hit ? end : 0;
  }

  // Words after "of" (up to 6) that name what was measured, stopping at a
  // rate, which then closes the figure ("tonnes of NdPr oxide a year").
  void parse_material(std::size_t p, One& a, bool want_rate) const {
    Tok of = next(p);
    if (!of.is("of") || of.nl) return;
    std::size_t q = of.e, mb = 0, me = 0;
    for (int i = 0; i < 8; ++i) {
      if (want_rate) {
        const char* per = nullptr;
        if (std::size_t r = parse_per(q, false, &per); r && me) {
          a.unit += '/';
          a.unit += per;
          a.dim = a.dim == Dim::kMass ? Dim::kMassRate : a.dim;
          a.e = r;
          break;
        }
      }
      Tok w = next(q);
      if (w.nl) break;
      if (w.kind == Tok::kSym) {
        const unsigned char c = at(w.b);
        if (is_dash_tok(w) || c == '(' || c == ')' || c == '\'' || sym_is(w, "\xE2\x80\x99")) { q = w.e; continue; }
        break;
      }
      if (w.kind != Tok::kWord) break;
      if (is_stop(w) && !w.any("and", "or")) break;
      if (w.any("roughly", "approximately", "nearly", "almost", "more", "less", "some", "grading", "worth")) break;
      if (!mb) mb = w.b;
      if (!w.any("and", "or")) me = w.e;
      q = w.e;
    }
    if (me > mb) {
      a.mat_b = mb;
      a.mat_e = me;
    }
  }

  // A count's noun ("47 strategic projects", "seven medium and heavy rare
  // earths") or a duration with modifiers ("45 working days").
  bool parse_head(std::size_t p, One& a) const {
    std::size_t q = p;
    int mods = 0;
    for (int i = 0; i < 8; ++i) {
      Tok w = next(q);
      if (w.nl) return false;
      if (i == 0 && is_month(w)) return false;
      if (w.kind == Tok::kSym && is_dash_tok(w) && mods > 0) { q = w.e; continue; }
      if (w.kind != Tok::kWord || w.len == 0) return false;
      if (is_stop(w) && !(mods > 0 && w.any("and", "or"))) return false;
      if (const char* tu = time_unit(w)) {
        a.dim = Dim::kDuration;
        a.unit = tu;
        a.unit_end = w.e;
        return true;
      }
      if (is_plural_noun(w)) {
        a.dim = Dim::kCount;
        a.unit = "count";
        a.head.assign(w.low, w.len);
        a.person = is_informant(w, true);
        a.unit_end = w.e;
        return true;
      }
      if (++mods > 4) return false;
      q = w.e;
    }
    return false;
  }
  // "one" counts only informants ("one of the people", "one trader") and units.
  bool parse_one_informant(std::size_t p, One& a) const {
    Tok w = next(p);
    if (w.is("of")) {
      Tok x = next(w.e);
      if (x.any("the", "those", "these", "two", "three", "four")) x = next(x.e);
      if (is_informant(x, true)) {
        a.dim = Dim::kCount;
        a.unit = "count";
        a.head.assign(x.low, x.len);
        a.person = true;
        a.unit_end = x.e;
        return true;
      }
      return false;
    }
    for (int i = 0; i < 3 && w.kind == Tok::kWord && !is_stop(w); ++i) {
      if (is_informant(w, false)) {
        a.dim = Dim::kCount;
        a.unit = "count";
        a.head.assign(w.low, w.len);
        a.person = true;
        a.unit_end = w.e;
        return true;
      }
      w = next(w.e);
    }
    return false;
  }

  // [currency] number [scale] [unit [rate] [of material [rate]]] | count
  bool parse_one(std::size_t s, One& a) const {
    a = One{};
    a.b = s;
    std::size_t p = s;
    std::size_t after = 0;
    if (const char* cur = parse_currency(p, &after)) {
      a.cur = cur;
      p = after;
    }
    if (is_digit(at(p))) {
      Num m;
      if (!parse_number(p, m)) return false;
      a.raw = m.v;
      a.decimal = m.decimal;
      p = m.end;
      a.year_like = !a.cur && m.plain && m.int_digits == 4 && m.v >= 1800 && m.v <= 2100;
      // times, dates, fractions, ordinals glued to the number
      const unsigned char c = at(p);
      if ((c == ':' || c == '/') && is_digit(at(p + 1))) return false;
      if (std::size_t d = dash_len(p); d && is_digit(at(p + d)) && m.plain) {
        // ISO date 2025-06-12
        std::size_t r = p + d;
        while (is_digit(at(r))) ++r;
        if (dash_len(r) && is_digit(at(r + dash_len(r)))) return false;
      }
    } else if (!a.cur && is_alpha(at(p))) {
      if (!parse_word_number(p, a)) return false;
      p = a.num_end;
    } else {
      return false;
    }
    a.num_end = p;

    // scale
    {
      Tok w = next(p);
      const bool glued = w.b == p;
      double sc = 0;
      std::size_t end = w.e;
      if (w.kind == Tok::kWord && !w.nl) {
        const std::string_view o = orig(w);
        if (glued && !a.word) {
          if (o == "k" || o == "K") sc = 1e3;
          else if (o == "m" && a.cur) sc = 1e6;
          else if (o == "m" && !a.cur) { sc = 1e6; a.glued_m = true; }
          else if (o == "M" || o == "mn" || o == "mln" || o == "MN") sc = 1e6;
          else if (o == "bn" || o == "bln" || o == "Bn" || o == "BN" || ((o == "b" || o == "B") && a.cur)) sc = 1e9;
          else if (o == "tn" || o == "trn" || (o == "T" && a.cur)) sc = 1e12;
          if (!sc && w.len >= 7) sc = scale_word(w);  // "$1billion", "$45.1million"
          if (sc && is_alnum(at(w.e))) sc = 0;
        } else if (!glued) {
          sc = scale_word(w);
        }
      } else if (glued && w.kind == Tok::kSym && is_dash_tok(w)) {
        Tok x = next(w.e);
        if (x.b == w.e && x.kind == Tok::kWord && (sc = scale_word(x))) end = x.e;
      }
      if (sc) {
        if (a.fraction) {
          // "half a million": only with "a" between
          a.fraction = false;
        }
        a.scale = sc;
        a.has_scale = true;
        p = end;
        a.num_end = p;
      } else if (a.fraction && w.is("a")) {
        Tok x = next(w.e);
        if (double s2 = scale_word(x); s2 && a.raw == 0.5) {
          a.fraction = false;
          a.scale = s2;
          a.has_scale = true;
          p = x.e;
          a.num_end = p;
        }
      }
    }

    // "one in five", "two in 10": a ratio, as a percentage
    if (!a.cur && !a.has_scale && !a.fraction && a.raw > 0) {
      Tok in = next(p);
      if (in.is("in") && !in.nl) {
        const std::size_t s2 = skip_spaces(in.e);
        double den = 0;
        std::size_t dend = 0;
        Num m2;
        One w2;
        if (is_digit(at(s2)) && parse_number(s2, m2) && m2.plain && !is_alnum(at(m2.end))) {
          den = m2.v;
          dend = m2.end;
        } else if (is_alpha(at(s2)) && parse_word_number(s2, w2) && !w2.fraction && w2.raw > 1) {
          den = w2.raw;
          dend = w2.num_end;
        }
        if (den > a.raw && den <= 100 && std::floor(den) == den) {
          a.raw = a.raw / den;
          a.one = false;
          a.dim = Dim::kPercent;
          a.unit = "%";
          a.factor = 100;
          a.unit_end = a.e = dend;
          return true;
        }
      }
    }

    if (a.fraction) {
      Tok w = next(p);
      if (w.any("of", "the")) {
        a.dim = Dim::kPercent;
        a.unit = "%";
        a.factor = 100;
        a.unit_end = p;
        a.e = p;
        if (w.is("of")) parse_material(p, a, false);
        return true;
      }
      a.e = p;
      a.unit_end = p;
      return true;  // bare fraction: only good as the low end of a range
    }

    if (a.cur) {
      a.dim = Dim::kMoney;
      a.unit = a.cur;
      a.unit_end = p;
      a.e = p;
      const char* per = nullptr;
      if (std::size_t r = parse_per(p, true, &per)) {
        a.unit += '/';
        a.unit += per;
        a.dim = is_time_per(per) ? Dim::kMoneyRate : Dim::kPrice;
        a.e = r;
      }
      return true;
    }

    bool glued_reject = false;
    std::size_t ue = parse_unit(p, a, &glued_reject);
    if (glued_reject) return false;
    if (ue) {
      a.unit_end = ue;
      a.e = ue;
      if (a.dim == Dim::kMoney) {
        const char* per = nullptr;
        if (std::size_t r = parse_per(ue, true, &per)) {
          a.unit += '/';
          a.unit += per;
          a.dim = is_time_per(per) ? Dim::kMoneyRate : Dim::kPrice;
          a.e = r;
        }
      } else if (a.dim == Dim::kMass || a.dim == Dim::kEnergy || a.dim == Dim::kVolume) {
        const char* per = nullptr;
        if (std::size_t r = parse_per(ue, false, &per)) {
          a.unit += '/';
          a.unit += per;
          if (a.dim == Dim::kMass) a.dim = Dim::kMassRate;
          a.e = r;
          parse_material(r, a, false);
        } else {
          parse_material(ue, a, true);
        }
      } else if (a.dim == Dim::kMassRate || a.dim == Dim::kPercent) {
        parse_material(ue, a, false);
      }
      return true;
    }
    if (a.glued_m) {  // "12m" with no unit after it: metres
      a.scale = 1;
      a.has_scale = false;
      a.dim = Dim::kLength;
      a.unit = "m";
      a.unit_end = a.e = a.num_end;
      return true;
    }
    if (a.one && !a.has_scale) {
      if (parse_one_informant(p, a)) a.e = a.unit_end;
      else a.e = p;
      return true;
    }
    if (parse_head(p, a)) {
      a.e = a.unit_end;
      return true;
    }
    if (next(p).is("of") && a.raw <= 12 && parse_one_informant(p, a)) {  // "two of the people"
      a.e = a.unit_end;
      return true;
    }
    a.e = p;
    a.unit_end = p;
    return true;  // bare
  }

  // ---- context ----
  Bound bound_before(std::size_t b) const {
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

  struct Found {
    int back = 1 << 20;  // words between the cue and the figure, before it
    int fwd = 1 << 20;   // after it
  };
  // Nearest cue of each kind within the sentence, before b and after e.
  void cues_around(std::size_t b, std::size_t e, std::array<Found, 13>& f, int back, int fwd) const {
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
  static int dist(const std::array<Found, 13>& f, Cue c) {
    const Found& x = f[static_cast<int>(c)];
    return std::min(x.back, x.fwd);
  }

  Measure classify(const One& a, std::size_t b, Dim dim) const {
    switch (dim) {
      case Dim::kCount: return Measure::kCount;
      case Dim::kPrice: return Measure::kPrice;
      case Dim::kMoneyRate: return Measure::kMoney;
      case Dim::kDuration:
      case Dim::kLength:
      case Dim::kArea:
      case Dim::kGrade:
      case Dim::kBare: return Measure::kOther;
      default: break;
    }
    std::array<Found, 13> f{};
    cues_around(b, a.unit_end, f, 10, 10);
    constexpr int kFar = 1 << 20;
    if (dim == Dim::kPercent || dim == Dim::kPoints || dim == Dim::kMult) {
      const Found& g = f[static_cast<int>(Cue::kGrowth)];
      const int dg = std::min(g.back < 6 ? g.back : kFar, g.fwd < 2 ? g.fwd : kFar);
      int ds = dist(f, Cue::kShare);
      Tok nx = next(a.unit_end);
      if (nx.is("of")) ds = 0;
      const int dother = dist(f, Cue::kOtherPct);
      const int dprem = dist(f, Cue::kPremium);
      const int best = std::min({dg, ds, dother, dprem});
      if (dim == Dim::kMult) return dg < kFar ? Measure::kGrowth : Measure::kOther;
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

  // ---- rejection of what is not a checkable figure ----
  bool identifier_word(const Tok& w) const {
    return w.any("article", "articles", "section", "sections", "chapter", "clause", "rule", "regulation",
                 "decree", "law", "resolution", "directive", "order", "notice", "item", "part",
                 "schedule", "annex", "appendix", "paragraph", "page", "pages", "figure", "fig", "table",
                 "phase", "stage", "unit", "block", "tranche", "round", "tier", "level", "number",
                 "no", "nos", "vol", "volume", "issue", "version", "model", "type", "series", "class",
                 "category", "lot", "zone", "gate", "route", "highway", "room", "box", "window",
                 "week", "day", "q", "h", "fy", "cy", "top", "title", "exhibit", "form", "grade", "line",
                 "covid", "art", "sec", "para", "p", "pp", "ch", "ref");
  }
  bool exchange_word(const Tok& w) const {
    return w.upper && w.any("nyse", "nasdaq", "asx", "tsx", "tsxv", "v", "lse", "aim", "hkex", "hk", "sha",
                            "she", "sz", "sh", "sse", "szse", "krx", "kosdaq", "tyo", "tse", "jse", "otc",
                            "otcqx", "otcqb", "nse", "bse", "fra", "etr", "xetra", "nzx", "sgx", "idx",
                            "cve", "amex", "epa", "ams", "bit", "mil", "hose", "hnx", "set", "klse", "bmv");
  }
  // Is the token before b the start of a sentence (so a capital means nothing)?
  bool sentence_start_before(const Tok& w) const {
    Tok p = prev(w.b);
    if (p.kind == Tok::kEnd || w.nl) return true;
    if (p.kind != Tok::kSym) return false;
    const std::string_view s = orig(p);
    return is_boundary(p) || s == "\"" || s == "(" || s == "\xE2\x80\x9C" || s == "\xE2\x80\x94" || s == "\xE2\x80\x93" || s == "-" || s == "*" || s == "\xE2\x80\xA2";
  }
  bool reject(const One& a, std::size_t b) const {
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
  bool speech_near(std::size_t b, std::size_t e) const {
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

  // ---- one figure or range, emitted ----
  std::size_t scan_at(std::size_t s) {
    One a;
    if (!parse_one(s, a)) return 0;
    Tok before = prev(s);
    const bool between = before.is("between") || (before.kind == Tok::kWord && prev(before.b).is("between"));
    const bool from = before.is("from") || (before.kind == Tok::kWord && prev(before.b).is("from"));

    // ranges
    One bq;
    bool ranged = false;
    {
      Tok c = next(a.e);
      std::size_t ce = 0;
      if (!c.nl) {
        if (is_dash_tok(c) && (c.b == a.e || c.e - c.b > 1)) ce = c.e;
        else if (c.is("to") && !from) ce = c.e;
        else if (c.is("and") && between) ce = c.e;
        else if (c.is("or") && a.word && a.dim == Dim::kBare) ce = c.e;
      }
      if (ce) {
        std::size_t s2 = skip_spaces(ce);
        std::size_t pend = 0;
        const bool start_ok = is_digit(at(s2)) || parse_currency(s2, &pend) || (is_alpha(at(s2)) && a.word);
        if (start_ok && parse_one(s2, bq) && (bq.dim == Dim::kBare || !reject(bq, s2))) {
          if (a.dim == Dim::kBare && !a.fraction && bq.dim != Dim::kBare && !bq.fraction && !a.cur) {
            // "850 to 1,000 tonnes", "10-12%", "two to three months"
            if (!a.has_scale && bq.has_scale && a.raw <= bq.raw) {
              a.scale = bq.scale;
              a.has_scale = true;
            }
            ranged = true;
          } else if (a.fraction && bq.dim == Dim::kPercent && bq.fraction) {
            a.factor = 100;
            ranged = true;
          } else if (a.dim == Dim::kMoney && (bq.dim == Dim::kPrice || bq.dim == Dim::kMoneyRate) && bq.cur && a.cur &&
                     std::strcmp(bq.cur, a.cur) == 0) {
            // "$60-$66 per share"
            a.factor = bq.factor;
            ranged = true;
          } else if (a.dim != Dim::kBare && bq.dim == a.dim && bq.unit == a.unit) {
            if (!a.has_scale && bq.has_scale && a.raw <= bq.raw) {
              a.scale = bq.scale;
              a.has_scale = true;
            }
            ranged = a.value() <= bq.value();
          } else if (a.dim == Dim::kMoney && bq.dim == Dim::kBare && bq.has_scale && !bq.cur) {
            // "$1.7-1.8 billion"
            if (!a.has_scale && a.raw <= bq.raw) {
              a.scale = bq.scale;
              a.has_scale = true;
            }
            bq.dim = Dim::kMoney;
            bq.unit = a.unit;
            ranged = a.value() <= bq.raw * bq.scale;
          }
        }
      }
    }

    Quantity q;
    double lo = 0, hi = 0;
    if (ranged) {
      lo = a.fraction ? a.raw * 100 : a.raw * a.scale * (a.dim == Dim::kBare ? bq.factor : a.factor);
      hi = bq.value();
      if (lo > hi * (1 + 1e-9)) ranged = false;
    }
    if (ranged) {
      q.span = {static_cast<std::uint32_t>(a.b), static_cast<std::uint32_t>(bq.e)};
      q.value = lo;
      q.value_high = hi;
      q.unit = bq.unit;
      q.head = bq.head;
      q.source_count = bq.person && bq.value() <= 12 && speech_near(a.b, bq.e);
      One m = bq;
      m.b = a.b;
      if (bq.mat_e > bq.mat_b) q.material = std::string(t_.substr(bq.mat_b, bq.mat_e - bq.mat_b));
      q.bound = bound_before(a.b);
      q.measure = classify(m, a.b, bq.dim);
      if (bq.dim == Dim::kMoney && !a.has_scale && a.raw * a.scale >= 1e5) q.measure = Measure::kMoney;
    } else {
      if (reject(a, s)) return 0;
      q.span = {static_cast<std::uint32_t>(a.b), static_cast<std::uint32_t>(a.e)};
      q.value = q.value_high = a.value();
      q.unit = a.unit;
      q.head = a.head;
      // "one official" is never a checkable count; others need a speech cue
      q.source_count = a.person && a.value() <= 12 &&
                       (a.value() == 1 || q.head == "sources" || q.head == "source" || speech_near(a.b, a.e));
      if (a.mat_e > a.mat_b) q.material = std::string(t_.substr(a.mat_b, a.mat_e - a.mat_b));
      q.bound = bound_before(a.b);
      q.measure = classify(a, a.b, a.dim);
    }
    if (!std::isfinite(q.value) || !std::isfinite(q.value_high)) return 0;
    q.approximate = q.bound != Bound::kExact;
    last_end_ = q.span.end;
    const std::size_t end = q.span.end;
    out_.push_back(std::move(q));
    return end;
  }

  std::string_view t_;
  std::size_t n_;
  std::vector<Quantity>& out_;
  std::size_t last_end_ = 0;
};

}  // namespace

void find_quantities(std::string_view text, std::vector<Quantity>& out) {
  if (text.size() >= 0xFFFFFFFFu) text = text.substr(0, 0xFFFFFFFEu);
  Scanner(text, out).run();
}

std::vector<Quantity> find_quantities(std::string_view text) {
  std::vector<Quantity> out;
  find_quantities(text, out);
  return out;
}

}  // namespace assay::analysis
