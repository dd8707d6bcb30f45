// server/web_assets: exact-match lookup of the web app's embedded files.
#include "assay/server/web_assets.h"

#include <algorithm>

namespace assay::server {
namespace {

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// "/PREFIX/X" with X of 1..max characters that `ok` accepts.
template <typename Ok>
bool one_segment(std::string_view path, std::string_view prefix, std::size_t max, Ok ok) {
  if (!path.starts_with(prefix)) return false;
  std::string_view rest = path.substr(prefix.size());
  return !rest.empty() && rest.size() <= max && std::all_of(rest.begin(), rest.end(), ok) && rest != "." && rest != "..";
}

}  // namespace

std::string_view web_content_type(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string_view ext = name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  return "";
}

bool is_app_route(std::string_view path) {
  if (path == "/" || path == "/stories" || path == "/supply") return true;
  if (one_segment(path, "/a/", 128, is_key_char)) return true;
  return one_segment(path, "/s/", 18, [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<WebFile> find_web_file(std::span<const base::EmbeddedFile> files, std::string_view path) {
  std::string_view name;
  if (is_app_route(path)) name = "index.html";
  else if (path.size() > 1 && path.front() == '/') name = path.substr(1);
  else return std::nullopt;
  std::string_view type = web_content_type(name);
  if (type.empty()) return std::nullopt;
  for (const auto& f : files)
    if (f.path == name) return WebFile{.path = f.path, .content_type = type, .bytes = f.bytes, .immutable = name.starts_with("assets/")};
  return std::nullopt;
}

}  // namespace assay::server
