// corpus/facts: see facts.h.
#include "assay/corpus/facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "assay/base/strings.h"
#include "assay/corpus/near_dup.h"

namespace assay::corpus {

namespace {

using analysis::Label;

// Function words and the words every news piece uses; content words are
// what is left. (Domain words such as "rare" and "earth" stay: the
// clustering weighs terms by how rare they are in the corpus.)
const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "about", "above", "according", "across", "after", "again", "against", "ago", "all", "almost", "along", "already",
      "also", "although", "always", "among", "an", "and", "another", "any", "are", "around", "as", "asked", "at", "back",
      "be", "became", "because", "become", "been", "before", "being", "below", "between", "both", "but", "by", "can",
      "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "enough",
      "even", "ever", "every", "few", "first", "for", "from", "further", "get", "gets", "given", "going", "got", "had",
      "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "including",
      "into", "is", "it", "its", "itself", "just", "last", "later", "least", "less", "like", "made", "make", "makes",
      "many", "may", "me", "might", "more", "most", "much", "must", "my", "near", "nearly", "need", "new", "next", "no",
      "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others", "our", "out",
      "over", "own", "part", "per", "put", "rather", "said", "same", "say", "says", "see", "seen", "set", "several",
      "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their", "them", "then", "there",
      "these", "they", "this", "those", "though", "three", "through", "to", "told", "too", "two", "under", "until", "up",
      "upon", "us", "use", "used", "very", "via", "was", "way", "we", "week", "weeks", "were", "what", "when", "where",
      "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "year",
      "years", "yet", "you", "your", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
      "december", "month", "months", "today", "yesterday", "percent", "tonnes", "tons", "million", "billion",
      "people", "person", "matter", "added", "statement", "reported", "report", "reports", "news", "comment"};
  return kWords;
}

std::string stem(std::string w) {
  if (w.size() > 4 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u' && w[w.size() - 2] != 'i')
    w.pop_back();
  return w;
}

bool all_alpha(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return base::is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80; });
}

// The 60 most frequent content words, those of the title counted thrice.
constexpr std::size_t kTerms = 60;

std::vector<std::string> salient_terms(std::string_view title, std::string_view text) {
  // term -> (count, first position). The list is ordered by the sort below,
  // whose keys no two terms share (a first position is one word's), so a
  // hash map gives the list an ordered one would. The words are those of
  // normalised_words(), made in one reused buffer.
  std::unordered_map<std::string, std::pair<int, std::size_t>> counts;
  counts.reserve(512);
  std::size_t pos = 0;
  std::string w;
  auto word = [&](int weight) {
    ++pos;
    if (w.size() < 3 || !all_alpha(w) || stopwords().contains(w)) return;
    w = stem(std::move(w));
    auto [it, fresh] = counts.try_emplace(w, 0, pos);
    it->second.first += weight;
  };
  auto add = [&](std::string_view s, int weight) { for_each_normalised_word(s, w, [&](std::string&) { word(weight); }); };
  add(title, 3);
  add(text, 1);
  std::vector<std::pair<std::string, std::pair<int, std::size_t>>> v(std::make_move_iterator(counts.begin()),
                                                                      std::make_move_iterator(counts.end()));
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first > b.second.first : a.second.second < b.second.second;
  });
  if (v.size() > kTerms) v.resize(kTerms);
  std::vector<std::string> out;
  for (auto& [t, c] : v) out.push_back(t);
  std::sort(out.begin(), out.end());
  return out;
}

