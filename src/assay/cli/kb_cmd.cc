// assay kb check: loads and validates every knowledge-base file (data/kb/*.csv,
// or the --data DIR override) and reports every error at once.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "assay/app/catalog.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct KbCheckOptions {
  std::string format = "text";
};

// The kb files and where each came from ("embedded" or the path).
std::vector<std::pair<std::string, std::string>> kb_files(const base::DataSource& data) {
  std::vector<std::string> names = base::EmbeddedData().list("kb/", ".csv");
  for (auto& n : data.list("kb/", ".csv")) names.push_back(std::move(n));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& n : names) {
    std::string from = data.origin(n);
    out.emplace_back(std::move(n), std::move(from));
  }
  return out;
}

int run_kb_check(const KbCheckOptions& o, const GlobalOptions& g) {
  app::Engine engine = make_engine(g);
  auto all = engine.check_kb();
  auto files = kb_files(engine.data());
  auto format = report::parse_format(o.format).value_or(report::OutputFormat::kTable);
  const auto& k = all.kb;
  if (format == report::OutputFormat::kJson) {
    nlohmann::ordered_json j;
    j["ok"] = all.ok();
    nlohmann::ordered_json rows;
    rows["countries"] = k.countries.size();
    rows["deposits"] = k.deposits.size();
    rows["companies"] = k.companies.size();
    rows["facilities"] = k.facilities.size();
    rows["policies"] = k.policies.size();
    rows["prices"] = k.prices.size();
    rows["magnets"] = k.magnets.size();
    rows["outlets"] = k.outlets.size();
    rows["risks"] = k.risks.size();
    j["rows"] = rows;
    auto errs = nlohmann::ordered_json::array();
    for (const auto& e : all.errors) {
      nlohmann::ordered_json x;
      x["file"] = e.where().file;
      x["line"] = e.where().line;
      x["column"] = e.where().column;
      x["field"] = e.where().field;
      x["message"] = e.message();
      errs.push_back(x);
    }
    j["errors"] = errs;
    auto from = nlohmann::ordered_json::array();
    for (const auto& [file, origin] : files) from.push_back({{"file", file}, {"from", origin}});
    j["files"] = from;
    fmt::print("{}\n", j.dump(2));
  } else if (format == report::OutputFormat::kMarkdown) {
    fmt::print("| table | rows |\n|---|---|\n");
    const std::pair<const char*, std::size_t> counts[] = {
        {"countries", k.countries.size()}, {"deposits", k.deposits.size()}, {"companies", k.companies.size()},
        {"facilities", k.facilities.size()}, {"policies", k.policies.size()}, {"prices", k.prices.size()},
        {"magnets", k.magnets.size()},     {"outlets", k.outlets.size()},   {"risks", k.risks.size()}};
    for (const auto& [name, n] : counts) fmt::print("| {} | {} |\n", name, n);
    fmt::print("\n| file | from |\n|---|---|\n");
    for (const auto& [file, origin] : files) fmt::print("| {} | {} |\n", file, origin);
    if (!all.ok()) {
      fmt::print("\n| file | line | column | field | problem |\n|---|---|---|---|---|\n");
      for (const auto& e : all.errors)
        fmt::print("| {} | {} | {} | {} | {} |\n", e.where().file, e.where().line, e.where().column, e.where().field,
                   e.message());
    }
  } else {
    for (const auto& e : all.errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    if (all.ok())
      fmt::print("kb ok: {}\n", k.summary());
    else
      fmt::print(stderr, "assay: kb check: {} error{}\n", all.errors.size(), all.errors.size() == 1 ? "" : "s");
    for (const auto& [file, origin] : files) fmt::print("  {:<40} {}\n", file, origin);
  }
  return all.ok() ? kExitOk : kExitDataError;
}

struct KbListOptions {
  std::string table;
  std::string format = "table";
  std::string company;
};

int run_kb_list(const KbListOptions& o, const GlobalOptions& g) {
  app::Engine engine = make_engine(g);
  auto kb = engine.knowledge_base();
  if (!kb) {
    fmt::print(stderr, "assay: error: {}\n", kb.error().to_string());
    return kExitDataError;
  }
  auto t = app::kb_table(**kb, o.table, o.company);
  if (!t) {
    fmt::print(stderr, "assay: error: {}\n", t.error().to_string());
    return kExitUsage;
  }
  write_stdout(app::render(*t, *app::parse_list_format(o.format)));
  return kExitOk;
}

Registrar reg(60, [](CLI::App& app, const GlobalOptions& g) {
  static KbCheckOptions o;
  auto* kb = app.add_subcommand("kb", "The knowledge base (data/kb/*.csv)");
  kb->require_subcommand(1);
  auto* check = kb->add_subcommand("check", "Load and validate every kb file; list every error (exit 3) or print row counts");
  check->add_option("--format", o.format, "Output: text (= table), md or json")
      ->check(CLI::IsMember({"text", "table", "md", "json"}));
  check->callback([&g] { throw ExitRequest{run_kb_check(o, g)}; });
  static KbListOptions l;
  std::string tables;
  for (const auto& n : app::kb_table_names()) tables += (tables.empty() ? "" : ", ") + n;
  auto* list = kb->add_subcommand("list", "List a table of the knowledge base: " + tables);
  list->add_option("table", l.table, "The table: " + tables)->required();
  list->add_option("--format", l.format, "Output: table, md, json or tsv")->check(CLI::IsMember({"table", "md", "json", "tsv"}));
  list->add_option("--company", l.company, "Only the facilities (or companies) of this company id");
  list->callback([&g] { throw ExitRequest{run_kb_list(l, g)}; });
});

}  // namespace
}  // namespace assay::cli
