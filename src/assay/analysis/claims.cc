// analysis/claims: see claims.h. One pass over the sentence's words, then
// the quantities (quantity.h) give the figures; the words around them give
// kind, subject, stage, element, year and scope.
#include "assay/analysis/claims.h"
#include "assay/analysis/claims_internal.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#include "assay/base/strings.h"

namespace assay::analysis {

const char* claim_kind_name(ClaimKind k) { return kClaimKindNames.name(k, "event"); }
std::optional<ClaimKind> parse_claim_kind(std::string_view s) { return kClaimKindNames.parse(s); }
const char* claim_scope_name(ClaimScope s) { return kClaimScopeNames.name(s, "world"); }
std::optional<ClaimScope> parse_claim_scope(std::string_view s) { return kClaimScopeNames.parse(s); }

namespace {

struct Word {
  base::Span span;
  std::string_view lower;  // lower case, apostrophe-s kept ("world's"); a view into a Words' buffer
  bool capital = false;
  bool dash = false;  // lower holds a '-' ("second-largest"): words_of writes one only as a joiner
  std::uint32_t bits = 0;  // word_bits(lower), set by find_claims_with (0 until then)
};

// The words of a text and the one buffer their lower-case forms are views
// into (no string per word). The buffer is sized to the text before the
// first word is written (a word in lower case is never longer than as
// written), so the views stay valid; a Words is not copied or moved.
struct Words {
  std::string buffer;
  std::vector<Word> list;
  Words() = default;
  Words(const Words&) = delete;
  Words& operator=(const Words&) = delete;
};

// A string compared as a view: std::string == "literal" is an out-of-line
// compare with strlen in libstdc++ 12; a view compares sizes first, inline.
std::string_view sv(std::string_view s) { return s; }

constexpr bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// A byte's class for words_of, and its lower-case form (ASCII letters
// lowered, every other byte as it is): one table look-up per byte instead of
// the five compares of word_char and lower_ascii. The classes are those of
// word_char: kWordByte and kE2 are word bytes (kE2 may begin a typographic
// apostrophe), kJoin may join two words, kOther ends a word.
enum ByteClass : unsigned char { kOther, kWordByte, kE2, kJoin };
constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    if (c == 0xE2) t[c] = kE2;
    else if (word_char(ch)) t[c] = kWordByte;
    else if (ch == '-' || ch == '\'' || ch == '.') t[c] = kJoin;
  }
  return t;
}();
constexpr std::array<char, 256> kLower = [] {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return t;
}();
inline ByteClass byte_class(char c) { return kByteClass[static_cast<unsigned char>(c)]; }

constexpr std::size_t kWordSlack = 16;

// Eight bytes at a time (SWAR): x holds eight bytes of the text, the first
// in its lowest byte (little-endian machines; elsewhere the byte loops
// alone run). A mask has the high bit of each byte that passes a test.
constexpr bool kSwar = std::endian::native == std::endian::little;
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHigh = 0x8080808080808080ull;
inline std::uint64_t load8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}
// The bytes below 0x80 in [lo, hi] (lo >= 1, hi < 0x80): the low seven bits
// plus a constant carry into the high bit exactly when they reach lo (or
// pass hi); no sum leaves its byte.
inline std::uint64_t bytes_in(std::uint64_t x, unsigned lo, unsigned hi) {
  const std::uint64_t low7 = x & ~kHigh;
  const std::uint64_t ge_lo = low7 + kOnes * (0x80 - lo);
  const std::uint64_t gt_hi = low7 + kOnes * (0x7F - hi);
  return ge_lo & ~gt_hi & ~x & kHigh;
}
// The bytes equal to c (exact in every byte, no borrow between bytes).
inline std::uint64_t bytes_eq(std::uint64_t x, unsigned char c) {
  const std::uint64_t d = x ^ (kOnes * c);
  return ~(((d & ~kHigh) + ~kHigh) | d | ~kHigh);
}
// ASCII letters.
inline std::uint64_t letter_bytes(std::uint64_t x) { return bytes_in(x | (kOnes * 0x20), 'a', 'z'); }
// The bytes of class kWordByte: ASCII letters and digits, and every byte of
// 0x80 or more but 0xE2.
inline std::uint64_t word_bytes(std::uint64_t x) {
  return (letter_bytes(x) | bytes_in(x, '0', '9') | (x & kHigh)) & ~bytes_eq(x, 0xE2);
}
// The index of the first byte of a mask (a mask with one bit at least).
inline std::size_t first_byte(std::uint64_t mask) { return static_cast<std::size_t>(std::countr_zero(mask)) / 8; }

// Words: runs of letters and digits, joined by an inner hyphen, apostrophe
// or dot ("second-largest", "world's", "U.S.").
void words_of(std::string_view t, Words& words) {
  std::vector<Word>& out = words.list;
  out.clear();
  out.reserve(t.size() / 5 + 1);
  // kWordSlack bytes past the last word: cached_word_bits reads a word's
  // first 16 bytes whatever its length.
  words.buffer.resize(t.size() + kWordSlack);
  char* const buf = words.buffer.data();
  std::size_t n = 0;  // bytes of the buffer written
  std::size_t i = 0;
  const std::size_t size = t.size();
  // One pass: each word is lowered as it is read. The bytes of a
  // typographic apostrophe are word bytes (>= 0x80), so it never ends a
  // word; it is written as "'".
  while (i < size) {
    if (byte_class(t[i]) == kOther || byte_class(t[i]) == kJoin) {
      ++i;
      continue;
    }
    const std::size_t b = i;
    const std::size_t from = n;
    bool dash = false;
    while (i < size) {
      // Eight bytes at a time while they are kWordByte: all eight lowered
      // and written (n <= i, so n + 8 <= size: inside the buffer), the
      // count of those that are kept.
      if constexpr (kSwar) {
        if (i + 8 <= size) {
          const std::uint64_t x = load8(t.data() + i);
          const std::uint64_t lowered = x | (bytes_in(x, 'A', 'Z') >> 2);
          std::memcpy(buf + n, &lowered, 8);
          const std::uint64_t other = ~word_bytes(x) & kHigh;
          const std::size_t k = other ? first_byte(other) : 8;
          n += k;
          i += k;
          if (k == 8) continue;
        }
      }
      const char c = t[i];
      const ByteClass k = byte_class(c);
      if (k == kWordByte) {
        buf[n++] = kLower[static_cast<unsigned char>(c)];
        ++i;
      } else if (k == kE2) {
        if (t.compare(i, 3, "\xE2\x80\x99") == 0) {
          buf[n++] = '\'';
          i += 3;
        } else {
          buf[n++] = c;
          ++i;
        }
      } else if (k == kJoin && i + 1 < size && byte_class(t[i + 1]) != kOther && byte_class(t[i + 1]) != kJoin &&
                 !(c == '.' && base::is_ascii_digit(t[i + 1]))) {
        buf[n++] = c;
        dash = dash || c == '-';
        ++i;
      } else {
        break;
      }
    }
    Word w;
    w.span = {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(i)};
    w.capital = base::is_ascii_upper(t[b]);
    w.lower = std::string_view(buf + from, n - from);
    w.dash = dash;
    out.push_back(w);
  }
}

// A word of up to 16 bytes as a key: its length and its bytes in two 64-bit
// numbers, hashed by two multiplications, compared in three. size 0: no key
// (an empty word, or one of more than 16 bytes).
struct WordKey {
  std::uint64_t lo = 0, hi = 0;
  std::uint32_t size = 0;
  bool operator==(const WordKey&) const = default;
};

