// base/data_source: where assay reads its data files (lexicons, kb, models,
// supply parameters, scenarios) from, as an interface in the spirit of
// LevelDB's Env: modules take a `const DataSource&` and never a path, so a
// test or a server can hand them files from memory, and a test can inject a
// missing or broken file without touching the disk.
//
//   EmbeddedData data;                            // the copies compiled in (data/**)
//   auto tsv = data.read("lexicons/hedge.tsv");   // Result<std::string>
//   for (auto& name : data.list("lexicons/", ".tsv")) ...
//
//   auto mine = open_data("/home/me/assay-data"); // --data DIR: files there win (Result)
//   MemoryData fake({{"kb/countries.csv", "..."}}); // tests, a server
//   OverlayData both(std::make_shared<MemoryData>(fake), std::make_shared<EmbeddedData>());
//
// Paths are relative to the data folder ("kb/facilities.csv"). Every
// implementation is immutable after construction and safe to share between
// threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::base {

class DataSource {
 public:
  virtual ~DataSource() = default;

  // The file's bytes. A file the source does not hold is
  // Error::not_found("no such data file") at display_path(relative_path).
  virtual Result<std::string> read(std::string_view relative_path) const = 0;

  // Relative paths of the files under `prefix` (a folder, "lexicons/") whose
  // names end in `suffix`, sorted.
  virtual std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const = 0;

  // True when the source holds the folder `prefix` ("lexicons/"), even an
  // empty one.
  virtual bool has_folder(std::string_view prefix) const = 0;

  // A name for messages: "data/kb/countries.csv", "/home/me/data/kb/countries.csv".
  virtual std::string display_path(std::string_view relative_path) const = 0;

  // Where the file (or folder, "kb") comes from, for the check commands:
  // "embedded" for the copies compiled in, the path on disk for a
  // directory's file, "memory" for MemoryData; "" when the source does not
  // hold it.
  virtual std::string origin(std::string_view relative_path) const = 0;
};

// The files compiled into the binary; display paths "data/" + path.
class EmbeddedData final : public DataSource {
 public:
  Result<std::string> read(std::string_view relative_path) const override;
  std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const override;
  bool has_folder(std::string_view prefix) const override;
  std::string display_path(std::string_view relative_path) const override;
  std::string origin(std::string_view relative_path) const override;
};

// The files under a directory of the file system; display paths dir + "/" + path.
class DirectoryData final : public DataSource {
 public:
  explicit DirectoryData(std::string dir) : dir_(std::move(dir)) {}
  Result<std::string> read(std::string_view relative_path) const override;
  std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const override;
  bool has_folder(std::string_view prefix) const override;
  std::string display_path(std::string_view relative_path) const override;
  std::string origin(std::string_view relative_path) const override;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Files held in memory (path -> bytes); display paths `display_root` + path,
// so that a memory copy of the embedded data reports errors as they would.
class MemoryData final : public DataSource {
 public:
  explicit MemoryData(std::map<std::string, std::string, std::less<>> files = {}, std::string display_root = "data/")
      : files_(std::move(files)), root_(std::move(display_root)) {}
  // A copy of every embedded file (to edit or remove some before use).
  static MemoryData copy_of_embedded();

  Result<std::string> read(std::string_view relative_path) const override;
  std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const override;
  bool has_folder(std::string_view prefix) const override;
  std::string display_path(std::string_view relative_path) const override;
  std::string origin(std::string_view relative_path) const override;

  // Not thread-safe: edit before sharing.
  void put(std::string path, std::string bytes) { files_.insert_or_assign(std::move(path), std::move(bytes)); }
  void remove(std::string_view path) {
    if (auto it = files_.find(path); it != files_.end()) files_.erase(it);
  }

 private:
  std::map<std::string, std::string, std::less<>> files_;
  std::string root_;
};

// `top` over `bottom`: a file is read from the first that has it; messages
// name the file where it came from (display_path is bottom's for a file
// only `bottom` has, top's otherwise: a file neither has is not found at
// top's path).
// list() is the union of both (kUnion), or, with kFolderShadows, the listing
// of `top` for a folder `top` has and of `bottom` otherwise: a folder given
// in `top` replaces the folder of `bottom` (what --data DIR has always done:
// a DIR/lexicons/ with one file means exactly one lexicon file).
class OverlayData final : public DataSource {
 public:
  enum class Listing { kUnion, kFolderShadows };
  OverlayData(std::shared_ptr<const DataSource> top, std::shared_ptr<const DataSource> bottom,
              Listing listing = Listing::kUnion)
      : top_(std::move(top)), bottom_(std::move(bottom)), listing_(listing) {}
  Result<std::string> read(std::string_view relative_path) const override;
  std::vector<std::string> list(std::string_view prefix, std::string_view suffix) const override;
  bool has_folder(std::string_view prefix) const override;
  std::string display_path(std::string_view relative_path) const override;
  std::string origin(std::string_view relative_path) const override;

 private:
  std::shared_ptr<const DataSource> top_, bottom_;
  Listing listing_;
};

// The data of `assay --data DIR`: the embedded files, overridden by the
// files under `dir` (folder by folder for listings, see OverlayData); just
// the embedded files when `dir` is empty. Fails, naming `dir`, when it is
// not a directory or holds none of the data folders (kb/, lexicons/,
// models/, supply/, scenarios/): a DIR one level too deep is never silently
// replaced by the embedded data.
Result<std::shared_ptr<const DataSource>> open_data(const std::string& dir);

// The data folders a --data DIR may hold.
inline constexpr const char* kDataFolders[] = {"kb/", "lexicons/", "models/", "supply/", "scenarios/"};

}  // namespace assay::base
