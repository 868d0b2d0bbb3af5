#include "core/gradient_reducer.h"

#include "core/distributed_group.h"

#include <mutex>

namespace cifarlab {

namespace {

struct Slot
{
    torch::Tensor parameter;
    size_t bucket = 0;
    int64_t offset = 0;
    unsigned hook = 0;
    bool ready = false;
};

struct Bucket
{
    torch::Tensor flat;
    size_t waiting = 0; // slots whose gradient has not arrived in this step
    bool started = false;
};

} // namespace

struct GradientReducer::Impl
{
    DistributedGroup &group;
    int64_t bucketBytes = 0;
    bool average = true;
    std::vector<Slot> slots;
    std::vector<Bucket> buckets;
    size_t nextToStart = 0;
    std::mutex mutex; // autograd may run hooks off the calling thread on other devices

    Impl(DistributedGroup &g, int64_t bytes, bool avg)
        : group(g)
        , bucketBytes(bytes)
        , average(avg)
    {
    }

    void detach()
    {
        for (auto &slot : slots)
            slot.parameter.remove_hook(slot.hook);
        slots.clear();
        buckets.clear();
        nextToStart = 0;
    }

    void startReadyBuckets()
    {
        while (nextToStart < buckets.size() && buckets[nextToStart].waiting == 0) {
            group.allreduceSumAsync(buckets[nextToStart].flat);
            buckets[nextToStart].started = true;
            ++nextToStart;
        }
    }

    void onGradient(size_t index, const torch::Tensor &grad)
    {
        std::lock_guard<std::mutex> lock(mutex);
        Slot &slot = slots[index];
        if (slot.ready)
            return;
        Bucket &bucket = buckets[slot.bucket];
        bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view(slot.parameter.sizes()).copy_(grad);
        slot.ready = true;
        --bucket.waiting;
        startReadyBuckets();
    }
};

GradientReducer::GradientReducer(DistributedGroup &group, int64_t bucketBytes, bool average)
    : m_impl(std::make_unique<Impl>(group, std::max<int64_t>(1, bucketBytes), average))
{
}

GradientReducer::~GradientReducer()
{
    m_impl->detach();
}

void GradientReducer::attach(const std::vector<torch::Tensor> &parameters)
{
    Impl &d = *m_impl;
    d.detach();
    int64_t used = 0;
    std::vector<int64_t> bucketSizes;
    for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
        const int64_t bytes = it->numel() * static_cast<int64_t>(it->element_size());
        // A bucket holds one dtype; a new one starts when it is full or the dtype changes.
        const bool newBucket = bucketSizes.empty() || used >= d.bucketBytes
                               || d.slots.back().parameter.scalar_type() != it->scalar_type();
        if (newBucket) {
            bucketSizes.push_back(0);
            used = 0;
        }
        Slot slot;
        slot.parameter = *it;
        slot.bucket = bucketSizes.size() - 1;
        slot.offset = bucketSizes.back();
        bucketSizes.back() += it->numel();
        used += bytes;
        d.slots.push_back(slot);
    }
    for (size_t b = 0; b < bucketSizes.size(); ++b) {
        Bucket bucket;
        for (const auto &slot : d.slots)
            if (slot.bucket == b) {
                bucket.flat = torch::zeros({bucketSizes[b]}, slot.parameter.options().requires_grad(false));
                break;
            }
        d.buckets.push_back(bucket);
    }
    for (size_t i = 0; i < d.slots.size(); ++i) {
        ++d.buckets[d.slots[i].bucket].waiting;
        Impl *impl = &d;
        d.slots[i].hook = d.slots[i].parameter.register_hook([impl, i](const torch::Tensor &grad) { impl->onGradient(i, grad); });
    }
}

void GradientReducer::finish()
{
    Impl &d = *m_impl;
    {
        std::lock_guard<std::mutex> lock(d.mutex);
        // A parameter this step did not reach contributes zeros, on every rank alike.
        for (auto &slot : d.slots) {
            if (slot.ready)
                continue;
            d.buckets[slot.bucket].flat.narrow(0, slot.offset, slot.parameter.numel()).zero_();
            slot.ready = true;
            --d.buckets[slot.bucket].waiting;
        }
        d.startReadyBuckets();
    }
    d.group.waitPending();
    torch::NoGradGuard noGrad;
    const double scale = d.average ? 1.0 / static_cast<double>(d.group.worldSize()) : 1.0;
    for (auto &bucket : d.buckets) {
        if (scale != 1.0)
            bucket.flat.mul_(scale);
        bucket.started = false;
    }
    for (auto &slot : d.slots) {
        Bucket &bucket = d.buckets[slot.bucket];
        const auto reduced = bucket.flat.narrow(0, slot.offset, slot.parameter.numel()).view(slot.parameter.sizes());
        torch::Tensor &grad = slot.parameter.mutable_grad();
        if (!grad.defined())
            grad = torch::zeros_like(slot.parameter);
        grad.copy_(reduced);
        slot.ready = false;
        ++bucket.waiting;
    }
    d.nextToStart = 0;
}

size_t GradientReducer::bucketCount() const
{
    return m_impl->buckets.size();
}

} // namespace cifarlab
