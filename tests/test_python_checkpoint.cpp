// Checkpoint interop with Python PyTorch: the restricted unpickler, state_dict helpers and export.

#include "core/error.h"
#include "core/python_checkpoint.h"
#include "core/state_dict.h"
#include "support/checkpoint_fixtures.h"
#include "support/error_of.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

using cifarlab::Error;
using cifarlab::LoadReport;
using cifarlab::PyValue;
using cifarlab::StateDict;
using namespace cifarlab::test;

namespace {

const std::string kSeedCheckpoint
    = std::string(CIFARLAB_SHARED_DIR) + "/checkpoints/seed-baseline-lenet-epoch20.ckpt";

using cifarlab::test::errorOf;

bool bitwiseEqual(const torch::Tensor &a, const torch::Tensor &b)
{
    if (a.scalar_type() != b.scalar_type() || a.sizes() != b.sizes())
        return false;
    const torch::Tensor ca = a.contiguous();
    const torch::Tensor cb = b.contiguous();
    return std::memcmp(ca.data_ptr(), cb.data_ptr(), ca.nbytes()) == 0;
}

// ---- small modules

struct ConvBnFcImpl : torch::nn::Module
{
    ConvBnFcImpl(int64_t fcIn = 8 * 4 * 4)
    {
        conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 8, 3).padding(1)));
        bn1 = register_module("bn1", torch::nn::BatchNorm2d(8));
        fc = register_module("fc", torch::nn::Linear(fcIn, 10));
    }
    torch::nn::Conv2d conv1 {nullptr};
    torch::nn::BatchNorm2d bn1 {nullptr};
    torch::nn::Linear fc {nullptr};
};
TORCH_MODULE(ConvBnFc);

// Own parameter and buffer plus a child: own entries must come before the child's.
struct WithOwnImpl : torch::nn::Module
{
    WithOwnImpl()
    {
        child = register_module("child", torch::nn::Linear(torch::nn::LinearOptions(2, 3).bias(false)));
        scale = register_parameter("scale", torch::ones({3}));
        count = register_buffer("count", torch::zeros({1}, torch::kLong));
    }
    torch::nn::Linear child {nullptr};
    torch::Tensor scale, count;
};
TORCH_MODULE(WithOwn);

// The seed checkpoint's LeNet: conv(3,6,5) pool conv(6,16,5) fc 400-120-84-10.
struct LeNetImpl : torch::nn::Module
{
    LeNetImpl()
    {
        conv1 = register_module("conv1", torch::nn::Conv2d(3, 6, 5));
        conv2 = register_module("conv2", torch::nn::Conv2d(6, 16, 5));
        fc1 = register_module("fc1", torch::nn::Linear(400, 120));
        fc2 = register_module("fc2", torch::nn::Linear(120, 84));
        fc3 = register_module("fc3", torch::nn::Linear(84, 10));
    }
    torch::nn::Conv2d conv1 {nullptr}, conv2 {nullptr};
    torch::nn::Linear fc1 {nullptr}, fc2 {nullptr}, fc3 {nullptr};
};
TORCH_MODULE(LeNet);

void randomize(torch::nn::Module &module, int seed)
{
    torch::manual_seed(seed);
    torch::NoGradGuard noGrad;
    for (auto &p : module.parameters())
        p.uniform_(-1, 1);
    for (auto &item : module.named_buffers()) {
        if (item.value().is_floating_point())
            item.value().uniform_(0.5, 2);
        else
            item.value().fill_(seed + 7);
    }
}

} // namespace

// ===== the shared seed checkpoint (written by Python's torch.save)

TEST(PythonCheckpoint, SeedCheckpointLoadsLeNetStateDict)
{
    if (!std::filesystem::exists(kSeedCheckpoint))
        GTEST_SKIP() << "shared seed checkpoint not found at " << kSeedCheckpoint;
    const StateDict sd = cifarlab::loadPythonStateDict(kSeedCheckpoint);

    const std::vector<std::string> expectedNames {"conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias",
        "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"};
    ASSERT_EQ(sd.entries.size(), 10u);
    EXPECT_EQ(sd.names(), expectedNames);
    const torch::Tensor &conv1 = *sd.find("conv1.weight");
    EXPECT_EQ(conv1.sizes(), (std::vector<int64_t> {6, 3, 5, 5}));
    EXPECT_EQ(sd.find("fc1.weight")->sizes(), (std::vector<int64_t> {120, 400}));
    EXPECT_EQ(sd.find("fc3.bias")->sizes(), (std::vector<int64_t> {10}));
    for (const auto &[name, tensor] : sd.entries) {
        EXPECT_EQ(tensor.scalar_type(), torch::kFloat) << name;
        EXPECT_TRUE(torch::isfinite(tensor).all().item<bool>()) << name;
    }

    // Values read with python3's zipfile/struct from 20mines3w/data/0 and data/9.
    const auto w = conv1.accessor<float, 4>();
    EXPECT_EQ(w[0][0][0][0], -0.050208669155836105f);
    EXPECT_EQ(w[0][0][0][1], 0.09941412508487701f);
    EXPECT_EQ(w[1][1][1][1], 0.152057483792305f);
    EXPECT_EQ(w[5][2][4][4], 0.1626112163066864f);
    uint32_t bits = 0;
    const float first = w[0][0][0][0];
    std::memcpy(&bits, &first, sizeof bits);
    EXPECT_EQ(bits, 0xbd4da79bu);
    const torch::Tensor &fc3Bias = *sd.find("fc3.bias");
    EXPECT_EQ(fc3Bias[0].item<float>(), -0.4384993016719818f);
    EXPECT_EQ(fc3Bias[9].item<float>(), 0.14666202664375305f);
}