// A lead word's lemma, as far as suffixes tell it: "halted", "halting" and
// "halts" -> "halt"; "raised", "raise" -> "rais"; "planned" -> "plan";
// "supplies", "supplied" -> "suppli".
std::string lemma(std::string w) {
  auto ends = [&](std::string_view x) { return w.size() > x.size() + 2 && w.ends_with(x); };
  if (ends("ies") || ends("ied")) w.replace(w.size() - 3, 3, "i");
  else if (ends("ing")) w.resize(w.size() - 3);
  else if (ends("ed")) w.resize(w.size() - 2);
  else if (ends("es") && !ends("ses")) w.resize(w.size() - 1);
  else if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u' && w[w.size() - 2] != 'i') w.pop_back();
  if (w.size() > 3 && w.back() == 'e') w.pop_back();
  if (w.size() > 3 && w.back() == w[w.size() - 2] && std::string_view("aeiouls").find(w.back()) == std::string_view::npos) w.pop_back();
  if (w.size() > 3 && w.back() == 'y') w.back() = 'i';
  return w;
}

// A dateline before the lead ("SASKATOON, June 28 (Wire) - "): cut when a
// dash follows a capitalised opening within the first 90 bytes.
std::string_view without_dateline(std::string_view s) {
  if (s.empty() || !base::is_ascii_upper(s[0])) return s;
  const std::size_t limit = std::min<std::size_t>(s.size(), 90);
  for (std::string_view dash : {" - ", " -- ", " \xe2\x80\x94 ", " \xe2\x80\x93 "}) {
    auto at = s.substr(0, limit).find(dash);
    if (at != std::string_view::npos && s.substr(0, at).find(',') != std::string_view::npos) return s.substr(at + dash.size());
  }
  return s;
}

std::string number_token(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.3g}", v);
}

// Two significant digits: 5,473 -> 5500, 56.1 -> 56.
double round2(double v) {
  if (v == 0) return 0;
  double mag = std::pow(10.0, std::floor(std::log10(std::fabs(v))) - 1);
  return std::round(v / mag) * mag;
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

constexpr char kField = '\x1f';
constexpr char kItem = '\x1e';

std::string join_items(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += kItem;
    for (char c : v[i]) out += (c == kField || c == kItem || c == '\n') ? ' ' : c;
  }
  return out;
}

std::vector<std::string> split_items(std::string_view s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  for (auto part : base::split(s, kItem)) out.emplace_back(part);
  return out;
}

}  // namespace

std::vector<std::string> lead_terms(std::string_view title, std::string_view first_sentence,
                                    const std::vector<std::string>& names) {
  std::set<std::string> skip;
  for (const auto& n : names)
    for (auto& w : normalised_words(n)) skip.insert(lemma(std::move(w)));
  std::vector<std::string> out;
  for (std::string_view part : {title, without_dateline(first_sentence)})
    for (auto& w : normalised_words(part)) {
      if (w.size() < 3 || !all_alpha(w) || stopwords().contains(w)) continue;
      std::string t = lemma(std::move(w));
      if (!skip.contains(t)) out.push_back(std::move(t));
    }
  sort_unique(out);
  return out;
}

std::string figure_token(double value, std::string_view unit) { return number_token(value) + std::string(unit); }

std::string rounded_figure(std::string_view token) {
  if (token.starts_with("~")) return std::string(token);
  double v = 0;
  auto r = std::from_chars(token.data(), token.data() + token.size(), v);
  if (r.ec != std::errc()) return std::string(token);
  // "a year" is as often left out as given ("5,473 tonnes a year", "about
  // 5,500 tonnes of annual supply"): the rounded token drops the rate.
  std::string_view unit(r.ptr, static_cast<std::size_t>(token.data() + token.size() - r.ptr));
  if (unit.ends_with("/yr")) unit.remove_suffix(3);
  return "~" + number_token(round2(v)) + std::string(unit);
}

