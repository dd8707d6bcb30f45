#include "assay/analysis/linear_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <numeric>
#include <random>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"

namespace assay::analysis {

namespace {
constexpr auto kTargets = base::enum_names<ModelTarget>({
    {ModelTarget::kHedge, "hedge"},
    {ModelTarget::kOpinion, "opinion"},
    {ModelTarget::kSource, "source"},
    {ModelTarget::kClaim, "claim"},
});

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

const char* model_target_name(ModelTarget t) { return kTargets.name(t); }

std::uint64_t feature_hash(std::string_view feature) { return base::fnv1a(feature); }

LinearModel::LinearModel(std::string name, ModelTarget target, double bias, double threshold,
                         std::unordered_map<std::string, double> weights, std::string trained_on)
    : name_(std::move(name)), target_(target), bias_(bias), threshold_(threshold), weights_(std::move(weights)),
      trained_on_(std::move(trained_on)) {}

base::Result<LinearModel> LinearModel::parse(std::string_view tsv, std::string_view name) {
  std::string model_name;
  std::optional<ModelTarget> target;
  double bias = 0, threshold = 0.5;
  std::string trained_on;
  std::unordered_map<std::string, double> weights;
  double veto = 0;
  std::vector<std::string> veto_cues;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < tsv.size()) {
    std::size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    base::Location where{.file = std::string(name), .line = line_no};
    if (line.empty()) continue;
    if (line.starts_with("#")) {
      std::string_view h = base::trim(line.substr(1));
      auto colon = h.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view key = base::trim(h.substr(0, colon)), val = base::trim(h.substr(colon + 1));
      if (key == "model") model_name = std::string(val);
      if (key == "trained") trained_on = std::string(val);
      if (key == "target") {
        target = kTargets.parse(val);
        if (!target) return base::fail(base::Error::invalid(fmt::format("unknown target \"{}\"", val), where));
      }
      if (key == "veto") {
        auto parts = base::split(val, ' ');
        std::string v(parts.empty() ? std::string_view() : parts[0]);
        char* end = nullptr;
        veto = std::strtod(v.c_str(), &end);
        if (v.empty() || end != v.c_str() + v.size() || veto < 0 || veto >= 1)
          return base::fail(base::Error::invalid(fmt::format("veto \"{}\" is not in [0, 1)", v), where));
        for (std::size_t i = 1; i < parts.size(); ++i)
          if (!parts[i].empty()) veto_cues.emplace_back(parts[i]);
      }
      if (key == "threshold") {
        char* end = nullptr;
        std::string v(val);
        threshold = std::strtod(v.c_str(), &end);
        if (end != v.c_str() + v.size() || threshold <= 0 || threshold >= 1)
          return base::fail(base::Error::invalid(fmt::format("threshold \"{}\" is not in (0, 1)", val), where));
      }
      continue;
    }
    auto cols = base::split(line, '\t');
    if (cols.size() != 2) return base::fail(base::Error::invalid("expected 2 tab-separated columns (feature, weight)", where));
    if (cols[0] == "feature") continue;
    std::string v(cols[1]);
    char* end = nullptr;
    double w = std::strtod(v.c_str(), &end);
    if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(w)) {
      where.column = static_cast<std::int64_t>(cols[0].size() + 2);
      return base::fail(base::Error::invalid(fmt::format("weight \"{}\" is not a number", v), where));
    }
    if (cols[0] == "(bias)") bias = w;
    else weights[std::string(cols[0])] = w;
  }
  if (!target) return base::fail(base::Error::invalid("missing \"# target:\" header", {.file = std::string(name)}));
  if (model_name.empty()) model_name = std::string(name);
  LinearModel m(model_name, *target, bias, threshold, std::move(weights), trained_on);
  m.set_veto(veto, std::move(veto_cues));
  return m;
}

double LinearModel::score(const std::vector<std::string>& features) const {
  double z = bias_;
  for (const auto& f : features) {
    auto it = weights_.find(f);
    if (it != weights_.end()) z += it->second;
  }
  return z;
}

double LinearModel::probability(const std::vector<std::string>& features) const { return sigmoid(score(features)); }

