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
//
// label_sentence runs the rule families in turn, each in its own file:
// quantities and vague words (rules_vague_quantity.cc), attribution
// (rules_attribution.cc), confirmation (rules_confirmation.cc), hedge and
// forecast (rules_hedge_forecast.cc), intent, opinion and promotion
// (rules_intent_opinion.cc). This file holds what they share (name runs,
// places, negation) and the cast of names kept for later sentences.
#include <algorithm>
#include <array>
#include <cstring>

#include "assay/analysis/internal.h"
#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace rules {
namespace {

bool is_stopword_capital(std::string_view w) {
  static const WordSet kWords{
      "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "If", "It", "Its", "This", "That", "These",
      "Those", "There", "They", "He", "She", "We", "I", "Our", "Their", "His", "Her", "As", "By", "With", "From",
      "After", "Before", "While", "When", "Under", "Yet", "So", "Some", "Many", "Most", "Neither", "Nor", "Both",
      "One", "Two", "Three", "Such", "Still", "Even", "Without", "Outside", "Inside", "Shares", "Prices", "Analysts",
      "Officials", "Traders", "Industry", "Almost",
      // Function words and openers that a capital does not make a name.
      "To", "Of", "Up", "No", "Not", "Do", "What", "Why", "How", "Who", "Where", "Which", "Having", "Being", "Get",
      "Let", "Perhaps", "Indeed", "However", "Meanwhile", "Now", "Then", "Here", "Every", "Each", "Any", "All",
      "Only", "Also", "Instead", "Despite", "Although", "Though"};
  return kWords.contains(w);
}

// A title before a name ("Mr. Obama", "Sen. Mike Lee"): the name runs on
// through its full stop.
bool is_honorific(std::string_view w) {
  static const WordSet kTitles{
      "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Prof", "Sgt", "Capt", "Adm"};
  return kTitles.contains(w);
}

bool is_calendar_word(std::string_view w) {
  static const WordSet kWords{
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return kWords.contains(w);
}

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

}  // namespace

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

namespace {

// Does the cue's last word, capitalised, open a name with a possessive:
// "People" in "People's Bank", "People's Daily" (a typographic apostrophe too)?
bool opens_proper_name(std::string_view text, Span cue) {
  std::size_t b = cue.end;
  while (b > cue.begin && text[b - 1] != ' ') --b;
  if (b >= cue.end || !base::is_ascii_upper(text[b])) return false;
  const std::size_t skip = possessive_then_space(text, cue.end);
  return skip > 0 && cue.end + skip < text.size() && base::is_ascii_upper(text[cue.end + skip]);
}

// The sentence's cues: outside the dateline, not "May" the month, and the
// longest of overlapping cues of the same category.
void collect_cues(const DocContext& ctx, Span sentence, SentenceCues& cues) {
  auto [first, last] = ctx.cues_in(sentence);
  for (std::size_t i = first; i < last; ++i) {
    const Cue& c = ctx.cues[i];
    if (ctx.in_dateline(c.span)) continue;
    std::string_view t = ctx.cue_text(c);
    // "May" the month is not the modal.
    if (c.category == Category::kHedge && t == "May" && c.span.begin != sentence.begin) continue;
    // "Nor" capitalised inside a sentence is a name ("the governor, Abdiqadir
    // Mohamed Nor, said"), not the negation.
    if (c.category == Category::kNegation && t == "Nor" && c.span.begin != sentence.begin) continue;
    // A source word that begins a proper name is no unnamed source: "the
    // People's Bank of China", "the People's Liberation Army" (a capital,
    // then a possessive and another capital).
    if ((c.category == Category::kAttrAnonymous || c.category == Category::kAttrGroup) && opens_proper_name(ctx.text, c.span))
      continue;
    // Keep the longest of overlapping cues of the same category.
    bool shadowed = false;
    for (std::size_t j = first; j < last && !shadowed; ++j) {
      const Cue& o = ctx.cues[j];
      if (j != i && o.category == c.category && o.span.contains(c.span) && o.span != c.span) shadowed = true;
    }
    if (!shadowed) cues.all.push_back(&c);
  }
}

// The cast grows: later pronouns and "the company" can refer to names here.
void add_names_to_cast(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out) {
  const std::vector<text::Token>& toks = s.toks;
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

}  // namespace
}  // namespace rules

bool label_sentence(DocContext& ctx, std::uint32_t index, const std::vector<text::Token>& toks, SentenceAnalysis& out) {
  using namespace rules;
  (void)index;
  Sent s{ctx, toks, out.span};
  // One list of cues a thread, kept from sentence to sentence (a new one
  // grew by three or four allocations a sentence).
  static thread_local SentenceCues kept;
  SentenceCues& cues = kept;
  cues.all.clear();
  collect_cues(ctx, out.span, cues);
  ctx.work += toks.size() * (cues.all.size() + 1);
  RuleState st;
  st.named_complement = toks.size();
  label_quantities(ctx, out, st);
  label_attribution(ctx, s, cues, out, st);
  label_confirmation(s, cues, out, st);
  const bool doubt_worded = label_hedge_forecast(s, cues, out);
  label_intent(s, cues, out, st);
  label_vague(s, cues, out, st);
  label_opinion(s, cues, out, st);
  label_promo(s, cues, out);
  add_names_to_cast(ctx, s, cues, out);
  return doubt_worded;
}

}  // namespace assay::analysis::internal
