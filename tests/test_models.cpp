#include "models/network.h"
#include "models/registry.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace cifarlab {
namespace {

struct ReferenceCase
{
    const char *architecture;
    const char *file; // under shared/reference/state-dict-keys/, without ".txt"
    int64_t parameters;
    size_t entries;
};

// The counts from the reference files, repeated here so they are checked without shared/.
const ReferenceCase kReferenceCases[] = {
    {"baseline", "baseline-lenet", 62006, 10},
    {"resnet18", "resnet18", 11173962, 122},
    {"resnext29_32x4d", "resnext29_32x4d", 4774218, 188},
    {"densenet121", "densenet121", 6956298, 722},
};

const char *const kAllArchitectures[]
    = {"baseline", "baseline-plus", "resnet18", "resnext29_32x4d", "densenet121", "airbench"};

struct ReferenceEntry
{
    std::string key;
    std::vector<int64_t> shape;
    std::string dtype;
};

struct ReferenceFile
{
    int64_t parameters = -1;
    std::vector<ReferenceEntry> entries;
};

// Format: "# name: N state_dict entries, M trainable parameters", then "key\t[d0, d1]\tdtype" per line.
ReferenceFile parseReference(std::istream &in)
{
    ReferenceFile file;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        if (line[0] == '#') {
            const auto comma = line.find(", ");
            if (comma != std::string::npos)
                file.parameters = std::stoll(line.substr(comma + 2));
            continue;
        }
        std::istringstream fields(line);
        ReferenceEntry entry;
        std::string shape;
        std::getline(fields, entry.key, '\t');
        std::getline(fields, shape, '\t');
        std::getline(fields, entry.dtype, '\t');
        std::istringstream dims(shape.substr(1, shape.size() - 2));
        std::string dim;
        while (std::getline(dims, dim, ','))
            entry.shape.push_back(std::stoll(dim));
        file.entries.push_back(entry);
    }
    return file;
}

std::string dtypeName(const torch::Tensor &t)
{
    switch (t.scalar_type()) {
    case torch::kFloat32:
        return "float32";
    case torch::kInt64:
        return "int64";
    default:
        return std::string(c10::toString(t.scalar_type()));
    }
}

int64_t numelSum(const std::vector<torch::Tensor> &tensors)
{
    int64_t sum = 0;
    for (const auto &t : tensors)
        sum += t.numel();
    return sum;
}