// `w` is a word of a Words: kWordSlack readable bytes follow it.
inline WordKey word_key(std::string_view w) {
  const std::size_t n = w.size();
  if (n == 0 || n > 16) return {};
  WordKey k;
  k.size = static_cast<std::uint32_t>(n);
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&k.lo, w.data(), 8);
    std::memcpy(&k.hi, w.data() + 8, 8);
    // Only the word's own bytes: the first n, low bytes first.
    if (n < 8) {
      k.lo &= (std::uint64_t{1} << (8 * n)) - 1;
      k.hi = 0;
    } else if (n < 16) {
      k.hi &= (std::uint64_t{1} << (8 * (n - 8))) - 1;
    }
  } else {
    char bytes[16] = {};
    std::memcpy(bytes, w.data(), n);
    std::memcpy(&k.lo, bytes, 8);
    std::memcpy(&k.hi, bytes + 8, 8);
  }
  return k;
}

// What is known of words, remembered in a direct-mapped table: a word's
// slot is fixed by its hash, and a word that hashes to a taken slot takes it
// over. A slot holds its word's key, so an answer is never another word's.
template <class V>
class WordTable {
 public:
  struct Slot {
    WordKey key;  // size 0: empty
    V value{};
  };
  WordTable() : slots_(kSlots) {}
  Slot& slot(const WordKey& k) {
    const std::uint64_t h = (k.lo * 0x9E3779B97F4A7C15ull) ^ (k.hi * 0xC2B2AE3D27D4EB4Full) ^ k.size;
    return slots_[(h >> 40) & (kSlots - 1)];
  }
  void clear() { std::fill(slots_.begin(), slots_.end(), Slot{}); }

 private:
  static constexpr std::size_t kSlots = 4096;
  std::vector<Slot> slots_;
};

// Does w start with prefix? Inline: called for every word with many prefixes.
inline bool starts(std::string_view w, std::string_view prefix) {
  return w.size() >= prefix.size() && std::char_traits<char>::compare(w.data(), prefix.data(), prefix.size()) == 0;
}

std::string fmt_date(int year, int month) {
  std::string s = std::to_string(year) + "-";
  if (month < 10) s += '0';
  return s + std::to_string(month);
}

// Country adjectives and capitals the news use for a government.
struct NameCountry {
  std::string_view name, country;
};
constexpr NameCountry kCountryWords[] = {
    {"chinese", "China"},       {"beijing", "China"},          {"american", "United States"},
    {"washington", "United States"}, {"malaysian", "Malaysia"}, {"kuala lumpur", "Malaysia"},
    {"australian", "Australia"}, {"canberra", "Australia"},    {"burmese", "Myanmar"},
    {"myanmar's", "Myanmar"},   {"indian", "India"},           {"new delhi", "India"},
    {"brazilian", "Brazil"},    {"russian", "Russia"},         {"moscow", "Russia"},
    {"japanese", "Japan"},      {"tokyo", "Japan"},            {"vietnamese", "Vietnam"},
    {"hanoi", "Vietnam"},       {"thai", "Thailand"},          {"canadian", "Canada"},
    {"ottawa", "Canada"},       {"nigerian", "Nigeria"},       {"greenlandic", "Greenland"},
    {"korean", "South Korea"},  {"seoul", "South Korea"},      {"british", "United Kingdom"},
    {"french", "France"},       {"german", "Germany"},         {"estonian", "Estonia"},
    {"tanzanian", "Tanzania"},  {"madagascan", "Madagascar"},  {"malagasy", "Madagascar"},
    {"south african", "South Africa"},
};

// s without a final "'s" (a view into s).
std::string_view without_possessive(std::string_view s) {
  if (s.size() > 2 && (s.substr(s.size() - 2) == "'s")) return s.substr(0, s.size() - 2);
  return s;
}

std::string strip_possessive(std::string_view s) { return std::string(without_possessive(s)); }

}  // namespace

namespace {

// The kb ids a phrase names ("country:China", "company:lynas", ...), empty
// when none. `lower` is the phrase in lower case without possessives.
std::vector<std::string> lookup_name(std::string_view phrase, std::string_view lower, bool one_word, const kb::Kb* kb) {
  if (one_word && phrase == "US") return {"country:United States"};
  if (!(one_word && (lower == "us" || lower == "korea")))
    if (auto c = kb::canonical_country(phrase); c && *c != "Other") return {"country:" + std::string(*c)};
  for (const auto& cw : kCountryWords)
    if (cw.name == lower) return {"country:" + std::string(cw.country)};
  std::vector<std::string> ids;
  if (kb)
    for (auto r : kb->aliases.find(phrase)) {
      if (r.kind == kb::EntityKind::kCompany && r.index < kb->companies.size())
        ids.push_back("company:" + kb->companies[r.index].id);
      else if (r.kind == kb::EntityKind::kFacility && r.index < kb->facilities.size())
        ids.push_back("facility:" + kb->facilities[r.index].id);
    }
  return ids;
}

// A hash for looking a string_view up in a map keyed by std::string.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// lookup_name, remembered per thread (the same names recur in every
// article; the country list is searched linearly), for one kb at a time.
// The key (phrase, unit separator, lower) is built in a buffer kept per
// thread and looked up as a view: a string is made only for a new key.
const std::vector<std::string>& cached_lookup(std::string_view phrase, std::string_view lower, bool one_word,
                                              const kb::Kb* kb) {
  thread_local std::uint64_t cache_kb = 0;  // kb::serial_of
  thread_local std::unordered_map<std::string, std::vector<std::string>, ViewHash, std::equal_to<>> cache;
  thread_local std::string key;
  if (cache_kb != kb::serial_of(kb) || cache.size() > 50000) {
    cache.clear();
    cache_kb = kb::serial_of(kb);
  }
  key.assign(phrase);
  key += '\x1f';
  key += lower;
  auto it = cache.find(std::string_view(key));
  if (it == cache.end()) it = cache.emplace(key, lookup_name(phrase, lower, one_word, kb)).first;
  return it->second;
}

// Could a name the kb knows start with this word (lower case, without a
// possessive)? The first words of the kb's aliases, of its countries, of
// the country adjectives and of the aliases kb::canonical_country knows:
// most capitalised words ("The", people's names) are turned away here.
bool may_start_name(const std::string& first, const kb::Kb* kb) {
  thread_local std::uint64_t set_kb = 0;  // kb::serial_of
  thread_local bool built = false;
  thread_local std::unordered_set<std::string> firsts;
  if (!built || set_kb != kb::serial_of(kb)) {
    firsts.clear();
    auto add = [&](std::string_view name) {
      std::string key = kb::AliasIndex::normalize(name);
      firsts.insert(key.substr(0, key.find(' ')));
    };
    for (std::string_view a : {"burma", "us", "u s", "usa", "america", "prc", "people s republic", "mainland", "korea",
                               "republic", "rok", "uk", "u k", "britain", "great britain", "lao", "viet", "russian", "uae",
                               "holland", "turkiye", "world"})
      add(a);
    for (const auto& cw : kCountryWords) add(cw.name);
    if (kb) {
      for (const auto& [key, ref] : kb->aliases.entries()) firsts.insert(key.substr(0, key.find(' ')));
      for (const auto& c : kb->countries) add(c.country);
      for (const auto& f : kb->facilities) add(f.country);
      for (const auto& c : kb->companies) add(c.country);
      for (const auto& p : kb->policies) {
        add(p.country);
        for (const auto& d : p.destinations) add(d);
      }
    }
    set_kb = kb::serial_of(kb);
    built = true;
  }
  return firsts.count(first) > 0;
}

}  // namespace

