#include "core/tensor_memory_cache.h"

#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>
#include <torch/version.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <unistd.h>
#include <unordered_map>

namespace cifarlab {

namespace {

constexpr size_t kMinCachedBytes = size_t(1) << 20;
constexpr size_t kGranule = size_t(64) << 10; // sizes are rounded up to this, so near sizes share buffers
constexpr size_t kAlignment = 64;             // what LibTorch's CPU allocator guarantees
constexpr size_t kMaxOversize = 4;            // a cached buffer serves requests down to a quarter of its size

int64_t defaultLimit()
{
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return int64_t(2) << 30;
    // Half: a quarter (6 GB on 24) made the best preset's pair of width-2 airbench nets (8-9 GB of
    // buffers per step) fault 13 million pages in 8 steps and run 1.35x slower.
    return static_cast<int64_t>(pages) * pageSize / 2;
}

std::atomic<int64_t> g_limit {defaultLimit()};

// LibTorch 2.3 made Allocator::allocate non-const and added copy_data.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
#define CIFARLAB_ALLOCATE_CONST
#define CIFARLAB_ALLOCATOR_COPIES 1
#else
#define CIFARLAB_ALLOCATE_CONST const
#define CIFARLAB_ALLOCATOR_COPIES 0
#endif

class CachingCpuAllocator final : public c10::Allocator
{
public:
    explicit CachingCpuAllocator(c10::Allocator *fallback)
        : m_fallback(fallback)
        , m_fallbackDeleter(fallback->raw_deleter())
    {
    }

    c10::DataPtr allocate(size_t n) CIFARLAB_ALLOCATE_CONST override
    {
        if (n < kMinCachedBytes || !m_enabled.load(std::memory_order_relaxed))
            return m_fallback->allocate(n);
        const size_t size = (n + kGranule - 1) / kGranule * kGranule;
        void *data = nullptr;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            // Best fit: a step's tensors come back at the same sizes. A buffer up to four times the
            // request serves it too, so an epoch's short last batch reuses the full batches' buffers
            // instead of caching a second, smaller set beside them.
            const auto it = m_free.lower_bound(size);
            if (it != m_free.end() && it->first / kMaxOversize <= size) {
                data = it->second;
                m_cachedBytes -= it->first;
                m_free.erase(it);
                ++m_hits;
            }
        }
        if (!data) {
            if (posix_memalign(&data, kAlignment, size) != 0 || !data)
                TORCH_CHECK(false, "out of memory: could not allocate ", size, " bytes for a tensor");
            std::lock_guard<std::mutex> lock(m_mutex);
            m_sizes.emplace(data, size);
            ++m_misses;
        }
        return {data, data, &deleteBuffer, c10::Device(c10::DeviceType::CPU)};
    }

    c10::DeleterFnPtr raw_deleter() const override { return &deleteBuffer; }
#if CIFARLAB_ALLOCATOR_COPIES
    void copy_data(void *dest, const void *src, std::size_t count) const override { default_copy_data(dest, src, count); }
#endif

    void setEnabled(bool enabled)
    {
        m_enabled.store(enabled);
        if (!enabled)
            release();
    }
    bool enabled() const { return m_enabled.load(); }

    void release()
    {
        std::multimap<size_t, void *> freed;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            freed.swap(m_free);
            for (const auto &[size, data] : freed)
                m_sizes.erase(data);
            m_cachedBytes = 0;
        }
        for (const auto &[size, data] : freed)
            std::free(data);
    }

    TensorMemoryCacheStats stats() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        TensorMemoryCacheStats s;
        s.installed = true;
        s.enabled = m_enabled.load();
        s.cachedBytes = m_cachedBytes;
        s.cachedBuffers = static_cast<int64_t>(m_free.size());
        s.limitBytes = g_limit.load();
        s.hits = m_hits;
        s.misses = m_misses;
        return s;
    }

    static CachingCpuAllocator *&instance()
    {
        static CachingCpuAllocator *allocator = nullptr;
        return allocator;
    }

