// assay: reads news about rare earths and critical minerals and says what
// holds true, where the shadows are, what bias sits between the lines, and
// what it means for the supply chain.
#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>

#include "assay/base/embedded.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}

}  // namespace

Registrar::Registrar(int order, Setup setup) { registry().emplace_back(order, std::move(setup)); }

std::vector<Setup> registered_commands() {
  auto r = registry();
  std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Setup> out;
  for (auto& [order, s] : r) out.push_back(s);
  return out;
}

std::shared_ptr<const base::DataSource> open_data(const GlobalOptions& g) {
  auto data = base::open_data(g.data_dir);
  if (!data) {
    fmt::print(stderr, "assay: error: {}\n", data.error().to_string());
    throw ExitRequest{kExitUsage};
  }
  return *std::move(data);
}

app::Engine make_engine(const GlobalOptions& g, bool impact) {
  return app::Engine(open_data(g), {.models = !g.rules_only, .impact = impact});
}

namespace {

// Every byte written to stdout is checked once, at the end: a full disk or
// a closed pipe is an error, exit 1 (`assay ... > /dev/full`).
int check_stdout(int code) {
  int err = stdout_error();
  if (err == 0) return code;
  fmt::print(stderr, "assay: error: writing standard output: {}\n", std::strerror(err));
  return code == kExitOk ? kExitFailure : code;
}

}  // namespace

}  // namespace assay::cli

int main(int argc, char** argv) {
  using namespace assay::cli;
  GlobalOptions global;
  CLI::App app{"assay: reads rare-earth and critical-mineral news like a desk editor and a supply-chain analyst"};
  app.set_version_flag("--version", fmt::format("assay {}", assay::base::version()));
  app.require_subcommand(1);
  app.add_option("--data", global.data_dir, "Directory whose data files override the embedded ones")
      ->check(CLI::ExistingDirectory);
  app.add_flag("--no-color", global.no_color, "Never colour the output");
  app.add_flag("--rules-only", global.rules_only,
               "Label with the rules alone: do not apply the learned models of data/models");
  app.footer(
      "Exit codes: 0 ok; 1 some input or check failed; 2 bad command line; 3 invalid data files; 70 internal error.");
  for (auto& setup : registered_commands()) setup(app, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const ExitRequest& r) {
    return check_stdout(r.code);
  } catch (const std::exception& e) {
    fmt::print(stderr, "assay: internal error: {}\n", e.what());
    return kExitInternal;
  }
  return check_stdout(kExitOk);
}