TEST(PythonCheckpoint, SeedCheckpointFullTreeHasEpochOptimizerAndLoss)
{
    if (!std::filesystem::exists(kSeedCheckpoint))
        GTEST_SKIP() << "shared seed checkpoint not found at " << kSeedCheckpoint;
    const PyValue root = cifarlab::loadPythonCheckpoint(kSeedCheckpoint);
    ASSERT_TRUE(root.isDict());
    ASSERT_EQ(root.size(), 4u);
    EXPECT_EQ(root.dictItems()[0].first.toStr(), "epoch");
    EXPECT_EQ(root.find("epoch")->toInt(), 20);

    const PyValue *optimizer = root.find("optimizer_state_dict");
    ASSERT_NE(optimizer, nullptr);
    const PyValue *state = optimizer->find("state");
    ASSERT_NE(state, nullptr);
    ASSERT_EQ(state->size(), 10u);
    const auto &[firstKey, firstState] = state->dictItems()[0];
    EXPECT_EQ(firstKey.toInt(), 0);
    EXPECT_EQ(firstState.find("momentum_buffer")->toTensor().sizes(), (std::vector<int64_t> {6, 3, 5, 5}));

    const PyValue &group = optimizer->find("param_groups")->items().at(0);
    EXPECT_DOUBLE_EQ(group.find("lr")->toDouble(), 0.001);
    EXPECT_DOUBLE_EQ(group.find("momentum")->toDouble(), 0.9);
    EXPECT_DOUBLE_EQ(group.find("weight_decay")->toDouble(), 0.0005);
    EXPECT_EQ(group.find("dampening")->toInt(), 0);
    EXPECT_FALSE(group.find("nesterov")->toBool());
    EXPECT_TRUE(group.find("foreach")->isNone());
    const auto &params = group.find("params")->items();
    ASSERT_EQ(params.size(), 10u);
    for (size_t i = 0; i < params.size(); ++i)
        EXPECT_EQ(params[i].toInt(), static_cast<int64_t>(i));

    const torch::Tensor loss = root.find("loss")->toTensor();
    EXPECT_EQ(loss.dim(), 0);
    EXPECT_EQ(loss.item<float>(), 0.8249111175537109f);
}

TEST(PythonCheckpoint, SeedCheckpointAppliesToMatchingModule)
{
    if (!std::filesystem::exists(kSeedCheckpoint))
        GTEST_SKIP() << "shared seed checkpoint not found at " << kSeedCheckpoint;
    const StateDict sd = cifarlab::loadPythonStateDict(kSeedCheckpoint);
    LeNet net;
    const LoadReport report = cifarlab::applyStateDict(*net, sd);
    EXPECT_TRUE(report.ok()) << report.describe();
    EXPECT_TRUE(bitwiseEqual(net->conv1->weight, *sd.find("conv1.weight")));
    EXPECT_TRUE(bitwiseEqual(net->fc3->bias, *sd.find("fc3.bias")));
    EXPECT_TRUE(net->fc3->bias.requires_grad());
}

// ===== state_dict order, export and round trip

TEST(StateDict, ModuleStateDictUsesPyTorchOrder)
{
    ConvBnFc net;
    EXPECT_EQ(cifarlab::moduleStateDict(*net).names(),
        (std::vector<std::string> {"conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean",
            "bn1.running_var", "bn1.num_batches_tracked", "fc.weight", "fc.bias"}));
    // Own parameters, then own buffers, then children; a bias-less Linear has no "bias" entry.
    WithOwn own;
    EXPECT_EQ(cifarlab::moduleStateDict(*own).names(),
        (std::vector<std::string> {"scale", "count", "child.weight"}));
}

