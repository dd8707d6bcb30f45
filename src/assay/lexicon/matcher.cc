// Matcher: the lexicon scan. See lexicon.h for the outline; the details:
//
// Compaction. expand_pattern writes a space of a pattern as the run
// (?:[ \t\n]|\xC2\xA0)+, which has no fixed length and makes vectorscan work
// hard around frequent words. The scan copies the text with every maximal run
// of those bytes that is not a single space written as one space (and keeps
// where, to map offsets back). An entry is scanned on that copy only when
// each of its runs sits between two bytes no run can contain, and no other
// part of it can match a blank; then its matches in the copy and in the text
// correspond one to one. A class with a space ("rare[- ]earth") matches
// only a single space, so such a match must not cover a rewritten run.
//
// Shapes. Each such entry is split into shapes (shape.h); shapes of one entry
// with the same length (and the same checks, below) form one expression of
// the fixed database, compiled without start of match. A leading or trailing
// \b next to a word byte is left out of the expression and checked by the
// scan on the byte before or after the match: vectorscan is much slower with
// a trailing \b on frequent short words ("it", "he") than without.
//
// Words. A shape that is one whole word (word bytes only, \b on both sides,
// at most kMaxWordExpansions spellings) is not given to vectorscan: the scan
// walks the compacted text's words and looks each up in a table of those
// spellings. vectorscan's literal matcher reported such words wherever their
// letters occur ("i" inside every word with an i, "ore" in "more") and the
// scan then threw the match away for its missing \b, about 500 instructions
// each; the table costs one look-up per word of a length some entry has.
// The walk's matches reach the collector merged with vectorscan's by end
// offset, so each entry's matches still arrive by increasing end.
//
// Reduction. vectorscan with start of match reports, per entry and match
// end, the leftmost start; the reference then keeps the longest match per
// (entry, start). The scan keeps, per entry, its last cue, which gives both
// rules in one pass while an entry's matches arrive by increasing end and
// start; when they do not, it scans again, keeps every match and reduces by
// sorting.
#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "assay/lexicon/lexicon.h"
#include "assay/lexicon/precompiled.h"
#include "assay/base/strings.h"
#include "assay/lexicon/shape.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace assay::lexicon {

using base::Error;

namespace {

// ShapeReport::flags
constexpr std::uint32_t kWordBoundaryBefore = 1;  // a stripped leading \b: the byte before is not a word byte
constexpr std::uint32_t kWordBoundaryAfter = 2;   // a stripped trailing \b: the byte after is not a word byte
constexpr std::uint32_t kSingleSpacesOnly = 4;    // a class with a space: no rewritten run inside the match
constexpr std::uint32_t kVariable = 8;            // the entry occurs; its spans come from variable_db_
constexpr std::uint32_t kWord = 16;               // a whole word, found by the word table (not in fixed_db_)

// A word shape with more spellings than this stays in vectorscan.
constexpr std::size_t kMaxWordExpansions = 64;
constexpr std::size_t kMaxWordLength = 63;

constexpr std::size_t kMaxShapes = 1024;
// How many times an entry with more shapes is split at a group of
// alternatives (split_first_group) before it goes to the verbatim database.
constexpr int kMaxSplitDepth = 3;
constexpr std::size_t kMaxParts = 256;

constexpr std::array<bool, 256> kWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  return t;
}();

bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Bytes a run of blanks may contain (0xC2 0xA0 is NBSP).
std::bitset<256> run_bytes() {
  std::bitset<256> b;
  for (unsigned char c : {' ', '\t', '\n'}) b.set(c);
  b.set(0xC2);
  b.set(0xA0);
  return b;
}

std::bitset<256> word_bytes() {
  std::bitset<256> b;
  for (int c = 0; c < 256; ++c)
    if (kWordByte[static_cast<std::size_t>(c)]) b.set(static_cast<std::size_t>(c));
  return b;
}

enum class Route { kFixed, kVariable, kVerbatim };

struct ShapeClass {
  bool compactable = false;
  bool single_space = false;  // has a class with a space
};

// Whether the shape's matches in the text and in the compacted text
// correspond one to one (see the top of the file).
ShapeClass classify(const Shape& shape) {
  static const std::bitset<256> kRun = run_bytes();
  std::bitset<256> others = kRun;
  others.reset(' ');
  std::vector<const Atom*> c;
  for (const auto& a : shape)
    if (a.consumes()) c.push_back(&a);
  auto clean = [&](const Atom* a) { return a->kind == Atom::Kind::kBytes && (a->bytes & kRun).none(); };
  ShapeClass out;
  bool space = false;
  for (std::size_t j = 0; j < c.size(); ++j) {
    const Atom* a = c[j];
    bool run = a->kind == Atom::Kind::kSpace;
    bool single = a->kind == Atom::Kind::kBytes && a->bytes.test(' ') && (a->bytes & others).none() && !a->repeated;
    if (!run && !single && !clean(a)) return {};
    if ((run || single) && (j == 0 || j + 1 == c.size() || !clean(c[j - 1]) || !clean(c[j + 1]))) return {};
    space |= run;
    out.single_space |= single;
  }
  // A rewritten run inside a match may be legitimate (a space of the pattern)
  // or not (the class): not worth telling apart.
  if (space && out.single_space) return {};
  out.compactable = true;
  return out;
}

