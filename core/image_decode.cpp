#include "core/image_decode.h"

#include "core/error.h"
#include "core/memory_limit.h"

#include <opencv2/imgcodecs.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <system_error>
#include <vector>

namespace cifarlab {

namespace {

// ---------------------------------------------------------------------------------------------
// Image headers: dimensions are checked before any pixel memory is allocated, and a JPEG or
// PNG that stops before its end marker is reported as truncated (decoders would happily
// return a half-grey image for it).

enum class ImageKind { Unknown, Png, Jpeg, Bmp, Webp };

struct ImageHeader
{
    ImageKind kind = ImageKind::Unknown;
    int64_t width = 0; // 0 when the header does not say
    int64_t height = 0;
    bool truncated = false;
};

const char *kindName(ImageKind kind)
{
    switch (kind) {
    case ImageKind::Png:
        return "PNG";
    case ImageKind::Jpeg:
        return "JPEG";
    case ImageKind::Bmp:
        return "BMP";
    case ImageKind::Webp:
        return "WebP";
    case ImageKind::Unknown:
        break;
    }
    return "image";
}

uint32_t be32(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
uint32_t le32(const uint8_t *p)
{
    return (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0];
}
uint32_t le24(const uint8_t *p)
{
    return (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0];
}
uint16_t le16(const uint8_t *p)
{
    return static_cast<uint16_t>((p[1] << 8) | p[0]);
}

ImageHeader inspectPng(const uint8_t *d, size_t n)
{
    ImageHeader h;
    h.kind = ImageKind::Png;
    size_t pos = 8;
    bool first = true;
    while (true) {
        if (n - pos < 12) {
            h.truncated = true;
            return h;
        }
        const uint64_t length = be32(d + pos);
        if (length > n - pos - 12) {
            h.truncated = true;
            return h;
        }
        const uint8_t *type = d + pos + 4;
        if (first && std::memcmp(type, "IHDR", 4) == 0 && length >= 8) {
            h.width = be32(d + pos + 8);
            h.height = be32(d + pos + 12);
        }
        first = false;
        if (std::memcmp(type, "IEND", 4) == 0)
            return h;
        pos += 12 + length;
    }
}

bool isJpegSof(uint8_t m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

ImageHeader inspectJpeg(const uint8_t *d, size_t n)
{
    ImageHeader h;
    h.kind = ImageKind::Jpeg;
    size_t pos = 2;
    while (true) {
        // Stray bytes between segments are skipped, as libjpeg does.
        const void *ff = pos < n ? std::memchr(d + pos, 0xFF, n - pos) : nullptr;
        if (!ff) {
            h.truncated = true;
            return h;
        }
        pos = static_cast<size_t>(static_cast<const uint8_t *>(ff) - d);
        while (pos < n && d[pos] == 0xFF)
            ++pos;
        if (pos >= n) {
            h.truncated = true;
            return h;
        }
        const uint8_t marker = d[pos++];
        if (marker == 0xD9) // end of image
            return h;
        if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7))
            continue; // markers without a length
        if (n - pos < 2) {
            h.truncated = true;
            return h;
        }
        const size_t length = (size_t(d[pos]) << 8) | d[pos + 1];
        if (length < 2)
            return h; // malformed; the decoder will say so
        if (length > n - pos) {
            h.truncated = true;
            return h;
        }
        if (isJpegSof(marker) && length >= 7) {
            h.height = (int64_t(d[pos + 3]) << 8) | d[pos + 4];
            h.width = (int64_t(d[pos + 5]) << 8) | d[pos + 6];
        }
        pos += length;
        if (marker == 0xDA) {
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a
            // restart marker.
            while (true) {
                const void *next = pos < n ? std::memchr(d + pos, 0xFF, n - pos) : nullptr;
                if (!next) {
                    h.truncated = true;
                    return h;
                }
                pos = static_cast<size_t>(static_cast<const uint8_t *>(next) - d);
                if (pos + 1 >= n) {
                    h.truncated = true;
                    return h;
                }
                const uint8_t b = d[pos + 1];
                if (b != 0x00 && b != 0xFF && !(b >= 0xD0 && b <= 0xD7))
                    break;
                ++pos;
            }
        }
    }
}

ImageHeader inspectImage(const uint8_t *d, size_t n)
{
    ImageHeader h;
    if (n >= 8 && std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return inspectPng(d, n);
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return inspectJpeg(d, n);
    if (n >= 26 && d[0] == 'B' && d[1] == 'M') {
        h.kind = ImageKind::Bmp;
        const uint32_t dibSize = le32(d + 14);
        if (dibSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sizes
            h.width = le16(d + 18);
            h.height = le16(d + 20);
        } else if (dibSize >= 40) {
            h.width = std::abs(int64_t(int32_t(le32(d + 18))));
            h.height = std::abs(int64_t(int32_t(le32(d + 22)))); // negative = top-down rows
        }
        return h;
    }
    if (n >= 30 && std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0) {
        h.kind = ImageKind::Webp;
        const uint8_t *chunk = d + 12;
        if (std::memcmp(chunk, "VP8X", 4) == 0) {
            h.width = int64_t(le24(d + 24)) + 1;
            h.height = int64_t(le24(d + 27)) + 1;
        } else if (std::memcmp(chunk, "VP8L", 4) == 0 && d[20] == 0x2F) {
            const uint32_t bits = le32(d + 21);
            h.width = int64_t(bits & 0x3FFF) + 1;
            h.height = int64_t((bits >> 14) & 0x3FFF) + 1;
        } else if (std::memcmp(chunk, "VP8 ", 4) == 0) {
            h.width = le16(d + 26) & 0x3FFF;
            h.height = le16(d + 28) & 0x3FFF;
        }
        return h;
    }
    return h;
}

bool tooLarge(int64_t width, int64_t height)
{
    return width > kMaxImageSide || height > kMaxImageSide || width * height > kMaxImagePixels;
}

std::string tooLargeText(const char *what, int64_t width, int64_t height)
{
    return std::string(what) + " " + imageSizeText(width, height) + " exceeds the limit of "
        + std::to_string(kMaxImageSide) + " px per side and " + std::to_string(kMaxImagePixels / 1'000'000)
        + " megapixels";
}

[[noreturn]] void fail(const std::string &name, const std::string &what)
{
    throw Error(name + ": " + what);
}

} // namespace

std::string imageSizeText(int64_t width, int64_t height)
{
    return std::to_string(width) + "x" + std::to_string(height);
}

void decodeImageBytes(const char *data, size_t size, const std::string &name, cv::Mat &out)
{
    if (size == 0)
        fail(name, "empty file (0 bytes)");
    const ImageHeader header = inspectImage(reinterpret_cast<const uint8_t *>(data), size);
    if (tooLarge(header.width, header.height))
        fail(name, tooLargeText("declared size", header.width, header.height));
    // Decoding holds the image as 4 bytes per pixel at most (BGRA) before it is converted.
    checkMemory(header.width * header.height * 4, name + ": decoding " + imageSizeText(header.width, header.height));
    if (header.truncated)
        fail(name, std::string("truncated ") + kindName(header.kind) + " data");
    // imdecode leaves its output untouched when no decoder accepts the data, so a reused Mat would
    // still hold the previous image.
    out.release();
    try {
        const cv::Mat raw(1, static_cast<int>(size), CV_8U, const_cast<char *>(data));
        cv::imdecode(raw, cv::IMREAD_ANYCOLOR | cv::IMREAD_IGNORE_ORIENTATION, &out);
    } catch (const cv::Exception &) {
        out.release();
    }
    if (out.empty()) {
        if (header.kind == ImageKind::Unknown)
            fail(name, "not an image OpenCV can decode");
        fail(name, std::string("corrupt ") + kindName(header.kind) + " data (cannot decode)");
    }
    if (tooLarge(out.cols, out.rows))
        fail(name, tooLargeText("size", out.cols, out.rows));
    if (out.channels() != 1 && out.channels() != 3)
        fail(name, "unsupported channel count " + std::to_string(out.channels()));
}

cv::Mat readImageFile(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        fail(path, "cannot open the file: " + std::generic_category().message(errno));
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> guard(f, &std::fclose);
    if (std::fseek(f, 0, SEEK_END) != 0)
        fail(path, "cannot read the file");
    const long size = std::ftell(f);
    if (size < 0 || std::fseek(f, 0, SEEK_SET) != 0)
        fail(path, "cannot read the file");
    if (static_cast<uint64_t>(size) > kMaxImageFileBytes)
        fail(path, "file of " + std::to_string(size) + " bytes is too large for an image");
    std::vector<char> bytes(static_cast<size_t>(size));
    if (size > 0 && std::fread(bytes.data(), 1, bytes.size(), f) != bytes.size())
        fail(path, "cannot read the file (changed while loading?)");
    cv::Mat image;
    decodeImageBytes(bytes.data(), bytes.size(), path, image);
    return image;
}

} // namespace cifarlab
