#include "assay/report/chain.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "assay/base/enum_names.h"
#include "assay/base/strings.h"
#include "assay/report/critique.h"
#include "assay/report/page.h"

namespace assay::report {

using supply::ChainMetrics;
using supply::Distribution;
using supply::element_symbol;
using supply::FacilityView;
using supply::figure_basis_name;
using supply::FigureBasis;
using supply::kElements;
using supply::kGroups;
using supply::kMagnetElements;
using supply::magnet_element_symbol;
using supply::MagnetBalance;
using supply::MonteCarloResult;
using supply::Node;
using supply::objective_name;
using supply::SankeyLink;
using supply::Scenario;
using supply::Share;
using supply::Stage;
using supply::stage_key;
using supply::StageMetrics;
using supply::status_key;
using supply::unit_key;

namespace {

using Json = nlohmann::ordered_json;

double r3(double x) {
  double v = std::round(x * 1000.0) / 1000.0;
  return v == 0 ? 0.0 : v;  // no "-0"
}

std::string tonnes(double x) {
  double r = std::round(x);
  if (r == 0) r = 0;
  std::string digits = fmt::format("{:.0f}", std::fabs(r));
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[static_cast<std::size_t>(i)];
    if ((n - i - 1) % 3 == 0 && i != n - 1) out += ',';
  }
  return (r < 0 ? "-" : "") + out;
}

std::string pct(double frac) {
  double v = std::round(frac * 1000.0) / 10.0;
  if (v == 0) v = 0;
  return fmt::format("{:.1f}%", v);
}

std::string signed_tonnes(double d) {
  double r = std::round(d);
  if (r == 0) return "0";
  return (r > 0 ? "+" : "") + tonnes(r);
}

std::string signed_points(double dfrac) {
  double v = std::round(dfrac * 1000.0) / 10.0;
  if (v == 0) return "0.0 pt";
  return fmt::format("{:+.1f} pt", v);
}


std::string md_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    if (c == '|') o += "\\|";
    else o += c;
  }
  return o;
}

// A small table model rendered as aligned text, Markdown or HTML.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right;  // right-align column

  std::string text() const {
    std::vector<std::size_t> w(header.size(), 0);
    auto upd = [&](const std::vector<std::string>& r) {
      for (std::size_t i = 0; i < r.size() && i < w.size(); ++i) w[i] = std::max(w[i], r[i].size());
    };
    upd(header);
    for (const auto& r : rows) upd(r);
    auto line = [&](const std::vector<std::string>& r) {
      std::string s;
      for (std::size_t i = 0; i < w.size(); ++i) {
        std::string cell = i < r.size() ? r[i] : "";
        std::string pad(w[i] - cell.size(), ' ');
        bool ra = i < right.size() && right[i];
        s += ra ? pad + cell : cell + pad;
        if (i + 1 < w.size()) s += "  ";
      }
      while (!s.empty() && s.back() == ' ') s.pop_back();
      return s + "\n";
    };
    std::string out = line(header);
    std::string sep;
    for (std::size_t i = 0; i < w.size(); ++i) sep += std::string(w[i], '-') + (i + 1 < w.size() ? "  " : "");
    out += sep + "\n";
    for (const auto& r : rows) out += line(r);
    return out;
  }
  std::string md() const {
    std::string out = "|";
    for (const auto& h : header) {
      out += ' ';
      out += md_escape(h);
      out += " |";
    }
    out += "\n|";
    for (std::size_t i = 0; i < header.size(); ++i) out.append((i < right.size() && right[i]) ? std::string_view("---:|") : std::string_view("---|"));
    out += "\n";
    for (const auto& r : rows) {
      out += "|";
      for (const auto& c : r) {
        out += ' ';
        out += md_escape(c);
        out += " |";
      }
      out += "\n";
    }
    return out;
  }
  // In a scrolling box; below 600 px wide, a table of three or more
  // columns shows each row as a card of "header: value" lines (the page's
  // stylesheet, table.stack), so that a phone needs no sideways scrolling.
  std::string html() const {
    bool stack = header.size() >= 3;
    std::string out = stack ? "<div class=\"table-wrap\"><table class=\"stack\">\n<thead><tr>" : "<div class=\"table-wrap\"><table>\n<thead><tr>";
    for (std::size_t i = 0; i < header.size(); ++i)
      out += std::string((i < right.size() && right[i]) ? "<th class=\"n\">" : "<th>") + html_escape(header[i]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
      out += "<tr>";
      for (std::size_t i = 0; i < r.size(); ++i) {
        std::string cls = (i < right.size() && right[i]) ? " class=\"n\"" : "";
        std::string label = stack && i < header.size() ? " data-label=\"" + html_escape(header[i]) + "\"" : "";
        out += "<td" + cls + label + ">" + html_escape(r[i]) + "</td>";
      }
      out += "</tr>\n";
    }
    return out + "</tbody>\n</table></div>\n";
  }
  std::string render(OutputFormat f) const {
    if (f == OutputFormat::kMarkdown) return md();
    if (f == OutputFormat::kHtml) return html();
    return text();
  }
};

std::string heading(OutputFormat f, int level, std::string_view title) {
  if (f == OutputFormat::kMarkdown) return std::string(static_cast<std::size_t>(level), '#') + " " + std::string(title) + "\n\n";
  if (f == OutputFormat::kHtml) {
    if (level == 1) return "";  // the page header holds the title
    // Each second-level heading opens a card (html_page closes the last).
    return fmt::format("{2}<h{0}>{1}</h{0}>\n", level, html_escape(title), level == 2 ? "</section>\n<section>\n" : "");
  }
  std::string t(title);
  return t + "\n" + std::string(t.size(), level == 1 ? '=' : '-') + "\n\n";
}

std::string para(OutputFormat f, std::string_view text) {
  if (f == OutputFormat::kHtml) return "<p>" + html_escape(text) + "</p>\n";
  return std::string(text) + "\n\n";
}

std::string bullets(OutputFormat f, const std::vector<std::string>& items) {
  std::string out;
  if (f == OutputFormat::kHtml) {
    out = "<ul>\n";
    for (const auto& i : items) out += "<li>" + html_escape(i) + "</li>\n";
    return out + "</ul>\n";
  }
  for (const auto& i : items) out += "- " + i + "\n";
  return out + "\n";
}

// Okabe–Ito colours, told apart with every common colour-vision deficiency:
// vermillion (in China), reddish purple (China-controlled), blue (rest).
const std::array<const char*, 3> kColors = {"#D55E00", "#CC79A7", "#0072B2"};
const std::array<const char*, 3> kGroupNames = {"in China", "China-controlled, outside China", "rest of the world"};

std::string html_page(std::string_view title, const std::string& body) {
  Page p;
  p.kind = "Supply chain";
  p.title = std::string(title);
  std::string b = "<section>\n" + body + "</section>\n";
  // An empty first card (the body opened with a heading) is dropped.
  const std::string empty = "<section>\n</section>\n";
  if (b.rfind(empty, 0) == 0) b.erase(0, empty.size());
  p.body = std::move(b);
  return render_page(p);
}

std::string legend() {
  std::string s = "<ul class=\"legend\">";
  for (std::size_t g = 0; g < 3; ++g)
    s += fmt::format("<li><span class=\"sw\" style=\"background:{}\"></span>{}</li>", kColors[g], kGroupNames[g]);
  return s + "</ul>\n";
}

// Per-stage stacked bars of flow: China / China-controlled / rest. Each
// stage gets its caption on its own line(s) above a full-width bar, wrapped
// to the chart's width, so that nothing is clipped however narrow the screen.
std::string stage_bars_svg(const ChainMetrics& m) {
  const double W = 360, font = 13, line = 17, bar_h = 14, pad = 9;
  std::vector<const StageMetrics*> st;
  for (const auto& s : m.stages)
    if (s.flow > 0) st.push_back(&s);
  std::string rows;
  double y = 4;
  for (const StageMetrics* sp : st) {
    const auto& s = *sp;
    std::string caption = fmt::format("{}: {} in China, {} China-controlled, {} rest", stage_key(s.stage), pct(s.group_flow[0] / s.flow),
                                      pct(s.group_flow[1] / s.flow), pct(s.group_flow[2] / s.flow));
    for (const auto& l : wrap_text(caption, font, W)) {
      y += line;
      rows += fmt::format("<text x=\"0\" y=\"{:.0f}\">{}</text>\n", y - 4, html_escape(l));
    }
    double x = 0;
    for (std::size_t g = 0; g < 3; ++g) {
      double w = W * s.group_flow[g] / s.flow;
      if (w <= 0) continue;
      rows += fmt::format("<rect x=\"{:.2f}\" y=\"{:.0f}\" width=\"{:.2f}\" height=\"{:.0f}\" fill=\"{}\"><title>{}, {}: {} {} ({})</title></rect>\n", x,
                          y, w, bar_h, kColors[g], stage_key(s.stage), kGroupNames[g], tonnes(s.group_flow[g]), html_escape(s.unit),
                          pct(s.group_flow[g] / s.flow));
      x += w;
    }
    y += bar_h + pad;
  }
  double H = y;
  return fmt::format("<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
                     "aria-label=\"China share by stage\" style=\"font-size:{:.0f}px\">\n{}</svg>\n",
                     W, H, font, rows);
}

