#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cifarlab::test {

// Appends `value` as `bytes` little-endian bytes (zip and pickle fields).
void putLE(std::string &out, uint64_t value, int bytes);

// A zip whose entries are stored (not compressed), in the given order, with correct CRCs except for
// the one named `badCrcFor`. Hand-built so tests and fuzz targets control every byte: fuzz bytes
// can sit inside a zip without a CRC check rejecting every mutation.
std::string storedZipBytes(const std::vector<std::pair<std::string, std::string>> &entries,
    const std::string &badCrcFor = "");

} // namespace cifarlab::test