std::string testName(std::string name)
{
    for (auto &c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name;
}

class ReferenceArchitecture : public ::testing::TestWithParam<ReferenceCase>
{
};

TEST_P(ReferenceArchitecture, TrainableParameterCountMatchesStudy)
{
    const auto network = createNetwork(GetParam().architecture, InputSpec {});
    EXPECT_EQ(numelSum(network->parameters()), GetParam().parameters);
    EXPECT_EQ(stateDict(*network).size(), GetParam().entries);
}

TEST_P(ReferenceArchitecture, StateDictMatchesReferenceFile)
{
    const std::string path
        = std::string(CIFARLAB_SHARED_DIR) + "/reference/state-dict-keys/" + GetParam().file + ".txt";
    std::ifstream in(path);
    if (!in)
        GTEST_SKIP() << "reference file " << path << " not found (shared/ is absent in a user's clone)";
    const ReferenceFile reference = parseReference(in);
    ASSERT_EQ(reference.parameters, GetParam().parameters) << "header of " << path;

    const auto network = createNetwork(GetParam().architecture, InputSpec {});
    EXPECT_EQ(numelSum(network->parameters()), reference.parameters);
    const auto entries = stateDict(*network);
    ASSERT_EQ(entries.size(), reference.entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto &expected = reference.entries[i];
        ASSERT_EQ(entries[i].first, expected.key) << "entry " << i;
        EXPECT_EQ(entries[i].second.sizes().vec(), expected.shape) << expected.key;
        EXPECT_EQ(dtypeName(entries[i].second), expected.dtype) << expected.key;
    }
}

INSTANTIATE_TEST_SUITE_P(Models, ReferenceArchitecture, ::testing::ValuesIn(kReferenceCases),
    [](const auto &info) { return testName(info.param.architecture); });

class AnyArchitecture : public ::testing::TestWithParam<const char *>
{
};

void expectFiniteLogits(const char *name, const InputSpec &input)
{
    torch::manual_seed(0);
    const auto network = createNetwork(name, input);
    torch::NoGradGuard noGrad;
    for (const bool training : {true, false}) {
        network->train(training);
        const auto logits = network->forward(torch::randn({2, input.channels, input.height, input.width}));
        ASSERT_EQ(logits.sizes().vec(), (std::vector<int64_t> {2, input.numClasses}))
            << "training " << training;
        EXPECT_TRUE(torch::isfinite(logits).all().item<bool>()) << "training " << training;
    }
}

TEST_P(AnyArchitecture, ForwardOnRgb32GivesFiniteLogits)
{
    expectFiniteLogits(GetParam(), InputSpec {3, 32, 32, 10});
}

TEST_P(AnyArchitecture, ForwardOnGray28GivesFiniteLogits)
{
    expectFiniteLogits(GetParam(), InputSpec {1, 28, 28, 10});
}

// In-place ReLUs after BN and residual additions must keep autograd valid.
TEST_P(AnyArchitecture, BackwardReachesEveryParameter)
{
    torch::manual_seed(0);
    const auto network = createNetwork(GetParam(), InputSpec {3, 32, 32, 10});
    network->train();
    const auto logits = network->forward(torch::randn({2, 3, 32, 32}));
    torch::nn::functional::cross_entropy(logits, torch::tensor({1, 7})).backward();
    for (const auto &item : network->named_parameters()) {
        const auto &grad = item.value().grad();
        if (!item.value().requires_grad()) {
            EXPECT_FALSE(grad.defined()) << item.key() << " is frozen";
            continue;
        }
        ASSERT_TRUE(grad.defined()) << item.key();
        EXPECT_TRUE(torch::isfinite(grad).all().item<bool>()) << item.key();
    }
}

TEST_P(AnyArchitecture, SummaryTotalsAddUp)
{
    for (const InputSpec &input : {InputSpec {3, 32, 32, 10}, InputSpec {1, 28, 28, 7}}) {
        const ModelSummary summary = summarizeArchitecture(GetParam(), input);
        const auto network = createNetwork(GetParam(), input);
        ASSERT_FALSE(summary.layers.empty());
        EXPECT_EQ(summary.architecture, GetParam());
        EXPECT_EQ(summary.outputShape, std::vector<int64_t> {input.numClasses});
        EXPECT_EQ(summary.layers.back().outputShape, std::vector<int64_t> {input.numClasses});

        int64_t rowParameters = 0;
        int64_t rowMacs = 0;
        for (const auto &layer : summary.layers) {
            EXPECT_FALSE(layer.name.empty());
            EXPECT_FALSE(layer.type.empty()) << layer.name;
            EXPECT_FALSE(layer.outputShape.empty()) << layer.name;
            EXPECT_GE(layer.macs, 0) << layer.name;
            rowParameters += layer.parameters;
            rowMacs += layer.macs;
        }
        EXPECT_EQ(rowParameters, summary.parameters);
        EXPECT_EQ(rowMacs, summary.macs);
        EXPECT_GT(summary.macs, 0);
        int64_t trainable = 0;
        for (const auto &p : network->parameters())
            trainable += p.requires_grad() ? p.numel() : 0;
        EXPECT_EQ(summary.parameters, trainable); // frozen ones (airbench's whitening) are not counted
        EXPECT_EQ(summary.bufferElements, numelSum(network->buffers()));

        int64_t bytes = 0;
        for (const auto &entry : stateDict(*network))
            bytes += entry.second.numel() * (entry.second.scalar_type() == torch::kInt64 ? 8 : 4);
        EXPECT_EQ(summary.sizeBytes, bytes);
    }
}

TEST_P(AnyArchitecture, SummaryLeavesTrainingModeAlone)
{
    const auto network = createNetwork(GetParam(), InputSpec {});
    network->train();
    summarizeNetwork(*network);
    EXPECT_TRUE(network->is_training());
    network->eval();
    summarizeNetwork(*network);
    EXPECT_FALSE(network->is_training());
}

TEST_P(AnyArchitecture, IsListedAndReportsItsName)
{
    EXPECT_TRUE(hasArchitecture(GetParam()));
    const auto network = createNetwork(GetParam(), InputSpec {});
    EXPECT_EQ(network->architecture(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Models, AnyArchitecture, ::testing::ValuesIn(kAllArchitectures),
    [](const auto &info) { return testName(info.param); });

TEST(Registry, ListsTheSixArchitecturesInOrder)
{
    const auto all = listArchitectures();
    ASSERT_EQ(all.size(), std::size(kAllArchitectures));
    for (size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].name, kAllArchitectures[i]);
        EXPECT_FALSE(all[i].displayName.empty()) << all[i].name;
        EXPECT_FALSE(all[i].description.empty()) << all[i].name;
        EXPECT_EQ(all[i].description.find('\n'), std::string::npos) << all[i].name;
    }
}

TEST(Registry, UnknownNameThrows)
{
    EXPECT_FALSE(hasArchitecture("resnet19"));
    EXPECT_THROW(createNetwork("resnet19", InputSpec {}), std::invalid_argument);
    EXPECT_THROW(summarizeArchitecture("resnet19"), std::invalid_argument);
    try {
        createNetwork("", InputSpec {});
        FAIL() << "empty name accepted";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("resnet18"), std::string::npos) << "message lists known names";
    }
}

