#include "core/version.h"

namespace cifarlab {
const char *versionString() { return "0.1.0"; }
} // namespace cifarlab
