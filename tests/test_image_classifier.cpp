// Classifying a user's own files must give exactly what the network gives its test images, whatever
// the file's size, format or colour, and say which files it could not read without losing the others.
#include "core/error.h"
#include "core/evaluation.h"
#include "core/image_classifier.h"
#include "core/trainer.h"
#include "support/image_fixtures.h"
#include "support/learnable_data.h"
#include "support/temp_dir.h"

#include <gtest/gtest.h>

#include <QDir>

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <fstream>
#include <numeric>

using namespace cifarlab;

namespace {

constexpr int64_t kSide = 16;

struct TrainedNet
{
    std::shared_ptr<const Dataset> data;
    std::string checkpoint;
};

// A small network that has learnt the learnable data (trained once for the whole file).
const TrainedNet &trainedNet(int64_t channels)
{
    static std::map<int64_t, TrainedNet> nets;
    static std::vector<std::unique_ptr<test::TempDir>> dirs;
    auto found = nets.find(channels);
    if (found != nets.end())
        return found->second;
    auto data = std::make_shared<const Dataset>(test::makeLearnableDataset(400, 40, 4, channels, kSide, 5));
    dirs.push_back(std::make_unique<test::TempDir>());
    TrainingConfig c;
    c.dataPath = "generated";
    c.architecture = "baseline-plus";
    c.epochs = 3;
    c.batchSize = 32;
    c.learningRate = 0.05;
    c.labelSmoothing = 0.0;
    c.augment = {};
    c.precision = Precision::Fp32;
    c.threads = 1;
    c.seed = 2;
    Trainer trainer(c, data, dirs.back()->path());
    const TrainingResult r = trainer.run({});
    EXPECT_EQ(r.status, RunStatus::Completed) << r.message;
    return nets.emplace(channels, TrainedNet {data, trainer.latestCheckpointPath()}).first->second;
}

// A binary PPM (3 channels, RGB) or PGM (1 channel): OpenCV reads both, and the bytes are exact.
struct Picture
{
    int width = 0, height = 0, channels = 3;
    std::vector<uint8_t> pixels; // interleaved rows, RGB

    void fill(int x0, int x1, std::array<uint8_t, 3> rgb)
    {
        for (int y = 0; y < height; ++y)
            for (int x = x0; x < x1; ++x)
                for (int c = 0; c < channels; ++c)
                    pixels[static_cast<size_t>((y * width + x) * channels + c)] = rgb[static_cast<size_t>(c)];
    }
};

Picture blank(int width, int height, int channels)
{
    return Picture {width, height, channels, std::vector<uint8_t>(static_cast<size_t>(width * height * channels))};
}

// Image i of `split`, enlarged `scale` times by pixel repetition.
Picture splitPicture(const ImageSplit &split, int64_t i, int scale = 1)
{
    const int h = static_cast<int>(split.height), w = static_cast<int>(split.width), ch = static_cast<int>(split.channels);
    const int64_t plane = split.height * split.width;
    Picture out = blank(w * scale, h * scale, ch);
    const uint8_t *p = split.image(i);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < ch; ++c)
                out.pixels[static_cast<size_t>((y * out.width + x) * ch + c)] = p[c * plane + (y / scale) * w + x / scale];
    return out;
}

void writeImage(const std::string &path, const Picture &picture)
{
    QDir().mkpath(QString::fromStdString(path.substr(0, path.rfind('/'))));
    std::ofstream out(path, std::ios::binary);
    out << (picture.channels == 3 ? "P6\n" : "P5\n") << picture.width << " " << picture.height << "\n255\n";
    out.write(reinterpret_cast<const char *>(picture.pixels.data()), static_cast<std::streamsize>(picture.pixels.size()));
    ASSERT_TRUE(out.good()) << path;
}

std::vector<uint8_t> fittedImage(const Classification &c, size_t i)
{
    const ClassifiedImage &image = c.images[i];
    const uint8_t *p = c.fitted.image(image.fittedIndex);
    return {p, p + c.fitted.imageBytes()};
}

} // namespace

