#include "assay/report/critique.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>

#include "assay/base/strings.h"

namespace assay::report {

using analysis::DocumentAnalysis;
using analysis::Label;
using analysis::SentenceAnalysis;

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// A point with one piece of evidence, moved in (a braced list would copy it).
Point point(std::string text, PointEvidence e) {
  Point p{std::move(text), {}};
  p.evidence.push_back(std::move(e));
  return p;
}

// One piece of cat(): text, or an integer written as fmt's "{}" writes it.
struct Piece {
  Piece(std::string_view v) : s(v) {}
  Piece(const std::string& v) : s(v) {}
  Piece(const char* v) : s(v) {}
  Piece(int n) : s(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf)) {}
  Piece(const Piece&) = delete;
  char buf[12];
  std::string_view s;
};

// The pieces end to end, in one allocation of the exact size: what
// fmt::format("{}{}...") of strings and integers gives, without a format string.
std::string cat(std::initializer_list<Piece> pieces) {
  std::size_t n = 0;
  for (const Piece& p : pieces) n += p.s.size();
  std::string out;
  out.reserve(n);
  for (const Piece& p : pieces) out.append(p.s);
  return out;
}

// fmt's "{:+g}" (six significant digits, sign always): whole numbers under a
// million, as most score points are, written directly; the rest through fmt.
std::string signed_g(double v) {
  if (v != 0 && v == std::trunc(v) && std::fabs(v) < 1e6) {
    int n = static_cast<int>(v);
    return cat({n > 0 ? "+" : "", n});
  }
  return fmt::format("{:+g}", v);
}

std::string plural(int n, std::string_view one, std::string_view many) { return base::counted(n, one, many); }

std::string join_names(const std::vector<std::string>& v, std::string_view last_sep = " and ") {
  if (v.empty()) return "";
  if (v.size() == 1) return v[0];
  std::size_t n = last_sep.size();
  for (const auto& s : v) n += s.size() + 2;
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i + 1 < v.size(); ++i) {
    if (i) out.append(", ");
    out.append(v[i]);
  }
  out.append(last_sep);
  out.append(v.back());
  return out;
}

// The first names of a longer list of `total`: "a, b and c", or "a, b, c and
// 4 more" when the list was cut.
std::string join_cut(const std::vector<std::string>& shown, std::size_t total) {
  if (total <= shown.size()) return join_names(shown);
  return cat({base::join(shown, ", "), " and ", static_cast<int>(total - shown.size()), " more"});
}

// The point's text says how many more sentences it stands for than it
// quotes (`shown`), and which: "; 4 quoted, and 2 more: s9, s11", so that "5
// of 9 sentences" never quotes 4 without a word. At most kMoreListed of the
// rest are listed (a long document can have thousands), then "...".
constexpr std::size_t kMoreListed = 8;
void say_more(Point& p, std::size_t shown, std::size_t more, const std::vector<std::int64_t>& rest) {
  if (more == 0) return;
  std::vector<std::string> listed;
  for (std::size_t i = 0; i < rest.size() && i < kMoreListed; ++i) listed.push_back(cat({"s", static_cast<int>(rest[i] + 1)}));
  if (more > listed.size() && !listed.empty()) listed.push_back("\u2026");
  bool stop = p.text.ends_with(".");
  if (stop) p.text.pop_back();
  p.text += cat({"; ", static_cast<int>(shown), " quoted, and ", static_cast<int>(more), " more", listed.empty() ? "" : ": ",
                 base::join(listed, ", "), stop ? "." : ""});
}

// Keeps a point's first `max` pieces of evidence and says how many more it
// had (say_more).
void cut_evidence(Point& p, std::size_t max) {
  if (p.evidence.size() <= max) return;
  std::vector<std::int64_t> rest;
  for (std::size_t i = max; i < p.evidence.size() && rest.size() < kMoreListed; ++i)
    if (p.evidence[i].sentence >= 0) rest.push_back(p.evidence[i].sentence);
  std::size_t more = p.evidence.size() - max;
  p.evidence.resize(max);
  say_more(p, max, more, rest);
}

// Evidence that cites a sentence already cited is dropped: a point quotes
// each sentence once.
void unique_sentences(std::vector<PointEvidence>& ev) {
  std::set<std::int64_t> seen;
  std::erase_if(ev, [&](const PointEvidence& e) { return e.sentence >= 0 && !seen.insert(e.sentence).second; });
}

// The lead: the first sentence that is not a heading, byline or caption
// (those are never the claim); 0 when all are.
std::size_t lead_index(const DocumentAnalysis& a) {
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    if (!text::is_furniture(a.sentences[i].role)) return i;
  return 0;
}

