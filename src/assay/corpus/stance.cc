// corpus/stance: the two-stage headline–body stance classifier (stance.h).
#include "assay/corpus/stance.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_set>

namespace assay::corpus {

namespace {

// ---------------------------------------------------------------- words

// Function words that say nothing about what a headline is about.
const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
      "into", "onto", "over", "after", "before", "about", "than", "then", "so", "up", "out", "off", "down", "is",
      "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing",
      "it", "its", "it's", "this", "that", "these", "those", "there", "here", "he", "she", "they", "them", "his",
      "her", "hers", "their", "theirs", "him", "we", "us", "our", "you", "your", "i", "me", "my", "who", "whom",
      "whose", "which", "what", "when", "where", "why", "how", "all", "any", "some", "each", "both", "more", "most",
      "other", "such", "own", "same", "too", "very", "can", "will", "would", "shall", "should", "just", "also", "now",
      "only", "again", "via", "s", "t", "one", "two", "new", "says", "said", "say", "after", "while", "just", "get",
      "gets", "got", "make", "made", "first", "last", "year", "years", "time", "like", "many", "much", "could",
      "may", "might", "not", "no", "yes", "because", "during", "through", "under", "between", "against"};
  return kWords;
}

// A light English stemmer: plurals, -ing, -ed ("claims", "claimed",
// "claiming" → "claim"; "stories" → "story").
std::string stem(std::string w) {
  if (w.size() > 2 && w.ends_with("'s")) w.resize(w.size() - 2);
  std::erase(w, '\'');
  auto ends = [&](std::string_view s) { return w.size() > s.size() && std::string_view(w).ends_with(s); };
  if (w.size() > 4 && ends("ies")) w.replace(w.size() - 3, 3, "y");
  else if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) w.pop_back();
  if (w.size() > 5 && ends("ing")) w.resize(w.size() - 3);
  else if (w.size() > 4 && ends("ed")) w.resize(w.size() - 2);
  return w;
}

// A text as lower-cased words with their stems and sentences.
struct Words {
  std::vector<std::string> words;             // lower-cased, apostrophes kept ("isn't")
  std::vector<std::string> stems;             // "" for a function word
  std::vector<std::uint32_t> sentence_start;  // index of each sentence's first word
  bool question = false;                      // the text ends with '?'
};

bool word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '\''; }

Words split_words(std::string_view text) {
  Words out;
  bool new_sentence = true;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!word_byte(c) || c == '\'') {
      if (c == '.' || c == '!' || c == '?' || c == '\n') {
        // An end of sentence: the punctuation before a space or the end, or a line break.
        if (c == '\n' || i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' || text[i + 1] == '"')
          new_sentence = true;
      }
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && word_byte(static_cast<unsigned char>(text[j]))) ++j;
    std::string w(text.substr(i, j - i));
    while (!w.empty() && w.back() == '\'') w.pop_back();
    for (char& ch : w)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    i = j;
    if (w.empty()) continue;
    if (new_sentence) {
      out.sentence_start.push_back(static_cast<std::uint32_t>(out.words.size()));
      new_sentence = false;
    }
    std::string s = stopwords().contains(w) ? std::string() : stem(w);
    if (s.size() < 2 && !(s.size() == 1 && std::isdigit(static_cast<unsigned char>(s[0])))) s.clear();
    out.words.push_back(std::move(w));
    out.stems.push_back(std::move(s));
  }
  std::size_t end = text.find_last_not_of(" \t\r\n\"'");
  out.question = end != std::string_view::npos && text[end] == '?';
  return out;
}

// ---------------------------------------------------------------- cues

// The cue families of stage 2, as words and two-word phrases. Written for
// news English in general (how a report denies, hedges, attributes or
// confirms a claim), not from the training pairs.
enum Family : int { kRefute, kNegate, kHedge, kReport, kConfirm, kFamilies };
constexpr const char* kFamilyNames[kFamilies] = {"refute", "negate", "hedge", "report", "confirm"};

