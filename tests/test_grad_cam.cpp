// Grad-CAM must point at the evidence: on images whose only signal is a bright square in a
// class-specific quadrant (jittered, on noise), the map's peak has to land in that quadrant.
#include "core/error.h"
#include "core/grad_cam.h"
#include "core/trainer.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

using namespace cifarlab;

namespace {

constexpr int64_t kSide = 32;
constexpr int64_t kSquare = 10;

// Class k: a bright square somewhere in quadrant k (0 top-left, 1 top-right, 2 bottom-left,
// 3 bottom-right), the same in every channel; the background is untinted noise.
void fillQuadrantSplit(ImageSplit &split, int64_t count, std::mt19937_64 &rng)
{
    split.count = count;
    split.channels = 3;
    split.height = kSide;
    split.width = kSide;
    split.images.assign(static_cast<size_t>(count * 3 * kSide * kSide), 0);
    split.labels.resize(static_cast<size_t>(count));
    std::uniform_int_distribution<int> noise(0, 70);
    std::uniform_int_distribution<int64_t> jitter(0, kSide / 2 - kSquare);
    for (int64_t i = 0; i < count; ++i) {
        const int64_t label = i % 4;
        split.labels[static_cast<size_t>(i)] = label;
        const int64_t top = (label / 2) * (kSide / 2) + jitter(rng);
        const int64_t left = (label % 2) * (kSide / 2) + jitter(rng);
        for (int64_t c = 0; c < 3; ++c) {
            uint8_t *plane = split.images.data() + (i * 3 + c) * kSide * kSide;
            for (int64_t p = 0; p < kSide * kSide; ++p)
                plane[p] = static_cast<uint8_t>(noise(rng));
            for (int64_t y = top; y < top + kSquare; ++y)
                for (int64_t x = left; x < left + kSquare; ++x)
                    plane[y * kSide + x] = static_cast<uint8_t>(190 + noise(rng) / 2);
        }
    }
}

std::shared_ptr<const Dataset> quadrantData()
{
    std::mt19937_64 rng(7);
    Dataset d;
    d.name = "quadrants";
    d.format = "generated";
    d.source = "generated";
    d.classNames = {"top-left", "top-right", "bottom-left", "bottom-right"};
    fillQuadrantSplit(d.train, 800, rng);
    fillQuadrantSplit(d.test, 80, rng);
    return std::make_shared<const Dataset>(std::move(d));
}

TrainingConfig quadrantConfig(const std::string &architecture)
{
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = architecture;
    c.epochs = 4;
    c.batchSize = 32;
    c.optimizer = "sgd";
    c.learningRate = 0.05;
    c.momentum = 0.9;
    c.nesterov = true;
    c.weightDecay = 5e-4;
    c.schedule = "onecycle";
    c.labelSmoothing = 0.0;
    c.augment = {};
    c.preprocess = "dataset-normalize";
    c.precision = Precision::Fp32;
    c.channelsLast = false;
    c.threads = 1;
    c.seed = 3;
    c.evalBatchSize = 80;
    return c;
}

int quadrantOfPeak(const GradCamMap &map)
{
    const auto peak = std::max_element(map.values.begin(), map.values.end()) - map.values.begin();
    const int64_t y = peak / map.width, x = peak % map.width;
    return static_cast<int>((y >= map.height / 2 ? 2 : 0) + (x >= map.width / 2 ? 1 : 0));
}

} // namespace

class GradCamArchitectures : public ::testing::TestWithParam<const char *>
{
};

