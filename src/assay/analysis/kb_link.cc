// Knowledge-base linking: the names an article mentions that data/kb knows,
// with the facts the critique can cite (capacities, status, ownership) and
// each fact's public source.
#include <fmt/format.h>

#include <cmath>
#include <set>

#include "assay/analysis/internal.h"
#include "assay/base/strings.h"

namespace assay::analysis::internal {

namespace {

KbFact facility_fact(const kb::Facility& f) {
  KbFact fact;
  fact.kind = kb::EntityKind::kFacility;
  fact.name = f.name;
  fact.country = f.country;
  fact.stage = f.stage;
  if (f.capacity && f.capacity_unit) {
    fact.value = f.capacity;
    fact.unit = f.capacity_unit;
  }
  fact.status = f.status;
  fact.year = f.status_year;
  if (!f.controlling_country.empty() && f.controlling_country != f.country) fact.controlled_from = f.controlling_country;
  fact.provenance = f;
  return fact;
}

KbFact company_fact(const kb::Company& c) {
  KbFact fact;
  fact.kind = kb::EntityKind::kCompany;
  fact.name = c.name;
  fact.country = c.country;
  fact.state_owned = c.state_owned;
  fact.provenance = c;
  return fact;
}

}  // namespace

void link_kb(const kb::Kb& kb, const DocContext& ctx, DocumentAnalysis& out) {
  // The outlet's type, when the knowledge base knows the outlet and its type
  // is one of LABELS.md's (wire, trade, state, newsletter, blog).
  if (!out.document.outlet.empty()) {
    for (const auto& ref : kb.aliases.find(out.document.outlet)) {
      if (ref.kind != kb::EntityKind::kOutlet || ref.index >= kb.outlets.size()) continue;
      std::string type = kb::outlet_type_name(kb.outlets[ref.index].type);
      if (type == "wire" || type == "trade" || type == "state" || type == "newsletter" || type == "blog")
        out.assessment.outlet_type = type;
      break;
    }
  }
  std::set<std::string> seen;
  for (std::uint32_t si = 0; si < out.sentences.size(); ++si) {
    for (const auto& span : out.sentences[si].names) {
      std::string name(span.of(ctx.text));
      for (const auto& ref : kb.aliases.find(name)) {
        KbLink link;
        link.name = name;
        link.sentence = si;
        if (ref.kind == kb::EntityKind::kCompany && ref.index < kb.companies.size()) {
          const kb::Company& c = kb.companies[ref.index];
          if (!seen.insert("company:" + c.id).second) continue;
          link.kind = kb::EntityKind::kCompany;
          link.id = c.id;
          link.canonical = c.name;
          link.facts.push_back(company_fact(c));
          for (const kb::Facility* f : kb.facilities_of(c.id)) {
            if (link.facts.size() >= 6) break;
            link.facts.push_back(facility_fact(*f));
          }
        } else if (ref.kind == kb::EntityKind::kFacility && ref.index < kb.facilities.size()) {
          const kb::Facility& f = kb.facilities[ref.index];
          if (!seen.insert("facility:" + f.id).second) continue;
          link.kind = kb::EntityKind::kFacility;
          link.id = f.id;
          link.canonical = f.name;
          link.facts.push_back(facility_fact(f));
        } else {
          continue;
        }
        out.kb_links.push_back(std::move(link));
        break;
      }
    }
  }
}

}  // namespace assay::analysis::internal
