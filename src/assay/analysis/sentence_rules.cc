// Sentence rules: from the cues of one sentence, its tokens, its quotes and
// its attribution frames, decide the LABELS.md labels and keep the evidence.
//
// Scope rules, in the order they apply:
//  - dateline cues ("HANOI, Oct 22 (Meridian Wire) -") are ignored;
//  - an attribution frame is a speech cue plus its source phrase: the words
//    before the cue back to the clause start (skipping an appositive), or the
//    words after it for "according to", "citing" and the inverted
//    '"...," said X' form. The phrase decides named / anonymous / media;
//  - negation right before a confirmation turns it into a non-confirmation;
//  - a purpose or evaluation inside what a named source says belongs to the
//    source (source.named, not intent / opinion);
//  - a size word next to its figure, or a motion word with its figure, is a
//    quantity, not vague;
//  - an expectation ("is expected to") is hedge and forecast, but only hedge
//    under an "if" condition.
#include <algorithm>
#include <array>
#include <cstring>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

using base::Span;

namespace {

bool is_upper_start(std::string_view w) { return !w.empty() && base::is_ascii_upper(w[0]); }

bool is_stopword_capital(std::string_view w) {
  static constexpr std::array<std::string_view, 93> kWords = {
      "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "If", "It", "Its", "This", "That", "These",
      "Those", "There", "They", "He", "She", "We", "I", "Our", "Their", "His", "Her", "As", "By", "With", "From",
      "After", "Before", "While", "When", "Under", "Yet", "So", "Some", "Many", "Most", "Neither", "Nor", "Both",
      "One", "Two", "Three", "Such", "Still", "Even", "Without", "Outside", "Inside", "Shares", "Prices", "Analysts",
      "Officials", "Traders", "Industry", "Almost",
      // Function words and openers that a capital does not make a name.
      "To", "Of", "Up", "No", "Not", "Do", "What", "Why", "How", "Who", "Where", "Which", "Having", "Being", "Get",
      "Let", "Perhaps", "Indeed", "However", "Meanwhile", "Now", "Then", "Here", "Every", "Each", "Any", "All",
      "Only", "Also", "Instead", "Despite", "Although", "Though"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// A title before a name ("Mr. Obama", "Sen. Mike Lee"): the name runs on
// through its full stop.
bool is_honorific(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kTitles = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov",
                                                                "Gen", "Lt", "Col", "Prof", "Sgt", "Capt", "Adm"};
  return std::find(kTitles.begin(), kTitles.end(), w) != kTitles.end();
}

bool is_calendar_word(std::string_view w) {
  static constexpr std::array<std::string_view, 19> kWords = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
      "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool is_pronoun(std::string_view w) {
  std::string l = base::to_lower_ascii(w);
  return l == "he" || l == "she" || l == "they" || l == "it";
}

// The sentence as tokens, with helpers over token indices.
struct Sent {
  const DocContext& ctx;
  const std::vector<text::Token>& toks;
  Span span;

  std::string_view word(std::size_t i) const { return toks[i].span.of(ctx.text); }
  std::size_t token_at_or_after(std::uint32_t byte) const {
    for (std::size_t i = 0; i < toks.size(); ++i)
      if (toks[i].span.begin >= byte) return i;
    return toks.size();
  }
  std::size_t token_before(std::uint32_t byte) const {  // last token ending at or before byte, or npos
    std::size_t r = std::string::npos;
    for (std::size_t i = 0; i < toks.size(); ++i)
      if (toks[i].span.end <= byte) r = i;
    return r;
  }
  bool is_punct(std::size_t i, std::string_view p) const { return toks[i].kind == text::TokenKind::kPunct && word(i) == p; }
  bool is_quote(std::size_t i) const {
    std::string_view w = word(i);
    return w == "\"" || w == "\xE2\x80\x9C" || w == "\xE2\x80\x9D";
  }
  bool is_clause_break(std::size_t i) const {
    if (toks[i].kind != text::TokenKind::kPunct) {
      std::string_view w = word(i);
      // "and" inside a name ("Department of Geology and Minerals") joins.
      if (w == "and" && i > 0 && i + 1 < toks.size() && is_upper_start(word(i - 1)) && is_upper_start(word(i + 1)))
        return false;
      return w == "that" || w == "and" || w == "but" || w == "while" || w == "because" || w == "though" ||
             w == "although" || w == "after" || w == "since" || w == "as";
    }
    std::string_view w = word(i);
    return w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93" ||
           is_quote(i) || w == "-";
  }
};

// A preposition after which a capitalised word is a place ("in Hanoi").
bool is_place_preposition(std::string_view w) {
  return w == "in" || w == "near" || w == "across" || w == "from" || w == "outside" || w == "inside" ||
         w == "throughout";
}

// A run of capitalised words that looks like a name, with its token range.
struct NameRun {
  std::size_t first, last;  // inclusive token indices
};

// Does a caseless lexicon entry for a kind of speaker (a stakeholder word or
// an unnamed group: "executives", "officials", "residents") cover exactly
// this word? Then a capital on it is only the sentence's ("Executives at
// foreign companies said"); entries for proper names are written with their
// capitals and do not count.
bool is_common_noun_cue(const Sent& s, Span word) {
  auto [first, last] = s.ctx.cues_in(s.span);
  for (std::size_t k = first; k < last; ++k) {
    const Cue& c = s.ctx.cues[k];
    if (c.span.begin != word.begin || c.span.end != word.end) continue;
    bool speaker = c.category == Category::kAttrGroup || c.category == Category::kStakeGovernment ||
                   c.category == Category::kStakeCompany || c.category == Category::kStakeAnalyst ||
                   c.category == Category::kStakeCommunity || c.category == Category::kStakeEnvironment ||
                   c.category == Category::kStakeInvestor || c.category == Category::kStakeIndustryBody;
    if (speaker && !lexicon::is_case_sensitive(s.ctx.lex.entries()[c.entry].pattern)) return true;
  }
  return false;
}

std::vector<NameRun> name_runs(const Sent& s, std::size_t from, std::size_t to) {
  std::vector<NameRun> out;
  std::size_t i = from;
  while (i < to) {
    std::string_view w = s.word(i);
    if (s.toks[i].kind != text::TokenKind::kWord || !is_upper_start(w) || is_calendar_word(w)) {
      ++i;
      continue;
    }
    bool sentence_initial = i == 0 || (i > 0 && s.is_quote(i - 1) && i == 1);
    if (sentence_initial && is_stopword_capital(w)) {
      ++i;
      continue;
    }
    // A capitalised first word that the document also writes in lower case
    // is a common word ("Magnet producers said"), not a name.
    if (sentence_initial && (i + 1 >= to || !is_upper_start(s.word(i + 1))) &&
        (s.ctx.seen_lowercase(w) || is_common_noun_cue(s, s.toks[i].span))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < to) {
      std::string_view n = s.word(j + 1);
      if (s.toks[j + 1].kind == text::TokenKind::kWord && is_upper_start(n) && !is_calendar_word(n)) {
        ++j;
      } else if (n == "." && is_honorific(s.word(j)) && j + 2 < to && s.toks[j + 2].kind == text::TokenKind::kWord &&
                 is_upper_start(s.word(j + 2))) {
        j += 2;
      } else if ((n == "of" || n == "and" || n == "&" || n == "for" || n == "de") && j + 2 < to &&
                 is_upper_start(s.word(j + 2))) {
        j += 2;
      } else {
        break;
      }
    }
    out.push_back({i, j});
    i = j + 1;
  }
  return out;
}

struct SentenceCues {
  std::vector<const Cue*> all;
  bool has(Category c) const {
    return std::any_of(all.begin(), all.end(), [c](const Cue* x) { return x->category == c; });
  }
};

// Is the name run only a place, a nationality, or an adjective before a
// common noun ("a Sydney brokerage")?
bool is_place_or_adjective(const Sent& s, const NameRun& r, const SentenceCues& cues) {
  if (r.first > 0) {
    std::string_view prev = s.word(r.first - 1);
    // "from Kuantan" is a place, but "data from Shanghai Metals Market" a source.
    if (prev == "from") {
      static constexpr std::array<std::string_view, 14> kDocuments = {
          "data", "figures", "estimates", "statistics", "numbers", "report", "statement",
          "analysis", "study", "survey", "note", "research", "letter", "filing"};
      std::string before = r.first > 1 ? base::to_lower_ascii(s.word(r.first - 2)) : std::string();
      return std::find(kDocuments.begin(), kDocuments.end(), before) == kDocuments.end();
    }
    if (is_place_preposition(prev)) return true;
  }
  if (r.first == r.last) {
    std::string_view w = s.word(r.first);
    if (w == "European" || w == "Western" || w == "Asian" || w == "African" || w == "Latin" || w == "Nordic" ||
        w == "Middle" || w == "Southeast" || w == "Gulf")
      return true;
  }
  // Entirely covered by country cues: "Chinese", "Malaysia's".
  Span run{s.toks[r.first].span.begin, s.toks[r.last].span.end};
  for (const Cue* c : cues.all) {
    if (c->category == Category::kCountry && c->span.begin <= run.begin && c->span.end + 3 >= run.end) return true;
  }
  if (r.first == r.last && r.first > 0 && r.last + 1 < s.toks.size()) {
    std::string_view prev = s.word(r.first - 1);
    std::string_view next = s.word(r.last + 1);
    bool det = prev == "a" || prev == "an" || prev == "the";
    if (det && !next.empty() && base::is_ascii_lower(next[0]) && s.toks[r.last + 1].kind == text::TokenKind::kWord)
      return true;
  }
  return false;
}

enum class Verdict { kNone, kNamed, kAnonymous, kMedia };

struct Frame {
  Verdict verdict = Verdict::kNone;
  Span source;
  Span cue;
  std::string why;
  std::size_t complement_from = 0;  // first token of what the source says (after the cue)
};

bool cue_in_window(const SentenceCues& cues, Category cat, Span w, const DocContext& ctx, const Cue** found = nullptr) {
  for (const Cue* c : cues.all) {
    if (c->category != cat || !w.overlaps(c->span)) continue;
    if (cat == Category::kOutlet && !ctx.is_foreign_outlet(*c)) continue;
    if (found) *found = c;
    return true;
  }
  return false;
}

// Is a government / organisation word the head of the window ("The ministry
// said", "Police said", "China's ministry said")?
bool institution_in_window(const Sent& s, const SentenceCues& cues, Span w) {
  for (const Cue* c : cues.all) {
    if (!w.overlaps(c->span)) continue;
    if (c->category == Category::kStakeGovernment || c->category == Category::kStakeIndustryBody ||
        c->category == Category::kStakeEnvironment || c->category == Category::kStakeStateEnterprise) {
      std::string l = base::to_lower_ascii(c->span.of(s.ctx.text));
      if (l == "officials" || l == "official" || l == "authorities" || l == "regulators") continue;  // unnamed crowd
      return true;
    }
  }
  return false;
}

// "Officials in Hanoi": the capital is where they are, not who speaks.
bool after_place_preposition(const Sent& s, Span cue) {
  std::size_t i = s.token_at_or_after(cue.begin);
  return i > 0 && i < s.toks.size() && is_place_preposition(s.word(i - 1));
}

Verdict classify_window(const Sent& s, const SentenceCues& cues, std::size_t a, std::size_t b, std::string* why,
                        Span* src) {
  if (a >= b || b > s.toks.size()) return Verdict::kNone;
  Span w{s.toks[a].span.begin, s.toks[b - 1].span.end};
  *src = w;
  const Cue* c = nullptr;
  // The article's own outlet ("according to Meridian Wire's assessment") is
  // its own voice, not a source.
  for (const Cue* o : cues.all)
    if (o->category == Category::kOutlet && w.overlaps(o->span) && !s.ctx.is_foreign_outlet(*o)) return Verdict::kNone;
  if (cue_in_window(cues, Category::kAttrAnonymous, w, s.ctx, &c)) {
    *why = "unnamed source: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kAnonymous;
  }
  if (cue_in_window(cues, Category::kOutlet, w, s.ctx, &c)) {
    *why = "news outlet: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kMedia;
  }
  for (const auto& r : name_runs(s, a, b)) {
    if (is_place_or_adjective(s, r, cues)) continue;
    Span run{s.toks[r.first].span.begin, s.toks[r.last].span.end};
    *why = "named source: " + std::string(run.of(s.ctx.text));
    *src = run;
    return Verdict::kNamed;
  }
  if (cue_in_window(cues, Category::kOrgReference, w, s.ctx, &c) && !after_place_preposition(s, c->span)) {
    std::string_view t = c->span.of(s.ctx.text);
    if (!is_pronoun(t) || s.ctx.named_entities_seen > 0) {
      *why = "named source by reference: " + std::string(t);
      return Verdict::kNamed;
    }
  }
  bool group = cue_in_window(cues, Category::kAttrGroup, w, s.ctx, &c);
  if (institution_in_window(s, cues, w) && !group) {
    *why = "institution on the record";
    return Verdict::kNamed;
  }
  if (group) {
    *why = "unnamed group: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kAnonymous;
  }
  return Verdict::kNone;
}

// The attribution frame of one speech cue.
Frame frame_for(const Sent& s, const SentenceCues& cues, const Cue& verb) {
  Frame f;
  f.cue = verb.span;
  std::string lv = base::to_lower_ascii(verb.span.of(s.ctx.text));
  std::size_t vi = s.token_at_or_after(verb.span.begin);
  std::size_t ve = s.token_at_or_after(verb.span.end);
  f.complement_from = ve;
  // A quotation signed after a dash ('..." ― Pamela Padilla') names its
  // source after the cue, as "according to" does.
  bool epigraph = lv.starts_with('"') || lv.starts_with('\'') || lv.starts_with("\xE2\x80\x9D") ||
                  lv.starts_with("\xE2\x80\x99");
  bool object_source = lv == "according to" || lv == "citing" || lv == "cited" || lv.starts_with("seen by") ||
                       lv.starts_with("via") || epigraph;
  if (object_source) {
    std::size_t b = ve;
    while (b < s.toks.size() && b < ve + 14 && !(s.is_punct(b, ",") || s.is_punct(b, ".") || s.is_punct(b, ";")))
      ++b;
    f.verdict = classify_window(s, cues, ve, b, &f.why, &f.source);
    f.complement_from = 0;  // what is attributed is the rest of the sentence
    return f;
  }
  // Subject before the verb: walk back over comma-separated segments. The
  // segment next to the verb is the subject unless it is empty (", said") or
  // an appositive / relative clause (", a metals analyst at X,", ", who asked
  // not to be named,"), which are skipped; an anonymity request in a skipped
  // segment makes the source anonymous.
  auto starts_appositive = [&](std::size_t i) {
    if (i >= s.toks.size()) return false;
    std::string_view w = s.word(i);
    return w == "a" || w == "an" || w == "the" || w == "who" || w == "which" || w == "whose" || w == "one" ||
           w == "A" || w == "An";
  };
  std::size_t end = vi;
  bool anonymous_aside = false;
  std::string aside_why;
  Span aside_src;
  for (int k = 0; k < 4; ++k) {
    std::size_t start = end;
    while (start > 0 && !s.is_clause_break(start - 1)) --start;
    if (start < end) {
      // An aside: a segment after the first that opens like an appositive
      // and has a comma before it.
      bool aside = k > 0 && starts_appositive(start) && start > 0 && s.is_punct(start - 1, ",");
      std::string why;
      Span src;
      Verdict v = classify_window(s, cues, start, end, &why, &src);
      if (v == Verdict::kAnonymous && why.starts_with("unnamed source") && k > 0) {
        anonymous_aside = true;
        aside_why = why;
        aside_src = src;
      } else if (v != Verdict::kNone && !aside) {
        bool hidden = anonymous_aside && v == Verdict::kNamed;  // "X, who asked not to be named, said"
        f.verdict = hidden ? Verdict::kAnonymous : v;
        f.why = hidden ? aside_why : why;
        f.source = hidden ? aside_src : src;
        return f;
      } else if (k == 0 && v == Verdict::kNone) {
        break;  // a plain subject that names nobody ("The decision removes ...")
      }
    }
    if (start == 0 || !s.is_punct(start - 1, ",")) break;
    end = start - 1;
  }
  if (anonymous_aside) {
    f.verdict = Verdict::kAnonymous;
    f.why = aside_why;
    f.source = aside_src;
    return f;
  }
  // Inverted: '"...," said Lim Siew Hoon, a resident' or '..., said the ministry'.
  if (ve < s.toks.size()) {
    std::size_t b = ve;
    while (b < s.toks.size() && b < ve + 12 && !(s.is_punct(b, ",") || s.is_punct(b, ".") || s.is_punct(b, ";")))
      ++b;
    bool after_break = vi > 0 && (s.is_clause_break(vi - 1) || vi == 0);
    if (after_break && b > ve) {
      f.verdict = classify_window(s, cues, ve, b, &f.why, &f.source);
      if (f.verdict != Verdict::kNone) f.complement_from = 0;
    }
  }
  return f;
}

// A speaker tag opens a transcript line or a headline with who speaks:
// "PENCE: Gennifer Flowers will not be attending", "Pat Caddell: Democrat
// voters worried". The name must be the whole opening, the colon must follow
// it and three or more words follow the colon. A title-case name must occur
// again outside the sentence (someone the story is about, where a heading
// such as "Key points:" or "Disclosure:" does not recur); an upper-case tag
// counts in a transcript, where two or more lines open with one, and not when
// it is a label ("UPDATE:", "NOTE:").
// Returns the token after the colon, or 0 when there is no speaker tag.
std::size_t speaker_tag(const Sent& s, const SentenceCues& cues, Span* src, std::string* why) {
  std::size_t n = s.toks.size(), i = 0;
  if (i < n && s.is_quote(i)) ++i;
  std::size_t colon = i;
  while (colon < n && colon < i + 5 && s.toks[colon].kind == text::TokenKind::kWord) ++colon;
  if (colon == i || colon >= n || !s.is_punct(colon, ":")) return 0;
  std::size_t words_after = 0;
  for (std::size_t k = colon + 1; k < n; ++k) words_after += s.toks[k].kind == text::TokenKind::kWord;
  if (words_after < 3) return 0;
  auto runs = name_runs(s, i, colon);
  if (runs.size() != 1 || runs[0].first != i || runs[0].last + 1 != colon || is_place_or_adjective(s, runs[0], cues))
    return 0;
  Span run{s.toks[i].span.begin, s.toks[colon - 1].span.end};
  std::string_view name = run.of(s.ctx.text);
  std::string_view last = s.word(colon - 1);
  bool upper_tag = colon == i + 1 && last.size() >= 2 &&
                   std::all_of(last.begin(), last.end(), [](char c) { return base::is_ascii_upper(c); });
  static constexpr std::array<std::string_view, 14> kLabels = {"UPDATE", "UPDATED", "NOTE", "EDITOR", "CORRECTION",
                                                               "BREAKING", "EXCLUSIVE", "WATCH", "WARNING", "DISCLAIMER",
                                                               "DISCLOSURE", "SOURCE", "PHOTO", "VIDEO"};
  if (upper_tag && (s.ctx.speaker_lines() < 2 || std::find(kLabels.begin(), kLabels.end(), last) != kLabels.end()))
    return 0;
  if (!upper_tag && !s.ctx.mentioned_outside(last, s.span)) return 0;
  *src = run;
  *why = "speaker tag: " + std::string(name);
  return colon + 1;
}

bool negated_before(const Sent& s, const SentenceCues& cues, Span target) {
  for (const Cue* c : cues.all) {
    if (c->category != Category::kNegation || c->span.begin >= target.begin) continue;
    std::string l = base::to_lower_ascii(c->span.of(s.ctx.text));
    if (l == "neither" || l == "nor") return true;  // "Neither X nor Y has confirmed"
    // Within three tokens before the target.
    std::size_t ti = s.token_at_or_after(target.begin), ci = s.token_at_or_after(c->span.begin);
    if (ti >= ci && ti - ci <= 3) return true;
  }
  return false;
}

void add(SentenceAnalysis& out, Label l, Span span, std::string cue, std::string note) {
  out.labels.add(l);
  out.evidence.push_back(Evidence{l, span, std::move(cue), std::move(note)});
}

bool is_heading_line(std::string_view sentence) {
  // A critique's section heading: "Where shadows appear", "Bottom line: ...".
  static constexpr std::array<std::string_view, 7> kHeads = {
      "highlights", "what holds true", "where shadows appear", "bias between the lines", "why it matters",
      "bottom line", "the bottom line"};
  std::string l = base::to_lower_ascii(sentence.substr(0, 40));
  return std::any_of(kHeads.begin(), kHeads.end(), [&](std::string_view h) { return l.starts_with(h); });
}

}  // namespace

void label_sentence(DocContext& ctx, std::uint32_t index, const std::vector<text::Token>& toks, SentenceAnalysis& out) {
  (void)index;
  Sent s{ctx, toks, out.span};
  SentenceCues cues;
  auto [first, last] = ctx.cues_in(out.span);
  for (std::size_t i = first; i < last; ++i) {
    const Cue& c = ctx.cues[i];
    if (ctx.in_dateline(c.span)) continue;
    std::string_view t = ctx.cue_text(c);
    // "May" the month is not the modal.
    if (c.category == Category::kHedge && t == "May" && c.span.begin != out.span.begin) continue;
    // Keep the longest of overlapping cues of the same category.
    bool shadowed = false;
    for (std::size_t j = first; j < last && !shadowed; ++j) {
      const Cue& o = ctx.cues[j];
      if (j != i && o.category == c.category && o.span.contains(c.span) && o.span != c.span) shadowed = true;
    }
    if (!shadowed) cues.all.push_back(&c);
  }
  std::string_view sentence = out.span.of(ctx.text);

  // ---- quantities
  bool has_quantity = false, has_growth = false;
  auto first_q = std::lower_bound(ctx.quantities.begin(), ctx.quantities.end(), out.span.begin,
                                  [](const Quantity& q, std::uint32_t b) { return q.span.begin < b; });
  for (auto it = first_q; it != ctx.quantities.end() && it->span.begin < out.span.end; ++it) {
    const Quantity& q = *it;
    auto qi = static_cast<std::uint32_t>(it - ctx.quantities.begin());
    if (!out.span.contains(q.span) || ctx.in_dateline(q.span)) continue;
    out.quantities.push_back(qi);
    if (q.source_count) continue;
    if (!has_quantity) add(out, Label::kQuantity, q.span, "quantity", std::string(measure_name(q.measure)) + " " + q.unit);
    has_quantity = true;
    if (q.measure == Measure::kGrowth || q.measure == Measure::kShare || q.unit == "%") has_growth = true;
  }

  // ---- attribution frames
  bool named = false, anonymous = false, media = false;
  std::size_t named_complement = toks.size();  // earliest token said by a named source
  for (const Cue* c : cues.all) {
    if (c->category != Category::kAttrVerb || ctx.in_quote(c->span)) continue;
    // The word before the cue, lower-cased ("" at the sentence start).
    std::size_t vi = s.token_at_or_after(c->span.begin);
    std::string prev = vi > 0 ? base::to_lower_ascii(s.word(vi - 1)) : std::string();
    // After a determiner or "in" the cue is a noun ("his show", "in favor").
    if (prev == "a" || prev == "an" || prev == "the" || prev == "his" || prev == "her" || prev == "its" ||
        prev == "their" || prev == "our" || prev == "my" || prev == "your" || prev == "this" || prev == "in" ||
        prev.ends_with("'s") || prev.ends_with("\xE2\x80\x99s"))
      continue;
    // A passive ("was assessed", "will be described") names no source; a
    // progressive ("is calling", "is confirming") does.
    if ((prev == "is" || prev == "are" || prev == "was" || prev == "were" || prev == "be" || prev == "been" ||
         prev == "being") &&
        !s.word(vi).ends_with("ing"))
      continue;
    // A negated act of saying ("did not say", "Neither X nor Y has
    // confirmed") attributes nothing: it is a non-confirmation.
    if (negated_before(s, cues, c->span)) {
      static constexpr std::array<std::string_view, 14> kSaying = {
          "said", "say", "says", "disclosed", "answered", "responded", "replied", "commented", "confirmed",
          "announced", "explained", "specified", "revealed", "stated"};
      std::string verb = base::to_lower_ascii(c->span.of(ctx.text));
      // "the article never says so" is a verdict on a piece, not a refusal.
      bool never = prev == "never";
      // A non-confirmation cue that covers the verb ("would not say") is the
      // better evidence; the confirmation rules below add it.
      bool covered = std::any_of(cues.all.begin(), cues.all.end(), [&](const Cue* o) {
        return o->category == Category::kConfirmAbsent && o->span.contains(c->span);
      });
      if (std::find(kSaying.begin(), kSaying.end(), verb) != kSaying.end() && !never && !covered &&
          !out.labels.has(Label::kConfirmAbsent))
        add(out, Label::kConfirmAbsent, c->span, "negation+attr.verb", "an act of saying that is negated");
      continue;
    }
    Frame f = frame_for(s, cues, *c);
    if (f.verdict == Verdict::kNone) continue;
    Attribution a;
    a.cue = f.cue;
    a.source = f.source;
    if (f.verdict == Verdict::kNamed) {
      a.kind = SourceKind::kNamed;
      a.name = std::string(f.source.of(ctx.text));
      if (!named) add(out, Label::kSourceNamed, f.source, "attr.verb", f.why + " (" + std::string(c->span.of(ctx.text)) + ")");
      named = true;
      named_complement = std::min(named_complement, f.complement_from == 0 ? std::size_t{0} : f.complement_from);
    } else if (f.verdict == Verdict::kAnonymous) {
      a.kind = SourceKind::kAnonymous;
      if (!anonymous) add(out, Label::kSourceAnonymous, f.source, "attr.verb", f.why);
      anonymous = true;
    } else {
      a.kind = SourceKind::kMedia;
      if (!media) add(out, Label::kSourceMedia, f.source, "outlet", f.why);
      media = true;
    }
    out.attributions.push_back(std::move(a));
  }
  if (!named && !anonymous && !media) {
    Span src;
    std::string why;
    if (std::size_t from = speaker_tag(s, cues, &src, &why)) {
      add(out, Label::kSourceNamed, src, "attr.speaker", why);
      named = true;
      named_complement = std::min(named_complement, from);
      out.attributions.push_back(Attribution{SourceKind::kNamed, src, toks[from - 1].span, {}, std::string(src.of(ctx.text))});
    }
  }
  // Anonymous attribution without a speech verb: "according to people
  // familiar", "reports suggest", "it is understood", "talk that".
  for (const Cue* c : cues.all) {
    if (c->category == Category::kAttrAnonymous && !ctx.in_quote(c->span) && ctx.weight(*c) >= 1.0 && !anonymous) {
      add(out, Label::kSourceAnonymous, c->span, "attr.anonymous", "unnamed source: " + std::string(ctx.cue_text(*c)));
      anonymous = true;
      out.attributions.push_back(Attribution{SourceKind::kAnonymous, c->span, c->span, {}, {}});
    }
  }
  // Media: a foreign outlet reporting, relaying or first reporting.
  bool foreign_outlet = false;
  for (const Cue* c : cues.all) foreign_outlet |= c->category == Category::kOutlet && ctx.is_foreign_outlet(*c);
  for (const Cue* c : cues.all) {
    if (c->category != Category::kAttrMedia || media) continue;
    double w = ctx.weight(*c);
    bool strong = w >= 1.5;
    bool with_outlet = foreign_outlet && w >= 0.6;
    bool about_piece = w >= 0.7 && ctx.foreign_outlet_seen && w < 1.5;
    if (strong || with_outlet || about_piece) {
      add(out, Label::kSourceMedia, c->span, "attr.media", "media: " + std::string(ctx.cue_text(*c)));
      media = true;
    }
  }
  if (foreign_outlet) ctx.foreign_outlet_seen = true;
  // A critique describing the reviewed piece's sourcing ("The report cites
  // unnamed sources") is about the piece, not using those sources (LABELS
  // edge 13): media, not anonymous.
  if (anonymous && ctx.foreign_outlet_seen) {
    for (const Cue* c : cues.all) {
      if (c->category != Category::kAttrMedia || ctx.weight(*c) >= 1.5) continue;
      std::size_t ci = s.token_at_or_after(c->span.begin);
      if (ci > 3) continue;  // the piece is the subject: first words of the sentence
      out.labels.remove(Label::kSourceAnonymous);
      std::erase_if(out.evidence, [](const Evidence& e) { return e.label == Label::kSourceAnonymous; });
      for (auto& a : out.attributions)
        if (a.kind == SourceKind::kAnonymous) a.kind = SourceKind::kMedia;
      anonymous = false;
      if (!media) add(out, Label::kSourceMedia, c->span, "attr.media", "describes the reviewed piece's sourcing");
      media = true;
      break;
    }
  }

  // ---- confirmation
  for (const Cue* c : cues.all) {
    if (c->category == Category::kConfirmOfficial) {
      // "could not be verified": the writer's doubt (a hedge), not a party
      // that declined.
      std::size_t ci = s.token_at_or_after(c->span.begin);
      while (ci > 0 && s.word(ci - 1).ends_with("ly")) --ci;  // "be independently verified"
      bool passive = ci > 0 && base::to_lower_ascii(s.word(ci - 1)) == "be";
      if (negated_before(s, cues, c->span)) {
        if (!out.labels.has(Label::kConfirmAbsent) && !passive)
          add(out, Label::kConfirmAbsent, c->span, "negation+confirm.official", "a confirmation that is negated");
      } else if (!out.labels.has(Label::kConfirmOfficial) && !ctx.in_quote(c->span) && (named || !anonymous)) {
        add(out, Label::kConfirmOfficial, c->span, "confirm.official", "confirmed on the record");
      }
    } else if (c->category == Category::kConfirmAbsent && !out.labels.has(Label::kConfirmAbsent)) {
      add(out, Label::kConfirmAbsent, c->span, "confirm.absent", std::string(ctx.cue_text(*c)));
    }
  }
  if (out.labels.has(Label::kConfirmOfficial) && out.labels.has(Label::kConfirmAbsent)) out.labels.remove(Label::kConfirmOfficial);
  // A confirmation names its source: "the minister confirmed".
  if (out.labels.has(Label::kConfirmOfficial) && !named) {
    Cue verb{out.evidence.back().span, Category::kAttrVerb, 0};
    Frame f = frame_for(s, cues, verb);
    if (f.verdict == Verdict::kNamed) {
      add(out, Label::kSourceNamed, f.source, "confirm.official", f.why);
      named = true;
    } else {
      out.labels.remove(Label::kConfirmOfficial);
    }
  }

  // ---- hedge, forecast
  // What a party did not say ("did not say when it will open") is no
  // forecast of the writer's.
  std::uint32_t unsaid_from = out.span.end;
  for (const Cue* c : cues.all)
    if (c->category == Category::kConfirmAbsent) unsaid_from = std::min(unsaid_from, c->span.end);
  double hedge = 0, forecast = 0;
  bool conditional = false, expectation = false;
  const Cue *hedge_cue = nullptr, *forecast_cue = nullptr, *expect_cue = nullptr;
  for (const Cue* c : cues.all) {
    double w = ctx.weight(*c);
    switch (c->category) {
      case Category::kHedge:
        hedge += w;
        if (!hedge_cue || w > ctx.weight(*hedge_cue)) hedge_cue = c;
        break;
      case Category::kConditional:
        conditional = true;
        hedge += w;
        if (!hedge_cue) hedge_cue = c;
        break;
      case Category::kExpectation:
        if (w >= 1.0) {
          expectation = true;
          expect_cue = c;
        } else {
          hedge += w;
          if (!hedge_cue) hedge_cue = c;
        }
        break;
      case Category::kForecast:
        if (c->span.begin >= unsaid_from) break;
        forecast += w;
        if (!forecast_cue || w > ctx.weight(*forecast_cue)) forecast_cue = c;
        break;
      default:
        break;
    }
  }
  if (expectation) {
    add(out, Label::kHedge, expect_cue->span, "expectation", "expected, not certain");
    if (!conditional) add(out, Label::kForecast, expect_cue->span, "expectation", "an expected future outcome");
  }
  if (hedge >= 0.9 && !out.labels.has(Label::kHedge)) {
    add(out, Label::kHedge, hedge_cue->span, std::string(lexicon::category_name(hedge_cue->category)),
        std::string(ctx.cue_text(*hedge_cue)));
    // Every other cue that adds to the doubt is evidence too: a hedge that
    // rests on several cues is firmer than one that rests on a lone modal.
    for (const Cue* c : cues.all) {
      if (c == hedge_cue || (c->category != Category::kHedge && c->category != Category::kConditional)) continue;
      out.evidence.push_back(Evidence{Label::kHedge, c->span, std::string(lexicon::category_name(c->category)),
                                      std::string(ctx.cue_text(*c))});
    }
  }
  if (forecast >= 0.9 && !out.labels.has(Label::kForecast))
    add(out, Label::kForecast, forecast_cue->span, "forecast", std::string(ctx.cue_text(*forecast_cue)));

  // ---- intent: not when the purpose is what a named source says of itself
  // (LABELS.md edge 4); a motive it ascribes to another actor named between
  // its verb and the purpose ("said ... that Canberra wants", "Tokyo's
  // strategy of") is intent still.
  double intent = 0;
  const Cue* intent_cue = nullptr;
  std::uint32_t named_from = named_complement < toks.size() ? toks[named_complement].span.begin : out.span.end;
  auto other_actor_before = [&](Span cue) {
    std::size_t from = named_complement, to = s.token_at_or_after(cue.begin);
    if (from >= to) return false;
    for (const auto& r : name_runs(s, from, to)) {
      if (is_place_or_adjective(s, r, cues)) continue;
      std::string_view run = Span{toks[r.first].span.begin, toks[r.last].span.end}.of(ctx.text);
      bool speaker = std::any_of(out.attributions.begin(), out.attributions.end(), [&](const Attribution& a) {
        return !a.name.empty() && (run.starts_with(a.name) || a.name.starts_with(run));
      });
      if (!speaker) return true;
    }
    return false;
  };
  for (const Cue* c : cues.all) {
    if (c->category != Category::kIntent) continue;
    if (named && !anonymous && c->span.begin >= named_from && !other_actor_before(c->span)) continue;
    intent += ctx.weight(*c);
    if (!intent_cue) intent_cue = c;
  }
  if (intent >= 1.0) add(out, Label::kIntent, intent_cue->span, "intent", std::string(ctx.cue_text(*intent_cue)));

  // ---- vague: not a size word next to its figure, nor a motion word with one.
  double vague = 0;
  const Cue* vague_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category != Category::kVague && c->category != Category::kMotion) continue;
    bool near_figure = false;
    for (std::uint32_t qi : out.quantities) {
      const Quantity& q = ctx.quantities[qi];
      if (q.source_count) continue;
      if (q.span.begin >= c->span.end && q.span.begin - c->span.end <= 25) near_figure = true;
      if (c->category == Category::kMotion && has_growth) near_figure = true;
    }
    if (near_figure) continue;
    vague += ctx.weight(*c);
    if (!vague_cue || ctx.weight(*c) > ctx.weight(*vague_cue)) vague_cue = c;
  }
  if (vague >= 0.9) add(out, Label::kVague, vague_cue->span, std::string(lexicon::category_name(vague_cue->category)),
                        std::string(ctx.cue_text(*vague_cue)));

  // ---- opinion: the writer's evaluation, not a named source's.
  double opinion = 0;
  const Cue* opinion_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category != Category::kOpinion && c->category != Category::kBelief) continue;
    bool voiced_by_named = named && !anonymous && (ctx.in_quote(c->span) || c->span.begin >= named_from);
    if (voiced_by_named && c->category == Category::kOpinion) continue;
    // "Our advice: buy NLC": the belief marker frames a pitch, which is
    // promo (LABELS.md edge 14), not an evaluation.
    if (c->category == Category::kBelief && cues.has(Category::kPromo)) continue;
    opinion += ctx.weight(*c);
    if (!opinion_cue || ctx.weight(*c) > ctx.weight(*opinion_cue)) opinion_cue = c;
  }
  if (is_heading_line(sentence)) {
    add(out, Label::kOpinion, out.span, "critique.heading", "a critique's verdict heading");
  } else if (opinion >= 1.0) {
    add(out, Label::kOpinion, opinion_cue->span, std::string(lexicon::category_name(opinion_cue->category)),
        std::string(ctx.cue_text(*opinion_cue)));
  }

  // ---- promo
  double promo = 0;
  const Cue* promo_cue = nullptr;
  for (const Cue* c : cues.all) {
    if (c->category == Category::kPromo || (c->category == Category::kTicker && cues.has(Category::kFirstPerson))) {
      promo += ctx.weight(*c);
      if (!promo_cue || ctx.weight(*c) > ctx.weight(*promo_cue)) promo_cue = c;
    }
  }
  if (promo >= 1.5) add(out, Label::kPromo, promo_cue->span, std::string(lexicon::category_name(promo_cue->category)),
                        std::string(ctx.cue_text(*promo_cue)));

  // The cast grows: later pronouns and "the company" can refer to names here.
  for (const auto& r : name_runs(s, 0, toks.size())) {
    if (is_place_or_adjective(s, r, cues)) continue;
    Span run{toks[r.first].span.begin, toks[r.last].span.end};
    if (ctx.in_dateline(run)) continue;
    ++ctx.named_entities_seen;
    bool outlet_or_country = false;
    for (const Cue* c : cues.all)
      if ((c->category == Category::kOutlet || c->category == Category::kCountry || c->category == Category::kElement) &&
          c->span.overlaps(run))
        outlet_or_country = true;
    std::string name(run.of(ctx.text));
    while (name.ends_with("'s") || name.ends_with("\xE2\x80\x99s")) name.resize(name.size() - (name.ends_with("'s") ? 2 : 4));
    if (!outlet_or_country && !name.empty() && (r.last > r.first || name.size() >= 3)) {
      ctx.organisations.push_back(name);
      out.names.push_back(Span{run.begin, static_cast<std::uint32_t>(run.begin + name.size())});
    }
  }
}

}  // namespace assay::analysis::internal
