// report/story: the renderers of stories (issue 15): the listing of
// `assay stories` (Markdown, or `assay.stories/1` JSON Lines: one object per
// story) and the story critique of `assay story ID` (Markdown, JSON, HTML):
// the six critique sections at story level, the members with their roles
// and fidelity, each claim's verdict across versions, what retellings added
// and dropped, the on-record statements and the background.
//
//   std::string line = report::story_json(story, nullptr, {}, false);   // one assay.stories/1 object, compact
//   std::string md = report::render_story(story, &comparison, history, report::OutputFormat::kMarkdown);
//   auto sections = report::story_critique(story, comparison);          // the six sections' points
#pragma once

#include <span>
#include <string>
#include <vector>

#include "assay/corpus/cluster.h"
#include "assay/corpus/compare.h"
#include "assay/report/chain.h"

namespace assay::report {

inline constexpr const char* kStoriesSchema = "assay.stories/1";

struct StorySection {
  std::string key;    // "highlights", "holds_true", "shadows", "bias", "supply_chain", "bottom_line"
  std::string title;  // "Highlights", ...
  std::vector<std::string> points;
};

// The six sections of the critique at story level.
std::vector<StorySection> story_critique(const corpus::Story& story, const corpus::StoryComparison& c);

// One story as assay.stories/1 JSON: the listing's fields, and with a
// comparison the story report's (corroboration, claims, comparison,
// on_record, background_statements, critique, history).
std::string story_json(const corpus::Story& story, const corpus::StoryComparison* c,
                       std::span<const corpus::HistoryEntry> history, bool pretty);

// The listing: JSON Lines (kJson) or a Markdown table (otherwise).
std::string render_stories(std::span<const corpus::Story> stories, OutputFormat format);

// The story report in Markdown, JSON or HTML.
std::string render_story(const corpus::Story& story, const corpus::StoryComparison& c,
                         std::span<const corpus::HistoryEntry> history, OutputFormat format);

}  // namespace assay::report