Route route_of(const std::vector<Shape>& shapes) {
  bool fixed = true, single_space = false;
  for (const auto& s : shapes) {
    ShapeClass k = classify(s);
    if (!k.compactable) return Route::kVerbatim;
    single_space |= k.single_space;
    fixed = fixed && is_fixed(s);
  }
  if (fixed) return Route::kFixed;
  return single_space ? Route::kVerbatim : Route::kVariable;
}

// Leaves out leading and trailing \b next to a byte set of word bytes only;
// returns the checks the scan must make instead.
std::uint32_t strip_word_boundaries(Shape& s) {
  static const std::bitset<256> kWord = word_bytes();
  std::uint32_t flags = 0;
  auto word_only = [&](const Atom& a) { return a.kind == Atom::Kind::kBytes && !a.repeated && (a.bytes & ~kWord).none(); };
  std::size_t lead = 0;
  while (lead < s.size() && s[lead].kind == Atom::Kind::kWordBoundary) ++lead;
  if (lead > 0 && lead < s.size() && word_only(s[lead])) {
    s.erase(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(lead));
    flags |= kWordBoundaryBefore;
  }
  std::size_t trail = 0;
  while (trail < s.size() && s[s.size() - 1 - trail].kind == Atom::Kind::kWordBoundary) ++trail;
  if (trail > 0 && trail < s.size() && word_only(s[s.size() - 1 - trail])) {
    s.resize(s.size() - trail);
    flags |= kWordBoundaryAfter;
  }
  return flags;
}

struct DbSpec {
  std::vector<std::string> exprs;
  std::vector<unsigned> flags, ids;
  void add(std::string e, unsigned f, std::size_t id) {
    exprs.push_back(std::move(e));
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(id));
  }
};

struct Plan {
  DbSpec fixed, variable, verbatim;
  std::vector<Matcher::ShapeReport> reports;
  std::bitset<256> variable_bytes;
  std::vector<Matcher::WordSpelling> words;
};

constexpr unsigned char lower_ascii(unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c; }


// A hash of a word (n > 0 word bytes) that ignores case: every byte is read
// with 0x20 set, which lower-cases a letter and leaves a digit as it is ('_'
// becomes 0x7F, which no other word byte does). Reads the first and the last
// bytes in fixed-size loads that may overlap, none outside the word.
inline std::uint64_t word_hash(const unsigned char* s, std::size_t n) {
  constexpr std::uint64_t kFold = 0x2020202020202020ULL;
  std::uint64_t a, b;
  if (n >= 8) {
    std::memcpy(&a, s, 8);
    std::memcpy(&b, s + n - 8, 8);
  } else if (n >= 4) {
    std::uint32_t x, y;
    std::memcpy(&x, s, 4);
    std::memcpy(&y, s + n - 4, 4);
    a = x;
    b = y;
  } else {
    a = s[0] | (std::uint64_t{s[n / 2]} << 8) | (std::uint64_t{s[n - 1]} << 16);
    b = 0;
  }
  std::uint64_t h = ((a | kFold) * 0x9E3779B97F4A7C15ULL) ^ ((b | kFold) * 0xC2B2AE3D27D4EB4FULL) ^ n;
  return h ^ (h >> 29);
}

// Bit i set when byte i of the sixteen at p is a word byte.
inline unsigned word_mask(const unsigned char* p) {
#if defined(__SSE2__)
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i letter = _mm_sub_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
  __m128i digit = _mm_sub_epi8(v, _mm_set1_epi8('0'));
  auto at_most = [](__m128i x, char k) { return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(k)), x); };
  __m128i word = _mm_or_si128(_mm_or_si128(at_most(letter, 25), at_most(digit, 9)), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
  return static_cast<unsigned>(_mm_movemask_epi8(word));
#else
  unsigned m = 0;
  for (unsigned i = 0; i < 16; ++i) m |= unsigned{kWordByte[p[i]]} << i;
  return m;
#endif
}

// The spellings of a shape that is one whole word (after its \b were
// stripped: `flags` has both checks and nothing else), lower-cased when the
// entry is caseless; nullopt when the shape is anything else or has too many.
std::optional<std::vector<std::string>> word_spellings(const Shape& s, std::uint32_t flags, bool caseless) {
  static const std::bitset<256> kWord = word_bytes();
  if (flags != (kWordBoundaryBefore | kWordBoundaryAfter) || s.empty() || s.size() > kMaxWordLength) return std::nullopt;
  std::vector<std::string> out{std::string()};
  for (const auto& a : s) {
    if (a.kind != Atom::Kind::kBytes || a.repeated || a.bytes.none() || (a.bytes & ~kWord).any()) return std::nullopt;
    std::bitset<256> b;
    for (unsigned c = 0; c < 256; ++c)
      if (a.bytes.test(c)) b.set(caseless ? lower_ascii(static_cast<unsigned char>(c)) : c);
    if (out.size() * b.count() > kMaxWordExpansions) return std::nullopt;
    std::vector<std::string> next;
    for (const auto& w : out)
      for (unsigned c = 0; c < 256; ++c)
        if (b.test(c)) next.push_back(w + static_cast<char>(c));
    out = std::move(next);
  }
  return out;
}

