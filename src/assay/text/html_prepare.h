// text/html_prepare: a light pass over HTML before it is parsed.
//
// It drops what can never be body text: comments, <script> (but not JSON-LD,
// which carries the metadata), <style>, <svg>, <template>, <noscript>,
// <iframe>. On news pages these are most of the bytes, and a standard HTML
// parser (gumbo) spends most of its time on them.
//
// It also caps the element nesting: parsers that follow the standard check
// the stack of open elements on every tag, so 100,000 nested <div>s cost
// seconds. No real page nests more than a few dozen levels; the start tags
// that would open an element beyond `max_depth` are dropped (with their end
// tags), and all text is kept.
//
// The scan is a light tokenizer: quoted attribute values, comments and the
// raw text of <script>, <style>, <textarea>, <title> and the like are skipped.
//
//   std::string html = prepare_html(bytes, 256);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace assay::text {

std::string prepare_html(std::string_view html, std::size_t max_depth);

}  // namespace assay::text
