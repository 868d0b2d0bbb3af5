// Data-parallel training on c10d (TCPStore + ProcessGroupGloo), on 127.0.0.1 only: the options,
// the collectives and the bucketed gradient all-reduce in one process, then whole jobs of
// cifarlab-cli processes (equivalence with one process, convergence, resume, a killed rank).
#include "core/distributed_failure.h"
#include "core/distributed_group.h"
#include "core/distributed_options.h"
#include "core/error.h"
#include "core/experiment_store.h"
#include "core/gradient_reducer.h"
#include "core/training_config.h"
#include "core/training_checkpoint.h"
#include "models/batch_norm.h"
#include "models/network.h"
#include "support/cli_runner.h"
#include "support/error_of.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"

#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>

using namespace cifarlab;

namespace {

using Clock = std::chrono::steady_clock;

using test::errorOf;

int64_t freePort()
{
    QTcpServer server;
    EXPECT_TRUE(server.listen(QHostAddress::LocalHost, 0));
    return server.serverPort();
}

// Two ranks of one group in this process, rank 0's store on a free port.
struct GroupPair
{
    std::unique_ptr<DistributedGroup> zero;
    std::unique_ptr<DistributedGroup> one;

    explicit GroupPair(double timeoutSeconds = 10)
    {
        DistributedOptions o;
        o.worldSize = 2;
        o.masterPort = 0;
        o.spawnLocalWorkers = true;
        o.timeoutSeconds = timeoutSeconds;
        zero = std::make_unique<DistributedGroup>(o);
        o.rank = 1;
        o.spawnLocalWorkers = false;
        o.masterPort = zero->port();
        one = std::make_unique<DistributedGroup>(o);
        both([](DistributedGroup &g) { g.connect(); });
    }

    // Runs `step` on both ranks at once, as two processes would.
    void both(const std::function<void(DistributedGroup &)> &step)
    {
        auto other = std::async(std::launch::async, [&] { step(*one); });
        step(*zero);
        other.get();
    }
};

using test::CliResult;

CliResult runCli(const QStringList &args, int timeoutMs = 60000)
{
    return test::runCli(args, timeoutMs);
}

// A BatchNorm-free network (LeNet) on plain data: nothing but the batch split differs.
QStringList recipe(const std::string &data, const std::string &store, int batchSize, double epochs)
{
    return {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
            QString::fromStdString(data), QStringLiteral("--store"), QString::fromStdString(store), QStringLiteral("--batch-size"),
            QString::number(batchSize), QStringLiteral("--epochs"), QString::number(epochs), QStringLiteral("--lr"),
            QStringLiteral("0.05"), QStringLiteral("--schedule"), QStringLiteral("constant"), QStringLiteral("--augment"),
            QStringLiteral("none"), QStringLiteral("--label-smoothing"), QStringLiteral("0"), QStringLiteral("--precision"),
            QStringLiteral("fp32"), QStringLiteral("--memory-format"), QStringLiteral("contiguous"), QStringLiteral("--threads"),
            QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--dist-timeout"), QStringLiteral("20")};
}

std::shared_ptr<Network> weightsOf(const std::string &checkpoint)
{
    InputSpec input;
    input.channels = 1;
    input.height = 28;
    input.width = 28;
    auto net = createNetwork("baseline", input);
    loadTrainingCheckpoint(checkpoint, *net, nullptr);
    return net;
}

double largestDifference(Network &a, Network &b)
{
    const auto pa = a.parameters();
    const auto pb = b.parameters();
    EXPECT_EQ(pa.size(), pb.size());
    double worst = 0.0;
    for (size_t i = 0; i < pa.size() && i < pb.size(); ++i)
        worst = std::max(worst, (pa[i] - pb[i]).abs().max().item<double>());
    return worst;
}

// The lines of a --json run: the "result" event.
QJsonObject resultEvent(const QString &out)
{
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
        if (o.value(QStringLiteral("event")).toString() == QLatin1String("result"))
            return o;
    }
    return {};
}

} // namespace

