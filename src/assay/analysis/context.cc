#include <algorithm>

#include "assay/analysis/internal.h"
#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace {

// Texts longer than this index their words once instead of being searched
// for each question: a search per sentence over the whole text is quadratic
// in its length (a 20 MB digest would take hours), while a short article's
// search costs less than building the index.
constexpr std::size_t kIndexFrom = 32 * 1024;
}  // namespace

void DocContext::index_words() const {
  if (words_indexed_) return;
  words_indexed_ = true;
  for (std::size_t i = 0; i < text.size();) {
    if (!base::is_word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && base::is_word_byte(text[j])) ++j;
    ++word_runs_[text.substr(i, j - i)];
    // The letter runs inside it ("lynas" of "lynas2"), for seen_lowercase.
    for (std::size_t a = i; a < j;) {
      if (!base::is_ascii_alpha(text[a])) {
        ++a;
        continue;
      }
      std::size_t b = a;
      while (b < j && base::is_ascii_alpha(text[b])) ++b;
      letter_runs_.insert(text.substr(a, b - a));
      a = b;
    }
    i = j;
  }
}

bool DocContext::seen_lowercase(std::string_view word) const {
  if (word.size() < 3 || !std::all_of(word.begin(), word.end(), base::is_ascii_alpha)) return false;
  std::string lower = base::to_lower_ascii(word);
  if (text.size() >= kIndexFrom) {
    index_words();
    return letter_runs_.contains(lower);
  }
  for (std::size_t at = base::find(text, lower); at != std::string_view::npos; at = base::find(text, lower, at + 1)) {
    bool starts = at == 0 || !base::is_ascii_alpha(text[at - 1]);
    bool ends = at + lower.size() == text.size() || !base::is_ascii_alpha(text[at + lower.size()]);
    if (starts && ends) return true;
  }
  return false;
}

bool DocContext::mentioned_outside(std::string_view word, base::Span s) const {
  if (word.empty()) return false;
  // Whole-word occurrences that start in [from, to), less those in the
  // sentence when `skip` is set.
  auto occurrences = [&](std::size_t from, std::size_t to, bool skip) {
    int n = 0;
    for (std::size_t at = base::find(text, word, from); at != std::string_view::npos && at < to;
         at = base::find(text, word, at + 1)) {
      if (skip && at >= s.begin && at < s.end) continue;
      bool starts = at == 0 || !base::is_word_byte(text[at - 1]);
      bool ends = at + word.size() == text.size() || !base::is_word_byte(text[at + word.size()]);
      n += starts && ends;
    }
    return n;
  };
  // A word of word bytes only is one run of the index; one with an inner
  // apostrophe or dot ("O'Brien") is searched for.
  if (text.size() >= kIndexFrom && std::all_of(word.begin(), word.end(), base::is_word_byte)) {
    index_words();
    auto it = word_runs_.find(word);
    int total = it == word_runs_.end() ? 0 : it->second;
    return total > occurrences(s.begin, s.end, false);
  }
  return occurrences(0, text.size(), true) > 0;
}

int DocContext::speaker_lines() const {
  if (speaker_lines_ >= 0) return speaker_lines_;
  int n = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t k = at;
    while (k < text.size() && (text[k] == '"' || text[k] == ' ')) ++k;
    std::size_t e = k;
    while (e < text.size() && base::is_ascii_upper(text[e])) ++e;
    n += e - k >= 2 && e < text.size() && text[e] == ':';
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) break;
    at = nl + 1;
  }
  return speaker_lines_ = n;
}

void DocContext::find_quotes() {
  quotes.clear();
  std::uint32_t open = 0;
  bool in_ascii = false, in_curly = false;
  // Only line breaks, ASCII quotes and the lead byte of typographic ones matter.
  for (std::size_t at = base::find_first_of(text, "\n\"\xE2"); at != std::string_view::npos;
       at = base::find_first_of(text, "\n\"\xE2", at + 1)) {
    const auto i = static_cast<std::uint32_t>(at);
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      in_ascii = in_curly = false;  // quotes do not run across paragraphs
      continue;
    }
    if (c == '"') {
      if (in_ascii) {
        quotes.push_back({open, i + 1});
        in_ascii = false;
      } else if (!in_curly) {
        in_ascii = true;
        open = i;
      }
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char c2 = static_cast<unsigned char>(text[i + 2]);
      if (c2 == 0x9C && !in_ascii) {
        in_curly = true;
        open = i;
      } else if (c2 == 0x9D && in_curly) {
        quotes.push_back({open, i + 3});
        in_curly = false;
      }
    }
  }
}

bool DocContext::in_quote(base::Span s) const {
  auto it = std::upper_bound(quotes.begin(), quotes.end(), s.begin,
                             [](std::uint32_t b, const base::Span& q) { return b < q.begin; });
  if (it == quotes.begin()) return false;
  --it;
  return it->begin <= s.begin && s.end <= it->end;
}

