// supply/balance: the mass balance of a solved network, stage by stage.
// What each stage took in, what it made, what it lost in processing at its
// stated recovery (kb/balance.csv), what no plant downstream took (left
// unsold), and how much of that the kb names as stockpiled (an explicit,
// sourced sink, e.g. MP Materials' 2025 concentrate). The rows close:
// input = passed on + other uses + process loss + unsold, up to rounding
// (`residual` says by how much they do not).
//
//   auto sol = supply::solve(net, {.prune_idle = true});
//   auto b = supply::mass_balance(net, *sol, kb.balance);
//   for (const auto& s : b.stages)
//     fmt::print("{} in {:.0f} {} lost {:.0f}\n", stage_key(s.stage), s.input, s.unit, s.process_loss);
//
// Units: t REO for mining, concentration and cracking/leaching (mixed REO),
// t REO in and t separated REO out for separation, t metal for metal/alloy
// (oxide taken counts as the metal it makes: the oxygen is not a loss), t RE
// metal in and t magnet out for magnets (a t magnet holds `re_per_magnet` t
// of Nd, Pr, Dy and Tb metal).
#pragma once

#include <string>
#include <vector>

#include "assay/kb/kb.h"
#include "assay/supply/network.h"
#include "assay/supply/solver.h"

namespace assay::supply {

// A stockpile the kb states for the model year, as the balance uses it.
struct StockpileUse {
  std::string id;        // kb/balance.csv id
  std::string facility;  // facility id
  double tonnes = 0;     // in the stage's unit
  kb::ValueBasis basis = kb::ValueBasis::kSourced;
  std::string source;    // "file:line" and the row's source
};

struct StageBalance {
  Stage stage = Stage::kMining;
  std::string unit_in, unit_out;  // "t REO", "t separated REO", "t metal", "t magnet"
  double input = 0;         // taken in from the stages before (mining: mined)
  double output = 0;        // made (shipped or separated), in unit_out
  // Input not recovered as product (unit_in): (1 - recovery) x input at a
  // concentrator or cracker; at separation, what its lines do not separate
  // (elements outside a line's range, the La and Ce an NdPr line rejects).
  double process_loss = 0;
  // Stated recovery of the stage (kb/balance.csv) and what it rests on;
  // recovery_stated is false when the kb states none (1 is used).
  double recovery = 1.0;
  bool recovery_stated = false;
  kb::ValueBasis recovery_basis = kb::ValueBasis::kAssumed;
  std::string recovery_source;
  double other_uses = 0;  // products the magnet chain does not take (La, Ce, Sm ... oxides), unit_out
  double unsold = 0;      // made and taken by no plant downstream (left at the plant or in a market), unit_out
  double stockpiled = 0;  // of unsold: the kb's stockpiles for the year
  double unplaced = 0;    // unsold - stockpiled (negative: the kb's stockpile exceeds it)
  double passed_on = 0;   // taken by the next stage, unit_out
  double residual = 0;    // input - (passed_on + other_uses + process_loss + unsold) in unit_in terms; ~0
  std::vector<StockpileUse> stockpiles;
};

struct MassBalance {
  int year = 0;
  double re_per_magnet = 0;  // t RE metal per t magnet (the grade mix)
  std::vector<StageBalance> stages;  // mining .. magnet, upstream first (recycling folded into separation's oxide)
  std::vector<std::string> notes;
};

// The balance of `sol` (a solve of `net`). `balance` is the kb's
// balance.csv (stockpiles of net.params.as_of_year are used; recovery rows
// say what the network's recovery factors rest on).
MassBalance mass_balance(const Network& net, const Solution& sol, const std::vector<kb::BalanceFigure>& balance);

}  // namespace assay::supply