TEST(DistributedOptions, BadValuesNameTheirFlag)
{
    DistributedOptions o;
    o.worldSize = 2;
    o.rank = 2;
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--rank: ", 0), 0u);
    o.rank = -1;
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--rank: ", 0), 0u);
    o.rank = 0;
    o.masterPort = 70000;
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--master-port: ", 0), 0u);
    o.masterPort = 0; // only a local launcher may let the system pick
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--master-port: ", 0), 0u);
    o.spawnLocalWorkers = true;
    EXPECT_NO_THROW(validateDistributedOptions(o));
    o.worldSize = 0;
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--world-size: ", 0), 0u);
    o.worldSize = 2;
    o.timeoutSeconds = 0;
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--dist-timeout: ", 0), 0u);
    o.timeoutSeconds = 10;
    o.masterAddr.clear();
    EXPECT_EQ(errorOf([&] { validateDistributedOptions(o); }).rfind("--master-addr: ", 0), 0u);
}

TEST(DistributedOptions, TorchrunEnvironmentIsRead)
{
    setenv("MASTER_ADDR", "10.1.2.3", 1);
    setenv("MASTER_PORT", "29611", 1);
    setenv("WORLD_SIZE", "4", 1);
    setenv("RANK", "3", 1);
    setenv("LOCAL_RANK", "1", 1);
    setenv("LOCAL_WORLD_SIZE", "2", 1);
    setenv("TORCHELASTIC_USE_AGENT_STORE", "True", 1);
    DistributedOptions o;
    applyDistributedEnvironment(o);
    EXPECT_EQ(o.masterAddr, "10.1.2.3");
    EXPECT_EQ(o.masterPort, 29611);
    EXPECT_EQ(o.worldSize, 4);
    EXPECT_EQ(o.rank, 3);
    EXPECT_EQ(o.localRank, 1);
    EXPECT_EQ(o.localWorldSize, 2);
    EXPECT_TRUE(o.agentStore);
    EXPECT_NO_THROW(validateDistributedOptions(o));
    setenv("RANK", "three", 1);
    EXPECT_EQ(errorOf([&] { applyDistributedEnvironment(o); }).rfind("RANK: expected an integer", 0), 0u);
    for (const char *name :
         {"MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "RANK", "LOCAL_RANK", "LOCAL_WORLD_SIZE", "TORCHELASTIC_USE_AGENT_STORE"})
        unsetenv(name);
}

TEST(DistributedGroup, AllReduceAndBroadcastBetweenTwoRanks)
{
    GroupPair pair;
    EXPECT_GT(pair.zero->port(), 0);
    torch::Tensor a = torch::tensor({1.0f, 2.0f});
    torch::Tensor b = torch::tensor({3.0f, 4.0f});
    pair.both([&](DistributedGroup &g) { g.allreduceSum(g.rank() == 0 ? a : b); });
    EXPECT_TRUE(torch::equal(a, torch::tensor({4.0f, 6.0f})));
    EXPECT_TRUE(torch::equal(b, torch::tensor({4.0f, 6.0f})));

    // Channels-last tensors travel through a dense copy and come back in place.
    torch::Tensor source = torch::arange(24, torch::kFloat32).view({1, 2, 3, 4}).contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor target = torch::zeros({1, 2, 3, 4}).contiguous(torch::MemoryFormat::ChannelsLast);
    torch::Tensor counter = torch::tensor({7}, torch::kInt64);
    torch::Tensor otherCounter = torch::tensor({0}, torch::kInt64);
    pair.both([&](DistributedGroup &g) {
        g.broadcast(g.rank() == 0 ? std::vector<torch::Tensor>{source, counter} : std::vector<torch::Tensor>{target, otherCounter});
    });
    EXPECT_TRUE(torch::equal(target, source));
    EXPECT_EQ(otherCounter.item<int64_t>(), 7);

    pair.zero->publish("config", std::string("{\"a\":1}\0tail", 12));
    EXPECT_EQ(pair.one->fetch("config"), std::string("{\"a\":1}\0tail", 12));
}

TEST(DistributedGroup, RankZeroJoinsAStoreALauncherServes)
{
    // torchrun's agent serves the store on MASTER_PORT; every rank, rank 0 included, is a client.
    c10d::TCPStoreOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.isServer = true;
    serverOptions.waitWorkers = false;
    auto agent = c10::make_intrusive<c10d::TCPStore>("127.0.0.1", serverOptions);
    DistributedOptions o;
    o.worldSize = 2;
    o.masterPort = agent->getPort();
    o.agentStore = true;
    o.timeoutSeconds = 10;
    DistributedGroup zero(o);
    o.rank = 1;
    DistributedGroup one(o);
    torch::Tensor a = torch::tensor({1.0}), b = torch::tensor({2.0});
    auto other = std::async(std::launch::async, [&] {
        one.connect();
        one.allreduceSum(b);
    });
    zero.connect();
    zero.allreduceSum(a);
    other.get();
    EXPECT_EQ(a.item<double>(), 3.0);
    EXPECT_EQ(b.item<double>(), 3.0);
}

TEST(DistributedGroup, BucketedGradientsAreTheMeanOfTheRanks)
{
    GroupPair pair;
    torch::manual_seed(1);
    torch::nn::Sequential reference(torch::nn::Linear(6, 5), torch::nn::Linear(5, 4), torch::nn::Linear(4, 3));
    std::vector<torch::nn::Sequential> nets;
    for (int r = 0; r < 2; ++r) {
        nets.push_back(torch::nn::Sequential(torch::nn::Linear(6, 5), torch::nn::Linear(5, 4), torch::nn::Linear(4, 3)));
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < reference->parameters().size(); ++i)
            nets[static_cast<size_t>(r)]->parameters()[i].copy_(reference->parameters()[i]);
    }
    const torch::Tensor x = torch::randn({8, 6});
    // The mean-loss gradient of the whole batch, and of each half on its own rank.
    reference->zero_grad();
    reference->forward(x).pow(2).mean().backward();

    // 64-byte buckets: several all-reduces in flight during one backward.
    GradientReducer zero(*pair.zero, 64, true);
    GradientReducer one(*pair.one, 64, true);
    zero.attach(nets[0]->parameters());
    one.attach(nets[1]->parameters());
    EXPECT_GT(zero.bucketCount(), 2u);
    for (int step = 0; step < 2; ++step) {
        pair.both([&](DistributedGroup &g) {
            auto &net = nets[static_cast<size_t>(g.rank())];
            net->zero_grad();
            net->forward(x.narrow(0, 4 * g.rank(), 4)).pow(2).mean().backward();
            (g.rank() == 0 ? zero : one).finish();
        });
        for (int r = 0; r < 2; ++r)
            for (size_t i = 0; i < reference->parameters().size(); ++i)
                EXPECT_TRUE(torch::allclose(nets[static_cast<size_t>(r)]->parameters()[i].grad(), reference->parameters()[i].grad(), 1e-5,
                                            1e-6))
                    << "rank " << r << " parameter " << i << " step " << step;
    }
}

TEST(DistributedGroup, SynchronizedBatchNormMatchesOneProcessOnTheWholeBatch)
{
    GroupPair pair;
    torch::manual_seed(2);
    auto build = [] {
        torch::manual_seed(3);
        return torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(2, 3, 3).padding(1)), BatchNorm2d(3),
                                     torch::nn::ReLU(), torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 2, 1)), BatchNorm2d(2));
    };
    auto reference = build();
    std::vector<torch::nn::Sequential> nets = {build(), build()};
    setBatchStatisticsReducer(*nets[0], [&](torch::Tensor &t) { pair.zero->allreduceSum(t); });
    setBatchStatisticsReducer(*nets[1], [&](torch::Tensor &t) { pair.one->allreduceSum(t); });
    const torch::Tensor x = torch::randn({8, 2, 5, 5}) * 3 + 1;
    std::vector<torch::Tensor> inputs = {x.narrow(0, 0, 4).clone().requires_grad_(), x.narrow(0, 4, 4).clone().requires_grad_()};
    const torch::Tensor whole = x.clone().requires_grad_();
    const torch::Tensor expected = reference->forward(whole);
    expected.pow(2).mean().backward();

    GradientReducer zero(*pair.zero, 1 << 20, true);
    GradientReducer one(*pair.one, 1 << 20, true);
    zero.attach(nets[0]->parameters());
    one.attach(nets[1]->parameters());
    std::vector<torch::Tensor> outputs(2);
    pair.both([&](DistributedGroup &g) {
        const auto r = static_cast<size_t>(g.rank());
        outputs[r] = nets[r]->forward(inputs[r]);
        outputs[r].pow(2).mean().backward();
        (r == 0 ? zero : one).finish();
    });
    EXPECT_TRUE(torch::allclose(torch::cat(outputs), expected, 1e-4, 1e-5));
    // Input gradients of the whole-batch loss (each rank's mean loss is half of it, summed).
    EXPECT_TRUE(torch::allclose(torch::cat({inputs[0].grad(), inputs[1].grad()}) * 0.5, whole.grad(), 1e-4, 1e-6));
    for (size_t r = 0; r < 2; ++r) {
        for (size_t i = 0; i < reference->parameters().size(); ++i)
            EXPECT_TRUE(torch::allclose(nets[r]->parameters()[i].grad(), reference->parameters()[i].grad(), 1e-4, 1e-6))
                << "rank " << r << " parameter " << i;
        for (size_t i = 0; i < reference->buffers().size(); ++i)
            EXPECT_TRUE(torch::allclose(nets[r]->buffers()[i].to(torch::kFloat64), reference->buffers()[i].to(torch::kFloat64), 1e-4, 1e-6))
                << "rank " << r << " buffer " << i;
    }
    // Plain BatchNorm2d again without a reducer, and in evaluation.
    setBatchStatisticsReducer(*nets[0], {});
    EXPECT_TRUE(torch::allclose(nets[0]->forward(x), reference->forward(x), 1e-5, 1e-6));
}

