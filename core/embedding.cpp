#include "core/embedding.h"

#include "core/augmentation.h"
#include "core/checkpoint_network.h"
#include "core/csv_field.h"
#include "core/error.h"
#include "core/runtime.h"
#include "core/split_evaluation.h"
#include "models/activation_capture.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <unordered_map>

namespace cifarlab {

namespace {

constexpr int64_t kTsneDimensions = 50; // PCA before t-SNE, as van der Maaten recommends
constexpr int kExaggerationSteps = 250;
constexpr double kExaggeration = 12.0;
constexpr int64_t kFeatureBatch = 100; // bounded memory even for DenseNet-121's activations

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel && cancel->load(std::memory_order_relaxed))
        throw EmbeddingCancelled();
}

void report(const EmbeddingProgress &progress, double fraction, const std::string &stage)
{
    if (progress)
        progress(std::clamp(fraction, 0.0, 1.0), stage);
}

torch::Tensor featureMatrix(const std::vector<float> &features, int64_t count, int64_t dimensions)
{
    if (count < 0 || dimensions < 1 || features.size() != static_cast<size_t>(count * dimensions))
        throw Error("embedding: expected " + std::to_string(count) + " x " + std::to_string(dimensions)
            + " features, got " + std::to_string(features.size()) + " values");
    return torch::from_blob(const_cast<float *>(features.data()), {count, dimensions}, torch::kFloat32);
}

// The `components` leading principal axes of `x` (rows centred here), float64, each oriented so its
// largest loading is positive; and the share of the variance along each.
std::pair<torch::Tensor, std::vector<double>> principalAxes(const torch::Tensor &centred, int64_t components)
{
    const torch::Tensor covariance = centred.t().mm(centred) / std::max<int64_t>(1, centred.size(0) - 1);
    auto [values, vectors] = at::linalg_eigh(covariance, "L"); // ascending
    values = values.clamp_min(0.0);
    const double total = values.sum().item<double>();
    const int64_t d = values.size(0);
    components = std::min(components, d);
    torch::Tensor axes = vectors.slice(1, d - components, d).flip({1}).contiguous();
    const torch::Tensor leading = values.slice(0, d - components, d).flip({0});
    const torch::Tensor largest = axes.abs().argmax(0);
    const torch::Tensor signs = axes.gather(0, largest.unsqueeze(0)).sign().squeeze(0);
    axes = axes * torch::where(signs == 0, torch::ones_like(signs), signs).unsqueeze(0);
    std::vector<double> shares;
    for (int64_t i = 0; i < components; ++i)
        shares.push_back(total > 0.0 ? leading[i].item<double>() / total : 0.0);
    return {axes, shares};
}

// Conditional Gaussian affinities with each row's bandwidth found by bisection so that its entropy is
// log(perplexity); returned symmetrized and normalized to sum 1, count x count row-major.
std::vector<float> tsneAffinities(const torch::Tensor &x, double perplexity)
{
    const int64_t n = x.size(0);
    const torch::Tensor squared = x.pow(2).sum(1);
    const torch::Tensor distances = (squared.unsqueeze(1) + squared.unsqueeze(0) - 2.0 * x.mm(x.t()))
                                        .clamp_min(0.0)
                                        .to(torch::kFloat64)
                                        .contiguous();
    const double *all = distances.data_ptr<double>();
    const double target = std::log(perplexity);
    std::vector<float> p(static_cast<size_t>(n * n), 0.0f);
    at::parallel_for(0, n, 16, [&](int64_t begin, int64_t end) {
        std::vector<double> row(static_cast<size_t>(n));
        for (int64_t i = begin; i < end; ++i) {
            const double *d = all + i * n;
            // Shifting a row by its smallest distance changes neither its normalized affinities nor
            // their entropy, and keeps exp() from underflowing for far-away points.
            double nearest = std::numeric_limits<double>::infinity();
            for (int64_t j = 0; j < n; ++j)
                if (j != i)
                    nearest = std::min(nearest, d[j]);
            double beta = 1.0, low = 0.0, high = std::numeric_limits<double>::infinity(), sum = 0.0;
            for (int step = 0; step < 200; ++step) {
                sum = 0.0;
                double weighted = 0.0;
                for (int64_t j = 0; j < n; ++j) {
                    const double shifted = d[j] - nearest;
                    row[static_cast<size_t>(j)] = j == i ? 0.0 : std::exp(-shifted * beta);
                    sum += row[static_cast<size_t>(j)];
                    weighted += j == i ? 0.0 : shifted * row[static_cast<size_t>(j)];
                }
                const double entropy = std::log(sum) + beta * weighted / sum;
                if (std::abs(entropy - target) < 1e-5)
                    break;
                if (entropy > target) { // too flat: narrow the Gaussian
                    low = beta;
                    beta = std::isinf(high) ? beta * 2.0 : (beta + high) / 2.0;
                } else {
                    high = beta;
                    beta = (beta + low) / 2.0;
                }
            }
            float *out = p.data() + i * n;
            for (int64_t j = 0; j < n; ++j)
                out[j] = static_cast<float>(row[static_cast<size_t>(j)] / sum);
        }
    });
    const double scale = 1.0 / (2.0 * static_cast<double>(n));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = i; j < n; ++j) {
            const float value = static_cast<float>(std::max((p[i * n + j] + p[j * n + i]) * scale, 1e-12));
            p[i * n + j] = value;
            p[j * n + i] = value;
        }
    return p;
}

