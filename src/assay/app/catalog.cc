#include "assay/app/catalog.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "assay/app/scenarios.h"
#include "assay/base/embedded.h"
#include "assay/base/suggest.h"
#include "assay/supply/network.h"
#include "assay/supply/scenario.h"

namespace assay::app {

namespace {

std::string number(std::optional<double> v) {
  if (!v) return "";
  return *v == static_cast<double>(static_cast<long long>(*v)) ? fmt::format("{}", static_cast<long long>(*v))
                                                                : fmt::format("{}", *v);
}

Table facilities(const kb::Kb& kb) {
  Table t{{"id", "name", "company", "country", "stage", "status"}, {}};
  for (const auto& f : kb.facilities)
    t.rows.push_back({f.id, f.name, f.company, f.country, kb::stage_name(f.stage),
                      f.status_year ? fmt::format("{} ({})", kb::status_name(f.status), f.status_year)
                                    : std::string(kb::status_name(f.status))});
  return t;
}

Table companies(const kb::Kb& kb) {
  Table t{{"id", "name", "country", "state_owned", "parent"}, {}};
  for (const auto& c : kb.companies) t.rows.push_back({c.id, c.name, c.country, kb::state_owned_name(c.state_owned), c.parent});
  return t;
}

// One row per country: ISO code, name, the latest mine production figure
// (with its year) and the latest reserves.
Table countries(const kb::Kb& kb) {
  struct Latest {
    std::string iso3;
    const kb::CountryFigure* production = nullptr;
    const kb::CountryFigure* reserves = nullptr;
  };
  std::map<std::string, Latest> by_name;
  for (const auto& f : kb.countries) {
    Latest& l = by_name[f.country];
    if (l.iso3.empty()) l.iso3 = f.iso3;
    const kb::CountryFigure*& slot = f.measure == kb::FigureMeasure::kMineProduction ? l.production
                                     : f.measure == kb::FigureMeasure::kReserves     ? l.reserves
                                                                                     : l.production;
    if (f.measure == kb::FigureMeasure::kMagnetOutput || !f.value) continue;
    if (slot == nullptr || f.year > slot->year) slot = &f;
  }
  Table t{{"id", "name", "mine_production_t_reo", "year", "reserves_t_reo"}, {}};
  for (const auto& [name, l] : by_name)
    t.rows.push_back({l.iso3, name, l.production ? number(l.production->value) : "",
                      l.production ? std::to_string(l.production->year) : "", l.reserves ? number(l.reserves->value) : ""});
  std::sort(t.rows.begin(), t.rows.end());
  return t;
}

Table deposits(const kb::Kb& kb) {
  Table t{{"id", "name", "country", "ore_type", "ndpr_pct"}, {}};
  for (const auto& d : kb.deposits) t.rows.push_back({d.id, d.name, d.country, d.ore_type, number(d.nd_pr_pct)});
  return t;
}

Table outlets(const kb::Kb& kb) {
  Table t{{"id", "name", "country", "type"}, {}};
  for (const auto& o : kb.outlets) t.rows.push_back({o.id, o.name, o.country, kb::outlet_type_name(o.type)});
  return t;
}

Table policies(const kb::Kb& kb) {
  Table t{{"id", "country", "type", "status", "announced"}, {}};
  for (const auto& p : kb.policies)
    t.rows.push_back({p.id, p.country, kb::policy_type_name(p.type), kb::policy_status_name(p.status), p.announced});
  return t;
}

// A Markdown cell: pipes escaped, line breaks as spaces.
std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r' || c == '\t') out += ' ';
    else out += c;
  }
  return out;
}

