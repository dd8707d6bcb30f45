// supply/yaml_util: internal helpers that read yaml-cpp nodes into values and
// turn every problem into a base::Error naming the file, line, column and
// key path ("add[2].capacity"). Not part of the public API.
//
//   YamlReader r(file_name);
//   auto n = r.parse(text);                       // Result<YAML::Node>
//   auto cap = r.number(node["capacity"], "add[0].capacity");
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assay/base/error.h"

namespace assay::supply::detail {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  base::Result<YAML::Node> parse(std::string_view text) const;

  base::Error error(const YAML::Node& at, const std::string& key, const std::string& message) const;
  base::Error error_at(const YAML::Mark& mark, const std::string& key, const std::string& message) const;

  base::Result<double> number(const YAML::Node& n, const std::string& key) const;
  base::Result<std::string> string(const YAML::Node& n, const std::string& key) const;
  // A scalar or a sequence of scalars ("a" or [a, b]).
  base::Result<std::vector<std::string>> strings(const YAML::Node& n, const std::string& key) const;
  // Rejects keys not in `allowed` (catches typos that would otherwise be ignored).
  base::Status only_keys(const YAML::Node& map, const std::string& key,
                         std::initializer_list<std::string_view> allowed) const;

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace assay::supply::detail