TEST(PythonCheckpoint, SaveLoadRoundTripIsBitwiseEqualInOrder)
{
    cifarlab::test::TempDir dir;
    ConvBnFc net;
    randomize(*net, 3);
    const StateDict original = cifarlab::moduleStateDict(*net);
    const std::string path = dir.file("roundtrip.pt");
    cifarlab::savePythonStateDict(path, *net);

    const StateDict loaded = cifarlab::loadPythonStateDict(path);
    ASSERT_EQ(loaded.names(), original.names());
    for (size_t i = 0; i < loaded.entries.size(); ++i)
        EXPECT_TRUE(bitwiseEqual(loaded.entries[i].second, original.entries[i].second))
            << loaded.entries[i].first;
    EXPECT_EQ(loaded.find("bn1.num_batches_tracked")->scalar_type(), torch::kLong);
    EXPECT_EQ(loaded.find("bn1.num_batches_tracked")->item<int64_t>(), 10);

    // The file is a plain dict of tensors, as torch.load sees it.
    const PyValue root = cifarlab::loadPythonCheckpoint(path);
    ASSERT_TRUE(root.isDict());
    EXPECT_EQ(root.size(), original.entries.size());
    EXPECT_FALSE(root.find("fc.weight")->toTensor().requires_grad());

    // Loading into a fresh module restores every parameter and buffer.
    ConvBnFc other;
    randomize(*other, 11);
    EXPECT_TRUE(cifarlab::applyStateDict(*other, loaded).ok());
    for (const auto &[name, tensor] : cifarlab::moduleStateDict(*other).entries)
        EXPECT_TRUE(bitwiseEqual(tensor, *original.find(name))) << name;
}

TEST(PythonCheckpoint, SaveKeepsViewsAndSharedStorages)
{
    cifarlab::test::TempDir dir;
    const torch::Tensor base = torch::arange(12, torch::kFloat).reshape({3, 4});
    StateDict sd;
    sd.entries = {{"tied.a", base}, {"tied.b", base}, {"transposed", base.t()}, {"slice", base.select(0, 1)},
        {"half", torch::tensor({1.5, -2.0}, torch::kHalf)}, {"flag", torch::tensor({true, false})},
        {"scalar", torch::tensor(3.25, torch::kDouble)}};
    const std::string path = dir.file("views.pt");
    cifarlab::savePythonStateDict(path, sd);

    const StateDict loaded = cifarlab::loadPythonStateDict(path);
    ASSERT_EQ(loaded.names(), sd.names());
    for (size_t i = 0; i < sd.entries.size(); ++i)
        EXPECT_TRUE(bitwiseEqual(loaded.entries[i].second, sd.entries[i].second)) << sd.entries[i].first;
    // One storage in the file, as torch.save would write it: the loaded tensors share it too.
    EXPECT_EQ(loaded.find("tied.a")->data_ptr(), loaded.find("tied.b")->data_ptr());
    EXPECT_EQ(loaded.find("slice")->storage_offset(), 4);
    EXPECT_EQ(loaded.find("transposed")->strides(), (std::vector<int64_t> {1, 4}));
}

TEST(PythonCheckpoint, SaveReplacesAtomicallyAndReportsUnwritablePaths)
{
    cifarlab::test::TempDir dir;
    const std::string path = dir.file("model.pt");
    writeFile(path, "old contents");
    StateDict sd;
    sd.entries = {{"w", torch::ones({4})}};
    cifarlab::savePythonStateDict(path, sd);
    EXPECT_TRUE(bitwiseEqual(*cifarlab::loadPythonStateDict(path).find("w"), torch::ones({4})));
    std::vector<std::string> leftovers;
    for (const auto &entry : std::filesystem::directory_iterator(dir.path()))
        leftovers.push_back(entry.path().filename().string());
    EXPECT_EQ(leftovers, std::vector<std::string> {"model.pt"});

    const std::string missingDir = dir.file("no/such/dir/model.pt");
    const std::string message = errorOf([&] { cifarlab::savePythonStateDict(missingDir, sd); });
    EXPECT_NE(message.find(missingDir), std::string::npos) << message;
    EXPECT_NE(message.find("cannot write"), std::string::npos) << message;

    StateDict duplicate;
    duplicate.entries = {{"w", torch::ones({1})}, {"w", torch::ones({1})}};
    EXPECT_NE(
        errorOf([&] { cifarlab::savePythonStateDict(dir.file("dup.pt"), duplicate); }).find("appears twice"),
        std::string::npos);
}

TEST(PythonCheckpoint, ReadsLibTorchPickleSave)
{
    cifarlab::test::TempDir dir;
    c10::Dict<std::string, at::Tensor> dict;
    dict.insert("a.weight", torch::arange(6, torch::kFloat).reshape({2, 3}));
    dict.insert("a.count", torch::tensor(7, torch::kLong));
    const std::vector<char> bytes = torch::pickle_save(dict);
    const std::string path = dir.file("libtorch.pt");
    writeFile(path, std::string(bytes.begin(), bytes.end()));

    const StateDict sd = cifarlab::loadPythonStateDict(path);
    ASSERT_EQ(sd.names(), (std::vector<std::string> {"a.weight", "a.count"}));
    EXPECT_TRUE(bitwiseEqual(*sd.find("a.weight"), torch::arange(6, torch::kFloat).reshape({2, 3})));
    EXPECT_EQ(sd.find("a.count")->item<int64_t>(), 7);
}

// ===== hand-crafted fixtures

