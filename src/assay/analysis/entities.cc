// Entities (LABELS.md): the countries, companies, agencies, funds, facilities
// and elements an article names, and the key that decides when two names
// are the same entity (Analyzer::entity_keys, used by `assay eval`).
#include <algorithm>
#include <array>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

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
  for (auto [sym, name] : kNames)
    if (sym == symbol) return name;
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
  std::string key = plain_key(n);
  if (key.empty()) return {};
  return {key};
}

}  // namespace assay::analysis
