#include "assay/verify/model_facts.h"

#include <fmt/format.h>

#include <charconv>

#include "assay/base/strings.h"

namespace assay::verify {

bool operator==(const ModelStage& a, const ModelStage& b) {
  auto same = [](const std::vector<supply::Share>& x, const std::vector<supply::Share>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].key != y[i].key || x[i].value != y[i].value) return false;
    return true;
  };
  return a.unit == b.unit && same(a.capacity_by_country, b.capacity_by_country) && same(a.flow_by_country, b.flow_by_country);
}

bool operator==(const ModelFacts& a, const ModelFacts& b) { return a.year == b.year && a.stages == b.stages; }

ModelFacts facts_of(const supply::ChainMetrics& m) {
  ModelFacts f;
  f.year = m.year;
  f.stages.reserve(m.stages.size());
  for (const auto& s : m.stages) f.stages.push_back({s.unit, s.capacity_by_country, s.flow_by_country});
  return f;
}

std::string world_fingerprint(const base::DataSource& data) {
  std::vector<std::string> paths = data.list("kb/", ".csv");
  paths.push_back("supply/model.yaml");
  std::uint64_t h = base::fnv1a("assay-world-1");
  for (const auto& p : paths) {
    h = base::fnv1a(p, h);
    h = base::fnv1a(std::string_view("\0", 1), h);
    auto bytes = data.read(p);
    // A file that cannot be read is part of what the data are.
    h = bytes ? base::fnv1a(*bytes, h) : base::fnv1a("(missing)", h);
    h = base::fnv1a(std::string_view("\0", 1), h);
  }
  return fmt::format("{:016x}", h);
}

std::string write_model_facts(const ModelTable& table) {
  std::string out = "assay-model-facts 1\nfingerprint " + table.fingerprint + "\n";
  for (const auto& [year, f] : table.years) {
    out += fmt::format("year {}\n", year);
    for (std::size_t i = 0; i < f.stages.size(); ++i) {
      const ModelStage& s = f.stages[i];
      out += fmt::format("stage\t{}\t{}\n", i, s.unit);
      for (const auto& c : s.capacity_by_country) out += fmt::format("c\t{}\t{:.17g}\n", c.key, c.value);
      for (const auto& c : s.flow_by_country) out += fmt::format("f\t{}\t{:.17g}\n", c.key, c.value);
    }
  }
  return out;
}

namespace {

base::Error bad(std::size_t line, std::string what) {
  return base::Error::invalid(std::move(what), {.file = "model facts", .line = static_cast<std::int64_t>(line)});
}

std::vector<std::string_view> split_tabs(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t from = 0;;) {
    std::size_t tab = s.find('\t', from);
    out.push_back(s.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
    if (tab == std::string_view::npos) return out;
    from = tab + 1;
  }
}

}  // namespace

base::Result<ModelTable> read_model_facts(std::string_view text) {
  ModelTable t;
  ModelFacts* year = nullptr;
  ModelStage* stage = nullptr;
  std::size_t n = 0;
  bool header = false;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++n;
    if (line.empty()) continue;
    if (!header) {
      if (line != "assay-model-facts 1") return base::fail(bad(n, "not a model facts file (expected 'assay-model-facts 1')"));
      header = true;
      continue;
    }
    if (line.starts_with("fingerprint ")) {
      t.fingerprint = std::string(line.substr(12));
      continue;
    }
    if (line.starts_with("year ")) {
      int y = 0;
      auto v = line.substr(5);
      if (std::from_chars(v.data(), v.data() + v.size(), y).ec != std::errc{} || y < 1900 || y > 2100)
        return base::fail(bad(n, fmt::format("bad year '{}'", v)));
      year = &t.years[y];
      year->year = y;
      stage = nullptr;
      continue;
    }
    auto f = split_tabs(line);
    if (f[0] == "stage") {
      std::size_t i = 0;
      if (!year) return base::fail(bad(n, "a stage before any year"));
      if (f.size() != 3 || std::from_chars(f[1].data(), f[1].data() + f[1].size(), i).ec != std::errc{} ||
          i != year->stages.size())
        return base::fail(bad(n, "bad stage line (expected 'stage<TAB>index<TAB>unit', indexes in order)"));
      stage = &year->stages.emplace_back();
      stage->unit = std::string(f[2]);
      continue;
    }
    if ((f[0] == "c" || f[0] == "f") && f.size() == 3) {
      if (!stage) return base::fail(bad(n, "a share before any stage"));
      double v = 0;
      auto r = std::from_chars(f[2].data(), f[2].data() + f[2].size(), v);
      if (r.ec != std::errc{} || r.ptr != f[2].data() + f[2].size())
        return base::fail(bad(n, fmt::format("bad number '{}'", f[2])));
      (f[0] == "c" ? stage->capacity_by_country : stage->flow_by_country).push_back({std::string(f[1]), v});
      continue;
    }
    return base::fail(bad(n, fmt::format("unknown line '{}'", line.substr(0, 40))));
  }
  if (!header) return base::fail(bad(1, "empty model facts"));
  if (t.fingerprint.empty()) return base::fail(bad(n, "no fingerprint line"));
  return t;
}

}  // namespace assay::verify
