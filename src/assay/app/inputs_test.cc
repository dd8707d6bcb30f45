#include "assay/app/inputs.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace assay::app {
namespace {

namespace fs = std::filesystem;

TEST(Inputs, DirectoriesExpandToTheirKnownFilesSorted) {
  fs::path dir = fs::path(::testing::TempDir()) / "assay_inputs_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  for (const char* f : {"b.txt", "a.md", "sub/c.jsonl", "skip.pdf"}) std::ofstream(dir / f) << "x";
  base::Errors errors;
  auto in = expand_inputs({dir.string(), "-", (dir / "none.txt").string()}, errors);
  ASSERT_EQ(in.size(), 4u);
  EXPECT_EQ(in[0].path, (dir / "a.md").string());
  EXPECT_EQ(in[1].path, (dir / "b.txt").string());
  EXPECT_EQ(in[2].path, (dir / "sub/c.jsonl").string());
  EXPECT_EQ(in[3].path, "-");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(), (dir / "none.txt").string() + ": no such file or directory");
  auto bytes = read_input(in[0]);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, "x");
  auto big = read_input(in[0], 0);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code(), base::ErrorCode::kInvalidInput);
  fs::remove_all(dir);
}

TEST(Inputs, SharedDirPrefersTheOption) { EXPECT_EQ(shared_dir("/x/shared"), "/x/shared"); }

}  // namespace
}  // namespace assay::app
