// assay extract FILE...: prints what the reader took from each input (title,
// author, date, body text), as text or JSON Lines.
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "assay/app/inputs.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string input_format;
};

int run_extract(const ExtractOptions& o) {
  base::Errors errors;
  note_terminal_stdin(o.inputs);
  auto inputs = app::expand_inputs(o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs, errors);
  bool first = true;
  const bool json = o.format == "jsonl" || o.format == "json";
  for (const auto& in : inputs) {
    auto read = app::read_documents(in, o.input_format);
    if (!read) {
      errors.add(read.error());
      continue;
    }
    for (auto& e : read->errors) errors.add(e);
    for (const auto& d : read->documents) {
      for (const auto& w : d.warnings) fmt::print(stderr, "assay: warning: {}\n", w);
      if (json) {
        nlohmann::ordered_json j;
        j["id"] = d.id;
        j["source"] = d.source;
        j["format"] = text::format_name(d.format);
        j["title"] = d.title;
        j["author"] = d.author;
        j["published"] = d.published;
        j["outlet"] = d.outlet;
        j["url"] = d.url;
        j["text"] = d.text;
        write_stdout(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
      } else {
        if (!first) write_stdout("\n");
        first = false;
        write_stdout(fmt::format("source: {}\ntitle: {}\nauthor: {}\ndate: {}\noutlet: {}\nurl: {}\n\n{}\n", d.source, d.title,
                                 d.author, d.published, d.outlet, d.url, d.text));
      }
    }
  }
  for (const auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
  return errors.empty() ? kExitOk : kExitFailure;
}

Registrar reg(20, [](CLI::App& app, const GlobalOptions&) {
  static ExtractOptions o;
  auto* cmd = app.add_subcommand("extract", "Print what the reader took from each input: title, author, date, body");
  cmd->add_option("inputs", o.inputs, "Files, directories or - for stdin");
  cmd->add_option("--format", o.format, "Output: text or jsonl")->check(CLI::IsMember({"text", "jsonl", "json"}));
  cmd->add_option("--input-format", o.input_format, "Force the input format: txt, md, html, json, jsonl");
  cmd->callback([] { throw ExitRequest{run_extract(o)}; });
});

}  // namespace
}  // namespace assay::cli
