#include "core/python_checkpoint.h"

#include "core/error.h"
#include "core/memory_limit.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <quazip.h>
#include <quazipfile.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <unordered_set>

namespace cifarlab {

namespace {

// Real data.pkl files are a few hundred KB even for large models; anything far bigger is hostile.
constexpr int64_t kMaxPickleBytes = 64LL << 20;
// Checkpoints nest a handful of levels; the cap keeps recursive consumers and destructors safe.
constexpr size_t kMaxNesting = 512;
constexpr size_t kMaxDims = 64;
constexpr size_t kMaxGlobalLineBytes = 256;
constexpr qint64 kReadChunkBytes = 64LL << 20;

const char *const kRefusalSuffix = " (only tensors and plain containers are allowed)";

struct StorageTypeName
{
    const char *name; // as in torch.save's persistent ids: "torch.FloatStorage"
    at::ScalarType dtype;
};

const StorageTypeName kStorageTypes[] = {
    {"torch.FloatStorage", at::ScalarType::Float},
    {"torch.DoubleStorage", at::ScalarType::Double},
    {"torch.HalfStorage", at::ScalarType::Half},
    {"torch.BFloat16Storage", at::ScalarType::BFloat16},
    {"torch.LongStorage", at::ScalarType::Long},
    {"torch.IntStorage", at::ScalarType::Int},
    {"torch.ShortStorage", at::ScalarType::Short},
    {"torch.CharStorage", at::ScalarType::Char},
    {"torch.ByteStorage", at::ScalarType::Byte},
    {"torch.BoolStorage", at::ScalarType::Bool},
    {"torch.UntypedStorage", at::ScalarType::Byte},
    {"torch.storage.UntypedStorage", at::ScalarType::Byte},
};

const char *const kDtypeGlobals[] = {"torch.float32", "torch.float64", "torch.float16", "torch.bfloat16",
    "torch.int64", "torch.int32", "torch.int16", "torch.int8", "torch.uint8", "torch.bool"};

const char *const kCallableGlobals[] = {
    "collections.OrderedDict",
    "torch._utils._rebuild_tensor",
    "torch._utils._rebuild_tensor_v2",
    "torch._utils._rebuild_parameter",
    "torch._utils._rebuild_parameter_with_state",
    "torch.device",
    // torch::pickle_save (LibTorch) wraps containers in these; in Python they return their argument.
    "torch.jit._pickle.restore_type_tag",
    "torch.jit._pickle.build_intlist",
    "torch.jit._pickle.build_doublelist",
    "torch.jit._pickle.build_boollist",
    "torch.jit._pickle.build_tensorlist",
};

bool storageDtype(const std::string &name, at::ScalarType *dtype)
{
    for (const auto &type : kStorageTypes) {
        if (name == type.name) {
            *dtype = type.dtype;
            return true;
        }
    }
    return false;
}

const char *storageTypeFor(at::ScalarType dtype)
{
    for (const auto &type : kStorageTypes) {
        if (type.dtype == dtype)
            return type.name;
    }
    return nullptr;
}

bool isAllowedGlobal(const std::string &name)
{
    at::ScalarType unused;
    if (storageDtype(name, &unused))
        return true;
    for (const char *allowed : kDtypeGlobals) {
        if (name == allowed)
            return true;
    }
    for (const char *allowed : kCallableGlobals) {
        if (name == allowed)
            return true;
    }
    return false;
}

// Keeps error messages to one readable line whatever bytes a hostile file puts in a name.
std::string printable(const std::string &text, size_t maxLength = 120)
{
    std::string out;
    for (const char c : text.substr(0, maxLength))
        out += (c >= 0x20 && c < 0x7f) ? c : '?';
    if (text.size() > maxLength)
        out += "...";
    return out;
}

std::string firstLine(const std::string &text)
{
    return text.substr(0, text.find('\n'));
}

constexpr bool hostIsLittleEndian()
{
    return __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
}

void byteswapInPlace(void *data, int64_t count, size_t itemSize)
{
    auto *bytes = static_cast<uint8_t *>(data);
    for (int64_t i = 0; i < count; ++i)
        std::reverse(bytes + i * itemSize, bytes + (i + 1) * itemSize);
}

// The records of one torch.save zip: `<prefix>/data.pkl`, `<prefix>/data/<key>`, `<prefix>/byteorder`.
// Storages are allocated while unpickling and filled afterwards in one pass over the archive.
class CheckpointArchive
{
public:
    explicit CheckpointArchive(const std::string &path)
        : m_path(path)
    {
        const QString qpath = QString::fromStdString(path);
        const QFileInfo info(qpath);
        if (!info.exists())
            throw Error(path + ": file not found");
        if (!info.isFile())
            throw Error(path + ": not a file");
        QFile file(qpath);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(path + ": cannot open: " + file.errorString().toStdString());
        const QByteArray head = file.read(4);
        file.close();
        if (!head.startsWith("PK\x03\x04") && !head.startsWith("PK\x05\x06")) {
            if (!head.isEmpty() && static_cast<uint8_t>(head[0]) == 0x80)
                throw Error(path
                    + ": legacy (pre-1.6) torch.save format is not supported; re-save it with "
                      "torch.save in PyTorch 1.6 or newer");
            throw Error(path + ": not a PyTorch checkpoint (not a zip archive)");
        }

        m_zip.setZipName(qpath);
        if (!m_zip.open(QuaZip::mdUnzip))
            throw Error(path + ": damaged or truncated zip archive (zip error " + std::to_string(m_zip.getZipError()) + ")");
        const QList<QuaZipFileInfo64> entries = m_zip.getFileInfoList64();
        if (m_zip.getZipError() != UNZ_OK)
            throw Error(
                path + ": cannot list the zip archive (error " + std::to_string(m_zip.getZipError()) + ")");

        std::string firstPrefix;
        std::vector<std::string> prefixes;
        for (const auto &entry : entries) {
            const std::string name = entry.name.toStdString();
            m_sizes[name] = static_cast<int64_t>(std::min<quint64>(entry.uncompressedSize, INT64_MAX));
            const size_t slash = name.find('/');
            if (firstPrefix.empty() && slash != std::string::npos)
                firstPrefix = name.substr(0, slash);
            if (name == "data.pkl")
                prefixes.emplace_back();
            else if (slash != std::string::npos && name.substr(slash) == "/data.pkl")
                prefixes.push_back(name.substr(0, slash));
        }
        if (prefixes.empty())
            throw Error(path + ": not a torch.save checkpoint (the zip archive has no data.pkl)");
        // Like PyTorch, the first record's folder names the archive.
        m_prefix = std::find(prefixes.begin(), prefixes.end(), firstPrefix) != prefixes.end()
            ? firstPrefix
            : prefixes.front();

        const std::string byteorderName = recordName("byteorder");
        if (m_sizes.count(byteorderName)) {
            const std::string order = readWhole(byteorderName, 16).toStdString();
            if (order == "big")
                m_fileIsLittleEndian = false;
            else if (order != "little")
                throw Error(path + ": unknown byte order '" + printable(order) + "' in " + byteorderName);
        }
    }

