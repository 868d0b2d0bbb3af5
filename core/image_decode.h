#pragma once

// Core-internal (includes OpenCV): one image file's bytes to pixels, with the checks every reader
// of user images makes before it trusts a header.
#include <opencv2/core.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace cifarlab {

constexpr int64_t kMaxImageSide = 10000;
constexpr int64_t kMaxImagePixels = 50'000'000;
constexpr uint64_t kMaxImageFileBytes = 512ull << 20;

// "640x480".
std::string imageSizeText(int64_t width, int64_t height);

// Decodes PNG, JPEG, BMP, WebP or anything else OpenCV reads into `out`: 8-bit, 1 channel (gray) or
// 3 (BGR), alpha dropped, EXIF orientation ignored. The declared size is read from the PNG, JPEG,
// BMP and WebP headers and refused before any pixel memory is allocated when it exceeds 10000 px
// per side, 50 megapixels or the memory limit; a PNG or JPEG that stops before its end marker is
// refused as truncated (decoders return a half-grey image for it). Throws Error "<name>: <reason>".
void decodeImageBytes(const char *data, size_t size, const std::string &name, cv::Mat &out);

// Reads and decodes the file at `path` as decodeImageBytes does; messages start with `path`.
cv::Mat readImageFile(const std::string &path);

} // namespace cifarlab
