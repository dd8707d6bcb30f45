#include "assay/kb/csv.h"

#include <fmt/core.h>

namespace assay::kb {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

namespace {

base::Location at(std::int64_t line, std::int64_t col) {
  base::Location l;
  l.line = line;
  l.column = col;
  return l;
}

}  // namespace

CsvTable parse_csv(std::string_view text) {
  CsvTable t;
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  std::int64_t line = 1;
  std::size_t line_start = 0;  // byte offset of the current line's start
  bool have_header = false;

  while (i < n) {
    // Skip blank lines.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      line_start = i;
      continue;
    }
    CsvRow row;
    row.line = line;
    bool row_ok = true;
    for (;;) {
      // One field starting at i.
      std::string field;
      std::int64_t fline = line;
      std::int64_t fcol = static_cast<std::int64_t>(i - line_start) + 1;
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            line_start = i + 1;
          }
          field += c;
          ++i;
        }
        if (!closed) {
          t.errors.add(base::Error::invalid("unterminated quoted field", at(fline, fcol)));
          row_ok = false;
        } else if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          t.errors.add(base::Error::invalid(
              "unexpected text after a closing quote", at(line, static_cast<std::int64_t>(i - line_start) + 1)));
          row_ok = false;
          while (i < n && text[i] != ',' && text[i] != '\n') ++i;
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n') {
          if (text[i] == '\r' && i + 1 < n && text[i + 1] == '\n') break;
          if (text[i] == '"' && row_ok) {
            t.errors.add(base::Error::invalid(
                "quote inside an unquoted field (quote the whole field and double the quote)",
                at(line, static_cast<std::int64_t>(i - line_start) + 1)));
            row_ok = false;
          }
          field += text[i];
          ++i;
        }
      }
      row.fields.push_back(std::move(field));
      row.lines.push_back(fline);
      row.columns.push_back(fcol);
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      // End of record.
      if (i < n) {
        i += text[i] == '\r' ? 2 : 1;
        ++line;
        line_start = i;
      }
      break;
    }
    if (!have_header) {
      t.header = std::move(row.fields);
      t.header_columns = std::move(row.columns);
      t.header_line = row.line;
      have_header = true;
      continue;
    }
    if (row_ok && row.fields.size() != t.header.size()) {
      t.errors.add(base::Error::invalid(
          fmt::format("row has {} fields, the header has {}", row.fields.size(), t.header.size()),
          at(row.line, 1)));
      row_ok = false;
    }
    if (row_ok) t.rows.push_back(std::move(row));
  }
  if (!have_header) t.errors.add(base::Error::invalid("empty file: no header row", at(1, 1)));
  return t;
}

}  // namespace assay::kb
