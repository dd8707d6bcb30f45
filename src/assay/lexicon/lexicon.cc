#include "assay/lexicon/lexicon.h"

#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::lexicon {

using base::Error;

namespace {

constexpr auto kCategoryNames = base::enum_names<Category>({
    {Category::kAttrVerb, "attr.verb"},
    {Category::kAttrAnonymous, "attr.anonymous"},
    {Category::kAttrGroup, "attr.group"},
    {Category::kAttrMedia, "attr.media"},
    {Category::kOutlet, "outlet"},
    {Category::kOrgReference, "org.reference"},
    {Category::kConfirmOfficial, "confirm.official"},
    {Category::kConfirmAbsent, "confirm.absent"},
    {Category::kNegation, "negation"},
    {Category::kHedge, "hedge"},
    {Category::kConditional, "conditional"},
    {Category::kForecast, "forecast"},
    {Category::kExpectation, "expectation"},
    {Category::kIntent, "intent"},
    {Category::kVague, "vague"},
    {Category::kMotion, "motion"},
    {Category::kOpinion, "opinion"},
    {Category::kBelief, "belief"},
    {Category::kPromo, "promo"},
    {Category::kTicker, "ticker"},
    {Category::kFirstPerson, "first_person"},
    {Category::kGeopolitical, "geopolitical"},
    {Category::kSensational, "sensational"},
    {Category::kStakeGovernment, "stake.government"},
    {Category::kStakeCompany, "stake.company"},
    {Category::kStakeStateEnterprise, "stake.state_enterprise"},
    {Category::kStakeAnalyst, "stake.analyst"},
    {Category::kStakeCommunity, "stake.community"},
    {Category::kStakeEnvironment, "stake.environment"},
    {Category::kStakeInvestor, "stake.investor"},
    {Category::kStakeIndustryBody, "stake.industry_body"},
    {Category::kCountry, "country"},
    {Category::kElement, "element"},
    {Category::kStage, "stage"},
    {Category::kEventType, "event"},
    {Category::kSignal, "signal"},
    {Category::kEntity, "entity"},
});
static_assert(kCategoryNames.size() == kCategoryCount);

bool is_word_char(char c) { return base::is_ascii_alpha(c) || base::is_ascii_digit(c) || c == '_'; }

}  // namespace

const char* category_name(Category c) { return kCategoryNames.name(c); }

bool parse_category(std::string_view s, Category* out) {
  auto c = kCategoryNames.parse(s);
  if (c) *out = *c;
  return c.has_value();
}

bool is_case_sensitive(std::string_view p) {
  bool in_class = false, class_upper = false, class_lower = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      ++i;  // escaped: \b, \S, \W are not letters of the pattern
      continue;
    }
    if (c == '[') {
      in_class = true;
      class_upper = class_lower = false;
      continue;
    }
    if (c == ']' && in_class) {
      in_class = false;
      // A class of capitals only ("[A-Z]{2,6}", a ticker) asks for capitals;
      // "[Bb]" accepts either case.
      if (class_upper && !class_lower) return true;
      continue;
    }
    if (in_class) {
      class_upper |= base::is_ascii_upper(c);
      class_lower |= base::is_ascii_lower(c);
    } else if (base::is_ascii_upper(c)) {
      return true;
    }
  }
  return false;
}

std::string expand_pattern(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 32);
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out.push_back(c);
      out.push_back(p[++i]);
      continue;
    }
    if (c == '[') in_class = true;
    if (c == ']') in_class = false;
    if (in_class) {
      out.push_back(c);
    } else if (c == '\'') {
      out += "(?:'|\\xE2\\x80\\x99)";
    } else if (c == '"') {
      out += "(?:\"|\\xE2\\x80\\x9C|\\xE2\\x80\\x9D)";
    } else if (c == ' ') {
      // A space in a pattern matches any run of spaces, including NBSP.
      out += "(?:[ \\t\\n]|\\xC2\\xA0)+";
    } else {
      out.push_back(c);
    }
  }
  // Word boundaries where the pattern starts or ends with a word character,
  // looking through groups and optional marks: "(he|she)" and "plans?" too.
  std::size_t b = 0;
  while (b < p.size() && (p[b] == '(' || (p[b] == '?' && b > 0 && p[b - 1] == '(') || (p[b] == ':' && b > 1 && p[b - 1] == '?')))
    ++b;
  bool lead = b < p.size() && (is_word_char(p[b]) || (p[b] == '[' && b + 1 < p.size() && is_word_char(p[b + 1])));
  std::size_t e = p.size();
  while (e > 0 && (p[e - 1] == ')' || p[e - 1] == '?' || p[e - 1] == '+' || p[e - 1] == '*')) --e;
  bool trail = e > 0 && ((is_word_char(p[e - 1]) && !(e >= 2 && p[e - 2] == '\\')) || p[e - 1] == ']');
  return fmt::format("{}(?:{}){}", lead ? "\\b" : "", out, trail ? "\\b" : "");
}