namespace {

// resolve_subjects over the words of `text`, found already.
std::vector<SubjectMention> subjects_of(std::string_view text, const std::vector<Word>& ws, const kb::Kb* kb) {
  std::vector<SubjectMention> out;
  std::size_t i = 0;
  while (i < ws.size()) {
    std::size_t matched = 0;
    bool candidate = ws[i].capital || sv(ws[i].lower) == "ndpr";
    if (candidate) {
      // The answer per word, remembered per thread: the same capitalised
      // words recur in every article.
      // (A WordTable; a word of more than 16 bytes is asked each time.)
      thread_local std::uint64_t cache_kb = 0;  // kb::serial_of
      thread_local WordTable<bool> starts_name;
      if (cache_kb != kb::serial_of(kb)) {
        starts_name.clear();
        cache_kb = kb::serial_of(kb);
      }
      auto answer = [&] {
        std::string first = kb::AliasIndex::normalize(strip_possessive(ws[i].lower));
        first.resize(std::min(first.size(), first.find(' ')));
        return may_start_name(first, kb);
      };
      const WordKey key = word_key(ws[i].lower);
      if (key.size == 0) {
        candidate = answer();
      } else {
        auto& slot = starts_name.slot(key);
        if (!(slot.key == key)) slot = {key, answer()};
        candidate = slot.value;
      }
    }
    if (candidate) {
      // Longest match first, up to five words, all capitalised but for
      // connectors ("Bank of China", "Lynas Rare Earths"): a name does not
      // run on into lower-case words.
      std::size_t longest = 1;
      while (longest < 5 && i + longest < ws.size()) {
        const Word& w = ws[i + longest];
        bool connector = sv(w.lower) == "of" || sv(w.lower) == "and" || sv(w.lower) == "&" || sv(w.lower) == "de";
        if (!w.capital && !connector && !base::is_ascii_digit(text[w.span.begin])) break;
        ++longest;
      }
      for (std::size_t n = longest; n >= 1; --n) {
        base::Span sp{ws[i].span.begin, ws[i + n - 1].span.end};
        const std::string_view phrase = without_possessive(sp.of(text));
        // (A buffer kept per thread: no string per phrase tried.)
        thread_local std::string lower;
        lower.clear();
        for (std::size_t k = i; k < i + n; ++k) {
          if (k > i) lower += ' ';
          lower += without_possessive(ws[k].lower);
        }
        const auto& ids = cached_lookup(phrase, lower, n == 1, kb);
        if (!ids.empty()) {
          for (const auto& id : ids) out.push_back({sp, id, std::string(phrase)});
          matched = n;
          break;
        }
      }
    }
    i += matched ? matched : 1;
  }
  return out;
}

}  // namespace

std::vector<SubjectMention> resolve_subjects(std::string_view text, const kb::Kb* kb) {
  Words words;
  words_of(text, words);
  return subjects_of(text, words.list, kb);
}

