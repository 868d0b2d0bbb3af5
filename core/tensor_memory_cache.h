#pragma once

#include <cstdint>

namespace cifarlab {

// LibTorch's CPU allocator takes every tensor past glibc's 32 MiB mmap ceiling (most activations of
// a 1,024-image batch) fresh from the kernel and gives it back on free, so each training step
// page-faults and zero-fills its activations again: about 15% of an airbench step on this project's
// machine. The cache keeps freed CPU buffers of 1 MiB and more for the next request of about the same
// size, as PyTorch's CUDA caching allocator does on a GPU. Smaller buffers go to LibTorch's allocator.

struct TensorMemoryCacheStats
{
    bool installed = false; // LibTorch allocates CPU tensors through the cache
    bool enabled = false;   // freed buffers are kept (installed and not switched off)
    int64_t cachedBytes = 0;
    int64_t cachedBuffers = 0;
    int64_t limitBytes = 0;
    int64_t hits = 0;   // requests served from the cache
    int64_t misses = 0; // requests that went to the system
};

// Installs the cache as LibTorch's CPU allocator (the first time it is enabled) or switches it off:
// then new buffers come from LibTorch's own allocator again and freed ones go back to the system.
void setTensorMemoryCacheEnabled(bool enabled);
// Enabled unless $CIFARLAB_TENSOR_CACHE is "0" or "off"; a size there ("12G", "800M") sets its limit.
// Called where training, evaluation and the bench set up their threads.
void configureTensorMemoryCache();
// Frees every cached buffer (buffers in use are untouched): at the end of a run and before measuring memory.
void releaseTensorMemoryCache();
// What the cache may hold; a freed buffer that does not fit goes back to the system. Default: half
// of physical memory. 0 restores the default.
void setTensorMemoryCacheLimit(int64_t bytes);
TensorMemoryCacheStats tensorMemoryCacheStats();

} // namespace cifarlab
