// Genre: what kind of piece an article is (issue 12), from its text and,
// when the knowledge base knows the outlet, from the outlet's type. Each
// genre collects weighted signals (a label line such as "OPINION" or "Fact
// check:", a wire credit in the dateline, "About <Company>" and
// forward-looking boilerplate, Q/A speaker tags, price tables, a paid
// disclosure, calls to action, a newsletter's furniture, first person in the
// writer's voice); the genre with the most weight wins, news by default. A
// state outlet's credit makes a piece state media whatever else it is, and
// its other signals (an op-ed's) stay in the list.
#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cstring>
#include <fmt/format.h>
#include <map>

#include "assay/analysis/internal.h"
#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis {

namespace {
constexpr auto kGenreNames = base::enum_names<Genre>({
    {Genre::kNews, "news"},
    {Genre::kWireCopy, "wire_copy"},
    {Genre::kPressRelease, "press_release"},
    {Genre::kOpinion, "opinion"},
    {Genre::kAnalysis, "analysis"},
    {Genre::kInterview, "interview"},
    {Genre::kMarketReport, "market_report"},
    {Genre::kNewsletter, "newsletter"},
    {Genre::kPromotion, "promotion"},
    {Genre::kStateMedia, "state_media"},
    {Genre::kFactCheck, "fact_check"},
});
static_assert(kGenreNames.size() == kGenreCount);
}  // namespace

const char* genre_name(Genre g) { return kGenreNames.name(g); }
std::optional<Genre> parse_genre(std::string_view s) { return kGenreNames.parse(s); }

