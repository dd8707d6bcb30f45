// Entities (LABELS.md): the countries, companies, agencies, funds, facilities
// and elements an article names, and the key that decides when two names
// are the same entity (Analyzer::entity_keys, used by `assay eval`).
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"
#include "assay/base/word_set.h"

namespace assay::analysis {

namespace internal {

std::string_view element_name(std::string_view symbol) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kNames = {{
      {"La", "lanthanum"}, {"Ce", "cerium"},     {"Pr", "praseodymium"}, {"Nd", "neodymium"}, {"Pm", "promethium"},
      {"Sm", "samarium"},  {"Eu", "europium"},   {"Gd", "gadolinium"},   {"Tb", "terbium"},   {"Dy", "dysprosium"},
      {"Ho", "holmium"},   {"Er", "erbium"},     {"Tm", "thulium"},      {"Yb", "ytterbium"}, {"Lu", "lutetium"},
      {"Y", "yttrium"},    {"Sc", "scandium"},   {"Li", "lithium"},      {"Co", "cobalt"},    {"Ni", "nickel"},
      {"C", "graphite"},   {"Ga", "gallium"},    {"Ge", "germanium"},    {"Sb", "antimony"},  {"W", "tungsten"},
      {"U", "uranium"},    {"Th", "thorium"},    {"Cu", "copper"},       {"Mn", "manganese"}, {"Nb", "niobium"},
      {"Ta", "tantalum"},
  }};
  // (The first letter compared before the whole symbol: most entries stop there.)
  if (symbol.empty()) return {};
  for (auto [sym, name] : kNames)
    if (sym[0] == symbol[0] && sym == symbol) return name;
  return {};
}

std::vector<std::string_view> element_symbols(std::string_view cue_text, std::string_view canonical) {
  std::string l = base::to_lower_ascii(cue_text);
  if (l == "ndpr" || l.starts_with("neodymium-praseodymium") || l.starts_with("neodymium praseodymium") ||
      l == "nd-pr" || l == "nd/pr")
    return {"Nd", "Pr"};
  if (l == "dy/tb" || l == "tb/dy") return {"Dy", "Tb"};
  return {canonical};
}

}  // namespace internal

namespace {

// Lower case, '&' as "and", dots and apostrophes dropped ("U.S." -> "us"),
// other punctuation as a space, spaces collapsed, a leading "the" dropped.
std::string plain_key(std::string_view name) {
  std::string out;
  bool space = false;
  auto put = [&](std::string_view w) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += w;
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == '.' || c == '\'') continue;
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80 &&
        static_cast<unsigned char>(name[i + 2]) == 0x99) {  // ’
      i += 2;
      continue;
    }
    if (c == '&') {
      space = true;
      put("and");
      space = true;
    } else if (base::is_ascii_alpha(name[i]) || base::is_ascii_digit(name[i]) || c >= 0x80) {
      char l = base::is_ascii_upper(name[i]) ? static_cast<char>(name[i] - 'A' + 'a') : name[i];
      put(std::string_view(&l, 1));
    } else {
      space = true;
    }
  }
  if (out.starts_with("the ")) out.erase(0, 4);
  return out;
}

}  // namespace

