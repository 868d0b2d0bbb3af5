#pragma once

#include <QStringList>

#include <stdexcept>
#include <vector>

namespace cifarlab::cli {

// A malformed command line (unknown flag, missing value); reported with a pointer to --help.
class UsageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments); // arguments[0] is "cifarlab-cli <name>"
};

const std::vector<Command> &commands();

} // namespace cifarlab::cli