TEST(Registry, UnusableInputThrows)
{
    EXPECT_THROW(createNetwork("resnet18", InputSpec {0, 32, 32, 10}), std::invalid_argument);
    EXPECT_THROW(createNetwork("resnext29_32x4d", InputSpec {3, 32, 32, 1}), std::invalid_argument);
    EXPECT_THROW(summarizeArchitecture("densenet121", InputSpec {3, 32, -1, 10}), std::invalid_argument);
}

TEST(Registry, SmallestAcceptedInputRuns)
{
    const std::pair<const char *, int64_t> kMinSides[] = {
        {"baseline", 16}, {"baseline-plus", 8}, {"resnet18", 1}, {"resnext29_32x4d", 1}, {"densenet121", 8}, {"airbench", 9}};
    torch::NoGradGuard noGrad;
    for (const auto &[name, side] : kMinSides) {
        EXPECT_THROW(createNetwork(name, InputSpec {3, side - 1, side, 10}), std::invalid_argument) << name;
        EXPECT_THROW(createNetwork(name, InputSpec {3, side, side - 1, 10}), std::invalid_argument) << name;
        const auto network = createNetwork(name, InputSpec {3, side, side, 10});
        network->eval();
        EXPECT_EQ(
            network->forward(torch::zeros({2, 3, side, side})).sizes().vec(), (std::vector<int64_t> {2, 10}))
            << name;
    }
}

const LayerInfo *findLayer(const ModelSummary &summary, const std::string &name)
{
    for (const auto &layer : summary.layers)
        if (layer.name == name)
            return &layer;
    return nullptr;
}