Projection pcaProjection(const torch::Tensor &x)
{
    const torch::Tensor centred = x - x.mean(0, /*keepdim=*/true);
    const auto [axes, shares] = principalAxes(centred, 2);
    torch::Tensor map = centred.mm(axes);
    if (map.size(1) < 2)
        map = torch::cat({map, torch::zeros({map.size(0), 2 - map.size(1)}, map.options())}, 1);
    map = map.to(torch::kFloat32).contiguous();
    Projection projection;
    const float *m = map.data_ptr<float>();
    for (int64_t i = 0; i < map.size(0); ++i) {
        projection.x.push_back(m[2 * i]);
        projection.y.push_back(m[2 * i + 1]);
    }
    for (size_t i = 0; i < shares.size() && i < 2; ++i)
        projection.explainedVariance[i] = shares[i];
    return projection;
}

Projection tsneProjection(const torch::Tensor &features, const EmbeddingOptions &options,
    const EmbeddingProgress &progress, const std::atomic<bool> *cancel)
{
    const int64_t n = features.size(0);
    const torch::Tensor centred = features - features.mean(0, /*keepdim=*/true);
    const auto reduced = centred.mm(principalAxes(centred, kTsneDimensions).first);
    checkCancel(cancel);
    const std::vector<float> p = tsneAffinities(reduced, options.perplexity);
    checkCancel(cancel);

    // Start from the PCA map scaled to a tiny spread: deterministic, and it keeps the global layout.
    std::vector<double> y(static_cast<size_t>(2 * n), 0.0);
    {
        const torch::Tensor start = reduced.slice(1, 0, std::min<int64_t>(2, reduced.size(1))).contiguous();
        const double spread = start.select(1, 0).std().item<double>();
        const double scale = spread > 0.0 ? 1e-4 / spread : 1.0;
        const double *s = start.data_ptr<double>();
        for (int64_t i = 0; i < n; ++i)
            for (int64_t c = 0; c < start.size(1); ++c)
                y[static_cast<size_t>(2 * i + c)] = s[i * start.size(1) + c] * scale;
    }
    std::vector<double> update(y.size(), 0.0), gains(y.size(), 1.0), attraction(y.size()),
        repulsion(y.size());
    const double rate = std::max(static_cast<double>(n) / kExaggeration / 4.0, 50.0);
    const int64_t chunks = std::max<int64_t>(1, at::get_num_threads());
    std::vector<double> partialZ(static_cast<size_t>(chunks));
    // One fused pass per step over all pairs: with k = 1 / (1 + |yi - yj|^2) and Z = sum of k,
    // the gradient is 4 * (exaggeration * sum_j p_ij k (yi - yj) - sum_j k^2 (yi - yj) / Z).
    std::vector<float> yx(static_cast<size_t>(n)), yy(static_cast<size_t>(n));
    const auto pass = [&](double exaggeration) {
        for (int64_t i = 0; i < n; ++i) {
            yx[static_cast<size_t>(i)] = static_cast<float>(y[static_cast<size_t>(2 * i)]);
            yy[static_cast<size_t>(i)] = static_cast<float>(y[static_cast<size_t>(2 * i + 1)]);
        }
        std::fill(partialZ.begin(), partialZ.end(), 0.0);
        at::parallel_for(0, chunks, 1, [&](int64_t first, int64_t last) {
            for (int64_t chunk = first; chunk < last; ++chunk) {
                double z = 0.0;
                for (int64_t i = chunk * n / chunks; i < (chunk + 1) * n / chunks; ++i) {
                    const float yi0 = yx[static_cast<size_t>(i)], yi1 = yy[static_cast<size_t>(i)];
                    const float *xs = yx.data(), *ys = yy.data();
                    const float *pi = p.data() + i * n;
                    float a0 = 0.0f, a1 = 0.0f, r0 = 0.0f, r1 = 0.0f, zi = 0.0f;
                    // Branch-free so that it vectorizes: j == i adds k = 1 with zero offsets, taken
                    // back out of z below.
#pragma omp simd reduction(+ : zi, a0, a1, r0, r1)
                    for (int64_t j = 0; j < n; ++j) {
                        const float d0 = yi0 - xs[j], d1 = yi1 - ys[j];
                        const float k = 1.0f / (1.0f + d0 * d0 + d1 * d1);
                        const float pk = pi[j] * k, kk = k * k;
                        zi += k;
                        a0 += pk * d0;
                        a1 += pk * d1;
                        r0 += kk * d0;
                        r1 += kk * d1;
                    }
                    z += static_cast<double>(zi) - 1.0;
                    attraction[static_cast<size_t>(2 * i)] = exaggeration * a0;
                    attraction[static_cast<size_t>(2 * i + 1)] = exaggeration * a1;
                    repulsion[static_cast<size_t>(2 * i)] = r0;
                    repulsion[static_cast<size_t>(2 * i + 1)] = r1;
                }
                partialZ[static_cast<size_t>(chunk)] = z;
            }
        });
        double z = 0.0;
        for (const double part : partialZ)
            z += part;
        return z;
    };
    for (int step = 0; step < options.iterations; ++step) {
        checkCancel(cancel);
        const bool early = step < kExaggerationSteps;
        const double z = pass(early ? kExaggeration : 1.0);
        const double momentum = early ? 0.5 : 0.8;
        double mean0 = 0.0, mean1 = 0.0;
        for (size_t c = 0; c < y.size(); ++c) {
            const double gradient = 4.0 * (attraction[c] - repulsion[c] / z);
            gains[c]
                = (gradient > 0.0) == (update[c] > 0.0) ? std::max(0.01, gains[c] * 0.8) : gains[c] + 0.2;
            update[c] = momentum * update[c] - rate * gains[c] * gradient;
            y[c] += update[c];
            (c % 2 == 0 ? mean0 : mean1) += y[c];
        }
        mean0 /= static_cast<double>(n);
        mean1 /= static_cast<double>(n);
        for (int64_t i = 0; i < n; ++i) {
            y[static_cast<size_t>(2 * i)] -= mean0;
            y[static_cast<size_t>(2 * i + 1)] -= mean1;
        }
        if (step % 10 == 9)
            report(progress, 0.4 + 0.6 * (step + 1) / options.iterations, "t-SNE");
    }
    // KL(P || Q) of the final map, Q = k / Z.
    const double z = pass(1.0);
    double kl = 0.0;
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            if (j == i)
                continue;
            const double d0 = y[static_cast<size_t>(2 * i)] - y[static_cast<size_t>(2 * j)];
            const double d1 = y[static_cast<size_t>(2 * i + 1)] - y[static_cast<size_t>(2 * j + 1)];
            const double q = std::max(1e-12, 1.0 / (1.0 + d0 * d0 + d1 * d1) / z);
            const double pij = p[static_cast<size_t>(i * n + j)];
            kl += pij * std::log(pij / q);
        }
    Projection projection;
    projection.klDivergence = kl;
    for (int64_t i = 0; i < n; ++i) {
        projection.x.push_back(static_cast<float>(y[static_cast<size_t>(2 * i)]));
        projection.y.push_back(static_cast<float>(y[static_cast<size_t>(2 * i + 1)]));
    }
    return projection;
}

