// text/reader: turns bytes into Documents. Plain text, Markdown, HTML (main
// content only), JSON and JSON Lines records {id, url, outlet, published,
// title, text | html}, RSS and Atom feeds (one Document per item: text/feed.h). Every reader validates and repairs UTF-8, reads text
// in a single-byte code page as that page (plain, Markdown and HTML), undoes
// double-encoded UTF-8 ("Ã©" for "é", "Рё" for "и") and normalises
// to NFC; warnings name the source, the code page and the byte offset.
//
//   ReadOptions opt{.name = "story.html"};            // format from the name
//   Result<std::vector<Document>> docs = read_documents(bytes, opt);
//   // one Document for a page or a text; one per record for JSON Lines.
//
// A JSON Lines input with bad records yields the good ones; each bad record
// is reported in `errors` with its line, and reading goes on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/text/document.h"

namespace assay::text {

struct ReadOptions {
  std::string name;              // a path or "-": for messages and format detection
  Format format = Format::kAuto;
};

struct ReadResult {
  std::vector<Document> documents;
  base::Errors errors;  // bad records (the batch goes on)
};

// Guesses the format from the name's extension, then from the content.
Format detect_format(std::string_view name, std::string_view bytes);
// Parses "txt", "md", "html", "json", "jsonl", "feed" (or "rss", "atom"); kAuto for anything else.
Format parse_format(std::string_view s);

// Reads a whole input. Fails (as a whole) on empty or binary input, or an
// unsupported format; record-level problems go to ReadResult::errors.
base::Result<ReadResult> read_documents(std::string_view bytes, const ReadOptions& options);

// The single-format readers. `name` is used in warnings and errors.
base::Result<Document> read_plain(std::string_view bytes, std::string_view name);
base::Result<Document> read_markdown(std::string_view bytes, std::string_view name);
base::Result<Document> read_html(std::string_view bytes, std::string_view name);
ReadResult read_json_lines(std::string_view bytes, std::string_view name);

// Undoes double-encoded UTF-8 (text/mojibake) and, when it repaired
// anything, appends one warning naming `name`, the count and the byte offset
// of the first repair.
std::string repair_mojibake_with_warning(std::string_view valid_utf8, std::string_view name,
                                         std::vector<std::string>& warnings);

// Valid UTF-8 from input bytes, with warnings naming `name`: text in a
// single-byte code page is decoded with the page that fits it best
// (decode_single_byte), other invalid bytes become U+FFFD, and
// double-encoded UTF-8 is undone (repair_mojibake_with_warning).
std::string repair_encoding(std::string_view bytes, std::string_view name, std::vector<std::string>& warnings);

// UTF-8 repair, mojibake repair + NFC with warnings appended to doc.warnings, naming `name`.
std::string clean_text(std::string_view bytes, std::string_view name, std::vector<std::string>& warnings);

// Keeps at most `max_bytes` of the document's text, cut after the last
// blank before the limit (a character boundary), and adds a warning that
// names the source and the size; returns whether it cut. The analysis keeps
// every sentence, span and piece of evidence in memory and writes about 30
// bytes of JSON per byte of text, so `assay analyze` bounds a document's
// text (a 100 MB single line would otherwise need gigabytes).
bool cap_text(Document& doc, std::size_t max_bytes);

}  // namespace assay::text
