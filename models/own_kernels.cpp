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

bool cpuHasAvx512()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl");
    return has;
#else
    return false;
#endif
}

} // namespace cifarlab
