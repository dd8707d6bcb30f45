// Bounded work (issue 10): analysing text without full stops costs time and
// output linear in its size. The checks count operations (AnalyzeOptions::work)
// and output bytes, not seconds, so that they hold under the sanitizers.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"
#include "assay/analysis/schema.h"
#include "assay/base/json_writer.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.models = false}); }

std::string unpunctuated(std::size_t bytes) {
  std::string t;
  while (t.size() < bytes) t += "officials said output would rise ";
  return t;
}

struct Cost {
  std::uint64_t work = 0;
  std::size_t json_bytes = 0;
  std::size_t sentences = 0, attributions = 0;
};

Cost cost_of(const std::string& text) {
  text::Document d;
  d.text = text;
  auto scratch = analyzer().new_scratch();
  Cost c;
  auto a = analyzer().analyze(d, scratch, {.work = &c.work});
  std::string json;
  base::JsonWriter w(json, /*pretty=*/false);
  write_analysis(w, a);
  c.json_bytes = json.size();
  c.sentences = a.sentences.size();
  for (const auto& s : a.sentences) c.attributions += s.attributions.size();
  return c;
}

TEST(BoundedWork, UnpunctuatedTextIsLinearInWorkAndOutput) {
  const std::string small = unpunctuated(400 << 10), large = unpunctuated(2 << 20);
  Cost s = cost_of(small), l = cost_of(large);
  // Every speech cue is still read: one attribution per "officials said".
  EXPECT_GT(s.attributions, small.size() / 40);
  EXPECT_GT(l.attributions, large.size() / 40);
  // Output under 30 times the input (it was over 6,000 times at 400 KB).
  EXPECT_LT(s.json_bytes, 30 * small.size());
  EXPECT_LT(l.json_bytes, 30 * large.size());
  RecordProperty("work_400k", std::to_string(s.work));
  RecordProperty("work_2m", std::to_string(l.work));
  RecordProperty("json_400k", std::to_string(s.json_bytes));
  RecordProperty("json_2m", std::to_string(l.json_bytes));
  // Five times the text, under six times the work (quadratic work grows 25 times).
  ASSERT_GT(s.work, 0u);
  EXPECT_LT(static_cast<double>(l.work) / static_cast<double>(s.work), 6.0) << s.work << " -> " << l.work;
  EXPECT_LT(static_cast<double>(l.json_bytes) / static_cast<double>(s.json_bytes), 6.0);
}

TEST(BoundedWork, SourcePhraseIsCappedAndTrimmed) {
  // Without punctuation the subject of each "said" does not run back to the
  // start of the text: it has at most 24 tokens, and a window that reaches
  // the cap is trimmed to the cue that decided it, the nearest "officials".
  text::Document d;
  d.text = unpunctuated(20'000);
  auto scratch = analyzer().new_scratch();
  auto a = analyzer().analyze(d, scratch);
  std::size_t n = 0, trimmed = 0;
  for (const auto& s : a.sentences) {
    for (const auto& at : s.attributions) {
      ++n;
      std::string_view src = at.source.of(a.document.text);
      EXPECT_TRUE(src.ends_with("officials")) << src;
      EXPECT_EQ(at.cue.begin, at.source.end + 1);
      EXPECT_LE(src.size(), 24u * 10u) << src;
      if (at.cue.begin - s.span.begin > 200) {  // past the first 24 tokens of the sentence
        EXPECT_EQ(src, "officials");
        ++trimmed;
      }
    }
  }
  EXPECT_GT(n, 500u);
  EXPECT_GT(trimmed, n / 2);
  // A subject that ends at a clause start keeps its words.
  d.text = "Two senior officials at the ministry in Hanoi said output would rise.";
  a = analyzer().analyze(d, scratch);
  ASSERT_EQ(a.sentences.size(), 1u);
  ASSERT_EQ(a.sentences[0].attributions.size(), 1u);
  // (Issue 10: the place after the phrase, "in Hanoi", says where, not who.)
  EXPECT_EQ(a.sentences[0].attributions[0].source.of(a.document.text), "Two senior officials at the ministry");
}

}  // namespace
}  // namespace assay::analysis
