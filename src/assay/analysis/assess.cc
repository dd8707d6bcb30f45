// Article assessment: what the article touches (mentions, entities; events.cc finds the events),
// who speaks on the record, who a balanced piece would let speak, where the
// story came from, how it is framed, and a credibility score whose every
// component is shown.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>
#include <unordered_set>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

using base::Span;

namespace {

int count_category(const DocContext& ctx, Category c) {
  return static_cast<int>(std::count_if(ctx.cues.begin(), ctx.cues.end(), [&](const Cue& x) {
    return x.category == c && !ctx.in_dateline(x.span);
  }));
}

bool contains(std::string_view text, std::string_view word) { return base::find(text, word) != std::string_view::npos; }

bool has_word(const DocContext& ctx, Category c, std::initializer_list<std::string_view> words) {
  for (const Cue& x : ctx.cues) {
    if (x.category != c) continue;
    std::string l = base::to_lower_ascii(x.span.of(ctx.text));
    for (auto w : words)
      if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

std::optional<Stakeholder> stakeholder_of(Category c) {
  switch (c) {
    case Category::kStakeGovernment: return Stakeholder::kGovernment;
    case Category::kStakeCompany: return Stakeholder::kCompany;
    case Category::kStakeStateEnterprise: return Stakeholder::kStateEnterprise;
    case Category::kStakeAnalyst: return Stakeholder::kAnalyst;
    case Category::kStakeCommunity: return Stakeholder::kCommunity;
    case Category::kStakeEnvironment: return Stakeholder::kEnvironment;
    case Category::kStakeInvestor: return Stakeholder::kInvestor;
    case Category::kStakeIndustryBody: return Stakeholder::kIndustryBody;
    default: return std::nullopt;
  }
}

// The stakeholder group whose role words occur in `window`, the most
// specific first; none when no role word occurs.
std::optional<Stakeholder> classify_in(const DocContext& ctx, Span window) {
  static constexpr std::array<Stakeholder, 8> kPriority = {
      Stakeholder::kStateEnterprise, Stakeholder::kEnvironment, Stakeholder::kCommunity, Stakeholder::kIndustryBody,
      Stakeholder::kAnalyst, Stakeholder::kInvestor, Stakeholder::kGovernment, Stakeholder::kCompany};
  std::array<bool, kStakeholderCount> seen{};
  auto [first, last] = ctx.cues_in(window);
  // A group word inside a longer one of another group is the longer one's
  // ("vice-president" is a company office, not the president; the
  // "Export-Import Bank" a government lender, not a bank's investors).
  auto inside_longer = [&](const Cue& c) {
    for (std::size_t j = first; j < last; ++j) {
      const Cue& d = ctx.cues[j];
      if (d.category == c.category || !stakeholder_of(d.category) || !window.contains(d.span)) continue;
      if (d.span.begin <= c.span.begin && c.span.end <= d.span.end && d.span.size() > c.span.size()) return true;
    }
    return false;
  };
  for (std::size_t i = first; i < last; ++i) {
    const Cue& c = ctx.cues[i];
    if (!window.contains(c.span)) continue;
    if (stakeholder_of(c.category) && inside_longer(c)) continue;
    if (c.category == Category::kOrgReference) {
      std::string l = base::to_lower_ascii(c.span.of(ctx.text));
      // A company's office holders ("Management has told investors", "CEO"),
      // capitalised or not, are the company.
      bool company_office = l == "management" || l == "ceo" || l == "cfo" || l == "coo" || l == "chairman" ||
                            l == "chairwoman" || l == "managing director" || l == "chief executive" ||
                            l == "chief financial officer";
      if (company_office) {
        seen[static_cast<std::size_t>(Stakeholder::kCompany)] = true;
        continue;
      }
      if (l.find("ministry") != std::string::npos || l.find("government") != std::string::npos ||
          l.find("department") != std::string::npos || l.find("agency") != std::string::npos ||
          l.find("pentagon") != std::string::npos || l.find("white house") != std::string::npos ||
          l.find("board") != std::string::npos || l.find("regulator") != std::string::npos ||
          l.find("commission") != std::string::npos || l.find("cabinet") != std::string::npos ||
          l.find("survey") != std::string::npos || l.find("authority") != std::string::npos ||
          (!l.empty() && base::is_ascii_upper(c.span.of(ctx.text)[0]) && l.find(' ') == std::string::npos &&
           l != "he" && l != "she" && l != "they" && l != "it"))
        seen[static_cast<std::size_t>(Stakeholder::kGovernment)] = true;
      else if (l != "he" && l != "she" && l != "they" && l != "it")
        seen[static_cast<std::size_t>(Stakeholder::kCompany)] = true;
      continue;
    }
    if (auto g = stakeholder_of(c.category)) seen[static_cast<std::size_t>(*g)] = true;
  }
  // A company word next to a more specific group word: the specific wins.
  for (Stakeholder g : kPriority)
    if (seen[static_cast<std::size_t>(g)]) return g;
  return std::nullopt;
}

// The appositive that describes a source placed before its cue: "Nick
// Ferraro, a metals analyst at Harborview, said" -> "a metals analyst at
// Harborview". Empty when there is none.
Span appositive(const DocContext& ctx, const Attribution& a) {
  if (a.source.empty() || a.source.end >= a.cue.begin) return {};
  std::string_view between = ctx.text.substr(a.source.end, a.cue.begin - a.source.end);
  std::size_t open = between.find(',');
  std::size_t close = between.rfind(',');
  if (open == std::string_view::npos || close == open || !base::trim(between.substr(0, open)).empty() ||
      !base::trim(between.substr(close + 1)).empty())
    return {};
  return Span{static_cast<std::uint32_t>(a.source.end + open + 1), static_cast<std::uint32_t>(a.source.end + close)};
}

bool name_byte(char c) { return base::is_word_byte(c) || c == '-'; }

// Where `word` first occurs in the text as a whole word, case as given;
// npos when it does not.
std::size_t find_word(std::string_view text, std::string_view word) {
  if (word.empty()) return std::string_view::npos;
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool starts = at == 0 || !name_byte(text[at - 1]);
    bool ends = at + word.size() == text.size() || !name_byte(text[at + word.size()]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

// The group a name's introduction gives it: where the name first occurs,
// the words around it say who it is (LABELS.md: a speaker's group is who
// they speak for, however the article refers to them later):
//   - an appositive or a relative clause after it ("Helena Marsh, who
//     covers battery metals at Northgate Research, ..." -> analyst);
//   - an acronym's long name before it in parentheses ("the Authority for
//     the Regulation of Mineral Markets (ARECOMS)" -> government);
//   - a title before it, within the clause ("Prime Minister Anthony
//     Albanese", "tribal chairman Shannon Wheeler", "US President Donald
//     Trump").
// So a surname, a speaker tag ("MARSH:") or an acronym that speaks later
// speaks for the group it was introduced with. None when the name has no
// role words around its first mention.
std::optional<Stakeholder> introduced_as(const DocContext& ctx, std::string_view source, int depth = 0) {
  std::string_view name = base::trim(source);
  while (!name.empty() && !name_byte(name.back())) name.remove_suffix(1);
  std::size_t space = name.find_last_of(' ');
  std::string_view key = space == std::string_view::npos ? name : name.substr(space + 1);
  if (key.size() < 2 || !base::is_ascii_upper(key[0])) return std::nullopt;
  // A speaker tag in capitals ("MARSH") names the person written "Marsh".
  bool tag = std::all_of(key.begin(), key.end(), [](char c) { return !base::is_ascii_alpha(c) || base::is_ascii_upper(c); });
  std::string_view text = ctx.text;
  std::size_t at = find_word(text, key);
  std::string written;  // "MARSH" as a name is written "Marsh"
  if (tag) {
    written = base::to_lower_ascii(key);
    written[0] = key[0];
    at = std::min(at, find_word(text, written));
  }
  if (at == std::string_view::npos) return std::nullopt;
  // The occurrence's own name run ("Helena Marsh" for "Marsh").
  std::size_t begin = at;
  auto word_before = [&](std::size_t pos) {  // start of the word ending just before pos (after one space); npos if none
    if (pos < 2 || text[pos - 1] != ' ' || !name_byte(text[pos - 2])) return std::string_view::npos;
    std::size_t b = pos - 1;
    while (b > 0 && name_byte(text[b - 1])) --b;
    return b;
  };
  std::size_t end = at + key.size();
  auto bounded = [&](std::size_t b, std::size_t e) {
    return Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)};
  };
  // 1. An appositive or relative clause after the name, up to the next comma or stop.
  if (end + 2 < text.size() && text[end] == ',' && text[end + 1] == ' ') {
    std::size_t close = text.find_first_of(",.;:()\n", end + 2);
    if (close == std::string_view::npos) close = text.size();
    if (auto g = classify_in(ctx, bounded(end + 2, close))) return g;
  }
  // 2. An acronym in parentheses: the capitalised long name before it.
  if (at >= 2 && text[at - 1] == '(' && end < text.size() && text[end] == ')') {
    std::size_t pos = at - 1;
    while (pos > 0 && text[pos - 1] == ' ') --pos;
    std::size_t b = pos;
    for (int words = 0; words < 16; ++words) {
      std::size_t w = b;
      while (w > 0 && (name_byte(text[w - 1]) || text[w - 1] == '\'')) --w;
      if (w == b) break;
      std::string_view word = text.substr(w, b - w);
      bool joins = word == "of" || word == "the" || word == "and" || word == "for" || word == "on" || word == "de";
      if (!base::is_ascii_upper(word[0]) && !joins) break;
      b = w;
      if (b < 2 || text[b - 1] != ' ') break;
      --b;
    }
    while (b < pos && text[b] == ' ') ++b;
    if (b < pos)
      if (auto g = classify_in(ctx, bounded(b, pos))) return g;
  }
  // 3. A title before the name: at most five words back, within the clause.
  for (int words = 0; words < 5; ++words) {
    std::size_t w = word_before(begin);
    if (w == std::string_view::npos) break;
    begin = w;
  }
  if (begin < at) {
    // An organisation named by its acronym in the title speaks through its
    // office holder ("ARECOMS chairman Patrick Luabeya"): the acronym's own
    // introduction says which group.
    if (depth == 0)
      for (std::size_t w = begin; w < at;) {
        std::size_t e = w;
        while (e < at && name_byte(text[e])) ++e;
        std::string_view word = text.substr(w, e - w);
        bool acronym = word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) { return base::is_ascii_upper(c); });
        if (acronym && word != key)
          if (auto g = introduced_as(ctx, word, depth + 1)) return g;
        w = e + 1;
      }
    if (auto g = classify_in(ctx, bounded(begin, at))) return g;
  }
  return std::nullopt;
}

// The stakeholder group a named source speaks for.
Stakeholder classify_speaker(const DocContext& ctx, const SentenceAnalysis& s, const Attribution& a) {
  // The appositive says who the source is; else the source's own words ("the
  // company", "Estonia's economy ministry"); else how the source was
  // introduced where the article first names it; when none names a role,
  // the clause around the source does.
  if (Span ap = appositive(ctx, a); !ap.empty())
    if (auto g = classify_in(ctx, ap)) return *g;
  Span window = a.source.begin < a.cue.begin ? Span{s.span.begin, a.cue.begin} : Span{a.cue.end, s.span.end};
  std::optional<Stakeholder> around = classify_in(ctx, window);
  if (!a.source.empty()) {
    if (auto g = classify_in(ctx, a.source)) {
      // "the company" may be the state enterprise the clause names; other
      // groups in the clause are what the company speaks about ("JPMorgan
      // ... committed financing, the company said").
      if (*g == Stakeholder::kCompany && around == Stakeholder::kStateEnterprise) return *around;
      return *g;
    }
    if (auto g = introduced_as(ctx, a.source.of(ctx.text))) return *g;
  }
  return around.value_or(Stakeholder::kCompany);  // a named organisation or person with no role word
}

std::string canonical_of(const DocContext& ctx, const Cue& c) { return std::string(lexicon::canonical(ctx.lex.entries()[c.entry])); }

// Is the source a body of figures rather than a voice ("according to US
// Census Bureau trade data", "Japanese government figures")? Citing an
// agency's statistics does not let the agency speak on the story.
bool cites_figures(const DocContext& ctx, const SentenceAnalysis& s, const Attribution& a) {
  if (a.source.empty()) return false;
  std::uint32_t end = a.source.end;
  while (end < s.span.end && end < a.source.end + 24) {
    char c = ctx.text[end];
    if (c == ',' || c == '.' || c == ';' || c == '(' || c == '"') break;
    ++end;
  }
  std::string l = base::to_lower_ascii(ctx.text.substr(a.source.begin, end - a.source.begin));
  for (std::string_view w : {" data", " figures", " statistics"})
    if (l.ends_with(w)) return true;
  return false;
}

}  // namespace

