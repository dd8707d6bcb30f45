// store/store: what every store shares (store.h): the content key, the
// clock, zstd.
#include "assay/store/store.h"

#include <fmt/format.h>
#define ZDICT_STATIC_LINKING_ONLY  // ZDICT_trainFromBuffer_fastCover with set parameters
#include <zdict.h>
#include <zstd.h>

#include <chrono>
#include <memory>

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

namespace {

// `bytes` compressed by `run(dst, capacity)` (one zstd call) into a buffer
// of ZSTD_compressBound bytes, which cannot fail but for a bad level or
// dictionary, a programmer's error: then empty.
template <class Run>
std::string compress_frame(std::string_view bytes, Run run) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  std::size_t n = run(out.data(), out.size());
  if (ZSTD_isError(n)) return std::string();
  out.resize(n);
  return out;
}

// The frame `bytes` decompressed by `run(dst, size)` (one zstd call) into a
// buffer of the size the frame declares, which must be known, at most 4 GiB
// and filled exactly; `check()` (a Status) runs once the size is known good.
template <class Run, class Check>
base::Result<std::string> decompress_frame(std::string_view bytes, Run run, Check check) {
  unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) return base::fail(base::Error::invalid("not zstd data"));
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) return base::fail(base::Error::invalid("a zstd frame without its size"));
  if (size > (std::uint64_t{1} << 32)) return base::fail(base::Error::invalid(fmt::format("a zstd frame of {} bytes: too large", size)));
  ASSAY_TRY_VOID(check());
  std::string out(static_cast<std::size_t>(size), '\0');
  std::size_t n = run(out.data(), out.size());
  if (ZSTD_isError(n)) return base::fail(base::Error::invalid(fmt::format("zstd: {}", ZSTD_getErrorName(n))));
  if (n != out.size()) return base::fail(base::Error::invalid("zstd: the frame is shorter than it says"));
  return out;
}

}  // namespace

std::string compress(std::string_view bytes, int level) {
  return compress_frame(bytes, [&](char* dst, std::size_t cap) { return ZSTD_compress(dst, cap, bytes.data(), bytes.size(), level); });
}

base::Result<std::string> decompress(std::string_view bytes) {
  return decompress_frame(
      bytes, [&](char* dst, std::size_t size) { return ZSTD_decompress(dst, size, bytes.data(), bytes.size()); },
      [] { return base::Status(); });
}

namespace {

// One compression and one decompression context per thread, kept for the
// thread's life (a context costs a few hundred KB to make).
struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
ZSTD_CCtx* thread_cctx() {
  thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> c(ZSTD_createCCtx());
  return c.get();
}
ZSTD_DCtx* thread_dctx() {
  thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> c(ZSTD_createDCtx());
  return c.get();
}

}  // namespace

base::Result<std::shared_ptr<const Dictionary>> Dictionary::make(std::int64_t id, std::string bytes, int level) {
  if (ZDICT_getDictID(bytes.data(), bytes.size()) == 0)
    return base::fail(base::Error::invalid(fmt::format("zstd dictionary {}: not a zstd dictionary ({} bytes)", id, bytes.size())));
  std::shared_ptr<Dictionary> d(new Dictionary());
  d->id_ = id;
  d->bytes_ = std::move(bytes);
  d->level_ = level;
  d->cdict_ = ZSTD_createCDict(d->bytes_.data(), d->bytes_.size(), level);
  d->ddict_ = ZSTD_createDDict(d->bytes_.data(), d->bytes_.size());
  if (!d->cdict_ || !d->ddict_)
    return base::fail(base::Error::invalid(fmt::format("zstd dictionary {}: zstd cannot load it ({} bytes)", id, d->bytes_.size())));
  return std::shared_ptr<const Dictionary>(std::move(d));
}

Dictionary::~Dictionary() {
  ZSTD_freeCDict(static_cast<ZSTD_CDict*>(cdict_));
  ZSTD_freeDDict(static_cast<ZSTD_DDict*>(ddict_));
}

std::string Dictionary::compress(std::string_view bytes) const {
  return compress_frame(bytes, [&](char* dst, std::size_t cap) {
    return ZSTD_compress_usingCDict(thread_cctx(), dst, cap, bytes.data(), bytes.size(), static_cast<const ZSTD_CDict*>(cdict_));
  });
}

base::Result<std::string> Dictionary::decompress(std::string_view bytes) const {
  return decompress_frame(
      bytes,
      [&](char* dst, std::size_t size) {
        return ZSTD_decompress_usingDDict(thread_dctx(), dst, size, bytes.data(), bytes.size(), static_cast<const ZSTD_DDict*>(ddict_));
      },
      [&]() -> base::Status {
        const unsigned frame_dict = ZSTD_getDictID_fromFrame(bytes.data(), bytes.size());
        const unsigned own = ZSTD_getDictID_fromDDict(static_cast<const ZSTD_DDict*>(ddict_));
        if (frame_dict != 0 && frame_dict != own)
          return base::fail(base::Error::invalid(
              fmt::format("zstd: the frame was made with dictionary {:08x}, not this store's {} ({:08x})", frame_dict, id_, own)));
        return {};
      });
}

base::Result<std::string> train_dictionary(std::span<const std::string> samples, std::size_t max_bytes) {
  std::string all;
  std::vector<std::size_t> sizes;
  sizes.reserve(samples.size());
  for (const auto& s : samples) {
    all += s;
    sizes.push_back(s.size());
  }
  // zstd advises samples of about 100 times the dictionary: a smaller set
  // gets a smaller dictionary (ZDICT fails on one as large as its input).
  std::size_t cap = std::min(max_bytes, all.size() / 16);
  if (cap < 1024)
    return base::fail(base::Error::invalid(fmt::format("{} samples of {} bytes in all: too few to train a dictionary", samples.size(), all.size())));
  std::string dict(cap, '\0');
  // fastCover with fixed parameters (k = 1000, d = 8: zstd --train's
  // search settles near them on analyses) rather than ZDICT_trainFromBuffer's
  // search over k: about a third of the time, the same ratio within 1%
  // (docs/PERFORMANCE.md, part 4). Single-threaded: deterministic.
  ZDICT_fastCover_params_t params{};
  params.k = 1000;
  params.d = 8;
  params.f = 20;
  params.steps = 0;
  params.nbThreads = 0;
  params.accel = 1;
  params.zParams.compressionLevel = kDictionaryLevel;
  std::size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), all.data(), sizes.data(), static_cast<unsigned>(sizes.size()), params);
  if (ZDICT_isError(n)) return base::fail(base::Error::invalid(fmt::format("zstd dictionary training: {}", ZDICT_getErrorName(n))));
  dict.resize(n);
  return dict;
}

}  // namespace assay::store
