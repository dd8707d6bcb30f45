#include "assay/base/error.h"

#include <fmt/format.h>

#include "assay/base/enum_names.h"

namespace assay::base {

namespace {
constexpr auto kErrorCodeNames = enum_names<ErrorCode>({
    {ErrorCode::kInvalidInput, "invalid input"},
    {ErrorCode::kNotFound, "not found"},
    {ErrorCode::kIo, "I/O error"},
    {ErrorCode::kUnsupported, "unsupported"},
    {ErrorCode::kInfeasible, "infeasible"},
    {ErrorCode::kInternal, "internal error"},
});
}  // namespace

const char* error_code_name(ErrorCode code) { return kErrorCodeNames.name(code, "error"); }

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

Error Errors::summary() const {
  if (list_.empty()) return Error::internal("no error");
  const Error& first = list_.front();
  if (list_.size() == 1) return first;
  std::size_t more = list_.size() - 1;
  return Error(first.code(), fmt::format("{} (and {} more error{})", first.message(), more, more == 1 ? "" : "s"),
               first.where());
}

std::string Errors::to_string() const {
  std::string out;
  for (const auto& e : list_) {
    out += e.to_string();
    out += '\n';
  }
  return out;
}

}  // namespace assay::base
