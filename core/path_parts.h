#pragma once

#include <string_view>
#include <vector>

namespace cifarlab {

// "a/b/c" -> {"a", "b", "c"}; empty parts are kept ("a//b", "/a", "a/"), so callers that check
// archive entry names can refuse them.
inline std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            parts.push_back(path.substr(start));
            return parts;
        }
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
}

} // namespace cifarlab