// Every byte an atom of the shape can match (both cases when caseless).
void add_bytes(const Shape& shape, bool caseless, std::bitset<256>& out) {
  for (const auto& a : shape) {
    if (a.kind == Atom::Kind::kSpace) out.set(' ');
    if (a.kind != Atom::Kind::kBytes) continue;
    out |= a.bytes;
    if (!caseless) continue;
    for (unsigned c = 'a'; c <= 'z'; ++c) {
      if (a.bytes.test(c) || a.bytes.test(c - 'a' + 'A')) {
        out.set(c);
        out.set(c - 'a' + 'A');
      }
    }
  }
}

// Adds the shapes of one entry (or of one part of it) to the fixed or the
// variable database.
void add_shapes(Plan& p, std::uint32_t entry, unsigned caseless, const std::vector<Shape>& shapes, Route route) {
  if (route == Route::kVariable) {
    std::string alt;
    for (const auto& s : shapes) alt += (alt.empty() ? "" : "|") + shape_expression(s);
    p.variable.add("(?:" + alt + ")", caseless | HS_FLAG_SOM_LEFTMOST, entry);
    for (const auto& s : shapes) add_bytes(s, caseless != 0, p.variable_bytes);
    p.fixed.add("(?:" + alt + ")", caseless, p.reports.size());
    p.reports.push_back({.entry = entry, .length = 0, .flags = kVariable});
    return;
  }
  // One expression per (length, checks), alternatives in pattern order;
  // whole words one report per length, their spellings in the word table.
  std::map<std::pair<std::size_t, std::uint32_t>, std::string> groups;
  std::map<std::size_t, std::vector<std::string>> words;
  for (auto s : shapes) {
    std::uint32_t flags = strip_word_boundaries(s);
    if (auto w = word_spellings(s, flags, caseless != 0)) {
      auto& list = words[fixed_length(s)];
      list.insert(list.end(), w->begin(), w->end());
      continue;
    }
    if (classify(s).single_space) flags |= kSingleSpacesOnly;
    std::string& alt = groups[{fixed_length(s), flags}];
    alt += (alt.empty() ? "" : "|") + shape_expression(s);
  }
  for (const auto& [key, alt] : groups) {
    p.fixed.add("(?:" + alt + ")", caseless, p.reports.size());
    p.reports.push_back({.entry = entry, .length = static_cast<std::uint32_t>(key.first), .flags = key.second});
  }
  for (auto& [length, list] : words) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    auto report = static_cast<std::uint32_t>(p.reports.size());
    for (auto& w : list) p.words.push_back({.word = std::move(w), .report = report, .caseless = caseless != 0});
    p.reports.push_back({.entry = entry, .length = static_cast<std::uint32_t>(length), .flags = kWord});
  }
}

// `split` false: every entry verbatim, as the reference.
Plan make_plan(const Lexicon& lex, bool split) {
  Plan p;
  const auto& entries = lex.entries();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string expr = expand_pattern(entries[i].pattern);
    unsigned caseless = is_case_sensitive(entries[i].pattern) ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS);
    auto parts = split ? shape_parts(expr, kMaxShapes, kMaxSplitDepth, kMaxParts) : std::vector<std::vector<Shape>>{};
    // A split entry's parts all take the fixed database, or the entry goes
    // whole to the start-of-match database over the text: variable parts
    // (an unbounded class between phrases, "gives ([a-z]+ ){1,3}a card")
    // would report their ends so often that the windows cost more than the
    // whole scan (measured: five times the scan).
    Route route = parts.size() == 1 ? route_of(parts.front()) : parts.empty() ? Route::kVerbatim : Route::kFixed;
    if (parts.size() > 1)
      for (const auto& shapes : parts)
        if (route_of(shapes) != Route::kFixed) route = Route::kVerbatim;
    auto entry = static_cast<std::uint32_t>(i);
    if (route == Route::kVerbatim) {
      p.verbatim.add(std::move(expr), caseless | HS_FLAG_SOM_LEFTMOST, i);
      continue;
    }
    for (const auto& shapes : parts) add_shapes(p, entry, caseless, shapes, route);
  }
  return p;
}