int sankey_column(Stage s) {
  switch (s) {
    case Stage::kMining: return 0;
    case Stage::kConcentration: return 1;
    case Stage::kCrackingLeaching: return 2;
    case Stage::kSeparation: return 3;
    case Stage::kRecycling: return 3;
    case Stage::kMetalAlloy: return 4;
    case Stage::kMagnet: return 5;
  }
  return 0;
}

}  // namespace

std::optional<OutputFormat> parse_format(std::string_view s) {
  static constexpr auto kNames = base::enum_names<OutputFormat>({
      {OutputFormat::kTable, "table"},
      {OutputFormat::kMarkdown, "markdown"},
      {OutputFormat::kJson, "json"},
      {OutputFormat::kHtml, "html"},
      {OutputFormat::kTable, "text"},
      {OutputFormat::kMarkdown, "md"},
  });
  return kNames.parse(s);
}

namespace {

// A node of the Sankey: one stage (column) and one group (China,
// China-controlled, rest), with what flows in and out of it.
struct SankeyNode {
  double in = 0, out = 0, y = 0, h = 0, in_off = 0, out_off = 0;
};

int group_index(const std::string& g) { return g == "China" ? 0 : g == "China-controlled" ? 1 : 2; }

std::map<std::pair<int, int>, SankeyNode> sankey_nodes(const ChainMetrics& m) {
  std::map<std::pair<int, int>, SankeyNode> nodes;  // (stage, group)
  for (const auto& l : m.sankey) {
    nodes[{static_cast<int>(l.from_stage), group_index(l.from_group)}].out += l.tonnes;
    nodes[{static_cast<int>(l.to_stage), group_index(l.to_group)}].in += l.tonnes;
  }
  return nodes;
}

// What a node stands for: what the stage makes there in the stage's unit
// ("98,934 t metal"), or the tonnes that pass through it. `with_unit` false
// gives "98,934 t" (the diagram's label; the unit is in the node's title and
// the table under the diagram).
std::string node_figure(const ChainMetrics& m, Stage stage, int group, const SankeyNode& n, bool with_unit = true) {
  const StageMetrics& sm = m.stage(stage);
  double made = sm.group_flow[static_cast<std::size_t>(group)];
  if (made > 0) return tonnes(made) + (with_unit ? " " + sm.unit : std::string(" t"));
  return tonnes(std::max(n.in, n.out)) + " t";
}

}  // namespace

std::string sankey_svg(const ChainMetrics& m) {
  auto nodes = sankey_nodes(m);
  const double W = 1000, H = 540, node_w = 14, gap = 18, font = 14;
  const int cols = 6;
  const double col_step = (W - 170.0) / (cols - 1);
  auto col_x = [&](int c) { return 4.0 + c * col_step; };
  static const std::array<const char*, 6> kColNames = {"mining", "concentration", "cracking", "separation + recycling", "metal/alloy", "magnet"};
  // Column headings wrapped to their column; the plot starts below them.
  std::vector<std::vector<std::string>> heads;
  std::size_t head_lines = 1;
  for (int c = 0; c < cols; ++c) {
    heads.push_back(wrap_text(kColNames[static_cast<std::size_t>(c)], font, col_step - 12));
    head_lines = std::max(head_lines, heads.back().size());
  }
  const double top = 8 + static_cast<double>(head_lines) * (font + 4) + 8;
  std::map<int, double> col_total;
  std::map<int, int> col_count;
  for (auto& [k, n] : nodes) {
    int c = sankey_column(static_cast<Stage>(k.first));
    col_total[c] += std::max(n.in, n.out);
    col_count[c] += 1;
  }
  double max_total = 1;
  int max_count = 1;
  for (auto& [c, t] : col_total) max_total = std::max(max_total, t);
  for (auto& [c, n] : col_count) max_count = std::max(max_count, n);
  double scale = (H - top - 10 - gap * max_count) / max_total;
  std::map<int, double> col_y;
  for (auto& [k, n] : nodes) {
    int c = sankey_column(static_cast<Stage>(k.first));
    if (!col_y.count(c)) col_y[c] = top;
    n.y = col_y[c];
    n.h = std::max(std::max(n.in, n.out) * scale, 1.5);
    col_y[c] += n.h + gap;
  }
  std::string svg = fmt::format(
      "<div class=\"chart-scroll\"><svg class=\"chart sankey\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-label=\"Flows from mines to magnets\" style=\"font-size:{:.0f}px\">\n",
      W, H, font);
  for (int c = 0; c < cols; ++c)
    for (std::size_t i = 0; i < heads[static_cast<std::size_t>(c)].size(); ++i)
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.0f}\" font-weight=\"600\">{}</text>\n", col_x(c), 8 + font + static_cast<double>(i) * (font + 4),
                         html_escape(heads[static_cast<std::size_t>(c)][i]));
  // Links in a stable order: by (from stage, from group, to stage, to group).
  std::vector<const SankeyLink*> links;
  for (const auto& l : m.sankey) links.push_back(&l);
  std::stable_sort(links.begin(), links.end(), [&](const SankeyLink* a, const SankeyLink* b) {
    auto ka = std::make_tuple(static_cast<int>(a->from_stage), group_index(a->from_group), static_cast<int>(a->to_stage), group_index(a->to_group));
    auto kb = std::make_tuple(static_cast<int>(b->from_stage), group_index(b->from_group), static_cast<int>(b->to_stage), group_index(b->to_group));
    return ka < kb;
  });
  for (const auto* l : links) {
    auto& a = nodes[{static_cast<int>(l->from_stage), group_index(l->from_group)}];
    auto& b = nodes[{static_cast<int>(l->to_stage), group_index(l->to_group)}];
    double w = l->tonnes * scale;
    double x0 = col_x(sankey_column(l->from_stage)) + node_w, x1 = col_x(sankey_column(l->to_stage));
    double y0 = a.y + a.out_off + w / 2, y1 = b.y + b.in_off + w / 2;
    a.out_off += w;
    b.in_off += w;
    double xm = (x0 + x1) / 2;
    svg += fmt::format(
        "<path d=\"M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"none\" stroke=\"{}\" stroke-opacity=\"0.35\" "
        "stroke-width=\"{:.2f}\"><title>{} {} &#8594; {} {}: {} t</title></path>\n",
        x0, y0, xm, y0, xm, y1, x1, y1, kColors[static_cast<std::size_t>(group_index(l->from_group))], std::max(w, 0.5),
        stage_key(l->from_stage), html_escape(l->from_group), stage_key(l->to_stage), html_escape(l->to_group), tonnes(l->tonnes));
  }
  // Every node is drawn with a <title> and labelled with its figure: the gap
  // between nodes is wider than a line of text, so labels never collide.
  for (auto& [k, n] : nodes) {
    Stage stage = static_cast<Stage>(k.first);
    int c = sankey_column(stage);
    std::string figure = node_figure(m, stage, k.second, n);
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.0f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}, {}: {}</title></rect>\n",
                       col_x(c), n.y, node_w, n.h, kColors[static_cast<std::size_t>(k.second)], stage_key(stage),
                       kGroupNames[static_cast<std::size_t>(k.second)], figure);
    svg += fmt::format("<text class=\"halo\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", col_x(c) + node_w + 4, n.y + std::min(n.h, 2 * font) / 2 + font * 0.35,
                       html_escape(node_figure(m, stage, k.second, n, false)));
  }
  return svg + "</svg></div>\n";
}

