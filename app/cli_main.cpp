#include "models/registry.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "models") == 0) {
        for (const auto &a : cifarlab::listArchitectures())
            std::printf("%s\t%s\n", a.name.c_str(), a.description.c_str());
        return 0;
    }
    std::printf("usage: cifarlab-cli models\n");
    return 0;
}
