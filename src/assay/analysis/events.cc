// Events: the supply-chain events an article reports (LABELS.md article
// fields), one per type, each with the status its sourcing earns. The
// trigger words are the `event` rows of the gazetteer; the status comes from
// the labels of the sentences that report the event and from a few families
// of words (denials, talks, speculation, plans and schedules):
//
//   a party to the event on the record        -> confirmed
//   named third parties, anonymous sources,
//   other outlets                             -> reported
//   speculation with no source                -> rumoured
//   intentions and schedules                  -> planned
//   a denial                                  -> denied
//
// Early talks are never `confirmed`, whoever describes them: the talks may
// be a fact, the deal is not.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace {


// True when one of `phrases` occurs in `lower` starting at a word boundary
// (a phrase that ends in a letter must also end at one). The phrases that
// decide an event's status are signals (data/lexicons/signals.tsv, event.*),
// found in the one lexicon scan; this is for text outside the document.
bool has_phrase(std::string_view lower, std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases) {
    for (std::size_t at = lower.find(p); at != std::string_view::npos; at = lower.find(p, at + 1)) {
      bool starts = at == 0 || !base::is_ascii_alnum(lower[at - 1]);
      std::size_t end = at + p.size();
      bool ends = !base::is_ascii_alnum(p.back()) || end == lower.size() || !base::is_ascii_alnum(lower[end]);
      if (starts && ends) return true;
    }
  }
  return false;
}

std::string canonical_of(const DocContext& ctx, const Cue& c) { return std::string(lexicon::canonical(ctx.lex.entries()[c.entry])); }

// A denial of a report, of talks or of a plan ("denied the report", "said it
// was not aware of any restructuring plan"); a permit "denied" by a
// regulator is not one.
bool is_denial(const DocContext& ctx, const SentenceAnalysis& s, base::Span span) {
  for (const auto& e : s.evidence)
    if (e.label == Label::kConfirmAbsent && base::to_lower_ascii(e.note).find("deni") != std::string::npos) return true;
  bool deny = ctx.has_signal(span, Signal::kEventDenial);
  bool object = ctx.has_signal(span, Signal::kEventDenialObject);
  return (deny && object) || ctx.has_signal(span, Signal::kEventNoPlan);
}

// Talks, negotiations and deliberation: the deal they are about has not
// happened.
bool is_talks(const DocContext& ctx, base::Span span) {
  return ctx.has_signal(span, Signal::kEventTalks);
}

// Speculation: a possibility nobody is cited for.
bool is_speculation(const DocContext& ctx, base::Span span) {
  return ctx.has_signal(span, Signal::kEventSpeculation);
}

// An intention or a schedule: the thing is to happen, not yet done.
bool is_plan(const DocContext& ctx, base::Span span) {
  return ctx.has_signal(span, Signal::kEventPlan);
}

// Is the named source a third party to the event: an analyst, a
// consultancy, a research house, an industry body, traders, or a body of
// figures ("Nick Ferraro, a metals analyst at Harborview, said", "according
// to US Geological Survey data")? Anyone else a sentence names as its source
// is taken for a party (the company, the ministry, the government).
bool third_party_source(const DocContext& ctx, const SentenceAnalysis& s, const Attribution& a) {
  if (a.source.empty()) return false;
  // The source with its appositive: up to the cue when it comes first,
  // else a few words past it.
  std::uint32_t end = a.source.end < a.cue.begin ? a.cue.begin : std::min<std::uint32_t>(s.span.end, a.source.end + 60);
  base::Span window{a.source.begin, end};
  if (ctx.has_signal(window, Signal::kEventThirdParty))
    return true;
  auto [first, last] = ctx.cues_in(window);
  for (std::size_t i = first; i < last; ++i)
    if (ctx.cues[i].category == Category::kStakeAnalyst && window.contains(ctx.cues[i].span)) return true;
  return false;
}

}  // namespace

// The clause of the sentence that holds the trigger: between the separators
// (comma, semicolon, dash) around it. "..., which banned the export of
// separation technology in 2023" is not hedged by the "could" before it.
base::Span clause_of(const DocContext& ctx, base::Span sentence, base::Span trigger) {
  if (trigger.empty()) return sentence;
  std::string_view text = ctx.text;
  auto separator = [&](std::size_t i) {
    char c = text[i];
    return c == ',' || c == ';' || (c == '-' && i > 0 && text[i - 1] == ' ') ||
           (i + 2 < text.size() && text.substr(i, 3) == "\xE2\x80\x94");
  };
  std::uint32_t b = trigger.begin;
  while (b > sentence.begin && !separator(b - 1)) --b;
  std::uint32_t e = trigger.end;
  while (e < sentence.end && !separator(e)) ++e;
  return {b, e};
}

