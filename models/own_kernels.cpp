#include "models/own_kernels.h"

#include <cstdlib>
#include <string>

namespace cifarlab {

bool ownKernelsEnabled()
{
    static const bool enabled = [] {
        const char *value = std::getenv("CIFARLAB_OWN_KERNELS");
        const std::string setting = value ? value : "";
        return setting != "0" && setting != "off";
    }();
    return enabled;
}

} // namespace cifarlab
