#include "assay/app/genre_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "assay/app/inputs.h"
#include "assay/base/strings.h"
#include "assay/text/reader.h"

namespace assay::app {

namespace {

namespace fs = std::filesystem;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

base::Result<GenreCase> parse_case(const std::string& path, std::string_view bytes) {
  GenreCase c;
  c.id = fs::path(path).stem().string();
  std::size_t at = 0;
  int line_no = 0;
  bool have_genre = false;
  for (;;) {
    ++line_no;
    std::size_t nl = bytes.find('\n', at);
    if (nl == std::string_view::npos)
      return base::fail(base::Error::invalid("no \"---\" line ends the header", {.file = path, .line = line_no}));
    std::string_view line = base::trim(bytes.substr(at, nl - at));
    at = nl + 1;
    if (line == "---") break;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return base::fail(base::Error::invalid(fmt::format("header line \"{}\" is not \"key: value\"", line), {.file = path, .line = line_no}));
    std::string_view key = base::trim(line.substr(0, colon)), value = base::trim(line.substr(colon + 1));
    if (key == "genre") {
      auto g = analysis::parse_genre(value);
      if (!g) return base::fail(base::Error::invalid(fmt::format("unknown genre \"{}\"", value), {.file = path, .line = line_no}));
      c.gold = *g;
      have_genre = true;
    } else if (key == "title") {
      c.document.title = std::string(value);
    } else if (key == "outlet") {
      c.document.outlet = std::string(value);
    } else {
      return base::fail(base::Error::invalid(fmt::format("unknown header key \"{}\" (genre, title, outlet)", key), {.file = path, .line = line_no}));
    }
  }
  if (!have_genre) return base::fail(base::Error::invalid("the header has no \"genre:\" line", {.file = path, .line = 1}));
  // With a title in the header, the text is the page's body as it is;
  // without, the plain reader takes a headline (and byline) off its top, as
  // `assay analyze` does with a text file.
  std::string title = c.document.title, outlet = c.document.outlet;
  if (title.empty()) {
    auto doc = text::read_plain(bytes.substr(at), path);
    if (!doc) return base::fail(doc.error());
    c.document = std::move(*doc);
  } else {
    c.document.text = text::clean_text(bytes.substr(at), path, c.document.warnings);
    c.document.title = title;
  }
  c.document.id = c.id;
  c.document.source = path;
  c.document.outlet = outlet;
  return c;
}

}  // namespace

base::Result<std::vector<GenreCase>> read_genre_set(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_directory(dir, ec))
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.path().extension() == ".txt") files.push_back(e.path().string());
  if (files.empty())
    return base::fail(base::Error::invalid("no genre test articles (*.txt) here: name the folder with --genre-dir DIR "
                                           "(default tests/data/genre, run from the source tree)",
                                           {.file = dir}));
  std::sort(files.begin(), files.end());
  std::vector<GenreCase> out;
  for (const auto& f : files) {
    auto bytes = read_input({f});
    if (!bytes) return base::fail(bytes.error());
    auto c = parse_case(f, *bytes);
    if (!c) return base::fail(c.error());
    out.push_back(std::move(*c));
  }
  // The sealed half: per genre, ordered by the hash of the id, the first
  // half rounded up.
  std::map<analysis::Genre, std::vector<std::size_t>> by_genre;
  for (std::size_t i = 0; i < out.size(); ++i) by_genre[out[i].gold].push_back(i);
  for (auto& [g, idx] : by_genre) {
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      auto ha = fnv1a(out[a].id), hb = fnv1a(out[b].id);
      return ha != hb ? ha < hb : out[a].id < out[b].id;
    });
    for (std::size_t k = 0; k < (idx.size() + 1) / 2; ++k) out[idx[k]].sealed = true;
  }
  return out;
}

GenreScore score_genre_set(const analysis::Analyzer& analyzer, const std::vector<GenreCase>& set) {
  GenreScore score;
  auto scratch = analyzer.new_scratch();
  for (const auto& c : set) {
    analysis::DocumentAnalysis a = analyzer.analyze(c.document, scratch);
    GenreHalf& half = c.sealed ? score.sealed : score.open;
    ++half.articles;
    bool right = a.assessment.genre == c.gold;
    half.right += right;
    if (right || c.sealed) continue;
    std::string why;
    int shown = 0;
    for (const auto& s : a.assessment.genre_signals) {
      if (shown++ == 3) break;
      if (!why.empty()) why += "; ";
      why += fmt::format("{} {:.1f}: {}", analysis::genre_name(s.genre), s.weight, s.what);
    }
    score.open_misses.push_back({c.id, c.gold, a.assessment.genre, why});
  }
  return score;
}

}  // namespace assay::app