bool compile_db(const DbSpec& spec, hs_database_t** db, std::string* error) {
  if (spec.exprs.empty()) return true;
  std::vector<const char*> ptrs;
  for (const auto& e : spec.exprs) ptrs.push_back(e.c_str());
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(ptrs.data(), spec.flags.data(), spec.ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK,
                       nullptr, db, &err) != HS_SUCCESS) {
    *error = err ? err->message : "unknown error";
    hs_free_compile_error(err);
    return false;
  }
  return true;
}

// Names every entry whose own expression does not compile, as the single
// database of earlier versions did.
base::Errors entry_errors(const Lexicon& lex) {
  base::Errors errors;
  for (const auto& e : lex.entries()) {
    std::string expr = expand_pattern(e.pattern);
    unsigned flags = HS_FLAG_SOM_LEFTMOST | (is_case_sensitive(e.pattern) ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS));
    hs_database_t* one = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(expr.c_str(), flags, HS_MODE_BLOCK, nullptr, &one, &err) != HS_SUCCESS) {
      errors.add(Error::invalid(fmt::format("pattern \"{}\" does not compile: {}", e.pattern, err ? err->message : "?"),
                                      {.file = e.file, .line = e.line, .field = "pattern"}));
      hs_free_compile_error(err);
    } else {
      hs_free_database(one);
    }
  }
  return errors;
}

// The serialised form: magic, the reports, the variable entries' bytes, the
// word table's spellings (a count, then each as report, caseless, length and
// bytes), then the three databases, each as a 64-bit size and vectorscan's
// own serialisation (size 0: none).
constexpr std::string_view kMagic = "assaylx3";

void put_u64(std::string& out, std::uint64_t v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

bool get_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  std::memcpy(&v, in.data(), 8);
  in.remove_prefix(8);
  return true;
}

bool put_db(std::string& out, const hs_database_t* db) {
  if (!db) {
    put_u64(out, 0);
    return true;
  }
  char* bytes = nullptr;
  std::size_t n = 0;
  if (hs_serialize_database(db, &bytes, &n) != HS_SUCCESS) return false;
  put_u64(out, n);
  out.append(bytes, n);
  std::free(bytes);
  return true;
}

bool get_db(std::string_view& in, hs_database_t** db) {
  std::uint64_t n = 0;
  if (!get_u64(in, n) || n > in.size()) return false;
  if (n > 0 && hs_deserialize_database(in.data(), n, db) != HS_SUCCESS) return false;
  in.remove_prefix(n);
  return true;
}

// A maximal run of blanks written as one space in the compacted text.
struct Run {
  std::uint32_t at;     // its offset in the compacted text
  std::uint32_t shift;  // text offset minus compacted offset after it
};

// The first offset >= i where a rewritten run may start: a tab, a newline,
// 0xC2, or a space followed by one of those or by a space.
std::size_t next_run_candidate(const unsigned char* s, std::size_t n, std::size_t i) {
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n'),
                c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  while (i + 17 <= n) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 1));
    __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, nl)), _mm_cmpeq_epi8(v, c2));
    __m128i next = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, space), _mm_cmpeq_epi8(w, tab)),
                                _mm_or_si128(_mm_cmpeq_epi8(w, nl), _mm_cmpeq_epi8(w, c2)));
    int m = _mm_movemask_epi8(_mm_or_si128(special, _mm_and_si128(_mm_cmpeq_epi8(v, space), next)));
    if (m != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
    i += 16;
  }
#endif
  for (; i < n; ++i) {
    unsigned char c = s[i];
    if (c == '\t' || c == '\n' || c == 0xC2) return i;
    if (c == ' ' && i + 1 < n && (is_blank(s[i + 1]) || s[i + 1] == 0xC2)) return i;
  }
  return n;
}

}  // namespace

struct Matcher::Scratch::State {
  std::string compact;
  std::vector<Run> runs;
  // Per entry while scanning: its last cue, the largest start of its cues
  // before that one; `touched` lists the entries to reset.
  struct Mark {
    std::uint32_t cue = kNone;
    std::uint32_t prior_start = 0;
    bool has_prior = false;
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::vector<Mark> marks;
  std::vector<std::uint32_t> touched;
  std::vector<std::uint32_t> variable_ends;  // compacted offsets
  struct WordHit {
    std::uint32_t end;  // compacted offset
    std::uint32_t report;
  };
  std::vector<WordHit> word_hits;  // by end

  // The text to scan: `text` itself when it has no run to rewrite, else its
  // compacted copy (in `compact`, with `runs`).
  std::string_view compact_text(std::string_view text) {
    runs.clear();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    std::size_t copied = 0, shift = 0;
    for (std::size_t i = next_run_candidate(s, n, 0); i < n; i = next_run_candidate(s, n, i)) {
      std::size_t b = i;
      while (b < n) {
        if (is_blank(s[b]))
          ++b;
        else if (s[b] == 0xC2 && b + 1 < n && s[b + 1] == 0xA0)
          b += 2;
        else
          break;
      }
      if (b == i || (b == i + 1 && s[i] == ' ')) {
        i = b == i ? i + 1 : b;  // a lone 0xC2, or a single space before one
        continue;
      }
      if (runs.empty()) {
        compact.clear();
        compact.reserve(n);
      }
      compact.append(text.data() + copied, i - copied);
      compact.push_back(' ');
      shift += b - i - 1;
      runs.push_back({static_cast<std::uint32_t>(compact.size() - 1), static_cast<std::uint32_t>(shift)});
      copied = b;
      i = b;
    }
    if (runs.empty()) return text;
    compact.append(text.data() + copied, n - copied);
    return compact;
  }

