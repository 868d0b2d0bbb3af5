// The embedding projector's maths: PCA finds known axes, t-SNE keeps separated clusters apart,
// neighbours and votes are exact, the image draw is balanced and repeatable, and a trained network's
// features cluster by class.
#include "core/embedding.h"
#include "core/error.h"
#include "core/trainer.h"
#include "support/error_of.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <sstream>

using namespace cifarlab;

namespace {

EmbeddingOptions pcaOptions()
{
    EmbeddingOptions o;
    o.method = ProjectionMethod::Pca;
    return o;
}

using test::errorOf;

// Three clusters of `perCluster` points in `dimensions`-d, centres 12 apart, unit noise.
std::vector<float> clusters(int64_t perCluster, int64_t dimensions, std::vector<int32_t> &labels)
{
    std::mt19937_64 random(5);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::vector<float> features;
    labels.clear();
    for (int32_t c = 0; c < 3; ++c)
        for (int64_t i = 0; i < perCluster; ++i) {
            for (int64_t d = 0; d < dimensions; ++d)
                features.push_back((d == c ? 12.0f : 0.0f) + noise(random));
            labels.push_back(c);
        }
    return features;
}

} // namespace

TEST(Projection, PcaFindsTheAxesOfLargestVariance)
{
    // Six points on three orthogonal axes (half-lengths 3, 2, 0.5): the covariance is diagonal with
    // 18, 8 and 0.5 (over n - 1), then rotated and shifted.
    const double c = std::cos(0.5), s = std::sin(0.5), r = std::sqrt(0.5);
    // Columns are the rotated unit axes: a turn about z, then 45 degrees about x.
    const double rotation[3][3] = {{c, -s, 0.0}, {s * r, c * r, -r}, {s * r, c * r, r}};
    const double lengths[3] = {3.0, 2.0, 0.5};
    std::vector<float> features;
    for (int axis = 0; axis < 3; ++axis)
        for (const double sign : {1.0, -1.0})
            for (int row = 0; row < 3; ++row)
                features.push_back(static_cast<float>(
                    sign * lengths[axis] * rotation[row][axis] + (row == 0 ? 10.0 : -4.0)));
    const Projection p = projectFeatures(features, 6, 3, pcaOptions());
    ASSERT_EQ(p.x.size(), 6u);
    ASSERT_EQ(p.y.size(), 6u);
    EXPECT_NEAR(p.explainedVariance[0], 18.0 / 26.5, 1e-6);
    EXPECT_NEAR(p.explainedVariance[1], 8.0 / 26.5, 1e-6);
    EXPECT_EQ(p.klDivergence, -1.0);
    // Each axis is turned so its largest loading is positive, which fixes the signs exactly.
    const auto orientation = [&](int axis) {
        int largest = 0;
        for (int row = 1; row < 3; ++row)
            if (std::abs(rotation[row][axis]) > std::abs(rotation[largest][axis]))
                largest = row;
        return rotation[largest][axis] > 0 ? 1.0 : -1.0;
    };
    EXPECT_NEAR(p.x[0], 3.0 * orientation(0), 1e-4);
    EXPECT_NEAR(p.x[1], -3.0 * orientation(0), 1e-4);
    EXPECT_NEAR(p.y[0], 0.0, 1e-4);
    EXPECT_NEAR(p.y[2], 2.0 * orientation(1), 1e-4);
    EXPECT_NEAR(p.x[2], 0.0, 1e-4);
    EXPECT_NEAR(p.x[4], 0.0, 1e-4); // the short axis projects onto neither
    EXPECT_NEAR(p.y[4], 0.0, 1e-4);
}

