// store/packing: the store's zstd dictionaries by kind and the SQL functions
// its views and triggers call (stories_internal.h).
#include <fmt/format.h>

#include "assay/corpus/facts.h"
#include "assay/corpus/near_dup.h"
#include "assay/store/stories_internal.h"

namespace assay::store::internal {

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kAnalysis: return "analysis";
    case Kind::kText: return "text";
    case Kind::kFacts: return "facts";
  }
  return "analysis";
}

std::shared_ptr<const Dictionary> Dictionaries::current(Kind k) const {
  std::lock_guard lock(mu_);
  return current_[static_cast<std::size_t>(k)];
}

std::shared_ptr<const Dictionary> Dictionaries::by_id(std::int64_t id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

void Dictionaries::add(Kind k, std::shared_ptr<const Dictionary> d) {
  std::lock_guard lock(mu_);
  by_id_[d->id()] = d;
  current_[static_cast<std::size_t>(k)] = std::move(d);
}

std::pair<std::string, std::int64_t> Dictionaries::pack(Kind k, std::string_view text) const {
  if (auto d = current(k)) return {d->compress(text), d->id()};
  return {compress(text, kDictionaryLevel), 0};
}

base::Result<std::string> Dictionaries::unpack(std::string_view bytes, std::int64_t id) const {
  if (id == 0) return decompress(bytes);
  auto d = by_id(id);
  if (!d) return base::fail(base::Error::invalid(fmt::format("it names zstd dictionary {}, which the store does not hold", id)));
  return d->decompress(bytes);
}

base::Result<std::string> column_unpacked(const Dictionaries& d, sqlite3_stmt* s, int column, int id_column) {
  const int type = sqlite3_column_type(s, column);
  if (type == SQLITE_NULL) return std::string();
  if (type != SQLITE_BLOB) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, column));
    return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s, column)));
  }
  const auto* p = static_cast<const char*>(sqlite3_column_blob(s, column));
  std::string_view bytes(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(s, column)));
  return d.unpack(bytes, sqlite3_column_type(s, id_column) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, id_column));
}

namespace {

std::string_view blob_of(sqlite3_value* v) {
  const auto* p = static_cast<const char*>(sqlite3_value_blob(v));
  return {p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

std::string_view text_of(sqlite3_value* v) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
  return {p ? p : "", static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

void result_text(sqlite3_context* c, const std::string& s) { sqlite3_result_text64(c, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8); }

void assay_text(sqlite3_context* c, int, sqlite3_value** v) {
  const int type = sqlite3_value_type(v[0]);
  if (type == SQLITE_NULL) return sqlite3_result_null(c);
  if (type != SQLITE_BLOB) return sqlite3_result_value(c, v[0]);
  const auto* d = static_cast<const Dictionaries*>(sqlite3_user_data(c));
  const std::int64_t id = sqlite3_value_type(v[1]) == SQLITE_NULL ? 0 : sqlite3_value_int64(v[1]);
  auto text = d->unpack(blob_of(v[0]), id);
  if (!text) {
    const std::string why = fmt::format("assay_text: a packed column does not read: {}", text.error().message());
    return sqlite3_result_error(c, why.c_str(), static_cast<int>(why.size()));
  }
  result_text(c, *text);
}

void assay_pack(sqlite3_context* c, int, sqlite3_value** v) {
  const int type = sqlite3_value_type(v[0]);
  if (type == SQLITE_NULL || type == SQLITE_BLOB) return sqlite3_result_value(c, v[0]);  // already packed
  const std::string packed = compress(text_of(v[0]), kDictionaryLevel);
  sqlite3_result_blob64(c, packed.data(), packed.size(), SQLITE_TRANSIENT);
}

void assay_shingles(sqlite3_context* c, int, sqlite3_value** v) {
  std::string all(text_of(v[0]));
  all += "\n";
  all += text_of(v[1]);
  const std::string bytes = corpus::encode_shingles(corpus::shingle_set(all));
  sqlite3_result_blob64(c, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

// assay_bands(facts, dictionary, shingles, document): the band keys of a
// placed article's shingle set as read_placed gives it back: the stored
// set, else the one its facts line carries (version 2), else the one of
// its document (title "\n" text, or NULL when none). Empty for an empty
// set; NULL when the row does not read (its load then makes the set).
void assay_bands(sqlite3_context* c, int, sqlite3_value** v) {
  std::vector<std::uint32_t> set;
  if (sqlite3_value_type(v[2]) != SQLITE_NULL) {
    auto s = corpus::decode_shingles(blob_of(v[2]));
    if (!s) return sqlite3_result_null(c);
    set = std::move(*s);
  } else {
    std::string line;
    if (sqlite3_value_type(v[0]) == SQLITE_BLOB) {
      const auto* d = static_cast<const Dictionaries*>(sqlite3_user_data(c));
      const std::int64_t id = sqlite3_value_type(v[1]) == SQLITE_NULL ? 0 : sqlite3_value_int64(v[1]);
      auto text = d->unpack(blob_of(v[0]), id);
      if (!text) return sqlite3_result_null(c);
      line = std::move(*text);
    } else {
      line = text_of(v[0]);
    }
    auto f = corpus::decode_facts(line);
    if (!f) return sqlite3_result_null(c);
    set = std::move(f->shingles);
    if (set.empty() && sqlite3_value_type(v[3]) != SQLITE_NULL) set = corpus::shingle_set(text_of(v[3]));
  }
  const std::string bytes = set.empty() ? std::string() : corpus::encode_band_keys(corpus::NearDuplicateIndex::band_keys(set));
  sqlite3_result_blob64(c, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

}  // namespace

base::Status register_functions(sqlite3* db, const Dictionaries* dictionaries, const std::string& path) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  struct Fn {
    const char* name;
    int args;
    void (*fn)(sqlite3_context*, int, sqlite3_value**);
  };
  for (const Fn& f : {Fn{"assay_text", 2, assay_text}, Fn{"assay_pack", 1, assay_pack}, Fn{"assay_shingles", 2, assay_shingles},
                      Fn{"assay_bands", 4, assay_bands}})
    if (sqlite3_create_function_v2(db, f.name, f.args, kFlags, const_cast<Dictionaries*>(dictionaries), f.fn, nullptr, nullptr,
                                   nullptr) != SQLITE_OK)
      return base::fail(base::Error::io(fmt::format("cannot register the SQL function {}: {}", f.name, sqlite3_errmsg(db)), {.file = path}));
  return {};
}

}  // namespace assay::store::internal