namespace internal {

namespace {

using base::Span;

Span span_of(std::size_t b, std::size_t e) { return Span{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)}; }


// A family of phrases that point to one genre: each occurrence adds
// `weight`, the family together at most `cap`.
struct Family {
  Genre genre;
  const char* what;  // "{}" is replaced by the phrase as written
  double weight;
  double cap;
  // kAnywhere: in running text; kLineStart: at the start of any line;
  // kHead: at the start of one of the first four lines or of the title;
  // kLabel: as kHead, and the phrase is the whole line or is followed by a
  // separator ("Opinion | ...", "Analysis: ...", "FACT CHECK").
  enum Where : std::uint8_t { kAnywhere, kLineStart, kHead, kLabel } where;
  std::vector<std::string_view> phrases;  // lower case
};

// The label lines and boilerplate of each genre. kHead: a label at the
// start of one of the first lines (or of the title); kLineStart: at the
// start of any line; kAnywhere: in running text.
const std::vector<Family>& families() {
  static const std::vector<Family> kFamilies = {
      {Genre::kOpinion, "labelled as opinion: \"{}\"", 3.5, 3.5, Family::kLabel,
       {"opinion", "column:", "column |", "editorial", "guest commentary", "commentary", "op-ed", "our view", "viewpoint",
        "guest column", "guest post", "editorial board"}},
      {Genre::kOpinion, "the writer's note: \"{}\"", 3, 3, Family::kAnywhere,
       {"the views expressed", "views do not necessarily", "the writer is", "the author is", "is a columnist",
        "this newspaper has", "this newspaper believes", "our view is"}},
      {Genre::kAnalysis, "labelled as analysis: \"{}\"", 3.5, 3.5, Family::kLabel,
       {"analysis:", "analysis |", "analysis -", "news analysis", "explainer", "insight", "explained:", "deep dive",
        "in focus"}},
      {Genre::kAnalysis, "explains: \"{}\"", 0.8, 2.4, Family::kAnywhere,
       {"what does that mean", "what does this mean", "what it means", "here is what", "here's what", "why does it matter",
        "what happens next", "the reason lies", "the reason is", "first, ", "second, ", "third, ", "who wins",
        "interviewed for this article", "either way"}},
      {Genre::kFactCheck, "labelled as a fact check: \"{}\"", 4, 4, Family::kLabel,
       {"fact check", "fact-check", "factcheck", "media watch", "reality check", "fact checker", "audit", "critique",
        "media critique"}},
      {Genre::kFactCheck, "a fact check's verdict line: \"{}\"", 2, 4, Family::kLineStart,
       {"claim:", "the claim:", "verdict:", "rating:", "our ruling", "our assessment", "our verdict", "what was said",
        "the facts", "conclusion:"}},
      {Genre::kFactCheck, "checks a claim: \"{}\"", 0.8, 2.4, Family::kAnywhere,
       {"we rate", "we rated", "we checked", "viral post", "the claim is", "the post", "does not hold up", "mostly true",
        "mostly false", "misleading.", "is false", "no evidence", "repeated the", "we reviewed"}},
      {Genre::kPressRelease, "labelled as a release: \"{}\"", 3.5, 3.5, Family::kLabel,
       {"for immediate release", "press release", "media release", "news release", "media statement", "joint statement",
        "asx announcement", "asx release", "market announcement", "company announcement"}},
      {Genre::kPressRelease, "a newswire's release line: \"{}\"", 3.5, 3.5, Family::kAnywhere,
       {"/prnewswire/", "globe newswire", "globenewswire", "newsfile corp", "accesswire", "/cnw/", "business wire)",
        "(marketwired"}},
      {Genre::kPressRelease, "the company naming itself: \"{}\"", 3, 3, Family::kAnywhere,
       {"the \"company\")", "\"company\")", "\xE2\x80\x9C" "company\xE2\x80\x9D)", "(the company)", "or \"the company\")"}},
      {Genre::kPressRelease, "a release's announcement: \"{}\"", 1.2, 2.4, Family::kAnywhere,
       {"is pleased to announce", "is delighted to announce", "is proud to announce", "is excited to announce",
        "today announced", "announced today", "is pleased to report", "is pleased to provide"}},
      {Genre::kPressRelease, "a release's boilerplate: \"{}\"", 1.5, 3, Family::kLineStart,
       {"for further information", "for more information", "media contact", "media enquiries", "media inquiries",
        "investor relations", "contact:", "contacts:", "on behalf of the board", "neither tsx venture exchange",
        "cautionary note", "forward-looking statements", "forward-looking information", "-ends-", "###",
        "this announcement has been authorised", "this announcement has been authorized", "authorised for release",
        "authorized for release", "approved for release"}},
      {Genre::kInterview, "an interview's furniture: \"{}\"", 1.5, 3, Family::kAnywhere,
       {"edited for length", "condensed for clarity", "we spoke to", "we spoke with", "we asked", "my guest",
        "thanks for joining", "thanks for having me", "podcast transcript", "in conversation", "questions for",
        "this interview"}},
      {Genre::kMarketReport, "a price report's wording: \"{}\"", 0.4, 3, Family::kAnywhere,
       {"week on week", "week-on-week", "m/m", "w/w", "y/y", "unchanged", "unch", "assessed at", "assessments",
        "methodology", "market participants", "a trader said", "traders said", "outlook:", "spot price", "ex-works",
        "fob ", "cif ", "firmed", "eased", "edged", "slipped", "steady", "restock", "thin trade", "offers", "bids"}},
      {Genre::kMarketReport, "labelled as a market report: \"{}\"", 2, 2, Family::kLabel,
       {"price assessment", "market update", "market report", "price report", "prices in", "weekly price",
        "market summary", "price watch"}},
      {Genre::kNewsletter, "a newsletter's furniture: \"{}\"", 1.2, 5, Family::kAnywhere,
       {"this week's edition", "this week's issue", "in this issue", "issue #", "welcome to this", "subscribe",
        "forwarded this", "forward this email", "manage preferences", "email preferences", "subscription settings",
        "you are receiving this", "you received this", "reply to this email", "our take", "what we're reading",
        "what we are reading", "what we're watching", "what we are watching", "until next", "that's it for this week",
        "read the full story", "premium subscribers", "members' area", "members edition", "portfolio update",
        "we're tracking", "digest"}},
      {Genre::kNewsletter, "the writers' own position: \"{}\"", 1.2, 4.8, Family::kAnywhere,
       {"we own", "we bought", "we are buying", "we're buying", "we keep buying", "we hold", "we added", "our position",
        "our portfolio", "our model portfolio", "our own book", "we are long", "we're long", "i own", "i bought",
        "my position", "we think", "we believe", "in our view", "our advice", "our suggestion", "our price target",
        "our expectations", "we find", "we like", "we continue to like", "we're tracking"}},
      {Genre::kFactCheck, "reads another piece: \"{}\"", 0.5, 2, Family::kAnywhere,
       {"the headline", "the article", "the piece", "the story's", "the report's", "the release's"}},
      {Genre::kNewsletter, "a letter's greeting: \"{}\"", 1, 1, Family::kHead,
       {"hello", "good morning", "hi ", "dear reader", "welcome back"}},
      {Genre::kPromotion, "labelled as paid content: \"{}\"", 4, 4, Family::kLabel,
       {"paid advertisement", "advertisement", "sponsored", "sponsored content", "partner content", "advertorial", "promoted", "paid post",
        "brand content", "presented by"}},
      {Genre::kPromotion, "a payment disclosure: \"{}\"", 3, 6, Family::kAnywhere,
       {"paid advertisement", "has been compensated", "been compensated", "compensated by", "paid for by",
        "produced on behalf of", "sponsored content", "this content was paid", "marketing services", "paid to distribute",
        "presented by", "in partnership with"}},
      {Genre::kPromotion, "a call to action: \"{}\"", 0.8, 3, Family::kAnywhere,
       {"don't wait", "don't miss", "act now", "click here", "learn more at", "take a closer look", "get our",
        "free report", "before it's too late", "catches on", "poised to", "could soar", "explode", "10x",
        "massive upside", "smart money", "savvy investors", "stories to watch", "like never before"}},
      {Genre::kPromotion, "an investment disclaimer: \"{}\"", 0.6, 1.2, Family::kAnywhere,
       {"not investment advice", "not a recommendation", "high degree of risk", "past performance",
        "consult a financial adviser", "due diligence", "owns shares", "may buy or sell"}},
      {Genre::kStateMedia, "a state outlet's register: \"{}\"", 0.6, 3, Family::kAnywhere,
       {"so-called", "win-win", "smear", "hyped", " hype", "western politicians", "high-quality development",
        "healthy and orderly", "in line with international practice", "legitimate", "politiciz", "protectionism",
        "multilateral trading system", "door to cooperation", "industrial and supply chains", "chinese experts",
        "officiating"}},
      {Genre::kWireCopy, "a wire's credit: \"{}\"", 3, 4.5, Family::kAnywhere,
       {"(reporting by", "originally published by", "republished", "syndication", "editing by",
        "this material may not be published"}},
      {Genre::kNews, "reports a request for comment: \"{}\"", 0.7, 1.4, Family::kAnywhere,
       {"declined to comment", "did not respond", "did not immediately respond", "could not be reached",
        "did not return", "did not reply"}},
  };
  return kFamilies;
}

// The kAnywhere phrases of families(), keyed by their first word (see
// GenreReader::anywhere_phrases). A phrase that opens with non-word bytes
// before its first word ("(reporting by", " hype", "/cnw/") is keyed by that
// word too, with `lead` the bytes before it; `other` holds the phrases with
// no word at all.
struct AnywhereIndex {
  struct Phrase {
    std::uint32_t family, phrase;
    std::string_view text;
    std::uint32_t lead = 0;  // bytes of `text` before its first word
    std::uint32_t word = 0;  // bytes of its first word
    // The first eight bytes of `text` (fewer when it is shorter) as a
    // little-endian word and the mask of those bytes: a candidate is
    // compared byte by byte only when its first bytes agree.
    std::uint64_t head = 0, mask = 0;
  };
  static Phrase make(std::uint32_t family, std::uint32_t phrase, std::string_view text, std::uint32_t lead,
                     std::uint32_t word) {
    Phrase p{family, phrase, text, lead, word};
    for (std::size_t k = 0; k < text.size() && k < 8; ++k) {
      p.head |= std::uint64_t{static_cast<unsigned char>(text[k])} << (8 * k);
      p.mask |= std::uint64_t{0xFF} << (8 * k);
    }
    return p;
  }
  // The phrases by their first word, in a table of kSlots lists indexed by
  // slot(word): a word's list holds every phrase whose first word has the
  // same slot (the caller compares the text), so a word costs a few byte
  // operations and no hashing call.
  static constexpr std::size_t kSlots = 4096;
  std::vector<std::vector<Phrase>> by_slot = std::vector<std::vector<Phrase>>(kSlots);
  std::bitset<kSlots> used;  // slots with a list (512 bytes: stays in cache)
  std::vector<Phrase> other;

