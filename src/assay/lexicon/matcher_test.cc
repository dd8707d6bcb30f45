// Matcher::scan against ReferenceMatcher (one start-of-match database of
// every entry, the matcher before the scan was split by shape): the cue
// lists must be identical, cue for cue, on the gold articles, on the public
// evaluation sets when they are there, on generated text made of the
// lexicon's own phrases, and on tricky lexicons made up for the purpose.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>

#include "assay/base/strings.h"
#include "assay/lexicon/lexicon.h"
#include "assay/lexicon/reference.h"
#include "assay/lexicon/shape.h"
#include "assay/text/reader.h"

namespace assay::lexicon {
namespace {

namespace fs = std::filesystem;

fs::path shared_dir() {
  if (const char* s = std::getenv("ASSAY_SHARED_DIR")) return s;
  return "../shared";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string show(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7F) out += fmt::format("\\x{:02X}", c);
    else out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string describe(const Lexicon& lex, std::string_view text, const Cue& c) {
  return fmt::format("[{}, {}) \"{}\" entry {} ({}:{} {})", c.span.begin, c.span.end, show(c.span.of(text)), c.entry,
                     lex.entries()[c.entry].file, lex.entries()[c.entry].line, lex.entries()[c.entry].pattern);
}

// The first difference between the two cue lists, or "" when they are equal.
std::string difference(const Lexicon& lex, std::string_view text, const std::vector<Cue>& got,
                       const std::vector<Cue>& want) {
  if (got == want) return {};
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  std::string out = fmt::format("{} cues, the reference has {}; first difference at cue {}:\n", got.size(), want.size(), i);
  if (i < got.size()) out += "  scan:      " + describe(lex, text, got[i]) + "\n";
  if (i < want.size()) out += "  reference: " + describe(lex, text, want[i]) + "\n";
  out += "  text: \"" + show(text.substr(0, 400)) + (text.size() > 400 ? "...\"" : "\"");
  return out;
}

// Both matchers over one lexicon; check() scans a text with both.
class Pair {
 public:
  explicit Pair(Lexicon lex) : lex_(std::move(lex)) {
    auto m = Matcher::compile(lex_);
    if (!m) {
      ADD_FAILURE() << m.error().front().to_string();
      return;
    }
    matcher_ = *m;
    scratch_ = matcher_->new_scratch();
    auto r = ReferenceMatcher::compile(lex_);
    if (!r) {
      ADD_FAILURE() << r.error();
      return;
    }
    reference_.emplace(std::move(*r));
  }

  // The number of cues; a mismatch is a test failure naming `what`.
  std::size_t check(std::string_view text, std::string_view what) {
    if (!matcher_ || !reference_) return 0;
    std::vector<Cue> got{Cue{{7, 9}, Category::kHedge, 0}};  // scan appends: keep what was there
    matcher_->scan(text, scratch_, got);
    std::vector<Cue> want = reference_->scan(text);
    want.insert(want.begin(), Cue{{7, 9}, Category::kHedge, 0});
    std::string diff = difference(lex_, text, got, want);
    if (!diff.empty()) {
      if (++failures_ <= 5)
        ADD_FAILURE() << what << ": " << diff;
      else
        ADD_FAILURE() << what << ": differs";
    }
    return want.size() - 1;
  }

  const Matcher* matcher() const { return matcher_.get(); }
  const Lexicon& lexicon() const { return lex_; }

 private:
  Lexicon lex_;
  std::shared_ptr<const Matcher> matcher_;
  Matcher::Scratch scratch_;
  std::optional<ReferenceMatcher> reference_;
  int failures_ = 0;
};

// The embedded lexicons' pair, compiled once (the reference takes a second).
Pair& embedded() {
  static Pair* p = [] {
    auto lex = Lexicon::load(base::EmbeddedData{});
    EXPECT_TRUE(lex.has_value());
    return new Pair(lex ? std::move(*lex) : Lexicon({}));
  }();
  return *p;
}

Lexicon from_rows(const std::string& tsv) {
  std::vector<Entry> entries;
  base::Errors errors;
  Lexicon::parse_file("t.tsv", tsv, entries, errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors.front().to_string());
  return Lexicon(std::move(entries));
}

TEST(MatcherVsReference, GoldArticles) {
  fs::path dir = shared_dir() / "eval" / "articles";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no gold articles at " << dir;
  Pair& p = embedded();
  ASSERT_TRUE(p.matcher());
  EXPECT_TRUE(p.matcher()->precompiled());
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 20u);
  std::size_t cues = 0;
  for (const auto& f : files) {
    std::string bytes = slurp(f);
    auto r = text::read_documents(bytes, {.name = f.string(), .format = text::Format::kJson});
    ASSERT_TRUE(r.has_value() && !r->documents.empty()) << f;
    const auto& doc = r->documents.front();
    cues += p.check(doc.text, f.filename().string() + " text");
    p.check(doc.title, f.filename().string() + " title");
    p.check(bytes, f.filename().string() + " file bytes");  // JSON escapes, the gold labels, ...
  }
  EXPECT_GT(cues, 1000u);
}

// The public evaluation sets (tens of thousands of news sentences and bodies),
// both as read by assay and as raw JSON Lines bytes.
TEST(MatcherVsReference, PublicSets) {
  fs::path dir = shared_dir() / "eval" / "public";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no public sets at " << dir;
  Pair& p = embedded();
  std::size_t texts = 0, cues = 0;
  for (const char* name : {"polnear.dev.jsonl", "babe.dev.jsonl", "claimbuster.train.jsonl", "conll2010-wiki.dev.jsonl",
                           "fnc1.train_bodies.jsonl"}) {
    if (!fs::exists(dir / name)) continue;
    std::string bytes = slurp(dir / name);
    p.check(bytes, name);
    // fnc1 bodies are {"body_id", "body"}: read them as texts too.
    bytes = base::replace_all(bytes, "\"body\":", "\"text\":");
    auto r = text::read_json_lines(bytes, name);
    for (const auto& d : r.documents) {
      cues += p.check(d.text, fmt::format("{} record {}", name, d.id));
      ++texts;
    }
  }
  if (texts == 0) GTEST_SKIP() << "no public sets at " << dir;
  EXPECT_GT(cues, texts);
}

// Text made of the lexicon's own phrases: every entry's shapes written out
// with random bytes from each class, random case, spaces as any run of blanks
// (several spaces, tabs, newlines, NBSP), straight and typographic quotes,
// joined by separators that do and do not make word boundaries, and cut at
// random places (so matches touch the start and the end of the buffer).
class PhraseWriter {
 public:
  PhraseWriter(const Lexicon& lex, std::uint32_t seed) : rng_(seed) {
    for (const auto& e : lex.entries()) {
      // Entries with more shapes, as the matcher splits them.
      auto parts = shape_parts(expand_pattern(e.pattern), 1024, 3, 256);
      for (auto& part : parts)
        for (auto& s : part) shapes_.push_back(std::move(s));
      if (parts.empty()) {
        // Not in the shape subset: the examples quoted in the note.
        std::string_view note = e.note;
        for (auto q = note.find('"'); q != std::string_view::npos;) {
          auto close = note.find('"', q + 1);
          if (close == std::string_view::npos) break;
          literals_.emplace_back(note.substr(q + 1, close - q - 1));
          q = note.find('"', close + 1);
        }
        literals_.push_back(e.pattern);
      }
    }
  }

