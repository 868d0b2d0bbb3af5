#include "core/tta_mode.h"

#include <utility>

namespace cifarlab {

namespace {

// One table, so the modes the options accept and the views the budget charges cannot drift apart.
const std::vector<std::pair<std::string, int>> kTtaViews = {{"none", 1}, {"mirror", 2}, {"mirror-translate", 6}};

} // namespace

const std::vector<std::string> &ttaModeNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto &mode : kTtaViews)
            n.push_back(mode.first);
        return n;
    }();
    return names;
}

int finalEvaluationViews(const std::string &tta)
{
    for (const auto &mode : kTtaViews)
        if (mode.first == tta)
            return mode.second;
    return 1;
}

} // namespace cifarlab