TEST(DistributedGroup, ADeadRankZeroFailsTheWaitersQuickly)
{
    GroupPair pair(30);
    const auto start = Clock::now();
    auto waiter = std::async(std::launch::async, [&] {
        try {
            pair.one->waitFor("epoch-1");
        } catch (const DistributedFailure &e) {
            return std::string(e.what());
        }
        return std::string("returned");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    pair.zero.reset(); // its store and heartbeat go away with it
    const std::string message = waiter.get();
    EXPECT_NE(message.find("rank 1 of 2"), std::string::npos) << message;
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 15.0);
}

TEST(DistributedCli, BadInputIsOneLineAndExitCode2)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 64, 16, 28);
    const QStringList base = {QStringLiteral("train"), QStringLiteral("--arch"), QStringLiteral("baseline"), QStringLiteral("--data"),
                              QString::fromStdString(data), QStringLiteral("--store"), QString::fromStdString(dir.file("store"))};
    const std::vector<std::pair<QStringList, std::string>> cases = {
        {{QStringLiteral("--world-size"), QStringLiteral("2"), QStringLiteral("--rank"), QStringLiteral("2")}, "error: --rank: "},
        {{QStringLiteral("--world-size"), QStringLiteral("2"), QStringLiteral("--master-port"), QStringLiteral("70000")}, "error: --master-port: "},
        {{QStringLiteral("--nproc"), QStringLiteral("0")}, "error: --nproc: "},
        {{QStringLiteral("--nproc"), QStringLiteral("2"), QStringLiteral("--rank"), QStringLiteral("1")}, "error: --nproc: "},
        {{QStringLiteral("--nproc"), QStringLiteral("2"), QStringLiteral("--bucket-mb"), QStringLiteral("0")}, "error: --bucket-mb: "},
        {{QStringLiteral("--nproc"), QStringLiteral("2"), QStringLiteral("--sync-bn"), QStringLiteral("yes")}, "error: --sync-bn: "},
        // Nobody listens there: a worker gives up after --dist-timeout.
        {{QStringLiteral("--world-size"), QStringLiteral("2"), QStringLiteral("--rank"), QStringLiteral("1"), QStringLiteral("--master-port"),
          QString::number(freePort()), QStringLiteral("--dist-timeout"), QStringLiteral("2")},
         "error: --master-addr: cannot reach rank 0 at 127.0.0.1:"},
    };
    for (const auto &[flags, expected] : cases) {
        const auto r = runCli(base + flags, 30000);
        EXPECT_EQ(r.exitCode, 2) << flags.join(QLatin1Char(' ')).toStdString() << ": " << r.err.toStdString();
        EXPECT_EQ(r.err.toStdString().rfind(expected, 0), 0u) << r.err.toStdString();
        EXPECT_EQ(r.err.trimmed().count(QLatin1Char('\n')), 0) << r.err.toStdString();
    }
}

