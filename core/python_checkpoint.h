#pragma once

// Core-internal: includes torch. The UI never includes this header.
//
// Reads and writes PyTorch's torch.save zip format without running Python's pickle: a restricted
// unpickler (in the spirit of torch.load(weights_only=True)) builds a PyValue tree and refuses every
// global except tensor rebuilding, storage types, dtypes and OrderedDict.

#include "core/state_dict.h"

#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cifarlab {

namespace detail {
class PickleMachine;
} // namespace detail

// One value of an unpickled checkpoint. Containers are shared like Python objects: copies of a
// list/tuple/dict PyValue refer to the same items. Dicts keep insertion order.
class PyValue
{
public:
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        String,
        Bytes,
        Tensor,
        Storage, // a storage outside a tensor: toTensor() is it as a 1-D tensor, toStr() its record key
        Global, // a whitelisted name that is not called, e.g. a dtype: toStr() is "torch.float32"
        List,
        Tuple,
        Dict,
    };
    using Items = std::vector<PyValue>;
    using DictItems = std::vector<std::pair<PyValue, PyValue>>;

    PyValue() = default; // None
    static PyValue boolean(bool value);
    static PyValue integer(int64_t value);
    static PyValue real(double value);
    static PyValue string(std::string value);
    static PyValue bytes(std::string value);
    static PyValue tensor(torch::Tensor value);
    static PyValue storage(torch::Tensor value);
    static PyValue global(std::string dottedName);
    static PyValue list(Items items = {});
    static PyValue tuple(Items items = {});
    static PyValue dict();

    Kind kind() const { return m_kind; }
    // Python's name for the kind: "NoneType", "int", "dict", "Tensor", ...
    const char *typeName() const;
    bool isNone() const { return m_kind == Kind::None; }
    bool isDict() const { return m_kind == Kind::Dict; }
    bool isTensor() const { return m_kind == Kind::Tensor; }

    // Accessors throw Error when the kind does not match.
    bool toBool() const;
    int64_t toInt() const;
    double toDouble() const; // Float, or Int converted
    const std::string &toStr() const; // String, Bytes, Global or Storage
    const torch::Tensor &toTensor() const; // Tensor or Storage
    const Items &items() const; // List or Tuple
    const DictItems &dictItems() const;
    size_t size() const; // items in a List, Tuple or Dict

    // Dict lookup by string key; nullptr when absent or not a dict.
    const PyValue *find(const std::string &key) const;
    // Appends to a List.
    void append(PyValue value);
    // Inserts or replaces (keeping the first position) like Python's d[key] = value. Keys must be
    // hashable: None, bool, int, float, str, bytes, a global, or a tuple of those.
    void setItem(PyValue key, PyValue value);

private:
    friend class detail::PickleMachine;
    struct Container
    {
        Items items;
        DictItems dictItems;
        std::unordered_map<std::string, size_t> index; // hash key -> position in dictItems
    };
    static PyValue container(Kind kind);
    std::string hashKey() const;

    Kind m_kind = Kind::None;
    int64_t m_int = 0; // Bool and Int
    double m_float = 0.0;
    std::string m_str;
    torch::Tensor m_tensor;
    std::shared_ptr<Container> m_container;
};

// Loads a torch.save (zip) file into a PyValue tree, tensors on the CPU (a torch.device becomes its
// string, e.g. "cuda:0"; Parameters become plain tensors). Throws Error naming the file
// for anything else: not a zip, a legacy pre-1.6 file, a refused global, malformed or truncated
// pickle data, storages missing or too small for their tensors.
PyValue loadPythonCheckpoint(const std::string &path);

// The model weights in a torch.save file: a state_dict itself (a dict of tensors), or a dict holding
// one under "model_state_dict", "state_dict" or "model". Reads files written by savePythonStateDict
// and torch::pickle_save too.
StateDict loadPythonStateDict(const std::string &path);

// Writes a plain dict {name: tensor} in torch.save's zip format (protocol 2, the same records Python
// writes), which Python's torch.load reads, weights_only included. Written to a temporary file and
// renamed into place.
void savePythonStateDict(const std::string &path, const StateDict &sd);
void savePythonStateDict(const std::string &path, const torch::nn::Module &module);

} // namespace cifarlab