void collect_mentions(const DocContext& ctx, DocumentAnalysis& out) {
  // Entities in order of first mention; an article names a few dozen at
  // most, so a linear search beats a set's node per insert, until a long
  // document (a report, a digest) names more: then a hash set, so that the
  // cost stays linear in the names.
  constexpr std::size_t kLinear = 64;
  std::vector<std::string> entities;
  std::unordered_set<std::string> seen;  // filled once entities outgrow kLinear
  auto add_entity = [&](const std::string& e) {
    if (e.empty()) return;
    if (entities.size() < kLinear) {
      if (std::find(entities.begin(), entities.end(), e) != entities.end()) return;
      entities.push_back(e);
      if (entities.size() == kLinear) seen.insert(entities.begin(), entities.end());
    } else if (seen.insert(e).second) {
      entities.push_back(e);
    }
  };
  for (const Cue& c : ctx.cues) {
    // Only three categories are counted: the others' canonical names are not copied.
    if (c.category != Category::kCountry && c.category != Category::kElement && c.category != Category::kStage) continue;
    if (ctx.in_dateline(c.span)) continue;
    std::string canon = canonical_of(ctx, c);
    switch (c.category) {
      case Category::kCountry:
        // "Inner Mongolia" is a region of China, not Mongolia.
        if (inside_region_name(ctx.text, c.span)) break;
        out.mentions.countries[canon]++;
        add_entity(canon);
        break;
      case Category::kElement: {
        for (auto sym : element_symbols(c.span.of(ctx.text), canon)) {
          out.mentions.elements[std::string(sym)]++;
          if (auto name = element_name(sym); !name.empty()) add_entity(std::string(name));
        }
        break;
      }
      case Category::kStage:
        out.mentions.stages[canon]++;
        break;
      default:
        break;
    }
  }
  for (const auto& o : ctx.organisations) out.mentions.organisations[o]++;
  // The companies, agencies, funds and facilities follow (collect_entities).
  out.entities = std::move(entities);
}

