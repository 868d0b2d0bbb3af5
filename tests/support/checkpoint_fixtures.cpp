#include "support/checkpoint_fixtures.h"

#include <cstring>
#include <fstream>

namespace cifarlab::test {

void writeStoredZip(const std::string &path, const std::vector<std::pair<std::string, std::string>> &records,
    const std::string &badCrcFor)
{
    const std::string out = storedZipBytes(records, badCrcFor);
    std::ofstream(path, std::ios::binary).write(out.data(), static_cast<std::streamsize>(out.size()));
}

void writeFile(const std::string &path, const std::string &data)
{
    std::ofstream(path, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
}

std::string floatBytes(const std::vector<float> &values)
{
    std::string out(values.size() * sizeof(float), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

void writeCheckpoint(const std::string &path, const std::string &pickle,
    const std::map<std::string, std::string> &storages, const std::string &byteorder)
{
    std::vector<std::pair<std::string, std::string>> records {{"archive/data.pkl", pickle}};
    if (!byteorder.empty())
        records.emplace_back("archive/byteorder", byteorder);
    for (const auto &[key, data] : storages)
        records.emplace_back("archive/data/" + key, data);
    records.emplace_back("archive/version", "3\n");
    writeStoredZip(path, records);
}

std::string minimalPickle()
{
    return Pickle()
        .proto(2)
        .op('}')
        .str("w")
        .tensor("FloatStorage", "0", 2, 0, {2}, {1})
        .op('s')
        .stop()
        .bytes();
}

} // namespace cifarlab::test
