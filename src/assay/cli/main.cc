// assay: reads news about rare earths and critical minerals and says what
// holds true, where the shadows are, what bias sits between the lines, and
// what it means for the supply chain.
#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <utility>

#include "assay/app/catalog.h"
#include "assay/base/embedded.h"
#include "assay/base/suggest.h"
#include "assay/cli/commands.h"
#include "assay/cli/io.h"

namespace assay::cli {

// The commit the binary was built from (generated: cmake/git_commit.cmake).
std::string_view git_commit();

namespace {

std::vector<std::pair<int, Setup>>& registry() {
  static std::vector<std::pair<int, Setup>> r;
  return r;
}

}  // namespace

Registrar::Registrar(int order, Setup setup) { registry().emplace_back(order, std::move(setup)); }

std::vector<Setup> registered_commands() {
  auto r = registry();
  std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Setup> out;
  for (auto& [order, s] : r) out.push_back(s);
  return out;
}

std::shared_ptr<const base::DataSource> open_data(const GlobalOptions& g) {
  auto data = base::open_data(g.data_dir);
  if (!data) {
    fmt::print(stderr, "assay: error: {}\n", data.error().to_string());
    throw ExitRequest{kExitUsage};
  }
  return *std::move(data);
}

app::Engine make_engine(const GlobalOptions& g, bool impact, bool verify) {
  return app::Engine(open_data(g), {.models = !g.rules_only, .impact = impact, .verify = verify});
}

namespace {

// Every byte written to stdout is checked once, at the end: a full disk or
// a closed pipe is an error, exit 1 (`assay ... > /dev/full`).
int check_stdout(int code) {
  int err = stdout_error();
  if (err == 0) return code;
  fmt::print(stderr, "assay: error: writing standard output: {}\n", std::strerror(err));
  return code == kExitOk ? kExitFailure : code;
}

// The command the parse selected, deepest first ("assay chain montecarlo"),
// and its path.
const CLI::App* selected(const CLI::App* app, std::string& path) {
  path = app->get_name();
  for (auto subs = app->get_subcommands(); !subs.empty(); subs = app->get_subcommands()) {
    app = subs.front();
    path += " " + app->get_name();
  }
  return app;
}

// The visible sub-commands of `app` (names and aliases).
std::vector<std::string> command_names(const CLI::App* app, bool aliases = true) {
  std::vector<std::string> out;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    out.push_back(sub->get_name());
    if (aliases)
      for (const auto& a : sub->get_aliases()) out.push_back(a);
  }
  return out;
}

// The options a command accepts: its own and those of the commands above it
// (global options are accepted anywhere).
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> out;
  for (; app != nullptr; app = app->get_parent())
    for (const CLI::Option* opt : app->get_options()) {
      for (const auto& l : opt->get_lnames()) out.push_back("--" + l);
      for (const auto& s : opt->get_snames()) out.push_back("-" + s);
    }
  return out;
}