const std::unordered_map<std::string_view, int>& cue_words() {
  static const std::unordered_map<std::string_view, int> kCues = [] {
    std::unordered_map<std::string_view, int> m;
    for (std::string_view w :
         {"fake", "fakes", "faked", "hoax", "hoaxes", "false", "falsely", "untrue", "deny", "denies", "denied",
          "denying", "denial", "debunk", "debunked", "debunks", "bogus", "fabricated", "fabrication", "myth", "prank",
          "pranks", "satire", "satirical", "retract", "retracted", "refute", "refuted", "refutes", "dismissed",
          "dismisses", "misleading", "doctored", "photoshopped", "nonsense", "baseless", "unfounded", "wrong",
          "rejected", "rejects", "scam", "parody", "spoof", "erroneous", "incorrect", "disputed", "disputes"})
      m.emplace(w, kRefute);
    for (std::string_view w : {"not", "no", "never", "nothing", "nobody", "none", "isn't", "wasn't", "didn't",
                               "doesn't", "don't", "aren't", "weren't", "hasn't", "haven't", "won't", "cannot",
                               "can't", "neither", "nor"})
      m.emplace(w, kNegate);
    for (std::string_view w :
         {"reportedly", "allegedly", "alleged", "apparently", "purportedly", "supposedly", "rumor", "rumors",
          "rumour", "rumours", "rumored", "rumoured", "unconfirmed", "unverified", "speculation", "speculate",
          "speculated", "may", "might", "could", "possibly", "possible", "perhaps", "likely", "unclear", "suggest",
          "suggests", "suggested", "believed", "seems", "seemed", "appears", "appeared", "claim", "claims", "claimed",
          "claiming", "purported", "if", "whether", "unknown"})
      m.emplace(w, kHedge);
    for (std::string_view w : {"said", "says", "say", "told", "report", "reports", "reported", "according",
                               "statement", "source", "sources", "tweeted", "wrote", "posted", "stated", "spokesman",
                               "spokeswoman", "spokesperson", "interview", "quoted"})
      m.emplace(w, kReport);
    for (std::string_view w : {"confirmed", "confirms", "confirm", "confirming", "indeed", "officially", "announced",
                               "revealed", "reveals", "shows", "showed", "proof", "proves", "proved", "true",
                               "actually", "verified", "footage", "video", "photos", "evidence"})
      m.emplace(w, kConfirm);
    return m;
  }();
  return kCues;
}

int cue_family(std::string_view word) {
  auto it = cue_words().find(word);
  return it == cue_words().end() ? -1 : it->second;
}

// ---------------------------------------------------------------- features

using Features = std::vector<std::pair<std::string, double>>;

