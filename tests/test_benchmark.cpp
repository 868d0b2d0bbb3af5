#include "core/benchmark.h"

#include <gtest/gtest.h>

using namespace cifarlab;

namespace {

ProfiledRange begin(const char *name, double us)
{
    return {name, true, us};
}

ProfiledRange end(double us)
{
    return {std::string(), false, us};
}

const OperatorTime *find(const std::vector<OperatorTime> &ops, const std::string &name)
{
    for (const auto &op : ops)
        if (op.name == name)
            return &op;
    return nullptr;
}

} // namespace

// Self time excludes the nested operators, total includes them; both and the calls are per step.
TEST(Benchmark, ProfileSummarySplitsSelfFromNestedTime)
{
    // Two steps on the main thread: conv (10 ms) calling mkldnn (7 ms), then relu (1 ms).
    // A second thread (autograd's) runs a backward of 4 ms calling a 3 ms kernel, opened before
    // profiling began by one stray end.
    const std::vector<std::vector<ProfiledRange>> threads = {
        {begin("aten::conv2d", 0), begin("aten::mkldnn_convolution", 1000), end(8000), end(10000), begin("aten::relu", 10000),
         end(11000), begin("aten::conv2d", 20000), begin("aten::mkldnn_convolution", 21000), end(28000), end(30000)},
        {end(5), begin("ConvolutionBackward0", 100), begin("aten::convolution_backward", 200), end(3200), end(4100)},
    };
    const auto ops = summarizeProfile(threads, 2);
    ASSERT_EQ(ops.size(), 5u);

    const auto *mkldnn = find(ops, "aten::mkldnn_convolution");
    ASSERT_NE(mkldnn, nullptr);
    EXPECT_DOUBLE_EQ(mkldnn->callsPerStep, 1.0);
    EXPECT_DOUBLE_EQ(mkldnn->selfMsPerStep, 7.0);
    EXPECT_DOUBLE_EQ(mkldnn->totalMsPerStep, 7.0);

    const auto *conv = find(ops, "aten::conv2d");
    ASSERT_NE(conv, nullptr);
    EXPECT_DOUBLE_EQ(conv->callsPerStep, 1.0);
    EXPECT_DOUBLE_EQ(conv->selfMsPerStep, 3.0);
    EXPECT_DOUBLE_EQ(conv->totalMsPerStep, 10.0);

    const auto *relu = find(ops, "aten::relu");
    ASSERT_NE(relu, nullptr);
    EXPECT_DOUBLE_EQ(relu->callsPerStep, 0.5);
    EXPECT_DOUBLE_EQ(relu->selfMsPerStep, 0.5);

    const auto *backward = find(ops, "ConvolutionBackward0");
    ASSERT_NE(backward, nullptr);
    EXPECT_DOUBLE_EQ(backward->selfMsPerStep, 0.5);
    EXPECT_DOUBLE_EQ(backward->totalMsPerStep, 2.0);
    EXPECT_DOUBLE_EQ(find(ops, "aten::convolution_backward")->selfMsPerStep, 1.5);

    // Largest self time first.
    EXPECT_EQ(ops.front().name, "aten::mkldnn_convolution");
    for (size_t i = 1; i < ops.size(); ++i)
        EXPECT_GE(ops[i - 1].selfMsPerStep, ops[i].selfMsPerStep);
}

TEST(Benchmark, ProfileSummaryOfNothingIsEmpty)
{
    EXPECT_TRUE(summarizeProfile({}, 3).empty());
    // A range still open when profiling stopped is not counted.
    EXPECT_TRUE(summarizeProfile({{begin("aten::add", 0)}}, 1).empty());
}

// Profiling a real step finds its convolutions and accounts for most of the step.
TEST(Benchmark, ProfilesARealTrainingStep)
{
    BenchSettings settings;
    settings.batchSize = 8;
    settings.steps = 2;
    settings.threads = 1;
    settings.profile = true;
    const ModeThroughput t = benchArchitecture("baseline", "fp32-nchw", settings);
    EXPECT_GT(t.trainImagesPerSecond, 0.0);
    EXPECT_GT(t.profiledStepMs, 0.0);
    const auto *conv = find(t.operators, "aten::convolution");
    ASSERT_NE(conv, nullptr);
    EXPECT_DOUBLE_EQ(conv->callsPerStep, 2.0);
    EXPECT_GT(conv->totalMsPerStep, 0.0);
    double self = 0.0;
    for (const auto &op : t.operators) {
        EXPECT_LE(op.selfMsPerStep, op.totalMsPerStep + 1e-9) << op.name;
        self += op.selfMsPerStep;
    }
    // The operators' own times never add up to more than the step they ran in.
    EXPECT_LE(self, t.profiledStepMs * 1.05);

    settings.profile = false;
    EXPECT_TRUE(benchArchitecture("baseline", "fp32-nchw", settings).operators.empty());
}