TEST(DistributedCli, TwoProcessesOfBatch64MatchOneProcessOfBatch128)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 512, 64, 28);
    const auto one = runCli(recipe(data, dir.file("one"), 128, 2));
    ASSERT_EQ(one.exitCode, 0) << one.err.toStdString();
    // Tiny buckets: many all-reduces in flight during each backward.
    const auto two = runCli(recipe(data, dir.file("two"), 64, 2) << QStringLiteral("--nproc") << QStringLiteral("2")
                                                                << QStringLiteral("--bucket-mb") << QStringLiteral("0.01"));
    ASSERT_EQ(two.exitCode, 0) << two.err.toStdString();

    // 8 SGD steps with momentum on the same global batches: the same weights up to rounding.
    const auto a = weightsOf(dir.file("one") + "/runs/1/checkpoint-latest.pt");
    const auto b = weightsOf(dir.file("two") + "/runs/1/checkpoint-latest.pt");
    EXPECT_LT(largestDifference(*a, *b), 1e-5);

    // And not trivially: the weights moved away from the initialisation.
    InputSpec input;
    input.channels = 1;
    input.height = 28;
    input.width = 28;
    torch::manual_seed(5);
    const auto initial = createNetwork("baseline", input);
    EXPECT_GT(largestDifference(*initial, *a), 1e-3);

    ExperimentStore store(dir.file("two"));
    const auto runs = store.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_NE(runs[0].hostInfo.find("2 processes"), std::string::npos) << runs[0].hostInfo;
    EXPECT_EQ(runs[0].epochsDone, 2);
    const TrainingConfig stored = configFromJson(runs[0].configJson);
    EXPECT_EQ(stored.worldSize, 2);
    EXPECT_EQ(stored.bucketMegabytes, 0.01);
    EXPECT_FALSE(stored.syncBatchNorm);
}

