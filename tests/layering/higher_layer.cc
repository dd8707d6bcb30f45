// Compiled with module report's include tree: cli is a higher layer, so its
// headers are not there and this must not compile.
#include "assay/cli/commands.h"
int main() { return 0; }