TEST(ImageClassifier, FilesGetTheNetworksOwnPredictionsAtAnySize)
{
    const TrainedNet &net = trainedNet(3);
    const Dataset &data = *net.data;
    test::TempDir dir;
    std::vector<std::string> files;
    for (int64_t i = 0; i < 8; ++i) {
        const std::string name = data.classNames[static_cast<size_t>(data.test.labels[static_cast<size_t>(i)])];
        // Lossless at the input size, and enlarged 4x: squashing back by area averaging restores the pixels.
        files.push_back(dir.file("same/" + name + "/" + std::to_string(i) + ".ppm"));
        writeImage(files.back(), splitPicture(data.test, i));
        files.push_back(dir.file("big/" + std::to_string(i) + ".ppm"));
        writeImage(files.back(), splitPicture(data.test, i, 4));
    }
    EvaluationOptions eval;
    eval.batchSize = 40;
    const EvaluationResult reference = evaluateCheckpoint("baseline-plus", net.checkpoint, data, eval);

    ClassifierOptions options;
    options.fit = ImageFit::Squash;
    const ImageClassifier classifier("baseline-plus", net.checkpoint, net.data, options);
    EXPECT_EQ(classifier.classNames(), data.classNames);
    std::vector<int64_t> progress;
    const Classification c = classifier.classify(files, [&](int64_t done, int64_t total) {
        EXPECT_EQ(total, 16);
        progress.push_back(done);
    });
    ASSERT_EQ(c.images.size(), files.size());
    EXPECT_EQ(progress, std::vector<int64_t>({16}));
    EXPECT_EQ(c.classified, 16);
    EXPECT_EQ(c.failed, 0);
    EXPECT_EQ(c.fitted.count, 16);
    for (size_t f = 0; f < files.size(); ++f) {
        const ClassifiedImage &image = c.images[f];
        const size_t i = f / 2;
        SCOPED_TRACE(image.path);
        ASSERT_TRUE(image.ok()) << image.error;
        EXPECT_EQ(image.path, files[f]);
        EXPECT_EQ(image.sourceWidth, f % 2 ? 4 * kSide : kSide);
        const std::vector<uint8_t> own(data.test.image(static_cast<int64_t>(i)),
                                       data.test.image(static_cast<int64_t>(i)) + data.test.imageBytes());
        EXPECT_EQ(fittedImage(c, f), own);
        ASSERT_EQ(image.probabilities.size(), 4u);
        EXPECT_NEAR(std::accumulate(image.probabilities.begin(), image.probabilities.end(), 0.0), 1.0, 1e-5);
        EXPECT_EQ(image.predictedClass, reference.predictions[i]);
        EXPECT_NEAR(image.probabilities[static_cast<size_t>(image.predictedClass)], reference.confidence[i], 1e-5);
        const auto ranked = image.ranking(3);
        ASSERT_EQ(ranked.size(), 3u);
        EXPECT_EQ(ranked[0], image.predictedClass);
        EXPECT_GE(image.probabilities[static_cast<size_t>(ranked[1])], image.probabilities[static_cast<size_t>(ranked[2])]);
        // Only the files in a folder named after a class are scored.
        EXPECT_EQ(image.trueClass, f % 2 ? -1 : data.test.labels[i]);
    }
    EXPECT_EQ(c.labelled, 8);
    int64_t right = 0;
    for (size_t i = 0; i < 8; ++i)
        right += reference.predictions[i] == data.test.labels[i] ? 1 : 0;
    EXPECT_EQ(c.correct, right);
    EXPECT_GE(c.correct, 6) << "the network must have learnt the data";
}