TEST(DistributedCli, SynchronizedBatchNormTrainsAndIsRecorded)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 256, 64, 28);
    QStringList args = recipe(data, dir.file("store"), 32, 1) << QStringLiteral("--nproc") << QStringLiteral("2") << QStringLiteral("--sync-bn")
                                                            << QStringLiteral("on");
    args[args.indexOf(QStringLiteral("baseline"))] = QStringLiteral("baseline-plus");
    const auto r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    ExperimentStore store(dir.file("store"));
    const auto runs = store.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_TRUE(configFromJson(runs[0].configJson).syncBatchNorm);
    EXPECT_GT(runs[0].finalTrainAccuracy, 0.0);
}

// Rank 0 fits the job to its time budget after the first epoch; the other rank must stop with it,
// or the job would hang in its next collective until the timeout.
TEST(DistributedCli, EveryRankTakesRankZerosTimeBudgetLength)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 256, 64, 28);
    const QStringList args = recipe(data, dir.file("store"), 32, 3) << QStringLiteral("--nproc") << QStringLiteral("2")
                                                                   << QStringLiteral("--time-budget") << QStringLiteral("0.000001");
    const auto r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("stops after 1 of 3 epochs"))) << r.err.toStdString();
    ExperimentStore store(dir.file("store"));
    const auto runs = store.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_EQ(runs[0].epochsDone, 1);
    EXPECT_DOUBLE_EQ(configFromJson(runs[0].configJson).epochs, 1.0);
}

