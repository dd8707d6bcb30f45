// Benchmarks of the analyzer, stage by stage (docs/PERFORMANCE.md, "Analyzer
// (assay analyze)"). Every benchmark runs over the 24 gold articles of
// $ASSAY_SHARED_DIR/eval/articles (default ../shared/eval/articles, then
// ../../shared/eval/articles; examples/malaysia-china-processing.txt when
// neither is there) and reports bytes/s of article text (the normalised body),
// except Analysis_EndToEndJsonl, which counts the bytes of the JSON Lines
// records it reads, as the corpus runs do.
//
//   build/bench/assay_bench --benchmark_filter=Analysis --benchmark_min_time=1
//
// Stages: Segment (paragraphs + sentences), Tokenize (all sentences),
// LexiconScan (lexicon::Matcher::scan), Quantities, Label (the whole
// Analyzer::analyze: scan, segmentation, quantities, sentence rules, models,
// mentions, assessment), Assess (mentions + assessment + credibility alone,
// on already labelled sentences), CritiqueBuild, RenderJson, RenderMarkdown,
// RenderHtml, and EndToEndJsonl (read a JSONL record, analyze, critique,
// render JSON: what one worker of `assay analyze --format json` does).
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <hs/hs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/linear_model.h"
#include "assay/analysis/quantity.h"
#include "assay/base/embedded.h"
#include "assay/lexicon/lexicon.h"
#include "assay/lexicon/reference.h"
#include "assay/report/critique.h"
#include "assay/text/reader.h"
#include "assay/text/segment.h"

namespace {

using namespace assay;
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

struct Corpus {
  std::vector<text::Document> docs;
  std::vector<std::string> jsonl;  // one JSON Lines record per document
  std::int64_t text_bytes = 0;
  std::int64_t jsonl_bytes = 0;
  std::string from;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    std::vector<fs::path> dirs;
    if (const char* s = std::getenv("ASSAY_SHARED_DIR")) dirs.push_back(fs::path(s) / "eval" / "articles");
    dirs.push_back("../shared/eval/articles");
    dirs.push_back("../../shared/eval/articles");
    dirs.push_back("../../../shared/eval/articles");
    for (const auto& d : dirs) {
      std::error_code ec;
      if (!fs::is_directory(d, ec)) continue;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(d))
        if (e.path().extension() == ".json") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        auto r = text::read_documents(slurp(f), {.name = f.string(), .format = text::Format::kJson});
        if (r && !r->documents.empty()) c.docs.push_back(std::move(r->documents[0]));
      }
      if (!c.docs.empty()) {
        c.from = d.string();
        break;
      }
    }
    if (c.docs.empty()) {
      for (const char* p : {"examples/malaysia-china-processing.txt", "../examples/malaysia-china-processing.txt",
                            "../../examples/malaysia-china-processing.txt"}) {
        if (!fs::exists(p)) continue;
        auto r = text::read_documents(slurp(p), {.name = p, .format = text::Format::kPlain});
        if (r && !r->documents.empty()) {
          c.docs.push_back(std::move(r->documents[0]));
          c.from = p;
          break;
        }
      }
    }
    if (c.docs.empty()) {
      std::fprintf(stderr, "analysis_bench: no articles (set ASSAY_SHARED_DIR or run from the repository)\n");
      std::abort();
    }
    for (const auto& d : c.docs) {
      c.text_bytes += static_cast<std::int64_t>(d.text.size());
      std::string line = "{\"id\": " + json_string(d.id) + ", \"url\": " +
                         json_string("https://example.com/" + d.id) + ", \"outlet\": " + json_string(d.outlet) +
                         ", \"published\": " + json_string(d.published) + ", \"title\": " + json_string(d.title) +
                         ", \"text\": " + json_string(d.text) + "}";
      c.jsonl_bytes += static_cast<std::int64_t>(line.size()) + 1;
      c.jsonl.push_back(std::move(line));
    }
    std::fprintf(stderr, "analysis_bench: %zu articles, %lld bytes of text, from %s\n", c.docs.size(),
                 static_cast<long long>(c.text_bytes), c.from.c_str());
    return c;
  }();
  return c;
}