std::uint64_t hash_bytes(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The content of a text for the overlap features.
struct Content {
  Words words;
  std::unordered_map<std::string, int> tf;          // content stem → count
  std::unordered_set<std::string> lead;             // stems of the first three sentences
  std::unordered_set<std::uint64_t> bigrams;        // adjacent content stems
  std::unordered_set<std::uint64_t> char_grams;     // 4-grams of the content stems joined by spaces
  std::vector<std::uint32_t> sentence_of;           // word → sentence
  std::array<int, kFamilies> cues{};                // per family, whole text
  std::array<int, kFamilies> lead_cues{};           // per family, first two sentences
};

Content content_of(std::string_view text) {
  Content c;
  c.words = split_words(text);
  const auto& ws = c.words;
  c.sentence_of.resize(ws.words.size());
  std::size_t sent = 0;
  for (std::size_t i = 0; i < ws.words.size(); ++i) {
    while (sent + 1 < ws.sentence_start.size() && ws.sentence_start[sent + 1] <= i) ++sent;
    c.sentence_of[i] = static_cast<std::uint32_t>(sent);
  }
  std::string joined;
  std::string_view prev;
  for (std::size_t i = 0; i < ws.words.size(); ++i) {
    int f = cue_family(ws.words[i]);
    if (f >= 0) {
      ++c.cues[static_cast<std::size_t>(f)];
      if (c.sentence_of[i] < 2) ++c.lead_cues[static_cast<std::size_t>(f)];
    }
    const std::string& s = ws.stems[i];
    if (s.empty()) continue;
    ++c.tf[s];
    if (c.sentence_of[i] < 3) c.lead.insert(s);
    if (!prev.empty()) c.bigrams.insert(hash_bytes(prev) * 31 + hash_bytes(s));
    prev = s;
    joined += s;
    joined += ' ';
  }
  for (std::size_t i = 0; i + 4 <= joined.size(); ++i) c.char_grams.insert(hash_bytes(std::string_view(joined).substr(i, 4)));
  return c;
}

struct Idf {
  const std::unordered_map<std::string, double>* table;
  double unknown;
  double of(const std::string& w) const {
    auto it = table->find(w);
    return it == table->end() ? unknown : it->second;
  }
};

double idf_value(double documents, double df) { return std::log((documents + 1) / (df + 1)) + 1; }

// A value and its bin (on a square-root scale, so that the small overlaps
// that separate unrelated pairs get bins of their own).
void add_binned(Features& f, const std::string& name, double v) {
  v = std::clamp(v, 0.0, 1.0);
  f.emplace_back(name, v);
  int bin = std::min(9, static_cast<int>(std::sqrt(v) * 10));
  f.emplace_back(fmt::format("{}#{}", name, bin), 1.0);
}

struct PairFeatures {
  Features related;  // stage 1
  Features stance;   // stage 2
};

// The features of a headline against a body (both already read).
// Stage 2's features only when `stance` is set.
PairFeatures pair_features(const Content& h, const Content& b, double body_norm, const Idf& idf, double body_words,
                           bool stance) {
  PairFeatures out;
  Features& f = out.related;
  // TF-IDF cosine.
  double dot = 0, hn = 0;
  double matched = 0, total = 0, matched_w = 0, total_w = 0, lead = 0, max_missing = 0;
  for (const auto& [w, n] : h.tf) {
    double i = idf.of(w);
    double hv = n * i;
    hn += hv * hv;
    auto it = b.tf.find(w);
    total += 1;
    total_w += i;
    if (it != b.tf.end()) {
      dot += hv * it->second * i;
      matched += 1;
      matched_w += i;
    } else {
      max_missing = std::max(max_missing, i);
    }
    if (b.lead.contains(w)) lead += 1;
  }
  double cos = hn > 0 && body_norm > 0 ? dot / (std::sqrt(hn) * body_norm) : 0;
  double ov = total > 0 ? matched / total : 0;
  double ovw = total_w > 0 ? matched_w / total_w : 0;
  double ovl = total > 0 ? lead / total : 0;
  std::size_t bi_hit = 0;
  for (auto g : h.bigrams) bi_hit += b.bigrams.contains(g);
  double bi = h.bigrams.empty() ? 0 : static_cast<double>(bi_hit) / static_cast<double>(h.bigrams.size());
  std::size_t ch_hit = 0;
  for (auto g : h.char_grams) ch_hit += b.char_grams.contains(g);
  double ch = h.char_grams.empty() ? 0 : static_cast<double>(ch_hit) / static_cast<double>(h.char_grams.size());
  double miss = max_missing / idf.unknown;
  add_binned(f, "cos", cos);
  add_binned(f, "overlap", ov);
  add_binned(f, "overlap_idf", ovw);
  add_binned(f, "overlap_lead", ovl);
  add_binned(f, "bigrams", bi);
  add_binned(f, "chargrams", ch);
  add_binned(f, "missing_idf", miss);
  add_binned(f, "cos*overlap", cos * ov);
  f.emplace_back(fmt::format("headline_words#{}", std::min<std::size_t>(h.tf.size(), 12)), 1.0);
  f.emplace_back(fmt::format("matched#{}", std::min(static_cast<int>(matched), 5)), 1.0);
  if (!stance) return out;

  // Stage 2: the overlap again, then the cues.
  Features& s = out.stance;
  s = f;
  // Sentences of the body that repeat the headline: at least a third of its
  // content words (one for a short headline).
  std::size_t sentences = b.words.sentence_start.size();
  std::vector<int> hits(sentences, 0);
  for (std::size_t i = 0; i < b.words.stems.size(); ++i)
    if (!b.words.stems[i].empty() && h.tf.contains(b.words.stems[i])) ++hits[b.sentence_of[i]];
  int need = std::max(1, static_cast<int>(std::ceil(static_cast<double>(h.tf.size()) / 3.0)));
  std::array<int, kFamilies> near{};
  int near_sentences = 0;
  std::vector<char> is_near(sentences, 0);
  for (std::size_t k = 0; k < sentences; ++k)
    if (hits[k] >= need) {
      is_near[k] = 1;
      ++near_sentences;
    }
  for (std::size_t i = 0; i < b.words.words.size(); ++i) {
    if (!is_near[b.sentence_of[i]]) continue;
    int fam = cue_family(b.words.words[i]);
    if (fam >= 0) ++near[static_cast<std::size_t>(fam)];
  }
  double body_len = std::max<double>(1.0, static_cast<double>(b.words.words.size()));
  s.emplace_back(fmt::format("near_sentences#{}", std::min(near_sentences, 6)), 1.0);
  s.emplace_back("near_share", sentences ? static_cast<double>(near_sentences) / static_cast<double>(sentences) : 0);
  s.emplace_back(fmt::format("body_words#{}", std::min(8, static_cast<int>(std::log2(body_len)))), 1.0);
  for (int k = 0; k < kFamilies; ++k) {
    std::string fam = kFamilyNames[k];
    auto uk = static_cast<std::size_t>(k);
    s.emplace_back("near_" + fam, std::log1p(near[uk]));
    s.emplace_back("body_" + fam, std::log1p(b.cues[uk]));
    s.emplace_back("rate_" + fam, std::min(1.0, 20.0 * b.cues[uk] / body_len));
    if (b.lead_cues[uk]) s.emplace_back("lead_" + fam, 1.0);
    if (h.cues[uk]) {
      s.emplace_back("headline_" + fam, 1.0);
      if (near[uk]) s.emplace_back("headline_" + fam + "&near", 1.0);
    }
  }
  // A denial of what the headline asserts: refutation or negation where the
  // body repeats the headline, while the headline itself denies nothing (and
  // the other way round: a headline that calls the claim false, a body that
  // repeats the claim without denying it).
  bool h_denies = h.cues[kRefute] + h.cues[kNegate] > 0;
  double near_denial = std::log1p(near[kRefute] + 0.5 * near[kNegate]);
  if (!h_denies && near_denial > 0) s.emplace_back("denial_against_headline", near_denial);
  if (h_denies && near_denial > 0) s.emplace_back("denial_with_headline", near_denial);
  if (h_denies && near_denial == 0 && near_sentences > 0) s.emplace_back("headline_denies_body_not", 1.0);
  if (!h_denies && near[kRefute] > 0 && b.lead_cues[kRefute] > 0) s.emplace_back("lead_refutes_headline", 1.0);
  int h_pol = (h.cues[kRefute] + h.cues[kNegate]) % 2;
  int b_pol = (near[kRefute] + near[kNegate]) % 2;
  s.emplace_back(fmt::format("polarity_h{}b{}", h_pol, b_pol), 1.0);
  if (h.words.question) s.emplace_back("headline_question", 1.0);
  if (body_words > 0) {
    double norm = 0;
    std::vector<std::pair<const std::string*, double>> vs;
    for (const auto& [w, n] : b.tf) {
      double v = std::log1p(n) * idf.of(w);
      vs.emplace_back(&w, v);
      norm += v * v;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
      for (const auto& [w, v] : vs) s.emplace_back("b:" + *w, body_words * v / norm);
  }
  return out;
}

double body_norm(const Content& b, const Idf& idf) {
  double n = 0;
  for (const auto& [w, c] : b.tf) {
    double v = c * idf.of(w);
    n += v * v;
  }
  return std::sqrt(n);
}

// ---------------------------------------------------------------- training

std::vector<double> softmax(std::vector<double> z) {
  double m = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double& v : z) sum += (v = std::exp(v - m));
  for (double& v : z) v /= sum;
  return z;
}

struct Example {
  std::vector<std::pair<std::uint32_t, double>> x;
  int y = 0;
};

// Multinomial logistic regression, AdaGrad with L2, deterministic order.
LinearClassifier fit(int classes, const std::vector<std::string>& names, const std::vector<Example>& data,
                     const StanceTrainOptions& o) {
  auto k = static_cast<std::size_t>(classes);
  std::vector<double> w(names.size() * k, 0.0), g2(names.size() * k, 0.0), b(k, 0.0), bg2(k, 0.0);
  std::vector<std::size_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  std::vector<double> z(k);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t idx : order) {
      const Example& e = data[idx];
      for (std::size_t c = 0; c < k; ++c) z[c] = b[c];
      for (const auto& [j, v] : e.x)
        for (std::size_t c = 0; c < k; ++c) z[c] += w[j * k + c] * v;
      auto p = softmax(z);
      for (std::size_t c = 0; c < k; ++c) {
        double grad = p[c] - (static_cast<int>(c) == e.y ? 1.0 : 0.0);
        bg2[c] += grad * grad;
        b[c] -= o.learning_rate * grad / std::sqrt(bg2[c] + 1e-8);
        for (const auto& [j, v] : e.x) {
          double& wj = w[j * k + c];
          double gj = grad * v + o.l2 * wj;
          double& gg = g2[j * k + c];
          gg += gj * gj;
          wj -= o.learning_rate * gj / std::sqrt(gg + 1e-8);
        }
      }
    }
  }
  LinearClassifier out(classes);
  out.bias() = b;
  for (std::size_t j = 0; j < names.size(); ++j) {
    std::vector<double> row(w.begin() + static_cast<std::ptrdiff_t>(j * k), w.begin() + static_cast<std::ptrdiff_t>((j + 1) * k));
    double mx = 0;
    for (double v : row) mx = std::max(mx, std::fabs(v));
    if (mx < 1e-4) continue;
    for (double& v : row) v = std::round(v * 1e4) / 1e4;
    out.weights().emplace(names[j], std::move(row));
  }
  return out;
}

