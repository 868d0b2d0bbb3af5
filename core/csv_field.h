#pragma once

#include <string>

namespace cifarlab {

// One CSV field as RFC 4180 wants it: quoted (with doubled quotes) only when it holds a comma, a
// quote or a line break.
std::string csvField(const std::string &text);

} // namespace cifarlab