TEST(ImageClassifier, CropSquashAndPadFitAWideImage)
{
    const TrainedNet &net = trainedNet(3);
    test::TempDir dir;
    // 64 x 32: a green quarter, a red half, a blue quarter.
    Picture wide = blank(64, 32, 3);
    wide.fill(0, 16, {0, 255, 0});
    wide.fill(16, 48, {255, 0, 0});
    wide.fill(48, 64, {0, 0, 255});
    const std::string file = dir.file("wide.ppm");
    writeImage(file, wide);
    const int64_t plane = kSide * kSide;
    auto pixel = [&](const std::vector<uint8_t> &p, int64_t y, int64_t x) {
        return std::array<int, 3> {p[y * kSide + x], p[plane + y * kSide + x], p[2 * plane + y * kSide + x]};
    };
    using Rgb = std::array<int, 3>;

    ClassifierOptions options;
    options.fit = ImageFit::Crop; // the centre 32 x 32: the red half only
    Classification c = ImageClassifier("baseline-plus", net.checkpoint, net.data, options).classify({file});
    ASSERT_TRUE(c.images[0].ok()) << c.images[0].error;
    EXPECT_EQ(c.images[0].sourceWidth, 64);
    EXPECT_EQ(c.images[0].sourceHeight, 32);
    std::vector<uint8_t> p = fittedImage(c, 0);
    for (int64_t y = 0; y < kSide; y += 5)
        for (int64_t x = 0; x < kSide; ++x)
            EXPECT_EQ(pixel(p, y, x), (Rgb {255, 0, 0})) << y << "," << x;

    options.fit = ImageFit::Squash; // every band, squeezed
    c = ImageClassifier("baseline-plus", net.checkpoint, net.data, options).classify({file});
    p = fittedImage(c, 0);
    EXPECT_EQ(pixel(p, 3, 0), (Rgb {0, 255, 0}));
    EXPECT_EQ(pixel(p, 3, 8), (Rgb {255, 0, 0}));
    EXPECT_EQ(pixel(p, 3, 15), (Rgb {0, 0, 255}));

    options.fit = ImageFit::Pad; // the whole image at half size, between bands of the mean colour
    c = ImageClassifier("baseline-plus", net.checkpoint, net.data, options).classify({file});
    p = fittedImage(c, 0);
    EXPECT_EQ(pixel(p, 8, 0), (Rgb {0, 255, 0}));
    EXPECT_EQ(pixel(p, 8, 15), (Rgb {0, 0, 255}));
    const ImageSplit &train = net.data->train;
    for (int64_t ch = 0; ch < 3; ++ch) {
        double sum = 0;
        for (int64_t i = 0; i < train.count; ++i)
            for (int64_t k = 0; k < plane; ++k)
                sum += train.image(i)[ch * plane + k];
        const double mean = sum / static_cast<double>(train.count * plane);
        EXPECT_NEAR(p[ch * plane + 1 * kSide + 5], mean, 1.0) << "channel " << ch << " above the image";
        EXPECT_NEAR(p[ch * plane + 14 * kSide + 5], mean, 1.0) << "channel " << ch << " below the image";
    }
    EXPECT_EQ(parseImageFit("pad"), ImageFit::Pad);
    EXPECT_EQ(imageFitName(ImageFit::Squash), "squash");
    try {
        parseImageFit("stretch");
        ADD_FAILURE() << "stretch accepted";
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), "--fit: expected crop, squash or pad, got 'stretch'");
    }
}

TEST(ImageClassifier, ColourAndGrayFilesMeetTheNetworksChannels)
{
    const TrainedNet &gray = trainedNet(1);
    test::TempDir dir;
    const std::string colourFile = dir.file("colour.png");
    {
        const std::vector<uint8_t> png = test::encodeSolidImage("png", kSide, kSide, {200, 90, 30});
        std::ofstream(colourFile, std::ios::binary).write(reinterpret_cast<const char *>(png.data()), static_cast<std::streamsize>(png.size()));
    }
    Classification c = ImageClassifier("baseline-plus", gray.checkpoint, gray.data).classify({colourFile});
    ASSERT_TRUE(c.images[0].ok()) << c.images[0].error;
    EXPECT_EQ(c.fitted.channels, 1);
    EXPECT_NEAR(fittedImage(c, 0)[0], 0.299 * 200 + 0.587 * 90 + 0.114 * 30, 1.0);

    const TrainedNet &colour = trainedNet(3);
    const std::string grayFile = dir.file("gray.pgm");
    Picture grayPicture = blank(kSide, kSide, 1);
    grayPicture.fill(0, kSide, {77, 0, 0});
    writeImage(grayFile, grayPicture);
    c = ImageClassifier("baseline-plus", colour.checkpoint, colour.data).classify({grayFile});
    ASSERT_TRUE(c.images[0].ok()) << c.images[0].error;
    const std::vector<uint8_t> p = fittedImage(c, 0);
    EXPECT_EQ(p[0], 77);
    EXPECT_EQ(p[kSide * kSide], 77);
    EXPECT_EQ(p[2 * kSide * kSide], 77);
}

