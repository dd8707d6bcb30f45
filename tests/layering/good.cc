// Compiled with module report's include tree: base is below report, so this
// header is there (tests/layering_build_test.cmake).
#include "assay/base/error.h"
int main() { return assay::base::Error::invalid("x").message().size() == 1 ? 0 : 1; }