std::string LinearModel::strongest(const std::vector<std::string>& features) const {
  std::string best;
  double bw = 0;
  for (const auto& f : features) {
    auto it = weights_.find(f);
    if (it != weights_.end() && it->second > bw) bw = it->second, best = f;
  }
  return best;
}

std::string LinearModel::to_tsv() const {
  std::vector<std::pair<std::string, double>> w(weights_.begin(), weights_.end());
  std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) {
    if (std::abs(a.second) != std::abs(b.second)) return std::abs(a.second) > std::abs(b.second);
    return a.first < b.first;
  });
  std::string out = fmt::format(
      "# model: {}\n# target: {}\n# threshold: {:.4f}\n{}# trained: {}\n"
      "# Written by `assay train`; review it like any data file. Features: w: word,\n"
      "# c: lexicon category, q: category inside a quotation, r: label given by the rules,\n"
      "# f: first word's shape, s: sentence shape, x: a word's evaluative ending.\n"
      "feature\tweight\n(bias)\t{:.4f}\n",
      name_, model_target_name(target_), threshold_,
      veto_ > 0 ? fmt::format("# veto: {:.4f} {}\n", veto_, fmt::join(veto_cues_, " ")) : std::string(), trained_on_, bias_);
  for (const auto& [f, v] : w) out += fmt::format("{}\t{:.4f}\n", f, v);
  return out;
}

namespace {

// Lower-cases a word for the features: ASCII letters lowered, digits as 0,
// the typographic apostrophe as ASCII. Calls put(c) for each byte.
// (Each byte by a table: the words of every sentence are hashed so.)
template <class Put>
void lower_word(std::string_view w, Put&& put) {
  static constexpr auto kFold = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) {
      const bool digit = c >= '0' && c <= '9', upper = c >= 'A' && c <= 'Z';
      t[static_cast<std::size_t>(c)] = static_cast<unsigned char>(digit ? '0' : upper ? c - 'A' + 'a' : c);
    }
    return t;
  }();
  const auto* p = reinterpret_cast<const unsigned char*>(w.data());
  const std::size_t n = w.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x99) {
      put('\'');
      i += 2;
      continue;
    }
    put(static_cast<char>(kFold[p[i]]));
  }
}

// The kinds of feature for_each_feature() emits. A word as written: its
// feature is "w:" and the word through lower_word().
struct RawWord {
  std::string_view text;
};
// A feature spelled in full, hashed when compiled.
struct Fixed {
  consteval Fixed(const char* s) : text(s), hash(base::fnv1a(text)) {}
  std::string_view text;
  std::uint64_t hash;
};
// "c:<category>" for a cue, "q:<category>" for a cue inside a quotation.
struct CueFeature {
  bool quoted;
  lexicon::Category category;
};
// "r:<label>" for a label the rules gave.
struct LabelFeature {
  Label label;
};

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// The category and label names as views (their lengths known once).
std::string_view category_view(lexicon::Category c) {
  static const auto names = [] {
    std::array<std::string_view, lexicon::kCategoryCount> n;
    for (std::size_t i = 0; i < n.size(); ++i) n[i] = lexicon::category_name(static_cast<lexicon::Category>(i));
    return n;
  }();
  auto i = static_cast<std::size_t>(c);
  return i < names.size() ? names[i] : std::string_view(lexicon::category_name(c));
}

std::string_view label_view(Label l) {
  static const auto names = [] {
    std::array<std::string_view, kLabelCount> n;
    for (std::size_t i = 0; i < n.size(); ++i) n[i] = label_name(static_cast<Label>(i));
    return n;
  }();
  return names[static_cast<std::size_t>(l)];
}