namespace {

// Adds a framing signal unless one of the same kind already covers some of
// its words in the same place: two cues over the same words (the headline's
// "landmark" is both a sensational and an evaluative cue; "tightening its
// grip" and "grip on") are one signal, of which the longer is kept.
// Signals arrive place by place (the body sentence by sentence, the headline
// together), so only the trailing signals of the same place are compared:
// the work stays linear in the document.
void add_framing(std::vector<FramingSignal>& framing, FramingSignal f) {
  for (auto it = framing.rbegin(); it != framing.rend() && it->in_headline == f.in_headline && it->sentence == f.sentence; ++it) {
    FramingSignal& g = *it;
    if (g.kind != f.kind || !g.span.overlaps(f.span)) continue;
    if (f.span.end - f.span.begin > g.span.end - g.span.begin) g = std::move(f);
    return;
  }
  framing.push_back(std::move(f));
}

// How a piece is published (LABELS.md `outlet_type`) when the knowledge
// base does not know its outlet: each type gathers points from several
// signals of how the piece is written, and the most points win (trade, the
// plain news of a specialist outlet, on a tie).
//   wire: a dateline with the agency's credit, many named sources, little
//     evaluation in the writer's voice;
//   state: the state-media register ("steadily", "win-win", "high-quality
//     development", "so-called"), officials as the only voices;
//   newsletter: pitches (promo sentences), the writer's "we"/"our" and
//     "you", calls to act, disclosures of holdings;
//   blog: the writer's "I", a critique of other coverage (outlets cited and
//     judged), questions, evaluation in the writer's voice;
//   trade: market data (prices, volumes, figures in most sentences).
std::string classify_outlet_type(const DocContext& ctx, const DocumentAnalysis& out, bool promotional) {
  const SourcingProfile& p = out.assessment.sourcing;
  const double n = std::max(1, p.sentences);
  // The writer's own words (outside quotations), counted whole: "we", "I",
  // "you"; per sentence, the distinct phrases of the state register and
  // whether market words come with a figure (signals.tsv).
  int we = 0, i_word = 0, you = 0, questions = 0, state_register = 0, market = 0;
  std::vector<std::uint32_t> register_entries;
  // A whole word of the writer's: outside quotations, followed by a space,
  // a punctuation mark or the end ("we've" is one word, "US$" none), and not
  // "US" in capitals.
  auto own_word = [&](const Cue& c) {
    if (ctx.in_quote(c.span)) return false;
    if (c.span.end < ctx.text.size()) {
      char next = ctx.text[c.span.end];
      if (!base::is_ascii_space(next) && std::string_view(",.;:!?)").find(next) == std::string_view::npos) return false;
    }
    return c.span.of(ctx.text) != "US";
  };
  for (const auto& s : out.sentences) {
    std::string_view t = s.span.of(ctx.text);
    questions += !t.empty() && t.back() == '?' && !ctx.in_quote(s.span);
    register_entries.clear();
    bool m = false;
    auto [first, last] = ctx.signals_in(s.span);
    for (std::size_t i = first; i < last; ++i) {
      const Cue& c = ctx.signals[i];
      if (c.span.end > s.span.end) continue;
      if (ctx.is(c, Signal::kVoiceWe)) we += own_word(c);
      if (ctx.is(c, Signal::kVoiceI)) i_word += own_word(c);
      if (ctx.is(c, Signal::kVoiceYou)) you += own_word(c);
      if (ctx.is(c, Signal::kRegisterState)) register_entries.push_back(c.entry);
      m |= ctx.is(c, Signal::kMarket);
    }
    std::sort(register_entries.begin(), register_entries.end());
    state_register += static_cast<int>(std::unique(register_entries.begin(), register_entries.end()) - register_entries.begin());
    market += m && s.labels.has(Label::kQuantity);
  }
  double wire = 0, state = 0, newsletter = 0, blog = 0, trade = 1.0;
  bool dateline = ctx.dateline.end > 0;
  if (dateline) wire += 3, state += 1;
  if (p.named >= 3 && p.opinion / n < 0.15) wire += 1;
  state += std::min(state_register, 5) * 1.0;
  if (p.opinion / n >= 0.2 && p.named <= 2) state += 0.5 * (state_register > 0);
  newsletter += std::min(p.promo, 4) * 1.0 + (promotional ? 1.5 : 0);
  newsletter += std::min(we, 4) * 0.5 + std::min(you, 4) * 0.5;
  blog += std::min(i_word, 3) * 0.75 + std::min(questions, 3) * 0.5;
  if (ctx.foreign_outlet_seen && p.media >= 1) blog += 1.0 + (p.media >= 2 ? 1.0 : 0);
  if (p.opinion / n >= 0.2) blog += 1.0;
  trade += std::min(market / n * 4, 2.0);
  // A dateline is a news agency's habit: a first person without a pitch is
  // rarer there than a quoted "we".
  if (dateline) newsletter -= 1, blog -= 1;
  std::pair<double, const char*> best{trade, "trade"};
  for (auto [score, name] : {std::pair{wire, "wire"}, std::pair{state, "state"}, std::pair{newsletter, "newsletter"},
                             std::pair{blog, "blog"}})
    if (score > best.first) best = {score, name};
  return best.second;
}

}  // namespace

