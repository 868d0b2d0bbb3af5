#pragma once

#include <string>
#include <vector>

namespace cifarlab {

struct DatasetLocation
{
    std::string name; // "CIFAR-10", "CIFAR-100", "MNIST", "Fashion-MNIST", or the ImageFolder's name
    std::string path; // what loadDataset takes: the data folder or archive
    std::string format; // as detectDatasetFormat
};

// $XDG_DATA_HOME/cifarlab/datasets, default ~/.local/share/cifarlab/datasets. Not created here.
std::string defaultDataFolder();

// Datasets found, in search order: dataFolderSetting, $CIFARLAB_DATA, defaultDataFolder(), ~/datasets,
// ~/data, /usr/share/datasets. Each of these may be a dataset itself or a folder of datasets (also one
// level of "cifar10/cifar-10-batches-bin" nesting). Formats are judged from file names only, nothing is
// loaded; a dataset reached twice (links, overlapping settings) is listed once. Never throws.
std::vector<DatasetLocation> discoverDatasets(const std::string &dataFolderSetting = {});

} // namespace cifarlab
