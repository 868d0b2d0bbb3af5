#include "models/registry.h"

namespace cifarlab {
std::vector<ArchitectureInfo> listArchitectures() { return {}; }
} // namespace cifarlab
