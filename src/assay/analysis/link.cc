// Entity linking (link.h): the names the one lexicon scan found (countries,
// elements, and the `entity` cues of kb names) and the organisation names of
// the sentence rules, as mentions with the kb row each means.
#include "assay/analysis/link.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory_resource>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "assay/analysis/internal.h"
#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis {

namespace {
constexpr auto kMentionKindNames = base::enum_names<MentionKind>({
    {MentionKind::kCountry, "country"},
    {MentionKind::kCompany, "company"},
    {MentionKind::kOrganisation, "organisation"},
    {MentionKind::kFacility, "facility"},
    {MentionKind::kDeposit, "deposit"},
    {MentionKind::kElement, "element"},
});
}  // namespace

const char* mention_kind_name(MentionKind k) { return kMentionKindNames.name(k); }
std::optional<MentionKind> parse_mention_kind(std::string_view s) { return kMentionKindNames.parse(s); }

std::vector<const EntityMention*> mentions_in(const DocumentAnalysis& a, base::Span span) {
  std::vector<const EntityMention*> out;
  auto it = std::lower_bound(a.entity_mentions.begin(), a.entity_mentions.end(), span.begin,
                             [](const EntityMention& m, std::uint32_t b) { return m.span.begin < b; });
  for (; it != a.entity_mentions.end() && it->span.begin < span.end; ++it)
    if (it->span.end <= span.end) out.push_back(&*it);
  return out;
}

const EntityMention* first_mention(const DocumentAnalysis& a, base::Span span, std::initializer_list<MentionKind> kinds) {
  for (const EntityMention* m : mentions_in(a, span))
    if (kinds.size() == 0 || std::find(kinds.begin(), kinds.end(), m->kind) != kinds.end()) return m;
  return nullptr;
}

std::string kb_key(const EntityMention& m) { return m.kb ? m.kb->table + ":" + m.kb->id : std::string(); }

