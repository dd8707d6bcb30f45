// text/html_nesting: caps the element nesting of HTML before it is parsed.
//
// HTML parsers that follow the standard (gumbo included) check the stack of
// open elements on every tag, so 100,000 nested <div>s cost seconds. No real
// page nests more than a few dozen levels; cap_html_nesting() drops the start
// tags that would open an element beyond `max_depth` (and their end tags),
// keeping all text. The scan is a light tokenizer: it skips comments, and the
// raw text of <script>, <style>, <textarea>, <title> and the like.
//
//   std::string html = cap_html_nesting(bytes, 256);  // bytes when no tag is dropped
#pragma once

#include <string>
#include <string_view>

namespace assay::text {

std::string cap_html_nesting(std::string_view html, std::size_t max_depth);

}  // namespace assay::text
