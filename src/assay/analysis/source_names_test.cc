// Issue 10 (item 6): named sources are names. A named attribution's `name`
// (and every entry of assessment.named_speakers) is a run of words of the
// text that holds a capitalised word or a name the knowledge base knows, and
// no pronoun, finite verb or clause connective. A reference ("the company",
// "he") keeps its phrase as the source but has no name. Checked on
// sentences written for the test and on every gold article.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "assay/analysis/analyzer.h"
#include "assay/analysis/test_support_internal.h"
#include "assay/base/strings.h"
#include "assay/text/reader.h"

namespace assay::analysis {
namespace {

const Analyzer& analyzer() { return test_support::shared_analyzer({.impact = false}); }

DocumentAnalysis analyze_text(const std::string& text) {
  text::Document d;
  d.text = text;
  auto s = analyzer().new_scratch();
  return analyzer().analyze(d, s);
}

struct Speaker {
  std::string source, name;
  bool operator==(const Speaker&) const = default;
};
std::ostream& operator<<(std::ostream& o, const Speaker& s) { return o << "{" << s.source << " | " << s.name << "}"; }

// The named sources of the last sentence: the phrase as written and the name.
std::vector<Speaker> named(const std::string& text) {
  auto a = analyze_text(text);
  std::vector<Speaker> out;
  if (a.sentences.empty()) return out;
  for (const auto& at : a.sentences.back().attributions)
    if (at.kind == SourceKind::kNamed) out.push_back({std::string(at.source.of(a.document.text)), at.name});
  return out;
}

// ---------------------------------------------------------------- what a name is, for the test

std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (base::is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80 || c == '-' || c == '\'') {
      w.push_back(c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

bool in(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool is_pronoun_word(const std::string& w) {
  if (w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return base::is_ascii_upper(c); })) return false;  // "US"
  return in(base::to_lower_ascii(w), {"it", "he", "she", "they", "we", "i", "you", "him", "them", "us", "me", "which", "who",
                                      "whom", "whose", "that", "what"});
}
// Finite verbs and auxiliaries that open or end a clause, and the speech
// verbs; a lower-case word ending in "ed" (not hyphenated) counts as a verb.
bool is_verb_word(const std::string& w) {
  std::string l = base::to_lower_ascii(w);
  if (in(l, {"has", "have", "had", "is", "are", "was", "were", "did", "does", "do", "will", "would", "can", "could", "may",
             "might", "must", "says", "said", "say", "told", "tells", "tell", "added", "adds", "announced", "announces",
             "confirmed", "confirms", "quotes", "quoted", "expects", "expect", "describes", "described", "reported",
             "reports", "keep", "keeps", "showed", "shows", "estimates", "wants", "halted", "suspended", "filed", "ordered"}))
    return true;
  return !w.empty() && base::is_ascii_lower(w[0]) && l.ends_with("ed") && l.find('-') == std::string::npos;
}
bool is_connective(const std::string& w) {
  return in(base::to_lower_ascii(w), {"but", "or", "nor", "while", "because", "though", "although", "after", "before",
                                      "since", "if", "unless", "whereas", "so", "than", "when", "where"});
}
bool is_function_word(const std::string& w) {
  return in(base::to_lower_ascii(w), {"the", "a", "an", "this", "these", "those", "its", "his", "her", "their", "our", "my",
                                      "your"}) ||
         is_pronoun_word(w);
}

// Why `name` at `span` is not a name in `text`, or "" when it is.
std::string not_a_name(std::string_view text, base::Span span, const std::string& name) {
  if (span.end > text.size() || span.of(text) != name) return "not the text at its span";
  auto word_char = [&](std::size_t i) { return base::is_ascii_alpha(text[i]) || base::is_ascii_digit(text[i]); };
  if ((span.begin > 0 && word_char(span.begin - 1) && word_char(span.begin)) ||
      (span.end < text.size() && word_char(span.end) && word_char(span.end - 1)))
    return "cuts a word";
  std::vector<std::string> words = words_of(name);
  bool capital = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (is_pronoun_word(w) && !(i + 1 < words.size() && base::is_ascii_upper(w[0]) && base::is_ascii_upper(words[i + 1][0])))
      return "holds the pronoun \"" + w + "\"";
    if (is_verb_word(w)) return "holds the verb \"" + w + "\"";
    if (is_connective(w)) return "holds the connective \"" + w + "\"";
    if (base::to_lower_ascii(w) == "and" &&
        !(i > 0 && i + 1 < words.size() && base::is_ascii_upper(words[i - 1][0]) && base::is_ascii_upper(words[i + 1][0])))
      return "joins clauses with \"and\"";
    capital |= std::any_of(w.begin(), w.end(), [](char c) { return base::is_ascii_upper(c); }) && !is_function_word(w);
  }
  if (!capital && analyzer().knowledge_base()->aliases.find(name).empty()) return "holds no capitalised word or known name";
  return "";
}

// Why a reference phrase (a named source without a name) is not a noun
// phrase, or "": a pronoun only alone or as the possessive that opens it.
std::string not_a_reference(std::string_view text, base::Span span) {
  std::vector<std::string> words = words_of(span.of(text));
  if (words.empty()) return "";
  if (words.size() == 1 && is_pronoun_word(words[0])) return "";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (is_pronoun_word(w)) return "holds the pronoun \"" + w + "\"";
    if (is_verb_word(w)) return "holds the verb \"" + w + "\"";
    if (is_connective(w)) return "holds the connective \"" + w + "\"";
  }
  return "";
}

// ---------------------------------------------------------------- sentences written for the test

TEST(SourceNames, AuxiliariesAndObjectsAreNotPartOfTheName) {
  // The example: "Management has told investors it" was a name.
  auto s = named("Rivers Mining reported a loss. Management has told investors it expects output to recover next year.");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s[0], (Speaker{"Management", ""})) << "a role, capitalised only as the sentence's first word";
  for (const auto& x : s) EXPECT_EQ(x.source.find("told"), std::string::npos) << x;
  EXPECT_EQ(named("President Jane Okoro has repeatedly said the mine will stay open."),
            (std::vector<Speaker>{{"President Jane Okoro", "President Jane Okoro"}}));
  EXPECT_EQ(named("The federal government said in a statement that the loan was approved.").at(0), (Speaker{"The federal government", ""}));
  EXPECT_EQ(named("Output fell, the Pentagon said.").at(0), (Speaker{"the Pentagon", "the Pentagon"}));
}

