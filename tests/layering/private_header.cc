// Compiled with module report's include tree: analysis/internal.h is private
// to analysis, so it is not there and this must not compile.
#include "assay/analysis/internal.h"
int main() { return 0; }
