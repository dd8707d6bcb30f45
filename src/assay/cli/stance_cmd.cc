// assay stance: the stance of each body toward its headline (agree,
// disagree, discuss, unrelated), one JSON line per record in input order
// (app/stance.h, corpus/stance.h).
#include <fmt/core.h>

#include <cstdio>
#include <string>
#include <vector>

#include "assay/app/inputs.h"
#include "assay/app/stance.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct StanceOptions {
  std::vector<std::string> inputs;
};

int run_stance(const StanceOptions& o, const GlobalOptions& g) {
  auto data = open_data(g);
  auto model = corpus::StanceModel::load(*data);
  if (!model) {
    fmt::print(stderr, "assay: error: {}\n", model.error().to_string());
    return kExitDataError;
  }
  std::vector<std::string> args = o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs;
  note_terminal_stdin(args);
  bool failed = false;
  for (const auto& a : args) {
    auto bytes = app::read_input({.path = a});
    if (!bytes) {
      fmt::print(stderr, "assay: error: {}\n", bytes.error().to_string());
      failed = true;
      continue;
    }
    auto run = app::classify_stance_jsonl(*model, *bytes, a == "-" ? "<stdin>" : a, [](std::string_view line) { write_stdout(line); });
    std::fflush(stdout);
    for (const auto& e : run.errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    if (!run.errors.empty()) {
      fmt::print(stderr, "assay: {} of {} records failed\n", run.errors.size(), run.records);
      failed = true;
    }
  }
  return failed ? kExitFailure : kExitOk;
}

Registrar reg(27, [](CLI::App& app, const GlobalOptions& g) {
  static StanceOptions o;
  auto* cmd = app.add_subcommand("stance",
                                 "The stance of each body toward its headline: agree, disagree, discuss or unrelated (FNC-1)");
  cmd->add_option("inputs", o.inputs,
                  "JSON Lines files of {\"id\", \"headline\", \"body\"} records (default: standard input)")
      ->option_text("FILE|-");
  cmd->callback([&g] { throw ExitRequest{run_stance(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
