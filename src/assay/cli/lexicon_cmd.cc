// assay lexicon check: validates the lexicon files (columns, categories,
// weights, duplicates, patterns that do not compile or never match their own
// example) and reports every problem with file:line.
#include <fmt/core.h>

#include <map>

#include "assay/cli/commands.h"

namespace assay::cli {
namespace {

int run_lexicon_check(const GlobalOptions& g) {
  app::Engine engine = make_engine(g);
  auto check = engine.check_lexicon();
  const auto& errors = check.problems;
  if (!errors.empty()) {
    for (const auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    fmt::print(stderr, "assay: lexicon check found {} problem(s)\n", errors.size());
    return kExitDataError;
  }
  const auto& lex = check.lexicon;
  std::map<std::string, int> by_category;
  std::map<std::string, int> by_file;
  for (const auto& e : lex->entries()) {
    by_category[lexicon::category_name(e.category)]++;
    by_file[e.file]++;
  }
  fmt::print("lexicon ok: {} entries in {} files, {} categories\n", lex->size(), by_file.size(), by_category.size());
  // Each file as the lexicon names it, its entries and where it came from.
  const base::DataSource& data = engine.data();
  for (const auto& rel : data.list("lexicons/", ".tsv")) {
    auto it = by_file.find(data.display_path(rel));
    fmt::print("  {:<40} {:>5}  {}\n", rel, it == by_file.end() ? 0 : it->second, data.origin(rel));
  }
  return kExitOk;
}

Registrar reg(40, [](CLI::App& app, const GlobalOptions& g) {
  auto* lex = app.add_subcommand("lexicon", "Work with the cue lexicons (data/lexicons/*.tsv)");
  lex->require_subcommand(1);
  auto* check = lex->add_subcommand("check", "Validate the lexicon files; every problem with file:line");
  check->callback([&g] { throw ExitRequest{run_lexicon_check(g)}; });
});

}  // namespace
}  // namespace assay::cli