std::string shortNumber(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

} // namespace

std::string projectionMethodName(ProjectionMethod method)
{
    return method == ProjectionMethod::Pca ? "pca" : "tsne";
}

ProjectionMethod parseProjectionMethod(const std::string &name)
{
    if (name == "pca")
        return ProjectionMethod::Pca;
    if (name == "tsne" || name == "t-sne")
        return ProjectionMethod::Tsne;
    throw Error("--method: expected pca or tsne, got '" + name + "'");
}

void validateEmbeddingOptions(const EmbeddingOptions &options, int64_t points)
{
    if (options.maxImages < 0)
        throw Error("--images: must be 0 (all) or more, got " + std::to_string(options.maxImages));
    if (points < 3)
        throw Error("embedding: needs at least 3 test images, got " + std::to_string(points));
    if (options.neighbours < 1 || options.neighbours > 50 || options.neighbours >= points)
        throw Error("--neighbours: must be 1-50 and fewer than the " + std::to_string(points)
            + " images, got " + std::to_string(options.neighbours));
    if (options.method != ProjectionMethod::Tsne)
        return;
    if (points > kTsneMaxImages)
        throw Error("--images: t-SNE takes at most " + std::to_string(kTsneMaxImages)
            + " images (its cost grows with "
              "the square of the count), got "
            + std::to_string(points) + "; use fewer, or PCA");
    const double most = static_cast<double>(points - 1) / 3.0;
    if (!(options.perplexity >= 2.0) || options.perplexity > most)
        throw Error("--perplexity: must be 2-" + shortNumber(std::floor(most * 100.0) / 100.0) + " for "
            + std::to_string(points) + " images, got " + shortNumber(options.perplexity));
    if (options.iterations < kExaggerationSteps || options.iterations > 10000)
        throw Error("--iterations: must be 250-10000, got " + std::to_string(options.iterations));
}

