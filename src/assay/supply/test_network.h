// supply/test_network: small hand-made networks for unit tests and the fuzz
// target (header-only; no kb needed), and the shipped World loaded once per
// test binary for the tests that need the real data.
//
//   Network net = supply::testing::tiny_network();   // mine -> sep -> metal -> magnet
//   const World& w = supply::testing::shipped_world(); // embedded kb + model.yaml, 2025
#pragma once

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "assay/base/embedded.h"
#include "assay/supply/network.h"
#include "assay/supply/world.h"

namespace assay::supply::testing {

inline Node make_node(std::string id, Stage stage, std::string country, double cap, CapacityUnit unit) {
  Node n;
  n.id = id;
  n.site = id;
  n.name = id;
  n.stage = stage;
  n.country = country;
  n.controller = country;
  n.technology = country;
  n.unit = unit;
  n.nameplate = cap;
  n.available = cap;
  n.capacity = cap;
  n.capacity_known = true;
  n.nameplate_published = true;
  return n;
}

// One chain in "Aland": a 10,000 t REO mine (15% Nd, 5% Pr, 1% Dy, 0.2% Tb),
// separation of 8,000 t REO feed, a metal plant of 500 t metal, and a magnet
// plant of 5,000 t (standard grade: 0.2325 t Nd + 0.0775 t Pr per t).
inline Network tiny_network() {
  Network net;
  DepositProfile d;
  d.id = "dep-a";
  d.name = "Deposit A";
  d.country = "Aland";
  d.share = {0.30, 0.478, 0.05, 0.15, 0.005, 0.001, 0.002, 0.002, 0.01, 0, 0, 0, 0, 0, 0.002};
  net.deposits.push_back(d);
  net.nodes.push_back(make_node("mine-a", Stage::kMining, "Aland", 10000, CapacityUnit::kTReo));
  net.nodes.back().deposit = 0;
  net.nodes.push_back(make_node("sep-a", Stage::kSeparation, "Aland", 20000, CapacityUnit::kTReo));
  net.nodes.back().feeds = {0};
  net.nodes.push_back(make_node("metal-a", Stage::kMetalAlloy, "Aland", 500, CapacityUnit::kTMetal));
  net.nodes.push_back(make_node("magnet-a", Stage::kMagnet, "Aland", 5000, CapacityUnit::kTMagnet));
  net.recipe.metal_per_t = {0.2325, 0.0775, 0.0, 0.0};
  return net;
}

// The World of the shipped (embedded) data, built on first use and shared by
// every test of the binary: loading the kb and building the baseline takes
// a few milliseconds that each test used to pay again. Read-only: a test that
// changes a network copies `baseline` first. Aborts, naming the error, when
// the shipped data do not load (every test depends on them).
inline const World& shipped_world() {
  static std::once_flag once;
  static const World* world = nullptr;
  std::call_once(once, [] {
    auto w = World::load(base::EmbeddedData{});
    if (!w) {
      std::fprintf(stderr, "shipped_world: %s\n", w.error().to_string().c_str());
      std::abort();
    }
    world = new World(std::move(*w));  // lives for the whole test binary
  });
  return *world;
}

}  // namespace assay::supply::testing
