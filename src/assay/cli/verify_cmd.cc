// assay verify: checks claims (one per line, or JSON Lines {text, published,
// id}) against the knowledge base and the supply model and prints each
// verdict with its reason, tolerance and evidence (app/verify.h).
#include <fmt/core.h>

#include <cstdio>
#include <string>
#include <vector>

#include "assay/app/inputs.h"
#include "assay/app/verify.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct VerifyOptions {
  std::vector<std::string> inputs;
  std::string date;
  std::string format = "md";
};

int run_verify(const VerifyOptions& o, const GlobalOptions& g) {
  if (!o.date.empty() && !app::valid_date(o.date)) {
    fmt::print(stderr, "assay: error: --date: '{}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)\n", o.date);
    return kExitUsage;
  }
  std::vector<std::string> args = o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs;
  note_terminal_stdin(args);
  std::vector<app::ClaimInput> claims;
  for (const auto& a : args) {
    auto bytes = app::read_input({.path = a});
    if (!bytes) {
      fmt::print(stderr, "assay: error: {}\n", bytes.error().to_string());
      return kExitFailure;
    }
    auto parsed = app::parse_claim_inputs(*bytes, a);
    if (!parsed) {
      fmt::print(stderr, "assay: error: {}\n", parsed.error().to_string());
      return kExitFailure;
    }
    for (auto& c : *parsed) claims.push_back(std::move(c));
  }
  app::Engine engine = make_engine(g, /*impact=*/false);
  auto checker = app::ClaimChecker::create(engine);
  if (!checker) {
    for (const auto& e : checker.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  std::vector<app::ClaimCheck> checks;
  checks.reserve(claims.size());
  for (const auto& c : claims) checks.push_back(checker->check(c, o.date));
  auto format = o.format == "json" ? report::OutputFormat::kJson : report::OutputFormat::kMarkdown;
  write_stdout(app::render_claim_checks(checks, format));
  return kExitOk;
}

Registrar reg(25, [](CLI::App& app, const GlobalOptions& g) {
  static VerifyOptions o;
  auto* cmd = app.add_subcommand("verify", "Check claims against the knowledge base: supported, contradicted, disputed or unverifiable");
  cmd->add_option("inputs", o.inputs,
                  "Files of claims, one per line, or JSON Lines {\"text\", \"published\", \"id\"} (default: standard input)")
      ->option_text("FILE|-");
  cmd->add_option("--date", o.date,
                  "The date a claim without a publication date is judged at (YYYY-MM-DD); without it, the latest data")
      ->option_text("YYYY-MM-DD");
  cmd->add_option("--format", o.format, "md or json")->check(CLI::IsMember({"md", "json"}));
  cmd->callback([&g] { throw ExitRequest{run_verify(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
