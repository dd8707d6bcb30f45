// server/server: cpp-httplib around the Api, the signals that stop it.
#include "assay/server/server.h"

#include "assay/app/chain.h"

#include <httplib.h>

#include <fmt/core.h>

#include <atomic>
#include <charconv>
#include <csignal>
#include <pthread.h>
#include <sys/socket.h>
#include <thread>

namespace assay::server {

base::Result<std::pair<std::string, int>> parse_listen(std::string_view s) {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon == 0)
    return base::fail(base::Error::invalid(fmt::format("'{}' is not HOST:PORT", s), {.field = "--listen"}));
  std::string_view host = s.substr(0, colon), port_text = s.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535)
    return base::fail(base::Error::invalid(fmt::format("'{}' is not a port (0 to 65535)", port_text), {.field = "--listen"}));
  return std::pair{std::string(host), port};
}

base::Status serve(Api& api, const ServeOptions& options, const std::function<void(std::string_view, int)>& on_listen) {
  auto where = parse_listen(options.listen);
  if (!where) return base::fail(where.error());
  // SIGINT and SIGTERM are blocked here, before any thread starts, so that
  // every thread inherits the mask and one thread takes them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t old_mask;
  pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);

  httplib::Server http;
  http.set_payload_max_length(api.max_body());
  http.set_read_timeout(options.io_timeout_seconds, 0);
  http.set_write_timeout(options.io_timeout_seconds, 0);
  http.set_keep_alive_timeout(5);
  // cpp-httplib writes a response's headers and body in two sends: with
  // Nagle's algorithm on, the body waited for the client's delayed ACK
  // (about 40 ms), which capped a keep-alive connection at ~25 GETs a second.
  http.set_tcp_nodelay(true);
  if (options.threads > 0) {
    int n = options.threads;
    http.new_task_queue = [n] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
  }
  // Every response, the error handler's too: no sniffing, no framing, no
  // caching, and no script or remote resource in what a browser renders.
  auto secure = [](httplib::Response& res) {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.set_header("Cache-Control", "no-store");
  };
  auto respond = [&api, secure](const httplib::Request& req, std::string body, httplib::Response& res) {
    Request r{.method = req.method, .path = req.path};
    for (const auto& [k, v] : req.params) r.query.emplace(k, v);
    r.content_type = req.get_header_value("Content-Type");
    r.authorization = req.get_header_value("Authorization");
    r.origin = req.get_header_value("Origin");
    r.if_none_match = req.get_header_value("If-None-Match");
    r.remote_addr = req.remote_addr;
    r.body = std::move(body);
    Response out = api.handle(r);
    // A chain request solved the model on this pool thread (analyses and
    // verdicts release theirs): its GLPK environment goes with the request.
    app::release_thread_solver();
    res.status = out.status;
    secure(res);
    for (const auto& [name, value] : out.headers) {
      res.headers.erase(name);
      res.set_header(name, value);
    }
    if (out.status == 401) res.set_header("WWW-Authenticate", "Bearer");
    if (!out.content_type.empty()) {
      // What set_content does, with the body moved instead of copied (a
      // cached story is tens of KB; cpp-httplib 0.11 has no set_content(&&)).
      res.body = std::move(out.body);
      res.headers.erase("Content-Type");
      res.set_header("Content-Type", out.content_type);
    }
  };
  auto refuse = [&api, secure](const httplib::Request& req, int status, const std::string& detail, httplib::Response& res) {
    Response p = problem(status, detail);
    api.metrics().record(req.method, "", status, 0);
    res.status = status;
    secure(res);
    res.set_content(p.body, p.content_type.c_str());
  };
  // Bodies are read here, not by cpp-httplib's own reader, which refuses a
  // form-encoded body (curl's default type) over 8 KB and parses it.
  auto answer_with_body = [&api, respond, refuse](const httplib::Request& req, httplib::Response& res,
                                                   const httplib::ContentReader& reader) {
    if (req.is_multipart_form_data())
      return refuse(req, 415, "multipart bodies are not read: send the article itself as the body", res);
    std::string body;
    bool over = false;
    bool ok = reader([&](const char* data, std::size_t n) {
      if (body.size() + n > api.max_body()) {
        over = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (!ok) {
      if (over || res.status == 413)
        return refuse(req, 413, fmt::format("the request body is over the limit of {} bytes", api.max_body()), res);
      return refuse(req, 400, "the request body could not be read", res);
    }
    respond(req, std::move(body), res);
  };
  auto answer = [respond](const httplib::Request& req, httplib::Response& res) { respond(req, req.body, res); };
  http.Get(".*", answer);
  http.Delete(".*", answer);
  http.Options(".*", answer);  // CORS preflight (405 when CORS is off)
  http.Post(".*", answer_with_body);
  http.Put(".*", answer_with_body);
  http.Patch(".*", answer_with_body);
  // No exception text in a response (cpp-httplib would put it in a header).
  http.set_exception_handler([refuse](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    refuse(req, 500, "the request could not be answered", res);
  });
  // What cpp-httplib refuses itself (a request it cannot parse, a method
  // no route takes) the error handler turns into problem JSON.
  http.set_error_handler([&api, secure](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own answer
    secure(res);
    Response p = problem(res.status, res.status == 413 ? fmt::format("the request body is over the limit of {} bytes", api.max_body())
                                                       : std::string("the request could not be read"));
    api.metrics().record(req.method, "", res.status, 0);
    res.set_content(p.body, p.content_type.c_str());
  });

  // cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, in
  // its compiled part): more connections at once than that wait for the
  // client's SYN retries (1 s, then 3 s). Its socket is widened after the
  // bind: Linux takes a second listen() on a listening socket as a new backlog.
  int listen_fd = -1;
  http.set_socket_options([&listen_fd](socket_t sock) {
    httplib::default_socket_options(sock);
    listen_fd = sock;
  });
  int port = where->second;
  if (port == 0) port = http.bind_to_any_port(where->first);
  else if (!http.bind_to_port(where->first, port)) port = -1;
  if (port >= 0 && listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);
  if (port < 0) {
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    return base::fail(base::Error::io(fmt::format("cannot listen on {} (in use, or not an address of this machine)", options.listen),
                                      {.field = "--listen"}));
  }
  on_listen(where->first, port);
  std::atomic<bool> signalled{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    http.stop();  // stops accepting; the pool finishes the requests in flight
  });
  bool ok = http.listen_after_bind();
  // The requests in flight are answered; Monte Carlo jobs stop after their
  // current draw and their threads are joined.
  api.jobs().stop();
  // When listening ended by itself, wake the waiter with a signal it takes.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  if (!ok && !signalled) return base::fail(base::Error::io("the server stopped on an error", {.field = "--listen"}));
  return {};
}

}  // namespace assay::server
