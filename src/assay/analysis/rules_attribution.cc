// Attribution rules: who speaks in a sentence. An attribution frame is a
// speech cue plus its source phrase: the words before the cue back to the
// clause start (skipping an appositive), or the words after it for
// "according to", "citing" and the inverted '"...," said X' form. The phrase
// decides named / anonymous / media. A named source is the noun phrase next
// to the cue (noun_phrase: never a verb, a pronoun inside a clause or a
// clause fragment); it has a name when the phrase is one ("Lynas", "the
// Pentagon"), and none when it only refers to a speaker ("the company",
// "he"). Without a speech verb, a speaker tag ("PENCE: ..."), an anonymous
// cue ("according to people familiar") or a media cue decides.
#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "assay/analysis/sentence_rules_internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal::rules {

namespace {

// The longest source phrase before a speech cue, in tokens: a subject runs
// back to its clause start, but no further than this (news subjects have at
// most about 20 tokens), so that a sentence without punctuation does not
// make every cue's source the whole sentence.
constexpr std::size_t kMaxSourceTokens = 24;

bool is_pronoun(std::string_view w) {
  std::string l = base::to_lower_ascii(w);
  return l == "he" || l == "she" || l == "they" || l == "it";
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Word classes for the noun phrase of a source (lower-cased words).
bool is_personal_pronoun(std::string_view l) {
  static const WordSet kWords{"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me"};
  return kWords.contains(l);
}
bool is_possessive_determiner(std::string_view l) {
  static const WordSet kWords{"its", "his", "her", "their", "our", "my", "your"};
  return kWords.contains(l);
}
bool is_determiner(std::string_view l) {
  static const WordSet kWords{"the", "a", "an", "this", "these", "those"};
  return kWords.contains(l);
}
// Auxiliaries and the adverbs that sit between a subject and its verb
// ("Management has told", "The company also said", "the ministry did announce").
bool is_auxiliary_or_adverb(std::string_view l) {
  static const WordSet kWords{
      "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "did", "does", "do", "will", "would",
      "can", "could", "may", "might", "must", "shall", "should", "also", "still", "again", "already", "previously",
      "now", "then", "too", "not", "never", "recently", "reportedly", "separately", "earlier", "later", "further",
      "meanwhile", "once", "first", "since", "often", "long", "sometimes", "always", "just", "even", "jointly",
      "usually", "ever"};
  return kWords.contains(l);
}
// Words that open or join clauses: a span holding one is a clause fragment.
bool is_clause_word(std::string_view l) {
  static const WordSet kWords{
      "which", "who", "whom", "whose", "that", "what", "where", "when", "why", "how", "but", "or", "nor", "while",
      "because", "though", "although", "after", "before", "since", "as", "if", "unless", "whereas", "so", "than",
      "there"};
  return kWords.contains(l);
}
// Prepositions that end a noun phrase; "of", "at" and "for" stay inside one
// ("Ministry of Commerce", "analysts at a brokerage", "Office for ...").
bool is_outer_preposition(std::string_view l) {
  static const WordSet kWords{
      "to", "in", "on", "over", "with", "by", "from", "into", "about", "under", "against", "between", "through",
      "during", "without", "within", "across", "near", "per", "upon", "onto", "toward", "towards", "amid", "among",
      "like", "via"};
  return kWords.contains(l);
}
// Nouns of documents and data, whose source follows "from" or "by".
bool is_document_word(std::string_view l) {
  static const WordSet kWords{
      "data", "figures", "estimates", "statistics", "numbers", "report", "statement", "decision", "analysis", "study",
      "survey", "note", "research", "letter", "filing", "notice", "order", "release", "memo", "document", "documents",
      "tweet", "post", "video", "ad", "advertisement"};
  return kWords.contains(l);
}
bool ends_possessive(std::string_view w) { return w.ends_with("'s") || w.ends_with("\xE2\x80\x99s") || w == "'"; }

// Which side of its speech cue a source is on: the subject before it ("X
// said"), or the object after it ("according to X", '"...," said X').
enum class Side { kSubject, kObject };

// The noun phrase of a source window [a, b), as a token range [first,
// last); empty when the window's words next to the cue are no noun phrase
// (a verb, a clause fragment, a possessive before a noun cue: "Lynas's
// demand"). On the subject side the phrase ends at the window's end after
// auxiliaries and adverbs ("Management has" -> "Management") and runs back
// while its words can belong to one noun phrase; a personal pronoun next to
// the cue is the phrase by itself ("Management has told investors it
// expects" -> "it"). On the object side it runs forward from the cue.
std::pair<std::size_t, std::size_t> noun_phrase(const Sent& s, const SentenceCues& cues, std::size_t a, std::size_t b,
                                                Side side) {
  // The window's words (every token looked at is in it), each lower-cased
  // once, except an all-capital word of two letters or more ("US", "IT"): an
  // acronym, not a pronoun; and which are speech verbs. The words go into
  // one buffer a thread, kept from call to call (a string and two vectors
  // a call were most of this function's allocations).
  static thread_local std::string folded;
  static thread_local std::vector<std::uint32_t> ends;  // word i - a ends at ends[i - a] in folded
  static thread_local std::vector<unsigned char> verb;
  folded.clear();
  ends.clear();
  verb.assign(b - a, 0);
  for (std::size_t i = a; i < b; ++i) {
    std::string_view w = s.word(i);
    bool acronym = w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return base::is_ascii_upper(c); });
    const std::size_t at = folded.size();
    folded.append(w);
    if (!acronym)
      for (std::size_t k = at; k < folded.size(); ++k) folded[k] = base::lower_ascii(folded[k]);
    ends.push_back(static_cast<std::uint32_t>(folded.size()));
  }
  for (const Cue* c : cues.all)
    if (c->category == Category::kAttrVerb)
      for (std::size_t i = a; i < b; ++i) verb[i - a] = verb[i - a] || c->span.overlaps(s.toks[i].span);
  auto lower = [&](std::size_t i) -> std::string_view {
    assert(i >= a && i < b);
    const std::size_t from = i == a ? 0 : ends[i - a - 1];
    return std::string_view(folded).substr(from, ends[i - a] - from);
  };
  auto speech_verb = [&](std::size_t i) { return verb[i - a]; };
  auto joins_name = [&](std::size_t i) {  // "and" / "&" between capitalised words
    std::string_view l = lower(i);
    return (l == "and" || l == "&") && i > 0 && i + 1 < s.toks.size() && is_upper_start(s.word(i - 1)) &&
           is_upper_start(s.word(i + 1));
  };
  auto is_inner_punct = [&](std::size_t i) {
    std::string_view w = s.word(i);
    return w == "-" || w == "&" || w == "'" || w == "\xE2\x80\x99" || w == ".";
  };
  // A personal pronoun, unless it is a capitalised word inside a sentence
  // before another capitalised word: part of a name ("spokesperson He Yadong").
  auto pronoun = [&](std::size_t i) {
    if (!is_personal_pronoun(lower(i))) return false;
    bool inside = i > 0 && !s.is_quote(i - 1) && s.toks[i - 1].kind == text::TokenKind::kWord;
    return !(inside && is_upper_start(s.word(i)) && i + 1 < s.toks.size() && is_upper_start(s.word(i + 1)));
  };
  auto stops = [&](std::size_t i) {
    if (s.toks[i].kind == text::TokenKind::kPunct) return !is_inner_punct(i) && !joins_name(i);
    std::string_view l = lower(i);
    if (joins_name(i)) return false;
    return l == "and" || is_clause_word(l) || is_auxiliary_or_adverb(l) || is_outer_preposition(l) || speech_verb(i) ||
           pronoun(i);
  };
  // An adverb between a subject and its verb ("has repeatedly said").
  auto adverb = [&](std::size_t i) {
    std::string_view l = lower(i);
    return l.size() >= 5 && l.ends_with("ly") && s.toks[i].kind == text::TokenKind::kWord && !is_upper_start(s.word(i)) &&
           !one_of(l, {"supply", "family", "assembly", "rally", "monopoly", "anomaly", "italy", "reply"});
  };
  if (side == Side::kObject) {
    std::size_t q = a;
    if (q < b && pronoun(q)) return {q, q + 1};
    while (q < b) {
      // "data from X", "a decision by X": a document's source is inside.
      if (q > a && one_of(lower(q), {"from", "by"}) && is_document_word(lower(q - 1))) {
        ++q;
        continue;
      }
      if (stops(q)) break;
      ++q;
    }
    while (q > a && s.toks[q - 1].kind == text::TokenKind::kPunct) --q;
    return {a, q};
  }
  std::size_t q = b;
  auto trim_end = [&] {
    while (q > a && (s.toks[q - 1].kind == text::TokenKind::kPunct || is_auxiliary_or_adverb(lower(q - 1)) ||
                     speech_verb(q - 1) || adverb(q - 1)))
      --q;
  };
  trim_end();
  // "Republicans who expect", "the company, which said": the relative
  // pronoun stands for the phrase before it.
  if (q > a + 1 && one_of(lower(q - 1), {"who", "which", "that"})) {
    --q;
    trim_end();
  }
  // A place or a time after the phrase ("... at Straits Commodity Analytics
  // in Singapore said", "Donald Trump on Saturday tweeted") says where or
  // when, not who.
  for (std::size_t k = q; k > a + 1; --k) {
    if (!is_place_preposition(s.word(k - 1)) && !one_of(s.word(k - 1), {"on", "during"})) continue;
    bool names_only = k < q;
    for (std::size_t j = k; j < q; ++j)
      names_only &= is_upper_start(s.word(j)) || base::is_ascii_digit(s.word(j)[0]) || s.toks[j].kind == text::TokenKind::kPunct;
    if (names_only) {
      q = k - 1;
      trim_end();
    }
    break;
  }
  if (q == a) return {a, a};
  if (pronoun(q - 1)) return {q - 1, q};
  if (ends_possessive(s.word(q - 1))) return {a, a};
  std::size_t p = q;
  while (p > a) {
    std::string_view l = lower(p - 1);
    if (is_possessive_determiner(l)) {
      --p;
      break;
    }
    if (stops(p - 1)) break;
    if (is_determiner(l)) {
      --p;
      // "analysts at a brokerage", "the head of the agency": a determiner
      // after "of", "at" or "for" is inside the phrase; otherwise it opens it.
      if (p > a && one_of(lower(p - 1), {"of", "at", "for"})) continue;
      break;
    }
    // "working at", "based in": a participle before a preposition is a verb.
    if (one_of(l, {"of", "at", "for"}) && p >= a + 2) {
      std::string_view before = lower(p - 2);
      if (before.ends_with("ing") || before.ends_with("ed")) break;
    }
    --p;
  }
  while (p < q && one_of(lower(p), {"of", "at", "for", "and", "&"})) ++p;
  return {p, q};
}

