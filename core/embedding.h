#pragma once

// Torch-free: the UI includes this to show a run's test images as a map of what the network learned
// (TensorBoard's embedding projector): each image's features at the classifier's input, projected to
// two dimensions by PCA or t-SNE.
#include "core/dataset.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cifarlab {

enum class ProjectionMethod {
    Pca,
    Tsne,
};

// "pca" and "tsne"; parseProjectionMethod throws Error for anything else.
std::string projectionMethodName(ProjectionMethod method);
ProjectionMethod parseProjectionMethod(const std::string &name);

// t-SNE's gradients are exact (all pairs), so its time and memory grow with the square of the count.
constexpr int64_t kTsneMaxImages = 5000;

struct EmbeddingOptions
{
    ProjectionMethod method = ProjectionMethod::Tsne;
    int64_t maxImages = 2000; // test images drawn, as evenly over the classes as they allow; 0 = all
    double perplexity = 30.0; // t-SNE: about how many neighbours each point keeps close
    int iterations = 1000; // t-SNE: gradient steps (the first 250 with early exaggeration)
    uint64_t seed = 0; // which images are drawn; t-SNE starts from the PCA map, so draws nothing else
    int neighbours = 8; // nearest neighbours kept per point, by Euclidean distance of the features
};

// Throws Error naming the field: maxImages < 0, fewer than 3 points, perplexity outside
// [2, (points - 1) / 3], iterations outside [250, 10000], neighbours outside [1, 50] or >= points.
void validateEmbeddingOptions(const EmbeddingOptions &options, int64_t points);

// A 2-d map of `count()` features, struct of arrays.
struct Projection
{
    std::vector<float> x, y;
    double explainedVariance[2] = {0.0, 0.0}; // PCA: the share of the features' variance along each axis
    double klDivergence = -1.0; // t-SNE: KL(P || Q) at the end; -1 for PCA
};

struct Embedding
{
    ProjectionMethod method = ProjectionMethod::Tsne;
    std::string layer; // the layer whose output was embedded (the classifier's input), e.g. "flatten"
    int64_t featureSize = 0; // its width
    double perplexity = 0.0; // as used (t-SNE)
    int iterations = 0; // as used (t-SNE)
    std::vector<int64_t> imageIndex; // into the test split, ascending
    std::vector<int32_t> label; // true class
    std::vector<int32_t> predicted; // the network's class (no test-time augmentation)
    std::vector<float> confidence; // softmax probability of the predicted class
    Projection map; // map.x[i], map.y[i] belong to imageIndex[i]
    int neighbourCount = 0;
    std::vector<int32_t> neighbours; // count() * neighbourCount positions in these vectors (not image
                                     // indices), nearest first, in feature space
    double featureNeighbourAccuracy = 0.0; // share of points whose neighbours' majority class is their own
    double mapNeighbourAccuracy = 0.0; // the same for the neighbours in the 2-d map: how much it keeps

    int64_t count() const { return static_cast<int64_t>(imageIndex.size()); }
};

// Thrown when `cancel` was set; nothing is returned.
class EmbeddingCancelled : public std::runtime_error
{
public:
    EmbeddingCancelled()
        : std::runtime_error("cancelled")
    { }
};

// Progress of a long computation: a fraction in [0, 1] and what is being done ("features", "t-SNE").
using EmbeddingProgress = std::function<void(double fraction, const std::string &stage)>;

// The test images to embed: all when maxImages is 0 or covers the split; else maxImages of them,
// the same number from each class (as far as a class has images), drawn by `seed`; ascending.
std::vector<int64_t> drawEmbeddingImages(const ImageSplit &test, int64_t maxImages, uint64_t seed);

// Projects `count` rows of `dimensions` features (row-major) to 2-d. PCA: the two leading principal
// axes, each oriented so its largest loading is positive (so runs repeat exactly). t-SNE (van der
// Maaten and Hinton 2008, exact gradients): the features first reduced to 50 principal components,
// Gaussian affinities at the perplexity, early exaggeration 12, momentum 0.5 then 0.8, gains, learning
// rate max(count / 48, 50), started from the PCA map scaled to a standard deviation of 1e-4.
// Throws Error for bad options and EmbeddingCancelled when `cancel` is set.
Projection projectFeatures(const std::vector<float> &features, int64_t count, int64_t dimensions,
    const EmbeddingOptions &options, const EmbeddingProgress &progress = {},
    const std::atomic<bool> *cancel = nullptr);

// The k nearest other rows of each row (Euclidean), nearest first; count * k positions.
std::vector<int32_t> nearestNeighbours(
    const std::vector<float> &features, int64_t count, int64_t dimensions, int k);

// Leave-one-out k-NN classification: each row's most frequent label among its k neighbours (ties to
// the tied label met first, i.e. the one with the nearest member).
std::vector<int32_t> neighbourVotes(
    const std::vector<int32_t> &neighbours, int k, const std::vector<int32_t> &labels);
// The share of rows whose vote is their own label; 0 for no rows.
double neighbourAccuracy(const std::vector<int32_t> &neighbours, int k, const std::vector<int32_t> &labels);

// The whole pipeline over a checkpoint (loaded at its own width, eval mode, bf16 and channels-last where
// the CPU runs them fast, as evaluation's auto precision): features of the drawn
// test images at the classifier's input, predictions, neighbours, the map. Throws Error with a one-line
// reason (checkpoint, dataset, options) and EmbeddingCancelled.
Embedding computeEmbedding(const std::string &architecture, const std::string &checkpointPath,
    std::shared_ptr<const Dataset> dataset, const std::string &preprocess, const EmbeddingOptions &options,
    const EmbeddingProgress &progress = {}, const std::atomic<bool> *cancel = nullptr);

// One row per point: image,true_class,predicted_class,confidence,correct,x,y,neighbours (the
// neighbours' image indices, separated by spaces). Class names quoted as CSV needs.
std::string embeddingCsv(const Embedding &embedding, const std::vector<std::string> &classNames);

} // namespace cifarlab