// Interns feature names for training.
struct Interner {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::string> names;
  Example example(const Features& f, int y) {
    Example e;
    e.y = y;
    for (const auto& [name, v] : f) {
      auto [it, added] = ids.emplace(name, static_cast<std::uint32_t>(names.size()));
      if (added) names.push_back(name);
      e.x.emplace_back(it->second, v);
    }
    return e;
  }
};

// Keeps every feature that is not a body word and the `keep` body words
// with the largest weights.
void prune_body_words(LinearClassifier& m, std::size_t keep) {
  std::vector<std::pair<double, std::string>> words;
  for (const auto& [name, row] : m.weights()) {
    if (!name.starts_with("b:")) continue;
    double mx = 0;
    for (double v : row) mx = std::max(mx, std::fabs(v));
    words.emplace_back(mx, name);
  }
  if (words.size() <= keep) return;
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  for (std::size_t i = keep; i < words.size(); ++i) m.weights().erase(words[i].second);
}

int stance_index(Stance s) { return static_cast<int>(s); }  // agree 0, disagree 1, discuss 2

}  // namespace

// ---------------------------------------------------------------- names

const char* stance_name(Stance s) {
  switch (s) {
    case Stance::kAgree: return "agree";
    case Stance::kDisagree: return "disagree";
    case Stance::kDiscuss: return "discuss";
    case Stance::kUnrelated: return "unrelated";
  }
  return "unrelated";
}

