// store_scale: the cost of adding one article to a large store (issue 15,
// scale). Opens the store at --db (filled by `assay ingest`), loads its
// stories once as a long-lived placer does (the server's, the feed
// poller's), then adds the articles of --adds one at a time through the one
// store path (app::store_prepared: one transaction that stores the article
// and places it into a story) and reports, as one JSON object:
// - the load: seconds and the resident memory it added, per placed article
//   (the clustering index: facts, postings, near-duplicate bands, stories);
// - each add's latency (store and place, the analysis done beforehand and
//   timed apart): p50, p99 and max over the adds, and its CPU time (p50,
//   p99: what a loaded machine does not distort);
// - the index's bytes per article as counted (Clusterer::footprint), by part;
// - how many articles' facts were in memory after the load ("resident") and
//   how many were read back from the store during the adds ("reloads");
// - how many candidates an add scored (its similarity computed: those the
//   bound on the similarity did not drop), on average;
// - the analysis of the added articles: mean CPU milliseconds per article.
//
//   build/bench/assay_store_scale --db /tmp/scale-100k.db --adds /tmp/adds.jsonl
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "assay/app/library.h"
#include "assay/app/stories.h"
#include "assay/base/data_source.h"
#include "assay/base/embedded.h"
#include "assay/text/reader.h"

namespace {

// Resident memory of this process, bytes (Linux /proc/self/statm).
long long rss_bytes() {
  std::ifstream f("/proc/self/statm");
  long long pages = 0, resident = 0;
  f >> pages >> resident;
  return resident * 4096;
}

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// CPU time of the calling thread, seconds: an add's cost on a loaded machine.
double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace assay;
  std::string db_path, adds_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db_path = argv[i + 1];
    else if (!std::strcmp(argv[i], "--adds")) adds_path = argv[i + 1];
  }
  if (db_path.empty() || adds_path.empty()) {
    std::fprintf(stderr, "usage: assay_store_scale --db STORE --adds ARTICLES.jsonl\n");
    return 2;
  }
  app::Engine engine(std::make_shared<const base::EmbeddedData>());
  if (!engine.analyzer()) {
    std::fprintf(stderr, "%s\n", engine.analyzer().error().to_string().c_str());
    return 1;
  }
  std::ifstream in(adds_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto read = text::read_documents(ss.str(), {.name = adds_path, .format = text::Format::kJsonLines});
  if (!read) {
    std::fprintf(stderr, "%s\n", read.error().to_string().c_str());
    return 1;
  }
  auto db = app::open_store(db_path, false);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().to_string().c_str());
    return 1;
  }
  // The analyses first, timed apart (CPU of this thread alone: one worker).
  const std::string producer = app::analysis_producer(engine, "scale-bench");
  std::vector<app::PreparedArticle> prepared;
  auto scratch = engine.new_scratch();
  const double a0 = cpu_seconds();
  for (const auto& d : read->documents) prepared.push_back(app::prepare_article(engine, engine.analyze(d, scratch), producer, (*db)->dictionary().get()));
  const double analysis_ms = (cpu_seconds() - a0) * 1e3 / static_cast<double>(std::max<std::size_t>(1, prepared.size()));

  const long long rss0 = rss_bytes();
  auto t0 = std::chrono::steady_clock::now();
  auto placer = app::StoryPlacer::open(**db);
  if (!placer) {
    std::fprintf(stderr, "%s\n", placer.error().to_string().c_str());
    return 1;
  }
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long long rss1 = rss_bytes();
  const std::size_t placed = placer->placed();
  const auto fp = placer->clusterer().footprint();
  const std::size_t resident = placer->clusterer().resident();
  auto per = [&](std::size_t b) { return placed ? static_cast<double>(b) / static_cast<double>(placed) : 0.0; };
  std::vector<double> ms, cpu_ms;
  std::size_t added = 0;
  const std::size_t candidates0 = placer->clusterer().candidates();
  for (auto& p : prepared) {
    std::vector<app::PreparedArticle> one;
    one.push_back(std::move(p));
    auto t = std::chrono::steady_clock::now();
    const double c = thread_cpu_seconds();
    auto put = app::store_prepared(**db, &*placer, std::move(one));
    cpu_ms.push_back((thread_cpu_seconds() - c) * 1e3);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
    if (!put) {
      std::fprintf(stderr, "%s\n", put.error().to_string().c_str());
      return 1;
    }
    added += put->added;
  }
  std::printf("%s\n", fmt::format("{{\"placed_before\": {}, \"load_seconds\": {:.2f}, \"index_bytes_per_article\": {:.0f}, "
                                   "\"counted_bytes_per_article\": {{\"total\": {:.0f}, \"facts\": {:.0f}, \"shingles\": {:.0f}, "
                                   "\"token_ids\": {:.0f}, \"postings\": {:.0f}, \"tokens\": {:.0f}, \"duplicates\": {:.0f}, "
                                   "\"keys\": {:.0f}, \"stories\": {:.0f}}}, \"resident\": {}, \"reloads\": {}, "
                                   "\"adds\": {}, \"added\": {}, \"add_ms_p50\": {:.2f}, \"add_ms_p99\": {:.2f}, \"add_ms_max\": {:.2f}, "
                                   "\"add_cpu_ms_p50\": {:.2f}, \"add_cpu_ms_p99\": {:.2f}, \"candidates_per_add\": {:.1f}, "
                                   "\"analysis_cpu_ms_per_article\": {:.2f}}}",
                                   placed, load_s, placed ? static_cast<double>(rss1 - rss0) / static_cast<double>(placed) : 0.0,
                                   per(fp.total()), per(fp.facts), per(fp.shingles), per(fp.token_ids), per(fp.postings), per(fp.tokens),
                                   per(fp.duplicates), per(fp.keys), per(fp.stories), resident, placer->clusterer().reloads(),
                                   ms.size(), added, percentile(ms, 0.5), percentile(ms, 0.99),
                                   ms.empty() ? 0.0 : *std::max_element(ms.begin(), ms.end()), percentile(cpu_ms, 0.5),
                                   percentile(cpu_ms, 0.99),
                                   static_cast<double>(placer->clusterer().candidates() - candidates0) /
                                       static_cast<double>(std::max<std::size_t>(1, ms.size())),
                                   analysis_ms)
                           .c_str());
  return 0;
}