    std::string recordName(const std::string &relative) const
    {
        return m_prefix.empty() ? relative : m_prefix + "/" + relative;
    }

    QByteArray readPickle() { return readWhole(recordName("data.pkl"), kMaxPickleBytes); }

    // The storage behind persistent id `key`, allocated now and filled by fillStorages().
    torch::Tensor allocateStorage(const std::string &key, at::ScalarType dtype, int64_t numel)
    {
        const std::string name = recordName("data/" + key);
        const auto size = m_sizes.find(name);
        if (size == m_sizes.end())
            throw Error(m_path + ": storage record '" + printable(name) + "' is missing");
        const auto itemSize = static_cast<int64_t>(c10::elementSize(dtype));
        if (numel > std::numeric_limits<int64_t>::max() / itemSize)
            throw Error(m_path + ": storage '" + printable(key) + "' declares an impossible size");
        const int64_t bytes = numel * itemSize;
        if (bytes > size->second)
            throw Error(m_path + ": storage '" + printable(key) + "' needs " + std::to_string(bytes)
                + " bytes but its record holds " + std::to_string(size->second));
        m_storageBytes += bytes;
        checkMemory(m_storageBytes, m_path + ": its tensors");
        torch::Tensor storage = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
        m_pending[name] = Pending {storage, bytes, false};
        return storage;
    }

    void fillStorages()
    {
        size_t remaining = 0;
        for (const auto &item : m_pending)
            remaining += item.second.bytes > 0 ? 1 : 0;
        for (bool more = m_zip.goToFirstFile(); more && remaining > 0; more = m_zip.goToNextFile()) {
            const auto it = m_pending.find(m_zip.getCurrentFileName().toStdString());
            if (it == m_pending.end() || it->second.filled || it->second.bytes == 0)
                continue;
            Pending &pending = it->second;
            readCurrent(it->first, pending.storage.data_ptr(), pending.bytes);
            const size_t itemSize = pending.storage.element_size();
            if (m_fileIsLittleEndian != hostIsLittleEndian() && itemSize > 1)
                byteswapInPlace(pending.storage.data_ptr(), pending.storage.numel(), itemSize);
            pending.filled = true;
            --remaining;
        }
        if (remaining > 0)
            throw Error(m_path + ": could not read every storage record (zip error "
                + std::to_string(m_zip.getZipError()) + ")");
    }

private:
    struct Pending
    {
        torch::Tensor storage;
        int64_t bytes = 0;
        bool filled = false;
    };

    QByteArray readWhole(const std::string &name, int64_t maxBytes)
    {
        const auto size = m_sizes.find(name);
        if (size == m_sizes.end())
            throw Error(m_path + ": record '" + name + "' is missing");
        if (size->second > maxBytes)
            throw Error(
                m_path + ": record '" + name + "' is too large (" + std::to_string(size->second) + " bytes)");
        if (!m_zip.setCurrentFile(QString::fromStdString(name), QuaZip::csSensitive))
            throw Error(m_path + ": cannot find record '" + name + "'");
        QByteArray data(static_cast<qsizetype>(size->second), Qt::Uninitialized);
        readCurrent(name, data.data(), size->second);
        return data;
    }

    void readCurrent(const std::string &name, void *destination, int64_t bytes)
    {
        QuaZipFile file(&m_zip);
        if (!file.open(QIODevice::ReadOnly))
            throw Error(m_path + ": cannot open record '" + name + "' (zip error "
                + std::to_string(file.getZipError()) + ")");
        auto *out = static_cast<char *>(destination);
        int64_t done = 0;
        while (done < bytes) {
            const qint64 got = file.read(out + done, std::min<int64_t>(bytes - done, kReadChunkBytes));
            if (got <= 0)
                break;
            done += got;
        }
        const bool atEnd = file.atEnd();
        file.close();
        if (done < bytes)
            throw Error(m_path + ": record '" + name + "' is truncated (" + std::to_string(done) + " of "
                + std::to_string(bytes) + " bytes)");
        if (atEnd && file.getZipError() != UNZ_OK)
            throw Error(m_path + ": record '" + name + "' is corrupt (zip error "
                + std::to_string(file.getZipError()) + ")");
    }

