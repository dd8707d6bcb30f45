#include "assay/lexicon/reference.h"

#include <hs/hs.h>

#include <algorithm>

namespace assay::lexicon {

struct ReferenceMatcher::Db {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
};

void ReferenceMatcher::DbDeleter::operator()(Db* d) const {
  if (d->scratch) hs_free_scratch(d->scratch);
  if (d->db) hs_free_database(d->db);
  delete d;
}

std::expected<ReferenceMatcher, std::string> ReferenceMatcher::compile(const Lexicon& lex) {
  ReferenceMatcher m;
  std::vector<std::string> exprs;
  std::vector<const char*> ptrs;
  std::vector<unsigned> flags, ids;
  for (std::size_t i = 0; i < lex.entries().size(); ++i) {
    const Entry& e = lex.entries()[i];
    m.categories_.push_back(e.category);
    exprs.push_back(expand_pattern(e.pattern));
    flags.push_back(HS_FLAG_SOM_LEFTMOST | (is_case_sensitive(e.pattern) ? 0u : static_cast<unsigned>(HS_FLAG_CASELESS)));
    ids.push_back(static_cast<unsigned>(i));
  }
  for (const auto& e : exprs) ptrs.push_back(e.c_str());
  m.db_.reset(new Db);
  if (ptrs.empty()) return m;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(ptrs.data(), flags.data(), ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK, nullptr,
                       &m.db_->db, &err) != HS_SUCCESS) {
    std::string msg = err ? err->message : "unknown error";
    hs_free_compile_error(err);
    return std::unexpected(msg);
  }
  if (hs_alloc_scratch(m.db_->db, &m.db_->scratch) != HS_SUCCESS) return std::unexpected("cannot allocate scratch");
  return m;
}

std::vector<Cue> ReferenceMatcher::scan(std::string_view text) {
  std::vector<Cue> out;
  scan(text, out);
  return out;
}

void ReferenceMatcher::scan(std::string_view text, std::vector<Cue>& out) {
  if (!db_->db || text.empty()) return;
  std::size_t first = out.size();
  struct Ctx {
    const std::vector<Category>* categories;
    std::vector<Cue>* out;
  } ctx{&categories_, &out};
  auto on_match = [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* p) -> int {
    auto* c = static_cast<Ctx*>(p);
    c->out->push_back(Cue{base::Span{static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to)},
                          (*c->categories)[id], id});
    return 0;
  };
  hs_scan(db_->db, text.data(), static_cast<unsigned>(std::min<std::size_t>(text.size(), 0xFFFFFFFFu)), 0,
          db_->scratch, on_match, &ctx);
  auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
  // Keep, per (entry, begin), the longest match.
  std::sort(begin, out.end(), [](const Cue& a, const Cue& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.entry != b.entry) return a.entry < b.entry;
    return a.span.end > b.span.end;
  });
  auto last = std::unique(begin, out.end(), [](const Cue& a, const Cue& b) {
    return a.span.begin == b.span.begin && a.entry == b.entry;
  });
  out.erase(last, out.end());
  std::sort(begin, out.end(), [](const Cue& a, const Cue& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end < b.span.end;
    return a.entry < b.entry;
  });
}

}  // namespace assay::lexicon