const analysis::Analyzer& analyzer() {
  static const std::shared_ptr<const analysis::Analyzer> a = [] {
    // ASSAY_BENCH_DATA measures a variant of the data files (a lexicon under
    // review) without rebuilding; the embedded data otherwise.
    const char* dir = std::getenv("ASSAY_BENCH_DATA");
    auto r = analysis::Analyzer::create(*base::open_data(dir ? dir : "").value());
    if (!r) {
      for (const auto& e : r.error()) std::fprintf(stderr, "%s\n", e.to_string().c_str());
      std::abort();
    }
    return *r;
  }();
  return *a;
}

const lexicon::Matcher& matcher() {
  static const std::shared_ptr<const lexicon::Matcher> m = [] {
    auto r = lexicon::Matcher::compile(analyzer().lexicon());
    if (!r) std::abort();
    return *r;
  }();
  return *m;
}

// The analyses and critiques of every article, for the report stages.
const std::vector<analysis::DocumentAnalysis>& analyses() {
  static const std::vector<analysis::DocumentAnalysis> v = [] {
    std::vector<analysis::DocumentAnalysis> v;
    auto scratch = analyzer().new_scratch();
    for (const auto& d : corpus().docs) v.push_back(analyzer().analyze(d, scratch));
    return v;
  }();
  return v;
}

const std::vector<report::Critique>& critiques() {
  static const std::vector<report::Critique> v = [] {
    std::vector<report::Critique> v;
    for (const auto& a : analyses()) v.push_back(report::build_critique(a));
    return v;
  }();
  return v;
}

void set_text_bytes(benchmark::State& state) {
  state.SetBytesProcessed(state.iterations() * corpus().text_bytes);
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(corpus().docs.size()), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Analysis_Segment(benchmark::State& state) {
  const auto& c = corpus();
  text::Segmentation seg;
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      text::segment(d.text, seg);
      benchmark::DoNotOptimize(seg.sentences.data());
    }
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_Segment);

void BM_Analysis_Tokenize(benchmark::State& state) {
  const auto& c = corpus();
  std::vector<text::Segmentation> segs;
  for (const auto& d : c.docs) segs.push_back(text::segment(d.text));
  std::vector<text::Token> toks;
  for (auto _ : state) {
    for (std::size_t i = 0; i < c.docs.size(); ++i) {
      for (const auto& s : segs[i].sentences) {
        toks.clear();
        text::tokenize(c.docs[i].text, s.span, toks);
        benchmark::DoNotOptimize(toks.data());
      }
    }
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_Tokenize);

void BM_Analysis_LexiconScan(benchmark::State& state) {
  const auto& c = corpus();
  const auto& m = matcher();
  auto scratch = m.new_scratch();
  std::vector<lexicon::Cue> cues;
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      cues.clear();
      m.scan(d.text, scratch, cues);
      n += cues.size();
    }
  }
  benchmark::DoNotOptimize(n);
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_LexiconScan);

// Experiment (not a stage): the same scan by lexicon::ReferenceMatcher, one
// start-of-match database of every entry, which is how Matcher scanned before
// it was split by shape (same cues, checked by lexicon_test).
void BM_Experiment_LexiconScanReference(benchmark::State& state) {
  const auto& c = corpus();
  auto ref = lexicon::ReferenceMatcher::compile(analyzer().lexicon());
  if (!ref) {
    state.SkipWithError(ref.error().c_str());
    return;
  }
  std::vector<lexicon::Cue> cues;
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      cues.clear();
      ref->scan(d.text, cues);
      n += cues.size();
    }
  }
  benchmark::DoNotOptimize(n);
  set_text_bytes(state);
}
BENCHMARK(BM_Experiment_LexiconScanReference);