int day_number(std::string_view date) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return -1;
  int y = 0, m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto r = std::from_chars(date.data() + at, date.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == date.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return -1;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return -1;
  return static_cast<int>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

ArticleFacts facts_of(const analysis::DocumentAnalysis& a, std::string key) {
  const text::Document& doc = a.document;
  ArticleFacts f;
  f.key = std::move(key);
  f.id = doc.id;
  f.outlet = doc.outlet;
  f.published = doc.published;
  f.title = doc.title;
  f.day = day_number(doc.published);
  std::string all = doc.title;
  all += "\n";
  all += doc.text;
  f.shingles = shingle_set(all);
  for (const auto& m : a.entity_mentions) {
    if (!m.name.empty()) f.entities.push_back(m.name);
  }
  sort_unique(f.entities);
  f.terms = salient_terms(doc.title, doc.text);
  for (const auto& q : a.quantities) {
    if (q.source_count || q.unit == "count" || q.unit.empty()) continue;
    // A change is another fact than a level of the same size: "revenue rose
    // 36%" and "a 36% stake" share a number, not a figure.
    std::string token = figure_token(q.value, q.measure == analysis::Measure::kGrowth ? std::string(q.unit).append(kChangeMark) : q.unit);
    f.figures.push_back(rounded_figure(token));
    f.figures.push_back(std::move(token));
  }
  sort_unique(f.figures);
  f.credit = a.assessment.origin;
  if (!f.credit.empty()) f.media.push_back(base::to_lower_ascii(f.credit));
  for (const auto& s : a.sentences)
    for (const auto& at : s.attributions)
      if (at.kind == analysis::SourceKind::kMedia && !at.source.empty())
        f.media.push_back(base::to_lower_ascii(at.source.of(doc.text)));
  sort_unique(f.media);
  {
    // The lead: the title and the first body sentence after its dateline.
    std::string_view first;
    std::uint32_t first_index = 0, lead_begin = 0;
    for (std::uint32_t i = 0; i < a.sentences.size(); ++i)
      if (a.sentences[i].role == text::SentenceRole::kBody) {
        first = a.sentences[i].span.of(doc.text);
        first_index = i;
        lead_begin = a.sentences[i].span.begin + static_cast<std::uint32_t>(first.size() - without_dateline(first).size());
        break;
      }
    const std::string title = base::to_lower_ascii(doc.title);
    for (const auto& m : a.entity_mentions) {
      if (m.name.empty()) continue;
      const bool in_lead = !first.empty() && m.sentence == first_index && m.span.begin >= lead_begin;
      if (in_lead || (!m.text.empty() && title.find(base::to_lower_ascii(m.text)) != std::string::npos))
        f.actors.push_back(m.name);
    }
    sort_unique(f.actors);
    std::vector<std::string> names = f.entities;
    names.push_back(doc.outlet);
    names.insert(names.end(), f.media.begin(), f.media.end());
    f.lead = lead_terms(doc.title, first, names);
  }
  for (const auto& e : a.events) f.events.push_back(analysis::event_type_name(e.type));
  sort_unique(f.events);
  f.speakers = a.assessment.named_speakers;
  for (const auto& s : a.sentences) {
    ++f.sentences;
    const auto has = [&](Label l) { return s.labels.has(l); };
    f.named += has(Label::kSourceNamed);
    f.anonymous += has(Label::kSourceAnonymous);
    f.official += has(Label::kConfirmOfficial);
    f.non_confirmations += has(Label::kConfirmAbsent);
    f.hedged += has(Label::kHedge);
    f.opinion += has(Label::kOpinion);
    if (has(Label::kQuantity) && s.attributions.empty()) ++f.unsourced_figures;
  }
  for (const auto& e : a.events) f.denials += e.status == analysis::EventStatus::kDenied;
  // Capitalised words not at a sentence's start.
  for (const auto& s : a.sentences) {
    std::string_view t = s.span.of(doc.text);
    bool first = true;
    std::size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && !base::is_word_byte(t[i])) ++i;
      std::size_t b = i;
      while (i < t.size() && (base::is_word_byte(t[i]) || t[i] == '-')) ++i;
      if (b < i && !first && base::is_ascii_upper(t[b]) && i - b >= 3) f.names.push_back(base::to_lower_ascii(t.substr(b, i - b)));
      first = false;
    }
  }
  sort_unique(f.names);
  return f;
}

