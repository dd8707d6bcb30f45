// assay lexicon check: validates the lexicon files (columns, categories,
// weights, duplicates, patterns that do not compile or never match their own
// example) and reports every problem with file:line.
#include <fmt/core.h>

#include <map>

#include "assay/cli/commands.h"
#include "assay/lexicon/lexicon.h"

namespace assay::cli {
namespace {

int run_lexicon_check() {
  auto data_source = base::open_data(global_options().data_dir);
  const base::DataSource& data = *data_source;
  auto lex = lexicon::Lexicon::load(data);
  std::vector<base::Error> errors;
  if (!lex) {
    errors = lex.error();
  } else {
    auto m = lexicon::Matcher::compile(*lex);
    if (!m) errors = m.error();
    for (auto& e : lexicon::find_unreachable(*lex)) errors.push_back(std::move(e));
  }
  if (!errors.empty()) {
    for (const auto& e : errors) fmt::print(stderr, "{}\n", e.to_string());
    fmt::print(stderr, "assay: lexicon check found {} problem(s)\n", errors.size());
    return kExitDataError;
  }
  std::map<std::string, int> by_category;
  std::map<std::string, int> by_file;
  for (const auto& e : lex->entries()) {
    by_category[lexicon::category_name(e.category)]++;
    by_file[e.file]++;
  }
  fmt::print("lexicon ok: {} entries in {} files, {} categories\n", lex->size(), by_file.size(), by_category.size());
  for (const auto& [f, n] : by_file) fmt::print("  {:<40} {:>5}\n", f, n);
  return kExitOk;
}

Registrar reg(40, [](CLI::App& app) {
  auto* lex = app.add_subcommand("lexicon", "Work with the cue lexicons (data/lexicons/*.tsv)");
  lex->require_subcommand(1);
  auto* check = lex->add_subcommand("check", "Validate the lexicon files; every problem with file:line");
  check->callback([] { throw ExitRequest{run_lexicon_check()}; });
});

}  // namespace
}  // namespace assay::cli
