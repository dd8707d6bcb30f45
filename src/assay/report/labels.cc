#include "assay/report/labels.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <vector>

namespace assay::report {
namespace {

bool is_hex_color(std::string_view c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (char x : c.substr(1))
    if (!((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F'))) return false;
  return true;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

}  // namespace

base::Result<LabelStyles> LabelStyles::parse(std::string_view tsv, std::string_view file) {
  LabelStyles out;
  std::array<bool, analysis::kLabelCount> seen{};
  bool header = false;
  int line_no = 0;
  std::size_t pos = 0;
  auto error = [&](std::string message, std::string field = "") {
    return base::fail(base::Error::invalid(std::move(message), {.file = std::string(file), .line = line_no, .field = std::move(field)}));
  };
  while (pos <= tsv.size()) {
    std::size_t end = tsv.find('\n', pos);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    if (!header) {
      if (f.size() != 4 || f[0] != "label" || f[1] != "name" || f[2] != "color" || f[3] != "definition")
        return error("the header must be: label, name, color, definition (tab-separated)");
      header = true;
      continue;
    }
    if (f.size() != 4) return error(fmt::format("expected 4 tab-separated fields, found {}", f.size()));
    auto label = analysis::parse_label(f[0]);
    if (!label) return error(fmt::format("unknown label \"{}\"", f[0]), "label");
    auto i = static_cast<std::size_t>(*label);
    if (seen[i]) return error(fmt::format("label \"{}\" has a second row", f[0]), "label");
    if (f[1].empty()) return error("the name is empty", "name");
    if (!is_hex_color(f[2])) return error(fmt::format("colour \"{}\" is not #rrggbb", f[2]), "color");
    if (f[3].empty()) return error("the definition is empty", "definition");
    seen[i] = true;
    out.styles_[i] = {*label, std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3])};
    if (end == tsv.size()) break;
  }
  if (!header) return base::fail(base::Error::invalid("no header line (label, name, color, definition)", {.file = std::string(file)}));
  std::vector<std::string> missing;
  for (analysis::Label l : analysis::all_labels())
    if (!seen[static_cast<std::size_t>(l)]) missing.push_back(analysis::label_name(l));
  if (!missing.empty())
    return base::fail(base::Error::invalid(fmt::format("no row for label(s): {}", fmt::join(missing, ", ")), {.file = std::string(file)}));
  return out;
}

base::Result<LabelStyles> LabelStyles::load(const base::DataSource& data) {
  auto text = data.read(kLabelsFile);
  if (!text) return base::fail(text.error());
  return parse(*text, data.display_path(kLabelsFile));
}

const LabelStyles& LabelStyles::embedded() {
  static const LabelStyles kStyles = [] {
    auto s = load(base::EmbeddedData{});
    if (!s) {  // a broken build: labels_test fails first
      fmt::print(stderr, "assay: error: {}\n", s.error().to_string());
      std::abort();
    }
    return std::move(*s);
  }();
  return kStyles;
}

}  // namespace assay::report