  // The text offset of compacted offset p.
  std::uint32_t to_text(std::uint32_t p) const {
    auto it = std::lower_bound(runs.begin(), runs.end(), p, [](const Run& r, std::uint32_t v) { return r.at < v; });
    return it == runs.begin() ? p : p + std::prev(it)->shift;
  }

  bool run_inside(std::uint32_t begin, std::uint32_t end) const {
    auto it = std::lower_bound(runs.begin(), runs.end(), begin, [](const Run& r, std::uint32_t v) { return r.at < v; });
    return it != runs.end() && it->at < end;
  }
};

// Receives matches (entry, begin, end) and appends the reduced cues to `out`.
class Matcher::Collector {
 public:
  Collector(const Lexicon& lex, Scratch::State& st, std::vector<Cue>& out, bool keep_all)
      : entries_(lex.entries()), st_(st), out_(out), keep_all_(keep_all) {}

  void add(std::uint32_t entry, std::uint32_t begin, std::uint32_t end) {
    Category cat = entries_[entry].category;
    if (keep_all_) {
      out_.push_back(Cue{{begin, end}, cat, entry});
      return;
    }
    auto& m = st_.marks[entry];
    if (m.cue == Scratch::State::kNone) {
      st_.touched.push_back(entry);
      m.cue = static_cast<std::uint32_t>(out_.size());
      out_.push_back(Cue{{begin, end}, cat, entry});
      return;
    }
    Cue& last = out_[m.cue];
    if (end == last.span.end) {
      // The leftmost start for this end.
      if (begin < last.span.begin) {
        if (m.has_prior && begin <= m.prior_start) unordered_ = true;
        last.span.begin = begin;
      }
      return;
    }
    if (end < last.span.end || begin < last.span.begin) unordered_ = true;
    if (begin == last.span.begin) {
      last.span.end = end;  // the longest match from this start
      return;
    }
    m.prior_start = m.has_prior ? std::max(m.prior_start, last.span.begin) : last.span.begin;
    m.has_prior = true;
    m.cue = static_cast<std::uint32_t>(out_.size());
    out_.push_back(Cue{{begin, end}, cat, entry});
  }

  // True when an entry's matches came out of order: the cues may be wrong
  // and the caller scans again with keep_all.
  bool unordered() const { return unordered_; }

  void reset_marks() {
    for (auto e : st_.touched) st_.marks[e] = {};
    st_.touched.clear();
  }

  std::vector<Cue>& out() { return out_; }

 private:
  const std::vector<Entry>& entries_;
  Scratch::State& st_;
  std::vector<Cue>& out_;
  bool keep_all_;
  bool unordered_ = false;
};

// What the fixed database's match callback needs.
struct Matcher::FixedContext {
  const ShapeReport* reports;
  const unsigned char* text;  // compacted
  std::uint32_t size;
  Scratch::State* st;
  Collector* out;
  // The word table's matches not yet given to `out`.
  const Scratch::State::WordHit* hit;
  const Scratch::State::WordHit* hits_end;