std::vector<int64_t> drawEmbeddingImages(const ImageSplit &test, int64_t maxImages, uint64_t seed)
{
    std::vector<int64_t> drawn;
    if (maxImages <= 0 || maxImages >= test.count) {
        drawn.resize(static_cast<size_t>(std::max<int64_t>(0, test.count)));
        for (size_t i = 0; i < drawn.size(); ++i)
            drawn[i] = static_cast<int64_t>(i);
        return drawn;
    }
    std::vector<std::vector<int64_t>> byClass;
    for (int64_t i = 0; i < test.count; ++i) {
        const int64_t label = test.labels[static_cast<size_t>(i)];
        if (label < 0)
            continue;
        if (static_cast<size_t>(label) >= byClass.size())
            byClass.resize(static_cast<size_t>(label) + 1);
        byClass[static_cast<size_t>(label)].push_back(i);
    }
    // Own Fisher-Yates over mt19937_64's raw output: the same images for a seed on every platform.
    std::mt19937_64 random(seed);
    for (auto &members : byClass)
        for (size_t i = members.size(); i > 1; --i)
            std::swap(members[i - 1], members[static_cast<size_t>(random() % i)]);
    for (size_t round = 0; static_cast<int64_t>(drawn.size()) < maxImages; ++round) {
        bool any = false;
        for (const auto &members : byClass) {
            if (round >= members.size() || static_cast<int64_t>(drawn.size()) >= maxImages)
                continue;
            drawn.push_back(members[round]);
            any = true;
        }
        if (!any)
            break;
    }
    std::sort(drawn.begin(), drawn.end());
    return drawn;
}

Projection projectFeatures(const std::vector<float> &features, int64_t count, int64_t dimensions,
    const EmbeddingOptions &options, const EmbeddingProgress &progress, const std::atomic<bool> *cancel)
{
    EmbeddingOptions projection = options;
    projection.neighbours = 1; // the map needs none
    validateEmbeddingOptions(projection, count);
    if (dimensions < 2)
        throw Error("embedding: needs at least 2 features per image, got " + std::to_string(dimensions));
    const torch::NoGradGuard noGrad;
    const torch::Tensor x = featureMatrix(features, count, dimensions).to(torch::kFloat64);
    if (!torch::isfinite(x).all().item<bool>())
        throw Error("embedding: the features hold NaN or infinite values (did the run diverge?)");
    if (options.method == ProjectionMethod::Pca) {
        Projection projection = pcaProjection(x);
        report(progress, 1.0, "PCA");
        return projection;
    }
    return tsneProjection(x, options, progress, cancel);
}

std::vector<int32_t> nearestNeighbours(
    const std::vector<float> &features, int64_t count, int64_t dimensions, int k)
{
    if (k < 1 || k >= count)
        throw Error("embedding: cannot find " + std::to_string(k) + " neighbours among "
            + std::to_string(count) + " points");
    const torch::NoGradGuard noGrad;
    const torch::Tensor x = featureMatrix(features, count, dimensions);
    const torch::Tensor squared = x.pow(2).sum(1);
    std::vector<int32_t> neighbours;
    neighbours.reserve(static_cast<size_t>(count * k));
    constexpr int64_t kChunk = 512; // rows at a time: 512 x 10,000 distances is 20 MB
    for (int64_t begin = 0; begin < count; begin += kChunk) {
        const int64_t end = std::min(count, begin + kChunk);
        torch::Tensor distances = squared.slice(0, begin, end).unsqueeze(1) + squared.unsqueeze(0)
            - 2.0 * x.slice(0, begin, end).mm(x.t());
        const torch::Tensor rows = torch::arange(end - begin, torch::kLong);
        distances.index_put_({rows, rows + begin}, std::numeric_limits<float>::infinity());
        const torch::Tensor nearest = std::get<1>(distances.topk(k, 1, /*largest=*/false, /*sorted=*/true))
                                          .to(torch::kInt32)
                                          .contiguous();
        const int32_t *n = nearest.data_ptr<int32_t>();
        neighbours.insert(neighbours.end(), n, n + nearest.numel());
    }
    return neighbours;
}

