// app/inputs: input resolution for the faces. Expands FILE|DIR|- arguments
// into inputs and reads them, so that the modules below take bytes, never
// paths; finds the shared folder with the labelled sets.
//
//   base::Errors errors;
//   for (const auto& in : app::expand_inputs({"articles/", "-"}, errors))
//     if (auto bytes = app::read_input(in)) use(in.path, *bytes);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/text/reader.h"

namespace assay::app {

struct InputRef {
  std::string path;  // "-" for stdin
};

// Expands directories (recursively, sorted; files with a known extension
// only) and keeps files and "-" as given. Unreadable or missing paths become
// errors; the rest are returned.
std::vector<InputRef> expand_inputs(const std::vector<std::string>& args, base::Errors& errors);

// Reads a whole file (or stdin for "-"). Refuses files over `max_bytes`.
base::Result<std::string> read_input(const InputRef& in, std::size_t max_bytes = std::size_t{1} << 31);

// The input format an input will be read as: `forced` ("txt", "md",
// "html", "json", "jsonl") when given, else guessed from its name.
text::Format input_format(const InputRef& in, std::string_view forced);

// Reads an input whole and parses it into documents with the text readers
// (`forced` as for input_format; "" guesses from the name and the bytes).
// Fails when the input cannot be read or is not text; bad records of a JSON
// Lines input are in ReadResult::errors.
base::Result<text::ReadResult> read_documents(const InputRef& in, std::string_view forced);

// Writes `bytes` to path atomically (a temporary file beside it, then a
// rename), so a reader never sees half a file.
base::Status write_file(const std::string& path, std::string_view bytes);

// The shared folder with the labelled sets: the option when given, else
// $ASSAY_SHARED_DIR, else the first of ../shared, ../../shared, shared that
// has an eval/ folder, else "../shared".
std::string shared_dir(const std::string& option);

}  // namespace assay::app
