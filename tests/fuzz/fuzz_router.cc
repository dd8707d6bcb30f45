// Fuzzes the API's router and handlers (server::Api::handle) without a
// socket. The input is lines: METHOD, PATH[?QUERY] (NAME=VALUE pairs split
// on '&', already decoded as the server gives them), Content-Type,
// Authorization, Origin, then the body. Any request gives a response,
// never a crash or a 500: an error is an RFC 9457 problem whose status is
// the response's.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "assay/app/chain.h"
#include "assay/app/library.h"
#include "assay/base/embedded.h"
#include "assay/server/api.h"

namespace {

std::string_view next_line(std::string_view& in) {
  auto nl = in.find('\n');
  std::string_view line = in.substr(0, nl);
  in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  return line;
}

assay::server::Api& api() {
  static auto engine = std::make_shared<const assay::app::Engine>(std::make_shared<const assay::base::EmbeddedData>(),
                                                                  assay::app::EngineOptions{.impact = false});
  static assay::server::Api a(engine, std::move(*assay::app::open_store(":memory:", true)),
                              {.token = "fuzz-token-0123456789", .max_body = 1 << 16, .version = "fuzz",
                               .time_limit_seconds = 2, .cors_origin = "https://a.example",
                               .jobs = {.max_draws = 50, .max_running = 1, .max_kept = 4}});
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  assay::server::Request r;
  r.method = std::string(next_line(in));
  std::string_view target = next_line(in);
  auto q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      auto amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      auto eq = pair.find('=');
      r.query.emplace(std::string(pair.substr(0, eq)), eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  r.content_type = std::string(next_line(in));
  r.authorization = std::string(next_line(in));
  r.origin = std::string(next_line(in));
  r.body = std::string(in);
  assay::server::Response out = api().handle(r);
  assay::app::release_thread_solver();  // as the server's pool threads do
  if (out.status < 200 || out.status > 599 || out.status == 500) __builtin_trap();
  if (out.status >= 400) {
    if (out.content_type != "application/problem+json") __builtin_trap();
    auto j = nlohmann::json::parse(out.body, nullptr, false);
    if (j.is_discarded() || !j.contains("status") || j["status"] != out.status || !j.contains("detail")) __builtin_trap();
  }
  return 0;
}
