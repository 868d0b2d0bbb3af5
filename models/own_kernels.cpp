#include "models/own_kernels.h"

#include <cstdlib>
#include <fstream>
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

namespace {

bool cpuinfoHasFlag(const char *flag)
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("flags", 0) == 0)
            return (line + " ").find(std::string(" ") + flag + " ") != std::string::npos;
    }
    return false;
}

} // namespace

bool cpuHasAvx512Bf16()
{
    static const bool has = cpuinfoHasFlag("avx512_bf16");
    return has;
}

bool cpuHasAmx()
{
    static const bool has = cpuinfoHasFlag("amx_bf16") && cpuinfoHasFlag("amx_tile");
    return has;
}

} // namespace cifarlab
