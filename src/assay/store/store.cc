// store/store: what every store shares (store.h): the content key, the
// clock, zstd.
#include "assay/store/store.h"

#include <fmt/format.h>
#include <zstd.h>

#include <chrono>

#include "assay/base/strings.h"

namespace assay::store {

std::int64_t system_clock_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string content_key(std::string_view title, std::string_view text) {
  // Two FNV-1a-64 runs with different starting values; the separator keeps
  // ("ab", "c") and ("a", "bc") apart.
  std::uint64_t a = base::fnv1a(text, base::fnv1a("\x1f", base::fnv1a(title)));
  std::uint64_t b = base::fnv1a(title, base::fnv1a(text, 0x84222325cbf29ce4ULL ^ (title.size() * 0x100000001b3ULL)));
  return fmt::format("{:016x}{:016x}", a, b);
}

std::string compress(std::string_view bytes, int level) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), level);
  // Compression into a buffer of ZSTD_compressBound bytes cannot fail but
  // for a bad level, which is a programmer's error.
  if (ZSTD_isError(n)) return std::string();
  out.resize(n);
  return out;
}

base::Result<std::string> decompress(std::string_view bytes) {
  unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) return base::fail(base::Error::invalid("not zstd data"));
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) return base::fail(base::Error::invalid("a zstd frame without its size"));
  if (size > (std::uint64_t{1} << 32)) return base::fail(base::Error::invalid(fmt::format("a zstd frame of {} bytes: too large", size)));
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t n = ZSTD_decompress(out.data(), out.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n)) return base::fail(base::Error::invalid(fmt::format("zstd: {}", ZSTD_getErrorName(n))));
  if (n != out.size()) return base::fail(base::Error::invalid("zstd: the frame is shorter than it says"));
  return out;
}

}  // namespace assay::store