TEST(PythonCheckpoint, OrderedDictWithMetadataIsAccepted)
{
    cifarlab::test::TempDir dir;
    // OrderedDict() via REDUCE, entries via MARK..SETITEMS, then BUILD with {'_metadata': {...}} exactly as
    // Module.state_dict() pickles. Two tensors view one storage (offset, transposed stride); memo reuse.
    Pickle p;
    p.proto(2).op('}').put(0).mark();
    p.str("epoch").integer(3);
    p.str("model_state_dict").global("collections", "OrderedDict").put(1).op(')').op('R').put(2).mark();
    p.str("fc.weight").tensor("FloatStorage", "0", 8, 0, {2, 3}, {3, 1}).put(3);
    p.str("fc.bias").tensor("FloatStorage", "0", 8, 6, {2}, {1});
    p.shortStr("fc.weight_t").get(3).op(0x94); // MEMOIZE then reuse of the same tensor
    p.op('u');
    p.op('}').str("_metadata").get(1).op(')').op('R').mark();
    p.str("").op('}').str("version").integer(1).op('s');
    p.str("fc").op('}').str("version").integer(1).op('s');
    p.op('u').op('s').op('b');
    p.str("loss").real(0.25);
    p.op('u').stop();
    writeCheckpoint(dir.file("ordered.pt"), p.bytes(), {{"0", floatBytes({1, 2, 3, 4, 5, 6, 7.5f, -8})}});

    const StateDict sd = cifarlab::loadPythonStateDict(dir.file("ordered.pt"));
    ASSERT_EQ(sd.names(), (std::vector<std::string> {"fc.weight", "fc.bias", "fc.weight_t"}));
    EXPECT_TRUE(torch::equal(*sd.find("fc.weight"), torch::tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}})));
    EXPECT_TRUE(torch::equal(*sd.find("fc.bias"), torch::tensor({7.5f, -8.f})));
    EXPECT_TRUE(torch::equal(*sd.find("fc.weight_t"), *sd.find("fc.weight")));

    const PyValue root = cifarlab::loadPythonCheckpoint(dir.file("ordered.pt"));
    EXPECT_EQ(root.find("epoch")->toInt(), 3);
    EXPECT_DOUBLE_EQ(root.find("loss")->toDouble(), 0.25);
}

TEST(PythonCheckpoint, ReadsProtocol4OpcodesAndPlainValues)
{
    cifarlab::test::TempDir dir;
    Pickle p;
    p.proto(4).op(0x95).raw(std::string("\x00\x00\x00\x00\x00\x00\x00\x00", 8)); // FRAME
    p.op('}').op(0x94).mark();
    p.shortStr("ints").mark().integer(-7).integer(300).integer(70000);
    p.op(0x8a).op(2).raw(std::string("\x00\x80", 2)); // LONG1 -32768
    p.op(0x8b)
        .raw(std::string("\x08\x00\x00\x00", 4))
        .raw(std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8)); // LONG4
    p.op(0x8a).op(0).op('l'); // LONG1 0, LIST
    p.shortStr("pair").integer(1).op(0x88).op(0x86); // TUPLE2
    p.shortStr("triple").op('N').op(0x89).real(-0.5).op(0x87); // TUPLE3
    p.shortStr("bytes").op('C').op(3).raw("abc"); // SHORT_BINBYTES
    p.shortStr("dict").mark().integer(1).shortStr("a").op(0x88).shortStr("b").op('d'); // True == 1
    p.shortStr("device")
        .shortStr("torch")
        .shortStr("device")
        .op(0x93)
        .shortStr("cuda")
        .integer(1)
        .op(0x86)
        .op('R');
    p.shortStr("dtype").global("torch", "float16");
    p.shortStr("ordered").global("collections", "OrderedDict").op(')').op(0x81);
    p.shortStr("param").global("torch._utils", "_rebuild_parameter");
    p.tensor("DoubleStorage", "0", 2, 1, {1}, {1})
        .op(0x88)
        .global("collections", "OrderedDict")
        .op(')')
        .op('R');
    p.op(0x87).op('R');
    p.shortStr("dup").op(']').op('2').op('0'); // DUP then POP
    p.op('u').stop();
    const std::string path = dir.file("protocol4.pt");
    writeCheckpoint(path, p.bytes(), {{"0", std::string("\0\0\0\0\0\0\xf8\x3f\0\0\0\0\0\0\x04\x40", 16)}});

    const PyValue root = cifarlab::loadPythonCheckpoint(path);
    const auto &ints = root.find("ints")->items();
    ASSERT_EQ(ints.size(), 6u);
    EXPECT_EQ(ints[0].toInt(), -7);
    EXPECT_EQ(ints[1].toInt(), 300);
    EXPECT_EQ(ints[2].toInt(), 70000);
    EXPECT_EQ(ints[3].toInt(), -32768);
    EXPECT_EQ(ints[4].toInt(), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(ints[5].toInt(), 0);
    EXPECT_EQ(root.find("pair")->kind(), PyValue::Kind::Tuple);
    EXPECT_TRUE(root.find("pair")->items()[1].toBool());
    EXPECT_TRUE(root.find("triple")->items()[0].isNone());
    EXPECT_DOUBLE_EQ(root.find("triple")->items()[2].toDouble(), -0.5);
    EXPECT_EQ(root.find("bytes")->kind(), PyValue::Kind::Bytes);
    EXPECT_EQ(root.find("bytes")->toStr(), "abc");
    ASSERT_EQ(root.find("dict")->size(), 1u);
    EXPECT_EQ(root.find("dict")->dictItems()[0].first.toInt(), 1);
    EXPECT_EQ(root.find("dict")->dictItems()[0].second.toStr(), "b");
    EXPECT_EQ(root.find("device")->toStr(), "cuda:1");
    EXPECT_EQ(root.find("dtype")->kind(), PyValue::Kind::Global);
    EXPECT_EQ(root.find("dtype")->toStr(), "torch.float16");
    EXPECT_TRUE(root.find("ordered")->isDict());
    const torch::Tensor param = root.find("param")->toTensor();
    EXPECT_EQ(param.scalar_type(), torch::kDouble);
    EXPECT_EQ(param.item<double>(), 2.5);
    EXPECT_TRUE(param.requires_grad());
    EXPECT_EQ(root.find("dup")->kind(), PyValue::Kind::List);
    EXPECT_EQ(root.find("missing"), nullptr);
    EXPECT_EQ(errorOf([&] { root.find("pair")->toInt(); }), "checkpoint value: expected int, got tuple");
}