std::string group_phrase(analysis::Stakeholder s) {
  switch (s) {
    case analysis::Stakeholder::kGovernment: return "government";
    case analysis::Stakeholder::kCompany: return "company";
    case analysis::Stakeholder::kStateEnterprise: return "state-enterprise";
    case analysis::Stakeholder::kAnalyst: return "independent analyst";
    case analysis::Stakeholder::kCommunity: return "local community";
    case analysis::Stakeholder::kEnvironment: return "environmental";
    case analysis::Stakeholder::kInvestor: return "investor";
    case analysis::Stakeholder::kIndustryBody: return "industry body";
    default: return "other";
  }
}

const analysis::Evidence* evidence_for(const SentenceAnalysis& s, Label l) {
  for (const auto& e : s.evidence)
    if (e.label == l) return &e;
  return nullptr;
}

PointEvidence make_evidence(const DocumentAnalysis& a, std::size_t si, Label l) {
  const SentenceAnalysis& s = a.sentences[si];
  const analysis::Evidence* e = evidence_for(s, l);
  base::Span focus = e ? e->span : s.span;
  return PointEvidence{static_cast<std::int64_t>(si), focus, fragment_around(a.document.text, s.span, focus),
                       e ? e->cue : "", analysis::label_name(l)};
}

std::string cue_text(const DocumentAnalysis& a, std::size_t si, Label l) {
  const analysis::Evidence* e = evidence_for(a.sentences[si], l);
  return e ? std::string(e->span.of(a.document.text)) : std::string();
}

// Who speaks on the record in sentence `si`: the name of its first named
// source; for a reference without a name ("the company", "he") the phrase
// as written, or "a speaker named earlier" for a pronoun; else the named
// source's evidence, unless that is a learned model's (the whole sentence).
std::string speaker(const DocumentAnalysis& a, std::size_t si) {
  const SentenceAnalysis& s = a.sentences[si];
  for (const auto& at : s.attributions)
    if (at.kind == analysis::SourceKind::kNamed && !at.name.empty()) return at.name;
  for (const auto& at : s.attributions) {
    if (at.kind != analysis::SourceKind::kNamed || at.source.empty()) continue;
    std::string phrase(at.source.of(a.document.text));
    std::string l = base::to_lower_ascii(phrase);
    if (l == "he" || l == "she" || l == "it" || l == "they" || l == "i" || l == "we") return "a speaker named earlier";
    return phrase;
  }
  const analysis::Evidence* e = evidence_for(s, Label::kSourceNamed);
  if (e && e->cue.starts_with("model:")) return "a speaker the attribution model finds";
  return cue_text(a, si, Label::kSourceNamed);
}

std::string stage_phrase(std::string_view s) {
  if (s == "full_chain") return "the whole chain";
  if (s == "end_use") return "end use";
  return std::string(s);
}

const char* event_type_phrase(analysis::EventType t) {
  using analysis::EventType;
  switch (t) {
    case EventType::kJointVenture: return "a joint venture";
    case EventType::kTechnologyTransfer: return "a technology transfer";
    case EventType::kNewCapacity: return "new capacity";
    case EventType::kCapacityLoss: return "a loss of capacity";
    case EventType::kExportControl: return "export controls";
    case EventType::kImportBan: return "an import ban";
    case EventType::kOfftake: return "an offtake deal";
    case EventType::kInvestment: return "an investment";
    case EventType::kAcquisition: return "an acquisition";
    case EventType::kPriceMove: return "a price move";
    case EventType::kPolicy: return "a policy change";
  }
  return analysis::event_type_name(t);
}

std::string event_phrase(const analysis::Event& e) {
  std::string where = e.country.empty() ? "" : " in " + e.country;
  std::string stage = e.stage == analysis::EventStage::kFullChain
                          ? "across the chain"
                          : cat({"at the ", stage_phrase(analysis::event_stage_name(e.stage)), " stage"});
  return cat({event_type_phrase(e.type), " ", stage, where, " (", analysis::event_status_name(e.status), ")"});
}

}  // namespace

std::string fragment_around(std::string_view text, base::Span sentence, base::Span focus, std::size_t max_bytes) {
  std::string_view s = sentence.of(text);
  if (s.size() <= max_bytes) return std::string(s);
  // Centre the window on the focus, then widen to word boundaries.
  std::size_t fb = focus.begin >= sentence.begin ? focus.begin - sentence.begin : 0;
  std::size_t fe = std::min<std::size_t>(focus.end >= sentence.begin ? focus.end - sentence.begin : 0, s.size());
  std::size_t want = max_bytes;
  std::size_t mid = (fb + fe) / 2;
  std::size_t b = mid > want / 2 ? mid - want / 2 : 0;
  std::size_t e = std::min(s.size(), b + want);
  if (e - b < want && b > 0) b = e > want ? e - want : 0;
  while (b > 0 && b < s.size() && s[b - 1] != ' ') --b;
  while (e < s.size() && s[e] != ' ') ++e;
  while (b < s.size() && is_continuation(static_cast<unsigned char>(s[b]))) ++b;
  std::string out;
  if (b > 0) out += "\u2026";
  out += base::trim(s.substr(b, e - b));
  if (e < s.size()) out += "\u2026";
  return out;
}

