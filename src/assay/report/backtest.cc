#include "assay/report/backtest.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "assay/base/strings.h"

namespace assay::report {
namespace {

using Json = nlohmann::ordered_json;
using supply::Backtest;
using supply::BacktestRow;
using supply::BacktestStatus;
using supply::MassBalance;
using supply::StageBalance;

double r3(double x) {
  double v = std::round(x * 1000.0) / 1000.0;
  return v == 0 ? 0.0 : v;
}

std::string tonnes(double x) {
  double r = std::round(x);
  return (r < 0 ? "-" : "") + base::group_thousands(std::fabs(r));
}

std::string value(double v, const std::string& unit) {
  if (unit == "%") return fmt::format("{:.1f}%", v);
  return tonnes(v) + " " + unit;
}

std::string error_text(const BacktestRow& r) {
  if (!r.error) return "-";
  if (r.unit == "%") {
    double v = std::round(*r.error * 10) / 10;
    return fmt::format("{:+.1f} pts", v == 0 ? 0.0 : v);
  }
  std::string t = (*r.error >= 0.5 ? "+" : "") + tonnes(*r.error);
  if (r.error_pct) t += fmt::format(" ({:+.1f}%)", std::round(*r.error_pct * 10) / 10 == 0 ? 0.0 : std::round(*r.error_pct * 10) / 10);
  return t;
}

std::string band_text(const BacktestRow& r) {
  if (!r.band) return "-";
  return r.band_unit == "points" ? fmt::format("±{:g} pts", *r.band) : fmt::format("±{:g}%", *r.band);
}

// An aligned text or Markdown table.
std::string table(OutputFormat f, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::vector<bool>& right) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) {
      if (c == '|') o += '\\';
      o += c;
    }
    return o;
  };
  if (f != OutputFormat::kTable) {
    std::string out = "|";
    for (const auto& h : header) out += " " + esc(h) + " |";
    out += "\n|";
    for (std::size_t i = 0; i < header.size(); ++i) out += (i < right.size() && right[i]) ? "---:|" : "---|";
    out += "\n";
    for (const auto& r : rows) {
      out += "|";
      for (const auto& c : r) out += " " + esc(c) + " |";
      out += "\n";
    }
    return out;
  }
  // Widths in code points, so that "±" and "–" align.
  auto width = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::vector<std::size_t> w(header.size(), 0);
  auto upd = [&](const std::vector<std::string>& r) {
    for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  };
  upd(header);
  for (const auto& r : rows) upd(r);
  auto line = [&](const std::vector<std::string>& r) {
    std::string s;
    for (std::size_t i = 0; i < w.size(); ++i) {
      std::string cell = i < r.size() ? r[i] : "";
      std::string pad(w[i] - width(cell), ' ');
      s += (i < right.size() && right[i]) ? pad + cell : cell + pad;
      if (i + 1 < w.size()) s += "  ";
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = line(header);
  for (std::size_t i = 0; i < w.size(); ++i) out += std::string(w[i], '-') + (i + 1 < w.size() ? "  " : "\n");
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string heading(OutputFormat f, int level, const std::string& title) {
  if (f != OutputFormat::kTable) return std::string(static_cast<std::size_t>(level), '#') + " " + title + "\n\n";
  std::size_t n = 0;
  for (unsigned char c : title) n += (c & 0xC0) != 0x80;
  return title + "\n" + std::string(n, level == 1 ? '=' : '-') + "\n\n";
}

std::string years_text(const std::vector<int>& years) {
  std::string s;
  for (int y : years) s += (s.empty() ? "" : ", ") + std::to_string(y);
  return s;
}

std::string verdict(const Backtest& bt) {
  int banded = bt.passed + bt.failed;
  if (banded == 0) return "No figure has a band for these years: every error is reported only.";
  std::string failed;
  for (const auto& r : bt.rows)
    if (r.status == BacktestStatus::kFail) failed += (failed.empty() ? "" : "; ") + fmt::format("{} ({})", r.figure, r.period);
  if (bt.failed == 0) return fmt::format("Bands: all {} pass.", banded);
  return fmt::format("Bands: {} of {} pass; {} fail{}: {}.", bt.passed, banded, bt.failed, bt.failed == 1 ? "s" : "", failed);
}

std::vector<std::string> balance_row(const StageBalance& s) {
  auto t = [](double v) { return tonnes(v); };
  return {supply::stage_key(s.stage),
          s.unit_in == s.unit_out ? s.unit_in : s.unit_in + " -> " + s.unit_out,
          t(s.input),
          t(s.output),
          t(s.process_loss),
          s.recovery_stated ? fmt::format("{:g} ({})", s.recovery, kb::value_basis_name(s.recovery_basis)) : "-",
          t(s.other_uses),
          t(s.unsold),
          t(s.stockpiled),
          t(s.unplaced),
          t(s.passed_on)};
}

Json balance_json(const MassBalance& b) {
  Json j;
  j["year"] = b.year;
  j["re_metal_per_t_magnet"] = r3(b.re_per_magnet);
  Json stages = Json::array();
  for (const auto& s : b.stages) {
    Json x;
    x["stage"] = supply::stage_key(s.stage);
    x["unit_in"] = s.unit_in;
    x["unit_out"] = s.unit_out;
    x["input"] = r3(s.input);
    x["output"] = r3(s.output);
    x["process_loss"] = r3(s.process_loss);
    if (s.recovery_stated) {
      x["recovery"] = {{"value", s.recovery}, {"basis", kb::value_basis_name(s.recovery_basis)}, {"source", s.recovery_source}};
    } else {
      x["recovery"] = nullptr;
    }
    x["other_uses"] = r3(s.other_uses);
    x["unsold"] = r3(s.unsold);
    x["stockpiled"] = r3(s.stockpiled);
    x["unplaced"] = r3(s.unplaced);
    x["passed_on"] = r3(s.passed_on);
    x["residual"] = r3(s.residual);
    Json sp = Json::array();
    for (const auto& p : s.stockpiles)
      sp.push_back({{"id", p.id}, {"facility", p.facility}, {"tonnes", r3(p.tonnes)}, {"basis", kb::value_basis_name(p.basis)}, {"source", p.source}});
    x["stockpiles"] = sp;
    stages.push_back(x);
  }
  j["stages"] = stages;
  j["notes"] = b.notes;
  return j;
}

std::string render_json(const Backtest& bt) {
  Json j;
  j["schema"] = kChainSchema;
  j["view"] = "backtest";
  j["years"] = bt.years;
  j["bands"] = {{"passed", bt.passed}, {"failed", bt.failed}};
  Json rows = Json::array();
  for (const auto& r : bt.rows) {
    Json x;
    x["year"] = r.year;
    x["period"] = r.period;
    x["key"] = r.key;
    x["figure"] = r.figure;
    x["unit"] = r.unit;
    x["model"] = r.model ? Json(r3(*r.model)) : Json(nullptr);
    x["model_basis"] = r.model_basis;
    x["published"] = r3(r.published);
    x["error"] = r.error ? Json(r3(*r.error)) : Json(nullptr);
    x["error_pct"] = r.error_pct ? Json(r3(*r.error_pct)) : Json(nullptr);
    x["band"] = r.band ? Json(*r.band) : Json(nullptr);
    x["band_unit"] = r.band ? Json(r.band_unit) : Json(nullptr);
    x["result"] = supply::backtest_status_name(r.status);
    x["source"] = r.source;
    x["note"] = r.note;
    rows.push_back(x);
  }
  j["rows"] = rows;
  Json bal = Json::array();
  for (const auto& b : bt.balances) bal.push_back(balance_json(b));
  j["mass_balance"] = bal;
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_backtest(const Backtest& bt, OutputFormat f) {
  if (f == OutputFormat::kJson) return render_json(bt);
  if (f == OutputFormat::kHtml) f = OutputFormat::kMarkdown;
  std::string out = heading(f, 1, "Backtest of the supply model: " + years_text(bt.years));
  out += verdict(bt) + " Model figures are the model's output for the year (the LP's flows); errors are model minus published "
                       "(points for shares); a figure without a band is reported only.\n\n";
  for (int year : bt.years) {
    out += heading(f, 2, std::to_string(year));
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : bt.rows) {
      if (r.year != year) continue;
      rows.push_back({r.figure, r.model ? value(*r.model, r.unit) : "not modelled", value(r.published, r.unit), error_text(r), band_text(r),
                      supply::backtest_status_name(r.status)});
    }
    out += table(f, {"figure", fmt::format("model output {}", year), "published", "error", "band", "result"}, rows,
                 {false, true, true, true, true, false});
    out += "\n";
    for (const auto& b : bt.balances) {
      if (b.year != year) continue;
      out += fmt::format("Mass balance, {} (model output; t REO up to separation, t metal, t magnet; a t magnet holds {:.3f} t of "
                         "Nd, Pr, Dy and Tb metal):\n\n",
                         year, b.re_per_magnet);
      std::vector<std::vector<std::string>> brows;
      for (const auto& s : b.stages) brows.push_back(balance_row(s));
      out += table(f, {"stage", "unit", "in", "out", "process loss", "recovery", "other uses", "unsold", "stockpiled", "unplaced", "passed on"},
                   brows, {false, false, true, true, true, false, true, true, true, true, true});
      out += "\n";
      for (const auto& s : b.stages)
        for (const auto& p : s.stockpiles)
          out += fmt::format("Stockpiled at {} ({}, {} t, {}): {}\n", p.facility, supply::stage_key(s.stage), tonnes(p.tonnes),
                             kb::value_basis_name(p.basis), p.source);
      for (const auto& n : b.notes) out += "Note: " + n + "\n";
      out += "\n";
    }
  }
  out += heading(f, 2, "What each figure is");
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : bt.rows) rows.push_back({r.period, r.figure, r.model_basis, r.source + (r.note.empty() ? "" : " (" + r.note + ")")});
  out += table(f, {"period", "figure", "model figure", "published figure"}, rows, {false, false, false, false});
  return out;
}

}  // namespace assay::report
