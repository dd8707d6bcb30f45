#include "assay/report/page.h"

#include <fmt/format.h>

#include "assay/report/critique.h"

namespace assay::report {
namespace {

// One stylesheet for every page. Sizes are in px for predictable charts;
// the layout is one column below 900 px, and nothing is wider than the
// screen: long words break, wide tables scroll inside their own box.
constexpr std::string_view kStylesheet = R"(
:root{--ink:#1d2430;--muted:#5b6472;--line:#e1e4e9;--bg:#f5f6f8;--card:#fff;--brand:#1d3a5f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);overflow-wrap:break-word}
.site-header{background:var(--brand);color:#fff;padding:14px 16px}
.site-header .inner,.site-footer .inner,main{max-width:1180px;margin:0 auto}
.kind{font-size:13px;letter-spacing:.05em;text-transform:uppercase;opacity:.85}
.site-header h1{margin:2px 0 2px;font-size:24px;line-height:1.25;overflow-wrap:anywhere}
.site-header .meta{font-size:14px;opacity:.9}
.score{float:right;margin:0 0 6px 12px;font-size:28px;font-weight:700;line-height:1;padding:8px 12px;border-radius:8px;background:#fff;color:var(--brand);text-align:center}
.score small{display:block;font-size:11px;font-weight:400;margin-top:3px}
main{padding:16px}
main.two-col{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:900px){main.two-col{grid-template-columns:minmax(0,1fr)}}
section,article,aside{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:0 0 16px;min-width:0}
h2{font-size:19px;line-height:1.3;margin:4px 0 8px}
h3{font-size:16px;margin:16px 0 6px}
p{margin:0 0 .8em}
ul{padding-left:20px;margin:4px 0 10px}
li{margin:3px 0}
.muted{color:var(--muted);font-size:14px}
.table-wrap{overflow-x:auto;margin:8px 0 12px}
table{border-collapse:collapse;font-size:14px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
@media (max-width:600px){table.stack thead{display:none}table.stack tr{display:block;border-bottom:1px solid var(--line);padding:4px 0}table.stack td{display:flex;justify-content:space-between;gap:12px;border:0;padding:1px 4px;text-align:right;white-space:normal}table.stack td::before{content:attr(data-label);color:var(--muted);text-align:left;font-weight:400}table.stack td:first-child{display:block;text-align:left;font-weight:600}table.stack td:first-child::before{content:none}}
.hists{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,340px),1fr));gap:8px 20px}
figure{margin:0}
figcaption{font-size:14px;color:var(--muted)}
.chart-scroll{overflow-x:auto}
.chart-scroll svg.sankey{min-width:720px}
svg.chart{display:block;width:100%;height:auto;margin:8px 0 4px}
svg.bars{max-width:420px}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;fill:var(--ink)}
svg .halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0;padding:0;list-style:none;font-size:14px}
.sw{display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-1px;border-radius:2px}
details{margin:8px 0}
details>summary{cursor:pointer;color:var(--muted)}
article .legend span{padding:1px 6px;border-radius:3px;font-size:13px}
.label-help{margin:4px 0 14px;font-size:14px}
.label-help dl{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,260px),1fr));gap:8px 16px;margin:8px 0 0}
.label-help dt span{padding:0 5px;border-radius:3px;font-weight:600}
.label-help dt code{font-size:12px;color:var(--muted)}
.label-help dd{margin:2px 0 0;color:var(--muted);line-height:1.35}
article p{margin:0 0 1em}
.s{border-bottom:1px dotted transparent}
.s[data-labels]:hover{border-bottom-color:#888;background:#f4f4f4}
mark{border-radius:3px;padding:0 2px;color:inherit}
aside h2{font-size:17px;margin:16px 0 6px;border-bottom:1px solid var(--line);padding-bottom:3px}
aside h2:first-child{margin-top:2px}
aside .ev{display:block;color:var(--muted);font-size:14px;font-style:italic}
aside .ev a{color:#0b5cad;text-decoration:none;font-style:normal}
table.comp{font-size:13px}
.site-footer{color:var(--muted);font-size:13px;padding:0 16px 24px}
)";

// Widths (in em) of characters, rounded up from DejaVu Sans, the widest of
// the common sans-serif fonts (and the one a Linux system-ui falls back to).
double char_em(char32_t c) {
  if (c == ' ' || c == 'i' || c == 'l' || c == 'j' || c == '\'' || c == '|' || c == '.' || c == ',' || c == ':' || c == ';' || c == '!')
    return 0.34;
  if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '[' || c == ']' || c == '-' || c == '/') return 0.44;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%' || c == '@') return 1.0;
  if (c >= 'A' && c <= 'Z') return 0.80;
  if (c < 0x80) return 0.65;
  return 1.0;  // arrows, dashes, letters outside ASCII: as wide as an em
}

}  // namespace

std::string_view page_stylesheet() { return kStylesheet; }

double text_width(std::string_view text, double font_size) {
  double em = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    em += char_em(b < 0x80 ? static_cast<char32_t>(b) : 0x100);
    i += len;
  }
  return em * font_size;
}

std::vector<std::string> wrap_text(std::string_view text, double font_size, double max_width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    i = j + 1;
    if (word.empty()) continue;
    std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && text_width(candidate, font_size) > max_width) {
      lines.push_back(line);
      line = std::string(word);
    } else {
      line = std::move(candidate);
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::string render_page(const Page& p) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}{}</style>\n</head>\n<body>\n", html_escape(p.title), kStylesheet, p.extra_css);
  out += "<header class=\"site-header\"><div class=\"inner\">";
  out += p.badge_html;
  if (!p.kind.empty()) out += fmt::format("<div class=\"kind\">assay · {}</div>", html_escape(p.kind));
  out += fmt::format("<h1>{}</h1>", html_escape(p.title));
  if (!p.meta_html.empty()) out += "<div class=\"meta\">" + p.meta_html + "</div>";
  out += "</div></header>\n";
  out += p.main_class.empty() ? "<main>\n" : fmt::format("<main class=\"{}\">\n", p.main_class);
  out += p.body;
  out += "</main>\n<footer class=\"site-footer\"><div class=\"inner\">Made by assay. This page is self-contained: no scripts, fonts "
         "or network.</div></footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace assay::report
