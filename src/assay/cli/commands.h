// cli/commands: the registry through which each command (one *_cmd.cc file
// each) adds its sub-command to the assay CLI, and the exit codes.
//
//   static Registrar reg(60, [](CLI::App& app, const GlobalOptions& g) {
//     auto* cmd = app.add_subcommand("kb", "...");
//     ...
//     cmd->callback([&g] { throw ExitRequest{run(engine(g))}; });
//   });
//
// Commands are thin: they parse their options, call the app layer (an
// app::Engine built from the global options) and print.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "assay/app/engine.h"

namespace assay::cli {

// Exit codes (documented in the README).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;     // analysis ran but some input failed (batch) or a check failed
inline constexpr int kExitUsage = 2;       // bad command line
inline constexpr int kExitDataError = 3;   // the data files (lexicons, kb) are invalid
inline constexpr int kExitInternal = 70;   // a bug

// Thrown by a command's callback to end the program with a code.
struct ExitRequest {
  int code;
};

// Options shared by every command, filled by main() before any command runs.
// They are accepted before or after the command (`assay --data D analyze`,
// `assay analyze --data D`).
struct GlobalOptions {
  std::string data_dir;        // --data DIR: overrides the embedded data
  std::string color = "auto";  // --color auto|always|never
  bool no_color = false;       // --no-color: = --color never
  bool progress = false;       // --progress: a bar on stderr even when it is not a terminal
  bool no_progress = false;    // --no-progress: never a bar
  bool rules_only = false;     // --rules-only: the learned models of data/models are not applied
};

// Whether to colour output written to a stream that is (or is not) a
// terminal: --color always/never decide; auto colours a terminal unless the
// NO_COLOR environment variable is set and not empty (https://no-color.org).
bool use_color(const GlobalOptions& g, bool stream_is_terminal);

// A check for a numeric option: the value must lie in [lo, hi]
// ("--demand: -5 is out of range: 0 to 10000000", exit 2).
CLI::Validator in_range(double lo, double hi);

// Whether a long command shows a progress bar on stderr: --progress and
// --no-progress decide; by default a bar when stderr is a terminal, unless
// the command streams its results to that same terminal as it goes
// (`streams_to_stdout` and stdout a terminal).
bool show_progress(const GlobalOptions& g, bool streams_to_stdout = false);

// Registers a command: `setup` adds it to the app; its callbacks may keep
// the reference to the global options, which outlive the parse.
using Setup = std::function<void(CLI::App&, const GlobalOptions&)>;

struct Registrar {
  Registrar(int order, Setup setup);
};

// All registered setups, sorted by their order.
std::vector<Setup> registered_commands();

// The data the global options name (--data DIR over the embedded data);
// prints the error and ends the program (exit 2) when DIR is not a data
// folder.
std::shared_ptr<const base::DataSource> open_data(const GlobalOptions& g);

// The engine over the data the global options name.
app::Engine make_engine(const GlobalOptions& g, bool impact = true, bool verify = true);

}  // namespace assay::cli
