// analysis/link: entity linking. Every company, agency, fund, facility,
// deposit, country (by name, adjective or capital: "Chinese", "Kuala
// Lumpur") and element (by name, symbol, oxide, metal or group: "NdPr",
// "neodymium oxide", "heavy rare earths") that an article names becomes an
// EntityMention (analyzer.h) with its span and, where data/kb holds it, the
// row it means (KbRef: "companies:lynas", "facilities:lynas-mt-weld-mine",
// "countries:China", "elements:Nd").
//
// The names come from the analyzer's one lexicon scan: the gazetteer's
// countries and elements, and the category `entity` of
// data/lexicons/entities.tsv (generated from data/kb by
// scripts/entity_lexicon.py: names, aliases, tickers, facility and deposit
// names) and data/lexicons/entity_names.tsv (reviewed: capitals, oxides,
// groups, names the rows do not spell); organisations the kb does not hold
// come from the sentence rules' names. Where names overlap the longest wins
// ("China Northern Rare Earth" is the company, not China). Context decides
// the rest: a name that may mean several rows takes the one whose stage the
// sentence names; a company named in a sentence that names a country where it
// has a plant gets that plant as `context` ("Lynas" in a Malaysian sentence:
// Lynas Malaysia); a short or sentence-initial alias ("MP", "Peak") links
// only when the article names the company another way too.
//
//   DocumentAnalysis a = analyzer->analyze(doc, scratch);
//   for (const EntityMention& m : a.entity_mentions)
//     if (m.kb) fmt::print("{} -> {}:{}\n", m.text, m.kb->table, m.kb->id);
//   // The mentions of one sentence (for claims):
//   for (const EntityMention* m : mentions_in(a, a.sentences[3].span)) ...
//   // The first country or company a sentence names:
//   const EntityMention* subject = first_mention(a, a.sentences[3].span, {MentionKind::kCountry, MentionKind::kCompany});
#pragma once

#include <initializer_list>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/base/span.h"

namespace assay::analysis {

// The mentions that lie inside `span` (a sentence's, or any other), in text
// order. Pointers into a.entity_mentions: valid while `a` is unchanged.
std::vector<const EntityMention*> mentions_in(const DocumentAnalysis& a, base::Span span);

// The first mention inside `span` of one of `kinds` (every kind when empty),
// or nullptr.
const EntityMention* first_mention(const DocumentAnalysis& a, base::Span span,
                                   std::initializer_list<MentionKind> kinds = {});

// "companies:lynas"; "" when the mention has no kb row.
std::string kb_key(const EntityMention& m);

}  // namespace assay::analysis
