// server/jobs: Monte Carlo runs of the supply model as jobs of `assay serve`,
// off the request threads: POST /v1/chain/montecarlo starts one, GET
// /v1/jobs/{id} follows its progress and gives its result (what `assay chain
// montecarlo --format json` prints). At most `max_running` run at once; the
// last `max_kept` finished ones are kept. Each job runs on a thread of its
// own (its draws on one solver thread) and releases that thread's GLPK
// environment; stop() (and the destructor) asks running jobs to stop after
// their current draw and joins every thread.
//
//   server::Jobs jobs(engine, {.max_draws = 100000, .max_running = 2});
//   auto id = jobs.start({.scenario = "myanmar-clay-halt", .draws = 2000, .seed = 1});
//   if (id) { auto v = jobs.get(*id); v->status; v->progress; }   // "running", 0.4
//   jobs.cancel(*id);                                            // then "failed", "cancelled"
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "assay/app/engine.h"
#include "assay/base/error.h"

namespace assay::server {

struct JobLimits {
  int max_draws = 100000;      // draws per job (about 40 CPU-s here)
  int max_running = 2;         // jobs running at once; more: start() fails with kUnsupported
  std::size_t max_kept = 100;  // finished jobs kept (the oldest go first)
};

struct MonteCarloJob {
  std::string scenario;  // "baseline" or a shipped scenario's name (checked by the caller)
  int draws = 1000;
  std::uint64_t seed = 1;
  double reference_level = -1;           // < 0: the scenario's
  std::map<std::string, double> sets;    // parameter overrides (declared ones, checked by the caller)
};

struct JobView {
  std::string id;
  std::string status;  // "running", "done" or "failed"
  double progress = 0; // 0..1
  MonteCarloJob request;
  std::string result;  // done: the run as JSON (report::render_montecarlo)
  std::string error;   // failed: why, without internals
};

class Jobs {
 public:
  Jobs(std::shared_ptr<const app::Engine> engine, JobLimits limits);
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // The new job's id (16 hex digits), or kUnsupported when max_running are
  // running, or kInvalidInput for draws outside 1..max_draws.
  base::Result<std::string> start(MonteCarloJob job);
  std::optional<JobView> get(std::string_view id) const;
  // Asks a running job to stop after its current draw (a few ms); it then
  // reads as failed with the error "cancelled". A finished job is left as
  // it is. False when there is no such job.
  bool cancel(std::string_view id);
  const JobLimits& limits() const { return limits_; }
  int running() const;

  // Asks every running job to stop after its current draw and joins them;
  // start() fails afterwards. Called by the destructor.
  void stop();

 private:
  struct Job;
  void run(Job& job);
  void reap_locked();  // joins finished threads, drops the oldest finished jobs

  std::shared_ptr<const app::Engine> engine_;
  JobLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<Job>, std::less<>> jobs_;
  std::deque<std::string> order_;  // ids by start
  std::atomic<bool> stopping_{false};
  std::uint64_t next_ = 0;
};

}  // namespace assay::server
