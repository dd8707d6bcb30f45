#include "assay/base/data_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "assay/base/embedded.h"

namespace assay::base {

namespace fs = std::filesystem;

namespace {

Error no_such_file(const DataSource& data, std::string_view relative_path) {
  return Error::not_found("no such data file", {.file = data.display_path(relative_path)});
}

}  // namespace

// --- EmbeddedData ---

Result<std::string> EmbeddedData::read(std::string_view relative_path) const {
  for (const auto& f : embedded_files()) {
    if (f.path == relative_path) return std::string(f.bytes);
  }
  return fail(no_such_file(*this, relative_path));
}

std::vector<std::string> EmbeddedData::list(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> out;
  for (const auto& f : embedded_files()) {
    if (f.path.starts_with(prefix) && f.path.ends_with(suffix)) out.emplace_back(f.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool EmbeddedData::has_folder(std::string_view prefix) const {
  return std::any_of(embedded_files().begin(), embedded_files().end(),
                     [&](const EmbeddedFile& f) { return f.path.starts_with(prefix); });
}

std::string EmbeddedData::display_path(std::string_view relative_path) const {
  return "data/" + std::string(relative_path);
}

std::string EmbeddedData::origin(std::string_view relative_path) const {
  for (const auto& f : embedded_files())
    if (f.path == relative_path) return "embedded";
  return has_folder(std::string(relative_path) + "/") ? "embedded" : "";
}

// --- DirectoryData ---

Result<std::string> DirectoryData::read(std::string_view relative_path) const {
  fs::path p = fs::path(dir_) / std::string(relative_path);
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return fail(no_such_file(*this, relative_path));
  std::ifstream in(p, std::ios::binary);
  if (!in) return fail(Error::io("cannot open", {.file = p.string()}));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> DirectoryData::list(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> out;
  fs::path root = fs::path(dir_);
  std::error_code ec;
  fs::path sub = root / std::string(prefix);
  if (!fs::is_directory(sub, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(sub, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), root, ec).generic_string();
    if (rel.ends_with(suffix)) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool DirectoryData::has_folder(std::string_view prefix) const {
  std::error_code ec;
  return fs::is_directory(fs::path(dir_) / std::string(prefix), ec);
}

std::string DirectoryData::display_path(std::string_view relative_path) const {
  return (fs::path(dir_) / std::string(relative_path)).string();
}

std::string DirectoryData::origin(std::string_view relative_path) const {
  std::error_code ec;
  fs::path p = fs::path(dir_) / std::string(relative_path);
  return fs::is_regular_file(p, ec) || fs::is_directory(p, ec) ? p.string() : "";
}

// --- MemoryData ---

MemoryData MemoryData::copy_of_embedded() {
  MemoryData m;
  for (const auto& f : embedded_files()) m.put(std::string(f.path), std::string(f.bytes));
  return m;
}

Result<std::string> MemoryData::read(std::string_view relative_path) const {
  if (auto it = files_.find(relative_path); it != files_.end()) return it->second;
  return fail(no_such_file(*this, relative_path));
}

std::vector<std::string> MemoryData::list(std::string_view prefix, std::string_view suffix) const {
  std::vector<std::string> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix); ++it)
    if (it->first.ends_with(suffix)) out.push_back(it->first);
  return out;  // sorted: the map's order
}

bool MemoryData::has_folder(std::string_view prefix) const {
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.starts_with(prefix);
}

std::string MemoryData::display_path(std::string_view relative_path) const { return root_ + std::string(relative_path); }

std::string MemoryData::origin(std::string_view relative_path) const {
  return files_.contains(relative_path) || has_folder(std::string(relative_path) + "/") ? "memory" : "";
}

// --- OverlayData ---

Result<std::string> OverlayData::read(std::string_view relative_path) const {
  auto r = top_->read(relative_path);
  if (r || r.error().code() != ErrorCode::kNotFound) return r;
  r = bottom_->read(relative_path);
  if (r || r.error().code() != ErrorCode::kNotFound) return r;
  return fail(no_such_file(*this, relative_path));
}

std::vector<std::string> OverlayData::list(std::string_view prefix, std::string_view suffix) const {
  if (listing_ == Listing::kFolderShadows) {
    return top_->has_folder(prefix) ? top_->list(prefix, suffix) : bottom_->list(prefix, suffix);
  }
  std::vector<std::string> out = top_->list(prefix, suffix);
  std::vector<std::string> more = bottom_->list(prefix, suffix);
  out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool OverlayData::has_folder(std::string_view prefix) const {
  return top_->has_folder(prefix) || bottom_->has_folder(prefix);
}

std::string OverlayData::display_path(std::string_view relative_path) const {
  if (top_->origin(relative_path).empty() && !bottom_->origin(relative_path).empty())
    return bottom_->display_path(relative_path);
  return top_->display_path(relative_path);
}

std::string OverlayData::origin(std::string_view relative_path) const {
  std::string o = top_->origin(relative_path);
  return o.empty() ? bottom_->origin(relative_path) : o;
}

Result<std::shared_ptr<const DataSource>> open_data(const std::string& dir) {
  std::shared_ptr<const DataSource> embedded = std::make_shared<const EmbeddedData>();
  if (dir.empty()) return embedded;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return fail(Error::not_found("--data: not a directory", {.file = dir}));
  auto top = std::make_shared<const DirectoryData>(dir);
  if (std::none_of(std::begin(kDataFolders), std::end(kDataFolders), [&](const char* f) { return top->has_folder(f); }))
    return fail(Error::not_found("--data: holds none of the data folders kb/, lexicons/, models/, supply/, scenarios/",
                                 {.file = dir}));
  return std::shared_ptr<const DataSource>(
      std::make_shared<const OverlayData>(std::move(top), std::move(embedded), OverlayData::Listing::kFolderShadows));
}

}  // namespace assay::base