namespace {

// "What holds true": up to five points on sentences on the record and free
// of shadows. A second sentence that makes the same point (a figure without
// a source, the same named speaker) adds its evidence to the point, which
// then counts its sentences, rather than repeating it.
Section holds_true(const DocumentAnalysis& a) {
  Section holds{"holds_true", "What holds true", {}};
  struct Pending {
    std::string one;                  // the text for one sentence
    std::string many_head, many_tail;  // for several: head, the count, tail
    std::vector<PointEvidence> evidence;  // the first four
    std::vector<std::int64_t> rest;       // the sentences after them, the first few
    int sentences = 0;
  };
  std::vector<Pending> pending;
  // `evidence` is made only for the sentences a point quotes: a long
  // document can have thousands of figures.
  auto add = [&](std::string one, std::string many_head, std::string many_tail, std::size_t si, auto&& evidence) {
    Pending* p = nullptr;
    for (Pending& x : pending)
      if (x.one == one) p = &x;
    if (!p) {
      if (pending.size() >= 5) return;
      pending.push_back({std::move(one), std::move(many_head), std::move(many_tail), {}, {}, 0});
      p = &pending.back();
    }
    ++p->sentences;
    if (p->evidence.size() < 4) p->evidence.push_back(evidence());
    else if (p->rest.size() < kMoreListed) p->rest.push_back(static_cast<std::int64_t>(si));
  };
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    const auto& l = s.labels;
    bool shadowed = l.has(Label::kSourceAnonymous) || l.has(Label::kHedge) || l.has(Label::kIntent) || l.has(Label::kPromo) ||
                    l.has(Label::kOpinion);
    if (shadowed) continue;
    if (l.has(Label::kConfirmOfficial)) {
      std::string who = speaker(a, i);
      std::string text = who.empty() ? "Confirmed on the record: a party with authority confirmed it"
                                     : "Confirmed on the record: " + who + " confirmed it";
      add(text, text + " (", " sentences)", i, [&] { return make_evidence(a, i, Label::kConfirmOfficial); });
    } else if (l.has(Label::kSourceNamed) && l.has(Label::kQuantity)) {
      std::string who = speaker(a, i);
      add(cat({"A checkable figure from a named source (", who, ")"}), cat({"Checkable figures from a named source (", who, ") in "}),
          " sentences", i, [&] { return make_evidence(a, i, Label::kQuantity); });
    } else if (l.has(Label::kSourceNamed)) {
      std::string text = "On the record: " + speaker(a, i);
      add(text, text + " (", " sentences)", i, [&] { return make_evidence(a, i, Label::kSourceNamed); });
    } else if (l.has(Label::kQuantity) && !l.has(Label::kVague)) {
      add("A checkable figure, stated without a source", "Checkable figures, stated without a source, in ", " sentences", i,
          [&] { return make_evidence(a, i, Label::kQuantity); });
    }
  }
  for (Pending& p : pending) {
    int n = p.sentences;
    std::size_t shown = p.evidence.size();
    Point point{n == 1 ? std::move(p.one) : cat({p.many_head, n, p.many_tail}), std::move(p.evidence)};
    say_more(point, shown, static_cast<std::size_t>(n) - shown, p.rest);
    holds.points.push_back(std::move(point));
  }
  if (holds.points.empty())
    holds.points.push_back({"Nothing in the piece is both on the record and free of hedging: no claim stands on firm ground.", {}});
  return holds;
}

