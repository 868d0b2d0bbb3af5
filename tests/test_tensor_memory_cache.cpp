// The CPU tensor buffer cache: reuse, limits, release, switching off, and results unchanged by it.
#include "core/tensor_memory_cache.h"

#include <c10/core/CPUAllocator.h>
#include <torch/torch.h>

#include <cstring>

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

constexpr int64_t kMiB = int64_t(1) << 20;

// 4 MiB of float32.
torch::Tensor bigTensor()
{
    return torch::empty({kMiB});
}

class TensorMemoryCache : public ::testing::Test
{
protected:
    void SetUp() override
    {
        setTensorMemoryCacheEnabled(true);
        setTensorMemoryCacheLimit(0);
        releaseTensorMemoryCache();
    }
    void TearDown() override
    {
        setTensorMemoryCacheLimit(0);
        setTensorMemoryCacheEnabled(true);
    }
};

} // namespace

TEST_F(TensorMemoryCache, AFreedBufferServesTheNextRequestOfItsSize)
{
    const auto before = tensorMemoryCacheStats();
    EXPECT_TRUE(before.installed);
    EXPECT_TRUE(before.enabled);
    void *first = nullptr;
    {
        auto t = bigTensor();
        first = t.data_ptr();
        EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % 64, 0u);
    }
    auto s = tensorMemoryCacheStats();
    EXPECT_EQ(s.cachedBuffers, 1);
    EXPECT_GE(s.cachedBytes, 4 * kMiB);
    auto again = bigTensor();
    EXPECT_EQ(again.data_ptr(), first);
    s = tensorMemoryCacheStats();
    EXPECT_EQ(s.hits, before.hits + 1);
    EXPECT_EQ(s.cachedBuffers, 0);
    // A smaller request reuses it too, down to a quarter of its size; a much smaller one does not.
    again = torch::Tensor();
    auto near = torch::empty({kMiB - 1000});
    EXPECT_EQ(near.data_ptr(), first);
    near = torch::Tensor();
    auto quarter = torch::empty({kMiB / 4});
    EXPECT_EQ(quarter.data_ptr(), first);
    quarter = torch::Tensor();
    {
        auto large = torch::empty({4 * kMiB}); // 16 MiB
        void *largeData = large.data_ptr();
        large = torch::Tensor();
        auto underAQuarter = torch::empty({kMiB - 16 * 1024}); // 4 MiB less one 64 KiB granule
        EXPECT_NE(underAQuarter.data_ptr(), largeData);
    }
}

TEST_F(TensorMemoryCache, AShortLastBatchReusesTheFullBatchesBuffers)
{
    // A step's live tensors at a full batch of 256, then the same step at an epoch's last 80 images:
    // the short step is served from the full step's buffers instead of caching a second set.
    const std::vector<int64_t> full = {8 * kMiB, 4 * kMiB, 4 * kMiB, 2 * kMiB, kMiB};
    const auto step = [&](double share) {
        std::vector<torch::Tensor> live;
        for (const int64_t elements : full)
            live.push_back(torch::empty({static_cast<int64_t>(static_cast<double>(elements) * share)}));
        for (auto &t : live)
            t.fill_(1.0f);
    };
    step(1.0);
    const auto afterFull = tensorMemoryCacheStats();
    EXPECT_EQ(afterFull.cachedBuffers, static_cast<int64_t>(full.size()));
    step(80.0 / 256.0);
    // Best fit hands each short tensor the buffer of a smaller full one, so the smallest short tensor
    // may find nothing left within four times its size: at most that one is new (1.25 of 23.75 MiB).
    const auto afterShort = tensorMemoryCacheStats();
    EXPECT_LE(afterShort.misses, afterFull.misses + 1);
    EXPECT_LE(afterShort.cachedBytes - afterFull.cachedBytes, 2 * kMiB);
    // And the next full step finds every buffer again.
    step(1.0);
    const auto afterNext = tensorMemoryCacheStats();
    EXPECT_EQ(afterNext.misses, afterShort.misses);
    EXPECT_EQ(afterNext.cachedBytes, afterShort.cachedBytes);
}

