// server/server: `assay serve`: the Api (api.h) behind an HTTP/1.1 server
// (cpp-httplib, its blocking thread pool), on loopback unless told, with a
// request body limit, read/write time limits, and a graceful stop on SIGINT
// or SIGTERM (requests in flight finish; then serve() returns).
//
//   server::Api api(engine, std::move(db), {.token = token});
//   auto st = server::serve(api, {.listen = "127.0.0.1:0"},
//                           [](std::string_view host, int port) { fmt::print("listening on {}:{}\n", host, port); });
//   if (!st) fmt::print(stderr, "assay: error: {}\n", st.error().to_string());
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "assay/base/error.h"
#include "assay/server/api.h"

namespace assay::server {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free one
  int io_timeout_seconds = 10;            // reading a request, writing a response
  int threads = 0;                        // 0: cpp-httplib's default pool
};

// "HOST:PORT" (IPv4 address or name, port 0..65535) or "[v6]:PORT".
base::Result<std::pair<std::string, int>> parse_listen(std::string_view s);

// Serves until SIGINT or SIGTERM (blocked in every thread and waited for by
// one). `on_listen` is called once bound, with the port chosen.
base::Status serve(Api& api, const ServeOptions& options, const std::function<void(std::string_view, int)>& on_listen);

}  // namespace assay::server
