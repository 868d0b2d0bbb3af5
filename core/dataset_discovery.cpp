#include "core/dataset_discovery.h"

#include "core/cifar_binary_loader.h"
#include "core/dataset_loader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace cifarlab {
namespace {

namespace fs = std::filesystem;

const char *const kSystemDatasets = "/usr/share/datasets";

std::string env(const char *name)
{
    const char *value = std::getenv(name);
    return value ? value : "";
}

std::string homeDir()
{
    return env("HOME");
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string displayName(const fs::path &path, const std::string &format)
{
    if (format == "cifar10-binary")
        return "CIFAR-10";
    if (format == "cifar100-binary")
        return "CIFAR-100";
    fs::path p = path;
    if (p.filename().empty())
        p = p.parent_path();
    if (format == "idx")
        return lower(p.filename().string()).find("fashion") != std::string::npos ? "Fashion-MNIST" : "MNIST";
    std::string name = p.filename().string();
    if (lower(p.extension().string()) == ".zip")
        name = p.stem().string();
    return name;
}

class Collector
{
public:
    // Adds `path` when it is a dataset; a CIFAR parent folder is listed as the data inside it.
    bool add(const fs::path &path)
    {
        const std::string format = detectDatasetFormat(path.string());
        if (format.empty())
            return false;
        if (format != "cifar10-binary" && format != "cifar100-binary")
            return addExact(path, format);
        try {
            return addExact(resolveCifarBinaryPath(path.string()), format);
        } catch (const std::exception &) {
            // A parent holding both releases: list each.
            bool any = false;
            for (const char *inner : {"cifar-10-batches-bin", "cifar-100-binary", "cifar-10-binary.tar.gz",
                     "cifar-100-binary.tar.gz"})
                any = addExact(path / inner) || any;
            return any;
        }
    }

    // A root is a dataset itself or a folder of datasets; a CIFAR parent counts as the latter, so
    // other datasets next to its cifar-10-batches-bin are found too.
    void scan(const std::string &root)
    {
        if (root.empty())
            return;
        const fs::path dir(root);
        std::error_code ec;
        if (!fs::exists(dir, ec))
            return;
        if (isDatasetItself(dir)) {
            addExact(dir);
            return;
        }
        if (!fs::is_directory(dir, ec))
            return;
        std::vector<fs::path> children;
        for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
             !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (!name.empty() && name[0] != '.')
                children.push_back(it->path());
        }
        std::sort(children.begin(), children.end());
        for (const auto &child : children)
            add(child);
    }

    std::vector<DatasetLocation> take() { return std::move(m_found); }

private:
    static bool isDatasetItself(const fs::path &path)
    {
        const std::string format = detectDatasetFormat(path.string());
        if (format.empty())
            return false;
        if (format != "cifar10-binary" && format != "cifar100-binary")
            return true;
        try {
            std::error_code ec;
            return fs::equivalent(resolveCifarBinaryPath(path.string()), path, ec);
        } catch (const std::exception &) {
            return false;
        }
    }

    bool addExact(const fs::path &path, std::string format = {})
    {
        if (format.empty())
            format = detectDatasetFormat(path.string());
        if (format.empty())
            return false;
        std::error_code ec;
        fs::path canonical = fs::canonical(path, ec);
        if (ec)
            canonical = fs::absolute(path, ec).lexically_normal();
        if (!m_seen.insert(canonical.string()).second)
            return true;
        m_found.push_back({displayName(canonical, format), canonical.string(), format});
        return true;
    }

    std::vector<DatasetLocation> m_found;
    std::set<std::string> m_seen;
};

} // namespace

std::string defaultDataFolder()
{
    std::string base = env("XDG_DATA_HOME");
    // The XDG spec says to ignore relative values.
    if (base.empty() || base[0] != '/')
        base = homeDir() + "/.local/share";
    return base + "/cifarlab/datasets";
}

std::vector<DatasetLocation> discoverDatasets(const std::string &dataFolderSetting)
{
    Collector collector;
    collector.scan(dataFolderSetting);
    collector.scan(env("CIFARLAB_DATA"));
    collector.scan(defaultDataFolder());
    const std::string home = homeDir();
    if (!home.empty()) {
        collector.scan(home + "/datasets");
        collector.scan(home + "/data");
    }
    collector.scan(kSystemDatasets);
    return collector.take();
}

} // namespace cifarlab
