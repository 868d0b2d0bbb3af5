#include "support/stored_zip.h"

namespace cifarlab::test {
namespace {

uint32_t crc32(const std::string &data)
{
    uint32_t crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= static_cast<uint8_t>(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

} // namespace

void putLE(std::string &out, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>(value >> (8 * i)));
}

std::string storedZipBytes(const std::vector<std::pair<std::string, std::string>> &records, const std::string &badCrcFor)
{
    std::string out;
    std::string central;
    for (const auto &[name, data] : records) {
        const uint32_t crc = crc32(data) ^ (name == badCrcFor ? 0x1u : 0x0u);
        const auto offset = out.size();
        putLE(out, 0x04034b50, 4);
        putLE(out, 20, 2); // version needed
        putLE(out, 0, 2); // flags
        putLE(out, 0, 2); // stored
        putLE(out, 0, 2); // time
        putLE(out, 0x21, 2); // date 1980-01-01
        putLE(out, crc, 4);
        putLE(out, data.size(), 4);
        putLE(out, data.size(), 4);
        putLE(out, name.size(), 2);
        putLE(out, 0, 2);
        out += name;
        out += data;

        putLE(central, 0x02014b50, 4);
        putLE(central, 20, 2);
        putLE(central, 20, 2);
        putLE(central, 0, 2);
        putLE(central, 0, 2);
        putLE(central, 0, 2);
        putLE(central, 0x21, 2);
        putLE(central, crc, 4);
        putLE(central, data.size(), 4);
        putLE(central, data.size(), 4);
        putLE(central, name.size(), 2);
        putLE(central, 0, 2); // extra
        putLE(central, 0, 2); // comment
        putLE(central, 0, 2); // disk
        putLE(central, 0, 2); // internal attributes
        putLE(central, 0, 4); // external attributes
        putLE(central, offset, 4);
        central += name;
    }
    const auto centralOffset = out.size();
    out += central;
    putLE(out, 0x06054b50, 4);
    putLE(out, 0, 2);
    putLE(out, 0, 2);
    putLE(out, records.size(), 2);
    putLE(out, records.size(), 2);
    putLE(out, central.size(), 4);
    putLE(out, centralOffset, 4);
    putLE(out, 0, 2);
    return out;
}

} // namespace cifarlab::test
