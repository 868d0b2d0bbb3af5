#include "core/idx_loader.h"

#include "core/error.h"
#include "core/memory_limit.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <new>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kImageMagic = 0x00000803; // unsigned bytes, 3 dimensions
constexpr uint32_t kLabelMagic = 0x00000801; // unsigned bytes, 1 dimension
constexpr int64_t kNumClasses = 10;
constexpr int64_t kMaxSide = 4096;
constexpr int64_t kMaxDataBytes = int64_t(1) << 32; // a corrupt header must not trigger a huge allocation
constexpr int64_t kReadChunk = 4 << 20;
constexpr int64_t kMaxDeflateRatio = 1032; // deflate's best case: what a .gz of N bytes can inflate to

const char *const kTrainImages = "train-images-idx3-ubyte";
const char *const kTrainLabels = "train-labels-idx1-ubyte";
const char *const kTestImages = "t10k-images-idx3-ubyte";
const char *const kTestLabels = "t10k-labels-idx1-ubyte";

const char *const kFashionClasses[] = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};

bool isFile(const fs::path &p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// The raw file if present (no inflating), else the .gz; empty when neither exists.
std::string findIdxFile(const fs::path &dir, const std::string &base)
{
    if (isFile(dir / base))
        return (dir / base).string();
    if (isFile(dir / (base + ".gz")))
        return (dir / (base + ".gz")).string();
    return {};
}

std::string hex32(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

// gzread handles both compressed and plain files, so one reader serves raw and .gz.
class IdxReader
{
public:
    explicit IdxReader(std::string path)
        : m_path(std::move(path))
    {
        m_gz = gzopen(m_path.c_str(), "rb");
        if (!m_gz)
            throw Error(m_path + ": cannot open: " + std::strerror(errno));
        gzbuffer(m_gz, 1 << 17);
        std::error_code ec;
        m_fileSize = static_cast<int64_t>(fs::file_size(m_path, ec));
        if (ec)
            m_fileSize = 0;
    }
    ~IdxReader() { gzclose(m_gz); }
    IdxReader(const IdxReader &) = delete;
    IdxReader &operator=(const IdxReader &) = delete;

    const std::string &path() const { return m_path; }

    // After the header: the most data bytes the file can still deliver (exactly, for a plain file),
    // so a header declaring gigabytes in a small file fails before anything is allocated.
    bool isCompressed() const { return gzdirect(m_gz) == 0; }
    int64_t maxDataBytes() const
    {
        return isCompressed() ? m_fileSize * kMaxDeflateRatio : std::max<int64_t>(0, m_fileSize - m_headerRead);
    }

    // Header fields are big-endian 32-bit.
    uint32_t readHeaderWord(int64_t headerBytes)
    {
        uint8_t b[4];
        const int64_t got = read(b, 4);
        if (got != 4)
            throw Error(m_path + ": truncated header: " + std::to_string(m_headerRead + got) + " of "
                + std::to_string(headerBytes) + " bytes");
        m_headerRead += 4;
        return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | uint32_t(b[3]);
    }

    // Reads up to n bytes; fewer only at the end of the data. Damaged compression throws.
    int64_t read(uint8_t *out, int64_t n)
    {
        int64_t done = 0;
        while (done < n) {
            const unsigned want = static_cast<unsigned>(std::min<int64_t>(n - done, 1 << 30));
            const int got = gzread(m_gz, out + done, want);
            if (got < 0)
                throw Error(m_path + ": corrupt gzip data: " + gzMessage());
            if (got == 0) {
                int code = Z_OK;
                gzerror(m_gz, &code);
                // A cut-off gzip stream ends with Z_BUF_ERROR; the caller reports it as truncated.
                if (code != Z_OK && code != Z_BUF_ERROR)
                    throw Error(m_path + ": corrupt gzip data: " + gzMessage());
                break;
            }
            done += got;
        }
        return done;
    }

private:
    std::string gzMessage() const
    {
        int code = Z_OK;
        const char *msg = gzerror(m_gz, &code);
        return msg ? msg : "unknown error";
    }

    std::string m_path;
    gzFile m_gz = nullptr;
    int64_t m_headerRead = 0;
    int64_t m_fileSize = 0;
};

void checkMagic(const IdxReader &reader, uint32_t magic, uint32_t expected)
{
    if (magic == expected)
        return;
    std::string message = reader.path() + ": bad magic " + hex32(magic) + ", expected " + hex32(expected)
        + (expected == kImageMagic ? " (IDX unsigned-byte images, 3 dimensions)"
                                   : " (IDX unsigned-byte labels, 1 dimension)");
    if (magic == kLabelMagic || magic == kImageMagic)
        message += magic == kLabelMagic ? "; this is a label file" : "; this is an image file";
    throw Error(message);
}

struct ImagesHeader
{
    int64_t count = 0;
    int64_t rows = 0;
    int64_t cols = 0;
};

// Reads and validates one split's headers, so data is only read once the counts agree.
struct SplitFiles
{
    IdxReader images;
    IdxReader labels;
    ImagesHeader header;
    int64_t labelCount = 0;

    SplitFiles(const std::string &imagesPath, const std::string &labelsPath)
        : images(imagesPath)
        , labels(labelsPath)
    {
        checkMagic(images, images.readHeaderWord(16), kImageMagic);
        header.count = images.readHeaderWord(16);
        header.rows = images.readHeaderWord(16);
        header.cols = images.readHeaderWord(16);
        checkMagic(labels, labels.readHeaderWord(8), kLabelMagic);
        labelCount = labels.readHeaderWord(8);

        const std::string size = std::to_string(header.rows) + "x" + std::to_string(header.cols);
        if (header.rows < 1 || header.cols < 1 || header.rows > kMaxSide || header.cols > kMaxSide)
            throw Error(imagesPath + ": implausible image size " + size + " in the header");
        if (header.count == 0)
            throw Error(imagesPath + ": holds no images");
        if (header.count * header.rows * header.cols > kMaxDataBytes)
            throw Error(
                imagesPath + ": implausible header: " + std::to_string(header.count) + " images of " + size);
        if (labelCount != header.count)
            throw Error(labelsPath + ": " + std::to_string(labelCount) + " labels, but " + imagesPath
                + " holds " + std::to_string(header.count) + " images");
    }
};

void readSplit(SplitFiles &files, ImageSplit &split, int64_t &doneBytes, int64_t totalBytes,
    const std::function<void(double)> &progress)
{
    const ImagesHeader &h = files.header;
    split.count = h.count;
    split.channels = 1;
    split.height = h.rows;
    split.width = h.cols;
    const int64_t pixelBytes = h.count * h.rows * h.cols;
    const std::string shape = std::to_string(h.count) + " images of " + std::to_string(h.rows) + "x"
        + std::to_string(h.cols);
    if (pixelBytes > files.images.maxDataBytes()) {
        if (files.images.isCompressed())
            throw Error(files.images.path() + ": truncated: " + std::to_string(pixelBytes) + " pixel bytes ("
                + shape + ") cannot come from " + std::to_string(files.images.maxDataBytes() / kMaxDeflateRatio)
                + " compressed bytes");
        throw Error(files.images.path() + ": truncated: " + std::to_string(files.images.maxDataBytes()) + " of "
            + std::to_string(pixelBytes) + " pixel bytes (" + shape + ")");
    }
    checkMemory(pixelBytes + h.count * int64_t(sizeof(int64_t)), files.images.path() + ": " + shape);
    try {
        split.images.resize(static_cast<size_t>(pixelBytes));
        split.labels.resize(static_cast<size_t>(h.count));
    } catch (const std::bad_alloc &) {
        throw Error(files.images.path() + ": not enough memory for " + std::to_string(h.count) + " images");
    }

    for (int64_t done = 0; done < pixelBytes;) {
        const int64_t want = std::min(kReadChunk, pixelBytes - done);
        const int64_t got = files.images.read(split.images.data() + done, want);
        done += got;
        doneBytes += got;
        if (got < want)
            throw Error(files.images.path() + ": truncated: " + std::to_string(done) + " of "
                + std::to_string(pixelBytes) + " pixel bytes (" + std::to_string(h.count) + " images of "
                + std::to_string(h.rows) + "x" + std::to_string(h.cols) + ")");
        if (progress)
            progress(static_cast<double>(doneBytes) / static_cast<double>(totalBytes));
    }

    std::vector<uint8_t> raw(static_cast<size_t>(h.count));
    const int64_t got = files.labels.read(raw.data(), h.count);
    if (got < h.count)
        throw Error(files.labels.path() + ": truncated: " + std::to_string(got) + " of "
            + std::to_string(h.count) + " labels");
    for (int64_t i = 0; i < h.count; ++i) {
        if (raw[i] >= kNumClasses)
            throw Error(files.labels.path() + ": label " + std::to_string(raw[i]) + " at index "
                + std::to_string(i) + " out of range (" + std::to_string(kNumClasses) + " classes)");
        split.labels[i] = raw[i];
    }
    doneBytes += h.count;
    if (progress)
        progress(static_cast<double>(doneBytes) / static_cast<double>(totalBytes));
}

std::string folderName(const fs::path &dir)
{
    std::error_code ec;
    fs::path abs = fs::absolute(dir, ec).lexically_normal();
    if (abs.filename().empty())
        abs = abs.parent_path();
    return abs.filename().string();
}

} // namespace

bool looksLikeIdx(const std::string &folder)
{
    const fs::path dir(folder);
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return false;
    for (const char *base : {kTrainImages, kTrainLabels, kTestImages, kTestLabels}) {
        if (!findIdxFile(dir, base).empty())
            return true;
    }
    return false;
}

Dataset loadIdx(const std::string &folder, const std::function<void(double)> &progress)
{
    const fs::path dir(folder);
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw Error(folder + ": no such file or folder");
    if (!fs::is_directory(dir, ec))
        throw Error(folder + ": not a folder; IDX data is a folder holding " + kTrainImages + "[.gz], "
            + kTrainLabels + "[.gz], " + kTestImages + "[.gz] and " + kTestLabels + "[.gz]");

    std::string paths[4];
    std::string missing;
    const char *const bases[4] = {kTrainImages, kTrainLabels, kTestImages, kTestLabels};
    for (int i = 0; i < 4; ++i) {
        paths[i] = findIdxFile(dir, bases[i]);
        if (paths[i].empty())
            missing += (missing.empty() ? "" : ", ") + std::string(bases[i]) + "[.gz]";
    }
    if (!missing.empty())
        throw Error(folder + ": missing " + missing + " (an IDX folder holds " + kTrainImages + ", "
            + kTrainLabels + ", " + kTestImages + " and " + kTestLabels + ", each raw or .gz)");

    SplitFiles train(paths[0], paths[1]);
    SplitFiles test(paths[2], paths[3]);
    if (train.header.rows != test.header.rows || train.header.cols != test.header.cols)
        throw Error(paths[2] + ": " + std::to_string(test.header.rows) + "x"
            + std::to_string(test.header.cols) + " images, but " + paths[0] + " holds "
            + std::to_string(train.header.rows) + "x" + std::to_string(train.header.cols));

    const int64_t side = train.header.rows * train.header.cols;
    const int64_t totalBytes = (train.header.count + test.header.count) * (side + 1);
    int64_t doneBytes = 0;

    Dataset dataset;
    const std::string name = folderName(dir);
    std::string lowered = name;
    std::transform(
        lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool fashion = lowered.find("fashion") != std::string::npos;
    dataset.name = fashion ? "Fashion-MNIST" : "MNIST";
    dataset.format = "idx";
    std::error_code absError;
    fs::path source = fs::absolute(dir, absError).lexically_normal();
    if (source.filename().empty())
        source = source.parent_path();
    dataset.source = source.string();
    for (int64_t c = 0; c < kNumClasses; ++c)
        dataset.classNames.push_back(fashion ? kFashionClasses[c] : std::to_string(c));

    readSplit(train, dataset.train, doneBytes, totalBytes, progress);
    readSplit(test, dataset.test, doneBytes, totalBytes, progress);
    return dataset;
}

} // namespace cifarlab
