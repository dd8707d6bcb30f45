// server/jobs: a thread per Monte Carlo job, its progress and result.
#include "assay/server/jobs.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <utility>

#include "assay/app/chain.h"
#include "assay/server/limits.h"

namespace assay::server {
namespace {

// The run as `assay chain montecarlo --format json` prints it, plus a
// histogram of each distribution over the draws (report::make_histogram:
// equal-width bins from the smallest to the largest draw), which the web
// app draws; the draws themselves are not kept.
std::string result_json(const app::MonteCarloRun& mc) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(report::render_montecarlo(mc.result, mc.label, report::OutputFormat::kJson));
  using Get = double (*)(const supply::DrawOutcome&);
  const std::array<std::pair<const char*, Get>, 6> outcomes = {{
      {"magnets_world", [](const supply::DrawOutcome& d) { return d.magnets_world; }},
      {"magnets_ex_china", [](const supply::DrawOutcome& d) { return d.magnets_ex_china; }},
      {"ndpr_ex_china", [](const supply::DrawOutcome& d) { return d.ndpr_ex_china; }},
      {"dy_ex_china", [](const supply::DrawOutcome& d) { return d.dy_ex_china; }},
      {"tb_ex_china", [](const supply::DrawOutcome& d) { return d.tb_ex_china; }},
      {"supply_ex_china", [](const supply::DrawOutcome& d) { return d.supply_ex_china; }},
  }};
  nlohmann::ordered_json hists = nlohmann::ordered_json::object();
  for (const auto& [name, get] : outcomes) {
    if (!j["distributions"].contains(name) || mc.result.per_draw.empty()) continue;
    std::vector<double> values;
    values.reserve(mc.result.per_draw.size());
    for (const auto& d : mc.result.per_draw) values.push_back(get(d));
    report::Histogram h = report::make_histogram(std::move(values));
    hists[name] = {{"low", std::round(h.low * 1000) / 1000}, {"width", std::round(h.width * 1000) / 1000}, {"counts", h.counts}};
  }
  if (!hists.empty()) j["histograms"] = std::move(hists);
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

struct Jobs::Job {
  std::string id;
  MonteCarloJob request;
  std::atomic<int> done{0};         // draws solved
  std::atomic<bool> stop{false};
  std::atomic<bool> cancelled{false};  // by cancel(), not by the server stopping
  std::atomic<bool> finished{false};
  std::string status = "running";   // under mu_
  std::string result, error;        // under mu_
  std::thread thread;
};

Jobs::Jobs(std::shared_ptr<const app::Engine> engine, JobLimits limits) : engine_(std::move(engine)), limits_(limits) {
  // Ids are not guessable from one another: a random start, then a step.
  std::random_device rd;
  next_ = (std::uint64_t{rd()} << 32) ^ rd();
}

Jobs::~Jobs() { stop(); }

int Jobs::running() const {
  std::lock_guard lock(mu_);
  int n = 0;
  for (const auto& [id, j] : jobs_) n += j->finished ? 0 : 1;
  return n;
}

void Jobs::reap_locked() {
  for (auto& [id, j] : jobs_)
    if (j->finished && j->thread.joinable()) j->thread.join();
  std::size_t finished = 0;
  for (const auto& [id, j] : jobs_) finished += j->finished ? 1 : 0;
  for (auto it = order_.begin(); it != order_.end() && finished > limits_.max_kept;) {
    auto j = jobs_.find(*it);
    if (j != jobs_.end() && j->second->finished) {
      jobs_.erase(j);
      it = order_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

base::Result<std::string> Jobs::start(MonteCarloJob request) {
  if (request.draws < 1 || request.draws > limits_.max_draws)
    return base::fail(base::Error::invalid(fmt::format("draws: {} is not from 1 to {}", request.draws, limits_.max_draws),
                                           {.field = "draws"}));
  std::lock_guard lock(mu_);
  if (stopping_) return base::fail(base::Error::unsupported("the server is stopping"));
  reap_locked();
  int running = 0;
  for (const auto& [id, j] : jobs_) running += j->finished ? 0 : 1;
  if (running >= limits_.max_running)
    return base::fail(base::Error::unsupported(
        fmt::format("{} Monte Carlo jobs are running, the most this server runs at once: try again when one is done", running)));
  // splitmix64 of a counter from a random start: distinct, not sequential.
  std::uint64_t z = (next_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  auto job = std::make_shared<Job>();
  job->id = fmt::format("{:016x}", z);
  job->request = std::move(request);
  jobs_[job->id] = job;
  order_.push_back(job->id);
  job->thread = std::thread([this, j = job.get()] { run(*j); });
  return job->id;
}

void Jobs::run(Job& job) {
  std::string result, error;
  try {
    auto world = engine_->world();
    if (!world) {
      error = "the supply model could not be built from the server's data";
    } else {
      supply::MonteCarloOptions mo;
      mo.draws = job.request.draws;
      mo.seed = job.request.seed;
      mo.threads = 1;
      mo.demand = job.request.reference_level;
      mo.stop = &job.stop;
      mo.keep_draws = true;  // for the histograms (result_json); 64 bytes a draw, 6.4 MB at 100,000 draws
      mo.on_draws = [&job](int n) { job.done.fetch_add(n, std::memory_order_relaxed); };
      auto mc = app::monte_carlo(**world, engine_->data(), job.request.scenario, job.request.sets, mo);
      if (!mc) {
        error = job.cancelled ? std::string("cancelled")
                : job.stop    ? std::string("the server stopped before the job was done")
                              : scrub_paths(mc.error().message());
      } else {
        result = result_json(*mc);
      }
    }
  } catch (const std::exception&) {
    error = "the job could not be run";
  }
  // The baseline solve ran on this thread: its GLPK environment goes with it.
  app::release_thread_solver();
  std::lock_guard lock(mu_);
  if (error.empty()) {
    job.status = "done";
    job.result = std::move(result);
  } else {
    job.status = "failed";
    job.error = std::move(error);
  }
  job.finished = true;
}

std::optional<JobView> Jobs::get(std::string_view id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  const Job& j = *it->second;
  JobView v{.id = j.id, .status = j.status, .progress = 0, .request = j.request, .result = j.result, .error = j.error};
  v.progress = j.status == "done" ? 1.0 : std::clamp(static_cast<double>(j.done.load()) / j.request.draws, 0.0, 1.0);
  if (j.status == "running" && v.progress >= 1.0) v.progress = 0.999;  // the percentiles are not yet computed
  return v;
}

bool Jobs::cancel(std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return false;
  if (!it->second->finished) {
    it->second->cancelled = true;
    it->second->stop = true;
  }
  return true;
}

void Jobs::stop() {
  std::map<std::string, std::shared_ptr<Job>, std::less<>> all;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (auto& [id, j] : jobs_) j->stop = true;
    all = jobs_;
  }
  // Joined outside the lock: a job takes it to record its end.
  for (auto& [id, j] : all)
    if (j->thread.joinable()) j->thread.join();
}

}  // namespace assay::server