std::string encode_facts(const ArticleFacts& f) {
  std::vector<std::string> fields = {
      "3", f.key, f.id, f.outlet, f.published, f.title, "", join_items(f.entities), join_items(f.terms),
      join_items(f.figures), f.credit, join_items(f.media), join_items(f.speakers), join_items(f.names),
      fmt::format("{} {} {} {} {} {} {} {} {}", f.sentences, f.named, f.anonymous, f.official, f.non_confirmations, f.hedged,
                  f.opinion, f.denials, f.unsourced_figures),
      join_items(f.lead), join_items(f.events), join_items(f.actors)};
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += kField;
    for (char c : fields[i]) out += (c == kField || c == '\n') ? ' ' : c;
  }
  return out;
}

base::Result<ArticleFacts> decode_facts(std::string_view line) {
  auto parts = base::split(line, kField);
  auto bad = [&](std::string_view why) { return base::fail(base::Error::invalid(fmt::format("story facts: {}", why))); };
  const bool v1 = parts.size() == 15 && parts[0] == "1";
  if (!v1 && (parts.size() != 18 || (parts[0] != "2" && parts[0] != "3"))) return bad("not a facts line of version 1, 2 or 3");
  if (parts[0] == "3" && !parts[6].empty()) return bad("a line of version 3 carries no shingles");
  ArticleFacts f;
  f.key = parts[1];
  f.id = parts[2];
  f.outlet = parts[3];
  f.published = parts[4];
  f.title = parts[5];
  f.day = day_number(f.published);
  std::string_view sh = parts[6];
  if (sh.size() % 8) return bad("shingles are not 8 hex digits each");
  for (std::size_t i = 0; i < sh.size(); i += 8) {
    std::uint32_t v = 0;
    auto r = std::from_chars(sh.data() + i, sh.data() + i + 8, v, 16);
    if (r.ec != std::errc() || r.ptr != sh.data() + i + 8) return bad("a shingle is not hex");
    f.shingles.push_back(v);
  }
  f.entities = split_items(parts[7]);
  f.terms = split_items(parts[8]);
  f.figures = split_items(parts[9]);
  f.credit = parts[10];
  f.media = split_items(parts[11]);
  f.speakers = split_items(parts[12]);
  f.names = split_items(parts[13]);
  int* counts[] = {&f.sentences, &f.named, &f.anonymous, &f.official, &f.non_confirmations, &f.hedged, &f.opinion, &f.denials,
                   &f.unsourced_figures};
  auto nums = base::split(parts[14], ' ');
  if (nums.size() != std::size(counts)) return bad("the counts are incomplete");
  for (std::size_t i = 0; i < nums.size(); ++i) {
    auto r = std::from_chars(nums[i].data(), nums[i].data() + nums[i].size(), *counts[i]);
    if (r.ec != std::errc()) return bad("a count is not a number");
  }
  if (!v1) {
    f.lead = split_items(parts[15]);
    f.events = split_items(parts[16]);
    f.actors = split_items(parts[17]);
  }
  return f;
}

std::string encode_shingles(const std::vector<std::uint32_t>& shingles) {
  std::string out(shingles.size() * 4, '\0');
  for (std::size_t i = 0; i < shingles.size(); ++i)
    for (std::size_t b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<char>((shingles[i] >> (8 * b)) & 0xff);
  return out;
}

base::Result<std::vector<std::uint32_t>> decode_shingles(std::string_view bytes) {
  if (bytes.size() % 4) return base::fail(base::Error::invalid(fmt::format("story shingles: {} bytes, not 4 each", bytes.size())));
  std::vector<std::uint32_t> out(bytes.size() / 4);
  for (std::size_t i = 0; i < out.size(); ++i) {
    std::uint32_t v = 0;
    for (std::size_t b = 0; b < 4; ++b) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b])) << (8 * b);
    out[i] = v;
    if (i && out[i - 1] >= v) return base::fail(base::Error::invalid("story shingles: not sorted and distinct"));
  }
  return out;
}

}  // namespace assay::corpus
