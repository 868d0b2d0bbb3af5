#pragma once

#include "core/error.h"

namespace cifarlab {

// A peer died, hung past the timeout, or the network failed: the job cannot go on. The trainer
// turns it into a Failed run instead of a crash, so every surviving rank ends with this message.
class DistributedFailure : public Error
{
public:
    using Error::Error;
};

} // namespace cifarlab