EventStatus sentence_event_status(const DocContext& ctx, const SentenceAnalysis& s, EventType type, base::Span trigger) {
  // Hedges count in the trigger's clause only.
  base::Span clause = clause_of(ctx, s.span, trigger);
  bool hedged = is_speculation(ctx, clause);
  for (const auto& e : s.evidence) hedged |= e.label == Label::kHedge && clause.contains(e.span);
  const LabelSet& l = s.labels;
  if (is_denial(ctx, s, s.span)) return EventStatus::kDenied;
  bool anonymous = l.has(Label::kSourceAnonymous), media = l.has(Label::kSourceMedia);
  bool official = l.has(Label::kConfirmOfficial);
  bool party = false, third = false;
  for (const auto& a : s.attributions) {
    if (a.kind != SourceKind::kNamed) continue;
    (third_party_source(ctx, s, a) ? third : party) = true;
  }
  if (l.has(Label::kSourceNamed) && !party && !third) party = true;  // a model's source label: taken as a party
  bool sourced = anonymous || media || party || third || official;
  // Rumour named as such, with nobody on the record or in print behind it.
  bool rumour = ctx.has_signal(s.span, Signal::kEventRumour);
  // The rumour word itself may be what labelled the sentence anonymous
  // ("there is talk that"); people who are cited are sources.
  bool cited = false;
  for (const auto& a : s.attributions) {
    if (a.kind == SourceKind::kAnonymous && !a.source.empty() &&
        !ctx.has_signal(a.source, Signal::kEventRumourSource))
      cited = true;
  }
  if (rumour && !cited && !party && !third && !media && !official) return EventStatus::kRumoured;
  if (is_talks(ctx, s.span)) return sourced || !is_speculation(ctx, s.span) ? EventStatus::kReported : EventStatus::kRumoured;
  // Unnamed people and other outlets: reported, even when they say a party
  // confirmed it (only the party on the record confirms).
  if ((anonymous || media) && !(official && party)) return EventStatus::kReported;
  bool plan = is_plan(ctx, s.span);
  if (plan) return EventStatus::kPlanned;
  if (official) return EventStatus::kConfirmed;
  if (third && !party) return EventStatus::kReported;
  if (!sourced && hedged && !l.has(Label::kForecast)) return EventStatus::kRumoured;
  if (l.has(Label::kForecast) && !party && hedged && !sourced) return EventStatus::kRumoured;
  // A plant, a venture or a transfer that "will" come is planned; a loan,
  // a control or a deal that "will" take effect is decided, and confirmed.
  bool built = type == EventType::kNewCapacity || type == EventType::kJointVenture || type == EventType::kTechnologyTransfer;
  if (l.has(Label::kForecast) && built) return EventStatus::kPlanned;
  return EventStatus::kConfirmed;
}