namespace internal {

namespace {

// The elements a kb element id stands for: a symbol, a run of symbols
// ("NdPr", "NdPrDyTb"), or a group ("heavy": the magnet heavies Dy and Tb;
// "light": La, Ce, Pr, Nd). Empty when it is none of these. Views into `id`
// (or static strings).
std::vector<std::string_view> element_ids(std::string_view id) {
  if (id == "heavy") return {"Dy", "Tb"};
  if (id == "light") return {"La", "Ce", "Pr", "Nd"};
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < id.size();) {
    std::size_t n = i + 1 < id.size() && base::is_ascii_lower(id[i + 1]) ? 2 : 1;
    std::string_view sym = id.substr(i, n);
    if (!kb::parse_element(sym)) return {};
    out.push_back(sym);
    i += n;
  }
  return out;
}

// A kb row as views: the table a static string, the id a view into the kb,
// the lexicon, the text, or interned() (all outlive an analysis). Candidates
// carry these; a mention's KbRef is built from the one it keeps.
struct RowRef {
  std::string_view table;
  std::string_view id;
  bool operator==(const RowRef&) const = default;
};

// A mention's row set to r: its two strings written in place (no KbRef
// built and moved in).
void set_ref(std::optional<KbRef>& ref, RowRef r) {
  if (!ref) ref.emplace();
  ref->table.assign(r.table);
  ref->id.assign(r.id);
}

// The table's name as a static string ("" for no table the linker knows).
std::string_view static_table(std::string_view t) {
  for (std::string_view k : {"companies", "facilities", "deposits", "countries", "elements", "outlets"})
    if (t == k) return k;
  return {};
}

// A stable copy of a short string made in linking (an element run's id
// "NdPr", the ids of note_rows' cache): one per distinct string, per thread,
// never freed. Only ids of rows that exist (in a kb loaded in this process,
// or as a country or elements) come here: a set as small as the kbs.
std::string_view interned(std::string_view s) {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  thread_local std::unordered_set<std::string, Hash, std::equal_to<>> pool;
  auto it = pool.find(s);
  if (it == pool.end()) it = pool.emplace(s).first;
  return *it;
}

// A candidate's rows and elements, and the working lists of link_mentions,
// are allocated from one arena a call (LinkArena), released at its end: no
// malloc and free a candidate.
constexpr std::size_t kLinkArenaBytes = 256 * 1024;

struct Candidate {
  explicit Candidate(std::pmr::memory_resource* mem) : targets(mem), elements(mem) {}
  base::Span span;
  MentionKind kind = MentionKind::kOrganisation;
  // Views: static strings, or into the kb, the lexicon, the text or interned().
  std::string_view form;
  std::string_view name;
  std::pmr::vector<RowRef> targets;  // the likeliest first
  std::pmr::vector<std::string_view> elements;
  int priority = 0;    // on equal length, lower wins: kb names 0, gazetteer 1, rule names 2
  bool name_run = false;  // an organisation name of the rules: may hold countries and elements
  bool gated = false;     // a short or sentence-initial alias: needs another name of its row
  bool place = false;     // a facility's town or site name: a plant only beside a site word, of a company named
};

// A word for a plant or a site within four words of `s` in its sentence
// ("the Kalgoorlie facility", "a plant in Narva", "Stillwater magnet plant").
bool beside_site_word(std::string_view text, base::Span sentence, base::Span s) {
  auto is_site = [](std::string_view w) {
    for (std::string_view k : {"plant", "plants", "facility", "facilities", "refinery", "mine", "mines", "mill", "project",
                               "site", "hub", "complex", "smelter", "factory", "works", "operation", "operations"})
      if (base::iequals_ascii(w, k)) return true;
    return false;
  };
  // The words of text[from, to): letter runs with inner hyphens. f(word)
  // true stops the walk. No vector of words: only four on either side count.
  auto each_word = [&](std::size_t from, std::size_t to, auto f) {
    for (std::size_t i = from; i < to;) {
      if (!base::is_ascii_alpha(text[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < to && (base::is_ascii_alpha(text[j]) || text[j] == '-')) ++j;
      if (f(text.substr(i, j - i))) return;
      i = j;
    }
  };
  bool site = false;
  int n = 0;
  each_word(s.end, sentence.end, [&](std::string_view w) {
    site = is_site(w);
    return site || ++n == 4;
  });
  if (site) return true;
  // The last four words before s, kept in a ring as the words are read in
  // order (a word's bounds depend on where the reading starts).
  std::array<std::string_view, 4> last{};
  std::size_t count = 0;
  each_word(sentence.begin, s.begin, [&](std::string_view w) {
    last[count++ % 4] = w;
    return false;
  });
  for (std::size_t k = 0; k < std::min<std::size_t>(count, 4); ++k)
    if (is_site(last[k])) return true;
  return false;
}

bool all_caps_short(std::string_view t) {
  if (t.size() > 4) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return base::is_ascii_upper(c) || base::is_ascii_digit(c); });
}

std::string_view row_name(const kb::Kb* kb, RowRef r) {
  if (!kb) return r.id;
  if (r.table == "companies")
    if (const auto* c = kb->find_company(r.id)) return c->name;
  if (r.table == "facilities")
    if (const auto* f = kb->find_facility(r.id)) return f->name;
  if (r.table == "deposits")
    if (const auto* d = kb->find_deposit(r.id)) return d->name;
  if (r.table == "outlets")
    if (const auto* o = kb->find_outlet(r.id)) return o->name;
  return r.id;
}

bool row_exists(const kb::Kb* kb, RowRef r) {
  if (r.table == "countries") return kb::country_iso3(r.id).has_value();
  if (r.table == "elements") return !element_ids(r.id).empty();
  if (!kb) return false;
  if (r.table == "companies") return kb->find_company(r.id) != nullptr;
  if (r.table == "facilities") return kb->find_facility(r.id) != nullptr;
  if (r.table == "deposits") return kb->find_deposit(r.id) != nullptr;
  return false;
}

MentionKind kind_of(std::string_view table) {
  if (table == "countries") return MentionKind::kCountry;
  if (table == "companies" || table == "outlets") return MentionKind::kCompany;
  if (table == "facilities") return MentionKind::kFacility;
  if (table == "deposits") return MentionKind::kDeposit;
  if (table == "elements") return MentionKind::kElement;
  return MentionKind::kOrganisation;
}

struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// kb->aliases.find(name), remembered per thread by the name as written (the
// same names recur in every article; a look-up normalises the name and
// searches the index), for one kb at a time (kb::Kb::serial).
// The reference is valid until the next call.
const std::vector<kb::EntityRef>& find_alias(const kb::Kb& kb, std::string_view name) {
  thread_local std::uint64_t cache_kb = 0;  // kb::serial_of
  thread_local std::unordered_map<std::string, std::vector<kb::EntityRef>, ViewHash, std::equal_to<>> cache;
  if (cache_kb != kb.serial() || cache.size() > 50000) {
    cache.clear();
    cache_kb = kb.serial();
  }
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(std::string(name), kb.aliases.find(name)).first;
  return it->second;
}

// The rows of the alias index for a name the rules found (companies and
// facilities; outlets are no entities).
std::vector<RowRef> alias_rows(const kb::Kb* kb, std::string_view name) {
  std::vector<RowRef> out;
  if (!kb) return out;
  for (const auto& ref : find_alias(*kb, name)) {
    if (ref.kind == kb::EntityKind::kCompany && ref.index < kb->companies.size())
      out.push_back({"companies", kb->companies[ref.index].id});
    else if (ref.kind == kb::EntityKind::kFacility && ref.index < kb->facilities.size())
      out.push_back({"facilities", kb->facilities[ref.index].id});
  }
  return out;
}

// The rows an `entity` entry's note names ("companies:lynas, facilities:...")
// that the kb holds, in the note's order. The same entries recur in every
// article: the rows are remembered per thread by the note's text, for one kb
// at a time: by its serial, so that another kb loaded where a freed one
// lived, or one edited and reindexed, is not mistaken for it. The ids are
// interned(); the reference is valid until the next call.
const std::vector<RowRef>& note_rows(const kb::Kb* kb, std::string_view head) {
  thread_local std::uint64_t cache_kb = 0;  // kb::serial_of
  thread_local std::unordered_map<std::string, std::vector<RowRef>, ViewHash, std::equal_to<>> cache;
  if (cache_kb != kb::serial_of(kb) || cache.size() > 50000) {
    cache.clear();
    cache_kb = kb::serial_of(kb);
  }
  auto it = cache.find(head);
  if (it != cache.end()) return it->second;
  std::vector<RowRef> rows;
  for (auto part : base::split(head, ',')) {
    part = base::trim(part);
    std::size_t colon = part.find(':');
    if (colon == std::string_view::npos) continue;
    RowRef r{static_table(part.substr(0, colon)), base::trim(part.substr(colon + 1))};
    if (r.table.empty() || !row_exists(kb, r)) continue;
    // The id as a view that outlives the note and the kb (another kb of the
    // same sizes at the same address reuses this cache: a view into the
    // first would dangle).
    r.id = interned(r.id);
    rows.push_back(r);
  }
  return cache.emplace(std::string(head), std::move(rows)).first->second;
}

// Words that make a sentence speak of a deposit rather than of the mine on it.
bool speaks_of_deposit(std::string_view sentence) {
  std::string l = base::to_lower_ascii(sentence);
  for (std::string_view w : {"deposit", "reserve", "resource", "orebody", "ore body", "grade", "tonnes of ore"})
    if (l.find(w) != std::string::npos) return true;
  return false;
}

}  // namespace

