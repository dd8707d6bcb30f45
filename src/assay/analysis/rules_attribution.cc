// Attribution rules: who speaks in a sentence. An attribution frame is a
// speech cue plus its source phrase: the words before the cue back to the
// clause start (skipping an appositive), or the words after it for
// "according to", "citing" and the inverted '"...," said X' form. The phrase
// decides named / anonymous / media. Without a speech verb, a speaker tag
// ("PENCE: ..."), an anonymous cue ("according to people familiar") or a
// media cue decides.
#include <algorithm>
#include <array>
#include <string>

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

// The verdict on the source window [a, b) and its source phrase: the name
// run, else the whole window. A `capped` window (cut at kMaxSourceTokens)
// did not find its clause start, so its phrase is trimmed to the cue that
// decided ("officials", "the ministry"), the nearest the speech cue, rather
// than the words before it.
Verdict classify_window(const Sent& s, const SentenceCues& cues, std::size_t a, std::size_t b, std::string* why,
                        Span* src, bool capped = false) {
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
  for (const auto& r : name_runs(s, a, b)) {
    if (is_place_or_adjective(s, r, cues)) continue;
    Span run{s.toks[r.first].span.begin, s.toks[r.last].span.end};
    *why = "named source: " + std::string(run.of(s.ctx.text));
    *src = run;
    return Verdict::kNamed;
  }
  if (cue_in_window(cues, Category::kOrgReference, w, s.ctx, &c, capped) && !after_place_preposition(s, c->span)) {
    std::string_view t = c->span.of(s.ctx.text);
    if (!is_pronoun(t) || s.ctx.named_entities_seen > 0) {
      decided_by(c);
      *why = "named source by reference: " + std::string(t);
      return Verdict::kNamed;
    }
  }
  bool group = cue_in_window(cues, Category::kAttrGroup, w, s.ctx, &c, capped);
  const Cue* institution = nullptr;
  if (institution_in_window(s, cues, w, &institution) && !group) {
    decided_by(institution);
    *why = "institution on the record";
    return Verdict::kNamed;
  }
  if (group) {
    decided_by(c);
    *why = "unnamed group: " + std::string(c->span.of(s.ctx.text));
    return Verdict::kAnonymous;
  }
  return Verdict::kNone;
}

}  // namespace


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
      Verdict v = classify_window(s, cues, start, end, &why, &src, capped);
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
    if (std::size_t from = speaker_tag(s, cues, &src, &why)) {
      add(out, Label::kSourceNamed, src, "attr.speaker", why);
      named = true;
      named_complement = std::min(named_complement, from);
      out.attributions.push_back(Attribution{SourceKind::kNamed, src, toks[from - 1].span, {}, std::string(src.of(ctx.text))});
    }
  }
}

// Sources without a speech verb: anonymous cues and media cues. Notes a
// foreign outlet for the sentences after this one.
void label_unverbed_sources(DocContext& ctx, const SentenceCues& cues, SentenceAnalysis& out, RuleState& st) {
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
  label_unverbed_sources(ctx, cues, out, st);
  recast_piece_sourcing(ctx, s, cues, out, st);
}

}  // namespace assay::analysis::internal::rules
