#include "assay/analysis/linear_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <random>

#include "assay/base/strings.h"

namespace assay::analysis {

namespace {
constexpr const char* kTargets[] = {"hedge", "opinion", "source", "claim"};

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

std::string lower_word(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  for (char c : w) out.push_back(base::is_ascii_digit(c) ? '0' : base::lower_ascii(c));
  // Typographic apostrophe as ASCII.
  return base::replace_all(out, "\xE2\x80\x99", "'");
}
}  // namespace

const char* model_target_name(ModelTarget t) { return kTargets[static_cast<int>(t)]; }

std::uint64_t feature_hash(std::string_view feature) { return base::fnv1a(feature); }

LinearModel::LinearModel(std::string name, ModelTarget target, double bias, double threshold,
                         std::unordered_map<std::string, double> weights, std::string trained_on)
    : name_(std::move(name)), target_(target), bias_(bias), threshold_(threshold), weights_(std::move(weights)),
      trained_on_(std::move(trained_on)) {
  hashed_.reserve(weights_.size());
  for (const auto& [f, w] : weights_) hashed_[feature_hash(f)] += w;
}

double LinearModel::probability_hashed(const std::vector<std::uint64_t>& hashes) const {
  double z = bias_;
  for (std::uint64_t h : hashes) {
    auto it = hashed_.find(h);
    if (it != hashed_.end()) z += it->second;
  }
  return sigmoid(z);
}

base::Result<LinearModel> LinearModel::parse(std::string_view tsv, std::string_view name) {
  std::string model_name;
  std::optional<ModelTarget> target;
  double bias = 0, threshold = 0.5;
  std::string trained_on;
  std::unordered_map<std::string, double> weights;
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
        for (int i = 0; i < 4; ++i)
          if (val == kTargets[i]) target = static_cast<ModelTarget>(i);
        if (!target) return base::fail(base::Error::invalid(fmt::format("unknown target \"{}\"", val), where));
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
  return LinearModel(model_name, *target, bias, threshold, std::move(weights), trained_on);
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

std::string LinearModel::strongest(const std::vector<std::string>& features, const std::vector<std::uint64_t>& hashes) const {
  std::size_t best = features.size();
  double bw = 0;
  for (std::size_t i = 0; i < hashes.size() && i < features.size(); ++i) {
    auto it = hashed_.find(hashes[i]);
    if (it != hashed_.end() && it->second > bw) bw = it->second, best = i;
  }
  return best < features.size() ? features[best] : std::string();
}

std::string LinearModel::to_tsv() const {
  std::vector<std::pair<std::string, double>> w(weights_.begin(), weights_.end());
  std::sort(w.begin(), w.end(), [](const auto& a, const auto& b) {
    if (std::abs(a.second) != std::abs(b.second)) return std::abs(a.second) > std::abs(b.second);
    return a.first < b.first;
  });
  std::string out = fmt::format(
      "# model: {}\n# target: {}\n# threshold: {:.4f}\n# trained: {}\n"
      "# Written by `assay train`; review it like any data file. Features: w: word, b: word pair,\n"
      "# c: lexicon category, q: category inside a quotation, r: label given by the rules, s: shape.\n"
      "feature\tweight\n(bias)\t{:.4f}\n",
      name_, model_target_name(target_), threshold_, trained_on_, bias_);
  for (const auto& [f, v] : w) out += fmt::format("{}\t{:.4f}\n", f, v);
  return out;
}

void sentence_features(std::string_view text, base::Span sentence, const std::vector<text::Token>& tokens,
                       std::span<const lexicon::Cue> cues, const std::vector<base::Span>& quotes, LabelSet rule_labels,
                       std::vector<std::string>& out) {
  std::size_t first = out.size();
  std::string prev = "<s>";
  for (const auto& t : tokens) {
    if (t.kind == text::TokenKind::kPunct) {
      std::string_view p = t.span.of(text);
      if (p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x9D") out.push_back("s:quote");
      if (p == "?") out.push_back("s:question");
      if (p == "!") out.push_back("s:exclaim");
      continue;
    }
    std::string w = lower_word(t.span.of(text));
    if (t.kind == text::TokenKind::kNumber) {
      out.push_back("s:number");
      w = "0";
    }
    out.push_back("w:" + w);
    out.push_back("b:" + prev + "_" + w);
    prev = std::move(w);
  }
  for (const auto& c : cues) {
    if (!sentence.contains(c.span)) continue;
    bool quoted = std::any_of(quotes.begin(), quotes.end(), [&](const base::Span& q) { return q.contains(c.span); });
    out.push_back(std::string(quoted ? "q:" : "c:") + lexicon::category_name(c.category));
  }
  for (Label l : rule_labels.labels()) out.push_back(std::string("r:") + label_name(l));
  std::size_t n = tokens.size();
  out.push_back(n < 8 ? "s:short" : n < 25 ? "s:medium" : "s:long");
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
  out.erase(std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end()), out.end());
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
