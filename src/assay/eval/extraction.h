// eval/extraction: scores article-body extraction the way the Scrapinghub /
// Zyte article-extraction benchmark does (see ../shared/eval/extraction/README.md).
//
// Per page: the word tokens (`\w+`, Unicode: letters, digits and the
// underscore) of the truth and of the extraction are cut into 4-token shingles,
// counted as multisets, and tp / fp / fn are normalised to sum to 1. A page
// with fp = fn = 0 scores 1. Over a set, precision and recall are the means of
// the per-page figures and F1 is computed from those two means.
//
//   ExtractionScore s = score_extraction("a b c d e", "a b c d");
//   // s.tp = 1/2, s.fn = 1/2: precision 1, recall 0.5
//
//   std::vector<ExtractionCase> cases = ...;        // html bytes + truth
//   ExtractionReport r = evaluate_extraction(cases); // runs text::read_html
//   fmt::print("F1 {:.3f}\n", r.f1);
//
// The functions take bytes; reading files is the caller's business.
// gunzip() decompresses the gzip pages of the benchmark.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::eval {

// One page's shingle counts, normalised so that tp + fp + fn = 1 (all zero
// when neither side has a token).
struct ExtractionScore {
  double tp = 0, fp = 0, fn = 0;
  double precision() const;  // 1 when fp = fn = 0; 0 when tp = 0 otherwise
  double recall() const;
};

// The `\w+` tokens of `text` (UTF-8; invalid bytes are not word characters).
std::vector<std::string_view> word_tokens(std::string_view text);

// Scores one extraction against its truth.
ExtractionScore score_extraction(std::string_view truth, std::string_view extracted);

// One page of a benchmark: its id, the (decompressed) HTML and the truth.
struct ExtractionCase {
  std::string id;
  std::string html;
  std::string truth;
};

struct ExtractionPageResult {
  std::string id;
  ExtractionScore score;
  std::string error;  // the reader's error, when it failed (scored as empty)
};

struct ExtractionReport {
  std::vector<ExtractionPageResult> pages;  // in the order of the cases
  double precision = 0, recall = 0, f1 = 0;
};

// An extractor: HTML bytes and a name in, body text out.
using Extractor = std::function<base::Result<std::string>(std::string_view html, std::string_view name)>;

// The body text of text::read_html.
base::Result<std::string> extract_with_reader(std::string_view html, std::string_view name);

// Runs `extractor` on every case and scores it. A failed extraction counts as
// an empty one.
ExtractionReport evaluate_extraction(const std::vector<ExtractionCase>& cases,
                                     const Extractor& extractor = extract_with_reader);

// Averages per-page scores into a report's precision, recall and F1.
void summarise(ExtractionReport& report);

// Parses ground-truth.json ({"<id>": {"articleBody": ..., "url": ...}, ...})
// into (id, truth) pairs, sorted by id.
base::Result<std::vector<std::pair<std::string, std::string>>> parse_ground_truth(std::string_view json);

// Decompresses gzip (or zlib) bytes. Fails on corrupt or truncated input.
base::Result<std::string> gunzip(std::string_view bytes);

}  // namespace assay::eval