TEST(PythonCheckpoint, FindsStateDictUnderCommonWrapperKeys)
{
    cifarlab::test::TempDir dir;
    for (const std::string wrapper : {"state_dict", "model"}) {
        Pickle p;
        p.proto(2).op('}').mark().str("epoch").integer(1).str(wrapper).op('}');
        p.str("w").tensor("FloatStorage", "0", 2, 0, {2}, {1}).op('s');
        p.str("optimizer").op('}').op('u').stop();
        const std::string path = dir.file(wrapper + ".pt");
        writeCheckpoint(path, p.bytes(), {{"0", floatBytes({0.5f, 1.5f})}});
        const StateDict sd = cifarlab::loadPythonStateDict(path);
        ASSERT_EQ(sd.names(), std::vector<std::string> {"w"}) << wrapper;
        EXPECT_TRUE(torch::equal(*sd.find("w"), torch::tensor({0.5f, 1.5f}))) << wrapper;
    }
}

TEST(PythonCheckpoint, RefusesNonWhitelistedGlobalsWithoutRunningThem)
{
    cifarlab::test::TempDir dir;
    const std::string marker = dir.file("pwned");
    const std::string path = dir.file("evil.pt");
    const std::string pickle
        = Pickle().proto(2).global("os", "system").str("touch " + marker).op(0x85).op('R').stop().bytes();
    writeCheckpoint(path, pickle, {});
    const std::string message = errorOf([&] { cifarlab::loadPythonCheckpoint(path); });
    EXPECT_EQ(message,
        path + ": refuses to load global 'os.system' (only tensors and plain containers are allowed)");
    EXPECT_FALSE(std::filesystem::exists(marker));
    EXPECT_NE(errorOf([&] { cifarlab::loadPythonStateDict(path); }).find("'os.system'"), std::string::npos);

    // STACK_GLOBAL (protocol 4) goes through the same whitelist.
    const std::string stackGlobal = Pickle()
                                        .proto(4)
                                        .shortStr("builtins")
                                        .shortStr("eval")
                                        .op(0x93)
                                        .shortStr("1+1")
                                        .op(0x85)
                                        .op('R')
                                        .stop()
                                        .bytes();
    writeCheckpoint(path, stackGlobal, {});
    EXPECT_NE(
        errorOf([&] { cifarlab::loadPythonCheckpoint(path); }).find("refuses to load global 'builtins.eval'"),
        std::string::npos);

    writeCheckpoint(
        path, Pickle().proto(2).global("numpy.core.multiarray", "_reconstruct").stop().bytes(), {});
    EXPECT_NE(
        errorOf([&] { cifarlab::loadPythonCheckpoint(path); }).find("'numpy.core.multiarray._reconstruct'"),
        std::string::npos);

    // Whitelisted names that are not functions cannot be called either.
    writeCheckpoint(
        path, Pickle().proto(2).global("torch", "FloatStorage").op(')').op('R').stop().bytes(), {});
    EXPECT_NE(
        errorOf([&] { cifarlab::loadPythonCheckpoint(path); }).find("'torch.FloatStorage' cannot be called"),
        std::string::npos);
}

TEST(PythonCheckpoint, TruncatedPickleIsAnErrorAtEveryLength)
{
    cifarlab::test::TempDir dir;
    const std::string full = minimalPickle();
    const std::string path = dir.file("cut.pt");
    for (size_t length = 0; length < full.size(); ++length) {
        writeCheckpoint(path, full.substr(0, length), {{"0", floatBytes({1, 2})}});
        const std::string message = errorOf([&] { cifarlab::loadPythonCheckpoint(path); });
        EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << "length " << length << ": " << message;
    }
    writeCheckpoint(path, full, {{"0", floatBytes({1, 2})}});
    EXPECT_TRUE(torch::equal(*cifarlab::loadPythonStateDict(path).find("w"), torch::tensor({1.f, 2.f})));
    writeCheckpoint(path, full.substr(0, full.size() - 1), {{"0", floatBytes({1, 2})}});
    EXPECT_NE(errorOf([&] { cifarlab::loadPythonCheckpoint(path); }).find("truncated"), std::string::npos);
}

