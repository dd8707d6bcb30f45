// base/embedded: the data files (data/**) compiled into the binary, and the
// version string. Modules read data through base::DataSource
// (data_source.h); EmbeddedData serves these files.
//
//   for (const auto& f : embedded_files()) use(f.path, f.bytes);
//   fmt::print("assay {}\n", version());
//   fmt::print("data {}\n", embedded_data_hash());   // "3f2a...": 16 hex digits
#pragma once

#include <span>
#include <string_view>

// Most users of the embedded files want the DataSource that serves them.
#include "assay/base/data_source.h"

namespace assay::base {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "lexicons/hedge.tsv"
  std::string_view bytes;
};

// Every embedded file, sorted by path. Generated at build time.
std::span<const EmbeddedFile> embedded_files();

// The assay version string ("0.1.0").
std::string_view version();

// A fingerprint of the embedded data: FNV-1a 64 over every file's path and
// bytes, in path order, as 16 hex digits. Two binaries with the same value
// carry the same data. Computed on the first call.
std::string_view embedded_data_hash();

}  // namespace assay::base
