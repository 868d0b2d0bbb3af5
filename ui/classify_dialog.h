#pragma once

#include "core/dataset.h"
#include "core/image_classifier.h"

#include <QDialog>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace cifarlab {

class TopClassesView;

// The network a ClassifyDialog classifies with: a run's checkpoint and the dataset it was trained on
// (for its classes, input size and statistics).
struct ClassifySource
{
    QString title;        // "Run 3: airbench on CIFAR-10"
    QString architecture;
    QString checkpoint;
    QString preprocess = QStringLiteral("dataset-normalize");
    QString tta = QStringLiteral("none");
    double widthScale = 0.0; // 0: the checkpoint's own
    std::shared_ptr<const Dataset> data;
};

// DIGITS' "Classify One / Classify Many": the user's own image files (added, or dropped on the
// dialog) are fitted to the network's input and classified on a worker thread; each row shows what
// the network saw and its verdict, the selected one its top classes and, on request, where the
// network looked (Grad-CAM). Files in a folder named after a class are scored against it.
class ClassifyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ClassifyDialog(ClassifySource source, QWidget *parent = nullptr);
    ~ClassifyDialog() override;

    // Files as they are, folders searched recursively; classified in the background. A path that does
    // not exist, or a folder without images, is reported and nothing of that request is added.
    void addPaths(const QStringList &paths);
    bool isBusy() const;
    int rowCount() const;
    QTreeWidget *list() const { return m_list; }
    // The selected row's top classes as shown (for tests and screen readers).
    QString topClassesText() const;
    bool saveCsv(const QString &path, QString *error = nullptr) const;

Q_SIGNALS:
    void classified(int added, int failed);
    void explained(int row, const QString &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Row
    {
        std::shared_ptr<const Classification> batch;
        size_t index = 0;
        ImageFit fit = ImageFit::Crop;
        const ClassifiedImage &image() const { return batch->images[index]; }
    };
    struct Outcome;

    void launch();
    void onClassified(const Outcome &outcome);
    void appendRows(const std::shared_ptr<const Classification> &batch);
    void showSelected();
    void renderImage();
    void requestExplanation();
    void updateSummary();
    void refit();
    void exportCsv();
    ImageFit currentFit() const;
    int selectedRow() const; // index into m_rows of the current item, -1 for none

    ClassifySource m_source;
    std::shared_ptr<ImageClassifier> m_classifier; // built on the worker for the current fit
    std::vector<Row> m_rows;
    std::vector<QStringList> m_pending; // requests waiting for the worker
    QStringList m_allPaths;             // every request so far, to classify again with another fit
    bool m_busy = false;
    int m_generation = 0; // results of an earlier generation (before Clear or a new fit) are dropped
    int m_explaining = -1;
    std::optional<GradCamMap> m_map; // of the selected row, when shown
    int m_mapRow = -1;

    QLabel *m_title = nullptr;
    QComboBox *m_fit = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_dropHint = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_image = nullptr;
    QLabel *m_fileCaption = nullptr;
    QLabel *m_verdict = nullptr;
    TopClassesView *m_topClasses = nullptr;
    QCheckBox *m_showCam = nullptr;
    QLabel *m_camCaption = nullptr;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_clearButton = nullptr;
};

} // namespace cifarlab