TEST_P(GradCamArchitectures, PeakLiesOnTheEvidence)
{
    const auto data = quadrantData();
    test::TempDir dir;
    Trainer trainer(quadrantConfig(GetParam()), data, dir.path());
    const TrainingResult trained = trainer.run({});
    ASSERT_EQ(trained.status, RunStatus::Completed) << trained.message;
    ASSERT_GT(trained.finalTestAccuracy, 0.95) << "the network must have learnt the quadrants first";

    const GradCam cam(GetParam(), trainer.latestCheckpointPath(), data, "dataset-normalize");
    int positive = 0, onTarget = 0;
    for (int64_t i = 0; i < data->test.count; ++i) {
        const GradCamMap map = cam.compute(i);
        ASSERT_EQ(map.height, kSide);
        ASSERT_EQ(map.width, kSide);
        ASSERT_EQ(map.values.size(), static_cast<size_t>(kSide * kSide));
        ASSERT_EQ(map.probabilities.size(), 4u);
        EXPECT_NEAR(std::accumulate(map.probabilities.begin(), map.probabilities.end(), 0.0), 1.0, 1e-4);
        EXPECT_EQ(map.targetClass, map.predictedClass);
        EXPECT_EQ(map.predictedClass,
                  std::max_element(map.probabilities.begin(), map.probabilities.end()) - map.probabilities.begin());
        EXPECT_GE(*std::min_element(map.values.begin(), map.values.end()), 0.0f);
        EXPECT_LE(*std::max_element(map.values.begin(), map.values.end()), 1.0f);
        EXPECT_FALSE(map.layer.empty());
        EXPECT_GT(map.layerHeight * map.layerWidth, 1);
        // All zero: no position's features speak for the class (the net decided from the other
        // quadrants being empty), which Grad-CAM's clipping at zero reports as nothing.
        if (*std::max_element(map.values.begin(), map.values.end()) == 0.0f)
            continue;
        ++positive;
        if (quadrantOfPeak(map) == data->test.labels[static_cast<size_t>(i)])
            ++onTarget;
    }
    EXPECT_GE(positive, 40) << positive << " of 80 maps are not all zero";
    // A map that ignored the image would hit the right quadrant a quarter of the time.
    EXPECT_GE(onTarget, positive * 9 / 10) << onTarget << " of " << positive << " peaks in the square's quadrant";
}

// ResNet-18's last feature map (4x4, each position seeing the whole 32x32 image) is too coarse to
// localize on such images, so only the networks whose maps keep their place are checked here.
INSTANTIATE_TEST_SUITE_P(Nets, GradCamArchitectures, ::testing::Values("baseline-plus"));

TEST(GradCam, AirbenchExplainsItsLastGroup)
{
    const auto data = quadrantData();
    test::TempDir dir;
    TrainingConfig c = quadrantConfig("airbench");
    c.epochs = 1;
    c.widthScale = 0.5;
    Trainer trainer(c, data, dir.path());
    ASSERT_EQ(trainer.run({}).status, RunStatus::Completed);
    // The width comes from the checkpoint, as for evaluate.
    const GradCam cam("airbench", trainer.latestCheckpointPath(), data, "dataset-normalize");
    const GradCamMap map = cam.compute(5);
    EXPECT_EQ(map.layer, "block3.activ2");
    EXPECT_EQ(map.layerHeight, 3);
    EXPECT_EQ(map.layerWidth, 3);
    EXPECT_EQ(map.values.size(), static_cast<size_t>(kSide * kSide));
}

TEST(GradCam, ExplainsAChosenClassAndRefusesBadInput)
{
    const auto data = quadrantData();
    test::TempDir dir;
    Trainer trainer(quadrantConfig("baseline-plus"), data, dir.path());
    ASSERT_EQ(trainer.run({}).status, RunStatus::Completed);
    const GradCam cam("baseline-plus", trainer.latestCheckpointPath(), data, "dataset-normalize");
    const GradCamMap own = cam.compute(0);
    const int32_t other = (own.predictedClass + 1) % 4;
    const GradCamMap chosen = cam.compute(0, other);
    EXPECT_EQ(chosen.targetClass, other);
    EXPECT_EQ(chosen.predictedClass, own.predictedClass);
    EXPECT_NE(chosen.values, own.values);
    EXPECT_EQ(own.layer, "pool3");
    EXPECT_EQ(own.layerHeight, 4);

    EXPECT_THROW(cam.compute(-1), Error);
    EXPECT_THROW(cam.compute(data->test.count), Error);
    EXPECT_THROW(cam.compute(0, 4), Error);
    EXPECT_THROW(GradCam("resnet18", trainer.latestCheckpointPath(), data, "dataset-normalize"), Error);
    EXPECT_THROW(GradCam("baseline-plus", dir.file("missing.pt"), data, "dataset-normalize"), Error);
}