namespace {

struct ElementWord {
  std::string_view word, element;
};
constexpr ElementWord kElementWords[] = {
    {"ndpr", "NdPr"},          {"neodymium-praseodymium", "NdPr"}, {"neodymium", "Nd"},
    {"praseodymium", "Pr"},    {"dysprosium", "Dy"},               {"terbium", "Tb"},
    {"lanthanum", "La"},       {"cerium", "Ce"},                   {"samarium", "Sm"},
    {"europium", "Eu"},        {"gadolinium", "Gd"},               {"holmium", "Ho"},
    {"erbium", "Er"},          {"thulium", "Tm"},                  {"ytterbium", "Yb"},
    {"lutetium", "Lu"},        {"yttrium", "Y"},                   {"scandium", "Sc"},
};

int ordinal(std::string_view w) {
  static constexpr std::pair<std::string_view, int> kOrd[] = {
      {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6}, {"2nd", 2}, {"3rd", 3}, {"4th", 4}, {"5th", 5}};
  for (auto [s, n] : kOrd)
    if (w == s) return n;
  return 0;
}

bool superlative(std::string_view w) {
  // Every superlative starts with one of these letters: most words stop here.
  switch (w.empty() ? '\0' : w[0]) {
    case 'l': return w == "largest" || w == "leading";
    case 'b': return w == "biggest";
    case 't': return w == "top";
    case 'd': return w == "dominant";
    case 'n': return w == "no";
    default: return false;
  }
}

// The words that make a sentence with no figure worth reading for claims of
// rank, policy, plant status or event (find_claims_with's gate): a word, or
// a prefix of the words it starts ("ban": "bans", "banned"). In order of
// their first letter.
struct TriggerEntry {
  std::string_view word;
  bool prefix = false;
};
constexpr TriggerEntry kTriggerWords[] = {
    {"acquired"}, {"announced"},
    {"ban", true}, {"building"}, {"built"}, {"biggest"},
    {"controls"}, {"control"}, {"curb", true}, {"construction"}, {"commission", true}, {"closed"}, {"captured"},
    {"dominant"},
    {"halted"},
    {"idled"},
    {"licen", true}, {"lifted"}, {"largest"}, {"leading"},
    {"no"},
    {"operat", true},
    {"prohibit", true},
    {"quota", true},
    {"restrict", true}, {"running"}, {"runs"}, {"resumed"},
    {"shut"}, {"suspended"}, {"seized"}, {"stopped"}, {"signed"},
    {"top"},
};

// The first three letters of the trigger words, as a filter: bit c of
// kTriggerStarts[a * 26 + b] is set when a trigger word (or prefix) starts
// with the letters a, b, c (bit 26: the word is the two letters a, b). A
// run of letters whose start has no bit is no trigger word: most words of a
// sentence are turned away by one look-up, before any compare.
constexpr unsigned kTwoLetters = 26;
constexpr std::array<std::uint32_t, 26 * 26> kTriggerStarts = [] {
  std::array<std::uint32_t, 26 * 26> t{};
  for (const auto& e : kTriggerWords) {
    const std::size_t pair = static_cast<std::size_t>(e.word[0] - 'a') * 26 + static_cast<std::size_t>(e.word[1] - 'a');
    t[pair] |= 1u << (e.word.size() == 2 ? kTwoLetters : static_cast<unsigned>(e.word[2] - 'a'));
  }
  return t;
}();
// Every trigger word has two letters or more, all of them lower-case ASCII
// letters (the filter's indices).
static_assert([] {
  for (const auto& e : kTriggerWords) {
    if (e.word.size() < 2 || (e.prefix && e.word.size() < 3)) return false;
    for (char c : e.word)
      if (c < 'a' || c > 'z') return false;
  }
  return true;
}());

// May a word (lower case) that starts with these letters be a trigger word?
// `c` is the third letter, or '\0' when the word has two.
inline bool may_be_trigger(char a, char b, char c) {
  if (a < 'a' || a > 'z' || b < 'a' || b > 'z') return false;
  const std::uint32_t bits = kTriggerStarts[static_cast<std::size_t>(a - 'a') * 26 + static_cast<std::size_t>(b - 'a')];
  if (c == '\0') return bits & (1u << kTwoLetters);
  return c >= 'a' && c <= 'z' && (bits & (1u << (c - 'a')));
}

// A word that makes a sentence with no figure worth reading (kTriggerWords).
bool trigger_word(std::string_view l) {
  if (l.size() < 2 || !may_be_trigger(l[0], l[1], l.size() == 2 ? '\0' : l[2])) return false;
  for (const auto& e : kTriggerWords)
    if (e.word[0] == l[0] && (e.prefix ? starts(l, e.word) : l == e.word)) return true;
  return false;
}

// The kinds of claim without a figure a word may start, as bits (set by
// word_bits below): the words and prefixes of find_rank (superlatives),
// policy_word_at, operation_measure and event_word, by first letter. A bit is
// only a hint: the kind's own test decides, and runs only when a word of the
// sentence set its bit (a sentence of no such word skips all four). Every
// word those tests look for sets its bit; a word may set a bit its test then
// turns down ("no", "curbing").
constexpr std::uint32_t kMayRank = 1, kMayPolicy = 2, kMayOperation = 4, kMayEvent = 8;

std::optional<kb::Stage> stage_of_word(std::string_view w) {
  // Every stage word starts with one of these letters: most words stop here.
  const char first = w.empty() ? '\0' : w[0];
  if (first != 'r' && first != 's' && first != 'p' && first != 'm' && first != 'a' && first != 'e' && first != 'o')
    return std::nullopt;
  // "separately" is an adverb ("Separately, the ministry said ..."), no stage.
  if (starts(w, "refin") || (starts(w, "separat") && w != "separately") || starts(w, "processing") || starts(w, "processor") ||
      w == "processed" || w == "process")
    return kb::Stage::kSeparation;
  if (starts(w, "magnet")) return kb::Stage::kMagnet;
  if (w == "metal" || w == "metals" || w == "alloy" || w == "alloys" || w == "metallisation" || w == "metallization")
    return kb::Stage::kMetalAlloy;
  if (w == "mine" || w == "mines" || w == "mined" || w == "mining" || w == "miner" || w == "miners" ||
      w == "extraction" || w == "extracted" || w == "ore")
    return kb::Stage::kMining;
  return std::nullopt;
}

// The figure's precision: the place of its last significant digit, in the
// canonical unit (value / number-as-written gives the scale).
double precision_of(std::string_view figure, double value) {
  std::size_t b = 0;
  while (b < figure.size() && !base::is_ascii_digit(figure[b])) ++b;
  if (b == figure.size()) return std::abs(value) * 0.1;
  std::string digits;
  int decimals = -1;
  std::size_t i = b;
  for (; i < figure.size(); ++i) {
    char c = figure[i];
    if (base::is_ascii_digit(c)) {
      digits += c;
      if (decimals >= 0) ++decimals;
    } else if (c == ',' && i + 1 < figure.size() && base::is_ascii_digit(figure[i + 1])) {
      continue;
    } else if (c == '.' && decimals < 0 && i + 1 < figure.size() && base::is_ascii_digit(figure[i + 1])) {
      decimals = 0;
    } else {
      break;
    }
  }
  double number = std::strtod(digits.c_str(), nullptr);
  if (decimals > 0) number /= std::pow(10.0, decimals);
  double place = 1;
  if (decimals > 0) {
    place = std::pow(10.0, -decimals);
  } else {
    std::size_t z = 0;
    while (z + 1 < digits.size() && digits[digits.size() - 1 - z] == '0') ++z;
    place = std::pow(10.0, static_cast<double>(z));
  }
  double scale = number != 0 ? value / number : 1;
  return place * std::abs(scale);
}

// What a word is to the claims, as bits: find_claims_with classifies each
// word of a sentence once (word_bits) and ORs the bits of the sentence, and
// the tests that asked whether any word of the sentence starts with one of a
// list of prefixes (or is one of a list of words) read a bit instead of
// walking the words again. Each bit is named after its list; the words and
// prefixes are those the tests used, letter by letter below.
// kMayRank, kMayPolicy, kMayOperation, kMayEvent (above) are bits 0-3.
constexpr std::uint32_t kTrigger = 1u << 4;  // trigger_word
constexpr std::uint32_t kPolicyWord = 1u << 5;  // policy_word_at: ban*, prohibit*, restrict*, licen*, quota*, control(s), curb(s|ed)
constexpr std::uint32_t kExport = 1u << 6;  // export*, shipment*
constexpr std::uint32_t kImport = 1u << 7;  // import*
constexpr std::uint32_t kQuota = 1u << 8;  // quota*
constexpr std::uint32_t kOperating = 1u << 9;  // operat*, running*
constexpr std::uint32_t kRuns = 1u << 10;  // runs
constexpr std::uint32_t kSite = 1u << 11;  // plant*, refiner*, mine*, factor*, facilit*, smelter*
constexpr std::uint32_t kBuilding = 1u << 12;  // construction, building, built
constexpr std::uint32_t kCommission = 1u << 13;  // commission*
constexpr std::uint32_t kClosed = 1u << 14;  // closed, shut, halted, idled, suspended
constexpr std::uint32_t kEvent = 1u << 15;  // one of kEventWords
constexpr std::uint32_t kMade = 1u << 16;  // produc*, output*, mined*, mining*, made*, makes*, manufactur*
constexpr std::uint32_t kStage = 1u << 17;  // stage_of_word has a stage
constexpr std::uint32_t kElement = 1u << 18;  // an element word, or one with a possessive ("neodymium's")
constexpr std::uint32_t kForm = 1u << 19;  // oxide*, concentrate*, carbonate
constexpr std::uint32_t kSupply = 1u << 20;  // produc*, output*, supply*, supplies*
constexpr std::uint32_t kResource = 1u << 21;  // resource*
constexpr std::uint32_t kReserve = 1u << 22;  // reserve*
constexpr std::uint32_t kMagnet = 1u << 23;  // magnet*
constexpr std::uint32_t kTechnology = 1u << 24;  // technolog*
constexpr std::uint32_t kRaw = 1u << 25;  // raw*, unprocessed*
constexpr std::uint32_t kImposed = 1u << 26;  // imposed*, introduced*, announced*
constexpr std::uint32_t kPresent = 1u << 27;  // is, are, remains, remain, still, now, has, have, currently
constexpr std::uint32_t kWas = 1u << 28;  // was, were, had

std::uint32_t word_bits(std::string_view l) {
  if (l.empty()) return 0;
  // The trigger words (trigger_word) and the kinds they may start
  // (kMayRank ...) are set here too, letter by letter.
  std::uint32_t b = 0;
  if (stage_of_word(l)) b |= kStage;
  auto is = [&](std::string_view w) { return l == w; };
  auto element = [&](std::string_view w) {
    return l == w || (l.size() > w.size() && starts(l, w) && l[w.size()] == '\'');
  };
  switch (l[0]) {
    case 'a':
      if (is("acquired")) b |= kEvent | kTrigger | kMayEvent;
      if (starts(l, "announced")) b |= kImposed | (is("announced") ? kEvent | kTrigger | kMayEvent : 0);
      if (is("are")) b |= kPresent;
      break;
    case 'b':
      if (starts(l, "ban")) b |= kPolicyWord | kTrigger | kMayPolicy;
      if (is("building") || is("built")) b |= kBuilding | kTrigger | kMayOperation;
      if (is("biggest")) b |= kTrigger | kMayRank;
      break;
    case 'c':
      if (is("controls") || is("control") || is("curbs") || is("curb") || is("curbed")) b |= kPolicyWord;
      if (is("controls") || is("control") || starts(l, "curb")) b |= kTrigger | kMayPolicy;
      if (is("construction")) b |= kBuilding | kTrigger | kMayOperation;
      if (starts(l, "commission")) b |= kCommission | kTrigger | kMayOperation;
      if (is("closed")) b |= kClosed | kTrigger | kMayOperation;
      if (is("captured")) b |= kEvent | kTrigger | kMayEvent;
      if (starts(l, "concentrate") || is("carbonate")) b |= kForm;
      if (is("currently")) b |= kPresent;
      if (element("cerium")) b |= kElement;
      break;
    case 'd':
      if (is("dominant")) b |= kTrigger | kMayRank;
      if (element("dysprosium")) b |= kElement;
      break;
    case 'e':
      if (starts(l, "export")) b |= kExport;
      if (element("europium") || element("erbium")) b |= kElement;
      break;
    case 'f':
      if (starts(l, "factor") || starts(l, "facilit")) b |= kSite;
      break;
    case 'g':
      if (element("gadolinium")) b |= kElement;
      break;
    case 'h':
      if (is("halted")) b |= kClosed | kEvent | kTrigger | kMayOperation | kMayEvent;
      if (is("has") || is("have")) b |= kPresent;
      if (is("had")) b |= kWas;
      if (element("holmium")) b |= kElement;
      break;
    case 'i':
      if (is("idled")) b |= kClosed | kTrigger | kMayOperation;
      if (starts(l, "import")) b |= kImport;
      if (starts(l, "imposed") || starts(l, "introduced")) b |= kImposed;
      if (is("is")) b |= kPresent;
      break;
    case 'l':
      if (starts(l, "licen")) b |= kPolicyWord | kTrigger | kMayPolicy;
      if (is("lifted")) b |= kEvent | kTrigger | kMayEvent;
      if (is("largest") || is("leading")) b |= kTrigger | kMayRank;
      if (element("lanthanum") || element("lutetium")) b |= kElement;
      break;
    case 'm':
      if (starts(l, "mine")) b |= kSite;
      if (starts(l, "mined") || starts(l, "mining") || starts(l, "made") || starts(l, "makes") || starts(l, "manufactur"))
        b |= kMade;
      if (starts(l, "magnet")) b |= kMagnet;
      break;
    case 'n':
      if (is("now")) b |= kPresent;
      if (is("no")) b |= kTrigger;
      if (element("ndpr") || element("neodymium-praseodymium") || element("neodymium")) b |= kElement;
      break;
    case 'o':
      if (starts(l, "operat")) b |= kOperating | kTrigger | kMayOperation;
      if (starts(l, "output")) b |= kMade | kSupply;
      if (starts(l, "oxide")) b |= kForm;
      break;
    case 'p':
      if (starts(l, "prohibit")) b |= kPolicyWord | kTrigger | kMayPolicy;
      if (starts(l, "plant")) b |= kSite;
      if (starts(l, "produc")) b |= kMade | kSupply;
      if (element("praseodymium")) b |= kElement;
      break;
    case 'q':
      if (starts(l, "quota")) b |= kPolicyWord | kQuota | kTrigger | kMayPolicy;
      break;
    case 'r':
      if (starts(l, "restrict")) b |= kPolicyWord | kTrigger | kMayPolicy;
      if (starts(l, "running")) b |= kOperating | kMayOperation | (is("running") ? kTrigger : 0);
      if (is("runs")) b |= kRuns | kTrigger | kMayOperation;
      if (is("resumed")) b |= kEvent | kTrigger | kMayEvent;
      if (starts(l, "refiner")) b |= kSite;
      if (starts(l, "raw")) b |= kRaw;
      if (starts(l, "resource")) b |= kResource;
      if (starts(l, "reserve")) b |= kReserve;
      if (is("remains") || is("remain")) b |= kPresent;
      break;
    case 's':
      if (is("shut")) b |= kClosed | kTrigger | kMayOperation;
      if (is("suspended")) b |= kClosed | kEvent | kTrigger | kMayOperation | kMayEvent;
      if (is("seized") || is("stopped") || is("signed")) b |= kEvent | kTrigger | kMayEvent;
      if (starts(l, "shipment")) b |= kExport;
      if (starts(l, "smelter")) b |= kSite;
      if (starts(l, "supply") || starts(l, "supplies")) b |= kSupply;
      if (is("still")) b |= kPresent;
      if (element("samarium") || element("scandium")) b |= kElement;
      break;
    case 't':
      if (is("top")) b |= kTrigger | kMayRank;
      if (starts(l, "technolog")) b |= kTechnology;
      if (element("terbium") || element("thulium")) b |= kElement;
      break;
    case 'u':
      if (starts(l, "unprocessed")) b |= kRaw;
      break;
    case 'w':
      if (is("was") || is("were")) b |= kWas;
      break;
    case 'y':
      if (element("ytterbium") || element("yttrium")) b |= kElement;
      break;
    default: break;
  }
  return b;
}

// word_bits, remembered per thread in a WordTable (a word's bits are a
// function of the word, and the words of the news recur). (A hash map of
// strings cost more than the classification it saved: branch speed19.)
std::uint32_t cached_word_bits(std::string_view w, WordTable<std::uint32_t>& table) {
  const WordKey k = word_key(w);
  if (k.size == 0) return word_bits(w);
  auto& slot = table.slot(k);
  if (!(slot.key == k)) slot = {k, word_bits(w)};
  return slot.value;
}

// The tests below decide whether a sentence makes a claim of each kind. They
// read only the words and the quantities, never the subjects (the names the
// kb knows) nor the sentence-wide context, so find_claims_with asks them
// before it looks the names up: a sentence for which every one says no makes
// no claim (most sentences), and skips the look-ups and the context loop. The
// figures loop and the rank, policy, operation and event steps call the same
// functions, so the gate and the claims cannot drift apart.

// The kind of claim a figure makes, or none: a source count, a percentage
// that is a rate, a stake, a levy or a grade, a yearly budget or a share
// price, a tonnage of no known measure. `at` is the first word at or after
// the figure.
std::optional<ClaimKind> figure_kind(const Quantity& q, const std::vector<Word>& ws, std::uint32_t all, std::size_t at) {
  if (q.source_count) return std::nullopt;
  const bool tonnes = q.unit == "t" || q.unit == "t/yr";
  if (q.unit == "%" && q.measure != Measure::kGrowth) {
    // A percentage that is a rate, a stake, a levy or a grade ("a 25%
    // tariff", "a 10% stake", "an 8% discount rate", "a 51%-owned unit",
    // "an ore grade of 2.4%") is no share of supply: no claim.
    static constexpr std::string_view kNotShare[] = {
        "stake",  "stakes",   "tariff",   "tariffs",   "duty",    "duties",    "tax",     "taxes",  "levy",
        "royalty", "royalties", "discount", "interest", "irr",     "return",    "returns", "margin", "margins",
        "yield",  "premium",  "dividend", "inflation", "grade",   "grades",    "treo",    "owned",  "equity"};
    const std::size_t k = at;
    bool rate = false;
    for (std::size_t j = k >= 3 ? k - 3 : 0; j < std::min(ws.size(), k + 4) && !rate; ++j) {
      std::string_view w = ws[j].lower;
      if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
      if (std::size_t dash = w.rfind('-'); dash != std::string_view::npos) w = w.substr(dash + 1);  // "51%-owned"
      if (w == "owned" && j < k) continue;  // "state-owned firms hold 70%": the 70% is a share
      for (auto n : kNotShare) rate = rate || w == n;
    }
    if (rate) return std::nullopt;
    return ClaimKind::kShare;
  }
  if (q.measure == Measure::kPrice ||
      (q.unit.find('/') != std::string::npos && q.unit.size() > 3 && (starts(q.unit, "USD") || starts(q.unit, "CNY")))) {
    if (q.unit == "USD/yr" || q.unit == "USD/share") return std::nullopt;
    return ClaimKind::kPrice;
  }
  if (tonnes && q.measure == Measure::kReserves) return ClaimKind::kReserves;
  if (tonnes && q.measure == Measure::kCapacity) return ClaimKind::kCapacity;
  if (tonnes && (q.measure == Measure::kProduction ||
                 (q.measure == Measure::kAmount && (all & kMade))))
    return ClaimKind::kProduction;
  return std::nullopt;
}

// The first word at or after a figure.
std::size_t word_at(const std::vector<Word>& ws, const Quantity& q) {
  std::size_t at = 0;
  while (at < ws.size() && ws[at].span.end <= q.span.begin) ++at;
  return at;
}

// A rank phrase: "[the] [world's] second-largest producer", "the largest
// refiner outside China" (the first one of the sentence).
struct RankPhrase {
  std::size_t word = 0;  // the superlative
  std::size_t noun = 0;  // the word after it
  int rank = 0;          // 1 = largest
  std::string_view measure;  // "mine_production", "output" or "reserves", as the noun says
  std::optional<kb::Stage> stage;
};
std::optional<RankPhrase> find_rank(const std::vector<Word>& ws) {
  for (std::size_t i = 0; i < ws.size(); ++i) {
    std::string_view w = ws[i].lower;
    int r = 0;
    std::size_t noun = i + 1;
    if (superlative(w) && w != "no") {
      r = 1;
      if (i > 0 && ordinal(ws[i - 1].lower)) r = ordinal(ws[i - 1].lower);
    } else {
      auto dash = w.find('-');
      if (dash != std::string::npos && superlative(w.substr(dash + 1))) r = ordinal(w.substr(0, dash));
    }
    if (r == 0) continue;
    // The noun: within three words ("largest rare-earth producer").
    std::optional<kb::Stage> st;
    std::string_view measure;
    for (std::size_t k = noun; k < ws.size() && k <= noun + 3; ++k) {
      std::string_view n = ws[k].lower;
      if (starts(n, "producer") || starts(n, "miner") || starts(n, "supplier")) {
        measure = "mine_production";
        st = kb::Stage::kMining;
      } else if (starts(n, "refiner") || starts(n, "processor") || starts(n, "separator")) {
        measure = "output";
        st = kb::Stage::kSeparation;
      } else if (starts(n, "reserve") || n == "deposits") {
        measure = "reserves";
      } else if (n == "magnet" || n == "magnets") {
        st = kb::Stage::kMagnet;
        continue;
      }
      if (!measure.empty()) break;
    }
    if (measure.empty()) continue;
    return RankPhrase{i, noun, r, measure, st};
  }
  return std::nullopt;
}

// The first word of a policy ("bans", "restricts", "licences", "quota"), or
// ws.size() when there is none.
std::size_t policy_word_at(const std::vector<Word>& ws) {
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (ws[i].bits & kPolicyWord) return i;
  return ws.size();
}

// The words a policy claim needs besides the state: a policy word and
// exports, imports or a quota. `all`: the sentence's word_bits.
bool policy_words(std::uint32_t all) { return (all & kPolicyWord) && (all & (kExport | kImport | kQuota)); }

// What a sentence says a plant or company does ("operating", "construction",
// "commissioning", "closed"), or empty. `all`: the sentence's word_bits.
std::string_view operation_measure(std::uint32_t all) {
  std::string_view m;
  if ((all & kOperating) || ((all & kRuns) && (all & kSite))) m = "operating";
  if (all & kBuilding) m = "construction";
  if (all & kCommission) m = "commissioning";
  if (all & kClosed) m = "closed";
  return m;
}

// The first word that says something happened ("seized", "suspended",
// "lifted", "acquired"), with the event word; nullopt when there is none.
constexpr std::string_view kEventWords[] = {"seized", "captured", "suspended", "halted", "stopped",
                                            "lifted", "acquired", "signed", "announced", "resumed"};
std::optional<std::pair<std::size_t, std::string_view>> event_word(const std::vector<Word>& ws) {
  for (std::size_t i = 0; i < ws.size(); ++i)
    if (ws[i].bits & kEvent)
      for (auto e : kEventWords)
        if (sv(ws[i].lower) == e) return std::pair{i, e};
  return std::nullopt;
}

constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                                        "july",    "august",   "september", "october", "november", "december"};

}  // namespace