  // The slot of a word from its first eight bytes (`head`: each shifted in
  // after the one before) and its length, mixed.
  static std::size_t slot(std::uint64_t head, std::size_t size) {
    std::uint64_t k = head ^ (static_cast<std::uint64_t>(size) * 0xD6E8FEB86659FD93ull);
    return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 52) & (kSlots - 1);
  }
  static std::size_t slot(std::string_view word) {
    std::uint64_t head = 0;
    for (std::size_t i = 0; i < word.size() && i < 8; ++i) head = head << 8 | static_cast<unsigned char>(word[i]);
    return slot(head, word.size());
  }
};

const AnywhereIndex& anywhere_index() {
  static const AnywhereIndex kIndex = [] {
    AnywhereIndex index;
    const auto& fams = families();
    for (std::uint32_t fi = 0; fi < fams.size(); ++fi) {
      if (fams[fi].where != Family::kAnywhere) continue;
      for (std::uint32_t pi = 0; pi < fams[fi].phrases.size(); ++pi) {
        std::string_view p = fams[fi].phrases[pi];
        if (p.empty()) continue;
        std::size_t lead = 0;
        while (lead < p.size() && !base::is_ascii_alnum(p[lead])) ++lead;
        if (lead == p.size()) {
          index.other.push_back(AnywhereIndex::make(fi, pi, p, 0, 0));
          continue;
        }
        std::size_t n = lead;
        while (n < p.size() && base::is_ascii_alnum(p[n])) ++n;
        std::size_t slot = AnywhereIndex::slot(p.substr(lead, n - lead));
        index.by_slot[slot].push_back(
            AnywhereIndex::make(fi, pi, p, static_cast<std::uint32_t>(lead), static_cast<std::uint32_t>(n - lead)));
        index.used.set(slot);
      }
    }
    return index;
  }();
  return kIndex;
}

class GenreReader {
 public:
  GenreReader(const kb::Kb* kb, const DocContext& ctx, DocumentAnalysis& out)
      : kb_(kb), ctx_(ctx), out_(out), text_(ctx.text), lower_(base::to_lower_ascii(ctx.text)) {
    for (std::size_t at = 0; at <= text_.size();) {
      std::size_t nl = text_.find('\n', at);
      if (nl == std::string_view::npos) nl = text_.size();
      std::size_t b = at, e = nl;
      while (b < e && (text_[b] == ' ' || text_[b] == '\t' || text_[b] == '\r')) ++b;
      while (e > b && (text_[e - 1] == ' ' || text_[e - 1] == '\t' || text_[e - 1] == '\r')) --e;
      if (e > b) lines_.push_back(span_of(b, e));
      at = nl + 1;
    }
  }

