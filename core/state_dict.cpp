#include "core/state_dict.h"

#include "core/error.h"

#include <torch/torch.h>

#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace cifarlab {

namespace {

void collectStateDict(const torch::nn::Module &module, const std::string &prefix, StateDict &out)
{
    // Undefined tensors are PyTorch's None parameters (Linear without bias): state_dict skips them.
    for (const auto &item : module.named_parameters(/*recurse=*/false)) {
        if (item.value().defined())
            out.entries.emplace_back(prefix + item.key(), item.value());
    }
    for (const auto &item : module.named_buffers(/*recurse=*/false)) {
        if (item.value().defined())
            out.entries.emplace_back(prefix + item.key(), item.value());
    }
    for (const auto &child : module.named_children())
        collectStateDict(*child.value(), prefix + child.key() + ".", out);
}

bool allFinite(const torch::Tensor &t)
{
    if (!t.is_floating_point() || t.numel() == 0)
        return true;
    return torch::isfinite(t).all().item<bool>();
}

} // namespace

const torch::Tensor *StateDict::find(const std::string &name) const
{
    for (const auto &entry : entries) {
        if (entry.first == name)
            return &entry.second;
    }
    return nullptr;
}

std::vector<std::string> StateDict::names() const
{
    std::vector<std::string> out;
    out.reserve(entries.size());
    for (const auto &entry : entries)
        out.push_back(entry.first);
    return out;
}

std::string formatShape(at::IntArrayRef sizes)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i)
        out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

std::string LoadReport::describe() const
{
    if (ok())
        return "state_dict matches the model";
    std::string out;
    auto add = [&out](const std::string &part) {
        if (!out.empty())
            out += "; ";
        out += part;
    };
    for (const auto &key : missing)
        add("missing '" + key + "'");
    for (const auto &key : unexpected)
        add("unexpected '" + key + "'");
    for (const auto &line : shapeMismatches)
        add(line);
    return out;
}

StateDict moduleStateDict(const torch::nn::Module &module)
{
    StateDict out;
    collectStateDict(module, "", out);
    return out;
}

LoadReport applyStateDict(torch::nn::Module &module, const StateDict &sd, bool strict)
{
    const StateDict target = moduleStateDict(module);
    std::unordered_map<std::string, const torch::Tensor *> targetByName;
    for (const auto &entry : target.entries)
        targetByName.emplace(entry.first, &entry.second);

    LoadReport report;
    std::vector<std::pair<const torch::Tensor *, const torch::Tensor *>> copies; // (destination, source)
    std::unordered_set<std::string> seen;
    for (const auto &[name, value] : sd.entries) {
        if (!seen.insert(name).second)
            throw Error("state_dict: key '" + name + "' appears twice");
        if (!value.defined())
            throw Error("state_dict: '" + name + "' holds no tensor");
        if (!allFinite(value))
            throw Error("state_dict: '" + name + "' contains NaN or Inf values");
        const auto it = targetByName.find(name);
        if (it == targetByName.end()) {
            report.unexpected.push_back(name);
            continue;
        }
        const torch::Tensor &dst = *it->second;
        if (dst.sizes() != value.sizes()) {
            report.shapeMismatches.push_back(name + ": checkpoint " + formatShape(value.sizes())
                + " vs model " + formatShape(dst.sizes()));
            continue;
        }
        copies.emplace_back(&dst, &value);
    }
    for (const auto &entry : target.entries) {
        if (!seen.count(entry.first))
            report.missing.push_back(entry.first);
    }

    if (strict && !report.ok() && copies.empty() && report.shapeMismatches.empty() && !sd.entries.empty()) {
        // Nothing in common: listing every key would bury the likely cause.
        std::string theirs;
        for (size_t i = 0; i < std::min<size_t>(3, report.unexpected.size()); ++i)
            theirs += (i ? ", '" : "'") + report.unexpected[i] + "'";
        throw Error("state_dict does not fit the model: none of its " + std::to_string(sd.entries.size())
            + " keys (" + theirs + (report.unexpected.size() > 3 ? ", ..." : "") + ") is one of the model's "
            + std::to_string(target.entries.size()) + " (a checkpoint of another architecture?)");
    }
    if (strict && !report.ok()) {
        const size_t count = report.missing.size() + report.unexpected.size() + report.shapeMismatches.size();
        throw Error("state_dict does not fit the model (" + std::to_string(count)
            + (count == 1 ? " problem): " : " problems): ") + report.describe());
    }

    torch::NoGradGuard noGrad;
    for (const auto &[dst, src] : copies) {
        // Tensor handles share the module's storage, so copy_ through a copy of the handle is in place.
        torch::Tensor destination = *dst;
        destination.copy_(*src);
    }
    return report;
}

} // namespace cifarlab
