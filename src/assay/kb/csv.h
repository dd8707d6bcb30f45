// kb/csv: an RFC 4180 CSV reader that keeps the line and column of every
// field, so that the table loaders can report "file:line:column: field: ...".
//
//   auto t = kb::parse_csv("a,b\n1,\"x, \"\"y\"\"\"\n");
//   // t.header == {"a","b"}; t.rows[0].fields[1] == "x, \"y\""
//   // t.rows[0].line == 2; t.rows[0].columns[1] == 3
//   for (auto& e : t.errors) ...  // syntax errors, each with line and column
//
// Accepted: quoted fields with embedded commas, quotes ("") and newlines;
// LF or CRLF line ends; a UTF-8 BOM at the start; blank lines (skipped).
// Errors (reported, parsing goes on): a quote inside an unquoted field,
// text after a closing quote, an unterminated quoted field, a row whose
// field count differs from the header's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::kb {

struct CsvRow {
  std::int64_t line = 0;              // 1-based line where the row starts
  std::vector<std::string> fields;
  std::vector<std::int64_t> lines;    // line of each field's first character
  std::vector<std::int64_t> columns;  // 1-based byte column of each field's first character
};

struct CsvTable {
  std::vector<std::string> header;
  std::int64_t header_line = 0;
  std::vector<std::int64_t> header_columns;  // 1-based column of each header cell
  std::vector<CsvRow> rows;
  base::Errors errors;  // locations without a file name

  // Index of a header column, or -1.
  int column(std::string_view name) const;
};

CsvTable parse_csv(std::string_view text);

}  // namespace assay::kb
