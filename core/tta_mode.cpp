#include "core/tta_mode.h"

#include <array>

namespace cifarlab {

namespace {

struct TtaViews
{
    const char *mode;
    int views;
};

// One table, so the modes the options accept and the views the budget charges cannot drift apart.
// Constant-initialized: option parsing in other files' static initializers may read it.
constexpr std::array<TtaViews, 3> kTtaViews = {{{"none", 1}, {"mirror", 2}, {"mirror-translate", 6}}};

} // namespace

const std::vector<std::string> &ttaModeNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto &mode : kTtaViews)
            n.emplace_back(mode.mode);
        return n;
    }();
    return names;
}

int finalEvaluationViews(const std::string &tta)
{
    for (const auto &mode : kTtaViews)
        if (tta == mode.mode)
            return mode.views;
    return 1;
}

} // namespace cifarlab
