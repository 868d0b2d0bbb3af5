#include "core/training_metrics.h"

#include "core/error.h"

#include <array>
#include <utility>

namespace cifarlab {

namespace {

// The names are stored in runs.sqlite and shown by the CLI: never rename one.
const std::array<std::pair<RunStatus, const char *>, 8> kStatusNames = {{
    {RunStatus::Created, "created"},
    {RunStatus::Running, "running"},
    {RunStatus::Paused, "paused"},
    {RunStatus::Completed, "completed"},
    {RunStatus::Stopped, "stopped"},
    {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Diverged, "diverged"},
    {RunStatus::Failed, "failed"},
}};

} // namespace

std::string runStatusName(RunStatus status)
{
    for (const auto &[value, name] : kStatusNames) {
        if (value == status)
            return name;
    }
    throw Error("run status: unknown value " + std::to_string(static_cast<int>(status)));
}

RunStatus runStatusFromName(const std::string &name)
{
    for (const auto &[value, text] : kStatusNames) {
        if (name == text)
            return value;
    }
    throw Error("run status: unknown name '" + name
        + "' (expected created, running, paused, completed, stopped, cancelled, diverged or failed)");
}

} // namespace cifarlab