// "Where shadows appear": anonymous sourcing, no confirmation, ascribed
// motives, vague magnitudes, hedges; each quotes up to four of its sentences
// and names the rest.
Section shadows(const DocumentAnalysis& a) {
  const auto& p = a.assessment.sourcing;
  const int n = static_cast<int>(a.sentences.size());
  const std::string of_n = cat({" of ", plural(n, "sentence", "sentences")});  // " of 9 sentences"
  Section shadows{"shadows", "Where shadows appear", {}};
  auto add = [&](std::string text, Label l) {
    Point pt{std::move(text), {}};
    std::vector<std::int64_t> rest;
    std::size_t more = 0;
    for (std::size_t i = 0; i < a.sentences.size(); ++i) {
      if (!a.sentences[i].labels.has(l)) continue;
      if (pt.evidence.size() < 4) {
        pt.evidence.push_back(make_evidence(a, i, l));
        continue;
      }
      ++more;
      if (rest.size() < kMoreListed) rest.push_back(static_cast<std::int64_t>(i));
    }
    say_more(pt, pt.evidence.size(), more, rest);
    shadows.points.push_back(std::move(pt));
  };
  if (p.anonymous > 0) {
    std::string lead_note;
    if (!a.sentences.empty() && a.sentences[lead_index(a)].labels.has(Label::kSourceAnonymous)) lead_note = ", including the lead";
    add(cat({"Anonymous sourcing: ", p.anonymous, of_n, p.anonymous == 1 ? " rests" : " rest", " on unnamed sources", lead_note, "."}),
        Label::kSourceAnonymous);
  }
  if (p.non_confirmations > 0)
    add(cat({"No confirmation: ", plural(p.non_confirmations, "party", "parties"), " declined, denied or did not respond."}),
        Label::kConfirmAbsent);
  if (p.intent > 0)
    add(cat({"Motives ascribed without evidence: ", plural(p.intent, "sentence states", "sentences state"),
             " what an actor is after without the actor saying so on the record."}),
        Label::kIntent);
  if (p.vague > 0)
    add(cat({"Vague magnitudes: ", plural(p.vague, "sentence claims", "sentences claim"), " size or speed without a figure."}), Label::kVague);
  if (p.hedged > 0)
    add(cat({"Hedged claims: ", p.hedged, of_n, p.hedged == 1 ? " is" : " are", " conditional or uncertain."}), Label::kHedge);
  if (shadows.points.empty()) shadows.points.push_back({"No anonymous sourcing, ascribed motives or vague magnitudes were found.", {}});
  return shadows;
}

// "Bias between the lines": framing signals, missing voices, the story's origin.
Section bias(const DocumentAnalysis& a) {
  const auto& as = a.assessment;
  Section bias{"bias", "Bias between the lines", {}};
  {
    std::vector<PointEvidence> loaded, geo, promo;
    std::set<std::string> seen;
    for (const auto& f : as.framing) {
      std::string kind = analysis::framing_kind_name(f.kind);
      if (!seen.insert(kind + "|" + f.text).second) continue;
      PointEvidence e;
      if (!f.in_headline && f.sentence < a.sentences.size()) {
        e = PointEvidence{static_cast<std::int64_t>(f.sentence), f.span,
                          fragment_around(a.document.text, a.sentences[f.sentence].span, f.span), std::move(kind), ""};
      } else {
        e = PointEvidence{-1, f.span, a.document.title, std::move(kind), ""};
      }
      if (f.kind == analysis::FramingKind::kGeopolitical) geo.push_back(std::move(e));
      else if (f.kind == analysis::FramingKind::kPromotionalInterest) promo.push_back(std::move(e));
      else if (f.kind == analysis::FramingKind::kHeadlineSensationalism)
        bias.points.push_back(point("The headline leans on \u201c" + f.text + "\u201d.", std::move(e)));
      else loaded.push_back(std::move(e));
    }
    if (!loaded.empty()) {
      std::vector<std::string> words;
      for (std::size_t i = 0; i < loaded.size() && i < 4; ++i)
        words.push_back("\u201c" + std::string(loaded[i].span.of(a.document.text)) + "\u201d");
      std::string text = cat({"Loaded or evaluative wording in the writer's own voice: ", join_cut(words, loaded.size()), "."});
      unique_sentences(loaded);
      Point pt{std::move(text), std::move(loaded)};
      cut_evidence(pt, 4);
      bias.points.push_back(std::move(pt));
    }
    for (auto [ev, text] : {std::pair{&geo, "Geopolitical framing casts the story as a contest of powers."},
                            std::pair{&promo, "Promotional interest: the writer promotes an investment or holds a position."}}) {
      if (ev->empty()) continue;
      unique_sentences(*ev);
      Point pt{text, std::move(*ev)};
      cut_evidence(pt, 4);
      bias.points.push_back(std::move(pt));
    }
    std::vector<std::string> quoted, missing;
    for (auto s : as.stakeholders_quoted) quoted.push_back(group_phrase(s));
    for (auto s : as.missing_voices) missing.push_back(group_phrase(s));
    if (!missing.empty())
      bias.points.push_back({cat({"Missing voices: no ", join_names(missing, " or "), " voice is heard",
                                  quoted.empty() ? "; nobody speaks on the record" : cat({" (on the record: ", join_names(quoted), ")"}), "."}),
                             {}});
    if (!as.origin.empty())
      bias.points.push_back({cat({"The story originates with ", as.origin, "; check whether this piece adds anything the first report did not."}), {}});
    if (bias.points.empty()) bias.points.push_back({"No loaded wording, promotional interest or missing stakeholder group was found.", {}});
  }
  return bias;
}

