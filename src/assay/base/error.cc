#include "assay/base/error.h"

#include <fmt/format.h>

namespace assay::base {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "invalid input";
    case ErrorCode::kNotFound: return "not found";
    case ErrorCode::kIo: return "I/O error";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kInfeasible: return "infeasible";
    case ErrorCode::kInternal: return "internal error";
  }
  return "error";
}

std::string Location::to_string() const {
  std::string s = file;
  if (line > 0) {
    s += fmt::format("{}{}", s.empty() ? "line " : ":", line);
    if (column > 0) s += fmt::format(":{}", column);
  } else if (offset >= 0) {
    s += fmt::format("{}byte {}", s.empty() ? "" : ": ", offset);
  }
  if (!field.empty()) s += fmt::format("{}{}", s.empty() ? "" : ": ", field);
  return s;
}

std::string Error::to_string() const {
  if (where_.empty()) return message_;
  return fmt::format("{}: {}", where_.to_string(), message_);
}

}  // namespace assay::base