void assess(const DocContext& ctx, DocumentAnalysis& out) {
  Assessment& a = out.assessment;
  SourcingProfile& p = a.sourcing;
  p.sentences = static_cast<int>(out.sentences.size());
  std::array<bool, kStakeholderCount> quoted{};
  std::set<std::string> speakers;
  std::optional<Stakeholder> last_group;
  for (const auto& s : out.sentences) {
    const LabelSet& l = s.labels;
    p.named += l.has(Label::kSourceNamed);
    p.anonymous += l.has(Label::kSourceAnonymous);
    p.media += l.has(Label::kSourceMedia);
    p.official_confirmations += l.has(Label::kConfirmOfficial);
    p.non_confirmations += l.has(Label::kConfirmAbsent);
    p.hedged += l.has(Label::kHedge);
    p.vague += l.has(Label::kVague);
    p.intent += l.has(Label::kIntent);
    p.opinion += l.has(Label::kOpinion);
    p.promo += l.has(Label::kPromo);
    p.quantity += l.has(Label::kQuantity);
    p.forecast += l.has(Label::kForecast);
    for (const auto& at : s.attributions) {
      if (at.kind != SourceKind::kNamed || cites_figures(ctx, s, at)) continue;
      std::string lname = base::to_lower_ascii(at.source.of(ctx.text));
      bool pronoun = lname == "he" || lname == "she" || lname == "they" || lname == "it";
      // "I" and "we" are the speaker of a turn or a quotation (the group of
      // the last named speaker), or the writer, who is no stakeholder.
      bool first_person = lname == "i" || lname == "we";
      if (first_person && !last_group) continue;
      // An interviewer's turn that only asks ("TRIBUNE: Will prices
      // rise?") asserts nothing (LABELS.md edge 20): no voice.
      if (at.cue.of(ctx.text) == ":" && base::trim(s.span.of(ctx.text)).ends_with('?')) continue;
      // A pronoun speaks for the group of the last named speaker.
      Stakeholder g = (pronoun || first_person) && last_group ? *last_group : classify_speaker(ctx, s, at);
      last_group = g;
      quoted[static_cast<std::size_t>(g)] = true;
      if (!at.name.empty() && speakers.insert(at.name).second) a.named_speakers.push_back(at.name);
    }
  }
  for (std::size_t i = 0; i < kStakeholderCount; ++i)
    if (quoted[i]) a.stakeholders_quoted.push_back(static_cast<Stakeholder>(i));

  // Who a balanced piece on this topic would let speak.
  int gov = count_category(ctx, Category::kStakeGovernment);
  int state = count_category(ctx, Category::kStakeStateEnterprise);
  int company = count_category(ctx, Category::kStakeCompany);
  bool env_words = has_word(ctx, Category::kStakeEnvironment, {"environment", "campaign", "pollution", "activist", "witness", "greenpeace"}) ||
                   contains(ctx.text, "radioactiv") || contains(ctx.text, "residue") || contains(ctx.text, "tailings") ||
                   contains(ctx.text, "pollut") || contains(ctx.text, "waste");
  bool community_words = count_category(ctx, Category::kStakeCommunity) > 0;
  // A rule, a control or a public programme (an act, a quota, export
  // licensing, a subsidy) makes a government a party to the story.
  bool policy = false;
  for (const Cue& c : ctx.cues) {
    if (c.category != Category::kEventType || ctx.in_dateline(c.span)) continue;
    std::string t = canonical_of(ctx, c);
    policy |= t == "policy" || t == "export_control" || t == "import_ban";
  }
  // A story about money changing hands or its price lets those who hold the
  // stakes speak: an investment, an offtake or a price move that happened or
  // is planned (not one only rumoured), when the story names those who hold
  // them (investors, shareholders, lenders, funds). A deal between a state and
  // a company, or a price that moved, is no investors' story by itself; nor
  // is talk of investors without money that changed hands. A promotional
  // piece is itself the investor's voice.
  bool money = count_category(ctx, Category::kStakeInvestor) >= 1 &&
               std::any_of(out.events.begin(), out.events.end(), [](const Event& e) {
                 return (e.type == EventType::kInvestment || e.type == EventType::kOfftake || e.type == EventType::kPriceMove) &&
                        e.status != EventStatus::kReported && e.status != EventStatus::kRumoured;
               });
  // A piece that pitches (more than one promotional sentence; one can be a
  // stray cue in a news story).
  bool promotional = p.promo >= 2;
  bool industry = count_category(ctx, Category::kStakeIndustryBody) > 0;
  std::array<bool, kStakeholderCount> expected{};
  auto expect = [&](Stakeholder s) { expected[static_cast<std::size_t>(s)] = true; };
  expect(Stakeholder::kAnalyst);
  if (gov >= 2 || policy) expect(Stakeholder::kGovernment);
  if (state > 0) expect(Stakeholder::kStateEnterprise);
  // State enterprises that carry the story leave private companies aside.
  if (!(state > 0 && (company < 3 || state > company))) expect(Stakeholder::kCompany);
  // A site (a facility the knowledge base links, or mining or processing
  // capacity that opens, grows or stops) lets the people who live beside it
  // speak, and environmental groups; news of metal or magnet capacity that
  // names no known site does not by itself.
  bool site = std::any_of(out.kb_links.begin(), out.kb_links.end(), [](const KbLink& k) { return k.kind == kb::EntityKind::kFacility; });
  for (const auto& e : out.events)
    if ((e.type == EventType::kNewCapacity || e.type == EventType::kCapacityLoss) &&
        (e.stage == EventStage::kMining || e.stage == EventStage::kProcessing))
      site = true;
  if (site || community_words || env_words) expect(Stakeholder::kCommunity);
  if (env_words || site) expect(Stakeholder::kEnvironment);
  if (money && !promotional) expect(Stakeholder::kInvestor);
  if (industry) expect(Stakeholder::kIndustryBody);
  for (std::size_t i = 0; i < kStakeholderCount; ++i) {
    if (!expected[i]) continue;
    a.stakeholders_expected.push_back(static_cast<Stakeholder>(i));
    if (!quoted[i]) a.missing_voices.push_back(static_cast<Stakeholder>(i));
  }

  // Origin: the first other outlet said to have reported (not merely relayed) the story.
  for (const auto& s : out.sentences) {
    if (!s.labels.has(Label::kSourceMedia) || !a.origin.empty()) continue;
    auto [first, last] = ctx.cues_in(s.span);
    for (std::size_t i = first; i < last && a.origin.empty(); ++i) {
      const Cue& c = ctx.cues[i];
      if (!ctx.is_foreign_outlet(c)) continue;
      // Relayed ("data via Reuters", "remarks carried by Xinhua") or an
      // interview given to it ("told CBS News"), not the story's origin.
      std::string_view before = ctx.text.substr(0, c.span.begin);
      if (before.ends_with("via ") || before.ends_with("carried by ") || before.ends_with("relayed by ") ||
          before.ends_with("told "))
        continue;
      a.origin = std::string(c.span.of(ctx.text));
    }
  }

  // How the piece is published: the knowledge base's word for a known
  // outlet (set by link_kb), else what the text shows.
  if (a.outlet_type.empty()) a.outlet_type = classify_outlet_type(ctx, out, promotional);

  // Framing signals in the body.
  for (std::uint32_t si = 0; si < out.sentences.size(); ++si) {
    const auto& s = out.sentences[si];
    for (const auto& e : s.evidence) {
      if (e.label == Label::kOpinion)
        add_framing(a.framing, {FramingKind::kLoadedWording, e.span, std::string(e.span.of(ctx.text)), si, false});
      if (e.label == Label::kPromo)
        add_framing(a.framing, {FramingKind::kPromotionalInterest, e.span, std::string(e.span.of(ctx.text)), si, false});
    }
    auto [first, last] = ctx.cues_in(s.span);
    for (std::size_t i = first; i < last; ++i) {
      const Cue& c = ctx.cues[i];
      if (c.category == Category::kGeopolitical && ctx.weight(c) >= 1.0)
        add_framing(a.framing, {FramingKind::kGeopolitical, c.span, std::string(c.span.of(ctx.text)), si, false});
    }
  }
  a.promotional_interest = p.promo > 0;
}

