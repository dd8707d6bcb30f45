// cli/pipeline: the bounded batch pipeline of `assay analyze`: one reader
// thread turns inputs into documents (streaming JSON Lines record by record),
// N workers analyse and render, and one writer emits the results in input
// order. Documents travel in batches of up to 16; at most `max_in_flight`
// documents are between reader and writer, plus the batch being read, so
// memory stays flat however large the corpus.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "assay/base/error.h"
#include "assay/cli/io.h"
#include "assay/text/document.h"

namespace assay::cli {

struct PipelineOptions {
  int jobs = 1;
  std::size_t max_in_flight = 256;
  text::Format input_format = text::Format::kAuto;
  bool progress = false;  // a progress bar on stderr
  // Documents whose text is longer are cut to it, with a warning
  // (text::cap_text); 0 keeps every byte.
  std::size_t max_text_bytes = 0;
};

struct PipelineStats {
  std::uint64_t documents = 0;
  std::uint64_t bytes = 0;
  std::vector<base::Error> errors;  // bad inputs and records, in input order
  double seconds = 0;
};

// `process` turns a document into its output (called on worker threads; must
// be thread-safe); `emit` receives outputs in input order (writer thread).
using ProcessFn = std::function<std::string(const text::Document&, int worker)>;
using EmitFn = std::function<void(const text::Document&, std::string&&)>;

PipelineStats run_pipeline(const std::vector<InputRef>& inputs, const PipelineOptions& options, const ProcessFn& process,
                           const EmitFn& emit);

}  // namespace assay::cli