bool internal::claim_figure(const Quantity& q) {
  return !q.source_count && (q.unit == "%" || q.unit == "t" || q.unit == "t/yr" || q.measure == Measure::kPrice ||
                             q.unit.starts_with("USD/") || q.unit.starts_with("CNY/"));
}

bool internal::may_claim_without_figure(std::string_view text) {
  // The runs of ASCII letters, each lowered into a small buffer and asked
  // trigger_word (whose superlatives are among its words). No trigger word is
  // longer than "construction"; a longer run is cut to 17 letters, which
  // keeps every prefix trigger_word tests ("commission...", "restrict...")
  // and makes no exact word match that the whole run does not.
  // A run whose first three letters start no trigger word (most runs) is
  // skipped unread (kTriggerStarts). The runs' bounds are found eight bytes
  // at a time where eight remain.
  char buf[17];
  const char* const s = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // To the next letter.
    if constexpr (kSwar) {
      while (i + 8 <= size) {
        const std::uint64_t letters = letter_bytes(load8(s + i));
        if (letters) {
          i += first_byte(letters);
          break;
        }
        i += 8;
      }
    }
    while (i < size && !base::is_ascii_alpha(s[i])) ++i;
    if (i == size) break;
    // To the end of its run.
    const std::size_t b = i;
    if constexpr (kSwar) {
      while (i + 8 <= size) {
        const std::uint64_t other = ~letter_bytes(load8(s + i)) & kHigh;
        if (other) {
          i += first_byte(other);
          break;
        }
        i += 8;
      }
    }
    while (i < size && base::is_ascii_alpha(s[i])) ++i;
    const std::size_t len = i - b;
    if (len < 2) continue;
    const char c = len == 2 ? '\0' : kLower[static_cast<unsigned char>(s[b + 2])];
    if (!may_be_trigger(kLower[static_cast<unsigned char>(s[b])], kLower[static_cast<unsigned char>(s[b + 1])], c)) continue;
    std::size_t n = 0;
    for (std::size_t k = b; k < i && n < sizeof buf; ++k) buf[n++] = kLower[static_cast<unsigned char>(s[k])];
    if (trigger_word(std::string_view(buf, n))) return true;
  }
  return false;
}