private:
    static void deleteBuffer(void *data) { instance()->free(data); }

    void free(void *data)
    {
        bool ours = false;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            const auto it = m_sizes.find(data);
            if (it != m_sizes.end()) {
                ours = true;
                const size_t size = it->second;
                if (m_enabled.load(std::memory_order_relaxed) && m_cachedBytes + static_cast<int64_t>(size) <= g_limit.load()) {
                    m_free.emplace(size, data);
                    m_cachedBytes += static_cast<int64_t>(size);
                    return;
                }
                m_sizes.erase(it);
            }
        }
        if (ours)
            std::free(data);
        else // a small buffer of the fallback, freed through raw_deleter()
            m_fallbackDeleter(data);
    }

    c10::Allocator *m_fallback;
    c10::DeleterFnPtr m_fallbackDeleter;
    std::atomic<bool> m_enabled {true};
    mutable std::mutex m_mutex;
    mutable std::multimap<size_t, void *> m_free;          // cached buffers by size
    mutable std::unordered_map<void *, size_t> m_sizes;    // every buffer we allocated, in use or cached
    mutable int64_t m_cachedBytes = 0;
    mutable int64_t m_hits = 0;
    mutable int64_t m_misses = 0;
};

std::mutex g_installMutex;

} // namespace

void setTensorMemoryCacheEnabled(bool enabled)
{
    std::lock_guard<std::mutex> lock(g_installMutex);
    auto *&allocator = CachingCpuAllocator::instance();
    if (!allocator) {
        if (!enabled)
            return;
        // Never destroyed: tensors it allocated may be freed during static destruction.
        allocator = new CachingCpuAllocator(c10::GetDefaultCPUAllocator());
        c10::SetCPUAllocator(allocator, /*priority=*/1);
    }
    allocator->setEnabled(enabled);
}

namespace {

// "12G", "800M", "64K" in bytes; -1 for anything else.
int64_t parseCacheSize(const std::string &text)
{
    char *end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    const std::string unit = end ? std::string(end) : std::string();
    double scale = 0;
    if (unit == "K" || unit == "k")
        scale = 1024.0;
    else if (unit == "M" || unit == "m")
        scale = 1024.0 * 1024.0;
    else if (unit == "G" || unit == "g")
        scale = 1024.0 * 1024.0 * 1024.0;
    if (end == text.c_str() || scale == 0 || !(value > 0) || value * scale > 9e18)
        return -1;
    return static_cast<int64_t>(value * scale);
}

} // namespace

void configureTensorMemoryCache()
{
    const char *value = std::getenv("CIFARLAB_TENSOR_CACHE");
    const std::string setting = value ? value : "";
    if (setting == "0" || setting == "off") {
        setTensorMemoryCacheEnabled(false);
        return;
    }
    if (!setting.empty() && setting != "on") {
        const int64_t limit = parseCacheSize(setting);
        static std::atomic<bool> warned {false};
        if (limit > 0)
            g_limit.store(limit);
        else if (!warned.exchange(true))
            std::fprintf(stderr, "warning: CIFARLAB_TENSOR_CACHE='%s' is none of off, on or a size such as 12G; "
                                 "the cache keeps its limit of %.1f GB\n",
                         setting.c_str(), static_cast<double>(g_limit.load()) / (1024.0 * 1024.0 * 1024.0));
    }
    setTensorMemoryCacheEnabled(true);
}

void releaseTensorMemoryCache()
{
    if (auto *allocator = CachingCpuAllocator::instance())
        allocator->release();
}

void setTensorMemoryCacheLimit(int64_t bytes)
{
    g_limit.store(bytes > 0 ? bytes : defaultLimit());
    releaseTensorMemoryCache(); // the simplest way to honour a lower limit at once
}

TensorMemoryCacheStats tensorMemoryCacheStats()
{
    if (auto *allocator = CachingCpuAllocator::instance())
        return allocator->stats();
    return {};
}

} // namespace cifarlab