  void run() {
    phrase_families();
    outlet_credits();
    interview_shape();
    price_lines();
    voice();
    news_shape();
    decide();
  }

 private:
  std::uint32_t sentence_at(std::uint32_t pos) const {
    const auto& ss = out_.sentences;
    auto it = std::upper_bound(ss.begin(), ss.end(), pos, [](std::uint32_t p, const SentenceAnalysis& s) { return p < s.span.begin; });
    return it == ss.begin() ? 0 : static_cast<std::uint32_t>(it - ss.begin() - 1);
  }

  // A genre label in the page's own metadata (the title, the byline) is the
  // publisher's section, which outweighs what the body's habits suggest: a
  // column or an analysis that quotes many named sources is still one.
  void page_label(Genre g) { add(g, "the label is the page's own section (title or byline)", {}, 2.5, "page label", 2.5); }

  // Adds a signal; `family` caps the weight of its kind.
  void add(Genre g, std::string what, Span span, double weight, const std::string& family, double cap) {
    double& used = used_[family];
    double w = std::min(weight, cap - used);
    if (w <= 1e-9) return;
    used += w;
    score_[static_cast<std::size_t>(g)] += w;
    out_.assessment.genre_signals.push_back({g, std::move(what), span, span.empty() ? 0u : sentence_at(span.begin), w});
  }

  static std::string fill(const char* what, std::string_view phrase) {
    std::string s(what);
    auto at = s.find("{}");
    if (at != std::string::npos) s.replace(at, 2, phrase);
    return s;
  }

  bool bounded(std::string_view hay, std::size_t at, std::size_t len) const {
    bool starts = at == 0 || !base::is_ascii_alnum(hay[at - 1]) || !base::is_ascii_alnum(hay[at]);
    bool ends = at + len >= hay.size() || !base::is_ascii_alnum(hay[at + len]) || !base::is_ascii_alnum(hay[at + len - 1]);
    return starts && ends;
  }

