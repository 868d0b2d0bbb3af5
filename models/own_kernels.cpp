#include "models/own_kernels.h"

#include <algorithm>
#include <cctype>
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

namespace {

// Ranks of oneDNN's ISA names, in its order: kUncapped when the variable is unset or unknown (oneDNN
// ignores those too).
enum IsaRank { kSse41 = 1, kAvx, kAvx2, kAvx512Core, kAvx512CoreBf16, kUncapped };

int isaCeiling()
{
    static const int rank = [] {
        const char *value = std::getenv("ONEDNN_MAX_CPU_ISA");
        if (!value || !*value)
            value = std::getenv("DNNL_MAX_CPU_ISA");
        std::string name = value ? value : "";
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
        if (name == "sse41")
            return int(kSse41);
        if (name == "avx")
            return int(kAvx);
        if (name == "avx2" || name == "avx2_vnni" || name == "avx2_vnni_2")
            return int(kAvx2);
        if (name == "avx512_core" || name == "avx512_core_vnni")
            return int(kAvx512Core);
        if (name == "avx512_core_bf16" || name == "avx512_core_fp16")
            return int(kAvx512CoreBf16);
        return int(kUncapped);
    }();
    return rank;
}

} // namespace

bool cpuHasAvx2()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && isaCeiling() >= kAvx2;
    return has;
#else
    return false;
#endif
}

bool cpuHasAvx512()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && isaCeiling() >= kAvx512Core;
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
    static const bool has = cpuinfoHasFlag("avx512_bf16") && isaCeiling() >= kAvx512CoreBf16;
    return has;
}

bool cpuHasAmx()
{
    static const bool has = cpuinfoHasFlag("amx_bf16") && cpuinfoHasFlag("amx_tile") && isaCeiling() >= kUncapped;
    return has;
}

} // namespace cifarlab
