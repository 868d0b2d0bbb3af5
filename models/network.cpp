#include "models/network.h"

#include "models/activation_capture.h"
#include "models/airbench.h"
#include "models/baseline.h"
#include "models/baseline_plus.h"
#include "models/densenet.h"
#include "models/ensemble.h"
#include "models/resnet.h"
#include "models/resnext.h"

#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace cifarlab {

Network::Network(const std::string &architecture, const InputSpec &input, int64_t minSide)
    : torch::nn::Module(architecture)
    , m_architecture(architecture)
    , m_input(input)
{
    if (input.channels < 1)
        throw std::invalid_argument(
            architecture + ": input needs at least 1 channel, got " + std::to_string(input.channels));
    if (input.numClasses < 2)
        throw std::invalid_argument(architecture + ": a classifier needs at least 2 classes, got "
            + std::to_string(input.numClasses));
    if (input.height < minSide || input.width < minSide)
        throw std::invalid_argument(architecture + ": input " + std::to_string(input.height) + "x"
            + std::to_string(input.width) + " is too small, it needs at least " + std::to_string(minSide)
            + "x" + std::to_string(minSide));
}

std::shared_ptr<Network> createNetwork(const std::string &name, const InputSpec &input, const NetworkOptions &options)
{
    if (options.ensembleMembers != 1) {
        if (options.ensembleMembers < 2 || options.ensembleMembers > kMaxEnsembleMembers)
            throw std::invalid_argument("an ensemble has 2 to " + std::to_string(kMaxEnsembleMembers) + " members, got "
                                        + std::to_string(options.ensembleMembers));
        NetworkOptions single = options;
        single.ensembleMembers = 1;
        std::vector<std::shared_ptr<Network>> members;
        for (int64_t k = 0; k < options.ensembleMembers; ++k)
            members.push_back(createNetwork(name, input, single));
        return std::make_shared<Ensemble>(std::move(members));
    }
    if (name == "airbench")
        return std::make_shared<Airbench>(input, options.widthScale, options.blockDepth);
    if (!(options.widthScale == 1.0))
        throw std::invalid_argument("'" + name + "' has fixed widths (only airbench takes a width scale)");
    if (options.blockDepth != 2)
        throw std::invalid_argument("'" + name + "' has a fixed depth (only airbench takes 3 convolutions per group)");
    using Factory = std::function<std::shared_ptr<Network>(const InputSpec &)>;
    static const std::map<std::string, Factory> kFactories = {
        {"baseline", [](const InputSpec &in) { return std::make_shared<Baseline>(in); }},
        {"baseline-plus", [](const InputSpec &in) { return std::make_shared<BaselinePlus>(in); }},
        {"resnet18", [](const InputSpec &in) { return std::make_shared<ResNet18>(in); }},
        {"resnext29_32x4d", [](const InputSpec &in) { return std::make_shared<ResNeXt29>(in); }},
        {"densenet121", [](const InputSpec &in) { return std::make_shared<DenseNet121>(in); }},
    };
    const auto it = kFactories.find(name);
    if (it == kFactories.end()) {
        std::string known;
        for (const auto &info : listArchitectures())
            known += (known.empty() ? "" : ", ") + info.name;
        throw std::invalid_argument("unknown architecture '" + name + "' (known: " + known + ")");
    }
    return it->second(input);
}

