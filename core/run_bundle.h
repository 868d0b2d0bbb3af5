#pragma once

#include "core/experiment_store.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace cifarlab {

// A run bundle is a .cifarlab.zip that carries whole runs from one store to another: per run its
// record and config (JSON), batch and epoch metrics (CSV), confusion matrices and per-image
// predictions, its log, and its checkpoints. Layout inside the zip:
//   manifest.json                          format version, CifarLab version, the runs in it
//   runs/<id>/run.json                     RunRecord + config
//   runs/<id>/batch_metrics.csv, epoch_metrics.csv
//   runs/<id>/log.json                     the run's log lines with their times (format version 2 on)
//   runs/<id>/epochs/<epoch>.json          confusions, per-class accuracy, predictions of that epoch
//   runs/<id>/checkpoints/<file>           the run folder's checkpoint files
// <id> is the run's id in the exporting store and <epoch> is 0-based. Numbers round-trip exactly:
// the CSVs hold the shortest text that reads back to the same double ("nan", "inf" included), and
// the per-epoch vectors are base64 of little-endian raw arrays. An export writes format version 2;
// an import accepts versions 1 (no logs) and 2, checkpoints of up to 2 GiB and other entries of up
// to 512 MiB.
struct BundleProgress
{
    std::function<void(double fraction, const std::string &what)> onProgress; // optional
};

// Writes the runs into `zipPath` (written to a temporary name, then renamed: a failed export
// leaves no partial file). A run listed twice is written once; "*.tmp" files of a run folder (a
// checkpoint being written) are left out. Throws Error naming the run or the file.
void exportRunBundle(const ExperimentStore &store, const std::vector<int64_t> &runIds, const std::string &zipPath,
                     const BundleProgress &progress = {});

// Reads a bundle into `store` as new runs (new ids; names kept, " (imported)" appended on a
// clash, then " (imported 2)" and so on) and returns their ids in bundle order. Everything else
// of a run comes back as exported, timestamps and status included. The whole zip is checked
// (every entry read and its CRC verified) before anything is written: absolute paths, "..",
// backslashes, symlinks, duplicate or unexpected entries, a truncated or corrupt zip, and sizes
// over sane limits are refused with Error naming the entry; files are written only into the new
// runs' folders, and a failed import leaves the store as it was (the runs it created are deleted).
std::vector<int64_t> importRunBundle(ExperimentStore &store, const std::string &zipPath,
                                     const BundleProgress &progress = {});

} // namespace cifarlab
