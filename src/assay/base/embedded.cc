#include "assay/base/embedded.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace assay::base {

std::string_view version() { return ASSAY_VERSION; }

Result<std::string> DataSource::read(std::string_view relative_path) const {
  if (dir_) {
    std::filesystem::path p = std::filesystem::path(*dir_) / std::string(relative_path);
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec)) {
      std::ifstream in(p, std::ios::binary);
      if (!in) return fail(Error::io("cannot open", {.file = p.string()}));
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  for (const auto& f : embedded_files()) {
    if (f.path == relative_path) return std::string(f.bytes);
  }
  return fail(Error::not_found("no such data file", {.file = display_path(relative_path)}));
}

std::vector<std::string> DataSource::list(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> out;
  if (dir_) {
    std::filesystem::path root = std::filesystem::path(*dir_);
    std::error_code ec;
    std::filesystem::path sub = root / std::string(prefix);
    if (std::filesystem::is_directory(sub, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(sub, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string rel = std::filesystem::relative(it->path(), root, ec).generic_string();
        if (rel.ends_with(suffix)) out.push_back(rel);
      }
      std::sort(out.begin(), out.end());
      return out;
    }
  }
  for (const auto& f : embedded_files()) {
    if (f.path.starts_with(prefix) && f.path.ends_with(suffix)) out.emplace_back(f.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string DataSource::display_path(std::string_view relative_path) const {
  if (dir_) return (std::filesystem::path(*dir_) / std::string(relative_path)).string();
  return "data/" + std::string(relative_path);
}

}  // namespace assay::base
