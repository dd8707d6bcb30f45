#include "assay/app/pipeline.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "assay/base/progress.h"
#include "assay/base/strings.h"
#include "assay/text/reader.h"

namespace assay::app {
namespace {

// A bounded multi-producer multi-consumer queue.
template <typename T>
class Queue {
 public:
  explicit Queue(std::size_t cap) : cap_(cap) {}
  void push(T v) {
    std::unique_lock l(m_);
    not_full_.wait(l, [&] { return q_.size() < cap_; });
    q_.push_back(std::move(v));
    not_empty_.notify_one();
  }
  std::optional<T> pop() {
    std::unique_lock l(m_);
    not_empty_.wait(l, [&] { return !q_.empty() || closed_; });
    if (q_.empty()) return std::nullopt;
    T v = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return v;
  }
  void close() {
    std::lock_guard l(m_);
    closed_ = true;
    not_empty_.notify_all();
  }

 private:
  std::size_t cap_;
  std::deque<T> q_;
  bool closed_ = false;
  std::mutex m_;
  std::condition_variable not_empty_, not_full_;
};

struct Item {
  std::uint64_t seq;
  text::Document doc;
  std::size_t input;
  bool record;
};
struct Done {
  std::uint64_t seq;
  BatchResult result;
};
// Documents travel between the threads in batches of up to this many (or
// kBatchBytes of text), so that the queues' locks and wake-ups are paid once
// per batch rather than once per document (one wake-up per record cost about
// a tenth of the CPU time on a stream of 2 KB records).
constexpr std::size_t kBatchDocs = 16;
constexpr std::size_t kBatchBytes = 256 * 1024;

// Limits the number of documents between reader and writer.
class Tokens {
 public:
  explicit Tokens(std::size_t n) : n_(n) {}
  void acquire(std::size_t k) {
    std::unique_lock l(m_);
    cv_.wait(l, [&] { return n_ >= k; });
    n_ -= k;
  }
  void release(std::size_t k) {
    if (k == 0) return;
    std::lock_guard l(m_);
    n_ += k;
    cv_.notify_one();
  }

 private:
  std::size_t n_;
  std::mutex m_;
  std::condition_variable cv_;
};

}  // namespace

PipelineStats run_pipeline(const std::vector<InputRef>& inputs, const PipelineOptions& options, const AnalyzeFn& analyze,
                           const RenderFn& render, const EmitFn& emit) {
  PipelineStats stats;
  auto t0 = std::chrono::steady_clock::now();
  int jobs = std::max(1, options.jobs);
  const std::size_t in_flight = std::max<std::size_t>(1, options.max_in_flight);
  const std::size_t batch_docs = std::min(kBatchDocs, in_flight);
  Queue<std::vector<Item>> work(in_flight);
  Queue<std::vector<Done>> done(in_flight + static_cast<std::size_t>(jobs));
  Tokens tokens(in_flight);
  std::mutex err_m;
  std::map<std::uint64_t, base::Errors> errors_by_seq;  // errors in input order
  std::uint64_t total_bytes = 0;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (in.path != "-") total_bytes += std::filesystem::file_size(in.path, ec);
  }
  const bool small = total_bytes > 0 && total_bytes < 1'000'000;
  base::Progress progress(options.progress, total_bytes, small ? "KB" : "MB", small ? 1e3 : 1e6);
  std::atomic<std::uint64_t> bytes_read{0};
  std::atomic<std::uint64_t> docs_read{0};
  // The bar shows the bytes whose documents are done: the bytes read so far
  // in the share of the documents read that came out (the reader runs up to
  // max_in_flight documents ahead, all of a small corpus at once).
  auto bytes_done = [&](std::uint64_t emitted) {
    const std::uint64_t b = bytes_read.load(), n = docs_read.load();
    return n == 0 ? 0 : static_cast<std::uint64_t>(static_cast<double>(b) * static_cast<double>(std::min(emitted, n)) / static_cast<double>(n));
  };

