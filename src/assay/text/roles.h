// text/roles: what each sentence is on the page. Body text, or a line of
// page furniture that news pages carry between paragraphs: a heading
// ("What's confirmed", "Highlights"), a byline ("By Hannah Okafor",
// "Published 14 March 2026"), a caption or link line ("Photo: ...",
// "Read more: ..."), or a list item ("- First oxide produced"). The reader's
// markup decides where it has some (Document::blocks, from HTML tags); the
// shape of the line decides otherwise: a short line of its own without final
// punctuation is a heading, "By NAME" a byline, a bullet marker a list item.
//
//   Segmentation seg = segment(doc.text);
//   std::vector<SentenceRole> roles = sentence_roles(doc.text, doc.blocks, seg);
//   if (roles[0] == SentenceRole::kHeading) ...;
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "assay/text/document.h"
#include "assay/text/segment.h"

namespace assay::text {

enum class SentenceRole : std::uint8_t { kBody, kHeading, kByline, kCaption, kList };
const char* sentence_role_name(SentenceRole r);  // "body", "heading", "byline", "caption", "list"
std::optional<SentenceRole> parse_sentence_role(std::string_view s);

// True for the roles that are page furniture (heading, byline, caption):
// such a sentence is kept and shown but is never a source, a confirmation
// or a claim.
inline bool is_furniture(SentenceRole r) {
  return r == SentenceRole::kHeading || r == SentenceRole::kByline || r == SentenceRole::kCaption;
}

// The role of one sentence of `text`, from its line alone.
SentenceRole line_role(std::string_view text, const Sentence& s);

// The role of every sentence of `seg`: a sentence inside a block of
// `blocks` takes the block's kind (a heading, list item or caption the
// markup marked); the others are read by line_role().
std::vector<SentenceRole> sentence_roles(std::string_view text, const std::vector<Block>& blocks, const Segmentation& seg);

}  // namespace assay::text