TEST(SourceNames, AnUnnamedGroupIsItsOwnWordsNotTheClauseAroundIt) {
  // When a group word in the window decides the source is unnamed, the
  // source is the group's phrase, never a clause fragment such as
  // "Management has told investors it".
  auto sources = [](const std::string& text) {
    auto a = analyze_text(text);
    std::vector<std::string> out;
    for (const auto& at : a.sentences.back().attributions)
      if (at.kind == SourceKind::kAnonymous) out.emplace_back(at.source.of(a.document.text));
    return out;
  };
  for (const auto& src : sources("Management has told investors it expects output to double."))
    EXPECT_EQ(src.find("told"), std::string::npos) << src;
  EXPECT_EQ(sources("Some investors said the price was too high."), (std::vector<std::string>{"Some investors"}));
}

TEST(SourceNames, APronounIsAReferenceWithoutAName) {
  // "which it says": the pronoun speaks (LABELS: the cast names it), but
  // neither "which it" nor "it" is a name.
  auto s = named("Rivers Mining opened a plant in May. The plant, which it says will process 5,000 tonnes a year, cost $1 billion.");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], (Speaker{"it", ""}));
  auto he = analyze_text("Jonas Berg runs the mine. He said output rose in May.");
  ASSERT_EQ(he.sentences.size(), 2u);
  EXPECT_TRUE(he.sentences[1].labels.has(Label::kSourceNamed)) << "a pronoun for someone named earlier is a named source";
  ASSERT_EQ(he.sentences[1].attributions.size(), 1u);
  EXPECT_EQ(he.sentences[1].attributions[0].source.of(he.document.text), "He");
  EXPECT_EQ(he.sentences[1].attributions[0].name, "");
  EXPECT_EQ(std::count(he.assessment.named_speakers.begin(), he.assessment.named_speakers.end(), "He"), 0);
}

TEST(SourceNames, ADescriptionIsAReferenceWithoutAName) {
  auto s = named("Rivers Mining opened a plant. The company said output would double.");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0], (Speaker{"The company", ""}));
  EXPECT_EQ(named("Rivers Mining opened a plant. The company also said costs rose."), (std::vector<Speaker>{{"The company", ""}}));
}

TEST(SourceNames, NameBeforeTheVerb) {
  EXPECT_EQ(named("Rivers Mining says output will rise."), (std::vector<Speaker>{{"Rivers Mining", "Rivers Mining"}}));
  // The name nearest the cue, not a title before it.
  EXPECT_EQ(named("Chief executive Amara Diallo told reporters the plant was on schedule.").at(0).name, "Amara Diallo");
  // A role after the name says who the person is; the person speaks, not the
  // employer the role names, and a place after it says where.
  EXPECT_EQ(named("Priya Nair, head of research at Kestrel Metals Analytics in Singapore, said prices could rise.").at(0).name,
            "Priya Nair");
}

