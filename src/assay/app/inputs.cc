#include "assay/app/inputs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "assay/base/strings.h"

namespace assay::app {

namespace fs = std::filesystem;
using base::Error;
using base::fail;

namespace {

bool known_extension(const fs::path& p) {
  std::string ext = base::to_lower_ascii(p.extension().string());
  return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" || ext == ".json" ||
         ext == ".jsonl" || ext == ".ndjson";
}

}  // namespace

std::vector<InputRef> expand_inputs(const std::vector<std::string>& args, base::Errors& errors) {
  std::vector<InputRef> out;
  for (const auto& a : args) {
    if (a == "-") {
      out.push_back({a});
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
      fs::recursive_directory_iterator it(a, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        errors.add(Error::io(fmt::format("cannot read directory: {}", ec.message()), {.file = a}));
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
          errors.add(Error::io(fmt::format("cannot read directory: {}", ec.message()), {.file = a}));
          break;
        }
        if (it->is_regular_file(ec) && known_extension(it->path())) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      for (auto& f : files) out.push_back({std::move(f)});
      continue;
    }
    out.push_back({a});
  }
  return out;
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

base::Status write_file(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return base::fail(base::Error::io(fmt::format("cannot write: {}", std::strerror(errno)), {.file = path}));
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return base::fail(base::Error::io("write failed", {.file = path}));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return base::fail(base::Error::io(fmt::format("cannot rename: {}", ec.message()), {.file = path}));
  return {};
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
