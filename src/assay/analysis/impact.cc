// Impact: what a reported event would change in the supply model. A plant
// that is built (new capacity, a joint venture, a technology transfer, an
// investment) is added to the model, or the planned plant the knowledge base
// already holds is switched on when the event is linked to it (Event::link:
// the plant named, or its company's only plant of the stage there); capacity
// that is lost is taken out. A plant the article names no capacity for, and
// the knowledge base neither, is not modelled: Event::no_impact says why. The model
// is solved with and without the change and the shares that move are
// reported. Solutions are kept per what-if, so a corpus that retells one
// story pays for one solve.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

using kb::Stage;

std::optional<Stage> model_stage(EventStage event_stage) {
  // "Processing" in the news is refining: cracking and separation; the
  // separation stage is where the shares are contested.
  switch (event_stage) {
    case EventStage::kProcessing:
    case EventStage::kSeparation: return Stage::kSeparation;
    case EventStage::kMining: return Stage::kMining;
    case EventStage::kMetal: return Stage::kMetalAlloy;
    case EventStage::kMagnet: return Stage::kMagnet;
    case EventStage::kRecycling: return Stage::kRecycling;
    case EventStage::kEndUse:
    case EventStage::kFullChain: break;
  }
  return std::nullopt;
}

namespace {

kb::CapacityUnit default_unit(Stage s) {
  switch (s) {
    case Stage::kMining:
    case Stage::kConcentration:
    case Stage::kCrackingLeaching: return kb::CapacityUnit::kTReo;
    case Stage::kSeparation: return kb::CapacityUnit::kTSeparatedOxides;
    case Stage::kMetalAlloy: return kb::CapacityUnit::kTMetal;
    case Stage::kMagnet: return kb::CapacityUnit::kTMagnet;
    case Stage::kRecycling: return kb::CapacityUnit::kTFeed;
  }
  return kb::CapacityUnit::kTReo;
}


// "the United States", "Malaysia".
std::string place(std::string_view country) {
  static constexpr std::string_view kWithThe[] = {"Netherlands", "Philippines", "European Union", "Czech Republic",
                                                  "Democratic Republic of the Congo", "Dominican Republic",
                                                  "Central African Republic", "Gambia", "Bahamas"};
  bool the = country.starts_with("United ") || std::find(std::begin(kWithThe), std::end(kWithThe), country) != std::end(kWithThe);
  return the ? fmt::format("the {}", country) : std::string(country);
}

bool is_build(EventType type) {
  return type == EventType::kNewCapacity || type == EventType::kJointVenture || type == EventType::kTechnologyTransfer ||
         type == EventType::kInvestment;
}

}  // namespace

base::Result<std::shared_ptr<const ImpactModel>> ImpactModel::create(const base::DataSource& data,
                                                                     std::shared_ptr<const kb::Kb> kb) {
  auto world = supply::World::load(data, std::move(kb));
  if (!world) return base::fail(world.error());
  std::string sources = data.display_path("kb") + ", " + data.display_path("supply/model.yaml");
  return std::shared_ptr<const ImpactModel>(
      new ImpactModel(std::make_shared<const supply::World>(std::move(*world)), std::move(sources)));
}

const supply::ChainMetrics* ImpactModel::solve(const std::string& key, const supply::Scenario* sc) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second.get();
  }
  std::shared_ptr<const supply::ChainMetrics> result;
  if (!sc) {
    if (auto m = supply::analyze(world_->baseline)) result = std::make_shared<const supply::ChainMetrics>(std::move(*m));
  } else if (auto changed = supply::apply_scenario(world_->baseline, *sc)) {
    if (auto m = supply::analyze(*changed, supply::Objective::kMagnets, sc->name))
      result = std::make_shared<const supply::ChainMetrics>(std::move(*m));
  }
  // The solver's per-thread memory goes with the solve: the caller may be a
  // batch worker that ends without telling us.
  supply::release_thread_solver();
  std::lock_guard<std::mutex> lock(mu_);
  // A model that cannot be solved is remembered as such (null).
  return memo_.emplace(key, std::move(result)).first->second.get();
}

