// base/embedded: the data files (data/**) compiled into the binary, and the
// accessor that lets a user's --data DIR override them.
//
//   DataSource data;                         // embedded copies only
//   DataSource mine("/home/me/assay-data");  // files there win
//   auto tsv = data.read("lexicons/hedge.tsv");
//   for (auto& name : data.list("lexicons/", ".tsv")) ...
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::base {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "lexicons/hedge.tsv"
  std::string_view bytes;
};

// Every embedded file, sorted by path. Generated at build time.
std::span<const EmbeddedFile> embedded_files();

// The assay version string ("0.1.0").
std::string_view version();

class DataSource {
 public:
  DataSource() = default;
  explicit DataSource(std::string dir) : dir_(std::move(dir)) {}

  // The file's bytes, from the override directory when set (and the file is
  // there), else from the embedded copy.
  Result<std::string> read(std::string_view relative_path) const;

  // Relative paths of files under `prefix` ending in `suffix`, sorted;
  // from the override directory when set, else from the embedded copies.
  std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const;

  // A name for messages: "data/" + path or dir + "/" + path.
  std::string display_path(std::string_view relative_path) const;

  const std::optional<std::string>& dir() const { return dir_; }

 private:
  std::optional<std::string> dir_;
};

}  // namespace assay::base