// Experiment (not a stage): the same lexicon patterns compiled with and
// without HS_FLAG_SOM_LEFTMOST (start-of-match reporting, which Matcher uses
// to give every cue its span), counting matches only. Shows what reporting
// only match ends, and finding starts afterwards, could save.
template <bool kSom>
void BM_Experiment_VectorscanScan(benchmark::State& state) {
  const auto& c = corpus();
  const auto& entries = analyzer().lexicon().entries();
  std::vector<std::string> exprs;
  std::vector<const char*> ptrs;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    exprs.push_back(lexicon::expand_pattern(entries[i].pattern));
    flags.push_back((kSom ? HS_FLAG_SOM_LEFTMOST : 0u) |
                    (lexicon::is_case_sensitive(entries[i].pattern) ? 0u : HS_FLAG_CASELESS));
    ids.push_back(static_cast<unsigned>(i));
  }
  for (const auto& e : exprs) ptrs.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK, nullptr,
                       &db, &err) != HS_SUCCESS) {
    state.SkipWithError(err ? err->message : "hs_compile_multi failed");
    hs_free_compile_error(err);
    return;
  }
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  std::size_t matches = 0;
  auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
    ++*static_cast<std::size_t*>(ctx);
    return 0;
  };
  for (auto _ : state)
    for (const auto& d : c.docs)
      hs_scan(db, d.text.data(), static_cast<unsigned>(d.text.size()), 0, scratch, on_match, &matches);
  state.counters["matches/doc"] = static_cast<double>(matches) / static_cast<double>(state.iterations()) /
                                  static_cast<double>(c.docs.size());
  hs_free_scratch(scratch);
  hs_free_database(db);
  set_text_bytes(state);
}
BENCHMARK(BM_Experiment_VectorscanScan<true>)->Name("BM_Experiment_VectorscanScanSom");
BENCHMARK(BM_Experiment_VectorscanScan<false>)->Name("BM_Experiment_VectorscanScanNoSom");

void BM_Analysis_Quantities(benchmark::State& state) {
  const auto& c = corpus();
  std::vector<analysis::Quantity> qs;
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      qs.clear();
      analysis::find_quantities(d.text, qs);
      benchmark::DoNotOptimize(qs.data());
    }
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_Quantities);

// The whole Analyzer::analyze (sentence labels and everything before and after).
void BM_Analysis_Label(benchmark::State& state) {
  const auto& c = corpus();
  const auto& a = analyzer();
  auto scratch = a.new_scratch();
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      auto r = a.analyze(d, scratch);
      benchmark::DoNotOptimize(r.sentences.data());
    }
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_Label);