// Rank 0 alone times the widths; the other rank must build the width it chose, or the weights it
// receives from rank 0 would not fit its network.
TEST(DistributedCli, EveryRankTrainsTheWidthRankZeroFitsToTheBudget)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 256, 64, 28);
    QStringList args = recipe(data, dir.file("store"), 32, 1) << QStringLiteral("--nproc") << QStringLiteral("2") << QStringLiteral("--time-budget")
                                                            << QStringLiteral("0.000001") << QStringLiteral("--fit-width") << QStringLiteral("on");
    args[args.indexOf(QStringLiteral("baseline"))] = QStringLiteral("airbench");
    const auto r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("so airbench trains at width 0.5"))) << r.err.toStdString();
    ExperimentStore store(dir.file("store"));
    const auto runs = store.listRuns();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, RunStatus::Completed);
    EXPECT_DOUBLE_EQ(configFromJson(runs[0].configJson).widthScale, 0.5);
}

TEST(DistributedCli, TwoProcessesConvergeAndResumeFromTheSameCheckpoint)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 600, 200, 28);
    QStringList args = recipe(data, dir.file("store"), 32, 2) << QStringLiteral("--nproc") << QStringLiteral("2") << QStringLiteral("--json");
    const auto first = runCli(args);
    ASSERT_EQ(first.exitCode, 0) << first.err.toStdString();
    // Continue the same run to 4 epochs: the stored config starts both processes again.
    const auto resumed = runCli({QStringLiteral("resume"), QStringLiteral("1"), QStringLiteral("--store"), QString::fromStdString(dir.file("store")),
                                 QStringLiteral("--epochs"), QStringLiteral("4"), QStringLiteral("--json")});
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err.toStdString();
    const QJsonObject result = resultEvent(resumed.out);
    EXPECT_EQ(result.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    EXPECT_EQ(result.value(QStringLiteral("epochs")).toInt(), 4);
    EXPECT_GT(result.value(QStringLiteral("test_accuracy")).toDouble(), 0.8) << resumed.out.toStdString();

    // Uninterrupted, the same job reaches the same weights: every rank resumed from rank 0's file.
    args[args.indexOf(QStringLiteral("--epochs")) + 1] = QStringLiteral("4");
    args[args.indexOf(QStringLiteral("--store")) + 1] = QString::fromStdString(dir.file("straight"));
    const auto straight = runCli(args);
    ASSERT_EQ(straight.exitCode, 0) << straight.err.toStdString();
    const auto a = weightsOf(dir.file("store") + "/runs/1/checkpoint-latest.pt");
    const auto b = weightsOf(dir.file("straight") + "/runs/1/checkpoint-latest.pt");
    EXPECT_EQ(largestDifference(*a, *b), 0.0);
}