  // Gives `out` the word matches that end at or before `end`.
  void words_until(std::uint64_t end) {
    for (; hit != hits_end && hit->end <= end; ++hit) {
      const ShapeReport& r = reports[hit->report];
      out->add(r.entry, hit->end - r.length, hit->end);
    }
  }
};

Matcher::Scratch::Scratch(Scratch&& o) noexcept : s_(o.s_), state_(o.state_) {
  o.s_ = nullptr;
  o.state_ = nullptr;
}

Matcher::Scratch& Matcher::Scratch::operator=(Scratch&& o) noexcept {
  if (this != &o) {
    if (s_) hs_free_scratch(s_);
    delete state_;
    s_ = o.s_;
    state_ = o.state_;
    o.s_ = nullptr;
    o.state_ = nullptr;
  }
  return *this;
}

Matcher::Scratch::~Scratch() {
  if (s_) hs_free_scratch(s_);
  delete state_;
}

Matcher::~Matcher() {
  for (auto* db : {fixed_db_, variable_db_, verbatim_db_})
    if (db) hs_free_database(db);
}

std::expected<std::shared_ptr<const Matcher>, base::Errors> Matcher::compile(const Lexicon& lex,
                                                                                   const Precompiled& precompiled) {
  auto m = std::make_shared<Matcher>(lex);
  if (lex.entries().empty()) return std::shared_ptr<const Matcher>(m);
  // The build compiled the embedded lexicons already: load that when it fits.
  std::string_view pre = precompiled.database;
  if (!pre.empty() && precompiled.fingerprint == fingerprint(lex) && pre.starts_with(kMagic)) {
    std::string_view in = pre.substr(kMagic.size());
    std::uint64_t n = 0;
    bool ok = get_u64(in, n) && n <= in.size() / sizeof(ShapeReport);
    if (ok) {
      m->reports_.resize(n);
      std::memcpy(m->reports_.data(), in.data(), n * sizeof(ShapeReport));
      in.remove_prefix(n * sizeof(ShapeReport));
      for (const auto& r : m->reports_) ok = ok && r.entry < lex.size();
    }
    ok = ok && in.size() >= 256;
    if (ok) {
      for (std::size_t b = 0; b < 256; ++b) m->variable_bytes_[b] = in[b] != 0;
      in.remove_prefix(256);
    }
    std::uint64_t words = 0;
    ok = ok && get_u64(in, words) && words <= in.size() / 6;
    for (std::uint64_t i = 0; ok && i < words; ++i) {
      WordSpelling w;
      ok = in.size() >= 6;
      if (!ok) break;
      std::memcpy(&w.report, in.data(), 4);
      w.caseless = in[4] != 0;
      auto len = static_cast<unsigned char>(in[5]);
      in.remove_prefix(6);
      ok = len > 0 && len <= in.size() && w.report < m->reports_.size();
      if (!ok) break;
      w.word.assign(in.data(), len);
      in.remove_prefix(len);
      m->words_.push_back(std::move(w));
    }
    ok = ok && get_db(in, &m->fixed_db_) && get_db(in, &m->variable_db_) && get_db(in, &m->verbatim_db_) && in.empty();
    if (ok) {
      m->precompiled_ = true;
      m->build_word_table();
      return std::shared_ptr<const Matcher>(m);
    }
    m = std::make_shared<Matcher>(lex);
  }
  Plan plan = make_plan(lex, /*split=*/true);
  std::string error;
  auto compile_all = [&] {
    return compile_db(plan.fixed, &m->fixed_db_, &error) && compile_db(plan.variable, &m->variable_db_, &error) &&
           compile_db(plan.verbatim, &m->verbatim_db_, &error);
  };
  if (!compile_all()) {
    auto errors = entry_errors(lex);
    if (!errors.empty()) return std::unexpected(std::move(errors));
    // Each entry compiles alone, so the split hit a vectorscan limit: one
    // start-of-match database of every entry still works, only slower.
    m = std::make_shared<Matcher>(lex);
    plan = make_plan(lex, /*split=*/false);
    if (!compile_all()) return std::unexpected(base::Errors(Error::invalid(fmt::format("lexicon does not compile: {}", error))));
  }
  m->reports_ = std::move(plan.reports);
  for (std::size_t b = 0; b < 256; ++b) m->variable_bytes_[b] = plan.variable_bytes.test(b);
  m->words_ = std::move(plan.words);
  m->build_word_table();
  return std::shared_ptr<const Matcher>(m);
}

void Matcher::build_word_table() {
  std::stable_sort(words_.begin(), words_.end(), [](const WordSpelling& a, const WordSpelling& b) {
    return base::to_lower_ascii(a.word) < base::to_lower_ascii(b.word);
  });
  word_keys_.clear();
  word_lengths_ = 0;
  for (std::size_t i = 0; i < words_.size(); ++i) {
    std::string key = base::to_lower_ascii(words_[i].word);
    if (word_keys_.empty() || word_keys_.back().key != key) {
      auto h = word_hash(reinterpret_cast<const unsigned char*>(key.data()), key.size());
      word_lengths_ |= std::uint64_t{1} << key.size();
      word_keys_.push_back({.key = std::move(key), .hash = h, .first = static_cast<std::uint32_t>(i), .count = 0});
    }
    ++word_keys_.back().count;
  }
  std::size_t n = 16;
  while (n < 2 * word_keys_.size()) n *= 2;
  word_slots_.assign(word_keys_.empty() ? 0 : n, 0);
  for (std::size_t k = 0; k < word_keys_.size(); ++k) {
    std::size_t at = word_keys_[k].hash & (n - 1);
    while (word_slots_[at] != 0) at = (at + 1) & (n - 1);
    word_slots_[at] = static_cast<std::uint32_t>(k + 1);
  }
}

std::string Matcher::serialize() const {
  if (!fixed_db_ && !verbatim_db_ && words_.empty()) return {};
  std::string out(kMagic);
  put_u64(out, reports_.size());
  out.append(reinterpret_cast<const char*>(reports_.data()), reports_.size() * sizeof(ShapeReport));
  for (bool b : variable_bytes_) out.push_back(b ? '\1' : '\0');
  put_u64(out, words_.size());
  for (const auto& w : words_) {
    char b[6];
    std::memcpy(b, &w.report, 4);
    b[4] = w.caseless ? '\1' : '\0';
    b[5] = static_cast<char>(w.word.size());  // at most kMaxWordLength
    out.append(b, 6);
    out += w.word;
  }
  if (!put_db(out, fixed_db_) || !put_db(out, variable_db_) || !put_db(out, verbatim_db_)) return {};
  return out;
}

bool Matcher::allocate(Scratch& scratch) const {
  for (auto* db : {fixed_db_, variable_db_, verbatim_db_})
    if (db && hs_alloc_scratch(db, &scratch.s_) != HS_SUCCESS) return false;
  return true;
}

Matcher::Scratch Matcher::new_scratch() const {
  Scratch s;
  allocate(s);
  return s;
}

void Matcher::scan_all(std::string_view text, hs_scratch* scratch, Scratch::State& st, Collector& out) const {
  std::size_t first = out.out().size();
  std::string_view compact = st.compact_text(text);
  st.variable_ends.clear();
  scan_words(compact, st);
  FixedContext ctx{reports_.data(),
                   reinterpret_cast<const unsigned char*>(compact.data()),
                   static_cast<std::uint32_t>(compact.size()),
                   &st,
                   &out,
                   st.word_hits.data(),
                   st.word_hits.data() + st.word_hits.size()};
  if (fixed_db_) {
    auto on_match = [](unsigned id, unsigned long long, unsigned long long to, unsigned, void* p) -> int {
      auto* c = static_cast<FixedContext*>(p);
      c->words_until(to);
      const ShapeReport& r = c->reports[id];
      if (r.flags & kVariable) {
        c->st->variable_ends.push_back(static_cast<std::uint32_t>(to));
        return 0;
      }
      auto end = static_cast<std::uint32_t>(to);
      std::uint32_t begin = end - r.length;
      if ((r.flags & kWordBoundaryBefore) && begin > 0 && kWordByte[c->text[begin - 1]]) return 0;
      if ((r.flags & kWordBoundaryAfter) && end < c->size && kWordByte[c->text[end]]) return 0;
      if ((r.flags & kSingleSpacesOnly) && c->st->run_inside(begin, end)) return 0;
      c->out->add(r.entry, begin, end);
      return 0;
    };
    hs_scan(fixed_db_, compact.data(), ctx.size, 0, scratch, on_match, &ctx);
  }
  ctx.words_until(compact.size());
  if (!st.variable_ends.empty() && variable_db_) scan_variable(compact, scratch, st, out);
  if (!st.runs.empty()) {
    auto& cues = out.out();
    for (std::size_t i = first; i < cues.size(); ++i) cues[i].span = {st.to_text(cues[i].span.begin), st.to_text(cues[i].span.end)};
  }
  if (verbatim_db_) {
    auto on_span = [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* p) -> int {
      static_cast<Collector*>(p)->add(id, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to));
      return 0;
    };
    hs_scan(verbatim_db_, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_span, &out);
  }
}