TEST_F(TensorMemoryCache, SmallTensorsAreNotCached)
{
    const auto before = tensorMemoryCacheStats();
    {
        auto small = torch::ones({1000});
        EXPECT_EQ(small.sum().item<float>(), 1000.0f);
    }
    const auto after = tensorMemoryCacheStats();
    EXPECT_EQ(after.cachedBuffers, 0);
    EXPECT_EQ(after.hits + after.misses, before.hits + before.misses);
}

TEST_F(TensorMemoryCache, ReleaseAndTheLimitReturnMemoryToTheSystem)
{
    {
        auto a = bigTensor();
        auto b = bigTensor();
    }
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 2);
    releaseTensorMemoryCache();
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 0);
    EXPECT_EQ(tensorMemoryCacheStats().cachedBytes, 0);

    setTensorMemoryCacheLimit(6 * kMiB);
    EXPECT_EQ(tensorMemoryCacheStats().limitBytes, 6 * kMiB);
    {
        auto a = bigTensor();
        auto b = bigTensor();
    }
    // Only one 4 MiB buffer fits under 6 MiB; the other went back.
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 1);
    EXPECT_LE(tensorMemoryCacheStats().cachedBytes, 6 * kMiB);
}

TEST_F(TensorMemoryCache, SwitchedOffItKeepsNothingAndLiveTensorsStayValid)
{
    auto live = bigTensor().fill_(3.0f);
    setTensorMemoryCacheEnabled(false);
    EXPECT_FALSE(tensorMemoryCacheStats().enabled);
    {
        auto fresh = bigTensor().fill_(1.0f);
        EXPECT_EQ(fresh.sum().item<double>(), static_cast<double>(kMiB));
    }
    EXPECT_EQ(live.sum().item<double>(), 3.0 * kMiB); // allocated by the cache, still intact
    live = torch::Tensor();
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 0);
    setTensorMemoryCacheEnabled(true);
    {
        auto t = bigTensor();
    }
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 1);
}

TEST_F(TensorMemoryCache, RawAllocationsGoThroughTheSameDeleter)
{
    auto *allocator = c10::GetCPUAllocator();
    for (const size_t bytes : {size_t(256), size_t(8 * kMiB)}) {
        void *p = allocator->raw_allocate(bytes);
        ASSERT_NE(p, nullptr);
        std::memset(p, 7, bytes);
        allocator->raw_deallocate(p);
    }
    EXPECT_EQ(tensorMemoryCacheStats().cachedBuffers, 1); // the 8 MiB one
}

// A small network trained a few steps gives the same numbers with and without the cache: reused
// buffers carry old contents, which nothing may read.
TEST_F(TensorMemoryCache, TrainingResultsAreTheSameWithAndWithoutIt)
{
    auto trainSteps = [] {
        torch::manual_seed(11);
        torch::nn::Sequential net(torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 32, 3).padding(1)), torch::nn::ReLU(),
                                  torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)), torch::nn::Flatten(),
                                  torch::nn::Linear(32 * 16 * 16, 10));
        torch::optim::SGD opt(net->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
        const auto x = torch::randn({64, 3, 32, 32});
        const auto y = torch::randint(0, 10, {64});
        torch::Tensor loss;
        for (int i = 0; i < 4; ++i) {
            opt.zero_grad();
            loss = torch::nn::functional::cross_entropy(net->forward(x), y);
            loss.backward();
            opt.step();
        }
        return loss.item<double>();
    };
    setTensorMemoryCacheEnabled(false);
    const double without = trainSteps();
    setTensorMemoryCacheEnabled(true);
    const auto before = tensorMemoryCacheStats();
    const double with = trainSteps();
    EXPECT_GT(tensorMemoryCacheStats().hits, before.hits); // the 64 x 32 x 32 x 32 activations are reused
    EXPECT_DOUBLE_EQ(with, without);
}
