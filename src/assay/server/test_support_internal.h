// What the server module's tests share: the token they start writable APIs
// with, and one engine (no supply-model impact) built once per test binary
// from the embedded data, so that api_test.cc and web_test.cc do not each
// build their own.
#pragma once

#include <memory>
#include <string_view>

#include "assay/app/engine.h"
#include "assay/base/embedded.h"

namespace assay::server::test_support {

inline constexpr std::string_view kToken = "0123456789abcdef0123";

inline std::shared_ptr<const app::Engine> engine() {
  static auto e = std::make_shared<const app::Engine>(std::make_shared<const base::EmbeddedData>(),
                                                      app::EngineOptions{.impact = false});
  return e;
}

}  // namespace assay::server::test_support