std::vector<std::string> Analyzer::entity_keys(std::string_view name) const {
  std::string n(base::trim(name));
  if (n.empty()) return {};
  lexicon::Matcher::Scratch scratch;
  std::vector<lexicon::Cue> cues;
  const lexicon::Lexicon& lex = matcher_->lexicon();
  // The country whose cue covers all of `s` (a trailing "'s" aside), if any.
  auto country_of = [&](std::string_view s) -> std::string {
    cues.clear();
    matcher_->scan(s, scratch, cues);
    for (const auto& c : cues) {
      if (c.category != lexicon::Category::kCountry || c.span.begin != 0 || lex.entries()[c.entry].weight < 1) continue;
      std::string_view rest = s.substr(c.span.end);
      if (rest.empty() || rest == "'s" || rest == "\xE2\x80\x99s") return std::string(lexicon::canonical(lex.entries()[c.entry]));
    }
    return {};
  };
  // A "(Country)" qualifier after the name, or "Country's" before it, is dropped.
  if (n.size() > 3 && n.back() == ')') {
    std::size_t open = n.rfind(" (");
    if (open != std::string::npos && !country_of(std::string_view(n).substr(open + 2, n.size() - open - 3)).empty())
      n = std::string(base::trim(std::string_view(n).substr(0, open)));
  }
  for (std::string_view poss : {"'s ", "\xE2\x80\x99s "}) {
    std::size_t at = n.find(poss);
    if (at != std::string::npos && at > 0 && !country_of(std::string_view(n).substr(0, at)).empty()) {
      n = n.substr(at + poss.size());
      break;
    }
  }
  if (std::string c = country_of(n); !c.empty()) return {"country:" + plain_key(c)};
  // Elements, by name or symbol; "NdPr" is neodymium and praseodymium.
  cues.clear();
  matcher_->scan(n, scratch, cues);
  for (const auto& c : cues) {
    if (c.category != lexicon::Category::kElement || c.span.begin != 0 || c.span.end != n.size()) continue;
    std::vector<std::string> out;
    for (auto sym : internal::element_symbols(n, lexicon::canonical(lex.entries()[c.entry])))
      if (auto e = internal::element_name(sym); !e.empty()) out.push_back("element:" + std::string(e));
    if (!out.empty()) return out;
  }
  if (auto e = internal::element_name(n); !e.empty()) return {"element:" + std::string(e)};
  // One row of data/kb under any of its names.
  if (kb_) {
    for (const auto& ref : kb_->aliases.find(n)) {
      if (ref.kind == kb::EntityKind::kCompany && ref.index < kb_->companies.size())
        return {"company:" + kb_->companies[ref.index].id};
      if (ref.kind == kb::EntityKind::kFacility && ref.index < kb_->facilities.size())
        return {"facility:" + kb_->facilities[ref.index].id};
      if (ref.kind == kb::EntityKind::kOutlet && ref.index < kb_->outlets.size())
        return {"outlet:" + kb_->outlets[ref.index].id};
    }
  }
  // A country or its adjective before a name is a qualifier too ("US
  // Department of Defense", "Chinese Ministry of Commerce").
  if (std::size_t sp = n.find(' '); sp != std::string::npos && sp + 1 < n.size() &&
                                    base::is_ascii_upper(n[sp + 1]) && !country_of(std::string_view(n).substr(0, sp)).empty() &&
                                    country_of(n).empty())
    n = n.substr(sp + 1);
  std::string key = plain_key(n);
  // "Commerce Department" is the "Department of Commerce".
  for (std::string_view body : {" department", " ministry"}) {
    if (key.ends_with(body) && key.find(" of ") == std::string::npos && key.size() > body.size())
      key = std::string(body.substr(1)) + " of " + key.substr(0, key.size() - body.size());
  }
  // A site is one entity with or without its kind: "Mountain Pass mine" is
  // "Mountain Pass".
  for (std::string_view kind : {" plant", " mine", " refinery", " facility", " mill", " smelter", " project", " deposit"}) {
    if (key.ends_with(kind) && key.size() > kind.size()) {
      key.resize(key.size() - kind.size());
      break;
    }
  }
  if (key.empty()) return {};
  return {key};
}