// Every node of the Sankey as a row: stage, where, figure, share of the
// stage; the small nodes the diagram can hardly show are read here.
std::string sankey_legend(const ChainMetrics& m) {
  auto nodes = sankey_nodes(m);
  Table t;
  t.header = {"stage", "where", "output", "share of stage"};
  t.right = {false, false, true, true};
  for (auto& [k, n] : nodes) {
    Stage stage = static_cast<Stage>(k.first);
    const StageMetrics& sm = m.stage(stage);
    double made = sm.group_flow[static_cast<std::size_t>(k.second)];
    t.rows.push_back({stage_key(stage), kGroupNames[static_cast<std::size_t>(k.second)], node_figure(m, stage, k.second, n),
                      sm.flow > 0 && made > 0 ? pct(made / sm.flow) : "–"});
  }
  std::string out = fmt::format("<p><strong>Magnets outside China: {} t</strong> ({} of the world's {} t).</p>\n", tonnes(m.magnets_ex_china),
                                pct(m.magnets_world > 0 ? m.magnets_ex_china / m.magnets_world : 0), tonnes(m.magnets_world));
  return out + t.html();
}

Histogram make_histogram(std::vector<double> values, int max_bins) {
  Histogram h;
  if (values.empty()) return h;
  std::sort(values.begin(), values.end());
  const double lo = values.front(), hi = values.back();
  const auto n = static_cast<double>(values.size());
  auto quantile = [&](double q) { return values[static_cast<std::size_t>(std::floor(q * (n - 1)))]; };
  const double iqr = quantile(0.75) - quantile(0.25);
  int bins = 1;
  if (hi > lo) {
    double fd = 2 * iqr / std::cbrt(n);
    // Freedman-Diaconis, but never fewer bins than Sturges' rule gives: with
    // two clusters far apart the quartiles span both and FD bins get coarse.
    int sturges = static_cast<int>(std::ceil(std::log2(n))) + 1;
    bins = fd > 0 ? static_cast<int>(std::ceil((hi - lo) / fd)) : static_cast<int>(std::ceil(std::sqrt(n)));
    bins = std::max(bins, sturges);
    bins = std::clamp(bins, 1, std::max(1, max_bins));
  }
  h.low = lo;
  h.width = hi > lo ? (hi - lo) / bins : 1;
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  for (double v : values) {
    auto i = static_cast<std::size_t>(std::floor((v - lo) / h.width));
    h.counts[std::min(i, h.counts.size() - 1)] += 1;
  }
  return h;
}

std::string histogram_svg(const Histogram& h, std::string_view what, std::string_view unit,
                          const std::vector<std::pair<double, std::string>>& markers) {
  const double W = 360, H = 158, font = 12, left = 4, right = W - 4, top = 8, base = 136;
  std::string svg = fmt::format("<svg class=\"chart hist\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
                                "aria-label=\"Distribution of {} over the draws\" style=\"font-size:{:.0f}px\">\n",
                                W, H, html_escape(what), font);
  if (h.counts.empty()) return svg + "</svg>\n";
  int peak = *std::max_element(h.counts.begin(), h.counts.end());
  const double high = h.low + h.width * static_cast<double>(h.counts.size());
  // The axis spans the bins and every marker (a demand above every draw
  // still shows, at the right end).
  double axis_lo = h.low, axis_hi = high;
  for (const auto& [v, name] : markers) {
    axis_lo = std::min(axis_lo, v);
    axis_hi = std::max(axis_hi, v);
  }
  auto x_of = [&](double v) { return left + (right - left) * (axis_hi > axis_lo ? (v - axis_lo) / (axis_hi - axis_lo) : 0.5); };
  svg += fmt::format("<line x1=\"{:.0f}\" y1=\"{:.0f}\" x2=\"{:.0f}\" y2=\"{:.0f}\" stroke=\"#5b6472\"/>\n", left, base + 0.5, right, base + 0.5);
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    if (h.counts[i] == 0) continue;
    double bh = (base - top) * h.counts[i] / std::max(peak, 1);
    double b0 = h.low + h.width * static_cast<double>(i);
    double x0 = axis_hi > axis_lo ? x_of(b0) : left, x1 = axis_hi > axis_lo ? x_of(b0 + h.width) : right;
    svg += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"#0072B2\"><title>{} to {} {}: {} draw{}</title></rect>\n",
                       x0 + 0.5, base - bh, std::max(x1 - x0 - 1, 0.5), bh, tonnes(b0), tonnes(b0 + h.width), html_escape(unit), h.counts[i],
                       h.counts[i] == 1 ? "" : "s");
  }
  for (const auto& [v, name] : markers) {
    // A demand line is solid vermillion; the others (P50) dashed, dark.
    bool demand = name.rfind("demand", 0) == 0;
    svg += fmt::format("<line x1=\"{0:.2f}\" y1=\"{1:.0f}\" x2=\"{0:.2f}\" y2=\"{2:.0f}\" stroke=\"{6}\" stroke-width=\"2\"{7}>"
                       "<title>{3}: {4} {5}</title></line>\n",
                       std::clamp(x_of(v), left + 1, right - 1), top, base, html_escape(name), tonnes(v), html_escape(unit),
                       demand ? "#D55E00" : "#1d2430", demand ? "" : " stroke-dasharray=\"4 3\"");
  }
  // The axis: its lowest and highest value, at either end.
  svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\">{} {}</text>\n", left, base + 4 + font, tonnes(axis_lo), html_escape(unit));
  svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"end\">{} {}</text>\n", right, base + 4 + font, tonnes(axis_hi), html_escape(unit));
  return svg + "</svg>\n";
}

std::vector<MetricRow> metric_rows(const ChainMetrics& m) {
  std::vector<MetricRow> rows;
  for (const auto& s : m.stages) {
    std::string k = stage_key(s.stage);
    rows.push_back({k + ".capacity", k + " capacity", s.unit, s.capacity});
    rows.push_back({k + ".output", k + " output", s.unit, s.flow});
    rows.push_back({k + ".china_location_output", k + ": China share by output (location)", "%", s.china_location_flow});
    rows.push_back({k + ".china_location_capacity", k + ": China share by capacity (location)", "%", s.china_location_capacity});
    rows.push_back({k + ".china_control_output", k + ": China share by output (control)", "%", s.china_control_flow});
    rows.push_back({k + ".china_technology_output", k + ": China share by output (technology)", "%", s.china_technology_flow});
    rows.push_back({k + ".hhi_output", k + ": HHI by output (location)", "HHI", s.hhi_flow});
  }
  rows.push_back({"magnets.world", "NdFeB magnet output, world", "t magnet", m.magnets_world});
  rows.push_back({"magnets.ex_china", "NdFeB magnet output, outside China", "t magnet", m.magnets_ex_china});
  rows.push_back({"magnets.standalone_ex_china", "NdFeB magnet output, chain outside China on its own", "t magnet", m.standalone_magnets_ex_china});
  rows.push_back({"supply.ndpr_ex_china", "NdPr oxide output outside China", "t oxide", m.ndpr_ex_china});
  rows.push_back({"supply.dy_ex_china", "Dy oxide output outside China", "t oxide", m.dy_ex_china});
  rows.push_back({"supply.tb_ex_china", "Tb oxide output outside China", "t oxide", m.tb_ex_china});
  rows.push_back({"coverage.ndpr_ex_china", "NdPr coverage of magnet capacity outside China", "%", m.element_coverage[0]});
  rows.push_back({"coverage.dy_ex_china", "Dy coverage of magnet capacity outside China", "%", m.element_coverage[1]});
  rows.push_back({"coverage.tb_ex_china", "Tb coverage of magnet capacity outside China", "%", m.element_coverage[2]});
  rows.push_back({"thrifting.dy", "Dy metal done without by thrifting (modelled)", "t metal", m.dy_thrifted});
  rows.push_back({"thrifting.tb", "Tb metal done without by thrifting (modelled)", "t metal", m.tb_thrifted});
  const MagnetBalance& b = m.balance;
  if (b.available) {
    rows.push_back({"trade.use_ex_china", fmt::format("Magnet use outside China ({} figure, {}; not a forecast)", b.data_year, b.use_basis),
                    "t magnet", b.use_ex_china});
    rows.push_back({"trade.imports_from_china", "China's magnet exports (modelled: customs baseline x licensed share)", "t magnet", b.imports});
    rows.push_back({"trade.licensed_share", "Share of China's magnet exports licensed", "%", b.licensed_share});
    rows.push_back({"trade.supply_ex_china", "Magnets available outside China (made there + imports)", "t magnet", b.supply});
    rows.push_back({"trade.standalone_share_of_use", "Chain outside China on its own, share of use there", "%",
                    b.use_ex_china > 0 ? b.standalone_ex_china / b.use_ex_china : 0});
    rows.push_back({"trade.stock_draw", "Drawn from buyers' stocks outside China", "t magnet", b.stock_draw});
    rows.push_back({"trade.unmet", "Use outside China not met (shortfall beyond stocks)", "t magnet", b.unmet});
  }
  return rows;
}

