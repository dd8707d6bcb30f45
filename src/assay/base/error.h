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
//
// A step that can fail inside a function that returns a Result or a Status
// passes its error up with ASSAY_TRY (GCC and clang statement expressions):
//
//   Result<Config> load(std::string_view text) {
//     Yaml root = ASSAY_TRY(parse_yaml(text));  // the value, or return the error
//     ASSAY_TRY_VOID(check_keys(root));          // a Status
//     ...
//   }
//
// Many errors at once (every bad row of a table, every bad pattern of a
// lexicon, every bad record of a batch) are one Errors:
//
//   base::Errors errors;
//   errors.add(Error::invalid("bad row", {.file = "f.csv", .line = 3}));
//   if (!errors.empty()) return std::unexpected(std::move(errors));  // std::expected<T, Errors>
//   base::Result<T> first = base::fail(errors.summary());  // "...: bad row (and 2 more errors)"
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

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

// Errors in the order they were found. Converts from one Error or a list of
// them, and reads as a const std::vector<Error>& where code still takes one.
class Errors {
 public:
  Errors() = default;
  Errors(Error e) { list_.push_back(std::move(e)); }                // NOLINT: one error is a list of one
  Errors(std::vector<Error> list) : list_(std::move(list)) {}      // NOLINT
  operator const std::vector<Error>&() const& { return list_; }    // NOLINT

  void add(Error e) { list_.push_back(std::move(e)); }
  void add(const Errors& more) { list_.insert(list_.end(), more.list_.begin(), more.list_.end()); }

  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const Error& front() const { return list_.front(); }
  const Error& operator[](std::size_t i) const { return list_[i]; }
  std::vector<Error>::iterator begin() { return list_.begin(); }
  std::vector<Error>::iterator end() { return list_.end(); }
  std::vector<Error>::const_iterator begin() const { return list_.begin(); }
  std::vector<Error>::const_iterator end() const { return list_.end(); }
  const std::vector<Error>& list() const { return list_; }

  // The first error, its message followed by " (and N more error(s))" when
  // there are more; an internal error when there are none.
  Error summary() const;
  // One error per line ("file:line:col: message\n").
  std::string to_string() const;

 private:
  std::vector<Error> list_;
};

}  // namespace assay::base

// ASSAY_TRY(expr): the value of `expr` (a Result<T>), or returns its error
// from the enclosing function. ASSAY_TRY_VOID(expr): the same for a Status.
#define ASSAY_TRY(...)                                                                        \
  ({                                                                                          \
    auto assay_try_result_ = (__VA_ARGS__);                                                   \
    if (!assay_try_result_) return ::assay::base::fail(std::move(assay_try_result_).error()); \
    *std::move(assay_try_result_);                                                            \
  })
#define ASSAY_TRY_VOID(...)                                                                          \
  do {                                                                                               \
    if (auto assay_try_result_ = (__VA_ARGS__); !assay_try_result_)                                  \
      return ::assay::base::fail(std::move(assay_try_result_).error());                              \
  } while (0)
