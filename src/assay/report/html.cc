// One self-contained HTML page: the article with every labelled span
// highlighted, a legend, and the critique beside it. No scripts, fonts or
// images are fetched: the page works offline.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

#include "assay/report/critique.h"
#include "assay/report/page.h"

namespace assay::report {

using analysis::DocumentAnalysis;
using analysis::Label;

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

std::string css_class(Label l) {
  std::string n = analysis::label_name(l);
  for (char& c : n)
    if (c == '.') c = '-';
  return "l-" + n;
}



}  // namespace

std::string render_html(const DocumentAnalysis& a, const Critique& c, const LabelStyles& labels) {
  const auto& d = a.document;
  Page page;
  page.kind = "Article analysis";
  page.title = d.title.empty() ? d.id : d.title;
  page.main_class = "two-col";
  for (Label l : analysis::all_labels())
    page.extra_css += fmt::format(".{}{{background:{}}}\n", css_class(l), labels.of(l).color);
  page.extra_css +=
      ".role-tag{display:inline-block;margin-right:5px;padding:0 4px;border:1px solid var(--muted);border-radius:3px;"
      "color:var(--muted);font:600 11px/1.5 system-ui,sans-serif;letter-spacing:.04em;text-transform:uppercase;"
      "font-style:normal;vertical-align:1px}\n"
      ".s.role-heading{font-weight:600}.s.role-byline,.s.role-caption{color:var(--muted);font-style:italic}\n";
  page.badge_html = fmt::format(
      "<div class=\"score\" title=\"claim status, 0 to 100: how established the central claim is\">{}<small>claim: {}</small></div>"
      "<div class=\"score\" title=\"reporting quality, 0 to 100: how well the piece lets a reader judge its claims\">{}<small>reporting</small></div>",
      a.assessment.claim_status.score, analysis::claim_level_name(a.assessment.claim_status.level), a.assessment.reporting.score);
  std::vector<std::string> meta;
  for (const auto* m : {&d.outlet, &d.author, &d.published, &d.source})
    if (!m->empty()) meta.push_back(html_escape(*m));
  // The genre (analysis/genre.cc) beside the outlet and byline.
  {
    std::string g = analysis::genre_name(a.assessment.genre);
    std::replace(g.begin(), g.end(), '_', ' ');
    meta.push_back(fmt::format("<span class=\"genre\" title=\"genre, from the text\">{}</span>", html_escape(g)));
  }
  page.meta_html = fmt::format("{}", fmt::join(meta, " · "));
  std::string out;
  // The legend (data/labels.tsv): every label's colour and human name, with
  // its definition as a tooltip and, folded under it, as a list.
  out += "<article>\n<div class=\"legend\" aria-label=\"Highlight colours\">";
  for (Label l : analysis::all_labels())
    out += fmt::format("<span class=\"{}\" title=\"{}\">{}</span>", css_class(l), html_escape(labels.of(l).definition),
                       html_escape(labels.of(l).name));
  out += "</div>\n<details class=\"label-help\"><summary>What the highlights mean</summary>\n<dl>";
  for (Label l : analysis::all_labels())
    out += fmt::format("<dt><span class=\"{}\">{}</span> <code>{}</code></dt><dd>{}</dd>", css_class(l), html_escape(labels.of(l).name),
                       analysis::label_name(l), html_escape(labels.of(l).definition));
  out += "</dl></details>\n<p>";
  // The text, sentence by sentence, with evidence spans marked.
  std::uint32_t pos = 0;
  std::uint32_t para = 0;
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    if (s.paragraph != para) {
      out += "</p>\n<p>";
      para = s.paragraph;
      pos = s.span.begin;
    }
    if (s.span.begin > pos) out += html_escape(std::string_view(d.text).substr(pos, s.span.begin - pos));
    std::vector<std::string> ids, names;
    for (Label l : s.labels.labels()) {
      ids.push_back(analysis::label_name(l));
      names.push_back(html_escape(labels.of(l).name));
    }
    // Page furniture (a heading, byline or caption) is shown with a small
    // tag that names it: such a sentence is never a source, a confirmation
    // or a claim. The tag is text in a grey outline, so it reads without colour.
    const bool furniture = text::is_furniture(s.role);
    out += fmt::format("<span class=\"s{}\" id=\"s{}\"{}>", furniture ? fmt::format(" role-{}", text::sentence_role_name(s.role)) : "", i + 1,
                       ids.empty() ? "" : fmt::format(" data-labels=\"{}\" title=\"{}\"", fmt::join(ids, " "), fmt::join(names, ", ")));
    if (furniture)
      out += fmt::format("<span class=\"role-tag\" title=\"page furniture: never counted as a source, a confirmation or a claim\">{}</span>",
                         role_note(s.role));
    // Marks: evidence spans inside the sentence, first come first served.
    std::vector<const analysis::Evidence*> ev;
    for (const auto& e : s.evidence)
      if (s.span.contains(e.span) && !e.span.empty() && e.span != s.span) ev.push_back(&e);
    std::sort(ev.begin(), ev.end(), [](auto* x, auto* y) { return x->span.begin < y->span.begin; });
    std::uint32_t p = s.span.begin;
    for (const auto* e : ev) {
      if (e->span.begin < p) continue;  // overlaps a mark already placed
      out += html_escape(std::string_view(d.text).substr(p, e->span.begin - p));
      out += fmt::format("<mark class=\"{}\" title=\"{}: {}\">{}</mark>", css_class(e->label), html_escape(labels.of(e->label).name),
                         html_escape(e->note), html_escape(e->span.of(d.text)));
      p = e->span.end;
    }
    out += html_escape(std::string_view(d.text).substr(p, s.span.end - p));
    out += "</span>";
    pos = s.span.end;
  }
  out += "</p>\n</article>\n<aside>\n";
  for (const auto& sec : c.sections) {
    out += fmt::format("<h2>{}</h2><ul>", html_escape(sec.title));
    for (const auto& pt : sec.points) {
      out += fmt::format("<li>{}", html_escape(pt.text));
      for (const auto& e : pt.evidence) {
        if (e.fragment.empty() || e.kind == EvidenceKind::kLead) continue;
        if (e.kind == EvidenceKind::kKb || e.kind == EvidenceKind::kModel) {
          out += fmt::format("<span class=\"ev\">{}: {}</span>", e.kind == EvidenceKind::kKb ? "source" : "computed on", html_escape(e.fragment));
          continue;
        }
        std::string link = e.sentence >= 0 ? fmt::format("<a href=\"#s{}\">s{}</a> ", e.sentence + 1, e.sentence + 1) : "";
        if (e.sentence >= 0 && static_cast<std::size_t>(e.sentence) < a.sentences.size())
          if (const char* role = role_note(a.sentences[static_cast<std::size_t>(e.sentence)].role))
            link += fmt::format("<span class=\"role-tag\">{}</span>", role);
        out += fmt::format("<span class=\"ev\">{}\u201c{}\u201d{}</span>", link, html_escape(e.fragment),
                           e.cue.empty() ? "" : fmt::format(" [{}]", html_escape(e.cue)));
      }
      out += "</li>";
    }
    out += "</ul>\n";
    if (sec.id == "bottom_line") {
      for (const auto* m : {&a.assessment.reporting.components, &a.assessment.claim_status.components}) {
        out += fmt::format("<table class=\"comp\"><caption>{}</caption>",
                           m == &a.assessment.reporting.components ? "Reporting quality" : "Claim status");
        for (const auto& comp : *m)
          out += fmt::format("<tr><td>{}</td><td>{:+g}</td><td>{}</td></tr>", html_escape(comp.name), comp.points, html_escape(comp.why));
        out += "</table>\n";
      }
    }
  }
  out += "</aside>\n";
  page.body = std::move(out);
  return render_page(page);
}

}  // namespace assay::report