// The spans of the variable entries that occur: vectorscan with start of
// match over windows of the compacted text around the ends the fixed database
// reported. A window reaches back from an end over bytes the variable entries
// can match (so it holds every match ending there) to one byte they cannot
// match, which gives a leading \b its context, and one byte past the end for
// a trailing \b. Windows that touch are scanned as one, so no byte is scanned
// twice.
void Matcher::scan_variable(std::string_view compact, hs_scratch* scratch, Scratch::State& st, Collector& out) const {
  auto& ends = st.variable_ends;
  if (!std::is_sorted(ends.begin(), ends.end())) std::sort(ends.begin(), ends.end());
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  std::size_t n = compact.size();
  struct Window {
    Collector* out;
    std::uint32_t begin, end;
    bool last;  // the window ends the text: a match may end at its end
  };
  auto scan_window = [&](std::size_t begin, std::size_t end) {
    Window w{&out, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), end == n};
    auto on_span = [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* p) -> int {
      auto* w = static_cast<Window*>(p);
      auto e = static_cast<std::uint32_t>(w->begin + to);
      if (e < w->end || w->last) w->out->add(id, static_cast<std::uint32_t>(w->begin + from), e);
      return 0;
    };
    hs_scan(variable_db_, compact.data() + begin, static_cast<unsigned>(end - begin), 0, scratch, on_span, &w);
  };
  std::size_t begin = 0, end = 0;
  bool open = false;
  for (std::uint32_t e : ends) {
    std::size_t floor = open ? end : 0;
    std::size_t from = e;
    while (from > floor && variable_bytes_[s[from - 1]]) --from;
    if (open && from <= end) {
      end = std::max<std::size_t>(end, std::min<std::size_t>(n, e + 1));
      continue;
    }
    if (open) scan_window(begin, end);
    begin = from > 0 ? from - 1 : 0;
    end = std::min<std::size_t>(n, e + 1);
    open = true;
  }
  if (open) scan_window(begin, end);
}

