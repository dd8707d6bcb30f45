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

// Verdict marks (issue 14): each checked claim's figure or phrase is
// underlined in its verdict's colour and followed by a badge that names the
// verdict in words (so the page does not rest on colour alone). The badge's
// tooltip gives the reason and the rows; it links to the claim's row in the
// aside, a <details> that unfolds the evidence without a script.
constexpr std::string_view kClaimCss =
    ".claim{border-bottom:2px solid;padding:0 1px}\n"
    ".verdict{display:inline-block;margin:0 2px 0 3px;padding:0 4px;border:1px solid;border-radius:3px;"
    "font:600 11px/1.5 system-ui,sans-serif;text-decoration:none;vertical-align:1px;white-space:nowrap;background:#fff}\n"
    ".v-supported{border-color:#1a7f37;color:#1a7f37}.v-contradicted{border-color:#c62828;color:#c62828}\n"
    ".v-disputed{border-color:#b35c00;color:#b35c00}.v-unverifiable{border-color:#6b7280;color:#5b6472}\n"
    ".claim.v-supported,.claim.v-contradicted,.claim.v-disputed,.claim.v-unverifiable{color:inherit}\n"
    ".claim-row{margin:4px 0;border-bottom:1px solid var(--line);padding-bottom:4px;font-size:14px}\n"
    ".claim-row>summary{color:var(--ink)}.claim-row dl{display:grid;grid-template-columns:max-content minmax(0,1fr);"
    "gap:2px 10px;margin:6px 0 4px}.claim-row dt{color:var(--muted)}.claim-row dd{margin:0}\n"
    ".claim-row table{font-size:13px;margin:4px 0}\n";

// The verdicts shown, in the order of their words: anything else (an
// unchecked claim) gets no mark.
bool shown_verdict(std::string_view v) {
  return v == "supported" || v == "contradicted" || v == "disputed" || v == "unverifiable";
}

std::string verdict_symbol(std::string_view v) {
  if (v == "supported") return "\u2713 ";     // check mark
  if (v == "contradicted") return "\u2717 ";  // ballot x
  if (v == "disputed") return "\u2260 ";      // not equal
  return "? ";
}

// The tooltip of a verdict badge: the reason, the tolerance and the rows.
std::string verdict_title(const analysis::Claim& c) {
  std::string t = c.verdict + ": " + c.reason;
  if (!c.tolerance.empty()) t += "\ntolerance: " + c.tolerance;
  for (const auto& e : c.evidence) t += "\n" + e.row + ": " + e.value;
  return t;
}

std::string verdict_badge(const analysis::Claim& c, std::size_t index) {
  return fmt::format("<a class=\"verdict v-{}\" href=\"#claim-{}\" title=\"{}\">{}{}</a>", c.verdict, index + 1,
                     html_escape(verdict_title(c)), verdict_symbol(c.verdict), c.verdict);
}