TEST(SourceNames, ThePersonWhoseRoleNamesAnEmployerSpeaks) {
  EXPECT_EQ(named("Tomas Berg, equity strategist at Halden Capital, says the shares could double.").at(0).name, "Tomas Berg");
  EXPECT_EQ(named("Ana Ruiz, executive director of the Copper Users Forum, called the duty a mistake in a statement.").at(0).name,
            "Ana Ruiz");
  EXPECT_EQ(named("On Monday, Lee Park, a geologist with Norther Resources, said the core samples were promising.").at(0).name,
            "Lee Park");
  EXPECT_EQ(named("Mira Sato, Halden Capital's head of research, said the shares were cheap.").at(0).name, "Mira Sato");
  // Near-misses: no name before the role; the role as the subject itself.
  EXPECT_EQ(named("In the end, analysts at Halden Capital said the shares were cheap.").at(0).name, "Halden Capital");
  EXPECT_EQ(named("After the vote, the head of Halden Capital said the deal was dead.").at(0).name, "Halden Capital");
}

TEST(SourceNames, AParticipleSpeaksForTheClauseSubject) {
  EXPECT_EQ(named("Rivers Mining did not disclose the price of the deal, saying only that it was fair.").at(0).name, "Rivers Mining");
  // After a reported clause ("X said that ..."), the participle is still X's,
  // not a name inside what X reported.
  auto speakers = named("Xu said that the People's Armed Police was ready, warning that the checks would go on.");
  ASSERT_EQ(speakers.size(), 2u);
  EXPECT_EQ(speakers[1].name, "Xu");
  speakers = named("Ana Ruiz said that Halden Capital would sell, adding that the price was fair.");
  ASSERT_EQ(speakers.size(), 2u);
  EXPECT_EQ(speakers[1].name, "Ana Ruiz");
}

TEST(SourceNames, TheSourceOfDataIsTheName) {
  EXPECT_EQ(named("Exports fell 20% in June, according to data from Kestrel Metals Market.").at(0).name, "Kestrel Metals Market");
  EXPECT_EQ(named("The fund will invest $1 billion, according to a statement from Okoro's office.").at(0).name, "Okoro");
}

TEST(SourceNames, ClauseFragmentsAndNounCuesAreNoSource) {
  // A verb of the subordinate clause, a noun that looks like a speech cue.
  EXPECT_TRUE(named("Magnets are coated so that they keep working at the high temperatures found in motors.").empty());
  EXPECT_TRUE(named("The firm says Stibnite could meet 35% of US antimony demand.").size() == 1);
  EXPECT_EQ(named("The firm says Stibnite could meet 35% of US antimony demand.").at(0).source, "The firm");
  EXPECT_TRUE(named("The move is the latest attempt by Kinshasa to gain more say over prices.").empty());
  EXPECT_TRUE(named("Beijing halted shipments to Japan in a 2010 row over disputed islands.").empty());
}

// ---------------------------------------------------------------- the gold articles

std::string read_file(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(SourceNames, EveryNamedSpeakerInTheGoldArticlesIsAName) {
  const char* shared = std::getenv("ASSAY_SHARED_DIR");
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::path(shared ? shared : "") / "eval" / "articles";
  if (!shared || !std::filesystem::is_directory(dir, ec)) GTEST_SKIP() << "no gold articles at $ASSAY_SHARED_DIR/eval/articles";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 40u);
  auto scratch = analyzer().new_scratch();
  int names = 0, references = 0;
  for (const auto& f : files) {
    auto docs = text::read_documents(read_file(f), {.name = f.string()});
    ASSERT_TRUE(docs.has_value()) << f;
    for (const auto& d : docs->documents) {
      DocumentAnalysis a = analyzer().analyze(d, scratch);
      const std::string_view text = a.document.text;
      std::vector<std::string> names_here;
      for (const auto& s : a.sentences)
        for (const auto& at : s.attributions) {
          if (at.kind != SourceKind::kNamed) continue;
          std::string where = f.filename().string() + ": \"" + std::string(s.span.of(text)) + "\"";
          if (at.name.empty()) {
            ++references;
            EXPECT_EQ(not_a_reference(text, at.source), "") << where << " reference \"" << at.source.of(text) << "\"";
            continue;
          }
          ++names;
          names_here.push_back(at.name);
          EXPECT_EQ(not_a_name(text, at.source, at.name), "") << where << " name \"" << at.name << "\"";
        }
      for (const auto& n : a.assessment.named_speakers)
        EXPECT_NE(std::find(names_here.begin(), names_here.end(), n), names_here.end())
            << f.filename() << ": named speaker \"" << n << "\" is no attribution's name";
    }
  }
  EXPECT_GT(names, 100) << "the gold articles name many speakers";
  EXPECT_GT(references, 20) << "and refer to many ('the company', 'he')";
}

}  // namespace
}  // namespace assay::analysis