void DocContext::find_dateline(const text::Segmentation& seg) {
  dateline = {};
  if (seg.sentences.empty()) return;
  std::string_view s = seg.sentences[0].span.of(text);
  // An upper-case place, a comma, then "(Outlet)" and a dash within 80 bytes.
  std::size_t k = 0;
  while (k < s.size() && (base::is_ascii_upper(s[k]) || s[k] == ' ' || s[k] == '.' || s[k] == '\'' || s[k] == '-')) ++k;
  if (k < 3 || k >= s.size() || s[k] != ',') return;
  std::size_t close = s.find(')', k);
  if (close == std::string_view::npos || close > 90) return;
  std::size_t dash = close + 1;
  while (dash < s.size() && s[dash] == ' ') ++dash;
  std::size_t after = dash;
  if (s.substr(dash, 1) == "-") after = dash + 1;
  else if (s.substr(dash, 3) == "\xE2\x80\x94" || s.substr(dash, 3) == "\xE2\x80\x93") after = dash + 3;
  else return;
  dateline = {seg.sentences[0].span.begin, static_cast<std::uint32_t>(seg.sentences[0].span.begin + after)};
}

std::pair<std::size_t, std::size_t> DocContext::cues_in(base::Span s) const {
  auto lo = std::lower_bound(cues.begin(), cues.end(), s.begin, [](const Cue& c, std::uint32_t b) { return c.span.begin < b; });
  auto hi = lo;
  while (hi != cues.end() && hi->span.begin < s.end) ++hi;
  // Only cues that end inside the sentence.
  std::size_t first = static_cast<std::size_t>(lo - cues.begin());
  std::size_t last = static_cast<std::size_t>(hi - cues.begin());
  return {first, last};
}

namespace {
constexpr auto kSignalNames = base::enum_names<Signal>({
    {Signal::kAttributed, "attributed"},
    {Signal::kCaveat, "caveat"},
    {Signal::kAnonymityUnnamed, "anonymity.unnamed"},
    {Signal::kAnonymityAuthorised, "anonymity.authorised"},
    {Signal::kAnonymityReason, "anonymity.reason"},
    {Signal::kAnonymitySpeak, "anonymity.speak"},
    {Signal::kRumour, "rumour"},
    {Signal::kVoiceWe, "voice.we"},
    {Signal::kVoiceI, "voice.i"},
    {Signal::kVoiceYou, "voice.you"},
    {Signal::kRegisterState, "register.state"},
    {Signal::kMarket, "market"},
    {Signal::kEventDenial, "event.denial"},
    {Signal::kEventDenialObject, "event.denial_object"},
    {Signal::kEventNoPlan, "event.no_plan"},
    {Signal::kEventTalks, "event.talks"},
    {Signal::kEventSpeculation, "event.speculation"},
    {Signal::kEventPlan, "event.plan"},
    {Signal::kEventThirdParty, "event.third_party"},
    {Signal::kEventRumour, "event.rumour"},
    {Signal::kEventRumourSource, "event.rumour_source"},
    {Signal::kEventNegation, "event.negation"},
    {Signal::kEventAbout, "event.about"},
    {Signal::kGenreOutletLead, "genre.outlet_lead"},
});
static_assert(kSignalNames.size() == static_cast<std::size_t>(Signal::kCount));
}  // namespace

std::optional<Signal> parse_signal(std::string_view name) { return kSignalNames.parse(name); }

std::pair<std::size_t, std::size_t> DocContext::signals_in(base::Span s) const {
  auto lo = std::lower_bound(signals.begin(), signals.end(), s.begin,
                             [](const Cue& c, std::uint32_t b) { return c.span.begin < b; });
  auto hi = lo;
  while (hi != signals.end() && hi->span.begin < s.end) ++hi;
  return {static_cast<std::size_t>(lo - signals.begin()), static_cast<std::size_t>(hi - signals.begin())};
}

bool DocContext::has_signal(base::Span s, Signal g) const {
  auto [first, last] = signals_in(s);
  for (std::size_t i = first; i < last; ++i)
    if (signals[i].span.end <= s.end && is(signals[i], g)) return true;
  return false;
}

bool DocContext::is_foreign_outlet(const Cue& c) const {
  if (c.category != Category::kOutlet) return false;
  std::string_view t = c.span.of(text);
  if (own_outlet.empty()) return true;
  // The document's own outlet, or a prefix of it ("Meridian" of "Meridian Wire").
  std::string a = base::to_lower_ascii(t), b = base::to_lower_ascii(own_outlet);
  return !(b.find(a) != std::string::npos || a.find(b) != std::string::npos);
}

}  // namespace assay::analysis::internal
