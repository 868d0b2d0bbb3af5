#include "core/training_checkpoint.h"

#include "core/crash_point.h"
#include "core/error.h"
#include "models/network.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <unistd.h>

namespace cifarlab {

namespace {

constexpr int64_t kFormatVersion = 1;

torch::Tensor scalarI(int64_t v) { return torch::tensor(v, torch::kInt64); }
torch::Tensor scalarD(double v) { return torch::tensor(v, torch::kFloat64); }

std::string readString(torch::serialize::InputArchive &archive, const std::string &key)
{
    c10::IValue v;
    archive.read(key, v);
    return v.toStringRef();
}

int64_t readI(torch::serialize::InputArchive &archive, const std::string &key)
{
    torch::Tensor t;
    archive.read(key, t);
    return t.item<int64_t>();
}

double readD(torch::serialize::InputArchive &archive, const std::string &key)
{
    torch::Tensor t;
    archive.read(key, t);
    return t.item<double>();
}

// tmp + fsync + rename: a reader (or a resume after a crash) sees the old file or the new one,
// never a partial one.
void writeFileAtomically(const std::string &path, const std::string &bytes)
{
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw SystemError(path + ": cannot write the checkpoint: " + std::strerror(errno));
    int err = 0;
    bool halfway = false;
    for (size_t done = 0; done < bytes.size();) {
        if (!halfway && done >= bytes.size() / 2) {
            halfway = true;
            crashPoint("checkpoint-write");
        }
        const size_t chunk = halfway ? bytes.size() - done : bytes.size() / 2 - done;
        const ssize_t n = ::write(fd, bytes.data() + done, std::max<size_t>(chunk, 1));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : EIO;
            break;
        }
        done += static_cast<size_t>(n);
    }
    if (err == 0 && ::fsync(fd) != 0)
        err = errno;
    if (::close(fd) != 0 && err == 0)
        err = errno;
    if (err != 0) {
        ::unlink(tmp.c_str());
        throw SystemError(path + ": cannot write the checkpoint: " + std::strerror(err) + " (the previous checkpoint is kept)");
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        err = errno;
        ::unlink(tmp.c_str());
        throw SystemError(path + ": cannot replace the checkpoint: " + std::strerror(err));
    }
}

} // namespace

void saveTrainingCheckpoint(const std::string &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer,
                            const TrainingPosition &position)
{
    torch::serialize::OutputArchive archive;
    archive.write("cifarlab_format", scalarI(kFormatVersion));
    archive.write("architecture", c10::IValue(position.architecture));
    archive.write("config_json", c10::IValue(position.configJson));
    archive.write("epoch", scalarI(position.epoch));
    archive.write("batch", scalarI(position.batch));
    archive.write("global_step", scalarI(position.globalStep));
    archive.write("best_test_accuracy", scalarD(position.bestTestAccuracy));
    archive.write("best_epoch", scalarI(position.bestEpoch));
    archive.write("elapsed_seconds", scalarD(position.elapsedSeconds));
    archive.write("train_loss_sum", scalarD(position.trainLossSum));
    archive.write("train_correct", scalarI(position.trainCorrect));
    archive.write("train_seen", scalarI(position.trainSeen));
    if (position.trainConfusion.defined())
        archive.write("train_confusion", position.trainConfusion);
    if (position.parameterStatistics.defined())
        archive.write("parameter_statistics", position.parameterStatistics);
    torch::serialize::OutputArchive modelArchive;
    for (const auto &[name, tensor] : stateDict(model))
        modelArchive.write(name, tensor.contiguous(), tensor.is_floating_point() ? false : true);
    archive.write("model", modelArchive);
    if (position.gradScale > 0.0) {
        archive.write("grad_scale", scalarD(position.gradScale));
        archive.write("grad_growth_tracker", scalarI(position.gradGrowthTracker));
    }
    if (!position.lookahead.empty()) {
        torch::serialize::OutputArchive lookaheadArchive;
        for (const auto &[name, tensor] : position.lookahead)
            lookaheadArchive.write(name, tensor.contiguous(), true);
        archive.write("lookahead", lookaheadArchive);
    }
    if (optimizer) {
        torch::serialize::OutputArchive optimizerArchive;
        optimizer->save(optimizerArchive);
        archive.write("optimizer", optimizerArchive);
    }
    // Serialized in memory first: LibTorch's file writer throws from its destructor when a write
    // fails (a full disk), which would terminate the process instead of reporting it.
    std::string bytes;
    try {
        archive.save_to([&bytes](const void *data, size_t size) -> size_t {
            bytes.append(static_cast<const char *>(data), size);
            return size;
        });
    } catch (const c10::Error &e) {
        throw Error(path + ": cannot serialize the checkpoint: " + e.what_without_backtrace());
    }
    writeFileAtomically(path, bytes);
}

