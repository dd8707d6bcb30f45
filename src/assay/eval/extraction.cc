#include "assay/eval/extraction.h"

#include <utf8proc.h>
#include <zlib.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "assay/text/reader.h"

namespace assay::eval {
namespace {

using base::Error;
using base::fail;

// Python's `\w` for str patterns: alphanumeric (letters, and numbers of any
// kind) or the underscore. Combining marks are not word characters.
bool is_word_char(utf8proc_int32_t cp) {
  if (cp == '_') return true;
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Multiset of 4-token shingles; a text of 1..3 tokens is one shingle of all
// of them, as in the benchmark's reference code.
std::unordered_map<std::string, int> shingles(std::string_view text) {
  constexpr std::size_t kN = 4;
  std::vector<std::string_view> tokens = word_tokens(text);
  std::unordered_map<std::string, int> out;
  if (tokens.empty()) return out;
  std::size_t count = tokens.size() >= kN ? tokens.size() - kN + 1 : 1;
  std::string key;
  for (std::size_t i = 0; i < count; ++i) {
    key.clear();
    for (std::size_t j = i; j < std::min(i + kN, tokens.size()); ++j) {
      if (j > i) key.push_back(' ');
      key.append(tokens[j]);
    }
    ++out[key];
  }
  return out;
}

}  // namespace

double ExtractionScore::precision() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0) return 0;
  return tp / (tp + fp);
}

double ExtractionScore::recall() const {
  if (fp == 0 && fn == 0) return 1;
  if (tp == 0) return 0;
  return tp / (tp + fn);
}

std::vector<std::string_view> word_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t n = text.size(), i = 0, start = 0;
  bool in_word = false;
  while (i < n) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {
      len = 1;
      cp = -1;
    }
    bool word = cp >= 0 && is_word_char(cp);
    if (word && !in_word) start = i;
    if (!word && in_word) tokens.push_back(text.substr(start, i - start));
    in_word = word;
    i += static_cast<std::size_t>(len);
  }
  if (in_word) tokens.push_back(text.substr(start));
  return tokens;
}

ExtractionScore score_extraction(std::string_view truth, std::string_view extracted) {
  auto t = shingles(truth);
  auto e = shingles(extracted);
  double tp = 0, fp = 0, fn = 0;
  for (const auto& [k, tc] : t) {
    auto it = e.find(k);
    int ec = it == e.end() ? 0 : it->second;
    tp += std::min(tc, ec);
    fn += std::max(0, tc - ec);
  }
  for (const auto& [k, ec] : e) {
    auto it = t.find(k);
    int tc = it == t.end() ? 0 : it->second;
    fp += std::max(0, ec - tc);
  }
  ExtractionScore s;
  double sum = tp + fp + fn;
  if (sum > 0) s = {tp / sum, fp / sum, fn / sum};
  return s;
}

base::Result<std::string> extract_with_reader(std::string_view html, std::string_view name) {
  auto doc = text::read_html(html, name);
  if (!doc) return fail(doc.error());
  return std::move(doc->text);
}

void summarise(ExtractionReport& report) {
  double p = 0, r = 0;
  for (const auto& page : report.pages) {
    p += page.score.precision();
    r += page.score.recall();
  }
  std::size_t n = report.pages.size();
  report.precision = n ? p / static_cast<double>(n) : 0;
  report.recall = n ? r / static_cast<double>(n) : 0;
  double pr = report.precision + report.recall;
  report.f1 = pr > 0 ? 2 * report.precision * report.recall / pr : 0;
}

ExtractionReport evaluate_extraction(const std::vector<ExtractionCase>& cases, const Extractor& extractor) {
  ExtractionReport report;
  report.pages.reserve(cases.size());
  for (const auto& c : cases) {
    ExtractionPageResult page{.id = c.id};
    auto body = extractor(c.html, c.id);
    if (body) {
      page.score = score_extraction(c.truth, *body);
    } else {
      page.error = body.error().to_string();
      page.score = score_extraction(c.truth, "");
    }
    report.pages.push_back(std::move(page));
  }
  summarise(report);
  return report;
}

base::Result<std::vector<std::pair<std::string, std::string>>> parse_ground_truth(std::string_view json) {
  nlohmann::json root = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return fail(Error::invalid("ground truth is not valid JSON"));
  if (!root.is_object()) return fail(Error::invalid("ground truth is not a JSON object", {.field = "/"}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [id, entry] : root.items()) {
    std::string pointer = "/" + id + "/articleBody";
    if (!entry.is_object() || !entry.contains("articleBody") || !entry["articleBody"].is_string())
      return fail(Error::invalid("entry has no \"articleBody\" string", {.field = pointer}));
    out.emplace_back(id, entry["articleBody"].get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

base::Result<std::string> gunzip(std::string_view bytes) {
  z_stream zs{};
  // 15 window bits + 32: detect gzip or zlib headers.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return fail(Error::internal("zlib: inflateInit2 failed"));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buf[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_OK || rc == Z_STREAM_END) out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended early
  }
  std::size_t offset = zs.total_in;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return fail(Error::invalid(rc == Z_BUF_ERROR ? "gzip data is truncated" : "gzip data is corrupt",
                               {.offset = static_cast<std::int64_t>(offset)}));
  return out;
}

}  // namespace assay::eval
