#include "assay/app/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>

#include <unistd.h>

#include "assay/base/strings.h"

namespace assay::app {

namespace fs = std::filesystem;
using base::Error;
using base::fail;

namespace {

bool known_extension(const fs::path& p) {
  std::string ext = base::to_lower_ascii(p.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" || ext == ".json" ||
         ext == ".jsonl" || ext == ".ndjson" || ext == ".rss" || ext == ".atom";
}

}  // namespace

namespace {

// Walks `dir` recursively (directory symlinks are not followed), adding the
// files with a known extension; a folder that cannot be read is an error
// naming it, and the walk goes on with the others.
void walk(const fs::path& dir, std::vector<std::string>& files, base::Errors& errors) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    errors.add(Error::io(fmt::format("cannot read directory: {}", ec.message()), {.file = dir.string()}));
    return;
  }
  std::vector<fs::path> subdirs;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) {
      errors.add(Error::io(fmt::format("cannot read directory: {}", ec.message()), {.file = dir.string()}));
      break;
    }
    std::error_code e2;
    if (it->is_directory(e2) && !it->is_symlink(e2)) subdirs.push_back(it->path());
    else if (it->is_regular_file(e2) && known_extension(it->path())) files.push_back(it->path().string());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& d : subdirs) walk(d, files, errors);
}

}  // namespace

std::vector<InputRef> expand_inputs(const std::vector<std::string>& args, base::Errors& errors) {
  std::vector<InputRef> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back({a, ""});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) {
      errors.add(Error::not_found("no such file or directory", {.file = a}));
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      std::size_t before = errors.size();
      walk(a, files, errors);
      if (files.empty() && errors.size() == before)
        errors.add(Error::not_found(
            "no input files found (.txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson, .rss, .atom)", {.file = a}));
      std::sort(files.begin(), files.end());
      for (auto& f : files) out.push_back({std::move(f), a});
      continue;
    }
    out.push_back({a, ""});
  }
  return out;
}

namespace {

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  if (ec) a = p;
  return a.lexically_normal();
}

// The deepest common folder of two absolute, normal paths.
fs::path common_folder(const fs::path& a, const fs::path& b) {
  fs::path out;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end() && *i == *j; ++i, ++j) out /= *i;
  return out;
}

std::string safe_name(std::string id) {
  for (char& c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  while (!id.empty() && id.front() == '.') id.erase(id.begin());
  if (id.empty()) id = "document";
  if (id.size() > 120) id.resize(120);
  return id;
}

}  // namespace

OutputNames::OutputNames(std::string out_dir, const std::vector<InputRef>& inputs, std::string extension)
    : out_dir_(std::move(out_dir)), extension_(std::move(extension)) {
  // The top: the deepest folder holding every input's folder.
  std::vector<fs::path> folders;
  std::optional<fs::path> top;
  for (const auto& in : inputs) {
    fs::path folder;
    if (in.path != "-") {
      folder = in.root.empty() ? absolute_normal(in.path).parent_path() : absolute_normal(in.root);
      if (!folder.has_filename() && folder != folder.root_path()) folder = folder.parent_path();
      top = top ? common_folder(*top, folder) : folder;
    }
    folders.push_back(folder);
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].path == "-") {
      folders_.emplace_back();
      files_.emplace_back("stdin");
      continue;
    }
    fs::path abs = absolute_normal(inputs[i].path);
    fs::path rel = abs.parent_path().lexically_relative(*top);
    std::string folder;
    for (const auto& part : rel) {
      if (part == "." || part.empty()) continue;
      folder += safe_name(part.string()) + "/";
    }
    folders_.push_back(std::move(folder));
    files_.push_back(safe_name(abs.filename().string()));
  }
}

