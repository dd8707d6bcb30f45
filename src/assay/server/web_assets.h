// server/web_assets: the web app's files (web/, built by npm at build time
// into build/web/dist and embedded by cmake/embed.cmake), and how the server
// answers them: a path is looked up exactly in this set (no file system, so
// `..` names nothing), its type comes from its extension (a file of another
// type is not served), and the app's own routes (/, /stories, /supply,
// /a/{key}, /s/{id}) answer index.html so that a permalink opens the app.
//
//   auto f = server::find_web_file(server::web_files(), "/assets/index-3f2a.js");
//   // f->path "assets/index-3f2a.js", f->content_type "text/javascript; charset=utf-8"
//   server::find_web_file(server::web_files(), "/s/12")->path;   // "index.html"
//   server::find_web_file(server::web_files(), "/../data/kb/countries.csv");  // nullopt
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "assay/base/embedded.h"

namespace assay::server {

// Every file of the built web app, sorted by path ("index.html",
// "assets/index-3f2a.js", ...). Generated at build time.
std::span<const base::EmbeddedFile> web_files();

struct WebFile {
  std::string_view path;          // in the set: "index.html"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view bytes;
  bool immutable = false;         // under assets/: the name carries a hash of the content
};

// The Content-Type of a file name by its extension, or "" for a type the
// server does not serve.
std::string_view web_content_type(std::string_view name);

// Whether `path` is one of the app's client-side routes.
bool is_app_route(std::string_view path);

// The file that answers GET `path` (a request path, "/..."), or nullopt.
std::optional<WebFile> find_web_file(std::span<const base::EmbeddedFile> files, std::string_view path);

// The Content-Security-Policy of the app's files: its own origin only, no
// inline script or style, no frames, no plugins.
inline constexpr std::string_view kWebCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

}  // namespace assay::server
