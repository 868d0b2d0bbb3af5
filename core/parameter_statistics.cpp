#include "core/parameter_statistics.h"

#include <charconv>
#include <cmath>

namespace cifarlab {

namespace {

void appendNumber(std::string &out, double value)
{
    if (std::isnan(value))
        return;
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// Parameter names are state_dict keys, but a hand-made network may use anything.
void appendField(std::string &out, const std::string &text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

std::string shapeText(const std::vector<int64_t> &shape)
{
    if (shape.empty())
        return "scalar";
    std::string text;
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? "x" : "") + std::to_string(shape[i]);
    return text;
}

int64_t elementCount(const std::vector<int64_t> &shape)
{
    int64_t n = 1;
    for (int64_t extent : shape)
        n *= extent;
    return n;
}

bool isWeightTensor(const ParameterStatistics &p)
{
    return p.shape.size() >= 2;
}

std::string parameterStatisticsCsv(const std::vector<EpochMetrics> &epochs)
{
    std::string out = "epoch,parameter,shape,elements,weight_rms,weight_mean,weight_std,weight_min,weight_max,"
                      "gradient_samples,gradient_rms,gradient_min,gradient_max,update_ratio\n";
    for (const EpochMetrics &e : epochs) {
        for (const ParameterStatistics &p : e.parameters) {
            out += std::to_string(e.epoch + 1);
            out += ',';
            appendField(out, p.name);
            out += ',' + shapeText(p.shape) + ',' + std::to_string(elementCount(p.shape));
            for (double v : {p.weightRms, p.weightMean, p.weightStd, p.weightMin, p.weightMax}) {
                out += ',';
                appendNumber(out, v);
            }
            out += ',' + std::to_string(p.gradientSamples);
            for (double v : {p.gradientRms, p.gradientMin, p.gradientMax, p.updateRatio}) {
                out += ',';
                appendNumber(out, v);
            }
            out += '\n';
        }
    }
    return out;
}

} // namespace cifarlab