  // True when `line` (lower case) opens with the label `p`: the whole line,
  // or the label and a separator.
  // The last part of a title after a separator (" | ", " - ", " — ",
  // " – "), when the title has one and the part is short (a section's
  // name, not a second half of the headline); empty otherwise.
  static std::string_view title_label(std::string_view title) {
    std::size_t at = std::string_view::npos, len = 0;
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 "}) {
      std::size_t k = title.rfind(sep);
      if (k != std::string_view::npos && (at == std::string_view::npos || k > at)) {
        at = k;
        len = sep.size();
      }
    }
    if (at == std::string_view::npos || at == 0) return {};
    std::string_view tail = base::trim(title.substr(at + len));
    return tail.size() <= 24 ? tail : std::string_view{};
  }

  static bool labels(std::string_view line, std::string_view p) {
    std::string_view rest = line.substr(p.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty() || p.back() == ':' || p.back() == '|' || p.back() == '-') return true;
    for (std::string_view sep : {":", "|", "-", "\xE2\x80\x94", "\xE2\x80\x93", "/"})
      if (rest.starts_with(sep)) return true;
    return false;
  }

  // The kAnywhere phrases found in the text, in the order families() lists
  // them (family, phrase, then position: the weight caps are filled in that
  // order). A phrase's first word can only match at the start of a word
  // whose letters are that word (the bytes before it in the phrase, if any,
  // are no word bytes), so the text is walked once, word by word, instead of
  // once per phrase.
  void anywhere_phrases() {
    struct Hit {
      std::uint32_t family, phrase, at;
      auto operator<=>(const Hit&) const = default;
    };
    const AnywhereIndex& index = anywhere_index();
    std::vector<Hit> hits;
    auto try_at = [&](const AnywhereIndex::Phrase& ph, std::size_t at) {
      if (lower_.compare(at, ph.text.size(), ph.text) != 0) return;
      if (!bounded(lower_, at, ph.text.size())) return;
      hits.push_back({ph.family, ph.phrase, static_cast<std::uint32_t>(at)});
    };
    static constexpr std::array<bool, 256> kAlnum = [] {
      std::array<bool, 256> t{};
      for (int c = 0; c < 256; ++c)
        t[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      return t;
    }();
    const auto* bytes = reinterpret_cast<const unsigned char*>(lower_.data());
    const std::size_t n = lower_.size();
    for (std::size_t i = 0; i < n;) {
      if (!kAlnum[bytes[i]]) {
        ++i;
        continue;
      }
      // The word and its slot in one pass over its bytes.
      std::size_t j = i;
      std::uint64_t head = 0;
      for (; j < n && kAlnum[bytes[j]]; ++j)
        if (j - i < 8) head = head << 8 | bytes[j];
      std::string_view word = std::string_view(lower_).substr(i, j - i);
      std::size_t slot = AnywhereIndex::slot(head, word.size());
      if (!index.used.test(slot)) {
        i = j;
        continue;
      }
      for (const auto& ph : index.by_slot[slot]) {
        // Only phrases whose first word is this word (a phrase may go on
        // with a non-word byte: "10x", "don't"); try_at compares the bytes.
        if (ph.lead > i || ph.word != word.size()) continue;
        std::size_t at = i - ph.lead;
        if (std::endian::native == std::endian::little && at + 8 <= lower_.size()) {
          std::uint64_t v;
          std::memcpy(&v, lower_.data() + at, 8);
          if ((v & ph.mask) != ph.head) continue;
        }
        try_at(ph, at);
      }
      i = j;
    }
    for (const auto& ph : index.other)
      for (std::size_t at = lower_.find(ph.text); at != std::string::npos; at = lower_.find(ph.text, at + 1)) try_at(ph, at);
    std::sort(hits.begin(), hits.end());
    // A phrase's matches do not overlap (the old search resumed after each match).
    std::size_t next_free = 0;
    std::uint32_t last_family = UINT32_MAX, last_phrase = UINT32_MAX;
    const auto& fams = families();
    for (const Hit& h : hits) {
      const Family& f = fams[h.family];
      std::string_view p = f.phrases[h.phrase];
      if (h.family != last_family || h.phrase != last_phrase) next_free = 0;
      last_family = h.family;
      last_phrase = h.phrase;
      if (h.at < next_free) continue;
      next_free = h.at + p.size();
      if (ctx_.in_quote(span_of(h.at, h.at + 1))) continue;
      add(f.genre, fill(f.what, text_.substr(h.at, p.size())), span_of(h.at, h.at + p.size()), f.weight, fill(f.what, ""),
          f.cap);
    }
  }

  void phrase_families() {
    anywhere_phrases();
    const std::string title = base::to_lower_ascii(out_.document.title);
    // The first bytes of the lines (lower case), of the first four and the
    // title: a phrase whose first byte is none of them is not compared.
    std::bitset<256> line_first, head_first;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      auto c = static_cast<unsigned char>(lower_[lines_[i].begin]);
      line_first.set(c);
      if (i < 4) head_first.set(c);
    }
    if (!title.empty()) head_first.set(static_cast<unsigned char>(title[0]));
    // A title's last part and the byline, compared with each label below
    // only when the title or the byline is short enough to be one.
    const std::string_view tail = title_label(title);
    const std::string_view author_as_written = base::trim(out_.document.author);
    const std::string author = base::to_lower_ascii(author_as_written);
    std::string_view by = author;
    for (std::string_view lead : {"by ", "the "})
      if (by.starts_with(lead)) by.remove_prefix(lead.size());
    if (by.size() > 24) by = {};  // a writer's name and title, not a section's name
    for (const Family& f : families()) {
      if (f.where == Family::kAnywhere) continue;
      const bool head = f.where == Family::kHead || f.where == Family::kLabel;
      const std::bitset<256>& firsts = head ? head_first : line_first;
      std::string key;
      for (std::string_view p : f.phrases) {
        // A label that ends the title after a separator ("The view on X |
        // Editorial", "Why prices fell - Analysis"), or that is the whole
        // byline ("by Editorial", "Opinion"): where sites put the section.
        if (f.where == Family::kLabel && (!tail.empty() || !by.empty())) {
          // The label's words without the separator it is listed with ("analysis:").
          std::string_view w = p;
          while (!w.empty() && (w.back() == ':' || w.back() == '|' || w.back() == '-' || w.back() == ' ')) w.remove_suffix(1);
          if (!w.empty() && !tail.empty() && tail.starts_with(w) && labels(tail, w)) {
            if (key.empty()) key = fill(f.what, "");
            add(f.genre, fill(f.what, std::string_view(out_.document.title).substr(tail.data() - title.data(), w.size())) +
                             " (in the title)", {}, f.weight, key, f.cap);
            page_label(f.genre);
          }
          if (!w.empty() && !by.empty() && by.starts_with(w) && labels(by, w)) {
            if (key.empty()) key = fill(f.what, "");
            add(f.genre, fill(f.what, author_as_written.substr(author.size() - by.size(), w.size())) + " (the byline)", {}, f.weight,
                key, f.cap);
            page_label(f.genre);
          }
        }
        if (!firsts.test(static_cast<unsigned char>(p[0]))) continue;
        if (key.empty()) key = fill(f.what, "");
        // The start of a line (the first lines for kHead), or of the title.
        std::size_t lines = head ? std::min<std::size_t>(lines_.size(), 4) : lines_.size();
        for (std::size_t i = 0; i < lines; ++i) {
          std::string_view line = std::string_view(lower_).substr(lines_[i].begin, lines_[i].size());
          if (line[0] == p[0] && line.starts_with(p) && bounded(line, 0, p.size()) &&
              (f.where != Family::kLabel || labels(line, p)))
            add(f.genre, fill(f.what, text_.substr(lines_[i].begin, p.size())), span_of(lines_[i].begin, lines_[i].begin + p.size()),
                f.weight, key, f.cap);
        }
        if (head && title.starts_with(p) && bounded(title, 0, p.size()) && (f.where != Family::kLabel || labels(title, p))) {
          add(f.genre, fill(f.what, std::string_view(out_.document.title).substr(0, p.size())) + " (in the title)", {}, f.weight,
              key, f.cap);
          if (f.where == Family::kLabel) page_label(f.genre);
        }
      }
    }
    // "About <Company>": a short line of its own that opens a release's
    // boilerplate paragraph.
    for (Span l : lines_) {
      std::string_view line = l.of(text_);
      if (!line.starts_with("About ") || line.size() > 70 || line.back() == '.' || line.back() == '?') continue;
      if (line.size() < 7 || !base::is_ascii_upper(line[6])) continue;
      add(Genre::kPressRelease, fmt::format("a release's boilerplate: \"{}\"", line), l, 2.5, "about", 2.5);
    }
  }

  // The kind of a known outlet named `name` (kb), or none.
  std::optional<kb::OutletType> outlet_type(std::string_view name) const {
    if (!kb_ || name.empty() || name.size() > 60) return std::nullopt;
    for (const auto& ref : kb_->aliases.find(std::string(name)))
      if (ref.kind == kb::EntityKind::kOutlet && ref.index < kb_->outlets.size()) return kb_->outlets[ref.index].type;
    return std::nullopt;
  }

  // Credits of wires and state outlets: "(Reuters)", "(Xinhua)", "--
  // BERNAMA", "told the Global Times", "| China Daily |"; and the outlet's
  // own type when the document names it.
  void outlet_credits() {
    std::optional<kb::OutletType> own = outlet_type(out_.document.outlet);
    auto credit = [&](std::string_view name, Span where, const char* how) {
      std::string n(base::trim(name));
      while (!n.empty() && (n.back() == '.' || n.back() == ',')) n.pop_back();
      auto t = outlet_type(n);
      bool wireish = !t && (n.ends_with(" Wire") || n.ends_with(" News Agency") || n.ends_with(" Press"));
      if (t == kb::OutletType::kState) {
        add(Genre::kStateMedia, fmt::format("a state outlet's credit: {} {}", how, n), where, 5, "state credit", 5);
      } else if (t == kb::OutletType::kWire || wireish) {
        if (own && *own == kb::OutletType::kWire && base::to_lower_ascii(n) == base::to_lower_ascii(out_.document.outlet))
          add(Genre::kNews, fmt::format("the wire's own story: {} {}", how, n), where, 3.5, "own wire", 3.5);
        else
          add(Genre::kWireCopy, fmt::format("a wire's credit: {} {}", how, n), where, 3.5, "wire credit", 5);
      }
    };
    // "(Name)" near the start or closing a dateline.
    for (std::size_t at = text_.find('('); at != std::string_view::npos && at < 600; at = text_.find('(', at + 1)) {
      std::size_t close = text_.find(')', at);
      if (close == std::string_view::npos || close - at > 40) continue;
      credit(text_.substr(at + 1, close - at - 1), span_of(at, close + 1), "in the dateline");
    }
    for (Span l : lines_) {
      std::string_view line = l.of(text_);
      // A closing credit line: "-- BERNAMA", "— Bloomberg News, via ...".
      for (std::string_view dash : {"--", "\xE2\x80\x94", "\xE2\x80\x93", "-"}) {
        if (!line.starts_with(dash)) continue;
        std::string_view rest = base::trim(line.substr(dash.size()));
        std::size_t comma = rest.find(',');
        credit(rest.substr(0, comma), l, "closing line");
        break;
      }
      // A title line that ends with the wire's name: "... — Bloomberg".
      // (Only the last 40 bytes can hold it: the search looks there alone.)
      std::size_t tail = line.size() > 40 ? line.size() - 40 : 0;
      for (std::string_view dash : {" \xE2\x80\x94 ", " - ", " | "}) {
        std::size_t at = line.substr(tail).rfind(dash);
        if (at != std::string_view::npos) credit(line.substr(tail + at + dash.size()), l, "after the headline");
      }
      // "By Wang Hui | China Daily | Updated: ..."
      if (line.starts_with("By ") && line.find('|') != std::string_view::npos) {
        for (std::string_view part : base::split(line, '|')) credit(part, l, "in the byline");
      }
    }
    // "told the Global Times", "told Xinhua", "those of China Daily": the
    // leads are signals (genre.outlet_lead), found in the one lexicon scan.
    for (std::string_view lead : {"told the", "told", "those of", "reflect the views of"}) {
      for (const Cue& c : ctx_.signals) {
        if (!ctx_.is(c, Signal::kGenreOutletLead) || c.span.of(text_) != lead || c.span.end >= text_.size() ||
            text_[c.span.end] != ' ')
          continue;
        std::size_t at = c.span.begin;
        std::size_t b = c.span.end + 1, e = b;
        while (e < text_.size() && e - b < 40 && (base::is_ascii_alnum(text_[e]) || text_[e] == ' ' || text_[e] == '\'') &&
               !(text_[e] == ' ' && e + 1 < text_.size() && !base::is_ascii_upper(text_[e + 1])))
          ++e;
        if (e > b && base::is_ascii_upper(text_[b])) {
          auto t = outlet_type(text_.substr(b, e - b));
          if (t == kb::OutletType::kState)
            add(Genre::kStateMedia, fmt::format("speaks as a state outlet: \"{}\"", text_.substr(at, e - at)), span_of(at, e), 4,
                "state voice", 4);
        }
      }
    }
    if (own) {
      switch (*own) {
        case kb::OutletType::kState:
          add(Genre::kStateMedia, fmt::format("the outlet {} is state media (data/kb/outlets.csv)", out_.document.outlet), {}, 6,
              "own outlet", 6);
          break;
        case kb::OutletType::kNewsletter:
          add(Genre::kNewsletter, fmt::format("the outlet {} is a newsletter (data/kb/outlets.csv)", out_.document.outlet), {}, 4,
              "own outlet", 4);
          break;
        default:
          break;
      }
    }
  }

  // Q/A tags and speaker tags; questions answered in quotes.
  void interview_shape() {
    int qa = 0;
    for (Span l : lines_) {
      std::string_view line = l.of(text_);
      if (line.starts_with("Q:") || line.starts_with("A:") || line.starts_with("Q.") || line.starts_with("A.")) {
        if (++qa >= 2) add(Genre::kInterview, fmt::format("question-and-answer tags: \"{}\"", line.substr(0, 2)), span_of(l.begin, l.begin + 2), 1.5,
                           "qa", 5);
      }
    }
    if (ctx_.speaker_lines() >= 2) {
      // The first speaker tag.
      for (Span l : lines_) {
        std::string_view line = l.of(text_);
        std::size_t e = 0;
        while (e < line.size() && base::is_ascii_upper(line[e])) ++e;
        if (e >= 2 && e < line.size() && line[e] == ':') {
          add(Genre::kInterview, fmt::format("speaker tags ({} lines), first \"{}\"", ctx_.speaker_lines(), line.substr(0, e + 1)),
              span_of(l.begin, l.begin + e + 1), 4, "speakers", 4);
          break;
        }
      }
    }
    // A question line followed by an answer in quotes or by a speaker tag.
    for (std::size_t i = 0; i + 1 < lines_.size(); ++i) {
      std::string_view q = lines_[i].of(text_);
      std::string_view a = lines_[i + 1].of(text_);
      if (q.empty() || q.back() != '?' || q.size() > 160) continue;
      bool quoted = a.starts_with("\"") || a.starts_with("\xE2\x80\x9C");
      std::size_t e = 0;
      while (e < a.size() && base::is_ascii_upper(a[e])) ++e;
      bool tagged = e >= 2 && e < a.size() && a[e] == ':';
      if (quoted || tagged) add(Genre::kInterview, fmt::format("a question answered {}: \"{}\"", quoted ? "in quotes" : "by the guest", q),
                                lines_[i], 1.2, "answered", 3.6);
      else if (q.size() < 60 && !quoted) add(Genre::kAnalysis, fmt::format("a question as a heading: \"{}\"", q), lines_[i], 0.8, "question heading", 2.4);
    }
  }

  // Lines of prices: two or more figures with a price unit, or table cells.
  void price_lines() {
    for (Span l : lines_) {
      std::string_view line = l.of(text_);
      if (line.size() >= 200) continue;
      int figures = 0;
      for (std::size_t i = 0; i < line.size() && figures < 2; ++i)
        if (base::is_ascii_digit(line[i]) && (i == 0 || (!base::is_ascii_digit(line[i - 1]) && line[i - 1] != ',' && line[i - 1] != '.'))) ++figures;
      if (figures < 2) continue;
      std::string_view low = l.of(lower_);
      bool unit = low.find("$/") != std::string::npos || low.find("/t") != std::string::npos || low.find("yuan") != std::string::npos ||
                  low.find("/kg") != std::string::npos || low.find("per tonne") != std::string::npos ||
                  low.find("/lb") != std::string::npos || low.find("/mtu") != std::string::npos || low.find('|') != std::string::npos;
      if (unit)
        add(Genre::kMarketReport, fmt::format("a line of prices: \"{}\"", line.substr(0, 60)), l, 0.8, "price lines", 4);
    }
    const SourcingProfile& p = out_.assessment.sourcing;
    if (p.sentences >= 4 && p.quantity * 2 >= p.sentences)
      add(Genre::kMarketReport, fmt::format("{} of {} sentences carry a figure", p.quantity, p.sentences), {}, 1, "figure share", 1);
  }

  // The writer's own voice: first person singular and "should"/"must"
  // outside quotes (not in an interview's answers), and the opinion labels.
  void voice() {
    int first = 0;
    for (std::size_t i = 0; i < out_.sentences.size(); ++i) {
      const SentenceAnalysis& s = out_.sentences[i];
      std::string_view st = s.span.of(lower_);
      // One pass over the sentence finds, for each phrase, its first
      // occurrence (prescriptions) or its first occurrence that counts
      // (first person: at the start of a word, "I" in capitals, outside
      // quotes).
      static constexpr std::string_view kFirst[] = {"i ", "i'm ", "i've ", "in my view", "i believe", "i think", "my "};
      static constexpr std::string_view kOught[] = {"should ", "must ", "we need to", "it is time"};
      constexpr std::size_t kNone = std::string_view::npos;
      std::array<std::size_t, std::size(kFirst)> first_at;
      std::array<std::size_t, std::size(kOught)> ought_at;
      first_at.fill(kNone);
      ought_at.fill(kNone);
      for (std::size_t at = 0; at < st.size(); ++at) {
        char c = st[at];
        if (c != 'i' && c != 'm' && c != 's' && c != 'w') continue;
        std::string_view rest = st.substr(at);
        for (std::size_t k = 0; k < std::size(kOught); ++k)
          if (ought_at[k] == kNone && rest.starts_with(kOught[k])) ought_at[k] = at;
        if ((c != 'i' && c != 'm') || (at > 0 && base::is_ascii_alnum(st[at - 1]))) continue;
        for (std::size_t k = 0; k < std::size(kFirst); ++k) {
          if (first_at[k] != kNone || !rest.starts_with(kFirst[k])) continue;
          std::size_t abs = s.span.begin + at;
          if ((k != 0 || text_[abs] == 'I') && !ctx_.in_quote(span_of(abs, abs + 1))) first_at[k] = at;
        }
      }
      for (std::size_t k = 0; k < std::size(kFirst); ++k) {
        if (first_at[k] == kNone) continue;
        std::string_view w = kFirst[k];
        std::size_t abs = s.span.begin + first_at[k];
        if (first < 6)
          add(Genre::kOpinion, fmt::format("first person in the writer's voice: \"{}\"", text_.substr(abs, w.size() - (w.back() == ' '))),
              span_of(abs, abs + w.size()), 0.5, "first person", 2.5);
        ++first;
        break;
      }
      for (std::size_t k = 0; k < std::size(kOught); ++k) {
        std::size_t at = ought_at[k];
        std::string_view w = kOught[k];
        if (at == kNone || (at > 0 && base::is_ascii_alnum(st[at - 1]))) continue;
        std::size_t abs = s.span.begin + at;
        if (ctx_.in_quote(span_of(abs, abs + 1)) || !s.attributions.empty()) continue;
        add(Genre::kOpinion, fmt::format("the writer's prescription: \"{}\"", text_.substr(abs, w.size() - (w.back() == ' '))),
            span_of(abs, abs + w.size()), 0.5, "ought", 1.5);
        break;
      }
    }
    const SourcingProfile& p = out_.assessment.sourcing;
    if (p.sentences >= 4 && p.opinion * 4 >= p.sentences)
      add(Genre::kOpinion, fmt::format("{} of {} sentences carry the writer's evaluation", p.opinion, p.sentences), {}, 1, "opinion share", 1);
    if (p.promo >= 2)
      add(Genre::kPromotion, fmt::format("{} promotional sentences", p.promo), {}, 1.5, "promo share", 1.5);
  }

  // A report in the third person: the default, and named sources.
  void news_shape() {
    add(Genre::kNews, "a report in the third person (the default)", {}, 2, "default", 2);
    const SourcingProfile& p = out_.assessment.sourcing;
    if (p.named >= 2)
      add(Genre::kNews, fmt::format("{} sentences attributed to named sources", p.named), {}, std::min(2.0, 0.3 * p.named), "named", 2);
  }

  void decide() {
    auto& a = out_.assessment;
    std::size_t best = 0;
    for (std::size_t g = 1; g < kGenreCount; ++g)
      if (score_[g] > score_[best] + 1e-9) best = g;
    // A state outlet's credit or voice makes it state media, whatever else it is.
    if (score_[static_cast<std::size_t>(Genre::kStateMedia)] >= 4) best = static_cast<std::size_t>(Genre::kStateMedia);
    a.genre = static_cast<Genre>(best);
    std::stable_sort(a.genre_signals.begin(), a.genre_signals.end(),
                     [](const GenreSignal& x, const GenreSignal& y) { return x.weight > y.weight; });
  }

  const kb::Kb* kb_;
  const DocContext& ctx_;
  DocumentAnalysis& out_;
  std::string_view text_;
  std::string lower_;
  std::vector<Span> lines_;
  std::array<double, kGenreCount> score_{};
  std::map<std::string, double> used_;
};

}  // namespace

void classify_genre(const kb::Kb* kb, const DocContext& ctx, DocumentAnalysis& out) {
  out.assessment.genre_signals.clear();
  GenreReader(kb, ctx, out).run();
}

}  // namespace internal
}  // namespace assay::analysis