std::vector<int32_t> neighbourVotes(
    const std::vector<int32_t> &neighbours, int k, const std::vector<int32_t> &labels)
{
    const size_t n = labels.size();
    if (k < 1 || neighbours.size() != n * static_cast<size_t>(k))
        throw Error("embedding: " + std::to_string(neighbours.size()) + " neighbours do not make "
            + std::to_string(k) + " for each of " + std::to_string(n) + " points");
    std::vector<int32_t> votes(n, -1);
    std::unordered_map<int32_t, int> counts;
    for (size_t i = 0; i < n; ++i) {
        counts.clear();
        const int32_t *row = neighbours.data() + i * static_cast<size_t>(k);
        int best = 0;
        for (int j = 0; j < k; ++j)
            best = std::max(best, ++counts[labels[static_cast<size_t>(row[j])]]);
        for (int j = 0; j < k && votes[i] < 0; ++j) {
            const int32_t label = labels[static_cast<size_t>(row[j])];
            if (counts[label] == best)
                votes[i] = label;
        }
    }
    return votes;
}

double neighbourAccuracy(const std::vector<int32_t> &neighbours, int k, const std::vector<int32_t> &labels)
{
    if (labels.empty())
        return 0.0;
    const std::vector<int32_t> votes = neighbourVotes(neighbours, k, labels);
    size_t right = 0;
    for (size_t i = 0; i < labels.size(); ++i)
        right += votes[i] == labels[i] ? 1 : 0;
    return static_cast<double>(right) / static_cast<double>(labels.size());
}