// The derivational endings of English that mostly make words of judgement
// and degree (adverbs of manner, adjectives of quality, ideologies and
// their followers): "x:<ending>" for a word of 6 letters or more that ends
// so. They carry what a word identity cannot to a word the training text
// never held ("brazenly", "outrageous", "alarmist"). Longest first.
const Fixed* evaluative_suffix(std::string_view w) {
  static constexpr Fixed kEndings[] = {"x:ically", "x:ously", "x:ively", "x:fully", "x:ical", "x:ous",  "x:ism",
                                       "x:ist",    "x:ive",   "x:ful",   "x:less",  "x:able", "x:ly"};
  if (w.size() < 6) return nullptr;
  // Only the endings with the word's last letter can match; among them the
  // order above (longest first) is kept. A word of 6 letters or more has
  // room for every ending's 3 letters before it but "ically" (6 + 3).
  auto ends = [&](const Fixed& f) {
    std::string_view end = f.text.substr(2);
    return w.size() >= end.size() + 3 && w.substr(w.size() - end.size()) == end;
  };
  switch (w.back()) {
    case 'y':
      if (w[w.size() - 2] != 'l') return nullptr;
      for (int i : {0, 1, 2, 3})
        if (ends(kEndings[i])) return &kEndings[i];
      return &kEndings[12];  // "ly"
    case 'l':
      if (ends(kEndings[4])) return &kEndings[4];
      return ends(kEndings[9]) ? &kEndings[9] : nullptr;
    case 's':
      if (ends(kEndings[5])) return &kEndings[5];
      return ends(kEndings[10]) ? &kEndings[10] : nullptr;
    case 'm': return ends(kEndings[6]) ? &kEndings[6] : nullptr;
    case 't': return ends(kEndings[7]) ? &kEndings[7] : nullptr;
    case 'e':
      if (ends(kEndings[8])) return &kEndings[8];
      return ends(kEndings[11]) ? &kEndings[11] : nullptr;
    default: return nullptr;
  }
}

// Calls emit() once per feature of the sentence with a RawWord, Fixed,
// CueFeature or LabelFeature. Both feature forms (strings, hashes) are built
// from this one walk, so they cannot drift apart.
template <class Emit>
void for_each_feature(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                      std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes, LabelSet rule_labels,
                      Emit&& emit) {
  // Shape of the sentence's start and of the names in it: who could be
  // speaking, whatever the verb ("He despises", "Trump charges").
  bool first_word = true;
  int capital_run = 0;
  bool name_inside = false;
  for (const auto& t : tokens) {
    if (t.kind == text::TokenKind::kWord) {
      std::string_view v = t.span.of(text);
      bool capital = !v.empty() && v[0] >= 'A' && v[0] <= 'Z';
      if (first_word) {
        bool pronoun = v == "He" || v == "She" || v == "They" || v == "I" || v == "We";
        emit(pronoun ? Fixed("f:pronoun") : capital ? Fixed("f:capital") : Fixed("f:lower"));
      } else {
        capital_run = capital ? capital_run + 1 : 0;
        if (capital_run >= 2) name_inside = true;
      }
      first_word = false;
    } else if (t.kind == text::TokenKind::kNumber) {
      first_word = false;
      capital_run = 0;
    }
  }
  if (name_inside) emit(Fixed("s:name"));
  for (const auto& t : tokens) {
    if (t.kind == text::TokenKind::kPunct) {
      std::string_view p = t.span.of(text);
      if (p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x9D") emit(Fixed("s:quote"));
      if (p == "?") emit(Fixed("s:question"));
      if (p == "!") emit(Fixed("s:exclaim"));
      continue;
    }
    if (t.kind == text::TokenKind::kNumber) {
      emit(Fixed("s:number"));
      emit(Fixed("w:0"));
    } else {
      std::string_view w = t.span.of(text);
      emit(RawWord{w});
      if (const Fixed* x = evaluative_suffix(w)) emit(*x);
    }
  }
  for (const auto& c : cues) {
    if (!sentence.contains(c.span)) continue;
    // The quotes are in text order and do not overlap: only the last one
    // that opens at or before the cue can hold it (a scan of them all per
    // cue was quadratic in a document of many quotes).
    auto after = std::upper_bound(quotes.begin(), quotes.end(), c.span.begin,
                                  [](std::uint32_t b, const base::Span& q) { return b < q.begin; });
    bool quoted = after != quotes.begin() && std::prev(after)->contains(c.span);
    emit(CueFeature{quoted, c.category});
  }
  for (Label l : rule_labels.labels()) emit(LabelFeature{l});
  std::size_t n = tokens.size();
  emit(n < 8 ? Fixed("s:short") : n < 25 ? Fixed("s:medium") : Fixed("s:long"));
}

}  // namespace

