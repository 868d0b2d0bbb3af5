#pragma once

#include "support/learnable_data.h"
#include "support/temp_dir.h"
#include "support/ui_application.h"
#include "ui/config_panel.h"
#include "ui/main_window.h"

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSpinBox>

#include <gtest/gtest.h>

#include <string>

namespace cifarlab::test {

// A generated 10-class dataset (28x28 gray, `trainCount` + 120 images) and an empty store folder,
// for tests that drive the real window.
struct DashboardFixture
{
    TempDir dir;
    std::string data;
    std::string store;
    DashboardFixture(const char *application, int64_t trainCount = 400)
    {
        uiApplication(application);
        data = writeLearnableIdxFolder(dir.path(), trainCount, 120, 28);
        store = dir.file("store");
    }
};

// Opens the fixture's dataset in `window` and sets a short, fast recipe for `baseline`.
inline void prepareDashboard(MainWindow &window, const DashboardFixture &f, double epochs, int batchSize)
{
    window.resize(1400, 900);
    QSignalSpy loaded(&window, &MainWindow::datasetLoaded);
    window.openDataset(QString::fromStdString(f.data));
    ASSERT_TRUE(loaded.wait(30000));
    window.selectArchitecture(QStringLiteral("baseline"));
    auto *panel = window.configPanel();
    panel->applyPreset(QStringLiteral("quick"));
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("epochsSpin"))->setValue(epochs);
    panel->findChild<QSpinBox *>(QStringLiteral("batchSizeSpin"))->setValue(batchSize);
    // One process unless a test asks for more (the window remembers an earlier test's recipe).
    panel->findChild<QSpinBox *>(QStringLiteral("processesSpin"))->setValue(1);
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("learningRateSpin"))->setValue(0.05);
}

} // namespace cifarlab::test