TEST(PythonCheckpoint, MalformedPickleIsAnErrorNotACrash)
{
    cifarlab::test::TempDir dir;
    const std::string path = dir.file("bad.pt");
    auto check = [&](const std::string &pickle, const std::string &expected) {
        writeCheckpoint(path, pickle, {{"0", floatBytes({1, 2, 3, 4})}});
        const std::string message = errorOf([&] { cifarlab::loadPythonCheckpoint(path); });
        EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
        EXPECT_NE(message.find(expected), std::string::npos)
            << "expected '" << expected << "' in: " << message;
    };
    check(Pickle().proto(2).op('}').get(5).stop().bytes(), "memo index 5 out of range");
    check(Pickle().proto(2).op('}').op('j').raw(std::string("\xff\xff\xff\x7f", 4)).stop().bytes(),
        "memo index 2147483647 out of range");
    check(Pickle().proto(2).op('a').stop().bytes(), "stack underflow");
    check(Pickle().proto(2).op(']').mark().op('s').stop().bytes(), "stack underflow");
    check(Pickle().proto(2).op('t').stop().bytes(), "MARK missing");
    check(Pickle().proto(2).op('}').mark().integer(1).op('u').stop().bytes(), "odd number");
    check(Pickle().proto(2).integer(1).integer(2).op('a').stop().bytes(), "APPEND on a int");
    check(Pickle().proto(2).op(']').op('}').op('s').stop().bytes(), "stack underflow");
    check(Pickle().proto(2).op('}').op(']').op('}').op('s').stop().bytes(),
        "unsupported dict key of type list");
    check(Pickle().proto(6).op('N').stop().bytes(), "unsupported pickle protocol 6");
    check(Pickle().proto(2).op('I').raw("1\n").stop().bytes(), "unsupported pickle opcode 0x49");
    check(Pickle().proto(2).op(0x8a).op(9).raw(std::string(9, '\x01')).stop().bytes(),
        "does not fit in 64 bits");
    check(Pickle().proto(2).op('X').raw(std::string("\xff\xff\xff\xff", 4)).stop().bytes(), "truncated");
    check(Pickle().proto(4).op(0x8d).raw(std::string(8, '\xff')).stop().bytes(), "truncated");
    check(Pickle().proto(2).op('c').raw(std::string(300, 'a')).stop().bytes(), "GLOBAL name is too long");
    // A list that contains itself, and containers nested a million deep.
    check(Pickle().proto(2).op(']').put(0).get(0).op('a').stop().bytes(), "contains itself");
    Pickle deep;
    deep.proto(2);
    for (int i = 0; i < 1000000; ++i)
        deep.op(']');
    for (int i = 0; i < 999999; ++i)
        deep.op('a');
    check(deep.stop().bytes(), "nested more than");
    Pickle marks;
    marks.proto(2);
    for (int i = 0; i < 1000000; ++i)
        marks.mark();
    for (int i = 0; i < 1000000; ++i)
        marks.op('l');
    check(marks.stop().bytes(), "nested more than");
    // BUILD may only touch dicts (OrderedDict attributes); NEWOBJ only makes OrderedDicts.
    check(Pickle().proto(2).op(']').op('}').op('b').stop().bytes(), "BUILD on a list");
    check(Pickle().proto(2).global("torch", "FloatStorage").op(')').op(0x81).stop().bytes(),
        "NEWOBJ of a global");
}

// Found by fuzz_checkpoint_pickle (tests/fuzz/corpus/fuzz_checkpoint_pickle/leak-self-list-beside-result):
// a list that holds itself, popped off the stack but kept in the memo, leaked when the pickle
// still succeeded (LSan), since only a failed run cut such cycles.
TEST(PythonCheckpoint, SelfHoldingListBesideTheResultIsReleased)
{
    cifarlab::test::TempDir dir;
    const std::string path = dir.file("cycle.pt");
    writeCheckpoint(path, Pickle().proto(2).op(']').put(0).get(0).op('a').op('0').integer(7).stop().bytes(), {});
    const PyValue result = cifarlab::loadPythonCheckpoint(path);
    ASSERT_EQ(result.kind(), PyValue::Kind::Int);
    EXPECT_EQ(result.toInt(), 7);
}