namespace internal {

namespace {


bool in(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

using base::WordSet;

// Words that make a capitalised name an organisation, an agency, a fund or
// a facility wherever they stand in it ("Ministry of Commerce", "Export
// Finance Australia" is not one, "Critical Minerals Facility" is).
bool is_org_head(std::string_view w) {
  static const WordSet kWords{"Ministry", "Department", "Agency", "Administration", "Bureau", "Office", "Service", "Commission",
                "Council", "Board", "Authority", "Survey", "Fund", "Bank", "Exchange", "Corporation", "Corp",
                "Company", "Co", "Group", "Holdings", "Ltd", "Limited", "Inc", "LLC", "Plc", "PLC", "AG", "GmbH",
                "JSC", "Association", "Alliance", "Forum", "Federation", "Institute", "Center", "Centre",
                "Foundation", "League", "Partners", "Capital", "Securities", "Research", "Analytics", "Intelligence",
                "Advisors", "Advisers", "Consulting", "Resources", "Materials", "Metals", "Minerals", "Mining",
                "Industries", "Technologies", "Energy", "Elements", "Magnetics", "Motors", "Tribe", "Mission",
                "Facility", "Plant", "Mine", "Refinery", "Project", "Mill", "Smelter", "Army", "Programme", "Trust",
                "Cooperative", "Society", "Organisation", "Organization", "Committee", "Government", "Treasury",
                "Chamber", "Coalition", "Partnership", "Initiative", "Laboratory", "University", "Earths",
                "Chemicals", "Chemical", "Steel", "Markets", "Market", "Equity", "Ventures", "Investments",
                "Commodities", "Electronics", "Automotive", "Magnet", "Magnets"};
  return kWords.contains(w);
}

// Lower-case nouns for a company or an institution: "miner Glencore",
// "Glencore, the Swiss trader".
bool is_company_noun(std::string_view w) {
  static const WordSet kWords{"miner", "miners", "carmaker", "automaker", "producer", "group", "firm", "company", "maker",
                "refiner", "trader", "house", "consultancy", "supplier", "developer", "manufacturer", "giant",
                "conglomerate", "startup", "start-up", "operator", "subsidiary", "lender", "bank", "fund", "insurer",
                "utility", "agency", "regulator", "broker", "brokerage", "processor", "smelter", "exporter",
                "importer", "major", "automaker", "chipmaker", "recycler", "explorer"};
  return kWords.contains(w);
}

// Roles of a person: "an analyst at X" makes X an organisation; an
// appositive holding one describes a person.
bool is_person_role(std::string_view w) {
  static const WordSet kWords{"analyst", "analysts", "economist", "strategist", "executive", "chief", "director", "spokesperson",
                "spokesman", "spokeswoman", "minister", "official", "head", "founder", "president", "manager",
                "researcher", "professor", "lawyer", "chairman", "chairwoman", "secretary", "partner", "consultant",
                "editor", "trader", "engineer", "geologist", "fellow", "adviser", "advisor", "officer", "senior"};
  return kWords.contains(w);
}

// Common all-capital abbreviations that name no organisation.
bool is_plain_abbreviation(std::string_view w) {
  static const WordSet kWords{"CEO", "CFO", "COO", "CTO", "EV", "EVS", "GDP", "REE", "REES", "REO", "TREO", "HREE", "LREE", "USD",
                "RMB", "IPO", "ESG", "AI", "ETF", "LNG", "OEM", "OEMS", "CO2", "ASX", "NYSE", "TSX", "FOB", "CIF",
                "YOY", "QOQ", "II", "III", "IV", "PM", "AM", "GMT", "UTC", "NB", "PS", "FAQ", "MREC", "MREO", "SEG",
                "HRE", "LRE", "NDFEB", "SX", "PPM", "KT", "MT", "TPA", "KTPA", "MW", "GW", "KWH", "MWH", "OK", "TV",
                "ID", "NPV", "IRR", "TSXV", "LSE", "AIM", "OTC", "FID", "PFS", "DFS", "JV", "MOU", "LOI", "EBITDA", "NAV", "EPS", "CAGR", "CEO'S", "NEWS", "UPDATE", "EXCLUSIVE", "ANALYSIS", "OPINION", "BREAKING"};
  return kWords.contains(w);
}

std::string upper(std::string_view w) {
  std::string out(w);
  for (char& c : out)
    if (base::is_ascii_lower(c)) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

struct Word {
  std::size_t begin, end;  // in the text
  std::string_view text;
};

// The words of sentence s, into `out` (cleared first).
void words_of(std::string_view text, base::Span s, std::vector<Word>& out) {
  out.clear();
  for (std::size_t i = s.begin; i < s.end;) {
    if (!base::is_word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.end && (base::is_word_byte(text[j]) || ((text[j] == '-' || text[j] == '.' || text[j] == '&') && j + 1 < s.end &&
                                                  base::is_word_byte(text[j + 1]))))
      ++j;
    // "U.S." keeps its last dot.
    if (j < s.end && text[j] == '.' && text.substr(i, j - i).find('.') != std::string_view::npos) ++j;
    out.push_back({i, j, text.substr(i, j - i)});
    i = j;
  }
}

// A capital first letter, or a digit with letters after it ("10X").
bool capitalised(std::string_view w) {
  if (w.empty()) return false;
  if (base::is_ascii_upper(w[0])) return true;
  return base::is_ascii_digit(w[0]) && std::any_of(w.begin(), w.end(), [](char c) { return base::is_ascii_upper(c); });
}

bool is_calendar(std::string_view w) {
  static const WordSet kWords{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
  return kWords.contains(w);
}

// Last words of an outlet's or a law's name: not entities here.
bool ends_outlet_or_law(std::string_view w) {
  static const WordSet kWords{"News", "Times", "Daily", "Weekly", "Journal", "Post", "Herald", "Monitor", "Brief", "Wire", "Gazette",
                "Magazine", "Tribune", "Telegraph", "Insider", "Observer", "Letter", "Report", "Act", "Law",
                "Regulation", "Directive", "Strategy", "Treaty", "Agreement", "Accord", "Plan", "Bill", "Rules"};
  return kWords.contains(w);
}

bool all_caps(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (base::is_ascii_lower(c)) return false;
    upper += base::is_ascii_upper(c);
  }
  return upper >= 2;
}

// A market instrument's code as wire market reports write them beside a
// name: ".DJI", "US10YT=RR", "CMAL3", "MIWD00000PUS": capitals glued to a
// leading dot or a following "=", or capitals with a digit among them (four
// characters or more: "3M", "G7" and "CO2" are not codes).
bool instrument_code(std::string_view text, std::size_t begin, std::size_t end) {
  std::string_view w = text.substr(begin, end - begin);
  if (!all_caps(w)) return false;
  if (begin > 0 && text[begin - 1] == '.' && (begin < 2 || text[begin - 2] == ' ' || text[begin - 2] == '(')) return true;
  if (end < text.size() && text[end] == '=') return true;
  return w.size() >= 4 && std::any_of(w.begin(), w.end(), [](char c) { return base::is_ascii_digit(c); });
}

// A hyphenated word whose part after the hyphen is in lower case
// ("Long-dated", "Three-month", "Hard-hit"): a compound adjective or
// noun, capitalised only by the sentence, not the first word of a name
// ("Rolls-Royce", "Coca-Cola" are capitalised after the hyphen).
bool lower_compound(std::string_view w) {
  std::size_t h = w.find('-');
  return h != std::string_view::npos && h + 1 < w.size() && base::is_ascii_lower(w[h + 1]);
}

}  // namespace

bool inside_region_name(std::string_view text, base::Span cue) {
  if (cue.begin < 2 || text[cue.begin - 1] != ' ') return false;
  std::size_t b = cue.begin - 1;
  while (b > 0 && base::is_ascii_alpha(text[b - 1])) --b;
  std::string_view prev = text.substr(b, cue.begin - 1 - b);
  static const WordSet kWords{"Inner", "Outer", "New", "Upper", "Lower", "Baja", "North", "South", "East", "West", "Northern",
                   "Southern", "Eastern", "Western", "Central"};
  return kWords.contains(prev);
}

void collect_entities(const kb::Kb* kb, const DocContext& ctx, DocumentAnalysis& out) {
  std::string_view text = ctx.text;
  std::set<std::string, std::less<>> have(out.entities.begin(), out.entities.end());
  std::vector<std::size_t> organisations;  // indexes in out.entities of what this step adds
  auto add = [&](std::string_view name) {
    if (name.empty() || have.contains(name)) return;
    have.emplace(name);
    organisations.push_back(out.entities.size());
    out.entities.emplace_back(name);
  };
  // The country a cue names, when a cue of the gazetteer covers [b, e).
  auto covered_by_country = [&](std::size_t b, std::size_t e) {
    auto [first, last] = ctx.cues_in(base::Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    std::size_t at = b;
    for (std::size_t k = first; k < last; ++k) {
      const Cue& c = ctx.cues[k];
      if (c.category != Category::kCountry && c.category != Category::kElement) continue;
      if (c.span.begin <= at + 1 && c.span.end > at) at = c.span.end;
    }
    return at + 1 >= e;
  };
  auto kb_name = [&](std::string_view name) -> std::string {
    if (!kb) return {};
    for (const auto& ref : kb->aliases.find(name)) {
      if (ref.kind == kb::EntityKind::kCompany && ref.index < kb->companies.size()) return kb->companies[ref.index].name;
      if (ref.kind == kb::EntityKind::kFacility && ref.index < kb->facilities.size()) return kb->facilities[ref.index].name;
      if (ref.kind == kb::EntityKind::kOutlet && ref.index < kb->outlets.size()) {
        // A price-reporting or research house cited for its figures is a
        // company; a news outlet is not an entity (LABELS.md).
        const kb::Outlet& o = kb->outlets[ref.index];
        std::string type = kb::outlet_type_name(o.type);
        if ((type == "trade" || type == "newsletter") && !ctx.own_outlet.empty() &&
            base::iequals_ascii(o.name, ctx.own_outlet))
          return {};
        if (type == "trade" || type == "newsletter") return o.name;
        return "\x01";  // known, and not an entity
      }
    }
    return {};
  };
  std::set<std::string, std::less<>> acronyms;  // defined in the text: "Full Name (ABC)"
  std::vector<Word> ws;  // one sentence's words, the storage kept from sentence to sentence
  for (const auto& sent : out.sentences) {
    if (ctx.in_dateline(sent.span) && sent.span.end <= ctx.dateline.end) continue;
    words_of(text, sent.span, ws);
    if (ws.empty()) continue;
    // A heading in title case or capitals: its capitals name nothing.
    int caps = 0;
    for (const auto& w : ws) caps += capitalised(w.text);
    bool heading = ws.size() >= 3 && caps * 10 >= static_cast<int>(ws.size()) * 7;
    auto possessive = [&](std::size_t k) {
      std::size_t e = ws[k].end;
      return text.substr(e, 2) == "'s" || text.substr(e, 4) == "\xE2\x80\x99s" || (e < text.size() && text[e] == '\'');
    };
    // Decides whether the run ws[first..last] names an entity, and adds it.
    auto consider = [&](std::size_t first, std::size_t last) {
    std::size_t b = ws[first].begin, e = ws[last].end;
    std::string_view name = text.substr(b, e - b);
    std::size_t words = last - first + 1;
    bool sentence_initial = first == 0;
    // A name of data/kb first: companies, facilities, price reporters.
    const std::string known = kb_name(name);
    if (known == "\x01") return;
    if (!known.empty()) {
      add(known);
      return;
    }
    if (heading || covered_by_country(b, e)) return;
    // An acronym defined here: "Name (ABC)" is the name, and later "ABC" is it too.
    std::size_t after = e;
    if (text.substr(after, 2) == " (") {
      std::size_t close = text.find(')', after + 2);
      if (close != std::string_view::npos && close - after - 2 <= 12 && all_caps(text.substr(after + 2, close - after - 2)) &&
          words >= 2) {
        acronyms.insert(std::string(text.substr(after + 2, close - after - 2)));
        add(name);
        return;
      }
    }
    if (words == 1 && all_caps(name)) {
      if (acronyms.count(name) || is_plain_abbreviation(upper(name)) || name.size() < 3 ||
          name.size() > 8 || covered_by_country(b, e))
        return;
      add(name);
      return;
    }
    bool org = false;
    if (words >= 2)
      for (std::size_t k = first; k <= last && !org; ++k)
        org = is_org_head(ws[k].text) || (ws[k].text == "House" && k > first && ws[k - 1].text == "White");
    if (org) {
      add(name);
      return;
    }
    // A facility: a name before "plant", "mine", "refinery" ...
    if (last + 1 < ws.size() && ws[last + 1].begin - e == 1 &&
        in(ws[last + 1].text, {"plant", "mine", "refinery", "facility", "mill", "smelter", "project", "deposit", "hub"}) &&
        !sentence_initial) {
      add(std::string(name) + " " + std::string(ws[last + 1].text));
      return;
    }
    // A company by its description: "miner Glencore", "Glencore, a Swiss
    // trader", "an analyst at Glencore".
    bool company = false;
    if (first > 0 && ws[first - 1].end + 1 == b && is_company_noun(ws[first - 1].text)) company = true;
    if (!company && first > 0 && ws[first - 1].text == "at") {
      for (std::size_t k = first - 1; k-- > 0 && k + 5 >= first;)
        if (is_person_role(base::to_lower_ascii(ws[k].text))) company = true;
    }
    if (!company && e + 2 < sent.span.end && text[e] == ',' && last + 2 < ws.size() &&
        in(ws[last + 1].text, {"a", "an", "the"})) {
      bool person = false, noun = false;
      for (std::size_t k = last + 2; k < ws.size() && k < last + 8; ++k) {
        if (text.substr(ws[k - 1].end, 1) == "," && k > last + 2) break;
        std::string l = base::to_lower_ascii(ws[k].text);
        if (is_person_role(l)) person = true;
        if (is_company_noun(l) && !possessive(k)) noun = true;
      }
      company = noun && !person;
    }
    if (company && !sentence_initial) add(name);
    else if (company && words >= 1 && !ctx.seen_lowercase(ws[first].text)) add(name);
    };
    for (std::size_t i = 0; i < ws.size();) {
      if (!capitalised(ws[i].text) || instrument_code(text, ws[i].begin, ws[i].end) ||
          ctx.in_dateline(base::Span{static_cast<std::uint32_t>(ws[i].begin), static_cast<std::uint32_t>(ws[i].end)})) {
        ++i;
        continue;
      }
      // The run: capitalised words, joined by "of", "and", "&", "for", "de"
      // and "of the"/"for the" when a capitalised word follows; a
      // possessive ends it.
      std::size_t j = i;
      while (j + 1 < ws.size() && !possessive(j)) {
        bool adjacent = ws[j + 1].begin - ws[j].end == 1 && text[ws[j].end] == ' ';
        if (!adjacent) break;
        std::string_view n = ws[j + 1].text;
        if (capitalised(n) && !instrument_code(text, ws[j + 1].begin, ws[j + 1].end)) {
          ++j;
          continue;
        }
        if (in(n, {"of", "and", "for", "de", "du"}) && j + 2 < ws.size()) {
          if (capitalised(ws[j + 2].text) && ws[j + 2].begin - ws[j + 1].end == 1) {
            j += 2;
            continue;
          }
          if (n != "and" && ws[j + 2].text == "the" && j + 3 < ws.size() && capitalised(ws[j + 3].text)) {
            j += 3;
            continue;
          }
        }
        break;
      }
      std::size_t first = i, last = j;
      i = j + 1;
      // "The", a month or a weekday at the front is not part of the name.
      static const WordSet kNotFirst{"The", "A",    "An",   "In",    "On",  "At",    "For", "But", "And", "As",
                                     "By",  "If",   "This", "That",  "These", "Its", "Their", "Our", "We",  "It"};
      // A sentence's opening connective, preposition or determiner
      // ("Further, ...", "Among the buyers ...", "Another ...").
      static const WordSet kOpeners{
          "Further",    "Furthermore", "Moreover",  "However",   "Meanwhile",   "Nevertheless", "Nonetheless", "Besides",
          "Additionally", "Consequently", "Therefore", "Thus",    "Hence",       "Indeed",       "Overall",     "Finally",
          "Ultimately", "Elsewhere",   "Separately", "Similarly", "Likewise",   "Instead",      "Still",       "Yet",
          "Also",       "Again",       "Earlier",   "Later",     "Previously",  "Recently",     "Currently",   "Today",
          "Yesterday",  "Among",       "Amid",      "Amongst",   "Across",      "Along",        "Against",     "Beyond",
          "Despite",    "During",      "Through",   "Throughout", "Toward",     "Towards",      "Upon",        "Within",
          "Without",    "Over",        "Since",     "Until",     "Unlike",      "Like",         "Via",         "About",
          "Above",      "Below",       "Behind",    "Between",   "Another",     "Other",        "Such",        "Several",
          "Few",        "Each",        "Every",     "Both",      "Either",      "Neither",      "Much",        "More",
          "Most",       "Many",        "Some",      "Any",       "No",          "All",          "Those",       "These"};
      while (first <= last && (kNotFirst.contains(ws[first].text) || (first == 0 && kOpeners.contains(ws[first].text)) ||
                               is_calendar(ws[first].text) ||
                               // A sentence's first word the text also writes in lower case ("Shares of X").
                               (first == 0 && first < last &&
                                (ctx.seen_lowercase(ws[first].text) || lower_compound(ws[first].text))))) {
        ++first;
        while (first <= last && !capitalised(ws[first].text)) ++first;  // "of" after it
      }
      if (first > last || ends_outlet_or_law(ws[last].text)) continue;
      if (!ctx.own_outlet.empty() && base::iequals_ascii(text.substr(ws[first].begin, ws[last].end - ws[first].begin), ctx.own_outlet))
        continue;
      // Two names joined by "and" ("Lynas Rare Earths and MP Materials") are
      // two; "Ministry of Commerce and Industry" stays one.
      std::array<std::pair<std::size_t, std::size_t>, 2> parts{{{first, last}}};
      std::size_t n_parts = 1;
      for (std::size_t k = first + 1; k < last; ++k) {
        if (ws[k].text != "and" && ws[k].text != "&") continue;
        auto strong = [&](std::size_t a, std::size_t z) {
          std::string_view part = text.substr(ws[a].begin, ws[z].end - ws[a].begin);
          if (!kb_name(part).empty()) return true;
          if (z == a) return all_caps(ws[a].text);
          for (std::size_t m = a; m <= z; ++m)
            if (is_org_head(ws[m].text)) return true;
          return false;
        };
        if (strong(k + 1, last) && (strong(first, k - 1) || k - 1 == first)) {
          parts = {{{first, k - 1}, {k + 1, last}}};
          n_parts = 2;
          break;
        }
      }
      for (std::size_t p = 0; p < n_parts; ++p) consider(parts[p].first, parts[p].second);
    }
  }
  // The organisations' mentions: the names of the cast (every capitalised
  // name, people and places too, kept for the rules' references) that are
  // one of the organisations found above, by their key or as a first word
  // of it ("Lynas" for "Lynas Rare Earths"), counted under its name; an
  // organisation the cast does not hold (a kb name, a facility) counts once.
  // (Compared as written: no key is made a name.)
  std::map<std::string, int> counted;
  for (std::size_t at : organisations) {
    const std::string& name = out.entities[at];
    int n = 0;
    for (const auto& [k, c] : out.mentions.organisations)
      if (k == name || (name.size() > k.size() && name.starts_with(k) && name[k.size()] == ' ' && k.find(' ') == std::string::npos))
        n += c;
    counted[name] = std::max(n, 1);
  }
  out.mentions.organisations = std::move(counted);
}

}  // namespace internal

}  // namespace assay::analysis