void extract_events(const DocContext& ctx, DocumentAnalysis& out) {
  // The first sentence that is not only a dateline: the lead, where a news
  // story states its event.
  std::map<EventType, std::size_t> by_type;
  std::map<EventType, std::vector<std::uint32_t>> reported_in;  // every sentence that triggers the type
  for (std::uint32_t si = 0; si < out.sentences.size(); ++si) {
    const SentenceAnalysis& s = out.sentences[si];
    auto [first, last] = ctx.cues_in(s.span);
    std::map<EventType, const Cue*> triggers;
    std::map<std::string, int> stages;
    std::string country;
    bool country_after_in = false;
    for (std::size_t i = first; i < last; ++i) {
      const Cue& c = ctx.cues[i];
      if (ctx.in_dateline(c.span)) continue;
      if (c.category == Category::kEventType) {
        // A lexicon note that names no known event type triggers nothing.
        auto type = parse_event_type(canonical_of(ctx, c));
        if (!type) continue;
        const Cue*& t = triggers[*type];
        if (!t || ctx.weight(c) > ctx.weight(*t)) t = &c;
      }
      if (c.category == Category::kStage) stages[canonical_of(ctx, c)]++;
      if (c.category == Category::kCountry) {
        // Where it happens: "a plant in Malaysia" beats the first country named.
        bool after_in = c.span.begin >= 3 && ctx.text.substr(c.span.begin - 3, 3) == "in ";
        if (country.empty() || (after_in && !country_after_in)) country = canonical_of(ctx, c);
        country_after_in |= after_in;
      }
    }
    // The most mentioned stage (the first by name of a tie) that is an event stage.
    EventStage stage = EventStage::kFullChain;
    int best = 0;
    for (auto& [st, n] : stages) {
      auto es = parse_event_stage(st);
      if (es && n > best) best = n, stage = *es;
    }
    // A venture "to build a plant": the plant is the venture's, one event.
    if (triggers.count(EventType::kJointVenture)) triggers.erase(EventType::kNewCapacity);
    for (const auto& [type, trigger] : triggers) {
      double w = ctx.weight(*trigger);
      if (w < 0.8) continue;
      // A generic trigger word ("investment ministry") needs a stage, except
      // in the lead sentence, when it names who: the lead states the story.
      if (w < 1.0 && stages.empty() && !(si == 0 && type == EventType::kInvestment && !s.names.empty())) continue;
      // A negated trigger reports no event ("has not named any offtake
      // partners", "without a supply agreement").
      std::size_t from = trigger->span.begin >= s.span.begin + 24 ? trigger->span.begin - 24 : s.span.begin;
      if (ctx.has_signal(base::Span{static_cast<std::uint32_t>(from), trigger->span.begin}, Signal::kEventNegation)) continue;
      reported_in[type].push_back(si);
      if (by_type.count(type)) continue;
      Event ev{type, stage, country, sentence_event_status(ctx, s, type, trigger->span), {}, si};
      for (const auto& n : s.names) {
        std::string name(n.of(ctx.text));
        if (std::find(ev.actors.begin(), ev.actors.end(), name) == ev.actors.end()) ev.actors.push_back(name);
      }
      by_type[type] = out.events.size();
      out.events.push_back(std::move(ev));
    }
  }
  // What later sentences add: a party's on-record confirmation of an event
  // first reported through others; a denial of one only reported or rumoured.
  for (Event& ev : out.events) {
    bool talks = is_talks(ctx, out.sentences[ev.sentence].span);
    for (std::uint32_t si : reported_in[ev.type]) {
      if (si == ev.sentence) continue;
      const SentenceAnalysis& s = out.sentences[si];
      if (!talks && (ev.status == EventStatus::kReported || ev.status == EventStatus::kRumoured) &&
          s.labels.has(Label::kConfirmOfficial) && sentence_event_status(ctx, s, ev.type, {}) == EventStatus::kConfirmed)
        ev.status = EventStatus::kConfirmed;
    }
    if (ev.status != EventStatus::kReported && ev.status != EventStatus::kRumoured) continue;
    for (std::uint32_t si = ev.sentence + 1; si < out.sentences.size(); ++si) {
      const SentenceAnalysis& s = out.sentences[si];
      if (!is_denial(ctx, s, s.span)) continue;
      // The denial is of this event when it names one of its actors or
      // refers back to the report, the talks or the plan.
      bool about = ctx.has_signal(s.span, Signal::kEventAbout);
      for (const auto& n : s.names) {
        std::string name(n.of(ctx.text));
        about |= std::find(ev.actors.begin(), ev.actors.end(), name) != ev.actors.end();
      }
      if (about) {
        ev.status = EventStatus::kDenied;
        break;
      }
    }
  }
}

namespace {

// A plant the sentence names that the knowledge base may not know: a
// capitalised word (not the sentence's first, a known company or a country)
// before a plant word, with at most two lower-case words between ("the
// Enneaba rare-earth refinery", "its Narva magnet plant"). Empty when none.
std::string named_plant(const DocContext& ctx, const SentenceAnalysis& s, const std::vector<KbLink>& links) {
  std::string_view t = s.span.of(ctx.text);
  std::vector<std::pair<std::size_t, std::size_t>> words;  // [begin, end) in t
  for (std::size_t i = 0; i < t.size();) {
    if (!base::is_ascii_alnum(t[i]) && t[i] != '-') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && (base::is_ascii_alnum(t[j]) || t[j] == '-')) ++j;
    words.push_back({i, j});
    i = j;
  }
  static constexpr std::string_view kPlantWords[] = {"plant", "refinery", "mill", "facility", "mine", "complex",
                                                     "smelter", "factory", "hub", "circuit"};
  for (std::size_t k = 1; k < words.size(); ++k) {
    std::string w = base::to_lower_ascii(t.substr(words[k].first, words[k].second - words[k].first));
    if (std::find(std::begin(kPlantWords), std::end(kPlantWords), w) == std::end(kPlantWords)) continue;
    for (std::size_t back = 1; back <= 3 && back <= k; ++back) {
      auto [b, e] = words[k - back];
      if (b == 0) break;  // the sentence's first word is capitalised anyway
      std::string_view cand = t.substr(b, e - b);
      if (!base::is_ascii_upper(cand[0])) {
        if (cand.find_first_of("0123456789") != std::string_view::npos) break;
        continue;  // a lower-case word between: "magnet", "rare-earth"
      }
      base::Span abs{static_cast<std::uint32_t>(s.span.begin + b), static_cast<std::uint32_t>(s.span.begin + e)};
      // A company's name ("a Lynas plant") or a country names no plant.
      bool other = false;
      for (const auto& l : links)
        other |= l.kind == kb::EntityKind::kCompany && l.name.find(cand) != std::string::npos;
      auto [first, last] = ctx.cues_in(abs);
      for (std::size_t i = first; i < last; ++i)
        other |= ctx.cues[i].category == Category::kCountry && ctx.cues[i].span.overlaps(abs);
      if (other) break;
      return std::string(t.substr(b, words[k].second - b));
    }
  }
  return {};
}

}  // namespace