std::optional<Stance> parse_stance(std::string_view name) {
  for (Stance s : {Stance::kAgree, Stance::kDisagree, Stance::kDiscuss, Stance::kUnrelated})
    if (name == stance_name(s)) return s;
  return std::nullopt;
}

const char* story_stance_name(StoryStance s) {
  switch (s) {
    case StoryStance::kSupport: return "support";
    case StoryStance::kDispute: return "dispute";
    case StoryStance::kDiscuss: return "discuss";
    case StoryStance::kUnrelated: return "unrelated";
  }
  return "unrelated";
}

StoryStance to_story_stance(Stance s) {
  switch (s) {
    case Stance::kAgree: return StoryStance::kSupport;
    case Stance::kDisagree: return StoryStance::kDispute;
    case Stance::kDiscuss: return StoryStance::kDiscuss;
    case Stance::kUnrelated: return StoryStance::kUnrelated;
  }
  return StoryStance::kUnrelated;
}

StoryStance member_stance(const StanceModel& model, std::string_view claim, std::string_view member_body) {
  return to_story_stance(model.classify(claim, member_body));
}

// ---------------------------------------------------------------- the classifier

std::vector<double> LinearClassifier::probabilities(const Features& features) const {
  std::vector<double> z = bias_;
  for (const auto& [name, v] : features) {
    auto it = weights_.find(name);
    if (it == weights_.end()) continue;
    for (std::size_t c = 0; c < z.size(); ++c) z[c] += it->second[c] * v;
  }
  return softmax(std::move(z));
}

