#pragma once

#include <cstdint>
#include <string>

namespace cifarlab {

// A process-wide cap on what one dataset, image or checkpoint may make us allocate, so that a
// corrupt or hostile header is refused with a message instead of an out-of-memory kill.
// Default: $CIFARLAB_MEMORY_LIMIT when set, else 80% of the physical memory (and never above
// RLIMIT_AS). The CLI's --memory-limit and tests override it.

// Bytes from "123", "512K", "1.5G", "2GiB", "64m" (binary units). Throws Error naming `what`.
int64_t parseByteSize(const std::string &text, const std::string &what);

// "1.5 GiB", "512 MiB", "64 KiB", "100 bytes".
std::string formatByteSize(int64_t bytes);

int64_t memoryLimitBytes();
// 0 goes back to the default.
void setMemoryLimitBytes(int64_t bytes);

// This process's resident memory now and its high-water mark (Linux's VmRSS and VmHWM); 0 where
// /proc is unavailable.
int64_t residentBytes();
int64_t peakResidentBytes();

// Throws Error "<what> would need N of memory, over the limit of M (...)" when `bytes` exceeds the cap.
void checkMemory(int64_t bytes, const std::string &what);

} // namespace cifarlab
