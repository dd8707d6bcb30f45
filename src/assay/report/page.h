// report/page: the one page shell and stylesheet that every HTML output of
// assay uses (the article analysis of `assay analyze --format html` and the
// supply-chain pages of `assay chain ... --format html`), so that they read
// as one product and work on a phone: doctype, charset, viewport, title,
// one embedded stylesheet, a header and a footer. Nothing is fetched: no
// scripts, fonts, images or network.
//
//   report::Page p;
//   p.kind = "Supply chain";
//   p.title = "Rare-earth supply chain: baseline";
//   p.body = "<section>...</section>";
//   std::string html = report::render_page(p);
//
// Charts share a few helpers declared here: a width estimate for SVG text
// (so that a chart lays its labels out to fit instead of clipping them) and
// word wrapping by that estimate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace assay::report {

struct Page {
  std::string kind;         // the line above the title: "Article analysis", "Supply chain"
  std::string title;        // <title> and the header's <h1> (plain text; escaped here)
  std::string badge_html;   // HTML floated at the header's right (the analysis page's score), or empty
  std::string meta_html;    // HTML of the line under the title (outlet, author, date), or empty
  std::string body;         // the HTML inside <main>
  std::string main_class;   // a class for <main> ("two-col" for the analysis page), or empty
  std::string extra_css;    // rules only this page needs (the label colours)
};

// The whole document, ending in a newline.
std::string render_page(const Page& page);

// The stylesheet that render_page embeds (for tests and the web app).
std::string_view page_stylesheet();

// The width, in the font's pixels, that `text` takes at `font_size` px in
// the pages' sans-serif font: a deliberately generous per-character
// estimate (wide letters, digits and capitals count more), so that a label
// laid out with it fits in every common system font. UTF-8 aware.
double text_width(std::string_view text, double font_size);

// `text` broken at spaces into lines no wider than `max_width` by
// text_width; a word longer than a line stays whole on its own line.
std::vector<std::string> wrap_text(std::string_view text, double font_size, double max_width);

}  // namespace assay::report