void assess_headline(const lexicon::Lexicon& lex, std::string_view title, const std::vector<Cue>& cues, DocumentAnalysis& out) {
  for (const Cue& c : cues) {
    const auto& e = lex.entries()[c.entry];
    if (c.category == Category::kSensational || (c.category == Category::kOpinion && e.weight >= 1.2))
      add_framing(out.assessment.framing, {FramingKind::kHeadlineSensationalism, c.span, std::string(c.span.of(title)), 0, true});
    else if (c.category == Category::kGeopolitical && e.weight >= 1.2)
      add_framing(out.assessment.framing, {FramingKind::kGeopolitical, c.span, std::string(c.span.of(title)), 0, true});
  }
}

void score_credibility(DocumentAnalysis& out) {
  Assessment& a = out.assessment;
  const SourcingProfile& p = a.sourcing;
  Credibility& c = a.credibility;
  c.components.clear();
  double n = std::max(1, p.sentences);
  auto add = [&](std::string name, double pts, std::string why) {
    c.components.push_back({std::move(name), std::round(pts * 10) / 10, std::move(why)});
  };
  add("base", 50, "every article starts at 50");
  add("named sourcing", std::min(20.0, 3.0 * p.named), base::counted(p.named, "sentence", "sentences") + " attributed to named sources");
  add("anonymous sourcing", -std::min(20.0, 4.0 * p.anonymous), base::counted(p.anonymous, "sentence rests", "sentences rest") + " on unnamed sources");
  add("official confirmation", std::min(10.0, 5.0 * p.official_confirmations),
      base::counted(p.official_confirmations, "on-record confirmation", "on-record confirmations"));
  add("non-confirmation", -std::min(9.0, 3.0 * p.non_confirmations),
      base::counted(p.non_confirmations, "refusal, denial or unanswered request", "refusals, denials or unanswered requests"));
  add("checkable figures", std::min(10.0, 1.5 * p.quantity), base::counted(p.quantity, "sentence", "sentences") + " with a checkable figure");
  add("hedging", -15.0 * p.hedged / n, fmt::format("{} of {} hedged", p.hedged, base::counted(p.sentences, "sentence", "sentences")));
  add("vague magnitudes", -10.0 * p.vague / n, fmt::format("{} of {} vague", p.vague, base::counted(p.sentences, "sentence", "sentences")));
  add("ascribed motives", -std::min(12.0, 4.0 * p.intent), base::counted(p.intent, "motive", "motives") + " ascribed");
  add("opinion", -15.0 * p.opinion / n, fmt::format("{} of {} {} the writer's evaluation", p.opinion, base::counted(p.sentences, "sentence", "sentences"),
                                                p.opinion == 1 ? "carries" : "carry"));
  if (a.promotional_interest) add("promotional interest", -20, base::counted(p.promo, "promotional sentence", "promotional sentences"));
  add("missing voices", -3.0 * static_cast<double>(a.missing_voices.size()),
      base::counted(static_cast<long long>(a.missing_voices.size()), "expected stakeholder group", "expected stakeholder groups") + " not heard");
  bool sensational = std::any_of(a.framing.begin(), a.framing.end(), [](const FramingSignal& f) { return f.in_headline; });
  if (sensational) add("headline", -5, "the headline uses sensational or loaded wording");
  double total = 0;
  for (const auto& comp : c.components) total += comp.points;
  c.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
}

}  // namespace assay::analysis::internal

