// app/pipeline: the bounded batch pipeline of result objects. One reader
// thread turns inputs into documents (streaming JSON Lines record by
// record), N workers analyse them into Articles (and, when a render step is
// given, render them: the expensive part stays parallel), and the calling
// thread receives the results in input order. Documents travel in batches
// of up to 16; at most `max_in_flight` documents are between reader and
// writer, plus the batch being read, so memory stays flat however large the
// corpus. Bad inputs and records are collected in input order and the batch
// goes on.
//
//   auto stats = app::run_pipeline(inputs, {.jobs = 4},
//       [&](const text::Document& d, int worker) { return engine.analyze(d, scratch[worker]); },
//       [&](const app::Article& a, int) { return app::render(a, {.format = report::OutputFormat::kJson}); },
//       [&](app::BatchResult&& r) { write(r.rendered); });
#pragma once

#include <any>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "assay/app/article.h"
#include "assay/app/inputs.h"
#include "assay/base/error.h"
#include "assay/text/document.h"

namespace assay::app {

struct PipelineOptions {
  int jobs = 1;
  std::size_t max_in_flight = 256;
  text::Format input_format = text::Format::kAuto;
  bool progress = false;  // a progress bar on stderr
  // Documents whose text is longer are cut to it (text::cap_text), with a
  // warning on stderr as soon as the document is read, before its analysis;
  // 0 keeps every byte.
  std::size_t max_text_bytes = 0;
  // With a render step, the result carries the Article as well as its
  // rendering (ingest stores both); without one it always does.
  bool keep_article = false;
  // When set, called on the worker threads before a document's analysis
  // (must be thread-safe): a document it returns true for is not analysed,
  // and its result comes out with `skipped` set (ingest skips what it
  // stored). A pointer, so that the options stay a plain aggregate.
  const std::function<bool(const text::Document&)>* skip = nullptr;
  // When set, called on the worker threads after the render step with the
  // Article, which it may take apart: what it returns travels in
  // BatchResult::payload instead of the Article (ingest makes the store's
  // entry and the story facts there, so that the writer thread only
  // stores). Must be thread-safe.
  const std::function<std::any(Article&&, std::string&& rendered, int worker)>* prepare = nullptr;
};

struct PipelineStats {
  std::uint64_t documents = 0;
  std::uint64_t bytes = 0;
  base::Errors errors;  // bad inputs and records, in input order
  double seconds = 0;
};

// One document's way out of the pipeline.
struct BatchResult {
  text::Document document;         // id, source and warnings (not the text)
  std::optional<Article> article;  // the result object, when there is no render step (or keep_article)
  std::string rendered;            // the render step's output (moved to `prepare`, when set)
  std::any payload;                // what PipelineOptions::prepare returned
  std::size_t input = 0;           // the index of the input it came from
  bool record = false;             // one record of a many-record input (JSON Lines, a JSON array)
  bool skipped = false;            // PipelineOptions::skip said so: neither article nor rendering
};

// Called on worker threads (must be thread-safe; `worker` is 0..jobs-1).
using AnalyzeFn = std::function<Article(const text::Document&, int worker)>;
using RenderFn = std::function<std::string(const Article&, int worker)>;
// Called on the calling thread, in input order.
using EmitFn = std::function<void(BatchResult&&)>;

// Runs the batch. `render` may be empty: the results then carry the Article.
PipelineStats run_pipeline(const std::vector<InputRef>& inputs, const PipelineOptions& options, const AnalyzeFn& analyze,
                           const RenderFn& render, const EmitFn& emit);

}  // namespace assay::app