StancePrediction StanceModel::predict(std::string_view headline, std::string_view body) const {
  Idf idf{&idf_, idf_value(documents_, 1)};
  Content h = content_of(headline);
  Content b = content_of(body);
  PairFeatures f = pair_features(h, b, body_norm(b, idf), idf, body_words_ ? body_scale_ : 0, /*stance=*/false);
  StancePrediction out;
  out.related = related_.probabilities(f.related)[1];
  if (out.related < threshold_) return out;  // kUnrelated
  f = pair_features(h, b, body_norm(b, idf), idf, body_words_ ? body_scale_ : 0, /*stance=*/true);
  auto p = stance_.probabilities(f.stance);
  std::copy(p.begin(), p.end(), out.among_related.begin());
  auto best = std::max_element(out.among_related.begin(), out.among_related.end()) - out.among_related.begin();
  out.stance = static_cast<Stance>(best);
  return out;
}

StanceModel train_stance(std::span<const StancePair> pairs, const StanceTrainOptions& options) {
  StanceModel m;
  m.trained_on_ = options.trained_on;
  m.body_words_ = options.body_words;
  m.body_scale_ = options.body_scale;
  m.threshold_ = options.threshold;
  // Read each distinct body and headline once.
  std::unordered_map<std::string_view, std::size_t> body_index, head_index;
  std::vector<Content> bodies, heads;
  std::vector<std::pair<std::size_t, std::size_t>> at;
  at.reserve(pairs.size());
  for (const auto& p : pairs) {
    auto [bi, bnew] = body_index.emplace(p.body, bodies.size());
    if (bnew) bodies.push_back(content_of(p.body));
    auto [hi, hnew] = head_index.emplace(p.headline, heads.size());
    if (hnew) heads.push_back(content_of(p.headline));
    at.emplace_back(hi->second, bi->second);
  }
  // Document frequencies over the bodies and the headlines; words in one
  // document only are left out of the table (the unknown word's IDF is a
  // single document's).
  std::unordered_map<std::string, double> df;
  for (const auto* set : {&bodies, &heads})
    for (const auto& c : *set)
      for (const auto& [w, n] : c.tf) df[w] += 1;
  m.documents_ = static_cast<double>(bodies.size() + heads.size());
  for (const auto& [w, n] : df)
    if (n >= 2) m.idf_.emplace(w, std::round(idf_value(m.documents_, n) * 1e4) / 1e4);
  Idf idf{&m.idf_, idf_value(m.documents_, 1)};
  std::vector<double> norms;
  norms.reserve(bodies.size());
  for (const auto& b : bodies) norms.push_back(body_norm(b, idf));

  Interner rel_names, st_names;
  std::vector<Example> rel, st;
  rel.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    auto [hi, bi] = at[i];
    bool related = pairs[i].stance != Stance::kUnrelated;
    PairFeatures f = pair_features(heads[hi], bodies[bi], norms[bi], idf, options.body_words ? options.body_scale : 0, related);
    rel.push_back(rel_names.example(f.related, related ? 1 : 0));
    if (related) st.push_back(st_names.example(f.stance, stance_index(pairs[i].stance)));
  }
  m.related_ = fit(2, rel_names.names, rel, options);
  if (!st.empty()) m.stance_ = fit(3, st_names.names, st, options);
  prune_body_words(m.stance_, options.max_features);
  return m;
}

