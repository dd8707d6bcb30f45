// app/catalog: what a face lists for a user who wants to know which names it
// may use: the rows of a knowledge-base table (facilities, companies,
// countries, deposits, outlets, policies) as a small table, the shipped
// scenarios with their titles, and "did you mean" for a name that is not
// there. The faces print; nothing here writes.
//
//   auto kb = engine.knowledge_base();
//   auto t = app::kb_table(**kb, "facilities");               // Result<Table>
//   if (t) fmt::print("{}", app::render(*t, app::ListFormat::kMarkdown));
//   for (const auto& s : app::scenario_catalog(engine.data())) use(s.name, s.title);
//   app::did_you_mean("lynas-malaysia-licence", app::scenario_names(engine.data()));
//   // -> "; did you mean 'lynas-malaysia-licence-loss'?"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/data_source.h"
#include "assay/base/error.h"
#include "assay/kb/kb.h"

namespace assay::app {

// A listing: column names and rows of cells, in the order shown.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

enum class ListFormat { kTable, kMarkdown, kJson, kTsv };
std::optional<ListFormat> parse_list_format(std::string_view s);  // table, md, json, tsv

// The tables kb_table knows, in the order `assay kb list` shows them.
const std::vector<std::string>& kb_table_names();

// One knowledge-base table, one row per entry (countries: one row per
// country, with its latest mine production and reserves). Unknown `name`:
// an error that lists the tables and suggests the nearest. `company`, when
// not empty, keeps the facilities of that company (and its subsidiaries'
// rows in the companies table); an unknown company id is an error with the
// nearest id suggested.
base::Result<Table> kb_table(const kb::Kb& kb, std::string_view name, std::string_view company = {});

// Text columns aligned with two spaces (table), a Markdown table, a JSON
// array of objects (column -> cell) or tab-separated lines with a header.
// Each ends with a newline.
std::string render(const Table& t, ListFormat f);

struct ScenarioEntry {
  std::string name;   // what `assay chain scenario NAME` takes
  std::string title;  // the first sentence of its description
  std::string file;   // as the data source displays it
};

// The shipped scenarios (data/scenarios), sorted by name; a file that does
// not parse is listed with its error as the title.
std::vector<ScenarioEntry> scenario_catalog(const base::DataSource& data);
Table scenario_table(const std::vector<ScenarioEntry>& scenarios);

// What `assay --version` says about the data compiled into the binary: its
// fingerprint (base::embedded_data_hash), the number of files and the year
// the supply model describes ("as of", data/supply/model.yaml).
struct DataVersion {
  std::string hash;
  std::size_t files = 0;
  int as_of_year = 0;  // 0 when the model file does not load
};
DataVersion embedded_data_version();

// "; did you mean 'X'?" for the candidate nearest `word` (base/suggest.h),
// or "" when none is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace assay::app