// "Claims checked": one expandable row per checked claim, with the
// evidence (kb row or model figure, its source, the value), the tolerance
// and the date it was judged at.
std::string claims_rows(const DocumentAnalysis& a) {
  std::string out;
  int n = 0;
  for (std::size_t i = 0; i < a.claims.size(); ++i) {
    const auto& c = a.claims[i];
    if (!shown_verdict(c.verdict)) continue;
    ++n;
    std::string what = analysis::claim_kind_name(c.kind);
    if (!c.subject_name.empty()) what += ", " + c.subject_name;
    if (c.stage) what += std::string(", ") + kb::stage_name(*c.stage);
    out += fmt::format("<details class=\"claim-row\" id=\"claim-{}\"><summary><span class=\"verdict v-{}\">{}{}</span> "
                       "<a href=\"#s{}\">s{}</a> \u201c{}\u201d <span class=\"muted\">({})</span></summary>\n<dl>",
                       i + 1, c.verdict, verdict_symbol(c.verdict), c.verdict, c.sentence + 1, c.sentence + 1,
                       html_escape(c.span.of(a.document.text)), html_escape(what));
    out += fmt::format("<dt>reason</dt><dd>{}</dd>", html_escape(c.reason));
    if (!c.tolerance.empty()) out += fmt::format("<dt>tolerance</dt><dd>{}</dd>", html_escape(c.tolerance));
    if (!c.judged_at.empty()) out += fmt::format("<dt>judged at</dt><dd>{}</dd>", html_escape(c.judged_at));
    out += "</dl>\n";
    if (!c.evidence.empty()) {
      out += "<div class=\"table-wrap\"><table><thead><tr><th>row</th><th>value</th><th>source</th></tr></thead><tbody>";
      for (const auto& e : c.evidence)
        out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>", html_escape(e.row), html_escape(e.value),
                           html_escape(e.source));
      out += "</tbody></table></div>\n";
    }
    out += "</details>\n";
  }
  if (n == 0) return {};
  return fmt::format("<h2>Claims checked against the knowledge base</h2>\n<p class=\"muted\">{} {}: open a row for the "
                     "rows and sources it rests on.</p>\n{}",
                     n, n == 1 ? "claim" : "claims", out);
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
  page.extra_css += kClaimCss;
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
    // Marks: evidence spans inside the sentence, first come first served;
    // then the claims' verdicts. A claim that falls inside a label's mark
    // keeps that mark and gets its badge right after it.
    struct Mark {
      base::Span span;
      std::string open, close, after;
    };
    std::vector<const analysis::Evidence*> ev;
    for (const auto& e : s.evidence)
      if (s.span.contains(e.span) && !e.span.empty() && e.span != s.span) ev.push_back(&e);
    std::sort(ev.begin(), ev.end(), [](auto* x, auto* y) { return x->span.begin < y->span.begin; });
    std::vector<Mark> marks;
    std::uint32_t placed = s.span.begin;
    for (const auto* e : ev) {
      if (e->span.begin < placed) continue;  // overlaps a mark already placed
      marks.push_back({e->span,
                       fmt::format("<mark class=\"{}\" title=\"{}: {}\">", css_class(e->label), html_escape(labels.of(e->label).name),
                                   html_escape(e->note)),
                       "</mark>", ""});
      placed = e->span.end;
    }
    for (std::size_t k = 0; k < a.claims.size(); ++k) {
      const auto& cl = a.claims[k];
      if (cl.sentence != i || !shown_verdict(cl.verdict)) continue;
      base::Span sp = s.span.contains(cl.span) && !cl.span.empty() ? cl.span : base::Span{s.span.end, s.span.end};
      std::string badge = verdict_badge(cl, k);
      auto hit = std::find_if(marks.begin(), marks.end(), [&](const Mark& m) { return m.span.begin < sp.end && sp.begin < m.span.end; });
      if (hit != marks.end() || sp.empty()) {
        if (hit == marks.end()) {
          marks.push_back({sp, "", "", badge});
          continue;
        }
        // A label's mark that holds the claim is underlined in the verdict's
        // colour too (the first claim's, when it holds several).
        constexpr std::string_view kOpen = "<mark class=\"";
        if (hit->open.starts_with(kOpen) && hit->span.contains(sp) && hit->after.empty())
          hit->open.insert(kOpen.size(), fmt::format("claim v-{} ", cl.verdict));
        hit->after += badge;
        continue;
      }
      marks.push_back({sp, fmt::format("<span class=\"claim v-{}\">", cl.verdict), "</span>", badge});
    }
    std::stable_sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) { return x.span.begin < y.span.begin; });
    std::uint32_t p = s.span.begin;
    for (const auto& m : marks) {
      out += html_escape(std::string_view(d.text).substr(p, m.span.begin - p));
      out += m.open + html_escape(m.span.of(d.text)) + m.close + m.after;
      p = m.span.end;
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
  out += claims_rows(a);
  out += "</aside>\n";
  page.body = std::move(out);
  return render_page(page);
}

}  // namespace assay::report
