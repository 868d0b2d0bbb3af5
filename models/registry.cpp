#include "models/registry.h"

#include "models/network.h"

#include <algorithm>

namespace cifarlab {

// Parameter counts are for 3x32x32 inputs and 10 classes.
std::vector<ArchitectureInfo> listArchitectures()
{
    return {
        {"baseline", "Baseline (LeNet)",
            "LeNet-style baseline of the original study: two 5x5 convs with max-pooling, three fully "
            "connected "
            "layers, 62K parameters (64.81% CIFAR-10 test accuracy after 20 epochs in the study)"},
        {"baseline-plus", "Baseline+",
            "The baseline with the study's improvements: 3x3 convs widened to 32/64/128 with batch norm, "
            "max-pooling, dropout 0.5 before the classifier, 621K parameters"},
        {"resnet18", "ResNet-18", "ResNet-18 (CIFAR variant: 3x3 stem, no max-pool), 11.2M parameters"},
        {"resnext29_32x4d", "ResNeXt-29 (32x4d)",
            "ResNeXt-29 (CIFAR variant: 1x1 stem, 3 stages of 3 bottlenecks, cardinality 32, width 4), "
            "4.8M parameters"},
        {"densenet121", "DenseNet-121",
            "DenseNet-121 (CIFAR variant: 3x3 stem, growth 32, blocks 6-12-24-16, compression 0.5), "
            "7.0M parameters"},
        {"airbench", "airbench",
            "airbench94 (Jordan 2024): frozen 2x2 patch-whitening conv, three conv groups 64/256/256 with "
            "batch norm and GELU, built for fast training (93-94% on CIFAR-10 in 10 epochs), 1.97M parameters"},
    };
}

bool hasArchitecture(const std::string &name)
{
    const auto all = listArchitectures();
    return std::any_of(
        all.begin(), all.end(), [&](const ArchitectureInfo &info) { return info.name == name; });
}

ModelSummary summarizeArchitecture(const std::string &name, const InputSpec &input, double widthScale, int64_t ensembleMembers,
                                   int64_t blockDepth)
{
    NetworkOptions options;
    options.widthScale = widthScale;
    options.ensembleMembers = ensembleMembers;
    options.blockDepth = blockDepth;
    const auto network = createNetwork(name, input, options);
    return summarizeNetwork(*network);
}

} // namespace cifarlab
