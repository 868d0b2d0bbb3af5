#pragma once

// Core-internal (includes torch): data-parallel gradient averaging, bucketed like PyTorch's DDP.

#include <torch/types.h>

#include <memory>
#include <vector>

namespace cifarlab {

class DistributedGroup;

// Parameters are packed, in reverse order (the order backward produces their gradients), into flat
// buckets of about `bucketBytes`. A gradient hook copies each gradient into its bucket as soon as
// autograd computes it, and a full bucket starts its all-reduce at once, so communication overlaps
// the rest of backward. Buckets start in index order on every rank, as Gloo requires.
class GradientReducer
{
public:
    // `average` divides the sum by the world size (a mean loss); a summed loss keeps the sum, which
    // is what one process would compute on the whole global batch.
    GradientReducer(DistributedGroup &group, int64_t bucketBytes, bool average);
    ~GradientReducer();
    GradientReducer(const GradientReducer &) = delete;
    GradientReducer &operator=(const GradientReducer &) = delete;

    // (Re)builds the buckets for the parameters that train now; frozen ones may change per epoch.
    void attach(const std::vector<torch::Tensor> &parameters);
    // After backward: starts what is left, waits for every bucket, writes the results into .grad.
    void finish();
    size_t bucketCount() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cifarlab
