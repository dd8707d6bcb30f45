#include "assay/base/data_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "assay/base/embedded.h"

namespace assay::base {
namespace {

namespace fs = std::filesystem;

using Files = std::map<std::string, std::string, std::less<>>;

std::shared_ptr<const MemoryData> memory(Files files, std::string root = "data/") {
  return std::make_shared<const MemoryData>(std::move(files), std::move(root));
}

// A scratch directory with the given files, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const Files& files) : dir_(fs::path(::testing::TempDir()) / "assay_data_source_test") {
    fs::remove_all(dir_);
    for (const auto& [path, bytes] : files) {
      fs::create_directories((dir_ / path).parent_path());
      std::ofstream(dir_ / path, std::ios::binary) << bytes;
    }
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

TEST(EmbeddedData, ReadsListsAndNamesTheCompiledInFiles) {
  EmbeddedData data;
  ASSERT_FALSE(embedded_files().empty());
  const auto& first = embedded_files().front();
  auto r = data.read(first.path);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, first.bytes);
  auto lexicons = data.list("lexicons/", ".tsv");
  ASSERT_FALSE(lexicons.empty());
  EXPECT_TRUE(std::is_sorted(lexicons.begin(), lexicons.end()));
  for (const auto& f : lexicons) EXPECT_TRUE(f.starts_with("lexicons/") && f.ends_with(".tsv")) << f;
  EXPECT_TRUE(data.has_folder("lexicons/"));
  EXPECT_FALSE(data.has_folder("no-such-folder/"));
  EXPECT_EQ(data.display_path("kb/countries.csv"), "data/kb/countries.csv");
}

TEST(EmbeddedData, AMissingFileIsNotFoundAtItsDataPath) {
  auto r = EmbeddedData().read("no/such/file.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.error().to_string(), "data/no/such/file.tsv: no such data file");
}

TEST(MemoryData, AMissingFileFailsAsTheEmbeddedOneWould) {
  // The fault-injection seam: a copy of the embedded data without one file
  // fails on that file with the very error the embedded data gives for a
  // file it lacks, and serves the others unchanged.
  MemoryData data = MemoryData::copy_of_embedded();
  data.remove("supply/model.yaml");
  auto missing = data.read("supply/model.yaml");
  ASSERT_FALSE(missing.has_value());
  auto embedded_missing = EmbeddedData().read("supply/no-such.yaml");
  ASSERT_FALSE(embedded_missing.has_value());
  EXPECT_EQ(missing.error().code(), embedded_missing.error().code());
  EXPECT_EQ(missing.error().to_string(), "data/supply/model.yaml: no such data file");
  EXPECT_EQ(data.list("lexicons/", ".tsv"), EmbeddedData().list("lexicons/", ".tsv"));
  EXPECT_EQ(*data.read("kb/countries.csv"), *EmbeddedData().read("kb/countries.csv"));
}

TEST(MemoryData, ListsByPrefixAndSuffixInOrder) {
  MemoryData data({{"b/2.tsv", "2"}, {"a/x.csv", "x"}, {"b/1.tsv", "1"}, {"b/sub/3.tsv", "3"}, {"bb/4.tsv", "4"}},
                  "mem:");
  EXPECT_EQ(data.list("b/", ".tsv"), (std::vector<std::string>{"b/1.tsv", "b/2.tsv", "b/sub/3.tsv"}));
  EXPECT_TRUE(data.list("c/", "").empty());
  EXPECT_TRUE(data.has_folder("a/"));
  EXPECT_FALSE(data.has_folder("c/"));
  EXPECT_EQ(data.display_path("a/x.csv"), "mem:a/x.csv");
  data.put("c/5.tsv", "5");
  EXPECT_EQ(*data.read("c/5.tsv"), "5");
}

TEST(DirectoryData, ReadsListsAndNamesFilesUnderItsDirectory) {
  TempDir tmp({{"lexicons/a.tsv", "A"}, {"lexicons/deep/b.tsv", "B"}, {"lexicons/c.txt", "C"}});
  DirectoryData data(tmp.path());
  EXPECT_EQ(*data.read("lexicons/a.tsv"), "A");
  EXPECT_EQ(data.list("lexicons/", ".tsv"), (std::vector<std::string>{"lexicons/a.tsv", "lexicons/deep/b.tsv"}));
  EXPECT_TRUE(data.list("kb/", ".csv").empty());
  EXPECT_TRUE(data.has_folder("lexicons/"));
  EXPECT_FALSE(data.has_folder("kb/"));
  auto r = data.read("kb/countries.csv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().to_string(), tmp.path() + "/kb/countries.csv: no such data file");
}

TEST(OverlayData, TheFirstThatHasAFileWinsAndListsAreTheUnion) {
  OverlayData data(memory({{"a/1.tsv", "top"}, {"a/3.tsv", "3"}}, "top/"),
                   memory({{"a/1.tsv", "bottom"}, {"a/2.tsv", "2"}, {"b/4.tsv", "4"}}, "bottom/"));
  EXPECT_EQ(*data.read("a/1.tsv"), "top");
  EXPECT_EQ(*data.read("a/2.tsv"), "2");
  EXPECT_EQ(data.list("a/", ".tsv"), (std::vector<std::string>{"a/1.tsv", "a/2.tsv", "a/3.tsv"}));
  EXPECT_EQ(data.list("b/", ".tsv"), (std::vector<std::string>{"b/4.tsv"}));
  EXPECT_TRUE(data.has_folder("b/"));
  // Messages name a file where it came from (issue 10: never a top path
  // that does not exist); a file neither has is not found at top's path.
  EXPECT_EQ(data.display_path("b/4.tsv"), "bottom/b/4.tsv");
  EXPECT_EQ(data.display_path("a/1.tsv"), "top/a/1.tsv");
  EXPECT_EQ(data.origin("a/2.tsv"), "memory");
  auto r = data.read("c/5.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.error().to_string(), "top/c/5.tsv: no such data file");
}

TEST(OverlayData, WithFolderShadowsAFolderOnTopReplacesTheOneBelow) {
  OverlayData data(memory({{"a/1.tsv", "top"}}, "top/"), memory({{"a/2.tsv", "2"}, {"b/4.tsv", "4"}}, "bottom/"),
                   OverlayData::Listing::kFolderShadows);
  EXPECT_EQ(data.list("a/", ".tsv"), (std::vector<std::string>{"a/1.tsv"}));
  EXPECT_EQ(data.list("b/", ".tsv"), (std::vector<std::string>{"b/4.tsv"}));
  EXPECT_EQ(*data.read("a/2.tsv"), "2") << "reads still fall through, file by file";
}

TEST(OpenData, IsTheEmbeddedDataOverriddenByADirectory) {
  auto embedded = open_data("").value();
  EXPECT_EQ(embedded->display_path("kb/countries.csv"), "data/kb/countries.csv");
  TempDir tmp({{"lexicons/mine.tsv", "category\tpattern\n"}, {"kb/countries.csv", "mine"}});
  auto data = open_data(tmp.path()).value();
  EXPECT_EQ(*data->read("kb/countries.csv"), "mine");
  EXPECT_EQ(*data->read("kb/facilities.csv"), *EmbeddedData().read("kb/facilities.csv"));
  // A lexicons/ folder in DIR is the whole set of lexicons; models/ is not
  // there, so the embedded models serve.
  EXPECT_EQ(data->list("lexicons/", ".tsv"), (std::vector<std::string>{"lexicons/mine.tsv"}));
  EXPECT_EQ(data->list("models/", ".tsv"), EmbeddedData().list("models/", ".tsv"));
  // A file only the embedded data has is named where it came from, never
  // as a path in DIR that does not exist (issue 10).
  EXPECT_EQ(data->display_path("kb/facilities.csv"), "data/kb/facilities.csv");
  EXPECT_EQ(data->display_path("kb/countries.csv"), tmp.path() + "/kb/countries.csv");
  EXPECT_EQ(data->origin("kb/countries.csv"), tmp.path() + "/kb/countries.csv");
  EXPECT_EQ(data->origin("kb/facilities.csv"), "embedded");
  EXPECT_EQ(data->origin("lexicons/mine.tsv"), tmp.path() + "/lexicons/mine.tsv");
  EXPECT_EQ(data->origin("no/such.tsv"), "");
  auto r = data->read("no/such.tsv");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().to_string(), tmp.path() + "/no/such.tsv: no such data file");
}

// Issue 10: `--data DIR` pointed one level too deep (at DIR/kb itself) used
// to fall back to the embedded data without a word.
TEST(OpenData, FailsNamingADirWithNoDataFolder) {
  TempDir tmp(Files{{"facilities.csv", "broken"}});
  auto data = open_data(tmp.path());
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().to_string(),
            tmp.path() + ": --data: holds none of the data folders kb/, lexicons/, models/, supply/, scenarios/");
  auto missing = open_data(tmp.path() + "/nope");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().to_string(), tmp.path() + "/nope: --data: not a directory");
  TempDir one(Files{{"scenarios/x.yaml", "x"}});
  EXPECT_TRUE(open_data(one.path()).has_value()) << "one data folder is enough";
}

TEST(DataSource, OriginSaysEmbeddedOrThePath) {
  EXPECT_EQ(EmbeddedData().origin("kb/countries.csv"), "embedded");
  EXPECT_EQ(EmbeddedData().origin("kb"), "embedded");
  EXPECT_EQ(EmbeddedData().origin("kb/nope.csv"), "");
  MemoryData memory(std::map<std::string, std::string, std::less<>>{{"a/b.tsv", "x"}});
  EXPECT_EQ(memory.origin("a/b.tsv"), "memory");
  EXPECT_EQ(memory.origin("a"), "memory");
  EXPECT_EQ(memory.origin("a/c.tsv"), "");
}

}  // namespace
}  // namespace assay::base