TEST(DistributedCli, AKilledRankEndsTheJobWithAClearError)
{
    test::TempDir dir;
    const std::string data = test::writeLearnableIdxFolder(dir.path(), 2000, 32, 28);
    const QString port = QString::number(freePort());
    const QStringList job = recipe(data, dir.file("store"), 8, 50)
                            << QStringLiteral("--world-size") << QStringLiteral("2") << QStringLiteral("--master-port") << port
                            << QStringLiteral("--dist-timeout") << QStringLiteral("10") << QStringLiteral("--json");
    QProcess master, worker;
    master.start(QStringLiteral(CIFARLAB_CLI_PATH), job + QStringList{QStringLiteral("--rank"), QStringLiteral("0")});
    worker.start(QStringLiteral(CIFARLAB_CLI_PATH), job + QStringList{QStringLiteral("--rank"), QStringLiteral("1")});
    ASSERT_TRUE(master.waitForStarted() && worker.waitForStarted());
    // Wait until the job trains, then kill the worker as a crash would.
    QByteArray seen;
    const auto deadline = Clock::now() + std::chrono::seconds(40);
    while (!seen.contains("\"event\":\"batch\"") && Clock::now() < deadline && master.state() == QProcess::Running) {
        master.waitForReadyRead(200);
        seen += master.readAllStandardOutput();
    }
    ASSERT_TRUE(seen.contains("\"event\":\"batch\"")) << seen.toStdString() << master.readAllStandardError().toStdString();
    const auto killedAt = Clock::now();
    worker.kill();
    worker.waitForFinished();
    ASSERT_TRUE(master.waitForFinished(30000));
    const double seconds = std::chrono::duration<double>(Clock::now() - killedAt).count();
    EXPECT_LT(seconds, 15.0) << "the surviving rank must stop within the timeout";
    EXPECT_EQ(master.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(master.exitCode(), 1);
    seen += master.readAllStandardOutput();
    const QJsonObject result = resultEvent(QString::fromUtf8(seen));
    EXPECT_EQ(result.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    const std::string message = result.value(QStringLiteral("message")).toString().toStdString();
    EXPECT_EQ(message.rfind("rank 0 of 2: ", 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;

    ExperimentStore store(dir.file("store"));
    ASSERT_EQ(store.listRuns().size(), 1u);
    EXPECT_EQ(store.listRuns()[0].status, RunStatus::Failed);
    // The run's log says it failed, and why (the Log tab marks the line by its first word).
    const std::vector<RunLogEntry> log = store.runLog(store.listRuns()[0].id);
    EXPECT_TRUE(std::any_of(log.begin(), log.end(), [&](const RunLogEntry &e) { return e.message == "failed: " + message; }))
        << (log.empty() ? std::string("(empty log)") : log.back().message);

    // The other way round: the master dies, the worker notices and fails on its own.
    QProcess master2, worker2;
    const QString port2 = QString::number(freePort());
    QStringList job2 = job;
    job2[job2.indexOf(QStringLiteral("--master-port")) + 1] = port2;
    job2[job2.indexOf(QStringLiteral("--store")) + 1] = QString::fromStdString(dir.file("store2"));
    master2.start(QStringLiteral(CIFARLAB_CLI_PATH), job2 + QStringList{QStringLiteral("--rank"), QStringLiteral("0")});
    worker2.start(QStringLiteral(CIFARLAB_CLI_PATH), job2 + QStringList{QStringLiteral("--rank"), QStringLiteral("1")});
    ASSERT_TRUE(master2.waitForStarted() && worker2.waitForStarted());
    seen.clear();
    const auto deadline2 = Clock::now() + std::chrono::seconds(40);
    while (!seen.contains("\"event\":\"batch\"") && Clock::now() < deadline2 && master2.state() == QProcess::Running) {
        master2.waitForReadyRead(200);
        seen += master2.readAllStandardOutput();
    }
    ASSERT_TRUE(seen.contains("\"event\":\"batch\""));
    const auto killedAt2 = Clock::now();
    master2.kill();
    master2.waitForFinished();
    ASSERT_TRUE(worker2.waitForFinished(30000));
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - killedAt2).count(), 15.0);
    EXPECT_EQ(worker2.exitCode(), 1);
    const QJsonObject workerResult = resultEvent(QString::fromUtf8(worker2.readAllStandardOutput()));
    EXPECT_EQ(workerResult.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    EXPECT_EQ(workerResult.value(QStringLiteral("message")).toString().toStdString().rfind("rank 1 of 2: ", 0), 0u)
        << workerResult.value(QStringLiteral("message")).toString().toStdString();
}
