// What the embedding projector's map costs, without a network: t-SNE (1,000 iterations, perplexity
// 30) and PCA of 256-d features in ten clusters (airbench's classifier input), and the nearest
// neighbours, for growing image counts.
// Usage: bench_embedding [threads]
#include "core/embedding.h"
#include "core/runtime.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    using namespace cifarlab;
    configureThreads(argc > 1 ? std::atoi(argv[1]) : 0);
    constexpr int64_t kDimensions = 256;
    std::printf("%8s %12s %10s %12s %14s\n", "images", "neighbours s", "PCA s", "t-SNE s", "map k-NN acc");
    for (const int64_t count : {500L, 1000L, 2000L, 5000L}) {
        std::mt19937_64 random(1);
        std::normal_distribution<float> noise(0.0f, 1.0f);
        std::vector<float> features(static_cast<size_t>(count * kDimensions));
        std::vector<int32_t> labels(static_cast<size_t>(count));
        for (int64_t i = 0; i < count; ++i) {
            labels[static_cast<size_t>(i)] = static_cast<int32_t>(i % 10);
            for (int64_t d = 0; d < kDimensions; ++d)
                features[static_cast<size_t>(i * kDimensions + d)]
                    = noise(random) + (d == i % 10 ? 4.0f : 0.0f);
        }
        auto start = std::chrono::steady_clock::now();
        nearestNeighbours(features, count, kDimensions, 8);
        const double neighbours = secondsSince(start);
        EmbeddingOptions options;
        options.method = ProjectionMethod::Pca;
        start = std::chrono::steady_clock::now();
        projectFeatures(features, count, kDimensions, options);
        const double pca = secondsSince(start);
        options.method = ProjectionMethod::Tsne;
        start = std::chrono::steady_clock::now();
        const Projection map = projectFeatures(features, count, kDimensions, options);
        const double tsne = secondsSince(start);
        std::vector<float> points;
        for (size_t i = 0; i < map.x.size(); ++i) {
            points.push_back(map.x[i]);
            points.push_back(map.y[i]);
        }
        std::printf("%8lld %12.2f %10.2f %12.1f %13.1f%%\n", static_cast<long long>(count), neighbours, pca,
            tsne, 100.0 * neighbourAccuracy(nearestNeighbours(points, count, 2, 8), 8, labels));
        std::fflush(stdout);
    }
    return 0;
}
