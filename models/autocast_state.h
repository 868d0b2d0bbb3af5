#pragma once

// Autocast's thread-local state for one device type. LibTorch 2.4 replaced the per-backend calls
// (is_cpu_enabled, set_autocast_gpu_dtype, ...) by ones that take the device type and warns on every
// call of the old ones; 1.13 (Debian's) has only the old ones.

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace cifarlab::autocast {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
inline bool isEnabled(c10::DeviceType device)
{
    return at::autocast::is_autocast_enabled(device);
}
inline void setEnabled(c10::DeviceType device, bool enabled)
{
    at::autocast::set_autocast_enabled(device, enabled);
}
inline at::ScalarType dtype(c10::DeviceType device)
{
    return at::autocast::get_autocast_dtype(device);
}
inline void setDtype(c10::DeviceType device, at::ScalarType type)
{
    at::autocast::set_autocast_dtype(device, type);
}
#else
inline bool isEnabled(c10::DeviceType device)
{
    return device == c10::kCUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
}
inline void setEnabled(c10::DeviceType device, bool enabled)
{
    if (device == c10::kCUDA)
        at::autocast::set_enabled(enabled);
    else
        at::autocast::set_cpu_enabled(enabled);
}
inline at::ScalarType dtype(c10::DeviceType device)
{
    return device == c10::kCUDA ? at::autocast::get_autocast_gpu_dtype() : at::autocast::get_autocast_cpu_dtype();
}
inline void setDtype(c10::DeviceType device, at::ScalarType type)
{
    if (device == c10::kCUDA)
        at::autocast::set_autocast_gpu_dtype(type);
    else
        at::autocast::set_autocast_cpu_dtype(type);
}
#endif

} // namespace cifarlab::autocast