// The k names mentioned most, most first (ties in name order).
std::vector<std::string> top(const std::map<std::string, int>& m, std::size_t k) {
  std::vector<const std::pair<const std::string, int>*> v;  // sorted by pointer: no string is copied
  v.reserve(m.size());
  for (const auto& e : m) v.push_back(&e);
  std::stable_sort(v.begin(), v.end(), [](auto* x, auto* y) { return x->second > y->second; });
  std::vector<std::string> out;
  out.reserve(std::min(k, v.size()));
  for (std::size_t i = 0; i < v.size() && i < k; ++i) out.push_back(v[i]->first);
  return out;
}

// Each event the article reports, and what the supply model says it would change.
void add_event_points(const DocumentAnalysis& a, std::vector<Point>& points) {
  for (std::size_t ei = 0; ei < a.events.size(); ++ei) {
    const auto& e = a.events[ei];
    std::string actors = e.actors.empty() ? "" : cat({" Actors named: ", join_names(e.actors), "."});
    PointEvidence sentence_ev{static_cast<std::int64_t>(e.sentence), a.sentences[e.sentence].span,
                              fragment_around(a.document.text, a.sentences[e.sentence].span, a.sentences[e.sentence].span),
                              "event", "", EvidenceKind::kEvent};
    points.push_back(point(cat({"Reports ", event_phrase(e), ".", actors}), std::move(sentence_ev)));
    // What the supply model says the event would change, or why it shows
    // nothing: an event the model cannot tie to a plant it knows is not
    // modelled as some other plant.
    if (!e.no_impact.empty()) points.push_back({cat({"No impact modelled: ", e.no_impact, "."}), {}});
    for (const auto& im : a.impacts) {
      if (im.event != ei) continue;
      std::vector<std::string> moves;
      for (const auto& sh : im.shifts) {
        if (sh.unit == analysis::ShiftUnit::kShare)
          moves.push_back(fmt::format("{} {:.1f}% -> {:.1f}%", sh.metric, 100 * sh.before, 100 * sh.after));
        else
          moves.push_back(fmt::format("{} {} t -> {} t a year", sh.metric, base::group_thousands(sh.before), base::group_thousands(sh.after)));
      }
      points.push_back(point(cat({"If ", im.what, " (", im.capacity_basis, "), the supply model moves: ", base::join(moves, "; "), "."}),
                                   PointEvidence{-1, {}, im.model, "model", "", EvidenceKind::kModel}));
    }
  }
}

// The stages, countries, elements and organisations named most.
void add_mention_points(const DocumentAnalysis& a, std::vector<Point>& points) {
  if (!a.mentions.stages.empty()) {
    std::vector<std::string> st;
    for (auto& s : top(a.mentions.stages, 4)) st.push_back(stage_phrase(s));
    points.push_back({cat({"Stages touched: ", join_cut(st, a.mentions.stages.size()), "."}), {}});
  }
  if (!a.mentions.countries.empty())
    points.push_back({cat({"Countries: ", join_cut(top(a.mentions.countries, 6), a.mentions.countries.size()), "."}), {}});
  if (!a.mentions.elements.empty())
    points.push_back({cat({"Elements: ", join_cut(top(a.mentions.elements, 8), a.mentions.elements.size()), "."}), {}});
  {
    std::vector<std::string> orgs = top(a.mentions.organisations, 6);
    if (!orgs.empty())
      points.push_back({cat({"Companies and agencies named: ", join_cut(orgs, a.mentions.organisations.size()), "."}), {}});
  }
}

// Up to four figures (capacity, production, share, price, reserves) to
// check, one per sentence; the rest counted.
void add_figure_points(const DocumentAnalysis& a, std::vector<Point>& points) {
  std::vector<PointEvidence> figs;
  std::vector<std::string> descr;
  for (std::size_t si = 0; si < a.sentences.size(); ++si) {
    for (auto qi : a.sentences[si].quantities) {
      const auto& q = a.quantities[qi];
      if (q.source_count) continue;
      if (q.measure != analysis::Measure::kCapacity && q.measure != analysis::Measure::kProduction &&
          q.measure != analysis::Measure::kShare && q.measure != analysis::Measure::kPrice && q.measure != analysis::Measure::kReserves)
        continue;
      figs.push_back({static_cast<std::int64_t>(si), q.span, fragment_around(a.document.text, a.sentences[si].span, q.span),
                      "quantity", "quantity", EvidenceKind::kQuantity});
      if (descr.size() < 4) descr.push_back(cat({analysis::measure_name(q.measure), " ", q.span.of(a.document.text)}));
      break;
    }
  }
  if (figs.empty()) return;
  Point pt{cat({"Figures to check against the knowledge base: ", join_cut(descr, figs.size()), "."}), std::move(figs)};
  if (pt.evidence.size() > 4) pt.evidence.resize(4);  // the text has said "and N more"
  points.push_back(std::move(pt));
}