namespace {

std::string value_text(const MetricRow& r) {
  if (r.unit == "%") return pct(r.value);
  if (r.unit == "HHI") return fmt::format("{:.0f}", std::round(r.value));
  return tonnes(r.value);
}

// A stage's output and capacity by group (China, China-controlled, rest).
Json groups_json(const StageMetrics& s) {
  Json j = Json::object();
  for (std::size_t g = 0; g < kGroups.size(); ++g) j[kGroups[g]] = {{"output", r3(s.group_flow[g])}, {"capacity", r3(s.group_capacity[g])}};
  return j;
}

// The mine-to-magnet bands of the Sankey, in t.
Json sankey_json(const ChainMetrics& m) {
  Json sk = Json::array();
  for (const auto& l : m.sankey)
    sk.push_back({{"from_stage", stage_key(l.from_stage)}, {"from_group", l.from_group}, {"to_stage", stage_key(l.to_stage)},
                  {"to_group", l.to_group}, {"tonnes", r3(l.tonnes)}});
  return sk;
}

Json stage_json(const StageMetrics& s) {
  Json j;
  j["stage"] = stage_key(s.stage);
  j["unit"] = s.unit;
  j["facilities"] = s.facilities;
  j["facilities_unknown"] = s.unknown;
  j["capacity"] = r3(s.capacity);
  j["output"] = r3(s.flow);
  j["output_by_basis"] = Json::object();
  for (int b = 0; b < 4; ++b)
    j["output_by_basis"][figure_basis_name(static_cast<FigureBasis>(b))] = r3(s.flow_by_basis[static_cast<std::size_t>(b)]);
  j["china_share"] = {{"location_output", r3(s.china_location_flow)},     {"location_capacity", r3(s.china_location_capacity)},
                      {"control_output", r3(s.china_control_flow)},       {"control_capacity", r3(s.china_control_capacity)},
                      {"technology_output", r3(s.china_technology_flow)}, {"technology_capacity", r3(s.china_technology_capacity)}};
  j["hhi"] = {{"output", r3(s.hhi_flow)}, {"capacity", r3(s.hhi_capacity)}};
  j["groups"] = groups_json(s);
  auto shares = [](const std::vector<Share>& v) {
    Json a = Json::array();
    for (const auto& x : v) a.push_back({{"key", x.key}, {"tonnes", r3(x.value)}});
    return a;
  };
  j["output_by_country"] = shares(s.flow_by_country);
  j["capacity_by_country"] = shares(s.capacity_by_country);
  j["output_by_controller"] = shares(s.flow_by_controller);
  j["capacity_by_controller"] = shares(s.capacity_by_controller);
  return j;
}

// Magnets outside China for a period (trade.h): every figure in t magnet.
Json balance_json(const MagnetBalance& b) {
  Json j;
  j["period"] = b.period;
  j["unit"] = "t magnet";
  j["data_year"] = b.data_year;
  j["use_ex_china"] = {{"value", r3(b.use_ex_china)}, {"basis", b.use_basis}, {"low", r3(b.use_low)}, {"high", r3(b.use_high)}};
  j["made_ex_china"] = r3(b.made_ex_china);
  j["standalone_ex_china"] = r3(b.standalone_ex_china);
  j["imports_from_china"] = {{"baseline", r3(b.imports_baseline)}, {"licensed_share", r3(b.licensed_share)},
                             {"china_output_ratio", r3(b.china_output_ratio)}, {"modelled", r3(b.imports)}};
  if (b.reported_exports)
    j["imports_from_china"]["reported"] = {{"value", r3(*b.reported_exports)}, {"basis", b.reported_basis}, {"source", b.reported_source}};
  j["supply_ex_china"] = r3(b.supply);
  j["shortfall"] = r3(b.shortfall);
  j["stocks"] = {{"start", r3(b.stock_start)}, {"draw", r3(b.stock_draw)}, {"end", r3(b.stock_end)}};
  j["unmet"] = r3(b.unmet);
  Json reg = Json::array();
  for (const auto& r : b.imports_by_region) reg.push_back({{"region", r.region}, {"imports", r3(r.imports)}, {"share_basis", r.basis}});
  j["imports_by_region"] = reg;
  j["notes"] = b.notes;
  return j;
}

Json metrics_json(const ChainMetrics& m) {
  Json j;
  j["schema"] = kChainSchema;
  j["label"] = m.label;
  j["year"] = m.year;
  j["objective"] = objective_name(m.objective);
  j["objective_value"] = r3(m.objective_value);
  j["magnets"] = {{"world", r3(m.magnets_world)}, {"ex_china", r3(m.magnets_ex_china)},
                  {"standalone_ex_china", r3(m.standalone_magnets_ex_china)}};
  j["supply_ex_china"] = {{"NdPr", r3(m.ndpr_ex_china)}, {"Dy", r3(m.dy_ex_china)}, {"Tb", r3(m.tb_ex_china)}};
  j["thrifted"] = {{"unit", "t metal"}, {"Dy", r3(m.dy_thrifted)}, {"Tb", r3(m.tb_thrifted)},
                   {"standalone_Dy", r3(m.standalone_dy_thrifted)}, {"standalone_Tb", r3(m.standalone_tb_thrifted)}};
  Json sep = Json::object(), sep_ex = Json::object();
  for (int e = 0; e < kElements; ++e) {
    sep[element_symbol(e)] = r3(m.separated_world[static_cast<std::size_t>(e)]);
    sep_ex[element_symbol(e)] = r3(m.separated_ex_china[static_cast<std::size_t>(e)]);
  }
  j["separated_oxides"] = {{"world", sep}, {"ex_china", sep_ex}};
  j["limits_ex_china"] = {{"stage", m.limiting_stage}, {"element", m.limiting_element}, {"stage_has_unknown_capacity", m.limiting_stage_has_unknown}};
  Json es = Json::object();
  for (int k = 0; k < kMagnetElements; ++k) es[magnet_element_symbol(k)] = r3(m.element_shadow[static_cast<std::size_t>(k)]);
  j["limits_ex_china"]["element_shadow_prices"] = es;
  Json b = Json::array();
  for (const auto& x : m.binding)
    b.push_back({{"constraint", x.what}, {"shadow_price", r3(x.shadow_price)}, {"capacity_unknown", x.capacity_unknown}});
  j["limits_ex_china"]["binding"] = b;
  j["limits_ex_china"]["element_coverage"] = {{"NdPr", r3(m.element_coverage[0])}, {"Dy", r3(m.element_coverage[1])},
                                              {"Tb", r3(m.element_coverage[2])}, {"lowest", m.coverage_element}};
  if (m.magnet_demand_ex_china > 0) j["reference_level"] = {{"magnets_ex_china", r3(m.magnet_demand_ex_china)}};
  if (!m.period.empty()) j["period"] = m.period;
  if (m.balance.available) j["magnet_trade"] = balance_json(m.balance);
  Json st = Json::array();
  for (const auto& s : m.stages) st.push_back(stage_json(s));
  j["stages"] = st;
  j["sankey"] = sankey_json(m);
  j["notes"] = m.notes;
  return j;
}

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string period_text(const ChainMetrics& m) {
  return m.period.empty() ? fmt::format("{}", m.year) : m.period;
}

// What the chain outside China makes, what China exports to it and what
// manufacturers there use (trade.h), each figure labelled.
std::string balance_section(const ChainMetrics& m, OutputFormat f) {
  const MagnetBalance& b = m.balance;
  if (!b.available) return "";
  std::string out = heading(f, 2, fmt::format("Magnets outside China, {}: made, imported, used", period_text(m)));
  std::string range = b.use_high > 0 ? fmt::format(", published range {}-{} t", tonnes(b.use_low), tonnes(b.use_high)) : "";
  std::vector<std::string> items = {
      fmt::format("Use of magnets by manufacturers outside China (t magnet, {} figure{}; {}: China's exports plus output outside "
                  "China; not a forecast): {} t{}.",
                  b.data_year, b.period.size() > 4 ? " pro rata" : "", b.use_basis, tonnes(b.use_ex_china), range),
      fmt::format("China's magnet exports (t magnet; customs, {} figure{}, sourced): {} t; licensed share under the export controls "
                  "in force {}; modelled exports {} t.",
                  b.data_year, b.period.size() > 4 ? " pro rata" : "", tonnes(b.imports_baseline), pct(b.licensed_share),
                  tonnes(b.imports)),
      fmt::format("Magnets available outside China (modelled output there plus modelled imports, derived): {} t, {} of use.",
                  tonnes(b.supply), pct(b.use_ex_china > 0 ? b.supply / b.use_ex_china : 0)),
      fmt::format("The chain outside China on its own (modelled output, derived) makes {} t, {} of what manufacturers there use.",
                  tonnes(b.standalone_ex_china), pct(b.use_ex_china > 0 ? b.standalone_ex_china / b.use_ex_china : 0))};
  if (b.reported_exports)
    items.push_back(fmt::format("Reported: China exported {} t of magnets in {} ({}; {}).", tonnes(*b.reported_exports), b.period,
                                b.reported_basis, b.reported_source));
  if (b.shortfall > 0 || b.stock_draw > 0)
    items.push_back(fmt::format("Shortfall against the baseline's supply: {} t; drawn from buyers' stocks {} t (assumed stock at the start "
                                "{} t); use not met {} t.",
                                tonnes(b.shortfall), tonnes(b.stock_draw), tonnes(b.stock_start), tonnes(b.unmet)));
  for (const auto& n : b.notes) items.push_back(n + ".");
  out += bullets(f, items);
  return out;
}

std::string summary_body(const ChainMetrics& m, OutputFormat f) {
  std::string out;
  Table t;
  t.header = {"stage",
              "unit",
              fmt::format("capacity {}", m.year),
              fmt::format("output {}", m.year),
              "output sourced",
              "China by output",
              "China by capacity",
              "China by output (control)",
              "China by output (technology)",
              "HHI (output)"};
  t.right = {false, false, true, true, true, true, true, true, true, true};
  for (const auto& s : m.stages) {
    if (s.capacity <= 0 && s.flow <= 0) continue;
    t.rows.push_back({stage_key(s.stage), s.unit, tonnes(s.capacity), tonnes(s.flow), pct(s.flow > 0 ? s.flow_by_basis[0] / s.flow : 0),
                      pct(s.china_location_flow), pct(s.china_location_capacity), pct(s.china_control_flow), pct(s.china_technology_flow),
                      fmt::format("{:.0f}", std::round(s.hhi_flow))});
  }
  out += heading(f, 2, fmt::format("China's share by stage, {}: by output (what was made) and by capacity (what could be made)", m.year));
  out += para(f, fmt::format(
                     "Output: the modelled flow for {0}, bounded by the output the knowledge base reports for {0} where it has one "
                     "(\"output sourced\": the share of the stage's output that rests on such figures; the rest rests on capacity, "
                     "an assumption, or on capacity scaled to a USGS country total, derived) and by capacity elsewhere. Capacity: "
                     "nameplate times the status factor of {0} (model.yaml), at least the output. Shares are by location unless "
                     "marked; all figures are per year, in the unit of the row.",
                     m.year));
  if (f == OutputFormat::kHtml) out += legend() + stage_bars_svg(m);
  out += t.render(f);
  if (f != OutputFormat::kHtml) out += "\n";
  out += heading(f, 2, "Magnets and magnet elements");
  std::vector<std::string> items = {
      fmt::format("NdFeB magnet output in {} (modelled, derived; t magnet): {} t in the world, {} t outside China ({} of the world).",
                  m.year, tonnes(m.magnets_world), tonnes(m.magnets_ex_china),
                  pct(m.magnets_world > 0 ? m.magnets_ex_china / m.magnets_world : 0)),
      fmt::format("The chain outside China on its own (no facility in China; modelled output in {}, derived): {} t magnet{}.", m.year,
                  tonnes(m.standalone_magnets_ex_china),
                  m.standalone_dy_thrifted > 0 || m.standalone_tb_thrifted > 0
                      ? fmt::format(", its magnet makers doing without {} t of Dy and {} t of Tb metal by thrifting (within the assumed "
                                    "bounds of model.yaml `thrifting`)",
                                    tonnes(m.standalone_dy_thrifted), tonnes(m.standalone_tb_thrifted))
                      : std::string()),
      fmt::format("Separated oxide outside China in {} (modelled output, derived; t oxide): NdPr {} t, Dy {} t, Tb {} t.", m.year,
                  tonnes(m.ndpr_ex_china), tonnes(m.dy_ex_china), tonnes(m.tb_ex_china)),
      "Where the world optimum leaves the split open, the model gives plants outside China the most it can (magnets "
      "first, then Nd, Pr, Dy and Tb oxide): the figures for outside China are what the rest of the world can make "
      "while the world makes its most; the standalone figure assumes no facility in China at all."};
  if (m.dy_thrifted > 0 || m.tb_thrifted > 0)
    items.push_back(fmt::format("Thrifting in {} (modelled, within assumed bounds: model.yaml `thrifting`; t metal): magnet makers do "
                                "without {} t of Dy and {} t of Tb.",
                                period_text(m), tonnes(m.dy_thrifted), tonnes(m.tb_thrifted)));
  if (m.magnet_demand_ex_china > 0)
    items.push_back(fmt::format("Reference level for magnets outside China (assumed: about today's output there, not demand): {} t magnet; "
                                "the standalone chain makes {} of it.",
                                tonnes(m.magnet_demand_ex_china), pct(m.standalone_magnets_ex_china / m.magnet_demand_ex_china)));
  out += bullets(f, items);
  out += balance_section(m, f);
  out += heading(f, 2, "What limits the chain outside China");
  out += para(f, fmt::format("Binding stage: {}{}. Binding element: {} (shadow prices: Nd {:.3f}, Pr {:.3f}, Dy {:.3f}, Tb {:.3f} t magnet per t oxide).",
                             m.limiting_stage,
                             m.limiting_stage_has_unknown ? " (partly for want of data: some of its binding capacities are unknown, held at 0 t; see the notes)" : "",
                             m.limiting_element, m.element_shadow[0], m.element_shadow[1], m.element_shadow[2],
                             m.element_shadow[3]));
  if (!m.coverage_element.empty())
    out += para(f, fmt::format("Element coverage outside China (separated supply of the chain on its own over what its magnet capacity "
                               "needs at the grade mix): NdPr {}, Dy {}, Tb {}. Once capacity no longer binds, {} does.",
                               pct(m.element_coverage[0]), pct(m.element_coverage[1]), pct(m.element_coverage[2]), m.coverage_element));
  if (!m.binding.empty()) {
    Table b;
    b.header = {fmt::format("binding constraint ({}; bound by output where sourced, else capacity)", m.year), "shadow price (t magnet per t)"};
    b.right = {false, true};
    for (std::size_t i = 0; i < m.binding.size() && i < 10; ++i)
      b.rows.push_back({m.binding[i].what, fmt::format("{:.4f}", m.binding[i].shadow_price)});
    out += b.render(f);
    if (f != OutputFormat::kHtml) out += "\n";
  }
  return out;
}

std::string notes_section(const ChainMetrics& m, OutputFormat f) {
  if (m.notes.empty()) return "";
  return heading(f, 2, "Notes") + bullets(f, m.notes);
}

std::string trim_trailing_blank(std::string s) {
  while (s.size() >= 2 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n') s.pop_back();
  return s;
}

std::string delta_text(const MetricRow& b, const MetricRow& r) {
  std::string delta = r.unit == "%"     ? signed_points(r.value - b.value)
                      : r.unit == "HHI" ? fmt::format("{:+.0f}", std::round(r.value - b.value))
                                        : signed_tonnes(r.value - b.value);
  if (delta == "+0" || delta == "-0") delta = "0";
  return delta;
}

// Baseline and scenario bars, stacked by group, for every stage whose flow
// moved (by a tonne or more in any group); each pair on one scale, with a
// caption "stage (unit): baseline → scenario (change)" above it.
std::string change_bars_svg(const ChainMetrics& base, const ChainMetrics& scen) {
  const double W = 360, font = 13, line = 17, bar_h = 12, label_w = 64, pad = 10;
  std::string rows;
  double y = 4;
  int moved = 0;
  for (const auto& bs : base.stages) {
    const StageMetrics& ss = scen.stage(bs.stage);
    bool changed = false;
    for (std::size_t g = 0; g < 3; ++g) changed = changed || std::fabs(ss.group_flow[g] - bs.group_flow[g]) >= 0.5;
    if (!changed) continue;
    ++moved;
    std::string caption = fmt::format("{} ({}): {} → {} ({})", stage_key(bs.stage), bs.unit, tonnes(bs.flow), tonnes(ss.flow),
                                      signed_tonnes(ss.flow - bs.flow));
    for (const auto& l : wrap_text(caption, font, W)) {
      y += line;
      rows += fmt::format("<text x=\"0\" y=\"{:.0f}\">{}</text>\n", y - 4, html_escape(l));
    }
    double top = std::max(bs.flow, ss.flow);
    for (int which = 0; which < 2; ++which) {
      const StageMetrics& st = which == 0 ? bs : ss;
      const char* name = which == 0 ? "baseline" : "scenario";
      rows += fmt::format("<text x=\"0\" y=\"{:.0f}\" font-size=\"11\" fill=\"#5b6472\">{}</text>\n", y + bar_h - 2, name);
      double x = label_w;
      for (std::size_t g = 0; g < 3; ++g) {
        double w = top > 0 ? (W - label_w) * st.group_flow[g] / top : 0;
        if (w <= 0) continue;
        rows += fmt::format("<rect x=\"{:.2f}\" y=\"{:.0f}\" width=\"{:.2f}\" height=\"{:.0f}\" fill=\"{}\"><title>{}, {}, {}: {} {}</title></rect>\n", x, y,
                            w, bar_h, kColors[g], name, stage_key(st.stage), kGroupNames[g], tonnes(st.group_flow[g]), html_escape(st.unit));
        x += w;
      }
      y += bar_h + 3;
    }
    y += pad;
  }
  if (moved == 0) return "<p>No stage's flow moved.</p>\n";
  return fmt::format("<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
                     "aria-label=\"Baseline and scenario flow of the stages that moved\" style=\"font-size:{:.0f}px\">\n{}</svg>\n",
                     W, y, font, rows);
}

// The HTML of one scenario's comparison, what changed first: a sentence on
// the key figure, baseline-vs-scenario bars for the stages that moved, the
// figures that changed, and the unchanged ones folded away.
std::string scenario_changes_html(const ChainMetrics& base, const ChainMetrics& scen, int level) {
  auto base_rows = metric_rows(base);
  auto rows = metric_rows(scen);
  Table changed, same;
  for (Table* t : {&changed, &same}) {
    t->header = {"metric", "baseline", "scenario", "change"};
    t->right = {false, true, true, true};
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& b = base_rows[i];
    const auto& r = rows[i];
    if (b.value == 0 && r.value == 0) continue;
    std::string name = r.unit == "%" || r.unit == "HHI" ? r.label : fmt::format("{} ({})", r.label, r.unit);
    std::string delta = delta_text(b, r);
    bool moved = value_text(b) != value_text(r);
    (moved ? changed : same).rows.push_back({name, value_text(b), value_text(r), moved ? delta : "–"});
  }
  std::string out = heading(OutputFormat::kHtml, level, "What changed");
  out += fmt::format("<p><strong>Magnets outside China: {} → {} t ({}).</strong> {} of {} figures moved.</p>\n", tonnes(base.magnets_ex_china),
                     tonnes(scen.magnets_ex_china), signed_tonnes(scen.magnets_ex_china - base.magnets_ex_china), changed.rows.size(),
                     changed.rows.size() + same.rows.size());
  out += legend() + change_bars_svg(base, scen);
  if (!changed.rows.empty()) out += changed.html();
  if (!same.rows.empty())
    out += fmt::format("<details><summary>{} {} unchanged</summary>\n{}</details>\n", same.rows.size(), same.rows.size() == 1 ? "row" : "rows",
                       same.html());
  return out;
}

}  // namespace

nlohmann::ordered_json flows_json(const ChainMetrics& m) {
  Json stages = Json::array();
  for (const auto& s : m.stages)
    stages.push_back({{"stage", stage_key(s.stage)}, {"unit", s.unit}, {"output", r3(s.flow)}, {"capacity", r3(s.capacity)},
                      {"groups", groups_json(s)}});
  return {{"stages", std::move(stages)}, {"sankey", sankey_json(m)}};
}

std::string render_summary(const ChainMetrics& m, OutputFormat f) {
  if (f == OutputFormat::kJson) return dump(metrics_json(m));
  std::string title = "Rare-earth supply chain: " + m.label;
  std::string body = heading(f, 1, title);
  body += para(f, fmt::format("Model year {}. Objective: {}. Flows from a linear program (GLPK) over the knowledge base's facilities.",
                              m.year, objective_name(m.objective)));
  if (!m.period.empty())
    body += para(f, fmt::format("Period {}: every capacity and output bound is the year's pro rata, so the stage figures below are for "
                                "the period, not per year; export controls count month by month.",
                                m.period));
  body += summary_body(m, f);
  if (f == OutputFormat::kHtml) {
    body += heading(f, 2, "Flows from mines to magnets");
    body += "<p class=\"muted\">Band widths in tonnes of what flows: mixed REO up to separation, separated oxide into metal, metal into "
            "magnets. Colour: where the flow starts. Each node is labelled with what its stage makes there; the table under the "
            "diagram gives every node with its unit.</p>\n";
    body += legend() + sankey_svg(m) + sankey_legend(m);
    body += notes_section(m, f);
    return html_page(title, body);
  }
  return trim_trailing_blank(body + notes_section(m, f));
}

std::string render_stages(const ChainMetrics& m, OutputFormat f) {
  if (f == OutputFormat::kJson) {
    Json j;
    j["schema"] = kChainSchema;
    j["label"] = m.label;
    j["year"] = m.year;
    Json st = Json::array();
    for (const auto& s : m.stages) st.push_back(stage_json(s));
    j["stages"] = st;
    return dump(j);
  }
  std::string title = fmt::format("Stages of the rare-earth chain: {}, {}", m.label, m.year);
  std::string body = heading(f, 1, title);
  if (f == OutputFormat::kHtml) body += legend() + stage_bars_svg(m);
  for (const auto& s : m.stages) {
    body += heading(f, 2, fmt::format("{} ({})", stage_key(s.stage), s.unit));
    body += para(f, fmt::format("{} facility-stages with capacity or output ({} more with neither for {}); capacity {} t, output {} t ({} of it sourced, {} "
                                "assumed, {} derived). China's share of output: {} by location, {} by control, {} by technology; of "
                                "capacity: {} by location, {} by control, {} by technology. HHI {:.0f} (output), {:.0f} (capacity).",
                                s.facilities, s.unknown, m.year, tonnes(s.capacity), tonnes(s.flow),
                                pct(s.flow > 0 ? s.flow_by_basis[0] / s.flow : 0), pct(s.flow > 0 ? s.flow_by_basis[1] / s.flow : 0),
                                pct(s.flow > 0 ? s.flow_by_basis[2] / s.flow : 0), pct(s.china_location_flow), pct(s.china_control_flow),
                                pct(s.china_technology_flow), pct(s.china_location_capacity), pct(s.china_control_capacity),
                                pct(s.china_technology_capacity), std::round(s.hhi_flow), std::round(s.hhi_capacity)));
    if (s.capacity <= 0 && s.flow <= 0) continue;
    Table t;
    t.header = {"country (location)", "capacity", "output", "share of output", "share of capacity"};
    t.right = {false, true, true, true, true};
    std::map<std::string, double> cap;
    for (const auto& x : s.capacity_by_country) cap[x.key] = x.value;
    std::vector<std::string> keys;
    for (const auto& x : s.flow_by_country) keys.push_back(x.key);
    for (const auto& x : s.capacity_by_country)
      if (std::find(keys.begin(), keys.end(), x.key) == keys.end()) keys.push_back(x.key);
    std::map<std::string, double> flow;
    for (const auto& x : s.flow_by_country) flow[x.key] = x.value;
    for (const auto& k : keys)
      t.rows.push_back({k, tonnes(cap[k]), tonnes(flow[k]), pct(s.flow > 0 ? flow[k] / s.flow : 0), pct(s.capacity > 0 ? cap[k] / s.capacity : 0)});
    body += t.render(f);
    if (f != OutputFormat::kHtml) body += "\n";
    Table c;
    c.header = {"controlling country", "capacity", "output", "share of output", "share of capacity"};
    c.right = {false, true, true, true, true};
    std::map<std::string, double> ccap, cflow;
    for (const auto& x : s.capacity_by_controller) ccap[x.key] = x.value;
    for (const auto& x : s.flow_by_controller) cflow[x.key] = x.value;
    std::vector<std::string> ck;
    for (const auto& x : s.flow_by_controller) ck.push_back(x.key);
    for (const auto& x : s.capacity_by_controller)
      if (std::find(ck.begin(), ck.end(), x.key) == ck.end()) ck.push_back(x.key);
    for (const auto& k : ck)
      c.rows.push_back({k, tonnes(ccap[k]), tonnes(cflow[k]), pct(s.flow > 0 ? cflow[k] / s.flow : 0), pct(s.capacity > 0 ? ccap[k] / s.capacity : 0)});
    body += c.render(f);
    if (f != OutputFormat::kHtml) body += "\n";
  }
  if (f == OutputFormat::kHtml) return html_page(title, body);
  return trim_trailing_blank(body);
}

std::string render_facility(const FacilityView& v, int year, OutputFormat f) {
  const Node& n = *v.node;
  if (f == OutputFormat::kJson) {
    Json j;
    j["schema"] = kChainSchema;
    j["year"] = year;
    j["id"] = n.id;
    j["name"] = n.name;
    j["company"] = n.company;
    j["stage"] = stage_key(n.stage);
    j["country"] = n.country;
    j["controlling_country"] = n.controller;
    j["technology_origin"] = n.technology;
    j["status"] = status_key(n.status);
    j["nameplate"] = r3(n.nameplate);
    j["unit"] = unit_key(n.unit);
    j["nameplate_published"] = n.nameplate_published;
    j["capacity"] = r3(n.capacity);
    j["capacity_known"] = n.basis != FigureBasis::kUnknown;
    j["output_bound"] = r3(n.available);
    j["output_bound_basis"] = figure_basis_name(n.basis);
    if (n.output_year > 0) j["output_year"] = n.output_year;
    j["model_capacity"] = r3(v.potential);
    j["model_output_bound"] = r3(v.capacity);
    j["model_output"] = r3(v.flow);
    j["shadow_price"] = r3(v.shadow_price);
    Json el = Json::object();
    for (int e = 0; e < kElements; ++e)
      if (v.elements[static_cast<std::size_t>(e)] > 0.0005) el[element_symbol(e)] = r3(v.elements[static_cast<std::size_t>(e)]);
    j["elements"] = el;
    Json in = Json::array(), out = Json::array();
    for (const auto& [k, t] : v.inputs) in.push_back({{"from", k}, {"tonnes", r3(t)}});
    for (const auto& [k, t] : v.outputs) out.push_back({{"to", k}, {"tonnes", r3(t)}});
    j["inputs"] = in;
    j["outputs"] = out;
    j["source"] = n.source;
    return dump(j);
  }
  std::string title = n.name + " (" + n.id + ")";
  std::string body = heading(f, 1, title);
  Table t;
  t.header = {"field", "value"};
  t.rows = {{"company", n.company},
            {"stage", stage_key(n.stage)},
            {"location", n.country},
            {"controlling country", n.controller},
            {"technology origin", n.technology},
            {"status", status_key(n.status)},
            {"nameplate (published)", n.nameplate_published ? tonnes(n.nameplate) + " " + unit_key(n.unit) : "unknown"},
            {fmt::format("capacity {} (nameplate x status factor)", year),
             n.basis == FigureBasis::kUnknown ? std::string("unknown (held at 0 t in the model)") : tonnes(n.capacity) + " " + unit_key(n.unit)},
            {fmt::format("output bound {}", year),
             fmt::format("{} {} ({}{})", tonnes(n.available), unit_key(n.unit), figure_basis_name(n.basis),
                         n.output_year > 0 ? fmt::format(": {} output", n.output_year)
                                           : (n.basis == FigureBasis::kUnknown ? ": no capacity or output" : ": capacity"))},
            {fmt::format("capacity {} (stage basis)", year), n.basis == FigureBasis::kUnknown ? std::string("unknown (held at 0)") : tonnes(v.potential)},
            {fmt::format("modelled output {} (stage basis, derived)", year), tonnes(v.flow)},
            {"shadow price of the output bound", fmt::format("{:.4f}", v.shadow_price)},
            {"source", n.source}};
  body += t.render(f);
  if (f != OutputFormat::kHtml) body += "\n";
  std::vector<std::string> el;
  for (int e = 0; e < kElements; ++e)
    if (v.elements[static_cast<std::size_t>(e)] >= 0.5) el.push_back(fmt::format("{} {} t", element_symbol(e), tonnes(v.elements[static_cast<std::size_t>(e)])));
  if (!el.empty()) body += heading(f, 2, "Element output (oxide)") + bullets(f, el);
  auto flows = [&](const char* title2, const std::vector<std::pair<std::string, double>>& fl) {
    if (fl.empty()) return std::string();
    Table x;
    x.header = {"counterpart", "tonnes"};
    x.right = {false, true};
    for (const auto& [k, tn] : fl) x.rows.push_back({k, tonnes(tn)});
    return heading(f, 2, title2) + x.render(f) + (f != OutputFormat::kHtml ? "\n" : "");
  };
  body += flows("Inputs", v.inputs);
  body += flows("Outputs", v.outputs);
  if (f == OutputFormat::kHtml) return html_page(title, body);
  return trim_trailing_blank(body);
}

namespace {

// Magnets outside China period by period (stocks carried), with China's
// reported exports where the kb has them.
Table series_table(const std::vector<MagnetBalance>& series) {
  Table t;
  t.header = {"period",          "use (kb, t)",        "made outside China (t)", "China exports: baseline (t)", "licensed",
              "modelled (t)",    "reported (t)",       "shortfall (t)",          "from stocks (t)",             "not met (t)"};
  t.right = {false, true, true, true, true, true, true, true, true, true};
  for (const auto& b : series) {
    if (!b.available) continue;
    t.rows.push_back({b.period, tonnes(b.use_ex_china), tonnes(b.made_ex_china), tonnes(b.imports_baseline), pct(b.licensed_share),
                      tonnes(b.imports),
                      b.reported_exports ? tonnes(*b.reported_exports) + (b.reported_basis == "derived" ? " (derived)" : "") : "-",
                      tonnes(b.shortfall), tonnes(b.stock_draw), tonnes(b.unmet)});
  }
  return t;
}

}  // namespace

std::string render_scenarios(const ChainMetrics& baseline, const std::vector<const Scenario*>& scenarios,
                             const std::vector<ChainMetrics>& results, OutputFormat f,
                             const std::vector<std::vector<MagnetBalance>>& series) {
  auto base_rows = metric_rows(baseline);
  if (f == OutputFormat::kJson) {
    Json j;
    j["schema"] = kChainSchema;
    j["year"] = baseline.year;
    if (!baseline.period.empty()) j["period"] = baseline.period;
    j["baseline"] = baseline.label;
    Json arr = Json::array();
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      Json one;
      one["name"] = scenarios[s]->name;
      one["file"] = scenarios[s]->file;
      one["description"] = scenarios[s]->description;
      Json params = Json::object();
      for (const auto& [k, v] : scenarios[s]->parameters) params[k] = r3(v);
      one["parameters"] = params;
      auto rows = metric_rows(results[s]);
      Json metrics = Json::array();
      for (std::size_t i = 0; i < rows.size(); ++i)
        metrics.push_back({{"key", rows[i].key}, {"unit", rows[i].unit}, {"baseline", r3(base_rows[i].value)}, {"scenario", r3(rows[i].value)},
                           {"delta", r3(rows[i].value - base_rows[i].value)}});
      one["metrics"] = metrics;
      one["limits_ex_china"] = {{"baseline", {{"stage", baseline.limiting_stage}, {"element", baseline.limiting_element}}},
                                {"scenario", {{"stage", results[s].limiting_stage}, {"element", results[s].limiting_element}}}};
      if (s < series.size() && !series[s].empty() && series[s].front().available) {
        Json ps = Json::array();
        for (const auto& b : series[s]) ps.push_back(balance_json(b));
        one["magnet_trade_by_period"] = ps;
      }
      arr.push_back(one);
    }
    j["scenarios"] = arr;
    return dump(j);
  }
  std::string title = scenarios.size() == 1 ? "Scenario: " + scenarios[0]->name : "Scenarios against the baseline";
  std::string body = heading(f, 1, title);
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    const Scenario& sc = *scenarios[s];
    if (scenarios.size() > 1) body += heading(f, 2, sc.name);
    if (!sc.description.empty()) body += para(f, sc.description);
    if (!sc.parameters.empty()) {
      std::vector<std::string> ps;
      for (const auto& [k, v] : sc.parameters) ps.push_back(fmt::format("{} = {}", k, r3(v)));
      body += para(f, "Parameters: " + fmt::format("{}", [&] {
                        std::string x;
                        for (std::size_t i = 0; i < ps.size(); ++i) x += (i ? ", " : "") + ps[i];
                        return x;
                      }()));
    }
    auto rows = metric_rows(results[s]);
    std::string limits = fmt::format("What limits the chain outside China: stage {} → {}; element {} → {}; lowest element coverage {} → {}.",
                                     baseline.limiting_stage, results[s].limiting_stage, baseline.limiting_element,
                                     results[s].limiting_element, baseline.coverage_element, results[s].coverage_element);
    std::string by_period;
    if (s < series.size() && !series[s].empty() && series[s].front().available) {
      by_period = heading(f, scenarios.size() > 1 ? 3 : 2, "Magnets outside China by period (t magnet)");
      by_period += para(f, "Use: the kb's figure for manufacturers outside China, pro rata (derived, not a forecast). China's exports: "
                           "the customs figure of the data year, pro rata (sourced), times the licensed share of each period "
                           "(the scenario's, month by month) and China's own output against the baseline's; reported: China's "
                           "customs figure for the period where the kb has it. Shortfall: the baseline's supply outside China "
                           "less the scenario's; buyers' stocks (assumed: model.yaml buyer_stock_months) cover it first and are "
                           "carried to the next period.");
      by_period += series_table(series[s]).render(f);
      if (f != OutputFormat::kHtml) by_period += "\n";
    }
    if (f == OutputFormat::kHtml) {
      body += scenario_changes_html(baseline, results[s], scenarios.size() > 1 ? 3 : 2) + para(f, limits) + by_period;
      int level = scenarios.size() > 1 ? 3 : 2;
      body += heading(f, level, "Scenario by stage") + legend() + stage_bars_svg(results[s]);
      body += heading(f, level, "Scenario flows from mines to magnets") + sankey_svg(results[s]) + sankey_legend(results[s]);
      continue;
    }
    Table t;
    t.header = {"metric", "unit", "baseline → scenario (delta)"};
    t.right = {false, false, false};
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto& b = base_rows[i];
      const auto& r = rows[i];
      if (b.value == 0 && r.value == 0) continue;
      t.rows.push_back({r.label, r.unit, value_text(b) + " → " + value_text(r) + " (" + delta_text(b, r) + ")"});
    }
    body += t.render(f);
    body += "\n";
    body += para(f, limits);
    body += by_period;
  }
  if (f == OutputFormat::kHtml) return html_page(title, body);
  return trim_trailing_blank(body);
}