void sentence_features(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                       std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes, LabelSet rule_labels,
                       std::vector<std::string>& out) {
  std::size_t first = out.size();
  auto push = [&](std::string f) { out.push_back(std::move(f)); };
  for_each_feature(text, sentence, tokens, cues, quotes, rule_labels,
                   Overloaded{[&](Fixed f) { push(std::string(f.text)); },
                              [&](CueFeature c) { push((c.quoted ? "q:" : "c:") + std::string(category_view(c.category))); },
                              [&](LabelFeature l) { push("r:" + std::string(label_view(l.label))); },
                              [&](RawWord w) {
                                std::string f = "w:";
                                lower_word(w.text, [&](char c) { f.push_back(c); });
                                push(std::move(f));
                              }});
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
}

void sentence_feature_hashes(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                             std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes,
                             LabelSet rule_labels, std::vector<std::uint64_t>& out) {
  std::size_t first = out.size();
  static constexpr std::uint64_t kWord = base::fnv1a("w:");
  // The hashes of every cue and label feature, from the same names as the
  // strings.
  static const auto kCues = [] {
    std::array<std::array<std::uint64_t, lexicon::kCategoryCount>, 2> h{};
    for (std::size_t c = 0; c < lexicon::kCategoryCount; ++c) {
      std::string_view name = category_view(static_cast<lexicon::Category>(c));
      h[0][c] = base::fnv1a(name, base::fnv1a("c:"));
      h[1][c] = base::fnv1a(name, base::fnv1a("q:"));
    }
    return h;
  }();
  static const auto kLabels = [] {
    std::array<std::uint64_t, kLabelCount> h{};
    for (std::size_t l = 0; l < kLabelCount; ++l) h[l] = base::fnv1a(label_view(static_cast<Label>(l)), base::fnv1a("r:"));
    return h;
  }();
  for_each_feature(text, sentence, tokens, cues, quotes, rule_labels,
                   Overloaded{[&](Fixed f) { out.push_back(f.hash); },
                              [&](CueFeature c) {
                                auto i = static_cast<std::size_t>(c.category);
                                out.push_back(i < lexicon::kCategoryCount
                                                  ? kCues[c.quoted][i]
                                                  : base::fnv1a(category_view(c.category), base::fnv1a(c.quoted ? "q:" : "c:")));
                              },
                              [&](LabelFeature l) { out.push_back(kLabels[static_cast<std::size_t>(l.label)]); },
                              [&](RawWord w) {
                                // Hashed as it is lowered: no copy of the word.
                                std::uint64_t h = kWord;
                                lower_word(w.text, [&](char c) { h = base::fnv1a_byte(h, static_cast<unsigned char>(c)); });
                                out.push_back(h);
                              }});
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
}

ModelSet::ModelSet(std::vector<LinearModel> models) : models_(std::move(models)) {
  // Rows: every feature any model weighs, in name order (deterministic;
  // score() relies on it to break ties between names by row).
  std::vector<std::string> names;
  for (const auto& m : models_)
    for (const auto& [f, w] : m.weights()) names.push_back(f);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::size_t cap = 16;
  while (cap < names.size() * 2) cap *= 2;
  slots_.assign(cap, Slot{});
  const std::size_t n = models_.size();
  for (const auto& name : names) {
    std::uint64_t h = feature_hash(name);
    std::uint32_t row = find(h);
    if (row == kEmpty) {
      // Two names with one hash share a row and sum their weights, as the
      // per-model hashed lookup does.
      row = static_cast<std::uint32_t>(names_.size());
      names_.push_back(name);
      row_hashes_.push_back(h);
      weights_.resize(weights_.size() + n, 0.0);
      std::size_t i = h & (slots_.size() - 1);
      while (slots_[i].row != kEmpty) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = Slot{static_cast<std::uint32_t>(h >> 32), row};
    }
    for (std::size_t m = 0; m < n; ++m)
      if (auto it = models_[m].weights().find(name); it != models_[m].weights().end()) weights_[row * n + m] += it->second;
  }
}