    std::string m_path;
    QuaZip m_zip;
    std::string m_prefix;
    bool m_fileIsLittleEndian = true;
    std::unordered_map<std::string, int64_t> m_sizes;
    std::unordered_map<std::string, Pending> m_pending;
    int64_t m_storageBytes = 0; // all storages so far, against the memory limit
};

} // namespace

// ---------------------------------------------------------------------------------------------------
// PyValue

PyValue PyValue::boolean(bool value)
{
    PyValue v;
    v.m_kind = Kind::Bool;
    v.m_int = value ? 1 : 0;
    return v;
}

PyValue PyValue::integer(int64_t value)
{
    PyValue v;
    v.m_kind = Kind::Int;
    v.m_int = value;
    return v;
}

PyValue PyValue::real(double value)
{
    PyValue v;
    v.m_kind = Kind::Float;
    v.m_float = value;
    return v;
}

PyValue PyValue::string(std::string value)
{
    PyValue v;
    v.m_kind = Kind::String;
    v.m_str = std::move(value);
    return v;
}

PyValue PyValue::bytes(std::string value)
{
    PyValue v;
    v.m_kind = Kind::Bytes;
    v.m_str = std::move(value);
    return v;
}

PyValue PyValue::tensor(torch::Tensor value)
{
    PyValue v;
    v.m_kind = Kind::Tensor;
    v.m_tensor = std::move(value);
    return v;
}

PyValue PyValue::storage(torch::Tensor value)
{
    PyValue v;
    v.m_kind = Kind::Storage;
    v.m_tensor = std::move(value);
    return v;
}

PyValue PyValue::global(std::string dottedName)
{
    PyValue v;
    v.m_kind = Kind::Global;
    v.m_str = std::move(dottedName);
    return v;
}

PyValue PyValue::container(Kind kind)
{
    PyValue v;
    v.m_kind = kind;
    v.m_container = std::make_shared<Container>();
    return v;
}

PyValue PyValue::list(Items items)
{
    PyValue v = container(Kind::List);
    v.m_container->items = std::move(items);
    return v;
}

PyValue PyValue::tuple(Items items)
{
    PyValue v = container(Kind::Tuple);
    v.m_container->items = std::move(items);
    return v;
}

PyValue PyValue::dict()
{
    return container(Kind::Dict);
}

const char *PyValue::typeName() const
{
    switch (m_kind) {
    case Kind::None:
        return "NoneType";
    case Kind::Bool:
        return "bool";
    case Kind::Int:
        return "int";
    case Kind::Float:
        return "float";
    case Kind::String:
        return "str";
    case Kind::Bytes:
        return "bytes";
    case Kind::Tensor:
        return "Tensor";
    case Kind::Storage:
        return "Storage";
    case Kind::Global:
        return "global";
    case Kind::List:
        return "list";
    case Kind::Tuple:
        return "tuple";
    case Kind::Dict:
        return "dict";
    }
    return "unknown";
}

namespace {
[[noreturn]] void wrongKind(const char *expected, const PyValue &value)
{
    throw Error(std::string("checkpoint value: expected ") + expected + ", got " + value.typeName());
}
} // namespace

bool PyValue::toBool() const
{
    if (m_kind != Kind::Bool)
        wrongKind("bool", *this);
    return m_int != 0;
}

int64_t PyValue::toInt() const
{
    if (m_kind != Kind::Int && m_kind != Kind::Bool)
        wrongKind("int", *this);
    return m_int;
}

double PyValue::toDouble() const
{
    if (m_kind == Kind::Float)
        return m_float;
    if (m_kind == Kind::Int || m_kind == Kind::Bool)
        return static_cast<double>(m_int);
    wrongKind("float", *this);
}

const std::string &PyValue::toStr() const
{
    if (m_kind != Kind::String && m_kind != Kind::Bytes && m_kind != Kind::Global && m_kind != Kind::Storage)
        wrongKind("str", *this);
    return m_str;
}

const torch::Tensor &PyValue::toTensor() const
{
    if (m_kind != Kind::Tensor && m_kind != Kind::Storage)
        wrongKind("Tensor", *this);
    return m_tensor;
}

const PyValue::Items &PyValue::items() const
{
    if (m_kind != Kind::List && m_kind != Kind::Tuple)
        wrongKind("list or tuple", *this);
    return m_container->items;
}

const PyValue::DictItems &PyValue::dictItems() const
{
    if (m_kind != Kind::Dict)
        wrongKind("dict", *this);
    return m_container->dictItems;
}

size_t PyValue::size() const
{
    if (m_kind == Kind::Dict)
        return m_container->dictItems.size();
    return items().size();
}

const PyValue *PyValue::find(const std::string &key) const
{
    if (m_kind != Kind::Dict)
        return nullptr;
    const auto it = m_container->index.find("s" + key);
    return it == m_container->index.end() ? nullptr : &m_container->dictItems[it->second].second;
}

void PyValue::append(PyValue value)
{
    if (m_kind != Kind::List)
        wrongKind("list", *this);
    m_container->items.push_back(std::move(value));
}

std::string PyValue::hashKey() const
{
    switch (m_kind) {
    case Kind::None:
        return "n";
    case Kind::Bool:
    case Kind::Int:
        return "i" + std::to_string(m_int);
    case Kind::Float: {
        // Python: 1.0 == 1 == True hash alike.
        if (std::isfinite(m_float) && m_float == std::trunc(m_float) && std::fabs(m_float) < 9.0e18)
            return "i" + std::to_string(static_cast<int64_t>(m_float));
        uint64_t bits = 0;
        std::memcpy(&bits, &m_float, sizeof bits);
        return "f" + std::to_string(bits);
    }
    case Kind::String:
        return "s" + m_str;
    case Kind::Bytes:
        return "b" + m_str;
    case Kind::Global:
        return "g" + m_str;
    case Kind::Tuple: {
        std::string key = "t" + std::to_string(m_container->items.size());
        for (const auto &item : m_container->items) {
            if (item.m_container)
                throw Error(std::string("checkpoint value: unsupported dict key (a tuple holding a ")
                    + item.typeName() + ")");
            const std::string part = item.hashKey();
            key += ":" + std::to_string(part.size()) + ":" + part;
        }
        return key;
    }
    case Kind::Tensor:
    case Kind::Storage:
    case Kind::List:
    case Kind::Dict:
        break;
    }
    throw Error(std::string("checkpoint value: unsupported dict key of type ") + typeName());
}

void PyValue::setItem(PyValue key, PyValue value)
{
    if (m_kind != Kind::Dict)
        wrongKind("dict", *this);
    auto [it, inserted] = m_container->index.emplace(key.hashKey(), m_container->dictItems.size());
    if (inserted)
        m_container->dictItems.emplace_back(std::move(key), std::move(value));
    else
        m_container->dictItems[it->second].second = std::move(value);
}

// ---------------------------------------------------------------------------------------------------
// The restricted unpickler

namespace detail {

// Runs pickle opcodes (protocols 2-5, the subset torch.save and torch::pickle_save emit) without
// importing or calling anything: globals are names checked against a whitelist, and the few callable
// ones are implemented here.
class PickleMachine
{
public:
    using StorageAllocator
        = std::function<torch::Tensor(const std::string &key, at::ScalarType, int64_t numel)>;