TEST(PythonCheckpoint, TensorsMustFitTheirStorage)
{
    cifarlab::test::TempDir dir;
    const std::string path = dir.file("storage.pt");
    auto load = [&](const std::string &pickle, const std::map<std::string, std::string> &storages) {
        writeCheckpoint(path, pickle, storages);
        return errorOf([&] { cifarlab::loadPythonStateDict(path); });
    };
    auto pickleFor = [](int64_t numel, int64_t offset, std::vector<int64_t> size, std::vector<int64_t> stride,
                         const std::string &key = "0") {
        return Pickle()
            .proto(2)
            .op('}')
            .str("w")
            .tensor("FloatStorage", key, numel, offset, size, stride)
            .op('s')
            .stop()
            .bytes();
    };

    // The persistent id declares more elements than the record holds.
    std::string message = load(pickleFor(10, 0, {10}, {1}), {{"0", floatBytes({1, 2})}});
    EXPECT_NE(message.find("storage '0' needs 40 bytes but its record holds 8"), std::string::npos)
        << message;
    // The tensor reaches past its storage: by size, by offset, by stride.
    message = load(pickleFor(4, 0, {5}, {1}), {{"0", floatBytes({1, 2, 3, 4})}});
    EXPECT_NE(message.find("does not fit storage '0' of 4 elements"), std::string::npos) << message;
    message = load(pickleFor(4, 2, {3}, {1}), {{"0", floatBytes({1, 2, 3, 4})}});
    EXPECT_NE(message.find("at offset 2 does not fit"), std::string::npos) << message;
    message = load(pickleFor(4, 0, {2, 2}, {3, 1}), {{"0", floatBytes({1, 2, 3, 4})}});
    EXPECT_NE(message.find("does not fit"), std::string::npos) << message;
    message = load(pickleFor(4, 0, {4, 2}, {INT64_MAX / 2, 1}), {{"0", floatBytes({1, 2, 3, 4})}});
    EXPECT_NE(message.find("does not fit"), std::string::npos) << message;
    message = load(pickleFor(4, 0, {-1}, {1}), {{"0", floatBytes({1, 2, 3, 4})}});
    EXPECT_NE(message.find("is negative"), std::string::npos) << message;
    // The storage record is missing, or the key tries to leave data/.
    message = load(pickleFor(2, 0, {2}, {1}, "7"), {{"0", floatBytes({1, 2})}});
    EXPECT_NE(message.find("storage record 'archive/data/7' is missing"), std::string::npos) << message;
    message = load(pickleFor(2, 0, {2}, {1}, "../0"), {{"0", floatBytes({1, 2})}});
    EXPECT_NE(message.find("bad storage key"), std::string::npos) << message;
    // An empty tensor at the end of its storage is fine.
    writeCheckpoint(path, pickleFor(2, 2, {0, 3}, {3, 1}), {{"0", floatBytes({1, 2})}});
    EXPECT_EQ(cifarlab::loadPythonStateDict(path).find("w")->sizes(), (std::vector<int64_t> {0, 3}));
}

TEST(PythonCheckpoint, BigEndianStoragesAreByteswapped)
{
    cifarlab::test::TempDir dir;
    const std::string pickle = Pickle()
                                   .proto(2)
                                   .op('}')
                                   .mark()
                                   .str("f")
                                   .tensor("FloatStorage", "0", 2, 0, {2}, {1})
                                   .str("n")
                                   .tensor("LongStorage", "1", 1, 0, {}, {})
                                   .op('u')
                                   .stop()
                                   .bytes();
    std::string floats = floatBytes({1.5f, -3.25f});
    for (size_t i = 0; i < floats.size(); i += 4)
        std::reverse(floats.begin() + static_cast<std::ptrdiff_t>(i),
            floats.begin() + static_cast<std::ptrdiff_t>(i + 4));
    const std::string longBigEndian("\x00\x00\x00\x00\x00\x00\x01\x02", 8);
    writeCheckpoint(dir.file("big.pt"), pickle, {{"0", floats}, {"1", longBigEndian}}, "big");
    const StateDict sd = cifarlab::loadPythonStateDict(dir.file("big.pt"));
    EXPECT_TRUE(torch::equal(*sd.find("f"), torch::tensor({1.5f, -3.25f})));
    EXPECT_EQ(sd.find("n")->item<int64_t>(), 258);

    writeCheckpoint(dir.file("odd.pt"), pickle, {{"0", floats}, {"1", longBigEndian}}, "middle");
    EXPECT_NE(errorOf([&] {
        cifarlab::loadPythonStateDict(dir.file("odd.pt"));
    }).find("unknown byte order 'middle'"),
        std::string::npos);
}