// ---------------------------------------------------------------- the file

namespace {

void write_rows(std::string& out, std::string_view section, const LinearClassifier& m) {
  std::vector<std::pair<std::string, const std::vector<double>*>> rows;
  for (const auto& [name, row] : m.weights()) rows.emplace_back(name, &row);
  auto mag = [](const std::vector<double>& r) {
    double mx = 0;
    for (double v : r) mx = std::max(mx, std::fabs(v));
    return mx;
  };
  std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
    double ma = mag(*a.second), mb = mag(*b.second);
    return ma != mb ? ma > mb : a.first < b.first;
  });
  auto line = [&](std::string_view name, const std::vector<double>& r) {
    out += fmt::format("{}\t{}", section, name);
    for (double v : r) out += fmt::format("\t{:.4f}", v);
    out += '\n';
  };
  line("(bias)", m.bias());
  for (const auto& [name, row] : rows) line(name, *row);
}

bool parse_double(std::string_view s, double& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(v);
}

}  // namespace

std::string StanceModel::to_tsv() const {
  std::string out;
  out += "# model: stance\n";
  out += "# what: headline-body stance (FNC-1 classes), two stages: related (unrelated, related) then stance among "
         "related (agree, disagree, discuss); corpus/stance.h\n";
  out += fmt::format("# trained: {}\n", trained_on_);
  out += fmt::format("# documents: {}\n", static_cast<long long>(documents_));
  out += fmt::format("# threshold: {:.2f}\n", threshold_);
  out += fmt::format("# body-words: {}\n", body_words_ ? "yes" : "no");
  out += fmt::format("# body-scale: {:.2f}\n", body_scale_);
  out += "section\tfeature\tweights\n";
  std::vector<std::pair<std::string, double>> idf(idf_.begin(), idf_.end());
  std::sort(idf.begin(), idf.end());
  for (const auto& [w, v] : idf) out += fmt::format("idf\t{}\t{:.4f}\n", w, v);
  write_rows(out, "related", related_);
  write_rows(out, "stance", stance_);
  return out;
}

base::Result<StanceModel> StanceModel::parse(std::string_view tsv, std::string_view name) {
  StanceModel m;
  m.related_ = LinearClassifier(2);
  m.stance_ = LinearClassifier(3);
  std::size_t pos = 0;
  int line_no = 0;
  bool header_row = false;
  auto bad = [&](std::string what) {
    return base::fail(base::Error::invalid(std::move(what), {.file = std::string(name), .line = line_no}));
  };
  while (pos < tsv.size()) {
    std::size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.starts_with("#")) {
      std::string_view rest = line.substr(1);
      std::size_t colon = rest.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view key = rest.substr(0, colon), value = rest.substr(colon + 1);
      while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (key == "model" && value != "stance") return bad(fmt::format("not a stance model (model: {})", value));
      if (key == "trained") m.trained_on_ = std::string(value);
      if (key == "documents" && (!parse_double(value, m.documents_) || m.documents_ < 1))
        return bad(fmt::format("documents: '{}' is not a positive number", value));
      if (key == "threshold" && (!parse_double(value, m.threshold_) || m.threshold_ < 0 || m.threshold_ > 1))
        return bad(fmt::format("threshold: '{}' is not a number from 0 to 1", value));
      if (key == "body-words") m.body_words_ = value == "yes";
      if (key == "body-scale" && (!parse_double(value, m.body_scale_) || m.body_scale_ < 0))
        return bad(fmt::format("body-scale: '{}' is not a number >= 0", value));
      continue;
    }
    std::vector<std::string_view> cells;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      cells.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (!header_row) {
      if (cells.size() < 2 || cells[0] != "section" || cells[1] != "feature")
        return bad("expected the column header 'section<TAB>feature<TAB>weights'");
      header_row = true;
      continue;
    }
    std::size_t want = cells[0] == "idf" ? 3 : cells[0] == "related" ? 4 : cells[0] == "stance" ? 5 : 0;
    if (want == 0) return bad(fmt::format("unknown section '{}' (idf, related or stance)", cells[0]));
    if (cells.size() != want)
      return bad(fmt::format("a '{}' row has {} cells, expected {}", cells[0], cells.size(), want));
    std::vector<double> values;
    for (std::size_t i = 2; i < cells.size(); ++i) {
      double v = 0;
      if (!parse_double(cells[i], v)) return bad(fmt::format("'{}' is not a number", cells[i]));
      values.push_back(v);
    }
    std::string feature(cells[1]);
    if (cells[0] == "idf") {
      m.idf_[feature] = values[0];
      continue;
    }
    LinearClassifier& c = cells[0] == "related" ? m.related_ : m.stance_;
    if (feature == "(bias)") c.bias() = values;
    else c.weights()[feature] = values;
  }
  if (!header_row) return bad("no weights (expected the column header 'section<TAB>feature<TAB>weights')");
  if (m.documents_ < 1) return bad("missing '# documents: N' (the documents the IDF was computed over)");
  return m;
}