    PickleMachine(std::string label, const char *data, size_t size, StorageAllocator allocator)
        : m_label(std::move(label))
        , m_data(reinterpret_cast<const uint8_t *>(data))
        , m_size(size)
        , m_allocator(std::move(allocator))
    { }

    ~PickleMachine()
    {
        // The stack and memo may hold cyclic or very deep structures, on success too (a memoized
        // list holding itself beside the result): cut every container loose that the result does
        // not hold, so that nothing is leaked and nothing is destroyed recursively.
        for (const auto &container : m_containers) {
            if (m_resultContainers.count(container.get()))
                continue;
            container->items.clear();
            container->dictItems.clear();
            container->index.clear();
        }
    }

    PickleMachine(const PickleMachine &) = delete;
    PickleMachine &operator=(const PickleMachine &) = delete;

    PyValue run()
    {
        for (;;) {
            m_opPos = m_pos;
            const uint8_t op = readU8();
            switch (op) {
            case 0x80: { // PROTO
                const int protocol = readU8();
                if (protocol > 5)
                    fail("unsupported pickle protocol " + std::to_string(protocol));
                break;
            }
            case 0x95: // FRAME: framing only groups opcodes; the data is already in memory
                if (readU64() > m_size - m_pos)
                    fail("frame is longer than the data");
                break;
            case '.': { // STOP
                PyValue result = pop();
                checkStructure(result);
                return result;
            }
            case '(': // MARK
                m_marks.push_back(m_stack.size());
                break;
            case '}': // EMPTY_DICT
                push(makeContainer(PyValue::Kind::Dict));
                break;
            case ']': // EMPTY_LIST
                push(makeContainer(PyValue::Kind::List));
                break;
            case ')': // EMPTY_TUPLE
                push(makeTuple({}));
                break;
            case 't': // TUPLE
                push(makeTuple(popMark()));
                break;
            case 0x85: // TUPLE1
            case 0x86: // TUPLE2
            case 0x87: { // TUPLE3
                PyValue::Items items(op - 0x84);
                for (size_t i = items.size(); i-- > 0;)
                    items[i] = pop();
                push(makeTuple(std::move(items)));
                break;
            }
            case 'd': { // DICT
                PyValue::Items items = popMark();
                PyValue dict = makeContainer(PyValue::Kind::Dict);
                setItems(dict, items);
                push(dict);
                break;
            }
            case 'l': { // LIST
                PyValue list = makeContainer(PyValue::Kind::List);
                list.m_container->items = popMark();
                push(list);
                break;
            }
            case 'a': { // APPEND
                PyValue value = pop();
                PyValue &list = top();
                requireKind(list, PyValue::Kind::List, "APPEND");
                list.m_container->items.push_back(std::move(value));
                break;
            }
            case 'e': { // APPENDS
                PyValue::Items items = popMark();
                PyValue &list = top();
                requireKind(list, PyValue::Kind::List, "APPENDS");
                auto &target = list.m_container->items;
                target.insert(target.end(), std::make_move_iterator(items.begin()),
                    std::make_move_iterator(items.end()));
                break;
            }
            case 's': { // SETITEM
                PyValue value = pop();
                PyValue key = pop();
                PyValue &dict = top();
                setItems(dict, {std::move(key), std::move(value)});
                break;
            }
            case 'u': { // SETITEMS
                PyValue::Items items = popMark();
                setItems(top(), items);
                break;
            }
            case 'q': // BINPUT
                memoPut(readU8());
                break;
            case 'r': // LONG_BINPUT
                memoPut(readU32());
                break;
            case 0x94: // MEMOIZE
                memoPut(static_cast<uint32_t>(m_memo.size()));
                break;
            case 'h': // BINGET
                memoGet(readU8());
                break;
            case 'j': // LONG_BINGET
                memoGet(readU32());
                break;
            case 'J': // BININT
                push(PyValue::integer(static_cast<int32_t>(readU32())));
                break;
            case 'K': // BININT1
                push(PyValue::integer(readU8()));
                break;
            case 'M': // BININT2
                push(PyValue::integer(readU16()));
                break;
            case 0x8a: { // LONG1
                const size_t length = readU8();
                push(PyValue::integer(decodeLong(take(length), length)));
                break;
            }
            case 0x8b: { // LONG4
                const size_t length = readU32();
                push(PyValue::integer(decodeLong(take(length), length)));
                break;
            }
            case 'G': { // BINFLOAT: big-endian IEEE 754
                const uint8_t *p = take(8);
                uint64_t bits = 0;
                for (int i = 0; i < 8; ++i)
                    bits = (bits << 8) | p[i];
                double value = 0.0;
                std::memcpy(&value, &bits, sizeof value);
                push(PyValue::real(value));
                break;
            }
            case 'N': // NONE
                push(PyValue());
                break;
            case 0x88: // NEWTRUE
                push(PyValue::boolean(true));
                break;
            case 0x89: // NEWFALSE
                push(PyValue::boolean(false));
                break;
            case 'X': // BINUNICODE
                push(PyValue::string(readString(readU32())));
                break;
            case 0x8c: // SHORT_BINUNICODE
                push(PyValue::string(readString(readU8())));
                break;
            case 0x8d: // BINUNICODE8
                push(PyValue::string(readString(readU64())));
                break;
            case 'B': // BINBYTES
                push(PyValue::bytes(readString(readU32())));
                break;
            case 'C': // SHORT_BINBYTES
                push(PyValue::bytes(readString(readU8())));
                break;
            case 0x8e: // BINBYTES8
                push(PyValue::bytes(readString(readU64())));
                break;
            case 'c': { // GLOBAL
                const std::string module = readLine();
                const std::string name = readLine();
                push(resolveGlobal(module + "." + name));
                break;
            }
            case 0x93: { // STACK_GLOBAL
                PyValue name = pop();
                PyValue module = pop();
                if (module.kind() != PyValue::Kind::String || name.kind() != PyValue::Kind::String)
                    fail("STACK_GLOBAL needs two strings");
                push(resolveGlobal(module.m_str + "." + name.m_str));
                break;
            }
            case 'R': { // REDUCE
                PyValue args = pop();
                PyValue callable = pop();
                push(call(callable, args));
                break;
            }
            case 0x81: { // NEWOBJ
                PyValue args = pop();
                PyValue cls = pop();
                if (args.kind() != PyValue::Kind::Tuple)
                    fail(std::string("NEWOBJ arguments are a ") + args.typeName() + ", not a tuple");
                if (cls.kind() != PyValue::Kind::Global || cls.m_str != "collections.OrderedDict"
                    || !args.m_container->items.empty())
                    fail(std::string("NEWOBJ of a ") + cls.typeName() + " '" + printable(cls.m_str)
                        + "' is not allowed");
                push(makeContainer(PyValue::Kind::Dict));
                break;
            }
            case 'b': { // BUILD
                PyValue state = pop();
                build(top(), state);
                break;
            }
            case 'Q': { // BINPERSID
                PyValue pid = pop();
                push(persistentLoad(pid));
                break;
            }
            case '0': // POP
                if (m_stack.size() > markBase())
                    m_stack.pop_back();
                else
                    popMark();
                break;
            case '1': // POP_MARK
                popMark();
                break;
            case '2': // DUP
                push(top());
                break;
            default: {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02x", op);
                fail(std::string("unsupported pickle opcode ") + hex);
            }
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string &what) const
    {
        throw Error(m_label + ": malformed pickle data: " + what + " (data.pkl byte "
            + std::to_string(m_opPos) + ")");
    }

    // --- input

    const uint8_t *take(uint64_t count)
    {
        if (count > m_size - m_pos)
            throw Error(
                m_label + ": pickle data is truncated (data.pkl byte " + std::to_string(m_opPos) + ")");
        const uint8_t *p = m_data + m_pos;
        m_pos += static_cast<size_t>(count);
        return p;
    }

    uint8_t readU8() { return *take(1); }
    uint16_t readU16()
    {
        const uint8_t *p = take(2);
        return static_cast<uint16_t>(p[0] | (p[1] << 8));
    }
    uint32_t readU32()
    {
        const uint8_t *p = take(4);
        return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8)
            | (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
    }
    uint64_t readU64()
    {
        const uint8_t *p = take(8);
        uint64_t value = 0;
        for (int i = 7; i >= 0; --i)
            value = (value << 8) | p[i];
        return value;
    }

    std::string readString(uint64_t length)
    {
        const uint8_t *p = take(length);
        return std::string(reinterpret_cast<const char *>(p), static_cast<size_t>(length));
    }

    std::string readLine()
    {
        const size_t limit = std::min(m_size - m_pos, kMaxGlobalLineBytes);
        const auto *begin = reinterpret_cast<const char *>(m_data + m_pos);
        const auto *newline = static_cast<const char *>(std::memchr(begin, '\n', limit));
        if (!newline) {
            if (limit == kMaxGlobalLineBytes)
                fail("GLOBAL name is too long");
            take(m_size - m_pos + 1); // reports truncation
        }
        std::string line(begin, newline);
        m_pos += line.size() + 1;
        return line;
    }

    int64_t decodeLong(const uint8_t *bytes, size_t length)
    {
        if (length == 0)
            return 0;
        if (length > 8)
            fail("integer does not fit in 64 bits");
        uint64_t value = 0;
        for (size_t i = length; i-- > 0;)
            value = (value << 8) | bytes[i];
        if (length < 8 && (bytes[length - 1] & 0x80))
            value |= ~uint64_t(0) << (8 * length);
        return static_cast<int64_t>(value);
    }

    // --- stack, marks, memo

    size_t markBase() const { return m_marks.empty() ? 0 : m_marks.back(); }

    void push(PyValue value) { m_stack.push_back(std::move(value)); }

    PyValue pop()
    {
        if (m_stack.size() <= markBase())
            fail("stack underflow");
        PyValue value = std::move(m_stack.back());
        m_stack.pop_back();
        return value;
    }

    PyValue &top()
    {
        if (m_stack.size() <= markBase())
            fail("stack underflow");
        return m_stack.back();
    }

    PyValue::Items popMark()
    {
        if (m_marks.empty())
            fail("MARK missing");
        const size_t mark = m_marks.back();
        m_marks.pop_back();
        PyValue::Items items(std::make_move_iterator(m_stack.begin() + static_cast<std::ptrdiff_t>(mark)),
            std::make_move_iterator(m_stack.end()));
        m_stack.resize(mark);
        return items;
    }

    void memoPut(uint32_t index) { m_memo[index] = top(); }

    void memoGet(uint32_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("memo index " + std::to_string(index) + " out of range");
        push(it->second);
    }

    // --- values

    PyValue makeContainer(PyValue::Kind kind)
    {
        PyValue value = PyValue::container(kind);
        m_containers.push_back(value.m_container);
        return value;
    }

    PyValue makeTuple(PyValue::Items items)
    {
        PyValue value = makeContainer(PyValue::Kind::Tuple);
        value.m_container->items = std::move(items);
        return value;
    }

    void requireKind(const PyValue &value, PyValue::Kind kind, const char *op)
    {
        if (value.kind() != kind)
            fail(std::string(op) + " on a " + value.typeName());
    }

    void setItems(PyValue &dict, const PyValue::Items &items)
    {
        requireKind(dict, PyValue::Kind::Dict, "SETITEM");
        if (items.size() % 2 != 0)
            fail("odd number of items for a dict");
        for (size_t i = 0; i < items.size(); i += 2) {
            try {
                dict.setItem(items[i], items[i + 1]);
            } catch (const Error &e) {
                fail(e.what());
            }
        }
    }

    PyValue resolveGlobal(const std::string &name)
    {
        if (!isAllowedGlobal(name))
            throw Error(m_label + ": refuses to load global '" + printable(name) + "'" + kRefusalSuffix);
        return PyValue::global(name);
    }

    int64_t intArg(const PyValue &value, const char *what)
    {
        if (value.kind() != PyValue::Kind::Int)
            fail(std::string(what) + " is a " + value.typeName() + ", not an int");
        return value.m_int;
    }

    bool boolArg(const PyValue &value, const char *what)
    {
        if (value.kind() != PyValue::Kind::Bool && value.kind() != PyValue::Kind::Int)
            fail(std::string(what) + " is a " + value.typeName() + ", not a bool");
        return value.m_int != 0;
    }

    std::vector<int64_t> intTuple(const PyValue &value, const char *what)
    {
        if (value.kind() != PyValue::Kind::Tuple && value.kind() != PyValue::Kind::List)
            fail(std::string("tensor ") + what + " is a " + value.typeName() + ", not a tuple");
        const auto &items = value.m_container->items;
        if (items.size() > kMaxDims)
            fail(std::string("tensor ") + what + " has " + std::to_string(items.size()) + " dimensions");
        std::vector<int64_t> out;
        for (const auto &item : items) {
            const int64_t v = intArg(item, what);
            if (v < 0)
                fail(std::string("tensor ") + what + " " + std::to_string(v) + " is negative");
            out.push_back(v);
        }
        return out;
    }

    torch::Tensor rebuildTensor(const PyValue &storage, const PyValue &offsetValue, const PyValue &sizeValue,
        const PyValue &strideValue)
    {
        if (storage.kind() != PyValue::Kind::Storage)
            fail(std::string("tensor storage is a ") + storage.typeName());
        const int64_t offset = intArg(offsetValue, "tensor storage offset");
        if (offset < 0)
            fail("negative tensor storage offset");
        const std::vector<int64_t> sizes = intTuple(sizeValue, "size");
        const std::vector<int64_t> strides = intTuple(strideValue, "stride");
        if (sizes.size() != strides.size())
            fail("tensor size and stride have different lengths");

        const torch::Tensor &base = storage.m_tensor;
        const int64_t available = base.numel();
        const bool empty = std::any_of(sizes.begin(), sizes.end(), [](int64_t s) { return s == 0; });
        int64_t last = offset; // index of the last element the view touches
        bool overflow = false;
        if (!empty) {
            for (size_t i = 0; i < sizes.size(); ++i) {
                int64_t extent = 0;
                overflow |= __builtin_mul_overflow(sizes[i] - 1, strides[i], &extent);
                overflow |= __builtin_add_overflow(last, extent, &last);
            }
        }
        if (overflow || (empty ? offset > available : last >= available))
            fail("tensor of size " + formatShape(sizes) + " at offset " + std::to_string(offset)
                + " does not fit storage '" + printable(storage.m_str) + "' of " + std::to_string(available)
                + " elements");
        return base.as_strided(sizes, strides, offset);
    }

    void setRequiresGrad(torch::Tensor &tensor, bool requiresGrad)
    {
        if (requiresGrad && tensor.is_floating_point())
            tensor.set_requires_grad(true);
    }

    PyValue call(const PyValue &callable, const PyValue &args)
    {
        if (callable.kind() != PyValue::Kind::Global)
            fail(std::string("REDUCE on a ") + callable.typeName());
        if (args.kind() != PyValue::Kind::Tuple)
            fail(std::string("REDUCE arguments are a ") + args.typeName() + ", not a tuple");
        const std::string &name = callable.m_str;
        const auto &a = args.m_container->items;
        auto arity = [&](size_t low, size_t high) {
            if (a.size() < low || a.size() > high)
                fail("'" + name + "' called with " + std::to_string(a.size()) + " arguments");
        };

        if (name == "collections.OrderedDict") {
            arity(0, 0);
            return makeContainer(PyValue::Kind::Dict);
        }
        if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
            const bool v2 = name == "torch._utils._rebuild_tensor_v2";
            if (v2)
                arity(6, 7); // (storage, offset, size, stride, requires_grad, backward_hooks[, metadata])
            else
                arity(4, 4);
            torch::Tensor tensor = rebuildTensor(a[0], a[1], a[2], a[3]);
            if (v2) {
                setRequiresGrad(tensor, boolArg(a[4], "requires_grad"));
                if (!a[5].isDict())
                    fail(std::string("tensor backward hooks are a ") + a[5].typeName() + ", not a dict");
            }
            return PyValue::tensor(tensor);
        }
        if (name == "torch._utils._rebuild_parameter"
            || name == "torch._utils._rebuild_parameter_with_state") {
            const size_t count = name == "torch._utils._rebuild_parameter" ? 3 : 4;
            arity(count, count);
            if (!a[0].isTensor())
                fail(std::string("parameter data is a ") + a[0].typeName() + ", not a tensor");
            torch::Tensor tensor = a[0].m_tensor;
            setRequiresGrad(tensor, boolArg(a[1], "requires_grad"));
            return PyValue::tensor(tensor);
        }
        if (name == "torch.device") {
            arity(1, 2);
            if (a[0].kind() != PyValue::Kind::String)
                fail("torch.device needs a string");
            std::string device = a[0].m_str;
            if (a.size() == 2 && !a[1].isNone())
                device += ":" + std::to_string(intArg(a[1], "device index"));
            return PyValue::string(device);
        }
        if (name == "torch.jit._pickle.restore_type_tag") {
            arity(2, 2);
            return a[0];
        }
        if (name.rfind("torch.jit._pickle.build_", 0) == 0) {
            arity(1, 1);
            if (a[0].kind() != PyValue::Kind::List)
                fail("'" + name + "' needs a list");
            return a[0];
        }
        fail("'" + name + "' cannot be called");
    }

    void build(PyValue &object, const PyValue &state)
    {
        // An OrderedDict's state is its attributes (state_dict's _metadata): not needed here.
        if (object.kind() == PyValue::Kind::Dict)
            return;
        if (object.kind() == PyValue::Kind::Tensor
            && (state.isNone()
                || (state.kind() == PyValue::Kind::Dict && state.m_container->dictItems.empty())))
            return;
        fail(std::string("BUILD on a ") + object.typeName() + " is not allowed");
    }

    PyValue persistentLoad(const PyValue &pid)
    {
        // ('storage', storage_type, key, location, numel)
        if (pid.kind() != PyValue::Kind::Tuple || pid.m_container->items.size() != 5)
            fail("unsupported persistent id");
        const auto &p = pid.m_container->items;
        if (p[0].kind() != PyValue::Kind::String || p[0].m_str != "storage")
            fail("unsupported persistent id");
        at::ScalarType dtype = at::ScalarType::Float;
        if (p[1].kind() != PyValue::Kind::Global || !storageDtype(p[1].m_str, &dtype))
            fail("persistent id names no storage type");
        if (p[2].kind() != PyValue::Kind::String || p[2].m_str.empty() || p[2].m_str.size() > 64
            || !std::all_of(p[2].m_str.begin(), p[2].m_str.end(),
                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
            fail("bad storage key '" + printable(p[2].m_str) + "'");
        if (p[3].kind() != PyValue::Kind::String)
            fail("storage location is a " + std::string(p[3].typeName()));
        const int64_t numel = intArg(p[4], "storage size");
        if (numel < 0)
            fail("negative storage size");

        const std::string &key = p[2].m_str;
        const auto cached = m_storages.find(key);
        if (cached != m_storages.end()) {
            const torch::Tensor &storage = cached->second.m_tensor;
            if (storage.scalar_type() != dtype || storage.numel() != numel)
                fail("storage '" + key + "' is declared twice with different types or sizes");
            return cached->second;
        }
        PyValue storage = PyValue::storage(m_allocator(key, dtype, numel));
        storage.m_str = key;
        m_storages.emplace(key, storage);
        return storage;
    }

    // Rejects self-containing and absurdly deep structures; iterative so hostile input cannot
    // exhaust the C++ stack.
    void checkStructure(const PyValue &root)
    {
        if (!root.m_container)
            return;
        using Container = PyValue::Container;
        std::unordered_map<const Container *, size_t> depth; // 0 while on the current path
        struct Frame
        {
            const Container *node;
            size_t next;
            size_t deepest;
        };
        std::vector<Frame> path {{root.m_container.get(), 0, 0}};
        depth[root.m_container.get()] = 0;
        while (!path.empty()) {
            Frame &frame = path.back();
            const Container *node = frame.node;
            const size_t childCount = node->items.size() + 2 * node->dictItems.size();
            if (frame.next < childCount) {
                const size_t i = frame.next++;
                const PyValue &child = i < node->items.size()
                    ? node->items[i]
                    : ((i - node->items.size()) % 2 == 0
                            ? node->dictItems[(i - node->items.size()) / 2].first
                            : node->dictItems[(i - node->items.size()) / 2].second);
                if (!child.m_container)
                    continue;
                const auto it = depth.find(child.m_container.get());
                if (it == depth.end()) {
                    if (path.size() >= kMaxNesting)
                        fail("containers nested more than " + std::to_string(kMaxNesting) + " deep");
                    depth[child.m_container.get()] = 0;
                    path.push_back({child.m_container.get(), 0, 0});
                } else if (it->second == 0) {
                    fail("a container contains itself");
                } else {
                    frame.deepest = std::max(frame.deepest, it->second);
                }
                continue;
            }
            const size_t d = frame.deepest + 1;
            depth[node] = d;
            path.pop_back();
            if (!path.empty())
                path.back().deepest = std::max(path.back().deepest, d);
        }
        for (const auto &visited : depth)
            m_resultContainers.insert(visited.first);
    }

    std::string m_label;
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
    size_t m_opPos = 0;
    StorageAllocator m_allocator;
    std::vector<PyValue> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint32_t, PyValue> m_memo;
    std::unordered_map<std::string, PyValue> m_storages;
    std::vector<std::shared_ptr<PyValue::Container>> m_containers;
    std::unordered_set<const PyValue::Container *> m_resultContainers; // reachable from the result
};

} // namespace detail

// ---------------------------------------------------------------------------------------------------
// Loading

PyValue loadPythonCheckpoint(const std::string &path)
{
    try {
        CheckpointArchive archive(path);
        const QByteArray pickle = archive.readPickle();
        detail::PickleMachine machine(path, pickle.constData(), static_cast<size_t>(pickle.size()),
            [&archive](const std::string &key, at::ScalarType dtype, int64_t numel) {
                return archive.allocateStorage(key, dtype, numel);
            });
        PyValue result = machine.run();
        archive.fillStorages();
        return result;
    } catch (const Error &) {
        throw;
    } catch (const c10::Error &e) {
        throw Error(path + ": " + firstLine(e.what_without_backtrace()));
    } catch (const std::bad_alloc &) {
        throw Error(path + ": not enough memory to load the checkpoint");
    }
}

StateDict loadPythonStateDict(const std::string &path)
{
    const PyValue root = loadPythonCheckpoint(path);
    if (!root.isDict())
        throw Error(path + ": holds a " + root.typeName() + ", not a state_dict");

    const PyValue *source = &root;
    std::string where = "state_dict";
    for (const char *wrapper : {"model_state_dict", "state_dict", "model"}) {
        const PyValue *inner = root.find(wrapper);
        if (inner && inner->isDict()) {
            source = inner;
            where = std::string("'") + wrapper + "'";
            break;
        }
    }

    StateDict sd;
    for (const auto &[key, value] : source->dictItems()) {
        if (key.kind() != PyValue::Kind::String)
            throw Error(path + ": " + where + " has a key of type " + key.typeName() + "; expected names");
        if (!value.isTensor())
            throw Error(path + ": " + where + " entry '" + printable(key.toStr()) + "' is a "
                + value.typeName() + ", not a tensor");
        sd.entries.emplace_back(key.toStr(), value.toTensor());
    }
    return sd;
}

// ---------------------------------------------------------------------------------------------------
// Saving

namespace {

// Emits the protocol-2 opcodes Python's pickle module would for a dict of tensors saved by torch.save.
class PickleWriter
{
public:
    void op(uint8_t code) { m_out.push_back(static_cast<char>(code)); }

    void integer(int64_t value)
    {
        if (value >= 0 && value <= 0xff) {
            op('K');
            op(static_cast<uint8_t>(value));
        } else if (value >= 0 && value <= 0xffff) {
            op('M');
            littleEndian(static_cast<uint64_t>(value), 2);
        } else if (value >= std::numeric_limits<int32_t>::min()
            && value <= std::numeric_limits<int32_t>::max()) {
            op('J');
            littleEndian(static_cast<uint64_t>(value), 4);
        } else {
            op(0x8a); // LONG1, 8-byte two's complement
            op(8);
            littleEndian(static_cast<uint64_t>(value), 8);
        }
    }

    void unicode(const std::string &text)
    {
        op('X');
        littleEndian(text.size(), 4);
        m_out += text;
    }

    void global(const std::string &module, const std::string &name)
    {
        op('c');
        m_out += module + "\n" + name + "\n";
    }

    void intTuple(at::IntArrayRef values)
    {
        if (values.empty()) {
            op(')');
            return;
        }
        op('(');
        for (const int64_t v : values)
            integer(v);
        op('t');
    }

    const std::string &bytes() const { return m_out; }

private:
    void littleEndian(uint64_t value, int count)
    {
        for (int i = 0; i < count; ++i)
            op(static_cast<uint8_t>(value >> (8 * i)));
    }

    std::string m_out;
};

struct SavedStorage
{
    std::string key;
    const void *data;
    size_t bytes;
};

} // namespace

void savePythonStateDict(const std::string &path, const StateDict &sd)
{
    try {
        PickleWriter pickle;
        pickle.op(0x80); // PROTO 2, torch.save's default
        pickle.op(2);
        pickle.op('}');
        if (!sd.entries.empty())
            pickle.op('(');

        // Tensors that share a storage (tied weights) share it in the file too, as with torch.save.
        std::unordered_map<const c10::StorageImpl *, size_t> storageIndex;
        std::vector<SavedStorage> storages;
        std::vector<torch::Tensor> keepAlive;
        std::unordered_set<std::string> names;
        for (const auto &[name, original] : sd.entries) {
            if (!names.insert(name).second)
                throw Error(path + ": state_dict key '" + name + "' appears twice");
            if (!original.defined())
                throw Error(path + ": state_dict entry '" + name + "' holds no tensor");
            if (original.layout() != torch::kStrided || original.is_quantized())
                throw Error(path + ": state_dict entry '" + name + "' is not a dense tensor");
            torch::Tensor tensor = original.detach().to(torch::kCPU);
            const char *storageType = storageTypeFor(tensor.scalar_type());
            if (!storageType)
                throw Error(path + ": state_dict entry '" + name + "' has unsupported dtype "
                    + std::string(c10::toString(tensor.scalar_type())));
            const size_t itemSize = tensor.element_size();
            const c10::StorageImpl *impl = tensor.storage().unsafeGetStorageImpl();
            auto found = storageIndex.find(impl);
            if (tensor.storage().nbytes() % itemSize != 0
                || (found != storageIndex.end()
                    && keepAlive[found->second].scalar_type() != tensor.scalar_type())) {
                tensor = tensor.clone(); // the storage cannot be shared as this dtype: give it its own
                impl = tensor.storage().unsafeGetStorageImpl();
                found = storageIndex.end();
            }
            if (found == storageIndex.end()) {
                found = storageIndex.emplace(impl, storages.size()).first;
                storages.push_back(
                    {std::to_string(storages.size()), tensor.storage().data(), tensor.storage().nbytes()});
                keepAlive.push_back(tensor);
            }
            const SavedStorage &storage = storages[found->second];

            pickle.unicode(name);
            pickle.global("torch._utils", "_rebuild_tensor_v2");
            pickle.op('(');
            pickle.op('(');
            pickle.unicode("storage");
            const std::string type = storageType;
            pickle.global("torch", type.substr(type.find('.') + 1));
            pickle.unicode(storage.key);
            pickle.unicode("cpu");
            pickle.integer(static_cast<int64_t>(storage.bytes / itemSize));
            pickle.op('t');
            pickle.op('Q'); // BINPERSID
            pickle.integer(tensor.storage_offset());
            pickle.intTuple(tensor.sizes());
            pickle.intTuple(tensor.strides());
            pickle.op(0x89); // requires_grad=False, as in a state_dict
            pickle.global("collections", "OrderedDict");
            pickle.op(')');
            pickle.op('R');
            pickle.op('t');
            pickle.op('R');
        }
        if (!sd.entries.empty())
            pickle.op('u');
        pickle.op('.');

        QSaveFile file(QString::fromStdString(path));
        if (!file.open(QIODevice::WriteOnly))
            throw Error(path + ": cannot write: " + file.errorString().toStdString());
        bool writeFailed = false;
        {
            // The writer must never see a failed write: it would throw, and again from its destructor.
            caffe2::serialize::PyTorchStreamWriter writer([&](const void *data, size_t size) -> size_t {
                if (!writeFailed && size > 0
                    && file.write(static_cast<const char *>(data), static_cast<qint64>(size))
                        != static_cast<qint64>(size))
                    writeFailed = true;
                return size;
            });
            const std::string &pkl = pickle.bytes();
            writer.writeRecord("data.pkl", pkl.data(), pkl.size());
            const std::string order = hostIsLittleEndian() ? "little" : "big";
            writer.writeRecord("byteorder", order.data(), order.size());
            for (const auto &storage : storages)
                writer.writeRecord("data/" + storage.key, storage.data, storage.bytes);
            writer.writeEndOfFile();
        }
        if (writeFailed)
            throw Error(path + ": cannot write: " + file.errorString().toStdString());
        if (!file.commit())
            throw Error(path + ": cannot write: " + file.errorString().toStdString());
    } catch (const Error &) {
        throw;
    } catch (const c10::Error &e) {
        throw Error(path + ": cannot write: " + firstLine(e.what_without_backtrace()));
    }
}

void savePythonStateDict(const std::string &path, const torch::nn::Module &module)
{
    savePythonStateDict(path, moduleStateDict(module));
}

} // namespace cifarlab