// What the knowledge base holds on the names it knows, each fact with its row.
void add_kb_points(const DocumentAnalysis& a, std::vector<Point>& points) {
  std::vector<std::string> unshown;  // names left out when the section is full
  for (const auto& link : a.kb_links) {
    if (points.size() >= 12) {
      unshown.push_back(link.canonical);
      continue;
    }
    std::vector<std::string> facts;
    std::vector<PointEvidence> ev;
    for (const auto& f : link.facts) {
      facts.push_back(analysis::fact_text(f));
      const kb::Provenance& row = f.provenance;
      ev.push_back(PointEvidence{-1, {}, cat({row.source, " [", kb::confidence_name(row.confidence), ", ", row.row(), "]"}), "kb", "",
                                 EvidenceKind::kKb});
    }
    points.push_back({cat({"Knowledge base on ", link.canonical, ": ", base::join(facts, "; "), "."}), std::move(ev)});
  }
  if (!unshown.empty())
    points.push_back({cat({"The knowledge base also holds ", plural(static_cast<int>(unshown.size()), "more name", "more names"),
                           " from the piece: ", join_names(unshown), "."}),
                      {}});
}

// "Why it matters for the supply chain": events and their modelled impact, what is named, figures, KB facts.
Section supply_chain(const DocumentAnalysis& a) {
  Section chain{"supply_chain", "Why it matters for the supply chain", {}};
  add_event_points(a, chain.points);
  add_mention_points(a, chain.points);
  add_figure_points(a, chain.points);
  add_kb_points(a, chain.points);
  if (chain.points.empty()) chain.points.push_back({"The piece names no stage, country, element or event of the rare-earth chain.", {}});
  return chain;
}

// Reporting quality in words.
std::string reporting_words(int score) {
  return score >= 75 ? "carefully reported" : score >= 55 ? "adequately reported" : score >= 35 ? "thinly reported" : "poorly reported";
}

// Claim status in words: "unconfirmed: two unnamed sources, no party on record".
std::string claim_words(const analysis::ClaimStatus& cs) {
  using analysis::ClaimLevel;
  switch (cs.level) {
    case ClaimLevel::kConfirmed: return "confirmed: " + cs.basis;
    case ClaimLevel::kNamedSources: return "reported, not confirmed by a party: " + cs.basis;
    case ClaimLevel::kAnonymousOnly: return "unconfirmed: " + cs.basis;
    case ClaimLevel::kUnsourced: return "unsourced: " + cs.basis;
    case ClaimLevel::kRumoured: return "a rumour: " + cs.basis;
    case ClaimLevel::kDenied: return "denied: " + cs.basis;
  }
  return cs.basis;
}

std::string components_text(const std::vector<analysis::CredibilityComponent>& list) {
  std::vector<std::string> parts;
  for (const auto& comp : list) {
    if (comp.name == "base" || comp.points == 0) continue;
    parts.push_back(cat({comp.name, " ", signed_g(comp.points), " (", comp.why, ")"}));
  }
  return base::join(parts, "; ");
}

// "Bottom line": the verdict (set in `verdict`): reporting quality and
// claim status, each in words and as a score, and their components.
Section bottom_line(const DocumentAnalysis& a, std::string& verdict) {
  const auto& as = a.assessment;
  Section bottom{"bottom_line", "Bottom line", {}};
  std::string promo = as.promotional_interest && as.sourcing.promo >= 2 ? " and written to promote an investment" : "";
  verdict = cat({"Reporting ", as.reporting.score, "/100, claim status ", as.claim_status.score, "/100: ",
                 reporting_words(as.reporting.score), promo, "; the claim itself is ", claim_words(as.claim_status), "."});
  bottom.points.push_back({verdict, {}});
  if (std::string parts = components_text(as.reporting.components); !parts.empty())
    bottom.points.push_back({cat({"Reporting quality (how well the piece lets a reader judge its claims): ", parts, "."}), {}});
  if (std::string parts = components_text(as.claim_status.components); !parts.empty())
    bottom.points.push_back({cat({"Claim status (", analysis::claim_level_name(as.claim_status.level), "): ", parts, "."}), {}});
  return bottom;
}

