#pragma once

#include <QByteArray>
#include <QtEndian>

#include <cstring>
#include <type_traits>
#include <vector>

namespace cifarlab {

// Vectors of 4- or 8-byte numbers as raw little-endian bytes, the same on every host, so a store's
// blobs and a bundle's base64 fields move between machines and read back bit for bit.
template<typename T> using SameSizeUnsigned = std::conditional_t<sizeof(T) == 8, quint64, quint32>;

template<typename T> QByteArray toLittleEndianBlob(const std::vector<T> &values)
{
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    using U = SameSizeUnsigned<T>;
    QByteArray blob(static_cast<qsizetype>(values.size() * sizeof(T)), Qt::Uninitialized);
    for (size_t i = 0; i < values.size(); ++i) {
        U bits;
        std::memcpy(&bits, &values[i], sizeof(T));
        qToLittleEndian<U>(bits, blob.data() + i * sizeof(T));
    }
    return blob;
}

// False when the blob is not a whole number of values.
template<typename T> bool fromLittleEndianBlob(const QByteArray &blob, std::vector<T> &values)
{
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    using U = SameSizeUnsigned<T>;
    if (blob.size() % static_cast<qsizetype>(sizeof(T)) != 0)
        return false;
    values.resize(static_cast<size_t>(blob.size()) / sizeof(T));
    for (size_t i = 0; i < values.size(); ++i) {
        const U bits = qFromLittleEndian<U>(blob.constData() + i * sizeof(T));
        std::memcpy(&values[i], &bits, sizeof(T));
    }
    return true;
}

} // namespace cifarlab
