#pragma once

#include <string>
#include <vector>

namespace cifarlab {

// The values an option accepts, for its error message: "a", "a or b", "a, b or c".
std::string joinAlternatives(const std::vector<std::string> &values);

} // namespace cifarlab