void Lexicon::parse_file(std::string_view name, std::string_view contents, std::vector<Entry>& entries,
                         base::Errors& errors) {
  int line_no = 0;
  std::size_t pos = 0;
  std::set<std::pair<Category, std::string>> seen;
  for (const auto& e : entries) seen.insert({e.category, base::to_lower_ascii(e.pattern)});
  while (pos < contents.size()) {
    std::size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (base::trim(line).empty() || line.front() == '#') continue;
    auto cols = base::split(line, '\t');
    base::Location where{.file = std::string(name), .line = line_no};
    if (line_no == 1 && cols.size() >= 2 && cols[0] == "category" && cols[1] == "pattern") continue;  // header
    if (cols.size() != 4) {
      where.column = 1;
      errors.add(Error::invalid(
          fmt::format("expected 4 tab-separated columns (category, pattern, weight, note), found {}", cols.size()), where));
      continue;
    }
    Entry e;
    e.file = std::string(name);
    e.line = line_no;
    if (!parse_category(cols[0], &e.category)) {
      where.column = 1;
      where.field = "category";
      errors.add(Error::invalid(fmt::format("unknown category \"{}\"", cols[0]), where));
      continue;
    }
    e.pattern = std::string(cols[1]);
    if (base::trim(e.pattern).empty() || e.pattern != base::trim(e.pattern)) {
      where.column = static_cast<std::int64_t>(cols[0].size() + 2);
      where.field = "pattern";
      errors.add(Error::invalid("pattern is empty or has leading/trailing spaces", where));
      continue;
    }
    std::string_view w = base::trim(cols[2]);
    char* end = nullptr;
    std::string wbuf(w);
    e.weight = std::strtod(wbuf.c_str(), &end);
    if (wbuf.empty() || end != wbuf.c_str() + wbuf.size() || e.weight < -10 || e.weight > 10) {
      where.column = static_cast<std::int64_t>(cols[0].size() + cols[1].size() + 3);
      where.field = "weight";
      errors.add(Error::invalid(fmt::format("weight \"{}\" is not a number in [-10, 10]", w), where));
      continue;
    }
    e.note = std::string(cols[3]);
    auto key = std::make_pair(e.category, base::to_lower_ascii(e.pattern));
    if (!seen.insert(key).second) {
      where.column = static_cast<std::int64_t>(cols[0].size() + 2);
      where.field = "pattern";
      errors.add(Error::invalid(fmt::format("duplicate pattern \"{}\" in category {}", e.pattern, cols[0]), where));
      continue;
    }
    entries.push_back(std::move(e));
  }
}

std::expected<Lexicon, base::Errors> Lexicon::load(const base::DataSource& data) {
  std::vector<Entry> entries;
  base::Errors errors;
  auto files = data.list("lexicons/", ".tsv");
  if (files.empty()) errors.add(Error::not_found("no lexicon files (lexicons/*.tsv)", {.file = data.display_path("lexicons/")}));
  for (const auto& f : files) {
    auto contents = data.read(f);
    if (!contents) {
      errors.add(contents.error());
      continue;
    }
    parse_file(data.display_path(f), *contents, entries, errors);
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return Lexicon(std::move(entries));
}

std::size_t Lexicon::count(Category c) const {
  return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [c](const Entry& e) { return e.category == c; }));
}

std::uint64_t fingerprint(const Lexicon& lex) {
  std::uint64_t h = base::fnv1a("assay-lexicon-v1");
  for (const auto& e : lex.entries()) {
    h = base::fnv1a(category_name(e.category), h);
    h = base::fnv1a("\t", h);
    h = base::fnv1a(e.pattern, h);
    h = base::fnv1a("\n", h);
  }
  return h;
}

std::string_view canonical(const Entry& e) {
  std::string_view n = e.note;
  auto semi = n.find(';');
  return base::trim(n.substr(0, semi));
}

base::Errors find_unreachable(const Lexicon& lex) {
  base::Errors out;
  for (const auto& e : lex.entries()) {
    std::vector<std::string> examples;
    std::string_view note = e.note;
    for (std::size_t q = note.find('"'); q != std::string_view::npos;) {
      std::size_t close = note.find('"', q + 1);
      if (close == std::string_view::npos) break;
      examples.emplace_back(note.substr(q + 1, close - q - 1));
      q = note.find('"', close + 1);
    }
    if (examples.empty()) continue;
    std::string expr = expand_pattern(e.pattern);
    unsigned flags = is_case_sensitive(e.pattern) ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS);
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(expr.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      continue;  // reported by Matcher::compile
    }
    hs_scratch_t* scratch = nullptr;
    hs_alloc_scratch(db, &scratch);
    bool hit = false;
    for (const auto& ex : examples) {
      auto cb = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
        *static_cast<bool*>(ctx) = true;
        return 1;
      };
      hs_scan(db, ex.data(), static_cast<unsigned>(ex.size()), 0, scratch, cb, &hit);
      if (hit) break;
    }
    hs_free_scratch(scratch);
    hs_free_database(db);
    if (!hit)
      out.add(Error::invalid(fmt::format("unreachable: pattern \"{}\" does not match its own example(s) in the note",
                                               e.pattern),
                                   {.file = e.file, .line = e.line, .field = "pattern"}));
  }
  return out;
}

}  // namespace assay::lexicon
