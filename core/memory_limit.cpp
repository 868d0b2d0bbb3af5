#include "core/memory_limit.h"

#include "core/error.h"

#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>

#include <sys/resource.h>
#include <unistd.h>

namespace cifarlab {
namespace {

std::atomic<int64_t> g_limit {0};

int64_t defaultLimit()
{
    if (const char *env = std::getenv("CIFARLAB_MEMORY_LIMIT"); env && *env)
        return parseByteSize(env, "CIFARLAB_MEMORY_LIMIT");
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    int64_t limit
        = pages > 0 && pageSize > 0 ? static_cast<int64_t>(pages) * pageSize / 10 * 8 : (int64_t(8) << 30);
    rlimit as {};
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY)
        limit = std::min<int64_t>(limit, static_cast<int64_t>(as.rlim_cur));
    return limit;
}

int64_t statusKilobytes(const std::string &key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.compare(0, key.size(), key) == 0)
            return std::stoll(line.substr(key.size()));
    return 0;
}

} // namespace

int64_t residentBytes()
{
    return statusKilobytes("VmRSS:") * 1024;
}

int64_t peakResidentBytes()
{
    return statusKilobytes("VmHWM:") * 1024;
}

int64_t parseByteSize(const std::string &text, const std::string &what)
{
    const auto bad = [&] {
        return Error(what + ": expected a size such as 512M, 8G or a number of bytes, got '" + text + "'");
    };
    size_t pos = 0;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.'))
        ++pos;
    if (pos == 0)
        throw bad();
    char *end = nullptr;
    const std::string number = text.substr(0, pos);
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size() || !std::isfinite(value))
        throw bad();
    std::string unit;
    for (size_t i = pos; i < text.size(); ++i) {
        if (!std::isspace(static_cast<unsigned char>(text[i])))
            unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    }
    double scale = 1;
    if (unit.empty() || unit == "b")
        scale = 1;
    else if (unit == "k" || unit == "kb" || unit == "kib")
        scale = 1024.0;
    else if (unit == "m" || unit == "mb" || unit == "mib")
        scale = 1024.0 * 1024.0;
    else if (unit == "g" || unit == "gb" || unit == "gib")
        scale = 1024.0 * 1024.0 * 1024.0;
    else if (unit == "t" || unit == "tb" || unit == "tib")
        scale = 1024.0 * 1024.0 * 1024.0 * 1024.0;
    else
        throw bad();
    const double bytes = value * scale;
    if (bytes < 1 || bytes > 9.0e18)
        throw Error(what + ": " + text + " is not a usable memory size");
    return static_cast<int64_t>(bytes);
}

std::string formatByteSize(int64_t bytes)
{
    static const char *const kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024)
        return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    double v = static_cast<double>(bytes) / 1024.0;
    int unit = 0;
    while (v >= 1024.0 && unit < 5) {
        v /= 1024.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, v >= 100 ? "%.0f %s" : "%.1f %s", v, kUnits[unit]);
    return text;
}

int64_t memoryLimitBytes()
{
    int64_t limit = g_limit.load(std::memory_order_relaxed);
    if (limit == 0) {
        limit = defaultLimit();
        g_limit.store(limit, std::memory_order_relaxed);
    }
    return limit;
}

void setMemoryLimitBytes(int64_t bytes)
{
    g_limit.store(bytes > 0 ? bytes : 0, std::memory_order_relaxed);
}

void checkMemory(int64_t bytes, const std::string &what)
{
    const int64_t limit = memoryLimitBytes();
    if (bytes > limit)
        throw Error(what + " would need " + formatByteSize(bytes) + " of memory, over the limit of "
            + formatByteSize(limit) + " (raise it with --memory-limit or CIFARLAB_MEMORY_LIMIT)");
}

} // namespace cifarlab
