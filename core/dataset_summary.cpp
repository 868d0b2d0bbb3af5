#include "core/dataset_summary.h"

#include "core/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace cifarlab {
namespace {

SplitSummary summarizeSplit(const ImageSplit &split, int64_t numClasses, const std::string &where)
{
    SplitSummary summary;
    summary.count = split.count;
    summary.perClassCount.assign(static_cast<size_t>(numClasses), 0);
    for (int64_t i = 0; i < split.count; ++i) {
        const int64_t label = split.labels[static_cast<size_t>(i)];
        if (label < 0 || label >= numClasses)
            throw Error(where + ": image " + std::to_string(i) + " has label " + std::to_string(label)
                + ", outside the " + std::to_string(numClasses) + " classes");
        ++summary.perClassCount[static_cast<size_t>(label)];
    }

    // A 256-bin histogram per channel is one cheap increment per pixel and gives exact moments.
    const int64_t plane = split.height * split.width;
    std::vector<std::array<uint64_t, 256>> histogram(static_cast<size_t>(split.channels));
    for (auto &h : histogram)
        h.fill(0);
    for (int64_t i = 0; i < split.count; ++i) {
        const uint8_t *image = split.image(i);
        for (int64_t c = 0; c < split.channels; ++c) {
            auto &h = histogram[static_cast<size_t>(c)];
            const uint8_t *p = image + c * plane;
            for (int64_t k = 0; k < plane; ++k)
                ++h[p[k]];
        }
    }
    for (const auto &h : histogram) {
        double n = 0, sum = 0, sumSquares = 0;
        for (int v = 0; v < 256; ++v) {
            const double count = static_cast<double>(h[static_cast<size_t>(v)]);
            const double x = v / 255.0;
            n += count;
            sum += count * x;
            sumSquares += count * x * x;
        }
        const double mean = n > 0 ? sum / n : 0.0;
        const double variance = n > 0 ? std::max(0.0, sumSquares / n - mean * mean) : 0.0;
        summary.mean.push_back(mean);
        summary.std.push_back(std::sqrt(variance));
    }
    return summary;
}

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string channelList(const std::vector<double> &values)
{
    std::string text;
    for (double v : values)
        text += (text.empty() ? "" : "  ") + fixed(v, 4);
    return text.empty() ? "-" : text;
}

std::string pad(const std::string &s, size_t width, bool right = false)
{
    if (s.size() >= width)
        return s;
    const std::string fill(width - s.size(), ' ');
    return right ? fill + s : s + fill;
}

} // namespace

DatasetSummary summarizeDataset(const Dataset &dataset)
{
    DatasetSummary summary;
    summary.name = dataset.name;
    summary.format = dataset.format;
    summary.source = dataset.source;
    const ImageSplit &shape = dataset.train.count > 0 ? dataset.train : dataset.test;
    summary.channels = shape.channels;
    summary.height = shape.height;
    summary.width = shape.width;
    summary.numClasses = dataset.numClasses();
    summary.classNames = dataset.classNames;
    const std::string name = dataset.name.empty() ? dataset.source : dataset.name;
    summary.train = summarizeSplit(dataset.train, summary.numClasses, name + " train split");
    summary.test = summarizeSplit(dataset.test, summary.numClasses, name + " test split");
    return summary;
}

std::string formatSummary(const DatasetSummary &s)
{
    const char *kind = s.channels == 3 ? " (RGB)" : s.channels == 1 ? " (gray)" : "";
    std::string text;
    text += s.name + "  [" + s.format + "]\n";
    text += "source:    " + s.source + "\n";
    text += "images:    " + std::to_string(s.channels) + "x" + std::to_string(s.height) + "x"
        + std::to_string(s.width) + " (CxHxW)" + kind + "\n";
    text += "classes:   " + std::to_string(s.numClasses) + "\n";
    text += "train:     " + std::to_string(s.train.count) + " images\n";
    text += "test:      " + std::to_string(s.test.count) + " images\n";
    text += "mean:      " + channelList(s.train.mean) + "   (train, per channel, in [0,1])\n";
    text += "std:       " + channelList(s.train.std) + "\n";

    size_t nameWidth = 5;
    for (const auto &n : s.classNames)
        nameWidth = std::max(nameWidth, n.size());
    text += "\n  " + pad("#", 4, true) + "  " + pad("class", nameWidth) + "  " + pad("train", 8, true) + "  "
        + pad("test", 8, true) + "\n";
    for (int64_t c = 0; c < s.numClasses; ++c) {
        const size_t i = static_cast<size_t>(c);
        const std::string train
            = i < s.train.perClassCount.size() ? std::to_string(s.train.perClassCount[i]) : "-";
        const std::string test
            = i < s.test.perClassCount.size() ? std::to_string(s.test.perClassCount[i]) : "-";
        const std::string className = i < s.classNames.size() ? s.classNames[i] : std::string();
        text += "  " + pad(std::to_string(c), 4, true) + "  " + pad(className, nameWidth) + "  "
            + pad(train, 8, true) + "  " + pad(test, 8, true) + "\n";
    }
    return text;
}

} // namespace cifarlab
