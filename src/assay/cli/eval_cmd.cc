// assay eval: scores the analyzer on the labelled sets of ../shared/eval and
// prints per-label precision, recall, F1 and support.
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "assay/analysis/analyzer.h"
#include "assay/app/engine.h"
#include "assay/app/inputs.h"
#include "assay/cli/commands.h"
#include "assay/eval/extraction.h"
#include "assay/eval/label_eval.h"
#include "assay/report/chain.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

struct EvalOptions {
  std::string shared_dir;
  std::vector<std::string> sets{"gold", "conll", "polnear", "babe", "claimbuster", "extraction"};
  std::string format = "table";
  bool misses = false;
};

bool wants(const EvalOptions& o, std::string_view set) {
  return std::find(o.sets.begin(), o.sets.end(), set) != o.sets.end() ||
         std::find(o.sets.begin(), o.sets.end(), "all") != o.sets.end();
}

int run_eval(const EvalOptions& o, const GlobalOptions& g) {
  std::string shared = app::shared_dir(o.shared_dir);
  app::Engine engine = make_engine(g, /*impact=*/false);
  auto analyzer = engine.analyzer();
  if (!analyzer) {
    for (auto& e : analyzer.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  const analysis::Analyzer& a = **analyzer;
  nlohmann::ordered_json out;
  std::vector<base::Error> errors;
  bool table = report::parse_format(o.format) != report::OutputFormat::kJson;

  if (wants(o, "gold")) {
    std::vector<eval::GoldArticle> articles;
    std::vector<std::string> files;
    std::error_code ec;
    fs::path dir = fs::path(shared) / "eval" / "articles";
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      if (it->path().extension() == ".json") files.push_back(it->path().string());
    if (ec || files.empty()) errors.push_back(base::Error::not_found("no gold articles", {.file = dir.string()}));
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto bytes = app::read_input({f});
      if (!bytes) {
        errors.push_back(bytes.error());
        continue;
      }
      auto g = eval::parse_gold_article(*bytes, f);
      if (!g) errors.push_back(g.error());
      else articles.push_back(std::move(*g));
    }
    auto r = eval::evaluate_gold(a, articles);
    auto& j = out["gold"];
    j["articles"] = r.articles;
    j["sentence_boundary_f1"] = r.boundaries.f1();
    j["micro_f1"] = r.micro.f1();
    j["micro_precision"] = r.micro.precision();
    j["micro_recall"] = r.micro.recall();
    for (auto& [name, c] : r.labels)
      j["labels"][name] = {{"precision", c.precision()}, {"recall", c.recall()}, {"f1", c.f1()}, {"support", c.support()}};
    j["stakeholders_quoted_f1"] = r.stakeholders_quoted.f1();
    j["stakeholders_expected_f1"] = r.stakeholders_expected.f1();
    j["missing_voices_f1"] = r.missing_voices.f1();
    j["entities_f1"] = r.entities.f1();
    j["origin_accuracy"] = r.articles ? static_cast<double>(r.origin_right) / r.articles : 0;
    j["outlet_type_accuracy"] = r.articles ? static_cast<double>(r.outlet_type_right) / r.articles : 0;
    if (table) {
      fmt::print("Gold articles ({}): sentence-boundary F1 {:.3f}\n\n", r.articles, r.boundaries.f1());
      fmt::print("| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
      for (auto& [name, c] : r.labels)
        fmt::print("| {} | {:.3f} | {:.3f} | {:.3f} | {} |\n", name, c.precision(), c.recall(), c.f1(), c.support());
      fmt::print("| **micro** | {:.3f} | {:.3f} | **{:.3f}** | {} |\n\n", r.micro.precision(), r.micro.recall(), r.micro.f1(),
                 r.micro.support());
      fmt::print("| article field | F1 / accuracy |\n|---|---|\n");
      fmt::print("| stakeholders quoted | {:.3f} |\n| stakeholders expected | {:.3f} |\n| missing voices | {:.3f} |\n",
                 r.stakeholders_quoted.f1(), r.stakeholders_expected.f1(), r.missing_voices.f1());
      fmt::print("| entities | {:.3f} |\n| origin (accuracy) | {:.3f} |\n| outlet type (accuracy) | {:.3f} |\n\n",
                 r.entities.f1(), j["origin_accuracy"].get<double>(), j["outlet_type_accuracy"].get<double>());
      if (o.misses)
        for (const auto& m : r.misses)
          fmt::print("MISS {} gold=[{}] pred=[{}] | {}\n", m.article, fmt::join(m.gold, ","), fmt::join(m.predicted, ","),
                     m.sentence);
    }
  }
  struct PublicSet {
    const char* key;
    const char* file;
    eval::BinaryReport (*fn)(const analysis::Analyzer&, std::string_view);
  };
  const PublicSet sets[] = {{"conll", "conll2010-wiki.dev.jsonl", eval::evaluate_conll},
                            {"polnear", "polnear.dev.jsonl", eval::evaluate_polnear},
                            {"babe", "babe.dev.jsonl", eval::evaluate_babe},
                            {"claimbuster", "claimbuster.train.jsonl", eval::evaluate_claimbuster}};
  bool header = false;
  for (const auto& ps : sets) {
    if (!wants(o, ps.key)) continue;
    fs::path f = fs::path(shared) / "eval" / "public" / ps.file;
    auto bytes = app::read_input({f.string()});
    if (!bytes) {
      errors.push_back(bytes.error());
      continue;
    }
    auto r = ps.fn(a, *bytes);
    auto& j = out[ps.key];
    j["macro_f1"] = r.counts.macro_f1();
    j["precision"] = r.counts.precision();
    j["recall"] = r.counts.recall();
    j["f1"] = r.counts.f1();
    j["support"] = r.counts.support();
    j["records"] = r.counts.tp + r.counts.fp + r.counts.fn + r.counts.tn;
    for (auto& [k, v] : r.extra) j[k] = v;
    if (table) {
      if (!header) {
        fmt::print("| public set | macro-F1 | P (pos) | R (pos) | F1 (pos) | items | mapping |\n|---|---|---|---|---|---|---|\n");
        header = true;
      }
      fmt::print("| {} | **{:.3f}** | {:.3f} | {:.3f} | {:.3f} | {} | {} |\n", r.name, r.counts.macro_f1(),
                 r.counts.precision(), r.counts.recall(), r.counts.f1(), j["records"].get<int>(), r.note);
      for (auto& [k, v] : r.extra)
        if (k != "bad_records") fmt::print("|   {} | {:.3f} | | | | | |\n", k, v);
    }
  }
  if (header) fmt::print("\n");
  if (wants(o, "extraction")) {
    fs::path dir = fs::path(shared) / "eval" / "extraction";
    auto truth_bytes = app::read_input({(dir / "ground-truth.json").string()});
    if (!truth_bytes) {
      errors.push_back(truth_bytes.error());
    } else if (auto truth = eval::parse_ground_truth(*truth_bytes); !truth) {
      errors.push_back(truth.error());
    } else {
      std::vector<eval::ExtractionCase> cases;
      for (auto& [id, body] : *truth) {
        auto gz = app::read_input({(dir / "html" / (id + ".html.gz")).string()});
        if (!gz) {
          errors.push_back(gz.error());
          continue;
        }
        auto html = eval::gunzip(*gz);
        if (!html) {
          errors.push_back(html.error().in_file(id + ".html.gz"));
          continue;
        }
        cases.push_back({id, std::move(*html), body});
      }
      auto r = eval::evaluate_extraction(cases);
      out["extraction"] = {{"pages", cases.size()}, {"precision", r.precision}, {"recall", r.recall}, {"f1", r.f1}};
      if (table)
        fmt::print("HTML extraction ({} pages): precision {:.3f}, recall {:.3f}, **F1 {:.3f}**\n", cases.size(), r.precision,
                   r.recall, r.f1);
    }
  }
  if (!table) fmt::print("{}\n", out.dump(2));
  for (auto& e : errors) fmt::print(stderr, "assay: error: {}\n", e.to_string());
  return errors.empty() ? kExitOk : kExitFailure;
}

Registrar reg(30, [](CLI::App& app, const GlobalOptions& g) {
  static EvalOptions o;
  auto* cmd = app.add_subcommand("eval", "Score the analyzer on the labelled sets of ../shared/eval");
  cmd->add_option("--shared", o.shared_dir, "The shared folder (default: $ASSAY_SHARED_DIR or ../shared)");
  cmd->add_option("--set", o.sets, "Sets to score: gold conll polnear babe claimbuster extraction all")
      ->check(CLI::IsMember({"gold", "conll", "polnear", "babe", "claimbuster", "extraction", "all"}));
  cmd->add_option("--format", o.format, "table (Markdown) or json")->check(CLI::IsMember({"table", "md", "json"}));
  cmd->add_flag("--misses", o.misses, "List the gold sentences whose labels differ");
  cmd->callback([&g] { throw ExitRequest{run_eval(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