std::string render_montecarlo(const MonteCarloResult& r, std::string_view label, OutputFormat f) {
  struct Row {
    const char* key;
    const char* label;
    const Distribution* d;
  };
  std::vector<Row> rows = {{"magnets_ex_china", "NdFeB magnet output outside China (t magnet)", &r.magnets_ex_china},
                           {"magnets_world", "NdFeB magnet output, world (t magnet)", &r.magnets_world},
                           {"ndpr_ex_china", "NdPr oxide output outside China (t oxide)", &r.ndpr_ex_china},
                           {"dy_ex_china", "Dy oxide output outside China (t oxide)", &r.dy_ex_china},
                           {"tb_ex_china", "Tb oxide output outside China (t oxide)", &r.tb_ex_china}};
  if (r.trade)
    rows.push_back({"supply_ex_china", "Magnets available outside China: made there + China's exports (t magnet)", &r.supply_ex_china});
  if (f == OutputFormat::kJson) {
    Json j;
    j["schema"] = kChainSchema;
    if (r.year > 0) j["year"] = r.year;
    j["scenario"] = std::string(label);
    j["draws"] = r.draws;
    j["seed"] = r.seed;
    j["threads"] = r.threads;
    j["mean_facilities_hit"] = r.mean_facilities_hit;
    Json d = Json::object();
    for (const auto& row : rows)
      d[row.key] = {{"mean", r3(row.d->mean)}, {"min", r3(row.d->min)}, {"p5", r3(row.d->p5)},   {"p10", r3(row.d->p10)},
                    {"p50", r3(row.d->p50)},   {"p90", r3(row.d->p90)}, {"p95", r3(row.d->p95)}, {"max", r3(row.d->max)}};
    j["distributions"] = d;
    j["reference_level_magnets_ex_china"] = r3(r.demand);
    j["p_shortfall"] = r3(r.p_shortfall);
    if (r.trade) {
      j["use_ex_china"] = r3(r.use_ex_china);
      j["p_use_not_met"] = r3(r.p_use_not_met);
    }
    return dump(j);
  }
  std::string title = "Monte Carlo: " + std::string(label) + (r.year > 0 ? fmt::format(", {}", r.year) : std::string());
  std::string body = heading(f, 1, title);
  body += para(f, fmt::format("{} draws, seed {}, {}; on average {} facilities hit by an outage, delay or ramp shortfall per draw.",
                              r.draws, r.seed, base::counted(r.threads, "thread", "threads"), r.mean_facilities_hit));
  if (f == OutputFormat::kHtml && !r.per_draw.empty()) {
    using Get = double (*)(const supply::DrawOutcome&);
    const std::array<Get, 6> get = {[](const supply::DrawOutcome& d) { return d.magnets_ex_china; },
                                    [](const supply::DrawOutcome& d) { return d.magnets_world; },
                                    [](const supply::DrawOutcome& d) { return d.ndpr_ex_china; },
                                    [](const supply::DrawOutcome& d) { return d.dy_ex_china; },
                                    [](const supply::DrawOutcome& d) { return d.tb_ex_china; },
                                    [](const supply::DrawOutcome& d) { return d.supply_ex_china; }};
    body += heading(f, 2, "Distributions over the draws");
    body += "<p class=\"muted\">How many draws gave each outcome (bars); the dashed line is the median (P50), the solid line "
            "the reference level for magnets outside China when one is set.</p>\n<div class=\"hists\">\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::vector<double> values;
      values.reserve(r.per_draw.size());
      for (const auto& d : r.per_draw) values.push_back(get[i](d));
      std::vector<std::pair<double, std::string>> markers = {{rows[i].d->p50, "P50"}};
      if (i == 0 && r.demand > 0) markers.push_back({r.demand, "reference level"});
      std::string what = rows[i].label;
      what = what.substr(0, what.rfind(" ("));
      body += fmt::format("<figure>\n{}<figcaption>{}: P50 {} t{}</figcaption>\n</figure>\n",
                          histogram_svg(make_histogram(std::move(values)), what, "t", markers), html_escape(what), tonnes(rows[i].d->p50),
                          i == 0 && r.demand > 0 ? fmt::format(", reference level {} t", tonnes(r.demand)) : "");
    }
    body += "</div>\n";
  }
  if (f == OutputFormat::kHtml) body += heading(f, 2, "Percentiles");
  Table t;
  t.header = {"metric", "mean", "P5", "P10", "P50", "P90", "P95", "min", "max"};
  t.right = {false, true, true, true, true, true, true, true, true};
  for (const auto& row : rows)
    t.rows.push_back({row.label, tonnes(row.d->mean), tonnes(row.d->p5), tonnes(row.d->p10), tonnes(row.d->p50), tonnes(row.d->p90),
                      tonnes(row.d->p95), tonnes(row.d->min), tonnes(row.d->max)});
  body += t.render(f);
  if (f != OutputFormat::kHtml) body += "\n";
  if (r.demand > 0)
    body += para(f, fmt::format("Probability that magnet output outside China falls below the reference level of {} t: {}.", tonnes(r.demand), pct(r.p_shortfall)));
  else
    body += para(f, "No reference level set (scenario demand.magnets_ex_china or --reference-level), so no shortfall probability.");
  if (r.trade)
    body += para(f, fmt::format("Probability that the magnets available outside China (made there plus China's exports, which follow "
                                "China's output in the draw) fall below the use there ({} t, the kb's figure, derived): {}.",
                                tonnes(r.use_ex_china), pct(r.p_use_not_met)));
  body += para(f,
               "Each draw maximises world magnet output and, within that, the output outside China (magnets first, "
               "then Nd, Pr, Dy and Tb oxide): the rows for outside China are the most the rest of the world can make "
               "in that draw, and the shortfall probability is the chance that even this falls short (docs/DATA.md, "
               "\"Ties\").");
  if (f == OutputFormat::kHtml) return html_page(title, body);
  return trim_trailing_blank(body);
}

}  // namespace assay::report
