#pragma once

namespace cifarlab {
const char *versionString();
} // namespace cifarlab
