#include "support/learnable_data.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace cifarlab::test {

namespace {

void fillSplit(ImageSplit &split, int64_t count, int64_t numClasses, int64_t channels, int64_t side, std::mt19937_64 &rng)
{
    split.count = count;
    split.channels = channels;
    split.height = side;
    split.width = side;
    split.images.assign(static_cast<size_t>(count * channels * side * side), 0);
    split.labels.resize(static_cast<size_t>(count));
    std::uniform_int_distribution<int> noise(0, 60);
    const int64_t square = side / 3;
    for (int64_t i = 0; i < count; ++i) {
        const int64_t label = i % numClasses;
        split.labels[static_cast<size_t>(i)] = label;
        const int64_t cells = (side - square) + 1;
        const int64_t top = (label * 7) % cells;
        const int64_t left = (label * 13 + 3) % cells;
        for (int64_t c = 0; c < channels; ++c) {
            uint8_t *plane = split.images.data() + (i * channels + c) * side * side;
            const int tint = static_cast<int>((label * 37 + c * 53) % 80);
            for (int64_t p = 0; p < side * side; ++p)
                plane[p] = static_cast<uint8_t>(noise(rng) + tint);
            for (int64_t y = top; y < top + square; ++y)
                for (int64_t x = left; x < left + square; ++x)
                    plane[y * side + x] = static_cast<uint8_t>(200 + noise(rng) / 2);
        }
    }
}

void writeBigEndian(std::ofstream &out, uint32_t v)
{
    const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
    out.write(b, 4);
}

void writeIdxPair(const std::string &folder, const std::string &prefix, const ImageSplit &split)
{
    std::ofstream images(folder + "/" + prefix + "-images-idx3-ubyte", std::ios::binary);
    writeBigEndian(images, 0x00000803);
    writeBigEndian(images, static_cast<uint32_t>(split.count));
    writeBigEndian(images, static_cast<uint32_t>(split.height));
    writeBigEndian(images, static_cast<uint32_t>(split.width));
    images.write(reinterpret_cast<const char *>(split.images.data()), static_cast<std::streamsize>(split.images.size()));
    std::ofstream labels(folder + "/" + prefix + "-labels-idx1-ubyte", std::ios::binary);
    writeBigEndian(labels, 0x00000801);
    writeBigEndian(labels, static_cast<uint32_t>(split.count));
    for (int64_t l : split.labels) {
        const char b = static_cast<char>(l);
        labels.write(&b, 1);
    }
    if (!images || !labels)
        throw std::runtime_error("cannot write IDX fixture in " + folder);
}

} // namespace

Dataset makeLearnableDataset(int64_t trainCount, int64_t testCount, int64_t numClasses, int64_t channels, int64_t side,
                             uint64_t seed)
{
    std::mt19937_64 rng(seed);
    Dataset d;
    d.name = "learnable";
    d.format = "generated";
    d.source = "generated";
    for (int64_t k = 0; k < numClasses; ++k)
        d.classNames.push_back("class" + std::to_string(k));
    fillSplit(d.train, trainCount, numClasses, channels, side, rng);
    fillSplit(d.test, testCount, numClasses, channels, side, rng);
    return d;
}

std::string writeLearnableIdxFolder(const std::string &parent, int64_t trainCount, int64_t testCount, int64_t side)
{
    const Dataset d = makeLearnableDataset(trainCount, testCount, 10, 1, side, 7);
    const std::string folder = parent + "/digits";
    std::filesystem::create_directories(folder);
    writeIdxPair(folder, "train", d.train);
    writeIdxPair(folder, "t10k", d.test);
    return folder;
}

} // namespace cifarlab::test