bool internal::is_trigger_word(std::string_view lower) { return trigger_word(lower); }

std::vector<internal::ClaimWord> internal::claim_words(std::string_view text) {
  Words words;
  words_of(text, words);
  std::vector<ClaimWord> out;
  for (const Word& w : words.list) out.push_back({w.span, std::string(w.lower), w.capital, w.dash});
  return out;
}

std::vector<Claim> find_claims(std::string_view text, const kb::Kb* kb) {
  std::vector<Quantity> qs;
  find_quantities(text, qs);
  std::vector<Claim> out;
  internal::find_claims_with(text, kb, qs, out);
  return out;
}

std::size_t internal::find_claims_with(std::string_view text, const kb::Kb* kb, const std::vector<Quantity>& qs,
                                       std::vector<Claim>& out) {
  // The claims of this sentence are out[first, out.size()).
  const std::size_t first = out.size();
  auto none_yet = [&] { return out.size() == first; };
  // The words' storage is kept per thread from one sentence to the next (two
  // allocations a sentence fewer); nothing below calls find_claims_with.
  thread_local Words words;
  words_of(text, words);
  const std::vector<Word>& ws = words.list;
  if (ws.empty()) return 0;
  // Nothing to claim: no figure of a kind the claims use, and no word of a
  // rank, policy, plant status or event (most money, count and duration
  // sentences stop here, before the names are looked up).
  bool figure = std::any_of(qs.begin(), qs.end(), claim_figure);
  // One pass over the words, each classified once (word_bits; `all` is the
  // sentence's): the trigger words of a sentence with no figure (the words of
  // trigger_word, and a superlative after a hyphen: "second-largest"), and
  // which kinds of claim without a figure the words may start (a superlative
  // after a hyphen may start a rank).
  bool trigger = false;
  unsigned may = 0;
  std::uint32_t all = 0;
  thread_local WordTable<std::uint32_t> bits_table;
  for (auto& w : words.list) {
    const std::string_view l = w.lower;
    w.bits = cached_word_bits(l, bits_table);
    all |= w.bits;
    trigger = trigger || (w.bits & kTrigger);
    may |= w.bits & (kMayRank | kMayPolicy | kMayOperation | kMayEvent);
    if (w.dash) {
      const std::size_t dash = l.find('-');
      if (superlative(l.substr(dash + 1))) {
        trigger = true;
        may |= kMayRank;
      }
    }
  }
  if (!figure && !trigger) return 0;
  // The exact gate: no figure makes a claim (figure_kind), and the words
  // allow no rank, policy, operation or event claim (each kind's own test,
  // asked only when a word may start it).
  const std::optional<RankPhrase> rank = may & kMayRank ? find_rank(ws) : std::nullopt;
  if (!rank && !(may & kMayPolicy && policy_words(all)) && !(may & kMayOperation && !operation_measure(all).empty()) &&
      !(may & kMayEvent && event_word(ws)) &&
      std::none_of(qs.begin(), qs.end(), [&](const Quantity& q) { return figure_kind(q, ws, all, word_at(ws, q)).has_value(); }))
    return 0;
  auto subjects = subjects_of(text, ws, kb);

  // Sentence-wide context.
  Claim base;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    std::string_view w = ws[i].lower;
    if (w.size() == 4 && base::is_ascii_digit(w[0]) && std::all_of(w.begin(), w.end(), base::is_ascii_digit)) {
      int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
      if (y >= 1990 && y <= 2040 && base.year == 0) {
        base.year = y;
        if (i > 0)
          for (int m = 0; m < 12; ++m)
            if (sv(ws[i - 1].lower) == kMonths[m]) base.date = fmt_date(y, m + 1);
      }
    }
    if (!base.stage && (ws[i].bits & kStage))
      if (auto st = stage_of_word(w)) base.stage = st;
    if (base.element.empty() && (ws[i].bits & kElement))
      for (const auto& ew : kElementWords)
        if (w[0] == ew.word[0] && (w == ew.word || (w.size() > ew.word.size() && starts(w, ew.word) && w[ew.word.size()] == '\'')))
          base.element = std::string(ew.element);
    if (base.element.empty() && w == "heavy" && i + 1 < ws.size() && starts(ws[i + 1].lower, "rare")) base.element = "heavy";
    if (base.form.empty() && (ws[i].bits & kForm)) {
      if (starts(w, "oxide")) base.form = "oxide";
      else if (starts(w, "concentrate")) base.form = "concentrate";
      else if (w == "carbonate") base.form = "carbonate";
    }
    if ((w == "outside" || w == "excluding" || w == "ex-china") && (w == "ex-china" || (i + 1 < ws.size() &&
        (sv(ws[i + 1].lower) == "china" || (sv(ws[i + 1].lower) == "of" && i + 2 < ws.size() && sv(ws[i + 2].lower) == "china")))))
      base.scope = ClaimScope::kOutsideChina;
  }
  for (const auto& s : subjects)
    if (std::find(base.subject.begin(), base.subject.end(), s.id) == base.subject.end()) {
      if (base.subject.empty()) base.subject_name = strip_possessive(s.name);
      base.subject.push_back(s.id);
    }
  // "outside China": China is the scope, not the subject.
  if (base.scope == ClaimScope::kOutsideChina)
    std::erase_if(base.subject, [](const std::string& id) { return id == "country:China"; });
  bool company = std::any_of(base.subject.begin(), base.subject.end(),
                             [](const std::string& id) { return !starts(id, "country:"); });

  // Figures.
  for (const auto& q : qs) {
    // The first word at or after the figure.
    const std::size_t at = word_at(ws, q);
    const std::optional<ClaimKind> kind = figure_kind(q, ws, all, at);
    if (!kind) continue;
    Claim& c = out.emplace_back(base);
    c.span = q.span;
    c.value = q.value;
    c.value_high = q.value_high;
    c.unit = q.unit;
    c.bound = q.bound;
    c.figure = std::string(q.span.of(text));
    c.precision = precision_of(c.figure, q.value);
    // The qualifier: the words just before the figure.
    if (q.bound != Bound::kExact) {
      const std::size_t k = at;
      std::size_t from = k >= 3 ? k - 3 : 0;
      for (std::size_t j = k; j-- > from;) {
        static constexpr std::string_view kHedges[] = {"about", "around", "roughly", "nearly", "almost", "some",
                                                       "approximately", "over", "above", "least", "than", "to",
                                                       "under", "below", "close", "excess", "estimated"};
        bool h = false;
        for (auto hw : kHedges) h = h || sv(ws[j].lower) == hw;
        if (!h) break;
        c.hedge = std::string(text.substr(ws[j].span.begin, ws[k - 1].span.end - ws[j].span.begin));
      }
    }
    // "just over half", "slightly less than 10%": close to the figure, not an open bound.
    if (q.bound == Bound::kAtLeast || q.bound == Bound::kAtMost) {
      const std::size_t k = at;
      for (std::size_t j = k >= 4 ? k - 4 : 0; j < k; ++j)
        if (sv(ws[j].lower) == "just" || sv(ws[j].lower) == "slightly" || (sv(ws[j].lower) == "little" && j > 0 && sv(ws[j - 1].lower) == "a"))
          c.bound = Bound::kApprox;
    }
    if (!c.stage) {
      std::string_view material = q.material;
      // (Kept per thread, as `words`: no allocation a figure.)
      thread_local std::string mat_lower;
      thread_local Words material_words;
      mat_lower.clear();
      for (char ch : material) mat_lower += base::lower_ascii(ch);
      words_of(mat_lower, material_words);
      for (const auto& w : material_words.list)
        if (auto st = stage_of_word(w.lower)) {
          c.stage = st;
          break;
        }
    }
    bool tonnes = c.unit == "t" || c.unit == "t/yr";
    // A tonnage the sentence says could or will be reached ("can be expanded
    // to 5,000 tonnes", "plans to raise output to 12,000 t", "will reach
    // 40,000 t by 2027") is a prospect, no figure of today (the verifier says
    // so). A past change ("output rose to 270,000 t in 2025") is a figure.
    if (tonnes) {
      const std::size_t k = at;
      std::size_t j = k;
      while (j > 0 && (sv(ws[j - 1].lower) == "about" || sv(ws[j - 1].lower) == "around" ||
                       sv(ws[j - 1].lower) == "some" || sv(ws[j - 1].lower) == "roughly" ||
                       sv(ws[j - 1].lower) == "nearly" || sv(ws[j - 1].lower) == "almost"))
        --j;
      bool towards = j > 0 && (sv(ws[j - 1].lower) == "to" || starts(ws[j - 1].lower, "reach"));
      bool prospect = false;
      for (std::size_t b = 0; b < j && towards && !prospect; ++b) {
        std::string_view w = ws[b].lower;
        prospect = w == "can" || w == "could" || w == "will" || w == "would" || w == "may" || w == "might" ||
                   w == "should" || w == "'ll" || starts(w, "plan") || starts(w, "aim") || starts(w, "target") ||
                   starts(w, "expect") || starts(w, "intend") || w == "seeks" || w == "seek";
      }
      c.prospect = towards && prospect;
    }
    if (*kind == ClaimKind::kShare) {
      c.kind = ClaimKind::kShare;
      bool china = std::find(c.subject.begin(), c.subject.end(), "country:China") != c.subject.end();
      c.measure = china && c.scope != ClaimScope::kOutsideChina ? "china_share" : "share";
      // A share of capacity, not of output: "capacity" within the phrase
      // after the figure ("85% of the world's separation capacity") before
      // an output word or a comma, or among the four words before it ("a
      // capacity share of about 85%").
      std::size_t k = 0;
      while (k < ws.size() && ws[k].span.begin < q.span.begin) ++k;
      for (std::size_t b = k >= 4 ? k - 4 : 0; b < k; ++b) c.measure = starts(ws[b].lower, "capacit") ? "capacity_share" : c.measure;
      for (std::size_t n = 0; k < ws.size() && n < 8 && c.measure != "capacity_share"; ++k, ++n) {
        if (starts(ws[k].lower, "capacit") || sv(ws[k].lower) == "nameplate") c.measure = "capacity_share";
        std::string_view w = ws[k].lower;
        if (starts(w, "output") || starts(w, "produc") || starts(w, "suppl") || w == "mined" || w == "despite" || w == "but" ||
            w == "while" || w == "which" || w == "and" || (k + 1 < ws.size() && text.substr(ws[k].span.end, ws[k + 1].span.begin - ws[k].span.end).find_first_of(",;") != std::string_view::npos))
          break;
      }
      if (!c.stage && (all & kSupply)) c.stage = kb::Stage::kMining;
    } else if (*kind == ClaimKind::kPrice) {
      c.kind = ClaimKind::kPrice;
      c.measure = "price";
    } else if (*kind == ClaimKind::kReserves) {
      c.kind = ClaimKind::kReserves;
      c.measure = (all & kResource) && !(all & kReserve) ? "resources" : "reserves";
    } else if (*kind == ClaimKind::kCapacity) {
      c.kind = ClaimKind::kCapacity;
      c.measure = "capacity";
    } else {  // kProduction
      c.kind = ClaimKind::kProduction;
      c.measure = company ? "output" : (c.stage == kb::Stage::kMagnet ? "magnet_output" : "mine_production");
      if (!company && !c.stage) c.stage = kb::Stage::kMining;
    }
    if (c.scope == ClaimScope::kWorld && !c.subject.empty() && c.kind != ClaimKind::kShare) c.scope = ClaimScope::kCountry;
    if (std::find(c.subject.begin(), c.subject.end(), "country:World") == c.subject.end() &&
        (c.kind == ClaimKind::kShare) && c.subject.empty() && c.scope != ClaimScope::kOutsideChina)
      c.scope = ClaimScope::kWorld;
  }

  // Rank: "[the] [world's] second-largest producer", "the largest refiner outside China".
  if (rank) {
    const std::size_t i = rank->word, noun = rank->noun;
    const int r = rank->rank;
    const std::string_view measure = rank->measure;
    const std::optional<kb::Stage> st = rank->stage;
    Claim& c = out.emplace_back(base);
    c.kind = ClaimKind::kRank;
    c.rank = r;
    c.measure = measure == "reserves" ? "reserves" : (st == kb::Stage::kMining ? "mine_production" : "output");
    if (st) c.stage = st;
    if (measure == "mine_production" && base.stage && *base.stage != kb::Stage::kMining) {
      c.stage = base.stage;
      c.measure = "output";
    }
    if (measure == "mine_production" && (all & kMagnet))
      c.stage = kb::Stage::kMagnet, c.measure = "output";
    if (measure == "reserves") c.stage.reset();
    c.unit = "rank";
    c.value = r;
    c.value_high = r;
    c.span = {ws[i > 0 && ordinal(ws[i - 1].lower) ? i - 1 : i].span.begin, ws[std::min(ws.size() - 1, noun)].span.end};
    c.figure = std::string(c.span.of(text));
    // The subject is the name before the rank phrase.
    std::vector<std::string> subj;
    for (const auto& s : subjects)
      if (s.span.end <= ws[i].span.begin && !(c.scope == ClaimScope::kOutsideChina && s.id == "country:China" &&
                                               s.span.begin > ws[i].span.begin))
        subj = {s.id}, c.subject_name = s.name;
    if (subj.empty() && !subjects.empty()) subj = {subjects.front().id}, c.subject_name = subjects.front().name;
    c.subject = subj;
    c.scope = base.scope;
  }

  // Policy: a state bans, restricts or licenses exports or imports.
  const std::size_t policy_at = policy_word_at(ws);
  const bool policy_word = policy_at < ws.size();
  bool exports = all & kExport;
  bool imports = all & kImport;
  bool has_country = std::any_of(base.subject.begin(), base.subject.end(),
                                 [](const std::string& id) { return starts(id, "country:"); });
  if (policy_word && has_country && (exports || imports || (all & kQuota)) && none_yet()) {
    Claim& c = out.emplace_back(base);
    c.kind = ClaimKind::kPolicy;
    std::string_view pw = ws[policy_at].lower;
    if (all & kTechnology) c.measure = "technology_export_ban";
    else if (starts(pw, "quota")) c.measure = "production_quota";
    else if (imports && !exports) c.measure = "import_ban";
    else if (starts(pw, "ban") || starts(pw, "prohibit")) c.measure = "export_ban";
    else c.measure = "export_control";
    if (all & kRaw) c.stage = kb::Stage::kMining;
    c.span = ws[policy_at].span;
    c.figure = std::string(c.span.of(text));
    // Past: "banned", "imposed", "introduced", "restricted" without a present auxiliary.
    bool past = (pw.size() > 2 && pw.substr(pw.size() - 2) == "ed") || (all & kImposed);
    bool present_aux = all & kPresent;
    c.present = !past || present_aux;
    // Only the first country is the state that imposes it; the rest are destinations.
    std::string first;
    for (const auto& s : subjects)
      if (starts(s.id, "country:")) {
        if (first.empty()) {
          first = s.id;
          c.subject_name = s.name;
        } else if (s.id != first) {
          c.destinations.push_back(s.id.substr(8));
        }
      }
    c.subject = {first};
    c.scope = ClaimScope::kCountry;
  }

  // Operation: a plant or company operates, produces, is under construction, closed.
  if (none_yet() && company) {
    const std::string_view m = operation_measure(all);
    if (!m.empty()) {
      Claim& c = out.emplace_back(base);
      c.kind = ClaimKind::kOperation;
      c.measure = std::string(m);
      std::erase_if(c.subject, [](const std::string& id) { return starts(id, "country:"); });
      c.subject_name.clear();
      for (const auto& s : subjects)
        if (!starts(s.id, "country:")) {
          c.subject_name = s.name;
          break;
        }
      c.span = {0, static_cast<std::uint32_t>(text.size())};
      c.present = !(all & kWas);
    }
  }

  // Event: something happened (seized, suspended, halted, lifted, acquired).
  if (none_yet() && !base.subject.empty())
    if (auto ev = event_word(ws)) {
      const Word& w = ws[ev->first];
      Claim& c = out.emplace_back(base);
      c.kind = ClaimKind::kEvent;
      c.measure = std::string(ev->second);
      c.span = w.span;
      c.figure = std::string(w.span.of(text));
      c.present = false;
    }
  return out.size() - first;
}

}  // namespace assay::analysis