// A TSV cell: tabs and line breaks as spaces.
std::string tsv_cell(const std::string& s) {
  std::string out = s;
  std::replace_if(out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return out;
}

// Display width of UTF-8 text: code points (the names are Latin script).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The first sentence of a scenario's description.
std::string first_sentence(std::string_view text) {
  std::string s(text);
  std::replace(s.begin(), s.end(), '\n', ' ');
  for (std::size_t at = s.find(". "); at != std::string::npos; at = s.find(". ", at + 1)) {
    // "Apr. 2025", "U.S. ": a sentence ends after a word of three or more letters or a figure.
    std::size_t start = s.rfind(' ', at);
    start = start == std::string::npos ? 0 : start + 1;
    if (at - start >= 3 || (at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9')) return s.substr(0, at + 1);
  }
  return s;
}

}  // namespace

std::optional<ListFormat> parse_list_format(std::string_view s) {
  if (s == "table" || s == "text") return ListFormat::kTable;
  if (s == "md") return ListFormat::kMarkdown;
  if (s == "json") return ListFormat::kJson;
  if (s == "tsv") return ListFormat::kTsv;
  return std::nullopt;
}

const std::vector<std::string>& kb_table_names() {
  static const std::vector<std::string> names{"facilities", "companies", "countries", "deposits", "outlets", "policies"};
  return names;
}

base::Result<Table> kb_table(const kb::Kb& kb, std::string_view name, std::string_view company) {
  if (!company.empty()) {
    std::vector<std::string> ids;
    for (const auto& c : kb.companies) ids.push_back(c.id);
    if (std::find(ids.begin(), ids.end(), company) == ids.end())
      return base::fail(base::Error::not_found(fmt::format("no company with id '{}'{}", company, did_you_mean(company, ids)),
                                               {.field = "--company"}));
    if (name != "facilities" && name != "companies")
      return base::fail(base::Error::invalid("--company filters facilities and companies only", {.field = "--company"}));
  }
  auto keep = [&](Table t, std::size_t column) {
    if (company.empty()) return t;
    std::erase_if(t.rows, [&](const std::vector<std::string>& r) { return r[column] != company && r[0] != company; });
    return t;
  };
  if (name == "facilities") return keep(facilities(kb), 2);
  if (name == "companies") return keep(companies(kb), 4);
  if (name == "countries") return countries(kb);
  if (name == "deposits") return deposits(kb);
  if (name == "outlets") return outlets(kb);
  if (name == "policies") return policies(kb);
  std::string list;
  for (const auto& n : kb_table_names()) list += (list.empty() ? "" : ", ") + n;
  return base::fail(base::Error::not_found(
      fmt::format("no table '{}' to list{} (tables: {})", name, did_you_mean(name, kb_table_names()), list)));
}

std::string render(const Table& t, ListFormat f) {
  std::string out;
  switch (f) {
    case ListFormat::kJson: {
      auto rows = nlohmann::ordered_json::array();
      for (const auto& r : t.rows) {
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < t.columns.size() && i < r.size(); ++i) o[t.columns[i]] = r[i];
        rows.push_back(std::move(o));
      }
      return rows.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    }
    case ListFormat::kTsv:
      for (std::size_t i = 0; i < t.columns.size(); ++i) out += (i ? "\t" : "") + tsv_cell(t.columns[i]);
      out += '\n';
      for (const auto& r : t.rows) {
        for (std::size_t i = 0; i < r.size(); ++i) out += (i ? "\t" : "") + tsv_cell(r[i]);
        out += '\n';
      }
      return out;
    case ListFormat::kMarkdown:
      out += "|";
      for (const auto& c : t.columns) out += " " + md_cell(c) + " |";
      out += "\n|";
      for (std::size_t i = 0; i < t.columns.size(); ++i) out += "---|";
      out += '\n';
      for (const auto& r : t.rows) {
        out += "|";
        for (const auto& c : r) out += " " + md_cell(c) + " |";
        out += '\n';
      }
      return out;
    case ListFormat::kTable: {
      std::vector<std::size_t> w(t.columns.size(), 0);
      for (std::size_t i = 0; i < t.columns.size(); ++i) w[i] = width(t.columns[i]);
      for (const auto& r : t.rows)
        for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(r[i]));
      auto line = [&](const std::vector<std::string>& cells) {
        std::string l;
        for (std::size_t i = 0; i < cells.size() && i < w.size(); ++i) {
          l += cells[i];
          if (i + 1 < cells.size()) l += std::string(w[i] - width(cells[i]) + 2, ' ');
        }
        while (!l.empty() && l.back() == ' ') l.pop_back();
        return l + "\n";
      };
      out += line(t.columns);
      for (const auto& r : t.rows) out += line(r);
      return out;
    }
  }
  return out;
}

std::vector<ScenarioEntry> scenario_catalog(const base::DataSource& data) {
  std::vector<ScenarioEntry> out;
  for (const auto& name : shipped_scenarios(data)) {
    ScenarioEntry e{name, "", ""};
    auto text = read_scenario(data, name);
    if (!text) {
      e.title = text.error().to_string();
    } else {
      e.file = text->first;
      auto sc = supply::parse_scenario(text->second, text->first);
      e.title = sc ? first_sentence(sc->description) : sc.error().to_string();
    }
    out.push_back(std::move(e));
  }
  return out;
}

Table scenario_table(const std::vector<ScenarioEntry>& scenarios) {
  Table t{{"name", "title"}, {}};
  for (const auto& s : scenarios) t.rows.push_back({s.name, s.title});
  return t;
}

DataVersion embedded_data_version() {
  DataVersion v;
  v.hash = std::string(base::embedded_data_hash());
  v.files = base::embedded_files().size();
  if (auto p = supply::load_params(base::EmbeddedData())) v.as_of_year = p->as_of_year;
  return v;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string near = base::suggest(word, candidates);
  return near.empty() ? std::string() : fmt::format("; did you mean '{}'?", near);
}

}  // namespace assay::app