  std::thread reader([&] {
    std::uint64_t seq = 0;
    std::vector<Item> batch;
    std::size_t batch_bytes = 0;
    auto flush = [&] {
      if (batch.empty()) return;
      tokens.acquire(batch.size());
      work.push(std::move(batch));
      batch = {};
      batch_bytes = 0;
    };
    std::size_t input = 0;
    bool record = false;
    auto submit = [&](text::Document&& d) {
      // Say that the text was cut now, before its analysis, not when its
      // output is written (after the work on the 2 MiB that are kept).
      if (options.max_text_bytes && text::cap_text(d, options.max_text_bytes)) {
        fmt::print(stderr, "assay: warning: {}\n", d.warnings.back());
        std::fflush(stderr);
        d.warnings.pop_back();
      }
      batch_bytes += d.text.size();
      batch.push_back(Item{seq++, std::move(d), input, record});
      ++docs_read;
      if (batch.size() >= batch_docs || batch_bytes >= kBatchBytes) flush();
    };
    auto report = [&](base::Error e) {
      std::lock_guard l(err_m);
      errors_by_seq[seq].add(std::move(e));
    };
    for (; input < inputs.size(); ++input) {
      const InputRef& in = inputs[input];
      text::Format f = options.input_format;
      if (f == text::Format::kAuto) {
        // Sniff the first bytes for stdin or names without an extension.
        f = text::detect_format(in.path, "");
        if (f == text::Format::kPlain && (in.path.find('.') == std::string::npos || in.path == "-")) f = text::Format::kAuto;
      }
      bool stream_lines = f == text::Format::kJsonLines;
      record = stream_lines;
      if (stream_lines && in.path != "-") {
        // Stream record by record: memory does not grow with the file.
        std::ifstream file(in.path, std::ios::binary);
        if (!file) {
          report(base::Error::io("cannot open", {.file = in.path}));
          continue;
        }
        std::string line;
        std::int64_t line_no = 0;
        while (std::getline(file, line)) {
          ++line_no;
          bytes_read += line.size() + 1;
          if (base::trim(line).empty()) continue;
          auto r = text::read_json_lines(line, in.path);
          for (auto& e : r.errors) {
            e.where().line = line_no;
            report(std::move(e));
          }
          for (auto& d : r.documents) {
            d.source = fmt::format("{}:{}", in.path, line_no);
            submit(std::move(d));
          }
        }
        flush();
        continue;
      }
      auto bytes = read_input(in);
      if (!bytes) {
        report(bytes.error());
        continue;
      }
      bytes_read += bytes->size();
      auto r = text::read_documents(*bytes, {.name = in.path, .format = f});
      if (!r) {
        report(r.error());
        continue;
      }
      for (auto& e : r->errors) report(std::move(e));
      text::Format read_as = f == text::Format::kAuto ? text::detect_format(in.path, *bytes) : f;
      record = read_as == text::Format::kJsonLines || r->documents.size() > 1 || !r->errors.empty();
      for (auto& d : r->documents) submit(std::move(d));
      flush();
    }
    flush();
    work.close();
  });

  std::vector<std::thread> workers;
  std::atomic<int> live{jobs};
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&, w] {
      while (auto items = work.pop()) {
        std::vector<Done> results;
        results.reserve(items->size());
        for (Item& item : *items) {
          Done d{item.seq, {}};
          if (options.skip && (*options.skip)(item.doc)) {
            d.result.skipped = true;
          } else {
            Article article = analyze(item.doc, w);
            if (render) d.result.rendered = render(article, w);
            if (options.prepare) d.result.payload = (*options.prepare)(std::move(article), std::move(d.result.rendered), w);
            else if (!render || options.keep_article) d.result.article = std::move(article);
          }
          d.result.document.id = std::move(item.doc.id);
          d.result.document.source = std::move(item.doc.source);
          d.result.document.warnings = std::move(item.doc.warnings);
          d.result.input = item.input;
          d.result.record = item.record;
          results.push_back(std::move(d));
        }
        done.push(std::move(results));
      }
      if (--live == 0) done.close();
    });
  }

  // The writer: this thread, emitting in sequence order.
  std::map<std::uint64_t, Done> pending;
  std::uint64_t next = 0;
  while (auto results = done.pop()) {
    for (Done& d : *results) pending.emplace(d.seq, std::move(d));
    std::size_t emitted = 0;
    for (auto it = pending.find(next); it != pending.end(); it = pending.find(next)) {
      emit(std::move(it->second.result));
      stats.documents++;
      pending.erase(it);
      ++next;
      ++emitted;
    }
    tokens.release(emitted);
    if (progress.enabled()) progress.update(bytes_done(stats.documents), fmt::format("{} docs", stats.documents));
  }
  reader.join();
  for (auto& t : workers) t.join();
  progress.update(bytes_read.load());
  progress.finish(fmt::format("{} docs", stats.documents));
  for (auto& [seq, errs] : errors_by_seq)
    for (auto& e : errs) stats.errors.add(std::move(e));
  stats.bytes = bytes_read.load();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return stats;
}

}  // namespace assay::app