base::Result<StanceModel> StanceModel::load(const base::DataSource& data) {
  auto bytes = data.read(kPath);
  if (!bytes) return base::fail(bytes.error());
  return parse(*bytes, data.display_path(kPath));
}

// ---------------------------------------------------------------- scores

void StanceScore::add(Stance gold, Stance predicted) {
  ++confusion[static_cast<std::size_t>(gold)][static_cast<std::size_t>(predicted)];
}

std::uint64_t StanceScore::total() const {
  std::uint64_t n = 0;
  for (const auto& row : confusion)
    for (auto v : row) n += v;
  return n;
}

double StanceScore::weighted() const {
  double got = 0, best = 0;
  for (int g = 0; g < kStanceCount; ++g)
    for (int p = 0; p < kStanceCount; ++p) {
      double n = static_cast<double>(confusion[static_cast<std::size_t>(g)][static_cast<std::size_t>(p)]);
      bool g_rel = g != stance_index(Stance::kUnrelated), p_rel = p != stance_index(Stance::kUnrelated);
      best += n * (g_rel ? 1.0 : 0.25);
      if (g_rel == p_rel) got += 0.25 * n;
      if (g_rel && g == p) got += 0.75 * n;
    }
  return best > 0 ? got / best : 0;
}

double StanceScore::f1(Stance s) const {
  auto k = static_cast<std::size_t>(s);
  double tp = static_cast<double>(confusion[k][k]), gold = 0, pred = 0;
  for (std::size_t i = 0; i < kStanceCount; ++i) {
    gold += static_cast<double>(confusion[k][i]);
    pred += static_cast<double>(confusion[i][k]);
  }
  return gold + pred > 0 ? 2 * tp / (gold + pred) : 0;
}

double StanceScore::macro_f1() const {
  double sum = 0;
  for (Stance s : {Stance::kAgree, Stance::kDisagree, Stance::kDiscuss, Stance::kUnrelated}) sum += f1(s);
  return sum / kStanceCount;
}

StanceScore cross_validate_stance(std::span<const StancePair> pairs, int folds, const StanceTrainOptions& options,
                                  const std::function<void(int fold)>& on_fold) {
  StanceScore score;
  if (folds < 2) return score;
  auto fold_of = [folds](std::uint64_t group) {
    std::uint64_t z = group + 0x9e3779b97f4a7c15ull;  // splitmix64
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<int>(z % static_cast<std::uint64_t>(folds));
  };
  for (int k = 0; k < folds; ++k) {
    std::vector<StancePair> train, test;
    for (const auto& p : pairs) (fold_of(p.group) == k ? test : train).push_back(p);
    if (train.empty() || test.empty()) continue;
    StanceModel m = train_stance(train, options);
    for (const auto& p : test) score.add(p.stance, m.classify(p.headline, p.body));
    if (on_fold) on_fold(k);
  }
  return score;
}

}  // namespace assay::corpus