std::string lower_first(std::string s) {
  if (s.size() > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z')) s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// Every parse error as "assay: error: ...": an unknown command or option
// with the nearest known one ("did you mean"), else CLI11's message, and a
// hint to the help of the command in question.
std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string path;
  const CLI::App* cmd = selected(app, path);
  const std::string hint = fmt::format("assay: run '{} --help' for usage\n", path);
  std::vector<std::string> rest = app->remaining(true);
  if (!rest.empty()) {
    const std::string& word = rest.front();
    if (word.size() > 1 && word[0] == '-') {
      std::string name = word.substr(0, word.find('='));
      std::string near = base::suggest(name, option_names(cmd));
      if (!near.empty())
        return fmt::format("assay: error: unknown option '{}' for '{}'; did you mean '{}'?\n", name, path, near);
      return fmt::format("assay: error: unknown option '{}' for '{}'\n{}", name, path, hint);
    }
    auto names = command_names(cmd);
    if (!names.empty()) {
      std::string prefix = cmd == app ? "" : path.substr(path.find(' ') + 1) + " ";
      std::string near = base::suggest(word, names);
      if (!near.empty())
        return fmt::format("assay: error: unknown command '{}{}'; did you mean '{}{}'?\n", prefix, word, prefix, near);
      return fmt::format("assay: error: unknown command '{}{}'\n{}", prefix, word, hint);
    }
    return fmt::format("assay: error: unexpected argument '{}' for '{}'\n{}", word, path, hint);
  }
  if (e.get_name() == "RequiredError" && !command_names(cmd).empty() && cmd->get_subcommands().empty() &&
      std::string_view(e.what()).find("ubcommand") != std::string_view::npos) {
    std::string list;
    for (const auto& n : command_names(cmd, false)) list += (list.empty() ? "" : ", ") + n;
    return fmt::format("assay: error: '{}' needs a command: {}\n{}", path, list, hint);
  }
  return fmt::format("assay: error: {}\n{}", lower_first(e.what()), hint);
}

// `assay --version`: what a bug report needs to name the build and its data.
std::string version_text() {
  app::DataVersion d = app::embedded_data_version();
  return fmt::format("assay {}\ncommit: {}\ndata:   fnv1a-64 {} ({} embedded files)\nas of:  {}", base::version(),
                     git_commit(), d.hash, d.files, d.as_of_year ? std::to_string(d.as_of_year) : "unknown");
}

// The help text of `target` as `--help` prints it (path: "assay chain").
std::string help_text(const CLI::App* target, const std::string& path) {
  return target->get_formatter()->make_help(target, path, CLI::AppFormatMode::Normal);
}

// `assay help [COMMAND...]`: the same text as `assay [COMMAND...] --help`.
void add_help_command(CLI::App& app) {
  static std::vector<std::string> words;
  auto* help = app.add_subcommand("help", "Print the help of assay or of a command (assay help chain montecarlo)");
  help->add_option("command", words, "The command (and sub-command) to describe");
  help->callback([&app] {
    const CLI::App* target = &app;
    std::string path = "assay";
    for (const auto& w : words) {
      const CLI::App* next = nullptr;
      for (const CLI::App* sub : target->get_subcommands([](const CLI::App*) { return true; }))
        if (sub->check_name(w)) next = sub;
      if (next == nullptr || next->get_name() == "help") {
        std::string prefix = target == &app ? "" : path.substr(path.find(' ') + 1) + " ";
        std::string near = base::suggest(w, command_names(target));
        fmt::print(stderr, "assay: error: unknown command '{}{}'{}\n", prefix, w,
                   near.empty() ? "" : fmt::format("; did you mean '{}{}'?", prefix, near));
        throw ExitRequest{kExitUsage};
      }
      target = next;
      path += " " + target->get_name();
    }
    write_stdout(help_text(target, path));
    throw ExitRequest{kExitOk};
  });
}

}  // namespace

}  // namespace assay::cli

int main(int argc, char** argv) {
  using namespace assay::cli;
  GlobalOptions global;
  CLI::App app{"assay: reads rare-earth and critical-mineral news like a desk editor and a supply-chain analyst", "assay"};
  app.set_version_flag("--version", version_text, "Print the version, the commit, the data fingerprint and its year; exit");
  app.require_subcommand(1);
  // Global options are accepted after the command too: each command hands
  // the options it does not know to the one above it.
  app.fallthrough();
  app.failure_message(failure_message);
  app.add_option("--data", global.data_dir, "Directory whose data files override the embedded ones")
      ->check(CLI::ExistingDirectory);
  auto* color = app.add_option("--color", global.color,
                               "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never")
                    ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-color", global.no_color, "Never colour the output (= --color never)")->excludes(color);
  auto* progress = app.add_flag("--progress", global.progress, "Show a progress bar on stderr for long commands");
  app.add_flag("--no-progress", global.no_progress, "Never show a progress bar (default: a bar when stderr is a terminal)")
      ->excludes(progress);
  app.add_flag("--rules-only", global.rules_only,
               "Label with the rules alone: do not apply the learned models of data/models");
  app.footer(
      "Global options are accepted before or after the command. `assay help COMMAND` prints the help of a command.\n"
      "Exit codes: 0 ok; 1 some input or check failed; 2 bad command line; 3 invalid data files; 70 internal error.");
  for (auto& setup : registered_commands()) setup(app, global);
  add_help_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return check_stdout(app.exit(e));
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  } catch (const ExitRequest& r) {
    return check_stdout(r.code);
  } catch (const std::exception& e) {
    fmt::print(stderr, "assay: internal error: {}\n", e.what());
    return kExitInternal;
  }
  return check_stdout(kExitOk);
}

