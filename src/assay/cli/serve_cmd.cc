// assay serve: the HTTP API over the engine and the store (server/server.h),
// on loopback by default, read-only unless --token-file names the token the
// write endpoints require.
#include <fmt/core.h>

#include <cstdio>
#include <string>

#include "assay/app/inputs.h"
#include "assay/app/library.h"
#include "assay/cli/commands.h"
#include "assay/server/server.h"

namespace assay::cli {

std::string_view git_commit();

namespace {

struct ServeCmdOptions {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string token_file;
  int threads = 0;
  double time_limit = 30;
  std::string rate_limit = "50/s";
  double burst = 0;
  std::string cors_origin;
  int max_draws = 100000;
  int max_jobs = 2;
  int cache_mb = static_cast<int>(server::kDefaultCacheBytes >> 20);
};

int run_serve(const ServeCmdOptions& o, const GlobalOptions& g) {
  if (auto where = server::parse_listen(o.listen); !where) {
    fmt::print(stderr, "assay: error: {}\n", where.error().to_string());
    return kExitUsage;
  }
  double rate = 0;
  if (std::string error; !server::parse_rate(o.rate_limit, rate, error)) {
    fmt::print(stderr, "assay: error: --rate-limit: {}\n", error);
    return kExitUsage;
  }
  if (!o.cors_origin.empty() && o.cors_origin != "*" && !o.cors_origin.starts_with("http://") && !o.cors_origin.starts_with("https://")) {
    fmt::print(stderr, "assay: error: --cors-origin: '{}' is not an origin (https://host[:port], or *)\n", o.cors_origin);
    return kExitUsage;
  }
  std::string token;
  if (!o.token_file.empty()) {
    auto bytes = app::read_input({.path = o.token_file}, 4096);
    if (!bytes) {
      fmt::print(stderr, "assay: error: {}\n", bytes.error().to_string());
      return kExitUsage;
    }
    token = *bytes;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.size() < 16) {
      fmt::print(stderr, "assay: error: {}: the token is {} characters; use at least 16\n", o.token_file, token.size());
      return kExitUsage;
    }
  }
  auto engine = std::make_shared<app::Engine>(open_data(g), app::EngineOptions{.models = !g.rules_only});
  if (auto analyzer = engine->analyzer(); !analyzer) {
    for (const auto& e : analyzer.error()) fmt::print(stderr, "assay: error: {}\n", e.to_string());
    return kExitDataError;
  }
  // A read-only server does not create a store; a writable one does.
  std::string path = o.db.empty() ? app::default_store_path() : o.db;
  std::unique_ptr<store::Store> db;
  if (auto opened = app::open_store(path, /*create=*/!token.empty())) {
    db = std::move(*opened);
  } else {
    fmt::print(stderr, "assay: warning: {}; the article endpoints answer 503\n", opened.error().to_string());
  }
  server::Api api(engine, std::move(db),
                  {.token = token, .version = std::string(git_commit()), .time_limit_seconds = o.time_limit, .rate_limit = rate,
                   .rate_burst = o.burst, .cors_origin = o.cors_origin,
                   .jobs = {.max_draws = o.max_draws, .max_running = o.max_jobs},
                   .cache_bytes = static_cast<std::size_t>(o.cache_mb) << 20});
  auto st = server::serve(api, {.listen = o.listen, .threads = o.threads}, [&](std::string_view host, int port) {
    fmt::print(stderr, "assay: serving the web app at http://{}:{}/ and the API under /v1/ ({}; store {})\n",
               host.find(':') != std::string_view::npos ? "[" + std::string(host) + "]" : std::string(host),
               port, api.writable() ? "writable with the token" : "read-only", path);
    fmt::print("{}\n", port);  // the port chosen, for scripts (--listen HOST:0)
    std::fflush(stdout);
  });
  if (!st) {
    fmt::print(stderr, "assay: error: {}\n", st.error().to_string());
    return kExitFailure;
  }
  fmt::print(stderr, "assay: stopped\n");
  return kExitOk;
}

Registrar reg(70, [](CLI::App& app, const GlobalOptions& g) {
  static ServeCmdOptions o;
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API (analyze, verify, articles, chain) on loopback");
  cmd->add_option("--db", o.db, "The store (SQLite file; default $XDG_DATA_HOME/assay/assay.db, else ~/.local/share/assay/assay.db)");
  cmd->add_option("--listen", o.listen, "HOST:PORT to listen on (port 0: a free one, printed on stdout)")
      ->option_text("HOST:PORT")
      ->capture_default_str();
  cmd->add_option("--token-file", o.token_file,
                  "A file holding the token the write endpoints require (Authorization: Bearer TOKEN); without it, read-only")
      ->option_text("FILE");
  cmd->add_option("--time-limit", o.time_limit,
                  "Seconds a request of several documents or claims may take before it stops with 503 (0: no limit)")
      ->option_text("SECONDS")
      ->check(in_range(0, 86400));
  cmd->add_option("--threads", o.threads, "Worker threads (default: cpp-httplib's pool)")->check(in_range(0, 256));
  cmd->add_option("--rate-limit", o.rate_limit, "Requests per client address: N/s or N/m (0: no limit); over it, 429 with Retry-After")
      ->option_text("RATE")
      ->capture_default_str();
  cmd->add_option("--burst", o.burst, "Requests a client may send at once after a pause (default: twice the rate per second)")
      ->option_text("N")
      ->check(in_range(0, 1e9));
  cmd->add_option("--cors-origin", o.cors_origin, "The origin whose pages may call the API from a browser (CORS; default: none)")
      ->option_text("ORIGIN");
  cmd->add_option("--max-draws", o.max_draws, "The most draws a Monte Carlo job may ask for")->capture_default_str()->check(in_range(1, 10000000));
  cmd->add_option("--max-jobs", o.max_jobs, "Monte Carlo jobs run at once; more answer 503")->capture_default_str()->check(in_range(1, 64));
  cmd->add_option("--cache-mb", o.cache_mb, "Memory for the rendered story list and story answers, in MB (0: render each request)")
      ->capture_default_str()
      ->check(in_range(0, 65536));
  cmd->callback([&g] { throw ExitRequest{run_serve(o, g)}; });
});

}  // namespace
}  // namespace assay::cli
