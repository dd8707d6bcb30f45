// text/document: one article as assay reads it.
//
// A Document holds the article's body as normalised UTF-8 (`text`), the
// metadata the reader found (title, author, date, outlet, url, id) and the
// warnings raised while reading (invalid bytes repaired, and so on). All
// spans elsewhere in assay are byte offsets into `text`.
//
//   auto doc = text::read_document(bytes, {.name = "a.html"});
//   if (doc) fmt::print("{}: {} bytes\n", doc->title, doc->text.size());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "assay/base/span.h"

namespace assay::text {

// kFeed (RSS or Atom) is an input format only: its items are read as html or text.
enum class Format { kAuto, kPlain, kMarkdown, kHtml, kJson, kJsonLines, kFeed };

// A block of the text whose kind the reader saw in the markup (HTML's <h2>,
// <li>, <figcaption>): text/roles reads it before guessing from the line.
enum class BlockKind : std::uint8_t { kHeading, kListItem, kCaption };
struct Block {
  base::Span span;  // byte offsets into Document::text
  BlockKind kind = BlockKind::kHeading;
};

const char* format_name(Format f);

struct Document {
  std::string id;         // the record's id, or the file name
  std::string source;     // where it came from: a path, "-", or "path:line"
  std::string url;
  std::string outlet;
  std::string published;  // as given (ISO date when known)
  std::string title;
  std::string author;
  std::string text;       // the body, normalised UTF-8
  Format format = Format::kPlain;
  std::vector<std::string> warnings;  // each names the source and what was repaired
  std::vector<Block> blocks;          // headings, list items, captions the markup marked (in text order)
};

}  // namespace assay::text
