#pragma once

#include "core/error.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace cifarlab::test {

// The message of the cifarlab::Error that `action` throws, for comparing it word for word; a test
// failure (and "") when it throws none.
inline std::string errorOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const Error &e) {
        return e.what();
    }
    ADD_FAILURE() << "expected a cifarlab::Error";
    return {};
}

} // namespace cifarlab::test