namespace assay::analysis::internal {

namespace {

bool any_of_words(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return lower.find(w) != std::string_view::npos; });
}

// Says where its claims come from: a source label, or "according to",
// "data showed" (signals.tsv, attributed).
bool attributed(const DocContext& ctx, const SentenceAnalysis& s) {
  return s.labels.has(Label::kSourceNamed) || s.labels.has(Label::kSourceAnonymous) || s.labels.has(Label::kSourceMedia) ||
         ctx.has_signal(s.span, Signal::kAttributed);
}

// Says why a source is unnamed: "asked not to be named because the talks
// are private", "spoke on condition of anonymity because", "for fear of
// reprisals", "as they are not authorised to speak" (signals.tsv,
// anonymity.*).
bool explains_anonymity(const DocContext& ctx, base::Span s) {
  bool unnamed = ctx.has_signal(s, Signal::kAnonymityUnnamed);
  bool authorised = ctx.has_signal(s, Signal::kAnonymityAuthorised);
  if (!unnamed && !authorised) return false;
  bool reason = ctx.has_signal(s, Signal::kAnonymityReason);
  return (unnamed && (reason || authorised)) || (authorised && ctx.has_signal(s, Signal::kAnonymitySpeak));
}

// Residents, communities, workers, environmental groups.
bool affected_group(Stakeholder g) { return g == Stakeholder::kCommunity || g == Stakeholder::kEnvironment; }

// A party to a claim: the government, company or state enterprise that
// acts in it (third parties comment on it: analysts, investors, others).
bool party_group(Stakeholder g) {
  return g == Stakeholder::kGovernment || g == Stakeholder::kCompany || g == Stakeholder::kStateEnterprise;
}

// How many people an unnamed source phrase counts: "two people familiar
// with the matter" -> 2, "a person briefed on the talks" -> 1, "sources" ->
// 2 (plural, uncounted).
int counted_sources(std::string_view lower) {
  static constexpr std::pair<std::string_view, int> kNumbers[] = {
      {"two ", 2}, {"three ", 3}, {"four ", 4}, {"five ", 5}, {"six ", 6}, {"several ", 3}, {"a number of ", 3}};
  if (lower.starts_with("a ") || lower.starts_with("an ") || lower.starts_with("one ")) return 1;
  for (auto [w, n] : kNumbers)
    if (lower.starts_with(w) || lower.find(std::string(" ") + std::string(w)) != std::string_view::npos) return n;
  return any_of_words(lower, {"people", "sources", "officials", "executives", "insiders", "traders", "bankers", "persons",
                              "diplomats", "analysts"})
             ? 2
             : 1;
}

std::string number_word(int n) {
  static constexpr std::string_view kWords[] = {"no", "one", "two", "three", "four", "five", "six"};
  return n >= 0 && n < 7 ? std::string(kWords[n]) : std::to_string(n);
}

}  // namespace