namespace {

void appendStateDict(const torch::nn::Module &module, const std::string &prefix,
    std::vector<std::pair<std::string, torch::Tensor>> &out)
{
    for (const auto &item : module.named_parameters(/*recurse=*/false))
        out.emplace_back(prefix + item.key(), item.value());
    for (const auto &item : module.named_buffers(/*recurse=*/false))
        out.emplace_back(prefix + item.key(), item.value());
    for (const auto &child : module.named_children())
        appendStateDict(*child.value(), prefix + child.key() + ".", out);
}

struct Recorder
{
    std::unordered_map<const torch::nn::Module *, std::string> names;
    std::unordered_set<const torch::nn::Module *> seen;
    std::vector<LayerInfo> layers;
};

thread_local Recorder *t_recorder = nullptr;
thread_local ActivationCapture *t_capture = nullptr;

// Restores the previous recorder even when forward throws, so a failed summary leaves nothing behind.
class RecorderScope
{
public:
    explicit RecorderScope(Recorder *recorder)
        : m_previous(t_recorder)
    {
        t_recorder = recorder;
    }
    ~RecorderScope() { t_recorder = m_previous; }
    RecorderScope(const RecorderScope &) = delete;
    RecorderScope &operator=(const RecorderScope &) = delete;

private:
    Recorder *m_previous;
};

class TrainingScope
{
public:
    explicit TrainingScope(torch::nn::Module &module)
        : m_module(module)
        , m_wasTraining(module.is_training())
    {
        m_module.eval();
    }
    ~TrainingScope() { m_module.train(m_wasTraining); }
    TrainingScope(const TrainingScope &) = delete;
    TrainingScope &operator=(const TrainingScope &) = delete;

private:
    torch::nn::Module &m_module;
    bool m_wasTraining;
};

std::string cleanTypeName(const std::string &name)
{
    std::string type = name;
    const auto ns = type.rfind("::");
    if (ns != std::string::npos)
        type = type.substr(ns + 2);
    const std::string impl = "Impl";
    if (type.size() > impl.size() && type.compare(type.size() - impl.size(), impl.size(), impl) == 0)
        type.resize(type.size() - impl.size());
    return type;
}

template<size_t D> std::string sizeText(const torch::ExpandingArray<D> &values)
{
    std::string text;
    bool uniform = true;
    for (size_t i = 1; i < D; ++i)
        uniform = uniform && (*values)[i] == (*values)[0];
    for (size_t i = 0; i < (uniform ? 1 : D); ++i)
        text += (i ? "x" : "") + std::to_string((*values)[i]);
    return text;
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "x" : "") + std::to_string(shape[i]);
    return text;
}

std::string numberText(double value)
{
    std::ostringstream stream;
    stream << value;
    return stream.str();
}

// Fills type, detail and MACs. MACs follow the usual convention: conv and linear count one multiply-add
// per weight use, BN one (scale and shift) per output element; pooling, activations and dropout count none.
void describeLayer(const torch::nn::Module &module, int64_t outputElements, const std::vector<int64_t> &shape,
    LayerInfo &info)
{
    info.type = cleanTypeName(module.name());
    if (const auto *conv = dynamic_cast<const torch::nn::Conv2dImpl *>(&module)) {
        const auto &o = conv->options;
        std::string padding = "same";
        using std::get_if; // LibTorch 1.13's options hold c10::variant, 2.x's std::variant
        if (const auto *pad = get_if<torch::ExpandingArray<2>>(&o.padding()))
            padding = sizeText<2>(*pad);
        else if (get_if<torch::enumtype::kValid>(&o.padding()))
            padding = "0";
        info.detail = std::to_string(o.in_channels()) + "->" + std::to_string(o.out_channels()) + " k"
            + sizeText<2>(o.kernel_size()) + " s" + sizeText<2>(o.stride()) + " p" + padding;
        if (o.groups() > 1)
            info.detail += " g" + std::to_string(o.groups());
        const int64_t kernel = (*o.kernel_size())[0] * (*o.kernel_size())[1];
        info.macs = outputElements * (o.in_channels() / o.groups()) * kernel;
    } else if (const auto *linear = dynamic_cast<const torch::nn::LinearImpl *>(&module)) {
        info.detail = std::to_string(linear->options.in_features()) + "->"
            + std::to_string(linear->options.out_features());
        info.macs = outputElements * linear->options.in_features();
    } else if (const auto *bn = dynamic_cast<const torch::nn::BatchNorm2dImpl *>(&module)) {
        info.detail = std::to_string(bn->options.num_features());
        info.macs = outputElements;
    } else if (const auto *bn1d = dynamic_cast<const torch::nn::BatchNorm1dImpl *>(&module)) {
        info.detail = std::to_string(bn1d->options.num_features());
        info.macs = outputElements;
    } else if (const auto *maxPool = dynamic_cast<const torch::nn::MaxPool2dImpl *>(&module)) {
        const auto &o = maxPool->options;
        info.detail = "k" + sizeText<2>(o.kernel_size()) + " s" + sizeText<2>(o.stride());
        if ((*o.padding())[0] != 0 || (*o.padding())[1] != 0)
            info.detail += " p" + sizeText<2>(o.padding());
    } else if (const auto *avgPool = dynamic_cast<const torch::nn::AvgPool2dImpl *>(&module)) {
        const auto &o = avgPool->options;
        info.detail = "k" + sizeText<2>(o.kernel_size()) + " s" + sizeText<2>(o.stride());
    } else if (dynamic_cast<const torch::nn::AdaptiveAvgPool2dImpl *>(&module)) {
        if (shape.size() == 3)
            info.detail = "to " + std::to_string(shape[1]) + "x" + std::to_string(shape[2]);
    } else if (const auto *relu = dynamic_cast<const torch::nn::ReLUImpl *>(&module)) {
        info.detail = relu->options.inplace() ? "in-place" : "";
    } else if (const auto *dropout = dynamic_cast<const torch::nn::DropoutImpl *>(&module)) {
        info.detail = "p " + numberText(dropout->options.p());
    } else if (dynamic_cast<const torch::nn::FlattenImpl *>(&module)) {
        info.detail = "to " + shapeText(shape);
    }
}

