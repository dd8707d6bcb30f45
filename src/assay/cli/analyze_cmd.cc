// assay analyze [FILE|DIR|-]... : one article in, a sourced critique out;
// many articles through the bounded pipeline, results in input order.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "assay/app/engine.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"
#include "assay/app/inputs.h"
#include "assay/base/strings.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

struct AnalyzeOptions {
  std::vector<std::string> inputs;
  std::string format;  // md, json, jsonl, html; "" is md (jsonl for JSON Lines input): app::output_plan
  std::string out_dir;
  std::string input_format;
  int jobs = 0;
  bool no_impact = false;
  bool no_verify = false;
  bool force = false;          // --force: overwrite existing files under --out
  bool skip_existing = false;  // --skip-existing: keep them (resume a batch)
};

int run_analyze(const AnalyzeOptions& o, const GlobalOptions& g) {
  app::Engine engine = make_engine(g, !o.no_impact, !o.no_verify);
  base::Errors errors;
  note_terminal_stdin(o.inputs);
  auto inputs = app::expand_inputs(o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs, errors);
  bool jsonl_input = false;
  for (const auto& in : inputs) {
    text::Format f = app::input_format(in, o.input_format);
    jsonl_input |= f == text::Format::kJsonLines;
  }
  // The output contract (app::output_plan): md and jsonl stream document by
  // document, json is one JSON document (an array for several), html one page.
  app::OutputPlan plan = *app::output_plan(o.format, jsonl_input);
  const bool to_stdout = o.out_dir.empty();
  if (to_stdout && plan.layout == app::Layout::kSingle && (inputs.size() > 1 || jsonl_input)) {
    fmt::print(stderr, "assay: error: --format html writes one page per document; {} need --out DIR\n",
               inputs.size() > 1 ? fmt::format("{} inputs", inputs.size()) : std::string("the records of JSON Lines input"));
    return kExitUsage;
  }
  if (auto analyzer = engine.analyzer(); !analyzer) {
    for (auto& e : analyzer.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  plan.render.color = plan.render.format == report::OutputFormat::kMarkdown && to_stdout && use_color(g, stdout_is_tty());
  if (!o.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(o.out_dir, ec);
    if (ec) {
      fmt::print(stderr, "assay: error: {}: cannot create output directory: {}\n", o.out_dir, ec.message());
      return kExitFailure;
    }
  }
  std::size_t written = 0, kept = 0;
  app::OutputNames names(o.out_dir, inputs, plan.extension);
  app::IfExists if_exists = o.force ? app::IfExists::kOverwrite
                            : o.skip_existing ? app::IfExists::kSkip
                                              : app::IfExists::kFail;
  // json to stdout: each document rendered as an element of the array it
  // goes in (a lone one is written back as it is), not copied to indent it.
  const bool indented = to_stdout && plan.layout == app::Layout::kDocument;
  if (indented) plan.render.json_depth = 1;
  app::StreamWriter stream(plan.layout, [](std::string_view s) { write_stdout(s); }, indented);
  std::string refused;  // html to stdout: the input that held a second document
  base::Errors write_errors;
  auto emit = [&](app::BatchResult&& r) {
    const text::Document& d = r.document;
    for (const auto& w : d.warnings) fmt::print(stderr, "assay: warning: {}\n", w);
    if (!o.out_dir.empty()) {
      std::string path = names.name(r.input, d.id.empty() ? d.source : d.id, r.record);
      std::string out = std::move(r.rendered);
      if (plan.layout == app::Layout::kLines || plan.layout == app::Layout::kDocument) out += '\n';
      if (auto st = app::write_file(path, out, if_exists); !st) write_errors.add(st.error());
      else if (*st) ++written;
      else ++kept;
      return;
    }
    if (!stream.add(std::move(r.rendered)) && refused.empty()) refused = inputs[r.input].path;
  };
  app::BatchOptions bo;
  bo.pipeline.jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bo.pipeline.input_format = o.input_format.empty() ? text::Format::kAuto : text::parse_format(o.input_format);
  bo.pipeline.progress = show_progress(g, /*streams_to_stdout=*/o.out_dir.empty());
  bo.pipeline.max_text_bytes = analysis::kMaxTextBytes;
  bo.render = plan.render;
  auto stats = engine.analyze_batch(inputs, bo, emit);
  if (to_stdout) stream.finish();
  std::fflush(stdout);
  for (auto& e : stats.errors) errors.add(std::move(e));
  for (auto& e : write_errors) errors.add(std::move(e));
  if (!refused.empty()) {  // nothing was written
    for (const auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    fmt::print(stderr, "assay: error: --format html writes one page per document; {} holds several, which need --out DIR\n",
               refused);
    return kExitUsage;
  }
  if (!o.out_dir.empty())
    fmt::print(stderr, "assay: wrote {} to {}{} ({}, {:.1f} MB in {:.2f} s)\n", base::counted(static_cast<long long>(written), "file", "files"),
               o.out_dir, kept ? fmt::format(", kept {} existing", kept) : "",
               base::counted(static_cast<long long>(stats.documents), "document", "documents"), stats.bytes / 1e6, stats.seconds);
  if (!errors.empty()) {
    fmt::print(stderr, "assay: {} failed:\n", base::counted(static_cast<long long>(errors.size()), "input or record", "inputs or records"));
    for (const auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitFailure;
  }
  return kExitOk;
}

Registrar reg(10, [](CLI::App& app, const GlobalOptions& g) {
  static AnalyzeOptions o;
  auto* cmd = app.add_subcommand("analyze", "Critique articles: what holds, where the shadows are, bias, supply-chain meaning");
  cmd->alias("analyse");
  cmd->add_option("inputs", o.inputs, "Files, directories or - for stdin (text, Markdown, HTML, JSON, JSON Lines)");
  cmd->add_option("--format", o.format,
                  "md (the default), jsonl (one JSON object per line per document; the default for .jsonl input), "
                  "json (one JSON document: an object, or an array for several) or html (one page; several need --out)")
      ->check(CLI::IsMember({"md", "json", "jsonl", "html"}));
  auto* out = cmd->add_option("--out", o.out_dir,
                  "Write one file per document under DIR instead of stdout, mirroring the input tree (JSON Lines "
                  "records by id); an existing file is an error");
  auto* force = cmd->add_flag("--force", o.force, "With --out: overwrite existing files")->needs(out);
  cmd->add_flag("--skip-existing", o.skip_existing, "With --out: keep existing files (resume a batch)")->excludes(force)->needs(out);
  cmd->add_option("--input-format", o.input_format, "Force the input format: txt, md, html, json, jsonl")
      ->check(CLI::IsMember({"txt", "md", "html", "json", "jsonl"}));
  cmd->add_option("--jobs,-j", o.jobs, "Worker threads (default: all cores)")->check(in_range(1, 256));
  cmd->add_flag("--no-impact", o.no_impact,
                "Do not compute what reported events would change in the supply model (faster on large corpora)");
  cmd->add_flag("--no-verify", o.no_verify,
                "Do not link entities to the knowledge base, extract claims or judge them (faster on large corpora; "
                "entity_mentions and claims stay empty)");
  cmd->callback([&g] { throw ExitRequest{run_analyze(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