void link_events(const kb::Kb& kb, const DocContext& ctx, DocumentAnalysis& out) {
  for (Event& e : out.events) {
    EventLink& link = e.link;
    link = {};
    auto stage = model_stage(e.stage);
    std::string country(kb::canonical_country(e.country).value_or(e.country));
    auto fits = [&](const kb::Facility& f) {
      return (!stage || f.stage == *stage) &&
             (country.empty() || kb::canonical_country(f.country).value_or(f.country) == country);
    };
    // The plant itself, named in the article: in the event's sentence, or
    // anywhere when its stage and country are the event's.
    const kb::Facility* named = nullptr;
    for (const auto& l : out.kb_links) {
      if (l.kind != kb::EntityKind::kFacility) continue;
      const kb::Facility* f = kb.find_facility(l.id);
      if (!f) continue;
      bool here = l.sentence == e.sentence && (country.empty() || kb::canonical_country(f->country).value_or(f->country) == country);
      if (here || (stage && fits(*f))) {
        named = f;
        if (here) break;
      }
    }
    if (named) {
      link.confidence = LinkConfidence::kExactAlias;
      link.facility = named->id;
      link.company = named->company;
      link.why = fmt::format("the article names {} ({})", named->name, named->row());
      continue;
    }
    std::string plant = named_plant(ctx, out.sentences[e.sentence], out.kb_links);
    if (!plant.empty()) {
      // The plant's own name word ("Eneabba" of "Eneabba rare-earth
      // refinery") in the name, site or place of a plant of the event's stage
      // and country: the article names it. A garbled word matches none.
      std::string word = base::to_lower_ascii(plant.substr(0, plant.find(' ')));
      for (const auto& f : kb.facilities) {
        if (!fits(f)) continue;
        std::string where = base::to_lower_ascii(f.name + " " + f.site + " " + f.location);
        if (!has_phrase(where, {word})) continue;
        named = &f;
        break;
      }
      if (named) {
        link.confidence = LinkConfidence::kExactAlias;
        link.facility = named->id;
        link.company = named->company;
        link.why = fmt::format("the article names {}, which the knowledge base holds as {} ({})", plant, named->name, named->row());
        continue;
      }
    }
    // The company of an actor, and its plants of the event's stage in the
    // event's country.
    // (An actor as written, "Lynas", may be a company the article linked
    // under another of its names, "Lynas Rare Earths".)
    const kb::Company* company = nullptr;
    for (const auto& actor : e.actors) {
      for (const auto& ref : kb.aliases.find(actor))
        if (ref.kind == kb::EntityKind::kCompany && ref.index < kb.companies.size()) {
          company = &kb.companies[ref.index];
          break;
        }
      if (company) break;
    }
    if (company) link.company = company->id;
    if (!plant.empty()) {
      link.why = fmt::format("the article names a plant the knowledge base does not know (\u201c{}\u201d)", plant);
      continue;
    }
    if (!company || !stage || country.empty()) {
      link.why = company ? fmt::format("the knowledge base knows {} but the article names no plant of it", company->name)
                         : "the article names no plant or company the knowledge base knows";
      continue;
    }
    std::vector<const kb::Facility*> cands;
    for (const kb::Facility* f : kb.facilities_of(company->id))
      if (fits(*f) && f->status != kb::FacilityStatus::kClosed) cands.push_back(f);
    if (cands.size() == 1) {
      link.confidence = LinkConfidence::kCompanyOnly;
      link.facility = cands[0]->id;
      link.why = fmt::format("by company only: {} is {}'s only {} plant in {} in the knowledge base ({})", cands[0]->name,
                             company->name, kb::stage_name(*stage), country, cands[0]->row());
    } else if (cands.empty()) {
      link.why = fmt::format("the knowledge base holds no {} plant of {} in {}", kb::stage_name(*stage), company->name, country);
    } else {
      link.why = fmt::format("{} has {} {} plants in {} in the knowledge base and the article does not say which",
                             company->name, cands.size(), kb::stage_name(*stage), country);
    }
  }
}

}  // namespace assay::analysis::internal