Embedding computeEmbedding(const std::string &architecture, const std::string &checkpointPath,
    std::shared_ptr<const Dataset> dataset, const std::string &preprocess, const EmbeddingOptions &options,
    const EmbeddingProgress &progress, const std::atomic<bool> *cancel)
{
    if (!dataset || dataset->test.count == 0)
        throw Error((dataset ? dataset->source : std::string("embedding")) + ": the test split is empty");
    const ImageSplit &test = dataset->test;
    Embedding embedding;
    embedding.imageIndex = drawEmbeddingImages(test, options.maxImages, options.seed);
    const int64_t n = embedding.count();
    validateEmbeddingOptions(options, n);
    embedding.method = options.method;
    if (options.method == ProjectionMethod::Tsne) {
        embedding.perplexity = options.perplexity;
        embedding.iterations = options.iterations;
    }

    configureThreads(0);
    InputSpec input;
    input.channels = test.channels;
    input.height = test.height;
    input.width = test.width;
    input.numClasses = dataset->numClasses();
    const std::shared_ptr<Network> net = loadCheckpointNetwork(architecture, input, checkpointPath).network;
    net->eval();
    std::unordered_map<const torch::nn::Module *, std::string> names;
    for (const auto &item : net->named_modules())
        names.emplace(item.value().get(), item.key());
    const Normalization normalization = normalizationFor(*dataset, parsePreprocess(preprocess));

    // bf16 and channels-last where the CPU runs them fast, as evaluation's auto precision: the
    // feature pass is most of a PCA map's time (10,000 airbench images: 42 s in fp32).
    const Precision precision = resolvePrecision(Precision::Auto);
    const bool channelsLast = precision != Precision::Fp32;
    if (channelsLast)
        convertToChannelsLast(*net);
    const torch::NoGradGuard noGrad;
    const AutocastGuard autocast(precision, false);
    std::vector<float> features;
    report(progress, 0.0, "features");
    for (int64_t begin = 0; begin < n; begin += kFeatureBatch) {
        checkCancel(cancel);
        const int64_t size = std::min(kFeatureBatch, n - begin);
        const torch::Tensor x = makeBatch(test, embedding.imageIndex.data() + begin, size,
            AugmentationSpec {}, normalization, 0, channelsLast);
        ActivationCapture capture(2);
        const torch::Tensor logits = net->forward(x).to(torch::kFloat32);
        const auto &entries = capture.entries();
        // Every architecture ends in a linear classifier called through traced(); its input is the
        // previous traced call's output.
        if (entries.size() < 2 || !dynamic_cast<const torch::nn::LinearImpl *>(entries.back().module))
            throw Error("embedding: " + architecture + " does not end in a linear classifier");
        const torch::Tensor f
            = entries[entries.size() - 2].output.flatten(1).to(torch::kFloat32).contiguous();
        if (begin == 0) {
            const auto name = names.find(entries[entries.size() - 2].module);
            embedding.layer = name != names.end() ? name->second : entries[entries.size() - 2].module->name();
            embedding.featureSize = f.size(1);
            features.reserve(static_cast<size_t>(n * embedding.featureSize));
        }
        features.insert(features.end(), f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
        const torch::Tensor probabilities = torch::softmax(logits, 1);
        const auto [confidence, predicted] = probabilities.max(1);
        const torch::Tensor c = confidence.contiguous();
        const torch::Tensor p = predicted.to(torch::kInt32).contiguous();
        embedding.confidence.insert(
            embedding.confidence.end(), c.data_ptr<float>(), c.data_ptr<float>() + size);
        embedding.predicted.insert(
            embedding.predicted.end(), p.data_ptr<int32_t>(), p.data_ptr<int32_t>() + size);
        report(progress, 0.3 * static_cast<double>(begin + size) / n, "features");
    }
    if (!std::all_of(features.begin(), features.end(), [](float v) { return std::isfinite(v); }))
        throw Error(
            checkpointPath + ": the network's features hold NaN or infinite values (did the run diverge?)");
    for (const int64_t index : embedding.imageIndex)
        embedding.label.push_back(static_cast<int32_t>(test.labels[static_cast<size_t>(index)]));

    checkCancel(cancel);
    report(progress, 0.3, "neighbours");
    embedding.neighbourCount = options.neighbours;
    embedding.neighbours = nearestNeighbours(features, n, embedding.featureSize, options.neighbours);
    embedding.featureNeighbourAccuracy
        = neighbourAccuracy(embedding.neighbours, options.neighbours, embedding.label);
    report(progress, 0.4, options.method == ProjectionMethod::Pca ? "PCA" : "t-SNE");
    embedding.map = projectFeatures(features, n, embedding.featureSize, options, progress, cancel);

    std::vector<float> map(static_cast<size_t>(2 * n));
    for (int64_t i = 0; i < n; ++i) {
        map[static_cast<size_t>(2 * i)] = embedding.map.x[static_cast<size_t>(i)];
        map[static_cast<size_t>(2 * i + 1)] = embedding.map.y[static_cast<size_t>(i)];
    }
    embedding.mapNeighbourAccuracy = neighbourAccuracy(
        nearestNeighbours(map, n, 2, options.neighbours), options.neighbours, embedding.label);
    report(progress, 1.0, "done");
    return embedding;
}

std::string embeddingCsv(const Embedding &embedding, const std::vector<std::string> &classNames)
{
    const auto className = [&](int32_t c) {
        return c >= 0 && static_cast<size_t>(c) < classNames.size() ? classNames[static_cast<size_t>(c)]
                                                                    : std::to_string(c);
    };
    std::string csv = "image,true_class,predicted_class,confidence,correct,x,y,neighbours\n";
    char number[64];
    for (int64_t i = 0; i < embedding.count(); ++i) {
        const size_t at = static_cast<size_t>(i);
        csv += std::to_string(embedding.imageIndex[at]) + ',' + csvField(className(embedding.label[at])) + ','
            + csvField(className(embedding.predicted[at])) + ',';
        std::snprintf(number, sizeof number, "%.6f", embedding.confidence[at]);
        csv += number;
        csv += embedding.label[at] == embedding.predicted[at] ? ",1," : ",0,";
        std::snprintf(number, sizeof number, "%.7g,%.7g,", embedding.map.x[at], embedding.map.y[at]);
        csv += number;
        for (int j = 0; j < embedding.neighbourCount; ++j) {
            if (j)
                csv += ' ';
            const int32_t position
                = embedding.neighbours[at * static_cast<size_t>(embedding.neighbourCount) + j];
            csv += std::to_string(embedding.imageIndex[static_cast<size_t>(position)]);
        }
        csv += '\n';
    }
    return csv;
}

} // namespace cifarlab