TEST(Projection, TsneKeepsSeparatedClustersApartAndRepeatsExactly)
{
    std::vector<int32_t> labels;
    const std::vector<float> features = clusters(40, 20, labels);
    EmbeddingOptions options;
    options.method = ProjectionMethod::Tsne;
    options.perplexity = 10.0;
    options.iterations = 500;
    std::vector<double> fractions;
    const Projection p
        = projectFeatures(features, 120, 20, options, [&](double fraction, const std::string &stage) {
              EXPECT_EQ(stage, "t-SNE");
              fractions.push_back(fraction);
          });
    ASSERT_EQ(p.x.size(), 120u);
    ASSERT_FALSE(fractions.empty());
    EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
    EXPECT_DOUBLE_EQ(fractions.back(), 1.0);
    EXPECT_GT(p.klDivergence, 0.0);
    EXPECT_LT(p.klDivergence, 3.0);

    std::vector<float> map;
    for (size_t i = 0; i < p.x.size(); ++i) {
        map.push_back(p.x[i]);
        map.push_back(p.y[i]);
    }
    EXPECT_DOUBLE_EQ(neighbourAccuracy(nearestNeighbours(map, 120, 2, 5), 5, labels), 1.0);
    // Every cluster's centre lies farther from the others than three times any cluster's spread.
    double centre[3][2] = {}, spread = 0.0;
    for (size_t i = 0; i < 120; ++i) {
        centre[labels[i]][0] += p.x[i] / 40.0;
        centre[labels[i]][1] += p.y[i] / 40.0;
    }
    for (size_t i = 0; i < 120; ++i)
        spread = std::max(spread, std::hypot(p.x[i] - centre[labels[i]][0], p.y[i] - centre[labels[i]][1]));
    for (int a = 0; a < 3; ++a)
        for (int b = a + 1; b < 3; ++b)
            EXPECT_GT(std::hypot(centre[a][0] - centre[b][0], centre[a][1] - centre[b][1]), 1.5 * spread)
                << a << " " << b;

    const Projection again = projectFeatures(features, 120, 20, options);
    EXPECT_EQ(again.x, p.x);
    EXPECT_EQ(again.y, p.y);
}

TEST(Projection, CancelStopsTsne)
{
    std::vector<int32_t> labels;
    const std::vector<float> features = clusters(20, 5, labels);
    EmbeddingOptions options;
    options.perplexity = 5.0;
    std::atomic<bool> cancel {false};
    int calls = 0;
    EXPECT_THROW(projectFeatures(
                     features, 60, 5, options,
                     [&](double, const std::string &) {
                         if (++calls == 3)
                             cancel = true;
                     },
                     &cancel),
        EmbeddingCancelled);
    EXPECT_EQ(calls, 3);
}

TEST(Projection, BadInputIsRefusedWithTheFieldNamed)
{
    std::vector<int32_t> labels;
    const std::vector<float> features = clusters(10, 4, labels); // 30 points
    EmbeddingOptions options;
    options.perplexity = 10.0; // at most 29 / 3
    EXPECT_EQ(errorOf([&] { projectFeatures(features, 30, 4, options); }),
        "--perplexity: must be 2-9.66 for 30 images, got 10");
    options.perplexity = 5.0;
    options.iterations = 100;
    EXPECT_EQ(errorOf([&] { projectFeatures(features, 30, 4, options); }),
        "--iterations: must be 250-10000, got 100");
    options.iterations = 1000;
    EXPECT_EQ(errorOf([&] { validateEmbeddingOptions(options, 5001); }),
        "--images: t-SNE takes at most 5000 images (its cost grows with the square of the count), got 5001; "
        "use fewer, or PCA");
    EXPECT_NO_THROW(validateEmbeddingOptions(pcaOptions(), 5001));
    EXPECT_EQ(errorOf([&] {
        projectFeatures({1, 2, 3, 4}, 2, 2, pcaOptions());
    }),
        "embedding: needs at least 3 test images, got 2");
    EXPECT_EQ(errorOf([&] { projectFeatures(features, 30, 5, pcaOptions()); }),
        "embedding: expected 30 x 5 features, got 120 values");
    std::vector<float> broken = features;
    broken[7] = std::nanf("");
    EXPECT_EQ(errorOf([&] { projectFeatures(broken, 30, 4, pcaOptions()); }),
        "embedding: the features hold NaN or infinite values (did the run diverge?)");
    EmbeddingOptions many = pcaOptions();
    many.neighbours = 30;
    EXPECT_EQ(errorOf([&] { validateEmbeddingOptions(many, 30); }),
        "--neighbours: must be 1-50 and fewer than the 30 images, got 30");
    EXPECT_EQ(errorOf([] { parseProjectionMethod("umap"); }), "--method: expected pca or tsne, got 'umap'");
    EXPECT_EQ(parseProjectionMethod("t-sne"), ProjectionMethod::Tsne);
    EXPECT_EQ(projectionMethodName(ProjectionMethod::Pca), "pca");
}

