// analysis/schema: DocumentAnalysis to and from JSON, schema
// "assay.analysis/2" (docs/SCHEMA.md) without its `critique`, which report
// derives from the analysis (and can re-derive from one read back). The
// reader also reads "assay.analysis/1", which stored or kept files may hold.
//
//   std::string out;
//   base::JsonWriter w(out, /*pretty=*/false);
//   analysis::write_analysis(w, a);           // {"schema": ..., "document": ..., ..., "impacts": [...]}
//   auto back = analysis::read_analysis(out);  // Result<DocumentAnalysis>
//   if (!back) fmt::print("{}\n", back.error().to_string());  // names the JSON pointer
//
// report::render_json writes the same fields with write_analysis_fields()
// inside its own object and adds the critique after them.
#pragma once

#include <string_view>

#include "assay/analysis/analyzer.h"
#include "assay/base/error.h"
#include "assay/base/json_writer.h"

namespace assay::analysis {

inline constexpr const char* kSchemaVersion = "assay.analysis/2";   // what write_analysis writes
inline constexpr const char* kSchemaVersion1 = "assay.analysis/1";  // the previous version, still read

// The analysis as one JSON object.
void write_analysis(base::JsonWriter& w, const DocumentAnalysis& a);
// The same fields (schema, document, sentences, quantities, assessment,
// mentions, entities, events, kb_links, impacts) inside an object the caller
// has opened.
void write_analysis_fields(base::JsonWriter& w, const DocumentAnalysis& a);

// Reads what write_analysis() wrote (a whole assay.analysis/2 document, or an
// assay.analysis/1 one: its credibility score is read, its facts are parsed
// from their text; a `critique` in it is ignored). The document's text is rebuilt from the
// sentences and spans the JSON holds (bytes outside every span are spaces),
// which is all the critique quotes. Errors name the JSON pointer
// ("/sentences/3/span").
base::Result<DocumentAnalysis> read_analysis(std::string_view json);

// The passage's verdict (issue 14's rule for scoring passages), written as
// "verification.verdict": the verdict of the first claim in text order that
// is not "unverifiable", else "unverifiable" (also when none was checked).
std::string passage_verdict(const DocumentAnalysis& a);

}  // namespace assay::analysis
