// app/genre_set: the genre test set (tests/data/genre) read and scored, for
// `assay eval --set genre`. Each file is one article written for the test:
// a header ("genre: opinion", optional "title:" and "outlet:"), a line
// "---", then the text. The analyzer sees the title, outlet and text only.
// Half of each genre is sealed by a fixed rule (the articles of a genre
// ordered by the FNV-1a hash of their id, the first half rounded up), so
// that rules are tuned on the open half and judged on the sealed one.
//
//   auto set = app::read_genre_set("tests/data/genre");
//   if (!set) { /* set.error() names the file and line */ }
//   app::GenreScore s = app::score_genre_set(analyzer, *set);
//   fmt::print("sealed {:.3f}\n", s.sealed.accuracy());
#pragma once

#include <string>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/base/error.h"
#include "assay/text/document.h"

namespace assay::app {

struct GenreCase {
  std::string id;  // the file name without .txt
  analysis::Genre gold = analysis::Genre::kNews;
  text::Document document;
  bool sealed = false;
};

// Reads every *.txt of `dir` (sorted by name) and marks the sealed half.
// Fails on a folder without articles or a file without a valid header.
base::Result<std::vector<GenreCase>> read_genre_set(const std::string& dir);

struct GenreMiss {
  std::string id;
  analysis::Genre gold, got;
  std::string why;  // the strongest signals, in words
};

struct GenreHalf {
  int articles = 0, right = 0;
  double accuracy() const { return articles ? static_cast<double>(right) / articles : 0; }
};

struct GenreScore {
  GenreHalf open, sealed;
  std::vector<GenreMiss> open_misses;  // the sealed half's misses are not kept: it stays sealed
};

GenreScore score_genre_set(const analysis::Analyzer& analyzer, const std::vector<GenreCase>& set);

}  // namespace assay::app
