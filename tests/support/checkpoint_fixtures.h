#pragma once

#include "support/stored_zip.h"

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace cifarlab::test {

// Hand-built torch.save checkpoints: a stored zip written byte by byte and pickles written opcode by
// opcode, so tests (and the reliability table) can make every malformed variant on purpose.

// A stored (uncompressed) zip file with the records in the given order (storedZipBytes); `badCrcFor`
// names one whose stored CRC is deliberately wrong.
void writeStoredZip(const std::string &path, const std::vector<std::pair<std::string, std::string>> &records,
    const std::string &badCrcFor = "");

void writeFile(const std::string &path, const std::string &data);
std::string floatBytes(const std::vector<float> &values);

// Pickle bytes, opcode by opcode.

class Pickle
{
public:
    Pickle &op(uint8_t code)
    {
        m_out.push_back(static_cast<char>(code));
        return *this;
    }
    Pickle &raw(const std::string &bytes)
    {
        m_out += bytes;
        return *this;
    }
    Pickle &proto(int version) { return op(0x80).op(static_cast<uint8_t>(version)); }
    Pickle &mark() { return op('('); }
    Pickle &str(const std::string &text)
    {
        op('X');
        putLE(m_out, text.size(), 4);
        return raw(text);
    }
    Pickle &shortStr(const std::string &text)
    {
        op(0x8c).op(static_cast<uint8_t>(text.size()));
        return raw(text);
    }
    Pickle &integer(int64_t value)
    {
        if (value >= 0 && value < 256)
            return op('K').op(static_cast<uint8_t>(value));
        if (value >= INT32_MIN && value <= INT32_MAX) {
            op('J');
            putLE(m_out, static_cast<uint64_t>(value), 4);
            return *this;
        }
        op(0x8a).op(8); // LONG1
        putLE(m_out, static_cast<uint64_t>(value), 8);
        return *this;
    }
    Pickle &real(double value)
    {
        uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        op('G');
        for (int i = 7; i >= 0; --i)
            op(static_cast<uint8_t>(bits >> (8 * i)));
        return *this;
    }
    Pickle &global(const std::string &module, const std::string &name)
    {
        op('c');
        return raw(module + "\n" + name + "\n");
    }
    Pickle &put(uint8_t index) { return op('q').op(index); }
    Pickle &get(uint8_t index) { return op('h').op(index); }
    Pickle &ints(const std::vector<int64_t> &values)
    {
        mark();
        for (const int64_t v : values)
            integer(v);
        return op('t');
    }
    // torch._utils._rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict())
    Pickle &tensor(const std::string &storageType, const std::string &key, int64_t numel, int64_t offset,
        const std::vector<int64_t> &size, const std::vector<int64_t> &stride)
    {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        mark().str("storage").global("torch", storageType).str(key).str("cpu").integer(numel).op('t').op('Q');
        integer(offset).ints(size).ints(stride).op(0x89);
        global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }
    Pickle &stop() { return op('.'); }
    const std::string &bytes() const { return m_out; }

private:
    std::string m_out;
};

// One checkpoint zip in torch.save's layout under the "archive" prefix.
void writeCheckpoint(const std::string &path, const std::string &pickle,
    const std::map<std::string, std::string> &storages, const std::string &byteorder = "little");

// {"w": tensor [2] from storage 0}: a valid minimal state_dict pickle for error-path variations.
std::string minimalPickle();

} // namespace cifarlab::test
