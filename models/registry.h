#pragma once

#include <cstdint>
#include <string>
#include <vector>

// Torch-free view of the architectures: what the UI and CLI list and show.
namespace cifarlab {

struct InputSpec
{
    int64_t channels = 3;
    int64_t height = 32;
    int64_t width = 32;
    int64_t numClasses = 10;
};

struct LayerInfo
{
    std::string name;                 // module path, e.g. "layer1.0.conv1"
    std::string type;                 // "Conv2d", "BatchNorm2d", "Linear", ...
    std::vector<int64_t> outputShape; // without the batch dimension
    int64_t parameters = 0;           // trainable parameters owned directly by this layer
    int64_t macs = 0;                 // multiply-accumulates for one image
    std::string detail;               // e.g. "3->64, k3, s1, p1"
};

struct ModelSummary
{
    std::string architecture;
    InputSpec input;
    std::vector<LayerInfo> layers;
    int64_t parameters = 0;          // trainable parameters
    int64_t bufferElements = 0;      // BN running statistics etc.
    int64_t sizeBytes = 0;           // parameters + buffers as stored (float32 / int64)
    int64_t macs = 0;                // per image
    std::vector<int64_t> outputShape;
};

struct ArchitectureInfo
{
    std::string name;        // registry key, e.g. "resnet18"
    std::string displayName; // "ResNet-18"
    std::string description; // one line
};

// Most members an ensemble may have (NetworkOptions::ensembleMembers, the --ensemble option).
constexpr int64_t kMaxEnsembleMembers = 8;

// All registered architectures, in a stable order.
std::vector<ArchitectureInfo> listArchitectures();
bool hasArchitecture(const std::string &name);
// Builds the network for `input` (channel widths x widthScale where the architecture has adjustable
// widths) and measures it. Throws std::invalid_argument for an unknown name, an input the architecture
// cannot take, or a width scale or block depth it does not support. An ensemble's summary lists every
// member's layers.
ModelSummary summarizeArchitecture(const std::string &name, const InputSpec &input = {}, double widthScale = 1.0,
                                   int64_t ensembleMembers = 1, int64_t blockDepth = 2);

} // namespace cifarlab