ReportingSignals reporting_signals(const DocContext& ctx, const DocumentAnalysis& out) {
  const Assessment& a = out.assessment;
  ReportingSignals r;
  r.sentences = static_cast<int>(out.sentences.size());
  r.named_voices = static_cast<int>(a.named_speakers.size());
  if (r.named_voices == 0 && a.sourcing.named > 0) r.named_voices = 1;
  for (const auto& s : out.sentences) {
    const LabelSet& l = s.labels;
    bool attr = attributed(ctx, s);
    bool no_comment = l.has(Label::kConfirmAbsent);
    // Says what is not yet known, done or confirmed (signals.tsv, caveat).
    bool caveat = !no_comment && ctx.has_signal(s.span, Signal::kCaveat);
    r.comment_sought += no_comment;
    r.caveats += caveat;
    r.anonymous += l.has(Label::kSourceAnonymous);
    r.anonymity_explained |= explains_anonymity(ctx, s.span);
    r.outlet_credits += l.has(Label::kSourceMedia);
    r.motives += l.has(Label::kIntent);
    r.loaded += l.has(Label::kOpinion) && !l.has(Label::kSourceNamed);
    r.promo += l.has(Label::kPromo);
    if (l.has(Label::kQuantity) && attr) ++r.sourced_figures;
    bool asserts = s.claim || l.has(Label::kQuantity) || l.has(Label::kForecast) || l.has(Label::kOpinion) ||
                   l.has(Label::kIntent) || l.has(Label::kPromo);
    if (asserts) {
      ++r.assertions;
      if (attr) ++r.attributed;
      else if (!caveat && !no_comment) ++r.unattributed;
    }
    if (!attr && !caveat && (l.has(Label::kHedge) || l.has(Label::kVague))) ++r.hearsay;
  }
  r.groups_heard = static_cast<int>(a.stakeholders_quoted.size());
  r.affected_heard = std::any_of(a.stakeholders_quoted.begin(), a.stakeholders_quoted.end(), affected_group);
  r.missing_voices = static_cast<int>(a.missing_voices.size());
  r.sensational_headline = std::any_of(a.framing.begin(), a.framing.end(), [](const FramingSignal& f) { return f.in_headline; });
  return r;
}

void score_reporting(const ReportingSignals& s, Assessment& a) {
  ReportingQuality& q = a.reporting;
  q.components.clear();
  auto add = [&](std::string name, double pts, std::string why) {
    q.components.push_back({std::move(name), std::round(pts * 10) / 10, std::move(why)});
  };
  auto sentences = [](int n) { return base::counted(n, "sentence", "sentences"); };
  double n = std::max(1, s.sentences);
  add("base", 50, "every article starts at 50");
  // For: what lets a reader check the claims.
  add("on-record sources", std::min(15.0, 5.0 * s.named_voices), base::counted(s.named_voices, "named source", "named sources") + " on the record");
  double share = s.assertions ? static_cast<double>(s.attributed) / s.assertions : 0;
  add("attribution", 15.0 * share, fmt::format("{} of {} that assert something say who says so", s.attributed, sentences(s.assertions)));
  if (s.anonymous > 0)
    add("anonymous sources", s.anonymity_explained ? 5.0 : -std::min(9.0, 3.0 * s.anonymous),
        sentences(s.anonymous) + (s.anonymous == 1 ? " rests" : " rest") + " on unnamed sources" +
            (s.anonymity_explained ? "; the piece says why they are unnamed" : ", with no reason given for the anonymity"));
  add("comment sought", std::min(12.0, 4.0 * s.comment_sought),
      base::counted(s.comment_sought, "reported refusal, denial or unanswered request", "reported refusals, denials or unanswered requests") +
          ": the parties were asked");
  add("caveats stated", std::min(12.0, 4.0 * s.caveats), base::counted(s.caveats, "sentence says", "sentences say") + " what is not yet known, done or confirmed");
  add("sourced figures", std::min(9.0, 3.0 * s.sourced_figures), base::counted(s.sourced_figures, "sentence gives", "sentences give") + " figures with their source");
  add("voices heard", std::min(9.0, 3.0 * std::max(0, s.groups_heard - 1)) + (s.affected_heard ? 4.0 : 0.0),
      fmt::format("{} quoted{}", base::counted(s.groups_heard, "stakeholder group", "stakeholder groups"),
                  s.affected_heard ? ", including the people affected" : ""));
  if (s.outlet_credits > 0) add("credit", 3, "another outlet's reporting is credited");
  // Against: what asks the reader to take the writer's word.
  add("unattributed assertions", -30.0 * s.unattributed / n,
      fmt::format("{} of {} assert something in the writer's voice with no source", s.unattributed, sentences(s.sentences)));
  add("hearsay", -std::min(12.0, 3.0 * s.hearsay), base::counted(s.hearsay, "hedged or vague sentence", "hedged or vague sentences") + " with no source");
  add("ascribed motives", -std::min(15.0, 5.0 * s.motives), base::counted(s.motives, "motive", "motives") + " ascribed");
  add("loaded wording", -std::min(20.0, 5.0 * s.loaded), sentences(s.loaded) + (s.loaded == 1 ? " carries" : " carry") + " the writer's evaluation");
  if (s.promo > 0)
    add("promotional interest", s.promo >= 2 ? -25.0 : -5.0, base::counted(s.promo, "promotional sentence", "promotional sentences"));
  add("missing voices", -std::min(6.0, 2.0 * s.missing_voices),
      base::counted(s.missing_voices, "expected stakeholder group", "expected stakeholder groups") + " not heard");
  if (s.sensational_headline) add("headline", -5, "the headline uses sensational or loaded wording");
  double total = 0;
  for (const auto& c : q.components) total += c.points;
  q.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
}