int64_t trainableParameters(const torch::nn::Module &module, bool recurse)
{
    int64_t count = 0;
    for (const auto &p : module.parameters(recurse))
        if (p.defined() && p.requires_grad())
            count += p.numel();
    return count;
}

} // namespace

std::vector<std::pair<std::string, torch::Tensor>> stateDict(const torch::nn::Module &module)
{
    std::vector<std::pair<std::string, torch::Tensor>> entries;
    appendStateDict(module, "", entries);
    return entries;
}

namespace detail {

bool summaryRecording()
{
    return t_recorder != nullptr || t_capture != nullptr;
}

void recordLayer(const torch::nn::Module &module, const torch::Tensor &output)
{
    if (t_capture && module.children().empty())
        t_capture->add(module, output);
    Recorder *recorder = t_recorder;
    // Containers are not rows: their leaves report their own calls.
    if (!recorder || !module.children().empty())
        return;
    LayerInfo info;
    const auto name = recorder->names.find(&module);
    info.name = name != recorder->names.end() ? name->second : cleanTypeName(module.name());
    const int64_t batch = output.dim() > 0 ? output.size(0) : 1;
    for (int64_t d = 1; d < output.dim(); ++d)
        info.outputShape.push_back(output.size(d));
    const int64_t elements = batch > 0 ? output.numel() / batch : 0;
    describeLayer(module, elements, info.outputShape, info);
    // A module called twice owns its parameters once, so the rows still add up to the total.
    if (recorder->seen.insert(&module).second)
        info.parameters = trainableParameters(module, /*recurse=*/false);
    else
        info.detail += info.detail.empty() ? "repeated call" : ", repeated call";
    recorder->layers.push_back(std::move(info));
}

} // namespace detail

ActivationCapture::ActivationCapture(size_t keepLast)
    : m_previous(t_capture)
    , m_keepLast(keepLast)
{
    t_capture = this;
}

ActivationCapture::~ActivationCapture()
{
    t_capture = m_previous;
}

void ActivationCapture::add(const torch::nn::Module &module, const torch::Tensor &output)
{
    m_entries.push_back({&module, output});
    if (m_keepLast > 0 && m_entries.size() > m_keepLast)
        m_entries.erase(m_entries.begin());
}

const ActivationCapture::Entry *ActivationCapture::lastFeatureMap() const
{
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it)
        if (it->output.dim() == 4 && it->output.size(2) * it->output.size(3) > 1)
            return &*it;
    return nullptr;
}

torch::Tensor tracedSequential(torch::nn::Sequential &sequence, torch::Tensor x)
{
    for (auto &item : *sequence) {
        torch::Tensor y = item.forward(x);
        if (detail::summaryRecording())
            detail::recordLayer(*item.ptr(), y);
        x = std::move(y);
    }
    return x;
}

ModelSummary summarizeNetwork(Network &network)
{
    ModelSummary summary;
    summary.architecture = network.architecture();
    summary.input = network.inputSpec();

    Recorder recorder;
    for (const auto &item : network.named_modules())
        recorder.names.emplace(item.value().get(), item.key());

    auto options = torch::TensorOptions().dtype(torch::kFloat32);
    const auto parameters = network.parameters();
    if (!parameters.empty())
        options = options.device(parameters.front().device());
    const InputSpec &in = summary.input;
    torch::Tensor output;
    {
        torch::NoGradGuard noGrad;
        TrainingScope evalMode(network);
        RecorderScope scope(&recorder);
        output = network.forward(torch::zeros({1, in.channels, in.height, in.width}, options));
    }
    summary.layers = std::move(recorder.layers);
    for (int64_t d = 1; d < output.dim(); ++d)
        summary.outputShape.push_back(output.size(d));

    summary.parameters = trainableParameters(network, /*recurse=*/true);
    for (const auto &buffer : network.buffers())
        summary.bufferElements += buffer.numel();
    for (const auto &entry : stateDict(network))
        summary.sizeBytes += entry.second.numel() * static_cast<int64_t>(entry.second.element_size());
    for (const auto &layer : summary.layers)
        summary.macs += layer.macs;
    return summary;
}

} // namespace cifarlab