TEST(ImageClassifier, UnreadableFilesAreNamedAndTheOthersClassified)
{
    const TrainedNet &net = trainedNet(3);
    test::TempDir dir;
    const std::string good = dir.file("photos/a.ppm"), broken = dir.file("photos/b.png"), text = dir.file("notes.png");
    writeImage(good, splitPicture(net.data->test, 0));
    {
        std::ofstream(broken, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << "cut short";
        std::ofstream(text) << "not an image";
    }
    const Classification c = ImageClassifier("baseline-plus", net.checkpoint, net.data)
                                 .classify({broken, good, text, dir.file("gone.jpg")});
    ASSERT_EQ(c.images.size(), 4u);
    EXPECT_EQ(c.classified, 1);
    EXPECT_EQ(c.failed, 3);
    EXPECT_EQ(c.images[0].error, broken + ": truncated PNG data");
    EXPECT_TRUE(c.images[1].ok());
    EXPECT_EQ(c.images[1].fittedIndex, 0);
    EXPECT_EQ(c.images[2].error, text + ": not an image OpenCV can decode");
    EXPECT_EQ(c.images[3].error.rfind(dir.file("gone.jpg") + ": cannot open the file: ", 0), 0u) << c.images[3].error;
    EXPECT_EQ(c.images[0].fittedIndex, -1);
    EXPECT_TRUE(c.images[0].probabilities.empty());
}

TEST(ImageClassifier, FoldersAreSearchedAndBadPathsRefused)
{
    test::TempDir dir;
    const Picture tiny = blank(4, 4, 1);
    writeImage(dir.file("in/b/2.PGM"), tiny);
    writeImage(dir.file("in/a/1.pgm"), tiny);
    writeImage(dir.file("in/.hidden/3.pgm"), tiny);
    writeImage(dir.file("in/a/.4.pgm"), tiny);
    std::ofstream(dir.file("in/a/readme.txt")) << "skipped";
    std::ofstream(dir.file("loose.dat")) << "taken as given";
    EXPECT_EQ(collectImageFiles({dir.file("loose.dat"), dir.file("in")}),
              std::vector<std::string>({dir.file("loose.dat"), dir.file("in/a/1.pgm"), dir.file("in/b/2.PGM")}));
    QDir().mkpath(QString::fromStdString(dir.file("empty/sub")));
    try {
        collectImageFiles({dir.file("empty")});
        ADD_FAILURE() << "an empty folder was accepted";
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()).rfind(dir.file("empty") + ": no images in the folder", 0), 0u) << e.what();
    }
    try {
        collectImageFiles({dir.file("in"), dir.file("missing")});
        ADD_FAILURE() << "a missing path was accepted";
    } catch (const Error &e) {
        EXPECT_EQ(std::string(e.what()), dir.file("missing") + ": no such file or folder");
    }
}

TEST(ImageClassifier, ExplainsAFileAndRefusesBadRequests)
{
    const TrainedNet &net = trainedNet(3);
    test::TempDir dir;
    const std::string file = dir.file("x.ppm");
    writeImage(file, splitPicture(net.data->test, 3, 2));
    const ImageClassifier classifier("baseline-plus", net.checkpoint, net.data);
    const Classification c = classifier.classify({file, dir.file("none.png")});
    const GradCamMap map = classifier.explain(c, 0);
    EXPECT_EQ(map.height, kSide);
    EXPECT_EQ(map.width, kSide);
    EXPECT_EQ(map.values.size(), static_cast<size_t>(kSide * kSide));
    EXPECT_EQ(map.predictedClass, c.images[0].predictedClass);
    EXPECT_EQ(map.targetClass, map.predictedClass);
    ASSERT_EQ(map.probabilities.size(), 4u);
    EXPECT_NEAR(map.probabilities[static_cast<size_t>(map.predictedClass)],
                c.images[0].probabilities[static_cast<size_t>(map.predictedClass)], 1e-5);
    const int32_t other = (map.predictedClass + 1) % 4;
    EXPECT_EQ(classifier.explain(c, 0, other).targetClass, other);
    EXPECT_THROW(classifier.explain(c, 1), Error); // the file that could not be read
    EXPECT_THROW(classifier.explain(c, 2), Error);
    EXPECT_THROW(classifier.explain(c, 0, 4), Error);

    EXPECT_THROW(ImageClassifier("resnet18", net.checkpoint, net.data), Error);
    EXPECT_THROW(ImageClassifier("baseline-plus", dir.file("missing.pt"), net.data), Error);
    ClassifierOptions badTta;
    badTta.tta = "rotate";
    try {
        ImageClassifier("baseline-plus", net.checkpoint, net.data, badTta);
        ADD_FAILURE() << "an unknown test-time augmentation was accepted";
    } catch (const Error &e) {
        EXPECT_STREQ(e.what(), "--tta: unknown mode 'rotate' (expected none, mirror or mirror-translate)");
    }
}