void link_mentions(const kb::Kb* kb, const DocContext& ctx, std::span<const Cue> entity_cues, DocumentAnalysis& out) {
  if (out.sentences.empty()) return;
  std::string_view text = ctx.text;
  // The arena of this call: a block kept per thread, then the heap when an
  // article needs more. Everything allocated from it is gone when the call
  // returns (the mentions it writes are plain strings and vectors).
  thread_local std::unique_ptr<std::byte[]> arena_block(new std::byte[kLinkArenaBytes]);
  std::pmr::monotonic_buffer_resource arena(arena_block.get(), kLinkArenaBytes);
  std::pmr::memory_resource* const mem = &arena;
  std::pmr::vector<Candidate> cands(mem);
  // At most one candidate a cue or a rule name: no candidate is moved by a
  // reallocation (a candidate is heavy to move).
  {
    std::size_t names = 0;
    for (const auto& s : out.sentences) names += s.names.size();
    cands.reserve(ctx.cues.size() + entity_cues.size() + names);
  }
  auto sentence_of = [&](std::uint32_t pos) -> std::uint32_t {
    auto it = std::upper_bound(out.sentences.begin(), out.sentences.end(), pos,
                               [](std::uint32_t p, const SentenceAnalysis& s) { return p < s.span.begin; });
    return it == out.sentences.begin() ? 0 : static_cast<std::uint32_t>(it - out.sentences.begin() - 1);
  };

  // The gazetteer's countries and elements.
  for (const Cue& c : ctx.cues) {
    if (ctx.in_dateline(c.span)) continue;
    const lexicon::Entry& e = ctx.lex.entries()[c.entry];
    if (c.category == Category::kCountry) {
      if (inside_region_name(text, c.span)) continue;
      Candidate k(mem);
      k.span = c.span;
      k.kind = MentionKind::kCountry;
      k.name = lexicon::canonical(e);
      k.form = e.note.find("adjective") != std::string::npos ? "adjective"
               : e.note.find("capital") != std::string::npos ? "capital"
                                                              : "name";
      RowRef r{"countries", k.name};
      if (row_exists(kb, r)) k.targets.push_back(r);
      k.priority = 1;
      cands.push_back(std::move(k));
    } else if (c.category == Category::kElement) {
      Candidate k(mem);
      k.span = c.span;
      k.kind = MentionKind::kElement;
      k.form = "element";
      std::string id;
      bool all_rare_earths = true;
      for (auto sym : element_symbols(ctx.cue_text(c), lexicon::canonical(e))) {
        k.elements.emplace_back(sym);
        id += sym;
        all_rare_earths = all_rare_earths && kb::parse_element(sym).has_value();
      }
      std::string_view n = element_name(lexicon::canonical(e));
      std::string_view run = k.elements.size() > 1 || (all_rare_earths && !id.empty()) ? interned(id) : std::string_view();
      k.name = k.elements.size() > 1 ? run : n.empty() ? lexicon::canonical(e) : n;
      if (all_rare_earths && !id.empty()) k.targets.push_back({"elements", run});
      k.priority = 1;
      cands.push_back(std::move(k));
    }
  }
  // The kb names (category `entity`).
  for (const Cue& c : entity_cues) {
    if (ctx.in_dateline(c.span)) continue;
    const lexicon::Entry& e = ctx.lex.entries()[c.entry];
    std::string_view note = e.note;
    std::string_view head = note.substr(0, note.find(';'));
    std::string_view rest = note.find(';') == std::string_view::npos ? std::string_view() : base::trim(note.substr(note.find(';') + 1));
    Candidate k(mem);
    k.span = c.span;
    k.priority = 0;
    {
      const std::vector<RowRef>& rows = note_rows(kb, head);
      k.targets.assign(rows.begin(), rows.end());
    }
    std::string_view written = ctx.cue_text(c);
    if (k.targets.empty()) {
      const std::vector<RowRef> rows = alias_rows(kb, written);
      k.targets.assign(rows.begin(), rows.end());
    }
    if (k.targets.empty()) continue;  // a row this kb does not hold (a --data kb without it)
    k.kind = kind_of(k.targets[0].table);
    std::string_view form = rest.substr(0, rest.find(' '));
    if (form == "place") {
      k.place = true;
      k.form = "place";
      k.name = row_name(kb, k.targets[0]);
      cands.push_back(std::move(k));
      continue;
    }
    if (k.kind == MentionKind::kElement) {
      {
        const std::vector<std::string_view> ids = element_ids(k.targets[0].id);
        k.elements.assign(ids.begin(), ids.end());
      }
      k.form = form.empty() ? std::string_view("element") : form;
      k.name = k.targets[0].id;
      if (k.elements.size() == 1) k.name = element_name(k.elements[0]);
    } else if (k.kind == MentionKind::kCountry) {
      k.form = "capital";
      k.name = k.targets[0].id;
    } else {
      k.name = row_name(kb, k.targets[0]);
      k.form = written == k.name ? "name" : written.find(':') != std::string_view::npos ? "ticker" : "alias";
      if (k.kind == MentionKind::kCompany && kb) {
        if (const auto* co = kb->find_company(k.targets[0].id))
          for (const auto& t : co->tickers)
            if (t == written || std::string_view(t).substr(t.find(':') + 1) == written) k.form = "ticker";
      }
      // An alias that is an ordinary word ("Peak", marked in the note), a
      // short capital run ("MP"), or a word the text also writes in lower
      // case needs another name of its company in the article.
      bool one_word = written.find(' ') == std::string_view::npos;
      if (k.kind == MentionKind::kCompany && k.form != "name" &&
          (rest.find("common word") != std::string_view::npos || all_caps_short(written) ||
           (one_word && ctx.seen_lowercase(base::to_lower_ascii(written)))))
        k.gated = true;
    }
    cands.push_back(std::move(k));
  }
  // The organisation names of the sentence rules, where the entity step
  // (entities.cc) kept them as companies, agencies or funds: the rules' names
  // hold people too.
  // (Sorted views of out.entities, which link_mentions does not change: no
  // string is copied.)
  std::pmr::vector<std::string_view> kept(out.entities.begin(), out.entities.end(), mem);
  std::sort(kept.begin(), kept.end());
  for (const auto& s : out.sentences) {
    for (const auto& span : s.names) {
      std::string_view written = span.of(text);
      // The rows first: most names are no entity, and are dropped before a
      // candidate is built.
      std::pmr::vector<RowRef> targets(mem);
      if (kb) {
        // One look-up: companies and facilities first; a price-reporting or
        // research house cited for its figures is a company (as in
        // entities.cc); a news outlet, or the article's own, is no entity
        // (LABELS.md).
        bool news_outlet = false;
        const kb::Outlet* house = nullptr;
        for (const auto& ref : find_alias(*kb, written)) {
          if (ref.kind == kb::EntityKind::kCompany && ref.index < kb->companies.size())
            targets.push_back({"companies", kb->companies[ref.index].id});
          else if (ref.kind == kb::EntityKind::kFacility && ref.index < kb->facilities.size())
            targets.push_back({"facilities", kb->facilities[ref.index].id});
          else if (ref.kind == kb::EntityKind::kOutlet && ref.index < kb->outlets.size() && !house) {
            const kb::Outlet& o = kb->outlets[ref.index];
            bool trade = o.type == kb::OutletType::kTrade || o.type == kb::OutletType::kNewsletter;
            if (trade && !(!ctx.own_outlet.empty() && base::iequals_ascii(o.name, ctx.own_outlet))) house = &o;
            else news_outlet = true;
          }
        }
        if (targets.empty() && house) targets.push_back({"outlets", house->id});
        if (targets.empty() && news_outlet) continue;
      }
      if (targets.empty() && !std::binary_search(kept.begin(), kept.end(), written)) continue;
      Candidate k(mem);
      k.span = span;
      k.priority = 2;
      k.name_run = true;
      k.name = written;
      k.form = "name";
      k.targets = std::move(targets);
      if (!k.targets.empty()) {
        k.kind = kind_of(k.targets[0].table);
        k.name = row_name(kb, k.targets[0]);
        k.form = written == k.name ? "name" : "alias";
        k.name_run = false;
      }
      cands.push_back(std::move(k));
    }
  }
  // The longest wins; on equal spans the kb name, then the gazetteer. A rule
  // name the kb does not hold may hold countries and elements ("Chinese
  // Ministry of Commerce").
  // (Sorted by pointer: a candidate is heavy to move.)
  std::pmr::vector<const Candidate*> order(mem);
  order.reserve(cands.size());
  for (const Candidate& c : cands) order.push_back(&c);
  std::stable_sort(order.begin(), order.end(), [](const Candidate* pa, const Candidate* pb) {
    const Candidate& a = *pa;
    const Candidate& b = *pb;
    // A rule name the kb does not hold yields to the names it holds inside it
    // ("Lynas Rare Earths and MP Materials" is two companies).
    bool ua = a.name_run && a.targets.empty(), ub = b.name_run && b.targets.empty();
    if (ua != ub) return ub;
    if (a.span.size() != b.span.size()) return a.span.size() > b.span.size();
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.span.begin < b.span.begin;
  });
  std::pmr::vector<const Candidate*> taken(mem);
  auto nests = [](const Candidate& outer, const Candidate& inner) {
    return outer.name_run && (inner.kind == MentionKind::kCountry || inner.kind == MentionKind::kElement) &&
           inner.span.begin >= outer.span.begin && inner.span.end <= outer.span.end;
  };
  for (const Candidate* cp : order) {
    const Candidate& c = *cp;
    bool clash = false;
    for (const Candidate* t : taken) {
      bool overlap = c.span.begin < t->span.end && t->span.begin < c.span.end;
      if (overlap && !nests(*t, c) && !nests(c, *t)) {
        clash = true;
        break;
      }
    }
    if (!clash) taken.push_back(&c);
  }
  // A gated alias stays only when the article names its row another way.
  // The rows named, as (table, id) views into the candidates (which outlive
  // this function's use of them): no "table:id" string is built. A table
  // name has no ':', so a pair is equal exactly when "table:id" is.
  std::pmr::vector<std::pair<std::string_view, std::string_view>> named(mem);
  for (const Candidate* t : taken)
    if (!t->gated && !t->place && !t->targets.empty()) named.emplace_back(t->targets[0].table, t->targets[0].id);
  // (A few rows an article, asked of a few candidates: a linear search
  // costs less than sorting.)
  auto is_named = [&](std::string_view table, std::string_view id) {
    return std::find(named.begin(), named.end(), std::pair{table, id}) != named.end();
  };
  std::erase_if(taken, [&](const Candidate* t) { return t->gated && !is_named(t->targets[0].table, t->targets[0].id); });
  // A place is a plant beside a site word, of a company the article names;
  // else it is no mention (a town is no entity, LABELS.md).
  std::pmr::vector<Candidate> places(mem);
  places.reserve(taken.size());
  for (const Candidate* t : taken) {
    if (!t->place || !kb) continue;
    base::Span sentence = out.sentences[sentence_of(t->span.begin)].span;
    if (!beside_site_word(text, sentence, t->span)) continue;
    std::pmr::vector<RowRef> mine(mem);
    for (const RowRef& r : t->targets) {
      const kb::Facility* f = kb->find_facility(r.id);
      if (!f) continue;
      bool by_named = false;
      for (const kb::Company* c = kb->find_company(f->company); c && !by_named;
           c = c->parent.empty() ? nullptr : kb->find_company(c->parent))
        by_named = is_named("companies", c->id);
      if (by_named) mine.push_back(r);
    }
    if (mine.empty()) continue;
    Candidate& p = places.emplace_back(mem);
    p = *t;
    p.targets = mine;
  }
  std::erase_if(taken, [](const Candidate* t) { return t->place; });
  for (const Candidate& p : places) taken.push_back(&p);
  std::sort(taken.begin(), taken.end(), [](const Candidate* a, const Candidate* b) {
    return a->span.begin != b->span.begin ? a->span.begin < b->span.begin : a->span.end > b->span.end;
  });

  // The countries each sentence names (for the context of companies): (sentence,
  // country) in text order, so that one sentence's are together and in order.
  // Views into the candidates' rows.
  std::pmr::vector<std::pair<std::uint32_t, std::string_view>> countries_of(mem);
  for (const Candidate* t : taken)
    if (t->kind == MentionKind::kCountry && !t->targets.empty())
      countries_of.emplace_back(sentence_of(t->span.begin), t->targets[0].id);

  out.entity_mentions.reserve(taken.size());
  for (const Candidate* t : taken) {
    // Built in place (an EntityMention is heavy to move); nothing below reads
    // out.entity_mentions.
    EntityMention& m = out.entity_mentions.emplace_back();
    m.span = t->span;
    m.sentence = sentence_of(t->span.begin);
    // (Each string written in place: no temporary made and moved in.)
    m.text.assign(t->span.of(text));
    m.kind = t->kind;
    m.form.assign(t->form);
    m.name.assign(t->name);
    m.elements.assign(t->elements.begin(), t->elements.end());
    base::Span sentence_span = out.sentences.empty() ? t->span : out.sentences[m.sentence].span;
    std::string_view sentence = sentence_span.of(text);
    if (!t->targets.empty()) {
      set_ref(m.kb, t->targets[0]);
      // Several rows: the deposit when the sentence speaks of ore, else the
      // plant of the stage the sentence names.
      if (t->targets.size() > 1 && kb) {
        std::optional<kb::Stage> stage;
        auto [first, last] = ctx.cues_in(sentence_span);
        for (std::size_t i = first; i < last && !stage; ++i)
          if (ctx.cues[i].category == Category::kStage)
            stage = kb::parse_stage(lexicon::canonical(ctx.lex.entries()[ctx.cues[i].entry]));
        const RowRef* pick = nullptr;
        for (const RowRef& r : t->targets)
          if (r.table == "deposits" && speaks_of_deposit(sentence)) {
            pick = &r;
            m.why = "the sentence speaks of the deposit (its ore, reserves or resources)";
            break;
          }
        if (!pick && stage) {
          for (const RowRef& r : t->targets) {
            const kb::Facility* f = r.table == "facilities" ? kb->find_facility(r.id) : nullptr;
            if (!f || f->stage != *stage) continue;
            pick = &r;
            if (!(r == t->targets[0])) m.why = fmt::format("the sentence names the {} stage", kb::stage_name(*stage));
            break;
          }
        }
        if (pick) set_ref(m.kb, *pick);
        m.name.assign(row_name(kb, pick ? *pick : t->targets[0]));
        m.kind = kind_of(m.kb->table);
      }
      if (t->place && kb)
        if (const kb::Facility* f = kb->find_facility(m.kb->id))
          m.why = fmt::format("{} beside a word for a plant: the {} plant there", m.text, row_name(kb, {"companies", f->company}));
      // A company in the context of a country where it has a plant: that plant.
      // (Without the company's row no place can name its plant.)
      const kb::Company* co = m.kind == MentionKind::kCompany && kb ? kb->find_company(m.kb->id) : nullptr;
      if (co) {
        // The places in order: the countries inside the name itself ("Lynas
        // Malaysia"), the last first, then those of the sentence. Views: the
        // lexicon's and the candidates' strings outlive the loop.
        std::vector<std::string_view> places;
        auto [first, last] = ctx.cues_in(t->span);
        for (std::size_t i = last; i-- > first;)
          if (ctx.cues[i].category == Category::kCountry)
            places.push_back(lexicon::canonical(ctx.lex.entries()[ctx.cues[i].entry]));
        for (auto it = std::lower_bound(countries_of.begin(), countries_of.end(), m.sentence,
                                        [](const auto& e, std::uint32_t n) { return e.first < n; });
             it != countries_of.end() && it->first == m.sentence; ++it)
          places.push_back(it->second);
        for (std::string_view place : places) {
          if (place == co->country) continue;
          const kb::Facility* site = nullptr;
          for (const kb::Facility* f : kb->facilities_of(co->id))
            if (f->country == place && f->company == co->id) {
              site = f;
              break;
            }
          if (!site) continue;
          m.context = KbRef{"facilities", site->id};
          m.why = fmt::format("{} in a {} context: {}", m.text, place, site->name);
          break;
        }
      }
    }
  }
}

}  // namespace internal

}  // namespace assay::analysis
