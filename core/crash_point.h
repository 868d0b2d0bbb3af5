#pragma once

namespace cifarlab {

// For the crash-safety test only: with CIFARLAB_CRASH_AT="<point>:<n>" in the environment, the n-th
// arrival at crashPoint("<point>") kills the process with SIGKILL, so a test can stop a run in the
// middle of a checkpoint write ("checkpoint-write") or with a store transaction open
// ("store-commit"), moments a timer hits too rarely. Without the variable it does nothing.
void crashPoint(const char *point);

} // namespace cifarlab
