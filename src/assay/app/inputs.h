// app/inputs: input resolution for the faces. Expands FILE|DIR|- arguments
// into inputs and reads them, so that the modules below take bytes, never
// paths; names and writes the files of `--out DIR` (never overwriting
// unless asked); finds the shared folder with the labelled sets.
//
//   base::Errors errors;
//   auto inputs = app::expand_inputs({"articles/", "-"}, errors);
//   app::OutputNames names("out", inputs, ".md");
//   for (const auto& in : inputs)
//     if (auto bytes = app::read_input(in))
//       app::write_file(names.name(doc, input_index, false), render(*bytes));
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"
#include "assay/text/reader.h"

namespace assay::app {

struct InputRef {
  std::string path;  // "-" for stdin
  std::string root = {};  // the directory argument it was found under; "" for a file given as such
};

// Expands directories (recursively, sorted; files with a known extension
// only) and keeps files and "-" as given. Errors, each naming the path: a
// missing path; a directory or sub-directory that cannot be read (the rest
// of the tree is still walked); a directory holding no input file ("no
// input files found"). The inputs found are returned.
std::vector<InputRef> expand_inputs(const std::vector<std::string>& args, base::Errors& errors);

// The file names of `analyze --out DIR`: the input tree mirrored under DIR.
// The tree's top is the deepest directory that holds every input (a
// directory argument counts as itself, a file as its folder). A document
// that is its file's only one is named after the file ("a/x.txt" ->
// "DIR/a/x.txt.md"; stdin -> "DIR/stdin.md"); a record of a JSON Lines
// input (or of a JSON array) is named by its id in the file's mirrored
// folder ("DIR/a/<id>.json"). A name used earlier in the run gets a numeric
// suffix ("<id>-2.json"), so no two documents share a file.
class OutputNames {
 public:
  OutputNames(std::string out_dir, const std::vector<InputRef>& inputs, std::string extension);
  // The path for a document of inputs[input]: `id` is its id, `record`
  // true for a record of a many-record input.
  std::string name(std::size_t input, std::string_view id, bool record);

 private:
  std::string out_dir_, extension_;
  std::vector<std::string> folders_;  // per input: its folder relative to the top ("" or "a/b")
  std::vector<std::string> files_;    // per input: its file name ("x.txt", "stdin")
  std::set<std::string> used_;
};

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

// What write_file does when `path` exists: fail ("exists", naming the file),
// replace it, or keep it.
enum class IfExists { kFail, kOverwrite, kSkip };

// Writes `bytes` to path atomically (a temporary file beside it, then a
// rename or link), so a reader never sees half a file; creates the parent
// folders. Every write is checked: a full disk is an error naming the file.
// Returns false when the file existed and was kept (IfExists::kSkip).
base::Result<bool> write_file(const std::string& path, std::string_view bytes, IfExists if_exists = IfExists::kFail);

// The shared folder with the labelled sets: the option when given, else
// $ASSAY_SHARED_DIR, else the first of ../shared, ../../shared, shared that
// has an eval/ folder, else "../shared".
std::string shared_dir(const std::string& option);

}  // namespace assay::app