TEST(Summary, BaselineMatchesHandCount)
{
    const ModelSummary summary = summarizeArchitecture("baseline");
    // conv1 28*28*6*3*25 + conv2 10*10*16*6*25 + fc 400*120 + 120*84 + 84*10.
    EXPECT_EQ(summary.macs, 352800 + 240000 + 48000 + 10080 + 840);
    EXPECT_EQ(summary.parameters, 62006);
    EXPECT_EQ(summary.bufferElements, 0);
    EXPECT_EQ(summary.sizeBytes, 62006 * 4);
    const LayerInfo *conv2 = findLayer(summary, "conv2");
    ASSERT_NE(conv2, nullptr);
    EXPECT_EQ(conv2->type, "Conv2d");
    EXPECT_EQ(conv2->outputShape, (std::vector<int64_t> {16, 10, 10}));
    EXPECT_EQ(conv2->parameters, 16 * 6 * 25 + 16);
    EXPECT_EQ(conv2->detail, "6->16 k5 s1 p0");
    const LayerInfo *pool2 = findLayer(summary, "pool2");
    ASSERT_NE(pool2, nullptr);
    EXPECT_EQ(pool2->type, "MaxPool2d");
    EXPECT_EQ(pool2->outputShape, (std::vector<int64_t> {16, 5, 5}));
}

TEST(Summary, BaselineFc1FollowsInputSize)
{
    const ModelSummary summary = summarizeArchitecture("baseline", InputSpec {1, 28, 28, 10});
    const LayerInfo *fc1 = findLayer(summary, "fc1");
    ASSERT_NE(fc1, nullptr);
    EXPECT_EQ(fc1->detail, "256->120");
    EXPECT_EQ(fc1->parameters, 16 * 4 * 4 * 120 + 120);
}

TEST(Summary, ResNetRowsDescribeConvolutionsAndBatchNorm)
{
    const ModelSummary summary = summarizeArchitecture("resnet18");
    const LayerInfo *stem = findLayer(summary, "conv1");
    ASSERT_NE(stem, nullptr);
    EXPECT_EQ(stem->detail, "3->64 k3 s1 p1");
    EXPECT_EQ(stem->macs, 32 * 32 * 64 * 3 * 9);
    const LayerInfo *bn = findLayer(summary, "layer2.0.bn1");
    ASSERT_NE(bn, nullptr);
    EXPECT_EQ(bn->type, "BatchNorm2d");
    EXPECT_EQ(bn->outputShape, (std::vector<int64_t> {128, 16, 16}));
    EXPECT_EQ(bn->parameters, 256);
    EXPECT_EQ(bn->macs, 128 * 16 * 16);
    const LayerInfo *shortcut = findLayer(summary, "layer2.0.shortcut.0");
    ASSERT_NE(shortcut, nullptr);
    EXPECT_EQ(shortcut->detail, "64->128 k1 s2 p0");
    const LayerInfo *linear = findLayer(summary, "linear");
    ASSERT_NE(linear, nullptr);
    EXPECT_EQ(linear->macs, 512 * 10);
}

TEST(Summary, ResNeXtGroupedConvolutionCountsPerGroup)
{
    const ModelSummary summary = summarizeArchitecture("resnext29_32x4d");
    const LayerInfo *conv = findLayer(summary, "layer1.0.conv2");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->detail, "128->128 k3 s1 p1 g32");
    EXPECT_EQ(conv->macs, 32 * 32 * 128 * (128 / 32) * 9);
    EXPECT_EQ(conv->parameters, 128 * 4 * 9);
}

TEST(StateDict, OrderIsPerModuleParametersThenBuffersThenChildren)
{
    const auto network = createNetwork("resnet18", InputSpec {});
    const auto entries = stateDict(*network);
    ASSERT_GE(entries.size(), 7u);
    const char *const expected[] = {"conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean",
        "bn1.running_var", "bn1.num_batches_tracked", "layer1.0.conv1.weight"};
    for (size_t i = 0; i < std::size(expected); ++i)
        EXPECT_EQ(entries[i].first, expected[i]);
    EXPECT_EQ(entries[5].second.scalar_type(), torch::kInt64);
    EXPECT_EQ(entries[5].second.dim(), 0);
    EXPECT_EQ(entries.back().first, "linear.bias");
    // Entries alias the module's tensors, so loading a checkpoint through them updates the network.
    entries[0].second.detach().fill_(0.5f);
    EXPECT_EQ(network->named_parameters()["conv1.weight"].mean().item<float>(), 0.5f);
}

} // namespace
} // namespace cifarlab
