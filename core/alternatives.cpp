#include "core/alternatives.h"

namespace cifarlab {

std::string joinAlternatives(const std::vector<std::string> &values)
{
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            text += i + 1 == values.size() ? " or " : ", ";
        text += values[i];
    }
    return text;
}

} // namespace cifarlab