TrainingPosition loadTrainingCheckpoint(const std::string &path, torch::nn::Module &model, torch::optim::Optimizer *optimizer)
{
    if (!std::filesystem::exists(path))
        throw Error(path + ": no such checkpoint");
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path);
    } catch (const c10::Error &) {
        throw Error(path + ": not a CifarLab training checkpoint (unreadable archive)");
    }
    TrainingPosition p;
    try {
        if (readI(archive, "cifarlab_format") != kFormatVersion)
            throw Error(path + ": checkpoint format version is not supported by this CifarLab");
        p.architecture = readString(archive, "architecture");
        p.configJson = readString(archive, "config_json");
        p.epoch = readI(archive, "epoch");
        p.batch = readI(archive, "batch");
        p.globalStep = readI(archive, "global_step");
        p.bestTestAccuracy = readD(archive, "best_test_accuracy");
        p.bestEpoch = readI(archive, "best_epoch");
        p.elapsedSeconds = readD(archive, "elapsed_seconds");
        p.trainLossSum = readD(archive, "train_loss_sum");
        p.trainCorrect = readI(archive, "train_correct");
        p.trainSeen = readI(archive, "train_seen");
        archive.try_read("train_confusion", p.trainConfusion);
        archive.try_read("parameter_statistics", p.parameterStatistics);
        torch::Tensor gradScale, gradGrowth;
        if (archive.try_read("grad_scale", gradScale) && archive.try_read("grad_growth_tracker", gradGrowth)) {
            p.gradScale = gradScale.item<double>();
            p.gradGrowthTracker = gradGrowth.item<int64_t>();
        }
        torch::serialize::InputArchive modelArchive;
        archive.read("model", modelArchive);
        torch::NoGradGuard noGrad;
        for (auto &[name, tensor] : stateDict(model)) {
            torch::Tensor stored;
            if (!modelArchive.try_read(name, stored))
                throw Error(path + ": checkpoint has no entry '" + name + "' (trained with another architecture?)");
            if (stored.sizes() != tensor.sizes())
                throw Error(path + ": '" + name + "' has shape " + c10::str(stored.sizes()) + ", the model expects "
                            + c10::str(tensor.sizes()));
            tensor.copy_(stored);
        }
        torch::serialize::InputArchive lookaheadArchive;
        if (archive.try_read("lookahead", lookaheadArchive)) {
            for (const auto &[name, tensor] : stateDict(model)) {
                if (!tensor.is_floating_point())
                    continue;
                torch::Tensor stored;
                if (!lookaheadArchive.try_read(name, stored, true) || stored.sizes() != tensor.sizes())
                    throw Error(path + ": lookahead state for '" + name + "' is missing or has the wrong shape");
                p.lookahead.emplace_back(name, stored.clone());
            }
        }
        if (optimizer) {
            torch::serialize::InputArchive optimizerArchive;
            archive.read("optimizer", optimizerArchive);
            optimizer->load(optimizerArchive);
        }
    } catch (const c10::Error &e) {
        throw Error(path + ": damaged or incompatible checkpoint: " + std::string(e.what_without_backtrace()));
    }
    return p;
}

std::string readTrainingCheckpointConfig(const std::string &path)
{
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path);
        return readString(archive, "config_json");
    } catch (const c10::Error &) {
        throw Error(path + ": not a CifarLab training checkpoint (unreadable archive)");
    }
}

bool isTrainingCheckpoint(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    char magic[2] = {};
    if (!in.read(magic, 2) || magic[0] != 'P' || magic[1] != 'K')
        return false;
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path);
        torch::Tensor version;
        return archive.try_read("cifarlab_format", version);
    } catch (const c10::Error &) {
        return false;
    }
}

} // namespace cifarlab

#include "core/python_checkpoint.h"
#include "core/state_dict.h"

namespace cifarlab {

void loadCheckpointWeights(const std::string &path, torch::nn::Module &model)
{
    if (isTrainingCheckpoint(path))
        loadTrainingCheckpoint(path, model, nullptr);
    else
        applyStateDict(model, loadPythonStateDict(path), /*strict=*/true);
}

} // namespace cifarlab