std::string OutputNames::name(std::size_t input, std::string_view id, bool record) {
  std::string folder = input < folders_.size() ? folders_[input] : "";
  std::string stem = record || input >= files_.size() ? safe_name(fs::path(std::string(id)).filename().string())
                                                      : files_[input];
  std::string rel = folder + stem + extension_;
  for (int n = 2; !used_.insert(rel).second; ++n) rel = fmt::format("{}{}-{}{}", folder, stem, n, extension_);
  return (fs::path(out_dir_) / rel).string();
}

base::Result<std::string> read_input(const InputRef& in, std::size_t max_bytes) {
  if (in.path == "-") {
    std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return data;
  }
  std::ifstream f(in.path, std::ios::binary);
  if (!f) return fail(Error::io(fmt::format("cannot open: {}", std::strerror(errno)), {.file = in.path}));
  f.seekg(0, std::ios::end);
  auto size = f.tellg();
  if (size < 0) return fail(Error::io("cannot read (is it a directory?)", {.file = in.path}));
  if (static_cast<std::size_t>(size) > max_bytes)
    return fail(Error::invalid(fmt::format("file too large ({} bytes; the limit is {})", static_cast<long long>(size), max_bytes), {.file = in.path}));
  f.seekg(0);
  std::string data(static_cast<std::size_t>(size), '\0');
  f.read(data.data(), size);
  if (!f) return fail(Error::io("read failed", {.file = in.path}));
  return data;
}

std::string shared_dir(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* e = std::getenv("ASSAY_SHARED_DIR")) return e;
  for (const char* c : {"../shared", "../../shared", "shared"}) {
    std::error_code ec;
    if (fs::is_directory(fs::path(c) / "eval", ec)) return c;
  }
  return "../shared";
}

base::Result<bool> write_file(const std::string& path, std::string_view bytes, IfExists if_exists) {
  std::error_code ec;
  if (if_exists != IfExists::kOverwrite && fs::exists(fs::symlink_status(path, ec))) {
    if (if_exists == IfExists::kSkip) return false;
    return base::fail(Error::io("exists (--force overwrites it, --skip-existing keeps it)", {.file = path}));
  }
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    fs::create_directories(parent, ec);
    if (ec) return base::fail(Error::io(fmt::format("cannot create folder: {}", ec.message()), {.file = path}));
  }
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return base::fail(Error::io(fmt::format("cannot write: {}", std::strerror(errno)), {.file = path}));
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = std::fflush(f) == 0 && ok;
  int err = ok ? 0 : errno;
  if (std::fclose(f) != 0 && ok) ok = false, err = errno;
  if (!ok) {
    fs::remove(tmp, ec);
    return base::fail(Error::io(fmt::format("cannot write: {}", std::strerror(err ? err : EIO)), {.file = path}));
  }
  if (if_exists == IfExists::kOverwrite) {
    fs::rename(tmp, path, ec);
    if (ec) {
      fs::remove(tmp, ec);
      return base::fail(Error::io(fmt::format("cannot rename: {}", ec.message()), {.file = path}));
    }
    return true;
  }
  // link() fails on an existing name: no file is replaced, even by a race.
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    int e = errno;
    fs::remove(tmp, ec);
    if (e == EEXIST && if_exists == IfExists::kSkip) return false;
    if (e == EEXIST)
      return base::fail(Error::io("exists (--force overwrites it, --skip-existing keeps it)", {.file = path}));
    return base::fail(Error::io(fmt::format("cannot write: {}", std::strerror(e)), {.file = path}));
  }
  fs::remove(tmp, ec);
  return true;
}

text::Format input_format(const InputRef& in, std::string_view forced) {
  return forced.empty() ? text::detect_format(in.path, "") : text::parse_format(forced);
}

base::Result<text::ReadResult> read_documents(const InputRef& in, std::string_view forced) {
  auto bytes = read_input(in);
  if (!bytes) return fail(bytes.error());
  return text::read_documents(*bytes, {.name = in.path, .format = text::parse_format(forced)});
}

}  // namespace assay::app