  std::string text(std::size_t phrases) {
    static const char* kSeparators[] = {" ", " ", " ", "  ", "\n", "\n\n", "\t", "\xC2\xA0", " \xC2\xA0", ", ", ". ",
                                        "-", "", "'", "\xE2\x80\x99", "\"", "(", ") ", "\xC3\xA9", "_", "1", "$", ":"};
    std::string out;
    for (std::size_t i = 0; i < phrases; ++i) {
      out += pick(kSeparators);
      out += phrase();
    }
    if (rng_() % 4 == 0) out += pick(kSeparators);
    if (rng_() % 3 == 0 && !out.empty()) out.erase(0, rng_() % std::min<std::size_t>(out.size(), 6));
    if (rng_() % 3 == 0 && !out.empty()) out.resize(out.size() - rng_() % std::min<std::size_t>(out.size(), 6));
    return out;
  }

 private:
  template <std::size_t N>
  const char* pick(const char* const (&a)[N]) {
    return a[rng_() % N];
  }

  std::string phrase() {
    if (!literals_.empty() && rng_() % 20 == 0) return literals_[rng_() % literals_.size()];
    const Shape& s = shapes_[rng_() % shapes_.size()];
    static const char* kRuns[] = {" ", " ", " ", "  ", "\n", "\t", "\xC2\xA0", " \n ", "\n\n", " \xC2\xA0"};
    std::string out;
    bool upper = rng_() % 8 == 0;
    for (const auto& a : s) {
      if (a.kind == Atom::Kind::kSpace) {
        out += pick(kRuns);
      } else if (a.kind == Atom::Kind::kBytes) {
        std::size_t n = a.repeated ? 1 + rng_() % 4 : 1;
        for (std::size_t k = 0; k < n; ++k) out.push_back(random_byte(a.bytes));
      }
    }
    if (upper) {
      for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (rng_() % 6 == 0 && !out.empty()) {
      out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    }
    return out;
  }

  char random_byte(const std::bitset<256>& set) {
    std::size_t k = rng_() % set.count();
    for (unsigned b = 0; b < 256; ++b)
      if (set.test(b) && k-- == 0) return static_cast<char>(b);
    return ' ';
  }

  std::mt19937 rng_;
  std::vector<Shape> shapes_;
  std::vector<std::string> literals_;
};

TEST(MatcherVsReference, GeneratedPhrases) {
  Pair& p = embedded();
  PhraseWriter w(p.lexicon(), 20240601);
  std::size_t cues = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string t = w.text(1 + static_cast<std::size_t>(i % 12));
    cues += p.check(t, fmt::format("generated text {}", i));
  }
  EXPECT_GT(cues, 10000u);
}

TEST(MatcherVsReference, EdgesOfTheBuffer) {
  Pair& p = embedded();
  for (std::string_view t : {"", " ", "\n", "\xC2\xA0", "\xC2", "it", "it ", " it", "said", "He said.", "'", "\xE2\x80\x99",
                             "according  to", "according\tto", "according\xC2\xA0to", "according \n\xC2\xA0 to",
                             "according\n\nto", "ACCORDING TO", "Lynas\xE2\x80\x99s", "very few", "very  few", "few",
                             "people familiar with the matter", "the Financial Times", "Financial  Times", "$LYC", "(ASX: LYC)",
                             "(ASX:LYC)", "(ASX:  LYC)", "Is it?", "Is it?\n", "is it? ", "rare earth", "rare-earth", "rare  earth",
                             "rare\nearth", "game changer", "game  changer", "draft seen by", "a draft  seen by",
                             "the draft decree seen by", "don't", "do n't", "\"quoted\"", "\xE2\x80\x9Cquoted\xE2\x80\x9D"}) {
    p.check(t, fmt::format("\"{}\"", show(t)));
  }
}

// Lexicons made up to reach every path of the scan: anchors, \B, a class with
// a space, unbounded repeats, counted repeats, lazy quantifiers, explicit
// boundaries, alternatives whose matches come out of order, patterns that
// start or end with punctuation, case-sensitive ones, and the same phrase in
// several entries.
constexpr std::string_view kTrickyRows =
    "hedge\tx\t1\tx\n"
    "hedge\tw x y\t1\tout of order with x\n"
    "hedge\tb|a b c d\t1\tout of order\n"
    "hedge\ta|a b c|b\t1\tout of order, a longer match from an earlier start\n"
    "opinion\tx|x y|y\t1\ta start moved back onto an earlier cue's\n"
    "hedge\ta( b)?( c)?\t1\toptional words\n"
    "hedge\t(a|a b) c\t1\tsame end, two starts\n"
    "hedge\ta b|b\t1\tnested\n"
    "hedge\t\\Bb\t1\tnot a boundary\n"
    "hedge\tb\\B\t1\tnot a boundary after\n"
    "hedge\tc\\.\t1\tends with a dot\n"
    "hedge\t\\.c\t1\tstarts with a dot\n"
    "hedge\ta[- ]b\t1\tclass with a space\n"
    "hedge\ta [- ]b\t1\tclass with a space after a space\n"
    "hedge\tx ?y\t1\tlazy space\n"
    "hedge\ta ?b ?c\t1\tlazy spaces\n"
    "hedge\t[A-Z][a-z]+ [A-Z][a-z]+\t1\tunbounded\n"
    "hedge\t[a-z]* x\t1\tstar\n"
    "hedge\tb{2,3}\t1\tcounted\n"
    "hedge\t[ab]{1,3} c\t1\tcounted class\n"
    "hedge\tc$\t1\tanchor\n"
    "hedge\t^a\t1\tanchor\n"
    "hedge\ta.c\t1\tdot\n"
    "hedge\t\\d+ x\t1\tdigits\n"
    "hedge\t[^a ]b\t1\tnegated class\n"
    "hedge\ta's\t1\tquote\n"
    "hedge\t\"b\"\t1\tdouble quote\n"
    "hedge\tB C\t1\tcase-sensitive\n"
    "hedge\t(?:a|w) b\t1\tnon-capturing\n"
    "hedge\ta\\b\t1\texplicit boundary\n"
    "hedge\tc \\bw\t1\tboundary inside\n"
    "hedge\tx|xx|xxx\t1\trepeated letters\n"
    "hedge\ty+\t1\tplus\n"
    "hedge\t[a-c]+\t1\tplus, boundaries on both sides\n"
    "hedge\t[a-c]+-\t1\tplus, a dash last\n"
    "opinion\ta b\t1\tsame phrase, another category\n"
    "opinion\t-x\t1\tpunctuation first\n"
    "opinion\tw-\t1\tpunctuation last\n";

TEST(MatcherVsReference, TrickyLexiconOnRandomText) {
  Pair p(from_rows(std::string(kTrickyRows)));
  ASSERT_TRUE(p.matcher());
  std::mt19937 rng(7);
  static const char* kPieces[] = {"a", "b", "c", "w", "x", "y", "B", "C", "A", "1", " ", " ", " ", "  ", "\n", "\t",
                                  "\xC2\xA0", "-", ".", "'", "\xE2\x80\x99", "\"", "\xE2\x80\x9C", "_", "\xC2", "\xA0"};
  std::size_t cues = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    std::size_t n = rng() % 24;
    for (std::size_t k = 0; k < n; ++k) t += kPieces[rng() % std::size(kPieces)];
    cues += p.check(t, fmt::format("random text {}", i));
  }
  EXPECT_GT(cues, 20000u);
}

TEST(MatcherVsReference, TrickyLexiconOnGeneratedPhrases) {
  Pair p(from_rows(std::string(kTrickyRows)));
  PhraseWriter w(p.lexicon(), 99);
  for (int i = 0; i < 5000; ++i) p.check(w.text(1 + static_cast<std::size_t>(i % 6)), fmt::format("generated text {}", i));
}

// Cues that nest the other way round from how vectorscan reports them (each
// longer one ends later and starts earlier): the scan's insertion sort gives
// up and sorts.
TEST(MatcherVsReference, ManyNestedCues) {
  std::vector<std::string> words;
  for (char a = 'a'; a <= 'h'; ++a)
    for (char b = 'a'; b <= 'h'; ++b) words.push_back(std::string{a, b});
  std::string rows, text;
  for (std::size_t k = 0; k < 30; ++k) {
    std::string p;
    for (std::size_t i = 30 - k; i <= 30 + k; ++i) p += (p.empty() ? "" : " ") + words[i];
    rows += "hedge\t" + p + "\t1\tx\n";
  }
  for (const auto& w : words) text += w + " ";
  Pair p(from_rows(rows));
  EXPECT_EQ(p.check(text, "nested"), 30u);
  EXPECT_EQ(p.check(text + text, "nested twice"), 60u);
}

// Whole-word shapes go to the matcher's word table, not to vectorscan: short
// words whose letters occur inside other words ("i" in "mining", "ore" in
// "more"), case-sensitive words, classes, an entry whose other shapes are
// phrases ("i'm") reported from the database, two entries that
// share a spelling, and words next to digits, underscores, apostrophes and
// non-ASCII bytes.
constexpr std::string_view kWordRows =
    "opinion\t(i|my|me|i'm)\t1\tfirst person\n"
    "hedge\t(he|she|it|they)\t1\tthird person\n"
    "vague\tores?\t1\tore\n"
    "vague\tlicen[cs]e\t1\tclass\n"
    "vague\tsubsid(y|ies)\t1\tgroup\n"
    "promo\tUS\t1\tcase-sensitive\n"
    "promo\t[Bb]eijing\t1\tcase-sensitive class\n"
    "hedge\tit\t1\tshares a spelling\n"
    "hedge\tno\t1\tshort\n"
    "hedge\tno (comment|reply)\t1\tphrase\n";

TEST(MatcherVsReference, WholeWordsFromTheTable) {
  Pair p(from_rows(std::string(kWordRows)));
  ASSERT_TRUE(p.matcher());
  struct Case {
    std::string_view text;
    std::size_t cues;
  };
  const Case cases[] = {
      {"I think it is mining more ore than it did.", 6},          // I, it twice for two entries, ore
      {"My view: I'm sure my licence and my license differ.", 6},  // I'm, not I; [cs]
      {"She said the US subsidy, not us subsidies, helps Beijing; BEIJING is silent.", 6},  // [Bb] is caseless
      {"No comment, no reply, none known; Nobody knows.", 4},
      {"i_am it2 2it it's o'it \xC3\xA9it it\xC3\xA9 ORES Ores", 10},
      {"it", 2},
      {"", 0},
      {"I", 1},
      {"They,they;THEY\n\tthey\xC2\xA0they", 5},
  };
  for (const auto& c : cases) EXPECT_EQ(p.check(c.text, show(c.text)), c.cues) << show(c.text);
}

// A pattern list can be empty, or have only entries the shape reader leaves
// to the start-of-match database.
TEST(MatcherVsReference, OnlyVerbatimEntries) {
  Pair p(from_rows("hedge\tc$\t1\tx\nhedge\t^a\t1\tx\n"));
  for (std::string_view t : {"a c", "c\n", "a", "b c c", ""}) p.check(t, show(t));
}

}  // namespace
}  // namespace assay::lexicon