TEST(PythonCheckpoint, RejectsFilesThatAreNotCheckpoints)
{
    cifarlab::test::TempDir dir;
    const std::string missing = dir.file("missing.pt");
    EXPECT_EQ(errorOf([&] { cifarlab::loadPythonStateDict(missing); }), missing + ": file not found");

    const std::string text = dir.file("notes.pt");
    writeFile(text, "just some text, not a zip");
    EXPECT_EQ(errorOf([&] { cifarlab::loadPythonStateDict(text); }),
        text + ": not a PyTorch checkpoint (not a zip archive)");

    const std::string legacy = dir.file("legacy.pt");
    writeFile(legacy, std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.", 15));
    EXPECT_NE(
        errorOf([&] { cifarlab::loadPythonStateDict(legacy); }).find("legacy (pre-1.6)"), std::string::npos);

    const std::string otherZip = dir.file("other.zip");
    writeStoredZip(otherZip, {{"readme.txt", "hello"}});
    EXPECT_NE(
        errorOf([&] { cifarlab::loadPythonStateDict(otherZip); }).find("has no data.pkl"), std::string::npos);

    const std::string brokenZip = dir.file("broken.pt");
    writeFile(brokenZip, std::string("PK\x03\x04garbage", 11));
    EXPECT_EQ(errorOf([&] { cifarlab::loadPythonStateDict(brokenZip); }).rfind(brokenZip + ": ", 0), 0u);

    const std::string corrupt = dir.file("corrupt.pt");
    writeStoredZip(corrupt, {{"archive/data.pkl", minimalPickle()}, {"archive/data/0", floatBytes({1, 2})}},
        "archive/data/0");
    EXPECT_NE(errorOf([&] { cifarlab::loadPythonStateDict(corrupt); }).find("'archive/data/0' is corrupt"),
        std::string::npos);
}

TEST(PythonCheckpoint, StateDictEntriesMustBeTensors)
{
    cifarlab::test::TempDir dir;
    const std::string path = dir.file("mixed.pt");
    Pickle p;
    p.proto(2).op('}').mark().str("w").tensor("FloatStorage", "0", 2, 0, {2}, {1});
    p.str("step").integer(5).op('u').stop();
    writeCheckpoint(path, p.bytes(), {{"0", floatBytes({1, 2})}});
    EXPECT_EQ(errorOf([&] { cifarlab::loadPythonStateDict(path); }),
        path + ": state_dict entry 'step' is a int, not a tensor");

    Pickle wrapped;
    wrapped.proto(2).op('}').str("model_state_dict").op('}').str("w").op(']').op('s').op('s').stop();
    writeCheckpoint(path, wrapped.bytes(), {});
    EXPECT_EQ(errorOf([&] { cifarlab::loadPythonStateDict(path); }),
        path + ": 'model_state_dict' entry 'w' is a list, not a tensor");

    writeCheckpoint(path, Pickle().proto(2).op(']').stop().bytes(), {});
    EXPECT_EQ(
        errorOf([&] { cifarlab::loadPythonStateDict(path); }), path + ": holds a list, not a state_dict");
}

// ===== applyStateDict

TEST(StateDict, ApplyListsMissingUnexpectedAndShapeMismatchesKeyByKey)
{
    ConvBnFc net;
    randomize(*net, 1);
    const StateDict before = cifarlab::moduleStateDict(*net);
    std::vector<torch::Tensor> snapshot;
    for (const auto &entry : before.entries)
        snapshot.push_back(entry.second.clone());

    ConvBnFc source(/*fcIn=*/100);
    randomize(*source, 2);
    StateDict sd = cifarlab::moduleStateDict(*source);
    sd.entries.erase(sd.entries.begin() + 4); // bn1.running_mean
    sd.entries.emplace_back("fc9.weight", torch::zeros({2}));

    const std::string message = errorOf([&] { cifarlab::applyStateDict(*net, sd); });
    EXPECT_EQ(message,
        "state_dict does not fit the model (3 problems): missing 'bn1.running_mean'; unexpected "
        "'fc9.weight'; fc.weight: checkpoint [10, 100] vs model [10, 128]");
    // Strict failure copies nothing.
    const StateDict after = cifarlab::moduleStateDict(*net);
    for (size_t i = 0; i < after.entries.size(); ++i)
        EXPECT_TRUE(bitwiseEqual(after.entries[i].second, snapshot[i])) << after.entries[i].first;

    // Non-strict copies what fits and reports the rest.
    const LoadReport report = cifarlab::applyStateDict(*net, sd, /*strict=*/false);
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(report.missing, std::vector<std::string> {"bn1.running_mean"});
    EXPECT_EQ(report.unexpected, std::vector<std::string> {"fc9.weight"});
    EXPECT_EQ(report.shapeMismatches,
        std::vector<std::string> {"fc.weight: checkpoint [10, 100] vs model [10, 128]"});
    EXPECT_TRUE(bitwiseEqual(net->conv1->weight, *sd.find("conv1.weight")));
    EXPECT_TRUE(bitwiseEqual(net->bn1->num_batches_tracked, *sd.find("bn1.num_batches_tracked")));
    EXPECT_TRUE(bitwiseEqual(net->bn1->running_var, *sd.find("bn1.running_var")));
    EXPECT_TRUE(bitwiseEqual(net->bn1->running_mean, snapshot[4]));
    EXPECT_TRUE(bitwiseEqual(net->fc->weight, snapshot[7]));
    EXPECT_EQ(LoadReport().describe(), "state_dict matches the model");
}

TEST(StateDict, ApplyRejectsNanAndInfNamingTheKey)
{
    ConvBnFc net;
    const torch::Tensor original = net->fc->bias.clone();
    for (const float bad :
        {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        StateDict sd = cifarlab::moduleStateDict(*net);
        for (auto &entry : sd.entries)
            entry.second = entry.second.detach().clone();
        sd.entries[8].second[3] = bad; // fc.bias
        for (const bool strict : {true, false}) {
            EXPECT_EQ(errorOf([&] { cifarlab::applyStateDict(*net, sd, strict); }),
                "state_dict: 'fc.bias' contains NaN or Inf values");
        }
    }
    EXPECT_TRUE(bitwiseEqual(net->fc->bias, original));
}