TEST(Neighbours, NearestFirstAndVotesBreakTiesByTheNearest)
{
    // Points on a line at 0, 1, 3, 7, 8.
    const std::vector<float> line = {0, 1, 3, 7, 8};
    const std::vector<int32_t> n = nearestNeighbours(line, 5, 1, 2);
    EXPECT_EQ(n, (std::vector<int32_t> {1, 2, 0, 2, 1, 0, 4, 2, 3, 2}));
    // Point 1's neighbours (0, 2) have labels 0 and 1, point 2's (1, 0) labels 1 and 0: ties, each
    // won by the nearer neighbour.
    const std::vector<int32_t> labels = {0, 1, 1, 2, 0};
    EXPECT_EQ(neighbourVotes(n, 2, labels), (std::vector<int32_t> {1, 0, 1, 0, 2}));
    EXPECT_DOUBLE_EQ(neighbourAccuracy(n, 2, labels), 1.0 / 5.0);
    EXPECT_EQ(errorOf([&] { neighbourVotes(n, 3, labels); }),
        "embedding: 10 neighbours do not make 3 for each of 5 points");
    EXPECT_EQ(errorOf([&] { nearestNeighbours(line, 5, 1, 5); }),
        "embedding: cannot find 5 neighbours among 5 points");
}

TEST(Neighbours, ChunkedSearchAgreesWithBruteForce)
{
    // More rows than one chunk (512), so the chunk boundaries are crossed.
    std::mt19937_64 random(11);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    const int64_t n = 700, d = 3;
    std::vector<float> points(static_cast<size_t>(n * d));
    for (float &v : points)
        v = uniform(random);
    const std::vector<int32_t> found = nearestNeighbours(points, n, d, 4);
    for (int64_t i : {0L, 511L, 512L, 699L}) {
        std::vector<std::pair<double, int32_t>> all;
        for (int64_t j = 0; j < n; ++j) {
            if (j == i)
                continue;
            double sum = 0.0;
            for (int64_t k = 0; k < d; ++k)
                sum += std::pow(points[i * d + k] - points[j * d + k], 2);
            all.emplace_back(sum, static_cast<int32_t>(j));
        }
        std::sort(all.begin(), all.end());
        for (int k = 0; k < 4; ++k)
            EXPECT_EQ(found[static_cast<size_t>(i * 4 + k)], all[static_cast<size_t>(k)].second)
                << "row " << i;
    }
}

TEST(EmbeddingImages, DrawnEvenlyOverTheClassesAndRepeatable)
{
    ImageSplit split;
    split.count = 22;
    for (int64_t i = 0; i < 22; ++i)
        split.labels.push_back(i < 10 ? 0 : i < 20 ? 1 : 2); // 10, 10 and 2 images
    const std::vector<int64_t> drawn = drawEmbeddingImages(split, 12, 3);
    ASSERT_EQ(drawn.size(), 12u);
    EXPECT_TRUE(std::is_sorted(drawn.begin(), drawn.end()));
    std::map<int64_t, int> perClass;
    for (const int64_t i : drawn)
        ++perClass[split.labels[static_cast<size_t>(i)]];
    EXPECT_EQ(perClass[0], 5);
    EXPECT_EQ(perClass[1], 5);
    EXPECT_EQ(perClass[2], 2);
    EXPECT_EQ(drawEmbeddingImages(split, 12, 3), drawn);
    EXPECT_NE(drawEmbeddingImages(split, 12, 4), drawn);
    EXPECT_EQ(drawEmbeddingImages(split, 0, 3).size(), 22u);
    EXPECT_EQ(drawEmbeddingImages(split, 50, 3).size(), 22u);
}