// "Highlights": the claim, the sourcing counts, the first event and the verdict.
Section highlights(const DocumentAnalysis& a, const std::string& verdict) {
  const auto& p = a.assessment.sourcing;
  Section hl{"highlights", "Highlights", {}};
  if (!a.sentences.empty()) {
    const std::size_t lead = lead_index(a);
    const auto& s0 = a.sentences[lead];
    std::string claim = fragment_around(a.document.text, s0.span, s0.span, 180);
    std::string text = "The claim: " + claim;
    hl.points.push_back(point(std::move(text), PointEvidence{static_cast<std::int64_t>(lead), s0.span, std::move(claim), "lead", "", EvidenceKind::kLead}));
  }
  hl.points.push_back({cat({"Sourcing: ", p.named, " named, ", p.anonymous, " anonymous, ", p.media, " media, ",
                            plural(p.official_confirmations, "official confirmation", "official confirmations"), ", ",
                            plural(p.non_confirmations, "non-confirmation", "non-confirmations"), "."}),
                       {}});
  if (!a.events.empty()) hl.points.push_back({cat({"Supply chain: ", event_phrase(a.events[0]), "."}), {}});
  hl.points.push_back({verdict, {}});
  return hl;
}

// The genre step (issue 12): what kind of piece this is and how the
// critique reads it, as the second point of Highlights (after the claim). A
// promotion's disclosure and pitch come first, before the claim.
const char* genre_reading(analysis::Genre g) {
  switch (g) {
    case analysis::Genre::kNews: return "a news report: judged on its sourcing";
    case analysis::Genre::kWireCopy: return "a wire story carried by another outlet: the reporting is the wire's, the credit and any cuts are the carrier's";
    case analysis::Genre::kPressRelease: return "a press release: the company's own account; no independent source";
    case analysis::Genre::kOpinion: return "opinion by design: the argument is the writer's, judged for its facts";
    case analysis::Genre::kAnalysis: return "analysis: interpretation built on reported facts; the judgements are the writer's";
    case analysis::Genre::kInterview: return "an interview: the guest's claims in the guest's words, not checked by the piece";
    case analysis::Genre::kMarketReport: return "a market report: prices as the publisher assesses them from trade talk, not independently verified";
    case analysis::Genre::kNewsletter: return "a newsletter: the editors' selection and commentary; look for their disclosure of positions";
    case analysis::Genre::kPromotion: return "paid promotion: a pitch, not reporting; the disclosure says who paid";
    case analysis::Genre::kStateMedia: return "state media: a state outlet's account, which speaks for its government's position";
    case analysis::Genre::kFactCheck: return "a fact check or critique: judged on the evidence it cites for its verdict";
  }
  return "";
}

std::string genre_phrase(analysis::Genre g) {
  std::string s = analysis::genre_name(g);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

PointEvidence genre_evidence(const DocumentAnalysis& a, const analysis::GenreSignal& s) {
  if (s.span.empty() || s.sentence >= a.sentences.size()) return PointEvidence{-1, {}, "", "genre", "", EvidenceKind::kCue};
  return PointEvidence{static_cast<std::int64_t>(s.sentence), s.span,
                       fragment_around(a.document.text, a.sentences[s.sentence].span, s.span), "genre", "", EvidenceKind::kCue};
}

void add_genre_points(const DocumentAnalysis& a, Critique& c) {
  auto hl = std::find_if(c.sections.begin(), c.sections.end(), [](const Section& s) { return s.id == "highlights"; });
  if (hl == c.sections.end()) return;
  const auto& as = a.assessment;
  Point genre{cat({"Genre: ", genre_reading(as.genre), "."}), {}};
  std::vector<std::string> why;
  std::vector<std::string> also;  // other genres' strong signals (a state outlet's op-ed: opinion)
  for (const auto& s : as.genre_signals) {
    if (s.genre == as.genre) {
      if (why.size() < 3 && !s.what.ends_with("(the default)")) {
        why.push_back(s.what);
        PointEvidence e = genre_evidence(a, s);
        if (e.sentence >= 0) genre.evidence.push_back(std::move(e));
      }
    } else if (s.weight >= 1.5 && s.genre != analysis::Genre::kNews && also.size() < 2 &&
               std::find(also.begin(), also.end(), genre_phrase(s.genre)) == also.end()) {
      also.push_back(genre_phrase(s.genre));
    }
  }
  if (!why.empty()) genre.text += cat({" Signals: ", base::join(why, "; "), "."});
  if (!also.empty()) genre.text += cat({" Also signs of ", join_names(also), "."});
  unique_sentences(genre.evidence);
  auto at = hl->points.begin() + (hl->points.empty() ? 0 : 1);
  if (as.genre == analysis::Genre::kPromotion) {
    // The disclosure and the pitch first.
    std::vector<std::string> disclosure, pitch;
    Point first{"", {}};
    for (const auto& s : as.genre_signals) {
      if (s.genre != analysis::Genre::kPromotion) continue;
      bool paid = s.what.starts_with("a payment disclosure") || s.what.starts_with("labelled as paid content");
      bool call = s.what.starts_with("a call to action");
      if ((paid && disclosure.size() < 2) || (call && pitch.size() < 3)) {
        (paid ? disclosure : pitch).push_back(s.what.substr(s.what.find(':') + 2));
        PointEvidence e = genre_evidence(a, s);
        if (e.sentence >= 0) first.evidence.push_back(std::move(e));
      }
    }
    first.text = cat({"Paid promotion. Disclosure: ", disclosure.empty() ? std::string("none found in the text") : base::join(disclosure, ", "),
                      "; the pitch: ", pitch.empty() ? std::string("promotional wording throughout") : base::join(pitch, ", "), "."});
    unique_sentences(first.evidence);
    hl->points.insert(hl->points.begin(), std::move(first));
    at = hl->points.begin() + 2;
  }
  hl->points.insert(at, std::move(genre));
}

}  // namespace

