#include "assay/base/embedded.h"

namespace assay::base {

std::string_view version() { return ASSAY_VERSION; }

}  // namespace assay::base