TEST(Embedding, ATrainedNetworksFeaturesClusterByClass)
{
    auto data = std::make_shared<const Dataset>(test::makeLearnableDataset(600, 120, 4, 3, 16, 2));
    TrainingConfig config;
    config.dataPath = "generated";
    config.architecture = "baseline-plus";
    config.epochs = 3;
    config.batchSize = 32;
    config.learningRate = 0.05;
    config.augment = {};
    config.precision = Precision::Fp32;
    config.channelsLast = false;
    config.threads = 1;
    config.seed = 1;
    test::TempDir dir;
    Trainer trainer(config, data, dir.path());
    const TrainingResult trained = trainer.run({});
    ASSERT_EQ(trained.status, RunStatus::Completed) << trained.message;

    EmbeddingOptions options = pcaOptions();
    options.maxImages = 80;
    options.neighbours = 5;
    std::vector<std::string> stages;
    const Embedding e = computeEmbedding("baseline-plus", trainer.latestCheckpointPath(), data,
        "dataset-normalize", options, [&](double, const std::string &stage) {
            if (stages.empty() || stages.back() != stage)
                stages.push_back(stage);
        });
    EXPECT_EQ(stages, (std::vector<std::string> {"features", "neighbours", "PCA", "done"}));
    ASSERT_EQ(e.count(), 80);
    EXPECT_EQ(e.layer, "dropout"); // fc2's input: fc1 -> relu -> dropout (identity in eval mode)
    EXPECT_EQ(e.featureSize, 256);
    EXPECT_EQ(e.imageIndex, drawEmbeddingImages(data->test, 80, 0));
    ASSERT_EQ(e.label.size(), 80u);
    ASSERT_EQ(e.predicted.size(), 80u);
    ASSERT_EQ(e.confidence.size(), 80u);
    ASSERT_EQ(e.neighbours.size(), 80u * 5u);
    int right = 0;
    for (int64_t i = 0; i < 80; ++i) {
        EXPECT_EQ(e.label[static_cast<size_t>(i)],
            data->test.labels[static_cast<size_t>(e.imageIndex[static_cast<size_t>(i)])]);
        EXPECT_GE(e.confidence[static_cast<size_t>(i)], 0.25f);
        EXPECT_LE(e.confidence[static_cast<size_t>(i)], 1.0f);
        right += e.label[static_cast<size_t>(i)] == e.predicted[static_cast<size_t>(i)] ? 1 : 0;
    }
    EXPECT_NEAR(static_cast<double>(right) / 80.0, trained.finalTestAccuracy, 0.1);
    EXPECT_GE(trained.finalTestAccuracy, 0.9);
    // A network that learnt the classes puts each image among its own kind.
    EXPECT_GE(e.featureNeighbourAccuracy, 0.9);
    EXPECT_GE(e.mapNeighbourAccuracy, 0.5);
    EXPECT_GT(e.map.explainedVariance[0], e.map.explainedVariance[1]);

    const std::string csv = embeddingCsv(e, data->classNames);
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "image,true_class,predicted_class,confidence,correct,x,y,neighbours");
    int rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), 7) << line;
        EXPECT_EQ(std::count(line.begin(), line.end(), ' '), 4) << line; // five neighbours
    }
    EXPECT_EQ(rows, 80);

    std::atomic<bool> cancel {true};
    EXPECT_THROW(computeEmbedding("baseline-plus", trainer.latestCheckpointPath(), data, "dataset-normalize",
                     options, {}, &cancel),
        EmbeddingCancelled);
    EXPECT_NE(errorOf([&] {
        computeEmbedding("baseline-plus", dir.path() + "/missing.pt", data, "dataset-normalize", options);
    }).find("missing.pt"),
        std::string::npos);
}
