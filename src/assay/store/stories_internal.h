// store/stories_internal: the SQLite story repository (corpus::StoryRepository)
// over the connection of the SQLite store; its tables are migration 4 of
// sqlite_store.cc. Private to store.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "assay/corpus/cluster.h"
#include "assay/store/store.h"

namespace assay::store::internal {

// The repository uses `db` (owned by the store, which outlives it).
std::unique_ptr<corpus::StoryRepository> sqlite_stories(sqlite3* db, const std::string& path, Clock clock);

}  // namespace assay::store::internal