// One long document (a digest, a report) of n sentences, each with a new
// name and figures: analyze() must stay linear in its length (per-sentence
// work over document-wide lists, or a linear search over every name, made it
// quadratic before stop 7: 5.4 MB took 7.5 s against 1.0 s now).
void BM_Analysis_LongDocument(benchmark::State& state) {
  const auto& a = analyzer();
  auto scratch = a.new_scratch();
  static const char* kCompanies[] = {"Lynas", "Iluka", "Arafura", "Neo", "Solvay", "MP Materials"};
  text::Document d;
  for (std::int64_t i = 0; i < state.range(0); ++i)
    d.text += fmt::format("{} Unit{} said output rose {}% to {} tonnes in Malaysia. ", kCompanies[i % 6], i, i % 50,
                          1000 + i);
  for (auto _ : state) {
    auto r = a.analyze(d, scratch);
    benchmark::DoNotOptimize(r.sentences.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(d.text.size()));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Analysis_LongDocument)->RangeMultiplier(4)->Range(1 << 10, 1 << 14)->Complexity(benchmark::oN);

// Text without a full stop (issue 10): n bytes of "officials said output
// would rise ..." on one line, or of the same words each in quotes. Each
// speech cue's source ran back to the sentence start, so work and JSON grew
// with the square of the run (400 KB took 25 s and gave 2.4 GB of JSON); the
// segmenter now cuts a run at text::kMaxSentenceBytes and a source at 24
// tokens. Each cue also scanned every quotation of the document for the
// models' features (quadratic in a text of many quotes). Linear, and 2 MB
// well under 2 s in the release build.
template <bool kQuoted>
void BM_Analysis_Unpunctuated(benchmark::State& state) {
  const auto& a = analyzer();
  auto scratch = a.new_scratch();
  text::Document d;
  const auto n = static_cast<std::size_t>(state.range(0));
  while (d.text.size() < n) d.text += kQuoted ? "\"officials said output would rise\" " : "officials said output would rise ";
  for (auto _ : state) {
    auto r = a.analyze(d, scratch);
    benchmark::DoNotOptimize(r.sentences.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(d.text.size()));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Analysis_Unpunctuated<false>)
    ->Name("BM_Analysis_Unpunctuated")
    ->RangeMultiplier(4)
    ->Range(32 << 10, 2 << 20)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Analysis_Unpunctuated<true>)
    ->Name("BM_Analysis_UnpunctuatedQuoted")
    ->RangeMultiplier(4)
    ->Range(32 << 10, 2 << 20)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// Mentions, assessment, headline framing and credibility: the article-level
// steps after the sentence loop of analyze(), timed inside it through the
// public AnalyzeOptions::assess_seconds (manual time: the rest of analyze()
// runs but is not counted).
void BM_Analysis_Assess(benchmark::State& state) {
  const auto& c = corpus();
  const auto& a = analyzer();
  auto scratch = a.new_scratch();
  double seconds = 0;
  const analysis::AnalyzeOptions timed{.assess_seconds = &seconds};
  for (auto _ : state) {
    for (const auto& d : c.docs) {
      auto out = a.analyze(d, scratch, timed);
      benchmark::DoNotOptimize(out.assessment.credibility.score);
    }
    state.SetIterationTime(seconds);
    seconds = 0;
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_Assess)->UseManualTime();

void BM_Analysis_CritiqueBuild(benchmark::State& state) {
  const auto& as = analyses();
  for (auto _ : state) {
    for (const auto& a : as) {
      auto cr = report::build_critique(a);
      benchmark::DoNotOptimize(cr.sections.data());
    }
  }
  set_text_bytes(state);
}
BENCHMARK(BM_Analysis_CritiqueBuild);

template <int kFormat>
void BM_Analysis_Render(benchmark::State& state) {
  const auto& as = analyses();
  const auto& cs = critiques();
  std::int64_t out_bytes = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < as.size(); ++i) {
      std::string s = kFormat == 0   ? report::render_json(as[i], cs[i])
                      : kFormat == 1 ? report::render_markdown(as[i], cs[i])
                                     : report::render_html(as[i], cs[i]);
      out_bytes += static_cast<std::int64_t>(s.size());
      benchmark::DoNotOptimize(s.data());
    }
  }
  set_text_bytes(state);
  state.counters["out_bytes/doc"] = static_cast<double>(out_bytes) / static_cast<double>(state.iterations()) /
                                    static_cast<double>(as.size());
}
BENCHMARK(BM_Analysis_Render<0>)->Name("BM_Analysis_RenderJson");
BENCHMARK(BM_Analysis_Render<1>)->Name("BM_Analysis_RenderMarkdown");
BENCHMARK(BM_Analysis_Render<2>)->Name("BM_Analysis_RenderHtml");

// What one worker of `assay analyze --format json` does per JSONL record
// (without the reader/writer threads and the queues between them).
void BM_Analysis_EndToEndJsonl(benchmark::State& state) {
  const auto& c = corpus();
  const auto& a = analyzer();
  auto scratch = a.new_scratch();
  for (auto _ : state) {
    for (const auto& line : c.jsonl) {
      auto r = text::read_json_lines(line, "bench.jsonl");
      for (const auto& d : r.documents) {
        auto an = a.analyze(d, scratch);
        auto cr = report::build_critique(an);
        std::string js = report::render_json(an, cr, -1);
        benchmark::DoNotOptimize(js.data());
      }
    }
  }
  state.SetBytesProcessed(state.iterations() * c.jsonl_bytes);
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(c.jsonl.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Analysis_EndToEndJsonl);

}  // namespace
