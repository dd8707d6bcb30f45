// base/error: errors as values.
//
// Every function that can fail on input returns Result<T>, which is
// std::expected<T, Error>. An Error names what went wrong and where: a file,
// a line and column, a byte offset, or a JSON pointer / field name.
//
//   Result<int> parse_port(std::string_view s) {
//     if (s.empty()) return std::unexpected(Error::invalid("empty port"));
//     ...
//   }
//   auto r = parse_port(x);
//   if (!r) fmt::print(stderr, "{}\n", r.error().to_string());
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>

namespace assay::base {

enum class ErrorCode {
  kInvalidInput,   // the input is malformed (bad UTF-8 is repaired, not this)
  kNotFound,       // a file, facility, key ... does not exist
  kIo,             // the operating system refused a read or write
  kUnsupported,    // a format or feature assay does not handle
  kInfeasible,     // a model has no solution
  kInternal,       // a bug: should not happen
};

const char* error_code_name(ErrorCode code);

// Where an error happened. Every field is optional; to_string() prints the
// ones that are set as "file:line:column" or "file: byte N" or "file: field".
struct Location {
  std::string file;
  std::int64_t line = 0;     // 1-based; 0 = unknown
  std::int64_t column = 0;   // 1-based; 0 = unknown
  std::int64_t offset = -1;  // byte offset; -1 = unknown
  std::string field;         // a column name, JSON pointer or scenario key

  std::string to_string() const;
  bool empty() const { return file.empty() && line == 0 && offset < 0 && field.empty(); }
};

class Error {
 public:
  Error(ErrorCode code, std::string message, Location where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  static Error invalid(std::string m, Location w = {}) { return {ErrorCode::kInvalidInput, std::move(m), std::move(w)}; }
  static Error not_found(std::string m, Location w = {}) { return {ErrorCode::kNotFound, std::move(m), std::move(w)}; }
  static Error io(std::string m, Location w = {}) { return {ErrorCode::kIo, std::move(m), std::move(w)}; }
  static Error unsupported(std::string m, Location w = {}) { return {ErrorCode::kUnsupported, std::move(m), std::move(w)}; }
  static Error infeasible(std::string m, Location w = {}) { return {ErrorCode::kInfeasible, std::move(m), std::move(w)}; }
  static Error internal(std::string m, Location w = {}) { return {ErrorCode::kInternal, std::move(m), std::move(w)}; }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }
  Location& where() { return where_; }

  // Returns a copy with the file set (when it was not already), for errors
  // raised below the I/O edge that learn their file name on the way up.
  Error in_file(const std::string& file) const {
    Error e = *this;
    if (e.where_.file.empty()) e.where_.file = file;
    return e;
  }

  // "file:line:col: message" (or just the message when no location is known).
  std::string to_string() const;

 private:
  ErrorCode code_;
  std::string message_;
  Location where_;
};

template <typename T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error e) { return std::unexpected<Error>(std::move(e)); }

}  // namespace assay::base