void ImpactModel::assess(const DocContext& ctx, DocumentAnalysis& out) const {
  std::vector<std::string> done;
  for (std::uint32_t ei = 0; ei < out.events.size(); ++ei) {
    Event& e = out.events[ei];
    if (e.status == EventStatus::kDenied || e.country.empty()) continue;
    bool build = is_build(e.type);
    if (!build && e.type != EventType::kCapacityLoss) continue;
    auto stage = model_stage(e.stage);
    if (!stage) continue;
    std::string country(kb::canonical_country(e.country).value_or(e.country));
    const SentenceAnalysis& s = out.sentences[e.sentence];

    supply::Scenario sc;
    sc.file = "(article)";
    std::string what, basis;
    std::string stage_name = kb::stage_name(*stage);
    if (build) {
      // The figure the sentence gives, else the plant the knowledge base
      // holds for it, else a typical plant of the stage outside China.
      std::optional<double> figure;
      for (std::uint32_t qi : s.quantities) {
        const Quantity& q = out.quantities[qi];
        if (q.measure != Measure::kCapacity || q.unit != "t/yr" || q.value <= 0) continue;
        // "lift its total capacity to 10,000 tonnes": a company's total, not the plant's.
        std::size_t from = q.span.begin > s.span.begin + 60 ? q.span.begin - 60 : s.span.begin;
        if (base::to_lower_ascii(ctx.text.substr(from, q.span.begin - from)).find("total") != std::string::npos) continue;
        figure = q.value;
        break;
      }
      // The plant the event is linked to (Event::link): named in the article,
      // or the one plant of its stage and country of a company it names.
      // A plant the link does not reach is not modelled in its place.
      const kb::Facility* linked = nullptr;
      if (e.link.confidence != LinkConfidence::kNone)
        for (const auto& f : world_->kb->facilities)
          if (f.id == e.link.facility) linked = &f;
      const kb::Facility* planned = linked && linked->status != kb::FacilityStatus::kOperating &&
                                            linked->status != kb::FacilityStatus::kClosed && world_->baseline.find(linked->id)
                                        ? linked
                                        : nullptr;
      kb::CapacityUnit unit = planned && planned->capacity_unit ? *planned->capacity_unit : default_unit(*stage);
      double capacity = 0;
      if (figure) {
        capacity = *figure;
        basis = "the capacity the article gives";
      } else if (planned && planned->capacity) {
        capacity = *planned->capacity;
        basis = fmt::format("the knowledge base's capacity ({}); linked {}", planned->row(),
                            e.link.confidence == LinkConfidence::kExactAlias ? "by the plant's name" : "by company only");
      } else {
        if (planned) e.no_impact = fmt::format("the knowledge base holds no capacity for {} and the article gives none", planned->name);
        else if (linked) e.no_impact = fmt::format("{} already operates and the article gives no capacity for what is new", linked->name);
        else if (e.link.why.starts_with("the article names no plant")) e.no_impact = "the article names no plant or capacity the model knows";
        else e.no_impact = fmt::format("the article names no plant or capacity the model knows ({})", e.link.why);
        continue;
      }
      if (planned) {
        supply::ScenarioChange c;
        c.key = "change[0]";
        c.id = planned->id;
        c.capacity = capacity;
        c.status = kb::FacilityStatus::kOperating;
        sc.change.push_back(std::move(c));
        what = fmt::format("{} runs at {} {} a year", planned->name, base::group_thousands(capacity), kb::capacity_unit_name(unit));
      } else {
        if (*stage == Stage::kMining) {
          e.no_impact = "a new mine needs its ore body, which the model takes from the knowledge base only";
          continue;
        }
        // Technology follows a Chinese party named in the sentence.
        bool chinese = false;
        auto [first, last] = ctx.cues_in(s.span);
        for (std::size_t i = first; i < last; ++i)
          if (ctx.cues[i].category == lexicon::Category::kCountry &&
              lexicon::canonical(ctx.lex.entries()[ctx.cues[i].entry]) == "China")
            chinese = true;
        supply::ScenarioFacility f;
        f.key = "add[0]";
        f.node.id = fmt::format("article-event-{}", ei);
        f.node.site = f.node.id;
        f.node.name = fmt::format("the reported {} plant in {}", stage_name, place(country));
        f.node.stage = *stage;
        f.node.country = country;
        f.node.controller = country;
        f.node.technology = chinese && country != "China" ? "China" : country;
        f.node.unit = unit;
        f.node.nameplate = capacity;
        f.node.capacity_known = true;
        f.node.status = kb::FacilityStatus::kOperating;
        f.node.source = "the article";
        sc.add.push_back(std::move(f));
        what = fmt::format("a {} plant in {} runs at {} {} a year{}", stage_name, place(country), base::group_thousands(capacity),
                           kb::capacity_unit_name(unit), chinese && country != "China" ? " with Chinese technology" : "");
      }
    } else {
      // A stop of every Chinese plant of a stage is beyond what any report
      // of a loss implies (and the model's Chinese capacity is aggregated).
      if (supply::is_china(country)) {
        e.no_impact = "the model holds China's capacity of a stage as one aggregate, and a report of a loss does not imply it all stops";
        continue;
      }
      supply::CapacityRule r;
      r.key = "capacity_factors[0]";
      r.country = country;
      r.stage = *stage;
      r.factor = 0;
      sc.capacity_factors.push_back(std::move(r));
      what = fmt::format("{}'s {} capacity stops", country, stage_name);
      basis = "all of it: the bound of what the article reports";
    }
    if (std::find(done.begin(), done.end(), what) != done.end()) continue;
    done.push_back(what);
    sc.name = what;
    // The baseline is solved only once an event asks for a comparison (and
    // then once per process): an article without one costs no solve.
    const supply::ChainMetrics* base = solve("baseline", nullptr);
    if (!base) return;
    const supply::ChainMetrics* after = solve(what + " | " + basis, &sc);
    if (!after) continue;

    Impact im;
    im.event = ei;
    im.sentence = e.sentence;
    im.what = what;
    im.capacity_basis = basis;
    im.model = fmt::format("assay supply model ({}), as of {}", sources_, world_->year());
    const auto& b = base->stage(*stage);
    const auto& a = after->stage(*stage);
    auto pct = [&](std::string metric, double x, double y, bool always) {
      if (always || std::fabs(x - y) >= 0.001) im.shifts.push_back({std::move(metric), ShiftUnit::kShare, x, y});
    };
    pct(fmt::format("China's share of {} capacity by location", stage_name), b.china_location_capacity, a.china_location_capacity, true);
    pct(fmt::format("China's share of {} capacity by control", stage_name), b.china_control_capacity, a.china_control_capacity, false);
    pct(fmt::format("China's share of {} capacity by technology", stage_name), b.china_technology_capacity,
        a.china_technology_capacity, false);
    auto t = [&](std::string metric, double x, double y) {
      if (std::fabs(x - y) >= std::max(1.0, 0.005 * std::fabs(x))) im.shifts.push_back({std::move(metric), ShiftUnit::kTonnes, x, y});
    };
    // What the chain outside China could make on its own (no facility in
    // China): the figure a plant outside China changes most directly.
    t("NdFeB magnets the chain outside China could make on its own", base->standalone_magnets_ex_china,
      after->standalone_magnets_ex_china);
    out.impacts.push_back(std::move(im));
  }
}

}  // namespace assay::analysis::internal
