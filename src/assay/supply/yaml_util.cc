#include "assay/supply/yaml_util.h"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>

namespace assay::supply::detail {

base::Result<YAML::Node> YamlReader::parse(std::string_view text) const {
  try {
    YAML::Node n = YAML::Load(std::string(text));
    return n;
  } catch (const YAML::Exception& e) {
    return base::fail(error_at(e.mark, "", "malformed YAML/JSON: " + e.msg));
  } catch (const std::exception& e) {
    return base::fail(base::Error::invalid(std::string("malformed YAML/JSON: ") + e.what(), {.file = file_}));
  }
}

base::Error YamlReader::error_at(const YAML::Mark& mark, const std::string& key, const std::string& message) const {
  base::Location where{.file = file_};
  if (mark.line >= 0 && !mark.is_null()) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  where.field = key;
  return base::Error::invalid(message, where);
}

base::Error YamlReader::error(const YAML::Node& at, const std::string& key, const std::string& message) const {
  YAML::Mark m = YAML::Mark::null_mark();
  if (at.IsDefined()) m = at.Mark();
  return error_at(m, key, message);
}

base::Result<double> YamlReader::number(const YAML::Node& n, const std::string& key) const {
  if (!n.IsDefined() || n.IsNull()) return base::fail(error(n, key, "a number is required"));
  if (!n.IsScalar()) return base::fail(error(n, key, "expected a number"));
  const std::string& s = n.Scalar();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) {
    return base::fail(error(n, key, fmt::format("expected a number, got \"{}\"", s)));
  }
  return v;
}

base::Result<std::string> YamlReader::string(const YAML::Node& n, const std::string& key) const {
  if (!n.IsDefined() || n.IsNull()) return base::fail(error(n, key, "a value is required"));
  if (!n.IsScalar()) return base::fail(error(n, key, "expected a string"));
  return n.Scalar();
}

base::Result<std::vector<std::string>> YamlReader::strings(const YAML::Node& n, const std::string& key) const {
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  if (n.IsScalar()) {
    out.push_back(n.Scalar());
    return out;
  }
  if (!n.IsSequence()) return base::fail(error(n, key, "expected a string or a list of strings"));
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!n[i].IsScalar()) return base::fail(error(n[i], fmt::format("{}[{}]", key, i), "expected a string"));
    out.push_back(n[i].Scalar());
  }
  return out;
}

base::Status YamlReader::only_keys(const YAML::Node& map, const std::string& key,
                                   std::initializer_list<std::string_view> allowed) const {
  if (!map.IsMap()) return base::fail(error(map, key, "expected a mapping"));
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) return base::fail(error(it->first, key, "keys must be strings"));
    const std::string& k = it->first.Scalar();
    bool ok = false;
    for (auto a : allowed) ok = ok || a == k;
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return base::fail(error(it->first, key.empty() ? k : key + "." + k,
                              fmt::format("unknown key \"{}\" (expected one of: {})", k, list)));
    }
  }
  return {};
}

}  // namespace assay::supply::detail
