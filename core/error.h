#pragma once

#include <stdexcept>
#include <string>

namespace cifarlab {

// Every user-facing failure (bad file, bad flag, bad checkpoint) is an Error whose message is
// one line that names the file or field and what is wrong. Callers show it as is.
class Error : public std::runtime_error
{
public:
    explicit Error(const std::string &message)
        : std::runtime_error(message)
    {
    }
};

// A failure of the machine rather than of the input (a full disk, a write that did not happen):
// the CLI exits with 1 instead of 2.
class SystemError : public Error
{
public:
    using Error::Error;
};

} // namespace cifarlab
