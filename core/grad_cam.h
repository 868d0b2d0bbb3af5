#pragma once

// Torch-free: the UI includes this to show where a network looked.
#include "core/dataset.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cifarlab {

struct GradCamMap
{
    int64_t imageIndex = -1;
    int32_t targetClass = -1;    // the class the map explains
    int32_t predictedClass = -1;
    std::vector<float> probabilities; // softmax over the classes
    int64_t height = 0;          // the input's size
    int64_t width = 0;
    std::vector<float> values;   // height * width, row-major, in [0, 1]; all zero when nothing in the
                                 // feature map speaks for the class
    std::string layer;           // the feature map's layer, e.g. "layer4.1.relu2"
    int64_t layerHeight = 0;     // its spatial size (the map's real resolution)
    int64_t layerWidth = 0;
};

// Grad-CAM (Selvaraju et al., ICCV 2017) over a checkpoint: the last feature map before global
// pooling, each channel weighted by the spatial mean of the class score's gradient, summed, clipped
// at zero, upsampled bilinearly to the input and scaled to [0, 1]. The network is loaded once (at the
// checkpoint's width, as evaluate does) and kept; compute() may be called from any one thread at a time.
class GradCam
{
public:
    // Throws Error with a one-line reason when the checkpoint does not load or the architecture has
    // no spatial feature map.
    GradCam(const std::string &architecture, const std::string &checkpointPath, std::shared_ptr<const Dataset> dataset,
            const std::string &preprocess, double widthScale = 0.0);
    ~GradCam();
    GradCam(const GradCam &) = delete;
    GradCam &operator=(const GradCam &) = delete;

    // The map of test image `index` for `targetClass`; -1 explains the predicted class.
    GradCamMap compute(int64_t index, int32_t targetClass = -1) const;
    // The same for image `index` of `images` (e.g. a user's own files, fitted to the dataset's size and
    // channels), normalized with the dataset's statistics as training did.
    GradCamMap computeFor(const ImageSplit &images, int64_t index, int32_t targetClass = -1) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Writes `map` of `split`'s image as a PNG: the image enlarged `scale` times (nearest neighbour), and
// beside it the same image in gray under the map's colours (inferno; weak evidence lets the image
// through). Throws Error naming the file when it cannot be written.
void writeGradCamPng(const std::string &path, const ImageSplit &split, const GradCamMap &map, int scale = 8);

} // namespace cifarlab