std::uint32_t ModelSet::find(std::uint64_t hash) const {
  if (slots_.empty()) return kEmpty;
  const std::size_t mask = slots_.size() - 1;
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask; slots_[i].row != kEmpty; i = (i + 1) & mask)
    if (slots_[i].tag == tag && row_hashes_[slots_[i].row] == hash) return slots_[i].row;
  return kEmpty;
}

void ModelSet::score(std::span<const std::uint64_t> hashes, std::vector<Score>& out) const {
  const std::size_t n = models_.size();
  out.assign(n, Score{});
  thread_local std::vector<double> z, best;
  thread_local std::vector<std::uint32_t> best_row;
  z.assign(n, 0.0);
  best.assign(n, 0.0);
  best_row.assign(n, kEmpty);
  for (std::size_t m = 0; m < n; ++m) z[m] = models_[m].bias();
  for (std::uint64_t h : hashes) {
    std::uint32_t row = find(h);
    if (row == kEmpty) continue;
    const double* w = &weights_[row * n];
    for (std::size_t m = 0; m < n; ++m) {
      const double x = w[m];
      z[m] += x;  // adding a zero weight changes nothing sigmoid() can see
      // The strongest positive feature; on a tie the first name in order,
      // which is the lower row (rows are numbered in name order).
      if (x >= best[m] && x != 0 && (x > best[m] || row < best_row[m])) {
        best[m] = x;
        best_row[m] = row;
      }
    }
  }
  for (std::size_t m = 0; m < n; ++m) {
    out[m].probability = sigmoid(z[m]);
    if (best_row[m] != kEmpty) out[m].strongest = names_[best_row[m]];
  }
}

LinearModel train_logistic(const std::string& name, ModelTarget target, const std::vector<std::vector<std::string>>& x,
                           const std::vector<bool>& y, const TrainOptions& o, std::string trained_on) {
  // Index the features that occur at least twice.
  std::unordered_map<std::string, int> count;
  for (const auto& row : x)
    for (const auto& f : row) count[f]++;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::string> names;
  std::vector<std::string> sorted;
  for (auto& [f, c] : count)
    if (c >= 2) sorted.push_back(f);
  std::sort(sorted.begin(), sorted.end());
  for (auto& f : sorted) {
    index[f] = names.size();
    names.push_back(f);
  }
  std::vector<std::vector<std::size_t>> rows(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    for (const auto& f : x[i])
      if (auto it = index.find(f); it != index.end()) rows[i].push_back(it->second);
  std::vector<double> w(names.size(), 0.0), g2(names.size(), 1e-8);
  double b = 0, gb2 = 1e-8;
  // Class weights: balance positives and negatives.
  double pos = static_cast<double>(std::count(y.begin(), y.end(), true));
  double neg = static_cast<double>(y.size()) - pos;
  double wpos = pos > 0 ? 0.5 * y.size() / pos : 1, wneg = neg > 0 ? 0.5 * y.size() / neg : 1;
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      double z = b;
      for (std::size_t f : rows[i]) z += w[f];
      double p = sigmoid(z);
      double err = (p - (y[i] ? 1.0 : 0.0)) * (y[i] ? wpos : wneg);
      for (std::size_t f : rows[i]) {
        double g = err + o.l2 * w[f];
        g2[f] += g * g;
        w[f] -= o.learning_rate * g / std::sqrt(g2[f]);
      }
      gb2 += err * err;
      b -= o.learning_rate * err / std::sqrt(gb2);
    }
  }
  // Keep the largest weights.
  std::vector<std::size_t> by_mag(names.size());
  std::iota(by_mag.begin(), by_mag.end(), 0);
  std::sort(by_mag.begin(), by_mag.end(), [&](std::size_t a, std::size_t c) {
    if (std::abs(w[a]) != std::abs(w[c])) return std::abs(w[a]) > std::abs(w[c]);
    return names[a] < names[c];
  });
  std::unordered_map<std::string, double> kept;
  for (std::size_t k = 0; k < by_mag.size() && k < o.max_features; ++k) {
    double v = std::round(w[by_mag[k]] * 1e4) / 1e4;
    if (v != 0) kept[names[by_mag[k]]] = v;
  }
  return LinearModel(name, target, std::round(b * 1e4) / 1e4, 0.5, std::move(kept), std::move(trained_on));
}

}  // namespace assay::analysis