// The word table's matches in the compacted text, by end: every maximal run
// of word bytes whose length some key has, looked up ignoring case. Words
// are found sixteen bytes at a time, from where the bytes change between
// word and not.
void Matcher::scan_words(std::string_view compact, Scratch::State& st) const {
  st.word_hits.clear();
  if (word_keys_.empty()) return;
  const auto* s = reinterpret_cast<const unsigned char*>(compact.data());
  const std::size_t n = compact.size(), mask = word_slots_.size() - 1;
  auto word = [&](std::size_t b, std::size_t e) {
    std::size_t len = e - b;
    if (len > kMaxWordLength || !((word_lengths_ >> len) & 1)) return;
    std::uint64_t h = word_hash(s + b, len);
    for (std::size_t at = h & mask; word_slots_[at] != 0; at = (at + 1) & mask) {
      const WordKey& k = word_keys_[word_slots_[at] - 1];
      if (k.hash != h || k.key.size() != len) continue;
      bool same = true;
      for (std::size_t j = 0; j < len && same; ++j) same = (s[b + j] | 0x20) == (static_cast<unsigned char>(k.key[j]) | 0x20);
      if (!same) continue;
      for (std::uint32_t w = k.first; w < k.first + k.count; ++w) {
        const WordSpelling& sp = words_[w];
        if (sp.caseless || std::memcmp(sp.word.data(), s + b, len) == 0)
          st.word_hits.push_back({static_cast<std::uint32_t>(e), sp.report});
      }
      return;
    }
  };
  std::size_t start = 0;
  unsigned in_word = 0;  // the byte before the block is a word byte
  for (std::size_t i = 0; i < n; i += 16) {
    unsigned m;
    if (i + 16 <= n) {
      m = word_mask(s + i);
    } else {
      unsigned char last[16] = {};  // zeros are not word bytes: a word at the end ends here
      std::memcpy(last, s + i, n - i);
      m = word_mask(last);
    }
    unsigned change = (m ^ ((m << 1) | in_word)) & 0xFFFFu;
    while (change != 0) {
      unsigned j = static_cast<unsigned>(__builtin_ctz(change));
      change &= change - 1;
      if ((m >> j) & 1u) start = i + j;
      else word(start, i + j);
    }
    in_word = (m >> 15) & 1u;
  }
  if (in_word) word(start, n);
}

void Matcher::scan(std::string_view text, Scratch& scratch, std::vector<Cue>& out) const {
  if ((!fixed_db_ && !verbatim_db_ && words_.empty()) || text.empty()) return;
  if (!scratch.s_ && !allocate(scratch)) return;
  if (!scratch.state_) scratch.state_ = new Scratch::State;
  Scratch::State& st = *scratch.state_;
  if (st.marks.size() < lexicon_.size()) st.marks.resize(lexicon_.size());
  // vectorscan takes an unsigned length.
  text = text.substr(0, std::min<std::size_t>(text.size(), 0xFFFFFFFFu));
  std::size_t first = out.size();
  auto begin = [&] { return out.begin() + static_cast<std::ptrdiff_t>(first); };
  Collector c(lexicon_, st, out, /*keep_all=*/false);
  scan_all(text, scratch.s_, st, c);
  c.reset_marks();
  if (c.unordered()) {
    // Rare: keep every match, then reduce as the reference does: the
    // leftmost start per (entry, end), then the longest match per
    // (entry, start).
    out.resize(first);
    Collector all(lexicon_, st, out, /*keep_all=*/true);
    scan_all(text, scratch.s_, st, all);
    std::sort(begin(), out.end(), [](const Cue& a, const Cue& b) {
      return std::tie(a.entry, a.span.end, a.span.begin) < std::tie(b.entry, b.span.end, b.span.begin);
    });
    out.erase(std::unique(begin(), out.end(),
                          [](const Cue& a, const Cue& b) { return a.entry == b.entry && a.span.end == b.span.end; }),
              out.end());
    std::sort(begin(), out.end(), [](const Cue& a, const Cue& b) {
      if (a.entry != b.entry) return a.entry < b.entry;
      if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
      return a.span.end > b.span.end;
    });
    out.erase(std::unique(begin(), out.end(),
                          [](const Cue& a, const Cue& b) { return a.entry == b.entry && a.span.begin == b.span.begin; }),
              out.end());
  }
  // Cues come by end offset, so nearly in order of start: insertion sort,
  // unless the cues overlap so much that it would take long.
  auto less = [](const Cue& a, const Cue& b) {
    return std::tie(a.span.begin, a.span.end, a.entry) < std::tie(b.span.begin, b.span.end, b.entry);
  };
  std::size_t budget = 8 * (out.size() - first) + 64;
  for (auto it = begin(); it != out.end(); ++it) {
    Cue c = *it;
    auto j = it;
    while (j != begin() && less(c, *(j - 1))) {
      *j = *(j - 1);
      --j;
      if (--budget == 0) {
        *j = c;
        std::sort(begin(), out.end(), less);
        return;
      }
    }
    *j = c;
  }
}

}  // namespace assay::lexicon
