#include "core/parameter_statistics_collector.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cifarlab {

namespace {

enum Column : int64_t { kGradSum, kGradCount, kRatioSum, kRatioCount, kGradMin, kGradMax, kHistogram };
constexpr int64_t kColumns = kHistogram + kParameterHistogramBins;

} // namespace

void histogramOf(const torch::Tensor &values, std::vector<float> &fractions, double &min, double &max)
{
    const torch::Tensor v = values.detach().to(torch::kCPU, torch::kFloat64).flatten();
    min = v.min().item<double>();
    max = v.max().item<double>();
    fractions.assign(kParameterHistogramBins, 0.0f);
    if (!(max > min)) {
        fractions[kParameterHistogramBins / 2] = 1.0f;
        return;
    }
    const torch::Tensor counts = torch::histc(v, kParameterHistogramBins, min, max);
    const double n = static_cast<double>(v.numel());
    const auto c = counts.accessor<double, 1>();
    for (int i = 0; i < kParameterHistogramBins; ++i)
        fractions[static_cast<size_t>(i)] = static_cast<float>(c[i] / n);
}

ParameterStatisticsCollector::ParameterStatisticsCollector(torch::nn::Module &net)
{
    for (const auto &item : net.named_parameters(/*recurse=*/true)) {
        m_names.push_back(item.key());
        m_parameters.push_back(item.value());
    }
    reset();
}

bool ParameterStatisticsCollector::isSampled(int64_t batch, int64_t batchesPerEpoch)
{
    // Rounded up, so short epochs (best's 25 steps) are not sampled at every step.
    const int64_t stride = std::max<int64_t>(1, (batchesPerEpoch + kSamplesPerEpoch - 1) / kSamplesPerEpoch);
    return batch % stride == stride - 1;
}

void ParameterStatisticsCollector::reset()
{
    m_samples = torch::zeros({static_cast<int64_t>(m_parameters.size()), kColumns}, torch::kFloat64);
    m_before.clear();
}

void ParameterStatisticsCollector::beforeStep()
{
    torch::NoGradGuard noGrad;
    m_before.assign(m_parameters.size(), torch::Tensor());
    auto s = m_samples.accessor<double, 2>();
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        const torch::Tensor &p = m_parameters[i];
        const torch::Tensor &g = p.grad();
        if (!p.requires_grad() || !g.defined() || g.numel() == 0)
            continue;
        const torch::Tensor g64 = g.detach().to(torch::kCPU, torch::kFloat64);
        const double rms = std::sqrt(g64.square().mean().item<double>());
        if (!std::isfinite(rms))
            continue;
        const auto row = static_cast<int64_t>(i);
        s[row][kGradSum] += rms;
        s[row][kGradCount] += 1.0;
        std::vector<float> fractions;
        double lo = 0, hi = 0;
        histogramOf(g64, fractions, lo, hi);
        s[row][kGradMin] = lo;
        s[row][kGradMax] = hi;
        for (int b = 0; b < kParameterHistogramBins; ++b)
            s[row][kHistogram + b] = fractions[static_cast<size_t>(b)];
        m_before[i] = p.detach().clone();
    }
}

void ParameterStatisticsCollector::afterStep()
{
    torch::NoGradGuard noGrad;
    auto s = m_samples.accessor<double, 2>();
    for (size_t i = 0; i < m_before.size() && i < m_parameters.size(); ++i) {
        if (!m_before[i].defined())
            continue;
        const double before = m_before[i].to(torch::kFloat64).norm().item<double>();
        const double step = (m_parameters[i].detach().to(torch::kFloat64) - m_before[i].to(torch::kFloat64)).norm().item<double>();
        // A weight tensor of zeros (a fresh bias) has no ratio to speak of.
        if (before > 0.0 && std::isfinite(step)) {
            s[static_cast<int64_t>(i)][kRatioSum] += step / before;
            s[static_cast<int64_t>(i)][kRatioCount] += 1.0;
        }
    }
    m_before.clear();
}

std::vector<ParameterStatistics> ParameterStatisticsCollector::summarize() const
{
    torch::NoGradGuard noGrad;
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    std::vector<ParameterStatistics> out;
    out.reserve(m_parameters.size());
    const auto s = m_samples.accessor<double, 2>();
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        const torch::Tensor &p = m_parameters[i];
        ParameterStatistics st;
        st.name = m_names[i];
        st.shape = p.sizes().vec();
        if (p.numel() > 0) {
            const torch::Tensor w = p.detach().to(torch::kCPU, torch::kFloat64);
            st.weightRms = std::sqrt(w.square().mean().item<double>());
            st.weightMean = w.mean().item<double>();
            st.weightStd = w.numel() > 1 ? w.std(/*unbiased=*/false).item<double>() : 0.0;
            histogramOf(w, st.weightHistogram, st.weightMin, st.weightMax);
        }
        const auto row = static_cast<int64_t>(i);
        st.gradientSamples = static_cast<int64_t>(s[row][kGradCount]);
        if (st.gradientSamples > 0) {
            st.gradientRms = s[row][kGradSum] / s[row][kGradCount];
            st.gradientMin = s[row][kGradMin];
            st.gradientMax = s[row][kGradMax];
            st.gradientHistogram.resize(kParameterHistogramBins);
            for (int b = 0; b < kParameterHistogramBins; ++b)
                st.gradientHistogram[static_cast<size_t>(b)] = static_cast<float>(s[row][kHistogram + b]);
        }
        st.updateRatio = s[row][kRatioCount] > 0 ? s[row][kRatioSum] / s[row][kRatioCount] : kNaN;
        out.push_back(std::move(st));
    }
    return out;
}

torch::Tensor ParameterStatisticsCollector::state() const
{
    return m_samples.clone();
}

void ParameterStatisticsCollector::setState(const torch::Tensor &state)
{
    if (state.defined() && state.sizes() == m_samples.sizes() && state.scalar_type() == torch::kFloat64)
        m_samples = state.clone();
    else
        reset();
}

} // namespace cifarlab
