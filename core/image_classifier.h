#pragma once

// Torch-free: the UI and the CLI classify a user's own image files with a trained run (DIGITS'
// "Classify One" and "Classify Many").
#include "core/dataset.h"
#include "core/grad_cam.h"
#include "core/runtime.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace cifarlab {

// How a file of another size becomes the network's input size.
enum class ImageFit {
    Crop,   // the largest centred region of the input's aspect ratio, scaled: nothing distorted
    Squash, // the whole image scaled to the input size: nothing lost, shapes stretched
    Pad     // the whole image scaled to fit, the rest filled with the training images' mean colour
};

ImageFit parseImageFit(const std::string &text); // "crop" | "squash" | "pad"; throws Error naming --fit
std::string imageFitName(ImageFit fit);

// Every image under `paths`: a file is taken as given, a folder is searched recursively for files
// with an image extension (hidden ones skipped), sorted by path. Throws Error naming a path that does
// not exist, or a folder without images.
std::vector<std::string> collectImageFiles(const std::vector<std::string> &paths);

struct ClassifierOptions
{
    std::string preprocess = "dataset-normalize"; // as the network was trained
    double widthScale = 0.0;                       // 0 = the width the checkpoint was trained at
    std::string tta = "none";                      // "none" | "mirror" | "mirror-translate"
    Precision precision = Precision::Fp32;
    ImageFit fit = ImageFit::Crop;
};

struct ClassifiedImage
{
    std::string path;
    std::string error;         // why the file could not be classified; the others still are
    int64_t trueClass = -1;    // the class its folder is named after (case-insensitive), else -1
    int64_t sourceWidth = 0;   // the file's own size
    int64_t sourceHeight = 0;
    int64_t fittedIndex = -1;  // its pixels in Classification::fitted, -1 on error
    int32_t predictedClass = -1;
    std::vector<float> probabilities; // softmax over the classes

    bool ok() const { return error.empty(); }
    // Classes by falling probability, at most k.
    std::vector<int32_t> ranking(int k) const;
};

struct Classification
{
    std::vector<ClassifiedImage> images; // in the order of the files
    ImageSplit fitted;                   // what the network saw, at its input size (labels: true class or -1)
    int64_t classified = 0;
    int64_t failed = 0;
    int64_t labelled = 0; // classified images whose folder names a class ...
    int64_t correct = 0;  // ... and of those, predicted right
};

// A table of classified files, one row each: path, true_class, predicted, confidence, p_<class> for
// every class, error. A field is quoted (RFC 4180) only when it holds a comma, a quote or a line break.
std::string classificationCsv(const std::vector<const ClassifiedImage *> &images, const std::vector<std::string> &classNames);

// A trained network ready to classify files: loaded once, normalized with its training data's
// statistics, at its input size and channel count. classify() and explain() may be called from any
// one thread at a time.
class ImageClassifier
{
public:
    // Throws Error with a one-line reason when the checkpoint does not load into the architecture.
    ImageClassifier(const std::string &architecture, const std::string &checkpointPath,
                    std::shared_ptr<const Dataset> trainingData, const ClassifierOptions &options = {});
    ~ImageClassifier();
    ImageClassifier(const ImageClassifier &) = delete;
    ImageClassifier &operator=(const ImageClassifier &) = delete;

    const std::vector<std::string> &classNames() const;
    double widthScale() const; // the width the network was built at
    const ClassifierOptions &options() const;

    // Decodes and fits every file (in parallel), then classifies them in batches. A file that cannot
    // be read gets its error; the rest go on. progress(done, total) counts files.
    Classification classify(const std::vector<std::string> &files,
                            const std::function<void(int64_t done, int64_t total)> &progress = {}) const;

    // Grad-CAM of image `index` of `classification` for `targetClass` (-1: the predicted class). The
    // network for it is loaded on first use.
    GradCamMap explain(const Classification &classification, size_t index, int32_t targetClass = -1) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cifarlab