// Verdicts on the article's claims (issue 14; analysis.claims, filled by
// app with verify/): supported ones in "What holds true" with their rows,
// contradicted and disputed ones in "Where shadows appear" with the reason,
// and a count in Highlights.
void add_verdict_points(const DocumentAnalysis& a, Section& holds, Section& shadow, Section& hl) {
  int checked = 0, supported = 0, contradicted = 0, disputed = 0, unverifiable = 0;
  std::vector<Point> good, bad;
  for (const auto& c : a.claims) {
    if (c.verdict.empty()) continue;
    ++checked;
    bool ok = c.verdict == "supported", against = c.verdict == "contradicted", split = c.verdict == "disputed";
    supported += ok;
    contradicted += against;
    disputed += split;
    unverifiable += c.verdict == "unverifiable";
    if (!ok && !against && !split) continue;
    // A figure or rank is quoted as written; a policy, status or event in its sentence.
    bool phrase = c.kind == analysis::ClaimKind::kPolicy || c.kind == analysis::ClaimKind::kOperation ||
                  c.kind == analysis::ClaimKind::kEvent;
    std::string quoted = phrase && c.sentence < a.sentences.size()
                             ? fragment_around(a.document.text, a.sentences[c.sentence].span, c.span, 140)
                             : std::string(c.span.of(a.document.text));
    Point pt{ok ? cat({"Checked against the knowledge base: \"", quoted, "\" is supported: ", c.reason, "."})
                : cat({against ? "Contradicted by the knowledge base: \"" : "Disputed: \"", quoted, "\": ", c.reason, "."}),
             {}};
    for (const auto& e : c.evidence) {
      bool model = e.row.starts_with("model:");
      pt.evidence.push_back(PointEvidence{static_cast<std::int64_t>(c.sentence), c.span,
                                          model ? e.source : cat({e.row, ": ", e.value, " (", e.source, ")"}),
                                          model ? "model" : "kb", "", model ? EvidenceKind::kModel : EvidenceKind::kKb});
      if (pt.evidence.size() >= 4) break;
    }
    (ok ? good : bad).push_back(std::move(pt));
  }
  if (checked == 0) return;
  auto put_first = [](Section& sec, std::vector<Point>& pts, std::string_view fallback_prefix) {
    if (pts.empty()) return;
    if (pts.size() > 5) pts.resize(5);
    std::erase_if(sec.points, [&](const Point& p) { return p.text.starts_with(fallback_prefix); });
    sec.points.insert(sec.points.begin(), std::make_move_iterator(pts.begin()), std::make_move_iterator(pts.end()));
  };
  put_first(holds, good, "Nothing in the piece is both on the record");
  put_first(shadow, bad, "No anonymous sourcing, ascribed motives");
  std::vector<std::string> parts;
  if (supported) parts.push_back(cat({supported, " supported"}));
  if (contradicted) parts.push_back(cat({contradicted, " contradicted"}));
  if (disputed) parts.push_back(cat({disputed, " disputed"}));
  if (unverifiable) parts.push_back(cat({unverifiable, " unverifiable"}));
  std::string line = cat({plural(checked, "claim", "claims"), " checked against the knowledge base: ", join_names(parts, ", "), "."});
  // Before the verdict, the last point.
  hl.points.insert(hl.points.empty() ? hl.points.end() : hl.points.end() - 1, Point{std::move(line), {}});
}

Critique build_critique(const DocumentAnalysis& a) {
  Critique c;
  Section holds = holds_true(a);
  Section shadow = shadows(a);
  Section biases = bias(a);
  Section chain = supply_chain(a);
  Section bottom = bottom_line(a, c.verdict);
  Section hl = highlights(a, c.verdict);
  add_verdict_points(a, holds, shadow, hl);
  // Moved in one by one: a braced list would deep-copy every section.
  c.sections.reserve(6);
  for (Section* s : {&hl, &holds, &shadow, &biases, &chain, &bottom}) c.sections.push_back(std::move(*s));
  add_genre_points(a, c);
  return c;
}

}  // namespace assay::report