ClaimSignals claim_signals(const DocContext& ctx, const DocumentAnalysis& out) {
  ClaimSignals c;
  if (out.sentences.empty()) return c;
  std::uint32_t para = out.sentences.front().paragraph;
  std::optional<Stakeholder> last_group;
  for (std::size_t i = 0; i < out.sentences.size(); ++i) {
    const SentenceAnalysis& s = out.sentences[i];
    const LabelSet& l = s.labels;
    bool lead = i < 3 && s.paragraph == para;
    if (l.has(Label::kConfirmOfficial)) {
      c.confirmed = true;
      if (c.confirmed_by.empty())
        for (const auto& at : s.attributions)
          if (at.kind == SourceKind::kNamed && !at.source.empty()) {
            c.confirmed_by = std::string(at.source.of(ctx.text));
            break;
          }
    }
    if (l.has(Label::kConfirmAbsent)) {
      bool denial = std::any_of(s.evidence.begin(), s.evidence.end(), [](const Evidence& e) {
        return e.label == Label::kConfirmAbsent && base::to_lower_ascii(e.note).find("deni") != std::string::npos;
      });
      c.denied |= denial;
      // "Ningbo Yunsheng declined to comment, while JL Mag, Zhong Ke San
      // Huan and China's Ministry of Commerce did not respond": each name
      // in the sentence is a party asked.
      c.no_comment += std::max<int>(1, static_cast<int>(s.names.size()));
    }
    for (const auto& at : s.attributions) {
      if (at.kind != SourceKind::kNamed) continue;
      std::string lname = base::to_lower_ascii(at.source.of(ctx.text));
      if (lname == "i" || lname == "we") continue;  // the writer
      bool pronoun = lname == "he" || lname == "she" || lname == "they" || lname == "it";
      if (pronoun && !last_group) continue;  // nobody named before it
      if (cites_figures(ctx, s, at)) {
        // Published figures ("according to customs data") are on the
        // record, but they report the numbers, not the claim's party.
        if (lead && !l.has(Label::kConfirmAbsent)) ++c.named_third_parties;
        continue;
      }
      Stakeholder g = pronoun ? *last_group : classify_speaker(ctx, s, at);
      last_group = g;
      // A party on the record: not in a refusal, not passed on through
      // unnamed sources, and not in a sentence that ascribes a motive or
      // carries the writer's verdict (where the "source" is the subject
      // the writer speaks about: "New Delhi wants to ...").
      if (!lead || l.has(Label::kConfirmAbsent) || l.has(Label::kSourceAnonymous) || l.has(Label::kIntent) ||
          l.has(Label::kOpinion))
        continue;
      if (party_group(g)) {
        c.confirmed = true;
        if (c.confirmed_by.empty()) c.confirmed_by = !at.name.empty() ? at.name : std::string(at.source.of(ctx.text));
      } else {
        ++c.named_third_parties;
      }
    }
    if (!lead) continue;
    if (l.has(Label::kSourceMedia)) ++c.outlet_sources;
    if (l.has(Label::kSourceAnonymous))
      for (const auto& at : s.attributions)
        if (at.kind == SourceKind::kAnonymous)
          c.anonymous_sources = std::max(c.anonymous_sources, counted_sources(base::to_lower_ascii(at.source.of(ctx.text))));
    if (l.has(Label::kSourceAnonymous) && c.anonymous_sources == 0) c.anonymous_sources = 1;
    c.hedged |= l.has(Label::kHedge);
    c.rumour |= ctx.has_signal(s.span, Signal::kRumour);
  }
  return c;
}

void score_claim_status(const ClaimSignals& s, Assessment& a) {
  ClaimStatus& cs = a.claim_status;
  cs.components.clear();
  auto add = [&](std::string name, double pts, std::string why) { cs.components.push_back({std::move(name), pts, std::move(why)}); };
  std::string asked =
      s.no_comment > 0 ? fmt::format("; no comment from {}", base::counted(s.no_comment, "party asked", "parties asked")) : std::string();
  if (s.denied && !s.confirmed) {
    cs.level = ClaimLevel::kDenied;
    cs.basis = "a party denies it";
    add("level", 10, "denied by a party to it");
  } else if (s.confirmed) {
    cs.level = ClaimLevel::kConfirmed;
    cs.basis = s.confirmed_by.empty() ? "a party on the record" : s.confirmed_by + " on the record";
    add("level", 90, "a party to the claim speaks on the record");
  } else if (s.named_third_parties > 0 || s.outlet_sources > 0) {
    cs.level = ClaimLevel::kNamedSources;
    cs.basis = s.named_third_parties > 0 ? fmt::format("{}, no party on record", base::counted(s.named_third_parties, "named source", "named sources"))
                                         : "another outlet's report, no party on record";
    add("level", 65, "reported by named sources or another outlet; no party to it on the record");
  } else if (s.anonymous_sources > 0) {
    cs.level = ClaimLevel::kAnonymousOnly;
    cs.basis = fmt::format("{} unnamed source{}, no party on record", number_word(s.anonymous_sources), s.anonymous_sources == 1 ? "" : "s");
    add("level", 40, "unnamed sources only");
    if (s.anonymous_sources >= 2) add("sources", 5, "more than one unnamed source");
  } else if (s.rumour) {
    cs.level = ClaimLevel::kRumoured;
    cs.basis = "talk or speculation, no source";
    add("level", 20, "rumour or speculation");
  } else {
    cs.level = ClaimLevel::kUnsourced;
    cs.basis = "asserted with no source";
    add("level", 25, "the writer asserts it; no source is given");
  }
  cs.basis += asked;
  if (s.hedged && cs.level != ClaimLevel::kDenied) add("hedged", -5, "the lead presents it as uncertain");
  double total = 0;
  for (const auto& c : cs.components) total += c.points;
  cs.score = static_cast<int>(std::lround(std::clamp(total, 0.0, 100.0)));
}

}  // namespace assay::analysis::internal