// Is there a cue of `cat` in the window? `found` gets the first one, or the
// last (the nearest a cue after the window) when `last` is set.
bool cue_in_window(const SentenceCues& cues, Category cat, Span w, const DocContext& ctx, const Cue** found = nullptr,
                   bool last = false) {
  bool any = false;
  for (const Cue* c : cues.all) {
    if (c->category != cat || !w.overlaps(c->span)) continue;
    if (cat == Category::kOutlet && !ctx.is_foreign_outlet(*c)) continue;
    if (found) *found = c;
    any = true;
    if (!last) break;
  }
  return any;
}

// Is a government / organisation word the head of the window ("The ministry
// said", "Police said", "China's ministry said")?
bool institution_in_window(const Sent& s, const SentenceCues& cues, Span w, const Cue** found) {
  for (const Cue* c : cues.all) {
    if (!w.overlaps(c->span)) continue;
    if (c->category == Category::kStakeGovernment || c->category == Category::kStakeIndustryBody ||
        c->category == Category::kStakeEnvironment || c->category == Category::kStakeStateEnterprise) {
      std::string l = base::to_lower_ascii(c->span.of(s.ctx.text));
      if (l == "officials" || l == "official" || l == "authorities" || l == "regulators") continue;  // unnamed crowd
      *found = c;
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

// A sentence's first word, capitalised only as the first, before an unnamed
// group noun, and not written elsewhere in the document: an adjective of
// the group ("Legal experts say", "Independent analysts said"), not a name
// ("Iluka executives said" names Iluka when the piece mentions it again).
bool opens_group_phrase(const Sent& s, const SentenceCues& cues, const NameRun& r) {
  bool first = r.first == 0 || (r.first == 1 && s.is_quote(0));
  if (!first || r.first != r.last || r.last + 1 >= s.toks.size()) return false;
  if (s.ctx.mentioned_outside(s.word(r.first), s.span)) return false;  // "Iluka executives said"
  // The group noun follows ("Legal experts") or is the word itself ("Makers of alloys").
  Span word = s.toks[r.first].span, next = s.toks[r.last + 1].span;
  return std::any_of(cues.all.begin(), cues.all.end(), [&](const Cue* c) {
    return (c->category == Category::kAttrGroup || c->category == Category::kAttrAnonymous) &&
           (c->span.begin == next.begin || c->span.begin == word.begin);
  });
}

// Is the noun phrase [p, q) one person without a name: "a senior engineer at
// the group", "one worker at the plant", "an employee of the company"? Its
// head (the last word before "at", "of", "from", "with" or the phrase end)
// is a role noun, not a name, and no role that speaks for its organisation.
bool unnamed_individual(const Sent& s, std::size_t p, std::size_t q) {
  if (p >= q) return false;
  std::string first = base::to_lower_ascii(s.word(p));
  if (first != "a" && first != "an" && first != "one") return false;
  std::size_t head = p + 1;
  while (head < q && !one_of(base::to_lower_ascii(s.word(head)), {"at", "of", "from", "with", "in"})) ++head;
  if (head == p + 1) return false;
  std::string_view h = s.word(head - 1);
  if (is_upper_start(h)) return false;
  std::string l = base::to_lower_ascii(h);
  if (one_of(l, {"spokesperson", "spokesman", "spokeswoman", "representative", "statement", "spokespeople"})) return false;
  // A person's role: someone who works, trades, studies or lives there.
  return one_of(l, {"engineer", "worker", "employee", "manager", "executive", "official", "staffer", "insider",
                    "source", "person", "geologist", "scientist", "researcher", "analyst", "economist", "trader",
                    "dealer", "broker", "banker", "buyer", "seller", "customer", "supplier", "consultant", "adviser",
                    "advisor", "director", "officer", "technician", "miner", "farmer", "resident", "villager", "local",
                    "lawyer", "diplomat", "member", "investor", "expert", "observer", "participant", "contractor",
                    "operator", "chemist", "metallurgist", "strategist", "planner", "negotiator", "inspector",
                    "veteran", "figure", "player", "watcher", "campaigner", "activist", "shopkeeper", "fisherman"});
}

// The verdict on the source window [a, b) and its source phrase. Anonymous
// and media cues decide on the whole window; a named source must be the
// window's noun phrase next to the cue (noun_phrase): the name run in it
// nearest the cue, else the phrase when an organisation reference ("the
// company", "he") or an institution ("the ministry") heads it. A window
// whose words next to the cue are no noun phrase names nobody. A `capped`
// window (cut at kMaxSourceTokens) did not find its clause start, so an
// anonymous or media phrase is trimmed to the cue that decided.
Verdict classify_window(const Sent& s, const SentenceCues& cues, std::size_t a, std::size_t b, std::string* why,
                        Span* src, bool* name, Side side, bool capped = false) {
  *name = false;
  if (a >= b || b > s.toks.size()) return Verdict::kNone;
  s.ctx.work += b - a;
  Span w{s.toks[a].span.begin, s.toks[b - 1].span.end};
  *src = w;
  const Cue* c = nullptr;
  // The article's own outlet ("according to Meridian Wire's assessment") is
  // its own voice, not a source.
  for (const Cue* o : cues.all)
    if (o->category == Category::kOutlet && w.overlaps(o->span) && !s.ctx.is_foreign_outlet(*o)) return Verdict::kNone;
  auto decided_by = [&](const Cue* cue) {
    if (capped) *src = cue->span;
  };
  if (cue_in_window(cues, Category::kAttrAnonymous, w, s.ctx, &c, capped)) {
    decided_by(c);
    *why = "unnamed source: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kAnonymous;
  }
  if (cue_in_window(cues, Category::kOutlet, w, s.ctx, &c, capped)) {
    decided_by(c);
    *why = "news outlet: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kMedia;
  }
  // The group word nearest the cue (the last before it, the first after it).
  bool group = cue_in_window(cues, Category::kAttrGroup, w, s.ctx, &c, capped || side != Side::kObject);
  const Cue* group_cue = c;
  auto [p, q] = noun_phrase(s, cues, a, b, side);
  std::optional<Span> phrase;  // the noun phrase next to the cue, if any
  if (p < q) {
    Span np{s.toks[p].span.begin, s.toks[q - 1].span.end};
    phrase = np;
    std::optional<Span> run;
    for (const auto& r : name_runs(s, p, q)) {
      if (is_place_or_adjective(s, r, cues)) continue;
      if (opens_group_phrase(s, cues, r)) continue;  // "Legal experts say"
      if (r.first == r.last && is_personal_pronoun(base::to_lower_ascii(s.word(r.first)))) continue;  // "I"
      std::size_t last = r.last;
      // "Albanese's": the name without its possessive.
      while (last > r.first && (ends_possessive(s.word(last)) && s.word(last).size() <= 4)) --last;
      Span sp{s.toks[r.first].span.begin, s.toks[last].span.end};
      std::string_view t = sp.of(s.ctx.text);
      if (t.ends_with("'s")) sp.end -= 2;
      else if (t.ends_with("\xE2\x80\x99s")) sp.end -= 4;
      run = sp;
      if (side == Side::kObject) break;  // the first after the cue; before it, the nearest
    }
    if (run) {
      *why = "named source: " + std::string(run->of(s.ctx.text));
      *src = *run;
      *name = true;
      return Verdict::kNamed;
    }
    // A phrase headed by a reference or an institution is a name when it
    // holds a capitalised word that is no function word and is capitalised
    // for itself: not only as the sentence's first word, unless the
    // document writes it so elsewhere and never in lower case ("the
    // Pentagon", "China's foreign ministry", "Beijing added"; not "The
    // company", "Management has", "Two senior officials at the ministry").
    for (std::size_t i = p; i < q && !*name; ++i) {
      std::string_view w = s.word(i);
      if (w.ends_with("'s")) w.remove_suffix(2);
      else if (w.ends_with("\xE2\x80\x99s")) w.remove_suffix(4);
      std::string l = base::to_lower_ascii(w);
      if (s.toks[i].kind != text::TokenKind::kWord || is_determiner(l) || is_possessive_determiner(l) || is_personal_pronoun(l) ||
          !std::any_of(w.begin(), w.end(), [](char ch) { return base::is_ascii_upper(ch); }))
        continue;
      bool first = i == 0 || (i == 1 && s.is_quote(0));
      *name = !first || (s.ctx.mentioned_outside(w, s.span) && !s.ctx.seen_lowercase(w));
    }
    // "A senior engineer at the group said": one unnamed person, who speaks
    // for themselves (LABELS.md edge 10), unless the role speaks for the
    // organisation ("a company spokesperson", "a ministry representative").
    if (side == Side::kSubject && unnamed_individual(s, p, q)) {
      *src = np;
      *why = "unnamed individual: " + std::string(np.of(s.ctx.text));
      return Verdict::kAnonymous;
    }
    // "I said": the first person speaks for someone the piece names (a
    // transcript, an interview), as "he said" does.
    if (q == p + 1 && s.word(p) == "I" && s.ctx.named_entities_seen > 0) {
      *src = np;
      *why = "named source by reference: I";
      return Verdict::kNamed;
    }
    if (cue_in_window(cues, Category::kOrgReference, np, s.ctx, &c) && !after_place_preposition(s, c->span)) {
      std::string_view t = c->span.of(s.ctx.text);
      if (!is_pronoun(t) || s.ctx.named_entities_seen > 0) {
        *src = np;
        *why = "named source by reference: " + std::string(t);
        return Verdict::kNamed;
      }
    }
    const Cue* institution = nullptr;
    if (institution_in_window(s, cues, np, &institution) && !group) {
      *src = np;
      *why = "institution on the record";
      return Verdict::kNamed;
    }
  }
  if (group) {
    // The source is the group's phrase, not the clause around it: the noun
    // phrase when the group heads it ("some investors said"), else the
    // group's own words ("Management has told investors it expects" names
    // "investors", not "Management has told investors it").
    *src = phrase && phrase->contains(group_cue->span) ? *phrase : group_cue->span;
    decided_by(group_cue);
    *why = "unnamed group: " + std::string(group_cue->span.of(s.ctx.text));
    return Verdict::kAnonymous;
  }
  return Verdict::kNone;
}

}  // namespace


// The name whose appositive is the segment [start, end) after a comma, or
// none: "Matt Ruiz, equity strategist at Halden Capital, says" -> "Matt
// Ruiz". The appositive is a bare role (a lower-case word first: "equity
// strategist", "executive director") whose affiliation is the name the
// segment gives (`role_name`, after "at", "of", "for", "with" or "from"), or
// the affiliation's possessive before a role ("Hong Kong's police chief");
// the owner is the segment before the comma when it is one name and nothing
// else. Without this the employer was taken for the speaker.
Frame appositive_owner(const Sent& s, const SentenceCues& cues, std::size_t start, std::size_t end, Span role_name) {
  Frame f;
  std::string_view first = s.word(start);
  if (s.toks[start].kind != text::TokenKind::kWord || first.empty() || s.is_clause_break(start)) return f;
  if (base::is_ascii_upper(first[0])) {
    // "Chris Tang, Hong Kong's new police commissioner, said": the
    // affiliation opens the role with a possessive, a lower-case word next.
    if (role_name.begin != s.toks[start].span.begin) return f;
    const std::string_view text = s.ctx.text;
    const std::size_t skip = possessive_then_space(text, role_name.end);
    if (skip == 0 || role_name.end + skip >= text.size() || !base::is_ascii_lower(text[role_name.end + skip])) return f;
  } else {
    if (!base::is_ascii_lower(first[0]) || is_personal_pronoun(base::to_lower_ascii(first))) return f;
    std::size_t at = start;
    while (at < end && s.toks[at].span.begin < role_name.begin) ++at;
    if (at >= end || at <= start + 1) return f;  // a role word, then the preposition
    std::size_t prep = at - 1;
    if (prep > start && base::to_lower_ascii(s.word(prep)) == "the") --prep;
    if (!one_of(base::to_lower_ascii(s.word(prep)), {"at", "of", "for", "with", "from"}) || prep <= start) return f;
  }
  const std::size_t pend = start - 1;
  std::size_t pstart = pend;
  while (pstart > 0 && !s.is_clause_break(pstart - 1)) --pstart;
  if (pstart >= pend) return f;
  auto runs = name_runs(s, pstart, pend);
  if (runs.size() != 1 || runs[0].first != pstart || runs[0].last + 1 != pend) return f;
  std::string why;
  Span src;
  bool name = false;
  if (classify_window(s, cues, pstart, pend, &why, &src, &name, Side::kSubject) != Verdict::kNamed || !name) return f;
  f.verdict = Verdict::kNamed;
  f.source = src;
  f.name = true;
  f.why = why;
  return f;
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
    f.verdict = classify_window(s, cues, ve, b, &f.why, &f.source, &f.name, Side::kObject);
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
  const bool participle = vi < s.toks.size() && base::to_lower_ascii(s.word(vi)).ends_with("ing");
  bool anonymous_aside = false;
  bool seen_segment = false;  // the segment nearest the verb that holds a word
  std::string aside_why;
  Span aside_src;
  for (int k = 0; k < 4; ++k) {
    std::size_t start = end;
    const std::size_t limit = end > kMaxSourceTokens ? end - kMaxSourceTokens : 0;
    while (start > limit && !s.is_clause_break(start - 1)) --start;
    if (start < end) {
      // An aside: a segment after the first that opens like an appositive
      // and has a comma before it.
      bool aside = k > 0 && starts_appositive(start) && start > 0 && s.is_punct(start - 1, ",");
      std::string why;
      Span src;
      // A window cut at the cap has not found its clause start: its phrase
      // is trimmed to the deciding cue.
      const bool capped = start == limit && start > 0 && !s.is_clause_break(start - 1);
      // ", saying ...": a participle's speaker is the subject that opens
      // the clause before it ("Solvay did not disclose the size, saying").
      Side side = k > 0 && participle ? Side::kObject : Side::kSubject;
      // "X issued a statement describing ...": a document's participle
      // speaks for the subject that opens the clause.
      if (k == 0 && participle && start < end) {
        std::size_t last = end;
        while (last > start && s.toks[last - 1].kind == text::TokenKind::kPunct) --last;
        if (last > start && is_document_word(base::to_lower_ascii(s.word(last - 1)))) side = Side::kObject;
      }
      // "Liu said that the army could be deployed, warning ...": the clause
      // before the participle is what a speech verb reports, and the
      // participle's speaker is that verb's subject, which opens the
      // sentence's clause before "that".
      if (k > 0 && participle && start > 1 && base::to_lower_ascii(s.word(start - 1)) == "that") {
        std::size_t outer = start - 1;
        while (outer > 0 && !s.is_clause_break(outer - 1)) --outer;
        std::string owhy;
        Span osrc;
        bool oname = false;
        if (outer < start - 1 && classify_window(s, cues, outer, start - 1, &owhy, &osrc, &oname, Side::kObject) == Verdict::kNamed) {
          f.verdict = Verdict::kNamed;
          f.why = owhy;
          f.source = osrc;
          f.name = oname;
          return f;
        }
      }
      bool name = false;
      Verdict v = classify_window(s, cues, start, end, &why, &src, &name, side, capped);
      // A role's affiliation is not the speaker when a name owns the role:
      // "Matt Ruiz, equity strategist at Halden Capital, says" (appositive_owner).
      if (!seen_segment && v == Verdict::kNamed && name && side == Side::kSubject && start > 0 &&
          s.is_punct(start - 1, ",")) {
        if (Frame named = appositive_owner(s, cues, start, end, src); named.verdict == Verdict::kNamed) {
          named.cue = f.cue;
          named.complement_from = f.complement_from;
          return named;
        }
      }
      seen_segment = true;
      if (v == Verdict::kAnonymous && why.starts_with("unnamed source") && k > 0) {
        anonymous_aside = true;
        aside_why = why;
        aside_src = src;
      } else if (v != Verdict::kNone && !aside) {
        bool hidden = anonymous_aside && v == Verdict::kNamed;  // "X, who asked not to be named, said"
        f.verdict = hidden ? Verdict::kAnonymous : v;
        f.why = hidden ? aside_why : why;
        f.source = hidden ? aside_src : src;
        f.name = !hidden && name;
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
      f.verdict = classify_window(s, cues, ve, b, &f.why, &f.source, &f.name, Side::kObject);
      if (f.verdict != Verdict::kNone) f.complement_from = 0;
    }
  }
  return f;
}

namespace {

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

}  // namespace

namespace {

// Is the cue an act of saying here, or a word of the same spelling that is
// none? "Washington added 140 entities to a blacklist" (adding a thing to a
// place: an "add" with "to" after its object, no finite verb between);
// "reserve estimates for China", "figures from the ministry" (a plural
// noun before "for", "of", "from" or "by"). A speech "added" is followed by
// "that", a quotation, punctuation or a clause ("she added the plant had
// restarted").
bool is_speech_act(const Sent& s, const Cue& c) {
  std::string v = base::to_lower_ascii(c.span.of(s.ctx.text));
  std::size_t e = s.token_at_or_after(c.span.end);
  if (e >= s.toks.size() || s.toks[e].kind == text::TokenKind::kPunct) return true;
  std::string next = base::to_lower_ascii(s.word(e));
  if (one_of(v, {"added", "adds", "add", "adding"})) {
    if (next == "that") return true;
    if (next == "to") return false;  // "adding to the pressure", "added to its holdings"
    for (std::size_t k = e; k < s.toks.size() && k < e + 8; ++k) {
      if (s.toks[k].kind == text::TokenKind::kPunct) break;
      std::string w = base::to_lower_ascii(s.word(k));
      if (one_of(w, {"is", "are", "was", "were", "has", "had", "have", "will", "would", "could", "may", "might", "can",
                     "should", "did", "does"}) ||
          (k > e && w.ends_with("ed")))
        return true;
      if (w == "to" || w == "into") return false;
    }
    return true;
  }
  if (one_of(v, {"estimates", "reports", "notes", "claims", "cites", "finds", "shows", "figures"}) &&
      one_of(next, {"for", "of", "from", "by"}))
    return false;
  // Finding and showing report information when a document does it ("the
  // study found", "data from the ministry showed") or a finding follows
  // ("Geologists found that ..."); "Energy Fuels found a buyer", "the
  // company showed off its plant" are acts.
  if (one_of(v, {"found", "finds", "find", "showed", "shows", "show"})) {
    if (next == "that") return true;
    std::size_t vi = s.token_at_or_after(c.span.begin);
    for (std::size_t k = vi; k > 0 && k + 10 > vi; --k) {
      if (s.toks[k - 1].kind == text::TokenKind::kPunct && !s.is_punct(k - 1, "'")) break;
      if (is_document_word(base::to_lower_ascii(s.word(k - 1))) ||
          one_of(base::to_lower_ascii(s.word(k - 1)), {"results", "tests", "review", "audit", "studies", "surveys"}))
        return true;
    }
    return false;
  }
  // A wish or a proposal with a thing for its object ("Tesla wants cheaper
  // magnets", "the Commission proposed a stockpiling scheme") and weighing
  // an action ("Vale considered selling the unit") are acts, not statements.
  if (one_of(v, {"wants", "wanted", "want", "proposed", "proposes", "propose"})) return next == "that";
  if (one_of(v, {"considered", "considers", "consider"})) return !next.ends_with("ing");
  return true;
}

// Speech cues ("said", "according to") and the frames of their sources; a
// negated act of saying is a non-confirmation instead.
void label_speech_frames(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st) {
  bool& named = st.named;
  bool& anonymous = st.anonymous;
  bool& media = st.media;
  std::size_t& named_complement = st.named_complement;
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
    // A passive ("was assessed", "will be described", "is often described
    // as") names no source; a progressive ("is calling", "is confirming")
    // does. Adverbs between the auxiliary and the cue are skipped.
    std::string aux = prev;
    for (std::size_t k = vi; k > 1 && (one_of(aux, {"often", "also", "widely", "still", "now", "sometimes"}) ||
                                       (aux.size() > 4 && aux.ends_with("ly")));) {
      --k;
      aux = base::to_lower_ascii(s.word(k - 1));
    }
    if ((aux == "is" || aux == "are" || aux == "was" || aux == "were" || aux == "be" || aux == "been" || aux == "being") &&
        !s.word(vi).ends_with("ing"))
      continue;
    if (!is_speech_act(s, *c)) continue;
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
      // A reference ("the company", "he") is a named source (LABELS: the
      // cast names it) but not a name.
      if (f.name) a.name = std::string(f.source.of(ctx.text));
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
}

// Without a speech cue: a speaker tag opening the line ("PENCE: ...").
void label_speaker_tag(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st) {
  const std::vector<text::Token>& toks = s.toks;
  bool& named = st.named;
  std::size_t& named_complement = st.named_complement;
  const bool anonymous = st.anonymous, media = st.media;
  if (!named && !anonymous && !media) {
    Span src;
    std::string why;
    std::size_t from = speaker_tag(s, cues, &src, &why);
    // The publishing outlet's own tag ("CELL WEEKLY: What happens next?") is
    // the interviewer: its own voice (LABELS.md edges 20 and 25), no source.
    if (from && !ctx.own_outlet.empty() &&
        base::to_lower_ascii(src.of(ctx.text)) == base::to_lower_ascii(ctx.own_outlet))
      from = 0;
    if (from) {
      add(out, Label::kSourceNamed, src, "attr.speaker", why);
      named = true;
      named_complement = std::min(named_complement, from);
      out.attributions.push_back(Attribution{SourceKind::kNamed, src, toks[from - 1].span, {}, std::string(src.of(ctx.text))});
    }
  }
}

// Sources without a speech verb: anonymous cues and media cues. Notes a
// foreign outlet for the sentences after this one.
void label_unverbed_sources(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out,
                            RuleState& st) {
  bool& anonymous = st.anonymous;
  bool& media = st.media;
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
    // A report verb whose frame found a named or unnamed source ("the
    // company reported a loss", "laboratory studies have reported") is that
    // source reporting, not a publication.
    // "told Reuters" names its outlet: media as well.
    bool names_outlet = std::any_of(cues.all.begin(), cues.all.end(), [&](const Cue* o) {
      return o->category == Category::kOutlet && o->span.overlaps(c->span);
    });
    bool other_source = !names_outlet && std::any_of(out.attributions.begin(), out.attributions.end(),
                                                     [&](const Attribution& a) {
                                                       return a.kind != SourceKind::kMedia && a.cue.overlaps(c->span);
                                                     });
    if (other_source && w < 1.5) continue;
    // "this newsletter reported", "our website said": the publisher's own
    // voice (edge 25); "its website says", "the company's website says":
    // the owner's ("Japan's biggest daily reported" stays media).
    if (std::size_t ci = s.token_at_or_after(c->span.begin); ci > 0) {
      std::string before = base::to_lower_ascii(s.word(ci - 1));
      if (one_of(before, {"this", "our", "my", "its", "their", "his", "her"})) continue;
      Span prev = s.toks[ci - 1].span;
      bool country = std::any_of(cues.all.begin(), cues.all.end(), [&](const Cue* o) {
        return o->category == Category::kCountry && o->span.overlaps(prev);
      });
      if (ends_possessive(before) && !country) continue;
    }
    bool strong = w >= 1.5;
    bool with_outlet = foreign_outlet && w >= 0.6;
    bool about_piece = w >= 0.7 && ctx.foreign_outlet_seen && w < 1.5;
    if (strong || with_outlet || about_piece) {
      add(out, Label::kSourceMedia, c->span, "attr.media", "media: " + std::string(ctx.cue_text(*c)));
      media = true;
    }
  }
  if (foreign_outlet) ctx.foreign_outlet_seen = true;
}

// A critique describing the reviewed piece's sourcing ("The report cites
// unnamed sources") is about the piece, not using those sources (LABELS
// edge 13): media, not anonymous.
void recast_piece_sourcing(const DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out,
                           RuleState& st) {
  bool& anonymous = st.anonymous;
  bool& media = st.media;
  if (anonymous && ctx.foreign_outlet_seen) {
    for (const Cue* c : cues.all) {
      if (c->category != Category::kAttrMedia || ctx.weight(*c) >= 1.5) continue;
      // An outlet's own report verb ("Reuters reported, citing unnamed
      // officials") uses those sources; only a reference to the piece ("the
      // story rests on", "It quotes") describes them.
      std::string t = base::to_lower_ascii(ctx.cue_text(*c));
      if (t == "reported" || t == "reports" || t == "declared") continue;
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
}

}  // namespace

void label_attribution(DocContext& ctx, const Sent& s, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st) {
  label_speech_frames(ctx, s, cues, out, st);
  label_speaker_tag(ctx, s, cues, out, st);
  label_unverbed_sources(ctx, s, cues, out, st);
  recast_piece_sourcing(ctx, s, cues, out, st);
}

}  // namespace assay::analysis::internal::rules
