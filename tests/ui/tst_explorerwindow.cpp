// The explorer window driven as a user drives it (offscreen): the form's Train button, the
// Pause/Stop shortcuts, a mouse drag and clicks on the latent view, the legend, closing mid-
// training, opening and saving models, exports; on a tiny generated dataset.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "analysis/Analysis.h"
#include "session/AutosaveStore.h"
#include "persistence/TrainingHistory.h"
#include "persistence/Checkpoint.h"
#include "models/ModelFactory.h"
#include "session/DigitDataset.h"
#include "data/ImageDataset.h"
#include "widgets/DigitView.h"
#include "widgets/GeneratePanel.h"
#include "Icons.h"
#include "runtime/RuntimeInfo.h"
#include "widgets/Translations.h"
#include "widgets/WindowActions.h"
#include "analysis/Generation.h"
#include "analysis/NearestRows.h"
#include "widgets/NeighboursPanel.h"
#include "widgets/PcaComparePanel.h"
#include "widgets/LatentPanel.h"
#include "widgets/ExplorerView.h"
#include "widgets/LatentView.h"
#include "widgets/LossChart.h"
#include "widgets/ExportActions.h"
#include "widgets/MainWindow.h"
#include "widgets/PreviewPanel.h"
#include "widgets/ReplayBar.h"
#include "widgets/SecondModelPanel.h"
#include "widgets/SelectionPanel.h"
#include "TestData.h"
#include "widgets/TrainingPanel.h"
#include "runtime/ComputeDevice.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QGroupBox>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QChart>
#include <QValueAxis>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>
#include <QtTest>

#include <signal.h>
#include <random>
#endif

class TestExplorerWindow : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString dataDir;
    static constexpr int kTest = 80;

    // A window with the generated dataset, dialogs replaced by recorders.
    struct Window {
        MainWindow w;
        QStringList errors;
        QStringList questions;
        explicit Window(const QString& dataDir)
        {
            w.setErrorReporter([this](const QString& title, const QString& text) { errors << title + ": " + text; });
            w.setConfirmHandler([this](const QString& q) {
                questions << q;
                return true;
            });
            w.trainingPanel()->datasetBox()->setCurrentText(dataDir);
            w.loadDataset(dataDir);
            w.resize(1200, 800);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
        }
    };

    void setForm(MainWindow& w, const QString& model, int epochs, int latent = 2)
    {
        TrainingRequest r = w.trainingPanel()->request();
        r.dataset = dataDir;
        r.model = model;
        r.arch = "mlp";
        r.latentDim = latent;
        r.epochs = epochs;
        r.batchSize = 32;
        r.progressEvery = 2;
        r.threads = 0;  // the form's default: every allowed core (OMP_NUM_THREADS when set)
        w.trainingPanel()->setRequest(r);
    }

    // Trains from the form with the Train shortcut and waits until the view shows the result.
    void trainToEnd(MainWindow& w, const QString& model, int epochs, int latent = 2)
    {
        setForm(w, model, epochs, latent);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        QTest::keyClick(&w, Qt::Key_F5);
        QVERIFY(w.isTraining());
        QVERIFY(finished.wait(120000 * testdata::slowdown()));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing(), 30000 * testdata::slowdown());
    }

    static QImage coreDecode(const InferenceSessionPtr& s, const std::vector<float>& z)
    {
        torch::NoGradGuard g;
        const torch::Tensor img =
            latent::decodeImages(*s->snapshot()->model, torch::tensor(z).reshape({1, int64_t(z.size())}), latent::noLabels())[0]
                .mul(255)
                .round()
                .clamp(0, 255)
                .to(torch::kUInt8)
                .contiguous();
        QImage out(28, 28, QImage::Format_Grayscale8);
        for (int y = 0; y < 28; ++y) std::memcpy(out.scanLine(y), img.data_ptr<uint8_t>() + y * 28, 28);
        return out;
    }

    // Where test digit `index` is drawn, and the digit a click there hits (it, or one drawn on top).
    static std::pair<QPointF, int> digitOnTheMap(LatentView* view, int index)
    {
        const QPointF pos = view->widgetAt(QPointF(view->codes()->at(index, 0), view->codes()->at(index, 1)));
        return {pos, view->pointAt(pos)};
    }

    static void sendMouse(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons)
    {
        QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(w, &e);
    }

    // The loss axis leaves the untrained model's first losses behind, so that learning after the
    // first steps is not a flat line on the floor; with few points everything stays in view.
    // Puts dock `hidden` behind `front`'s tab, as the default layout does; returns `hidden`.
    static QDockWidget* tabBehind(MainWindow& w, const char* front, const char* hidden)
    {
        auto* frontDock = w.findChild<QDockWidget*>(front);
        auto* hiddenDock = w.findChild<QDockWidget*>(hidden);
        if (!frontDock || !hiddenDock) return nullptr;
        w.tabifyDockWidget(frontDock, hiddenDock);
        frontDock->raise();
        QCoreApplication::processEvents();
        return hiddenDock;
    }

private Q_SLOTS:
    // The loss axis leaves the untrained model's first losses behind, so that learning after the
    // first steps is not a flat line on the floor; with few points everything stays in view.
    void lossAxisFollowsTheRecentLosses()
    {
        LossChart chart;
        chart.reset(true);
        auto yAxis = [&] {
            return qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical, chart.series(LossChart::TrainTotal)).first());
        };
        chart.addTrainPoint(1, 10, 550, 540, 10);
        chart.addTrainPoint(1, 20, 300, 290, 10);
        QVERIFY(yAxis()->max() >= 550);
        for (int i = 2; i < 50; ++i) chart.addTrainPoint(1, 10.0 * (i + 1), 200.0 - i, 190.0 - i, 10.0);
        // The untrained model's 550 runs off the top (before: an axis to 600 and a flat line).
        QVERIFY2(yAxis()->max() < 550, qPrintable(QString::number(yAxis()->max())));
        chart.setLogScale(true);
        chart.setLogScale(false);
        QVERIFY(yAxis()->max() < 550);
    }

    // Each term on a scale where its change reads: a VAE's KL (~3 -> 6) on its own axis at the
    // right, not on the floor of the total's (~150); the map's neighbour loss likewise; the legend
    // below the plot, never over the curves.
    void everyLossTermReadsOnItsOwnAxis()
    {
        LossChart chart;
        chart.reset(true);
        for (int i = 0; i < 40; ++i) chart.addTrainPoint(1, 10.0 * (i + 1), 160.0 - i * 0.5, 157.0 - i * 0.575, 3.0 + i * 0.075);
        QValueAxis* left = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical, chart.series(LossChart::TrainTotal)).first());
        QValueAxis* right = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical, chart.series(LossChart::TrainKl)).first());
        QVERIFY(left && right && left != right);
        QCOMPARE(right, chart.termAxis());
        QCOMPARE(right->alignment(), Qt::AlignRight);
        QVERIFY(right->isVisible());
        // The KL's change fills most of its axis; on the total's axis it would be a few per cent.
        const double klSpan = 0.075 * 39;
        QVERIFY2(klSpan / (right->max() - right->min()) > 0.5, qPrintable(QStringLiteral("%1..%2").arg(right->min()).arg(right->max())));
        QVERIFY2(left->min() > 100, qPrintable(QString::number(left->min())));  // the total's axis no longer reaches down to the KL
        QVERIFY(right->titleText().contains("KL"));
        QCOMPARE(chart.chart()->legend()->alignment(), Qt::AlignBottom);

        chart.reset(false, false, /*neighbours=*/true);
        for (int i = 0; i < 20; ++i) chart.addTrainPoint(1, 10.0 * (i + 1), 140.0 + 3 - i * 0.05, 140.0 - i * 0.1, 3.0 + i * 0.05);
        QVERIFY(chart.series(LossChart::TrainKl)->isVisible());
        QVERIFY(chart.termAxis()->titleText().contains("neighbour"));
        QVERIFY(0.05 * 19 / (chart.termAxis()->max() - chart.termAxis()->min()) > 0.5);
        // A plain autoencoder has no small term: no right axis.
        chart.reset(false);
        QVERIFY(!chart.termAxis()->isVisible());
    }

    void initTestCase()
    {
        QVERIFY(dir.isValid());
        // Settings and the default dataset location stay inside the temporary folder.
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", dir.filePath("share").toUtf8());  // autosaves
        qputenv("LATENT_DATA_DIR", dir.filePath("data").toUtf8());
        QCoreApplication::setOrganizationName("LatentExplorerTest");
        QCoreApplication::setApplicationName("tst_explorerwindow");
        dataDir = dir.filePath("digits");
        QVERIFY(QDir().mkpath(dataDir));
        testdata::writeIdxFolder(dataDir.toStdString(), testdata::syntheticSplits(320, kTest));
    }

    // Help > About names what the figures depend on; the window's actions carry our own icons
    // (compiled in from resources/), so they show on a desktop without an icon theme too.
    void aboutNamesTheVersionsAndActionsHaveIcons()
    {
        const QString about = WindowActions::aboutText();
        const latent::RuntimeInfo rt = latent::RuntimeInfo::current();
        for (const QString& part : {QString::fromLatin1(qVersion()), QString::fromStdString(rt.torchVersion),
                                    QString::fromStdString(rt.blasName).toHtmlEscaped(), QString("Latent Explorer")})
            QVERIFY2(about.contains(part), qPrintable(part + " missing from: " + about));
        QVERIFY(Icons::application().availableSizes().contains(QSize(256, 256)));
        Window win(dataDir);
        int withIcons = 0;
        for (QAction* a : win.w.findChildren<QAction*>()) {
            if (a->text() != WindowActions::tr("&Train") && a->text() != WindowActions::tr("St&op")) continue;
            const QImage img = a->icon().pixmap(24, 24).toImage();
            QVERIFY2(!img.isNull() && img.pixel(12, 12) != img.pixel(0, 0), qPrintable(a->text()));  // drawn, not blank
            ++withIcons;
        }
        QCOMPARE(withIcons, 2);
    }

    // The Hindi translation is built in: with it installed, a new window's menus and docks are in
    // Devanagari; View > Language offers the system's language, English and Hindi.
    void hindiWindowHasHindiMenusAndDocks()
    {
        QCOMPARE(Translations::install(*QCoreApplication::instance(), "hi"), QString("hi"));
        {
            Window win(dataDir);
            QStringList menus;
            for (QAction* a : win.w.menuBar()->actions()) menus << a->text();
            QVERIFY2(menus.contains(QString::fromUtf8("फ़ाइल(&F)")), qPrintable(menus.join(", ")));
            QVERIFY2(menus.contains(QString::fromUtf8("प्रशिक्षण(&T)")), qPrintable(menus.join(", ")));
            auto* dock = win.w.findChild<QDockWidget*>("trainingDock");
            QVERIFY(dock);
            QCOMPARE(dock->windowTitle(), QString::fromUtf8("प्रशिक्षण"));
            auto* language = win.w.findChild<QMenu*>("languageMenu");
            QVERIFY(language);
            QCOMPARE(language->actions().size(), 3);
            QCOMPARE(language->actions().at(2)->data().toString(), QString("hi"));
        }
        QCOMPARE(Translations::install(*QCoreApplication::instance(), "en"), QString("en"));
        QCOMPARE(WindowActions::tr("&File"), QString("&File"));
    }

    void withoutDatasetSaysWhereItLooked()
    {
        MainWindow w;
        w.setErrorReporter([](const QString&, const QString&) {});
        QVERIFY(!w.loadDataset(dir.filePath("no-such-folder")));
        QVERIFY(w.dataset().isEmpty());
        // The view says where it looked; a button offers to open a folder of IDX files.
        QPushButton* offer = nullptr;
        for (QPushButton* b : w.latentPanel()->findChildren<QPushButton*>())
            if (b->text().contains("Dataset")) offer = b;
        QVERIFY(offer && offer->isVisibleTo(&w));
        QVERIFY(w.loadDataset(dataDir));
        QVERIFY(!offer->isVisibleTo(&w));
    }

    void trainsFromTheFormAndShowsEverything()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 3);
        QVERIFY2(win.errors.isEmpty(), qPrintable(win.errors.join('\n')));
        // 10 steps an epoch, a point every 2 steps; one test point per epoch.
        QCOMPARE(w.lossChart()->trainPointCount(), 15);
        QCOMPARE(w.lossChart()->testPointCount(), 3);
        QLineSeries* testTotal = w.lossChart()->series(LossChart::TestTotal);
        QVERIFY2(testTotal->at(2).y() < testTotal->at(0).y(),
                 qPrintable(QString("%1 -> %2").arg(testTotal->at(0).y()).arg(testTotal->at(2).y())));
        QVERIFY(w.lossChart()->historyCsv().startsWith("split,epoch,step,total,reconstruction,kl\n"));
        // One scatter point per test image; the grid decoded by the model on screen.
        QCOMPARE(w.latentView()->pointCount(), kTest);
        QCOMPARE(w.latentView()->visiblePointCount(), kTest);
        QCOMPARE(w.latentView()->grid().n, 20);
        QCOMPARE(w.latentView()->grid().image.size(), QSize(560, 560));
        QCOMPARE(w.session()->epochsDone(), 3);
        QVERIFY(w.hasUnsavedModel());
        QVERIFY(w.trainingPanel()->statusText().startsWith("Finished"));
    }

    void dragShowsWhatTheCoreDecodesAtTheMappedPoint()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 2);
        ExplorerView* view = w.latentView();
        const QImage before = w.previewPanel()->mainView()->image();
        // Start on empty space (a corner), drag to another place.
        const QPointF from(8, view->height() - 8), to(view->width() * 0.7, view->height() * 0.3);
        QCOMPARE(view->pointAt(from), -1);
        sendMouse(view, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
        for (int i = 1; i <= 10; ++i) sendMouse(view, QEvent::MouseMove, from + (to - from) * i / 10.0, Qt::NoButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);

        const QPointF mapped = view->latentAt(to);
        QCOMPARE(view->cursorPoint(), mapped);
        const std::vector<float> z = w.cursorLatent();
        QCOMPARE(int(z.size()), 2);
        QCOMPARE(z[0], float(mapped.x()));
        QCOMPARE(z[1], float(mapped.y()));
        const QImage shown = w.previewPanel()->mainView()->image();
        QCOMPARE(shown, coreDecode(w.session(), z));
        QVERIFY(shown != before);
        QVERIFY(w.previewPanel()->mainView()->caption().contains(QString::number(z[0], 'f', 3)));
    }

    void clickOnADigitShowsItAndItsReconstruction()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        ExplorerView* view = w.latentView();
        const auto [pos, hit] = digitOnTheMap(view, 7);
        QVERIFY(hit >= 0);
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, pos.toPoint());
        QCOMPARE(view->selectedIndex(), hit);
        QCOMPARE(w.previewPanel()->mainView()->image(), w.dataset().testImage(hit));
        QVERIFY(w.previewPanel()->secondView()->isVisible());
        // The reconstruction is the core's, rounded to 8 bits (a VAE shows its mean's decoding).
        torch::NoGradGuard g;
        const torch::Tensor expected = w.session()->snapshot()->model->reconstructMean(
            w.dataset().splits()->test.batch(torch::tensor({int64_t(hit)})), latent::noLabels());
        const QImage shown = w.previewPanel()->secondView()->image();
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) QCOMPARE(qGray(shown.pixel(x, y)), int(std::lround(expected[0][0][y][x].item<float>() * 255)));
    }

    // Hovering a digit shows a card with the digit itself beside the model's decode of it; a
    // click lists its nearest digits in code space and in pixel space (the core's exact lists),
    // with how many share its label; clicking one of them selects it.
    void hoverShowsTheDigitAndClickListsItsNeighbours()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        ExplorerView* view = w.latentView();
        const auto codes = view->codes();
        const auto [pos, hit] = digitOnTheMap(view, 5);
        QVERIFY(hit >= 0);
        sendMouse(view, QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
        QCOMPARE(view->hoveredPoint(), hit);
        QCOMPARE(view->hoverCard().index, hit);
        QCOMPARE(view->hoverCard().real, w.dataset().testImage(hit));
        QCOMPARE(view->hoverCard().decoded, w.session()->reconstruct(w.dataset(), hit));
        QVERIFY(view->hoverCard().caption.contains(QString::number(hit)));
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(view, &leave);
        QCOMPARE(view->hoveredPoint(), -1);
        QCOMPARE(view->hoverCard().index, -1);

        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, pos.toPoint());
        NeighboursPanel* panel = w.previewPanel()->neighbours();
        QTRY_COMPARE(panel->indices(NeighboursPanel::Pixel).size(), 8);
        const torch::Tensor z = torch::from_blob(const_cast<float*>(codes->mean.data()), {codes->count, codes->dim});
        for (const auto& [space, points] :
             {std::pair{NeighboursPanel::Code, z}, std::pair{NeighboursPanel::Pixel, w.dataset().splits()->test.images}}) {
            const latent::NearestRows expected = latent::nearestRows(points, hit, 8);
            QVector<int> want;
            int same = 0;
            for (const int64_t i : expected.index) want << int(i), same += w.dataset().testLabel(int(i)) == w.dataset().testLabel(hit);
            QCOMPARE(panel->indices(space), want);
            QVERIFY2(panel->summary(space).contains(QStringLiteral("%1 of 8 share label %2").arg(same).arg(w.dataset().testLabel(hit))),
                     qPrintable(panel->summary(space)));
        }
        const int chosen = panel->indices(NeighboursPanel::Code).at(2);
        panel->button(NeighboursPanel::Code, 2)->click();
        QCOMPARE(view->selectedIndex(), chosen);
        QCOMPARE(w.previewPanel()->mainView()->image(), w.dataset().testImage(chosen));
        QTRY_COMPARE(panel->indices(NeighboursPanel::Code).size(), 8);
        QVERIFY(!panel->indices(NeighboursPanel::Code).contains(chosen));  // now its own neighbours
    }

    // Shift+drag draws a lasso: the digits inside it are selected (those LatentMapState finds in
    // the same polygon); the Selection dock shows how many of each label and a sheet of them,
    // decodes their mean code and exports their codes; the selection outlives a change of how many
    // points are drawn; Esc clears it.
    void lassoSelectsDigitsAndTheSelectionDockShowsThem()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        ExplorerView* view = w.latentView();
        const QRectF r = view->rect();
        // The left half of the map, drawn as a person would: press, a few moves, release.
        const QPolygonF lasso(
            {QPointF(1, 1), QPointF(r.width() / 2, 1), QPointF(r.width() / 2, r.height() - 2), QPointF(1, r.height() - 2)});
        const std::vector<int> expected = view->state().codesInside(lasso);
        const bool hadCursor = view->hasCursor();
        const QPointF cursor = view->cursorPoint();
        QVERIFY(!expected.empty() && int(expected.size()) < kTest);
        auto mouse = [view](QEvent::Type type, QPointF pos, Qt::MouseButton b, Qt::MouseButtons bs) {
            QMouseEvent e(type, pos, view->mapToGlobal(pos), b, bs, Qt::ShiftModifier);
            QApplication::sendEvent(view, &e);
        };
        mouse(QEvent::MouseButtonPress, lasso[0], Qt::LeftButton, Qt::LeftButton);
        for (int k = 1; k < lasso.size(); ++k)
            for (int step = 1; step <= 4; ++step)
                mouse(QEvent::MouseMove, lasso[k - 1] + (lasso[k] - lasso[k - 1]) * step / 4.0, Qt::NoButton, Qt::LeftButton);
        mouse(QEvent::MouseButtonRelease, lasso.last(), Qt::LeftButton, Qt::NoButton);
        QCOMPARE(view->selection(), expected);
        QCOMPARE(view->hasCursor(), hadCursor);  // a lasso is not a drag of the cursor
        QCOMPARE(view->cursorPoint(), cursor);

        SelectionPanel* panel = w.selectionPanel();
        QVERIFY(w.findChild<QDockWidget*>("selectionDock")->isVisible());
        QVERIFY2(panel->summary().contains(QStringLiteral("%1 digits selected").arg(expected.size())), qPrintable(panel->summary()));
        std::map<int, int> byLabel;
        for (const int i : expected) ++byLabel[w.dataset().testLabel(i)];
        for (const auto& [label, n] : byLabel)
            QVERIFY2(panel->classCounts().contains(QStringLiteral("%1: %2").arg(label).arg(n)), qPrintable(panel->classCounts()));
        const int shown = std::min<int>(int(expected.size()), SelectionPanel::kSheetDigits),
                  cols = std::min(shown, SelectionPanel::kSheetColumns);
        QCOMPARE(panel->sheetView()->image().width(), cols * 30 - 2);
        QCOMPARE(panel->sheetView()->image().copy(0, 0, 28, 28), w.dataset().testImage(expected.front()));

        // The mean code, decoded as the core decodes it.
        panel->meanButton()->click();
        std::vector<float> mean(2, 0.f);
        for (const int i : expected)
            for (int d = 0; d < 2; ++d) mean[size_t(d)] += view->codes()->at(i, d) / float(expected.size());
        QCOMPARE(panel->meanView()->image(), coreDecode(w.session(), mean).convertToFormat(panel->meanView()->image().format()));

        // The CSV export: every selected digit's index, label and code, answered through the dialog.
        const QString csv = dir.filePath("selection.csv");
        QTimer::singleShot(0, [csv] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->selectFile(csv);
            static_cast<QDialog*>(dialog)->accept();
        });
        panel->csvButton()->click();
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), int(expected.size()) + 1);
        QVERIFY(lines[0].startsWith("index,label,z0,z1"));
        QCOMPARE(lines[1].split(',')[0].toInt(), expected.front());
        QCOMPARE(lines[1].split(',')[1].toInt(), w.dataset().testLabel(expected.front()));

        // Fewer points drawn, one class alone: the selection stays; Esc clears it.
        LatentView::PointStyle few = view->pointStyle();
        few.limit = 10;
        view->setPointStyle(few);
        view->showOnlyLabel(w.dataset().testLabel(expected.front()));
        QCOMPARE(view->selection(), expected);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(view->selection().empty());
        QVERIFY(!panel->meanButton()->isEnabled());
    }

    // A model saved from the window keeps how it was trained: opened in a new window, the form
    // shows its settings (not the form's last ones), the chart its loss curve, and the session the
    // map's snapshots from the untrained model through the first epoch's quarters to the last epoch.
    void openedModelShowsItsSettingsLossesAndHistory()
    {
        const QString file = dir.filePath("with-history.pt");
        int trainPoints = 0;
        {
            Window win(dataDir);
            trainToEnd(win.w, "vae", 2);
            trainPoints = win.w.lossChart()->trainPointCount();
            QVERIFY(win.w.saveModel(file));
        }
        Window win(dataDir);
        TrainingRequest other = win.w.trainingPanel()->request();
        other.model = "ae";
        other.arch = "conv";
        other.batchSize = 256;
        win.w.trainingPanel()->setRequest(other);
        QVERIFY(win.w.openModel(file));
        const TrainingRequest shown = win.w.trainingPanel()->request();
        QCOMPARE(shown.model, QString("vae"));
        QCOMPARE(shown.arch, QString("mlp"));
        QCOMPARE(shown.batchSize, 32);
        QCOMPARE(shown.latentDim, 2);
        LossChart* chart = win.w.lossChart();
        QCOMPARE(chart->trainPointCount(), trainPoints);
        QCOMPARE(chart->testPointCount(), 2);
        QVERIFY(chart->series(LossChart::TrainKl)->isVisible());
        const latent::TrainingHistory& h = win.w.session()->history();
        QCOMPARE(int(h.digits.size()), kTest);  // fewer test digits than the replay keeps: all of them
        QCOMPARE(h.dim, 2);
        std::vector<double> epochs;
        for (const auto& snap : h.snapshots) epochs.push_back(snap.epoch);
        QCOMPARE(epochs, std::vector<double>({0.0, 0.1, 0.25, 0.5, 1.0, 2.0}));
        // The last snapshot is the codes the view shows for those digits (encoded on a job), to float16.
        QTRY_VERIFY_WITH_TIMEOUT(win.w.latentView()->codes() && win.w.latentView()->codes()->count == kTest && !win.w.isRefreshing(),
                                 30000 * testdata::slowdown());
        const auto codes = win.w.latentView()->codes();
        const float live = codes->at(h.digits[7], 1);  // the file keeps snapshots in float16
        QVERIFY(std::abs(h.snapshots.back().codes[2 * 7 + 1] - live) <= 1e-3f * (1 + std::abs(live)));

        // The replay: scrubbed to a quarter of the first epoch, the map shows that snapshot's
        // codes over no grid and offers no hover card; Play moves on; at the end the live map is back.
        ReplayBar* bar = win.w.latentPanel()->replayBar();
        QVERIFY(bar->isEnabled());
        ExplorerView* view = win.w.latentView();
        view->setSelection({3, 5});
        bar->setPosition(0.25);
        QVERIFY(view->isReplaying());
        QVERIFY(!view->state().gridVisible());
        QCOMPARE(view->codes()->count, int(h.digits.size()));
        QCOMPARE(view->codes()->mean, h.snapshots[2].codes);
        sendMouse(view, QEvent::MouseMove, view->widgetAt(QPointF(view->codes()->at(0, 0), view->codes()->at(0, 1))), Qt::NoButton,
                  Qt::NoButton);
        QCOMPARE(view->hoveredPoint(), -1);
        bar->play();  // from where it is, onwards; at the right end the live map is back
        QVERIFY(bar->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(bar->position() > 0.5, 15000);
        QVERIFY(view->isReplaying());
        bar->setPosition(1e9);
        QVERIFY(bar->isLive());
        QVERIFY(!view->isReplaying());
        QCOMPARE(view->codes(), codes);
        QVERIFY(view->state().gridVisible());
        QCOMPARE(view->selection(), std::vector<int>({3, 5}));
    }

    // A second model beside the first (here a VAE beside the autoencoder trained after it): its
    // map of the same digits; a digit hovered in either is ringed in the other, with the card in
    // the hovered one from its own model; a selection made in either is both's.
    void secondModelIsLinkedByHoverAndSelection()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        const QString vae = dir.filePath("second-vae.pt");
        QVERIFY(w.saveModel(vae));
        trainToEnd(w, "ae", 1);
        QVERIFY(w.openSecondModel(vae));
        SecondModelPanel* panel = w.secondModelPanel();
        QVERIFY(panel->isVisible());
        QVERIFY2(panel->title().contains("vae"), qPrintable(panel->title()));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isEncodingSecondModel() && panel->view()->codes() && panel->view()->codes()->count == kTest,
                                 30000 * testdata::slowdown());
        ExplorerView* first = w.latentView();
        ExplorerView* second = panel->view();
        QVERIFY(second->codes()->mean != first->codes()->mean);  // another model's codes

        const auto [inFirst, a] = digitOnTheMap(first, 9);
        QVERIFY(a >= 0);
        sendMouse(first, QEvent::MouseMove, inFirst, Qt::NoButton, Qt::NoButton);
        QCOMPARE(second->linkedPoint(), a);
        const auto [inSecond, b] = digitOnTheMap(second, 4);
        QVERIFY(b >= 0);
        sendMouse(second, QEvent::MouseMove, inSecond, Qt::NoButton, Qt::NoButton);
        QCOMPARE(first->linkedPoint(), b);
        QCOMPARE(second->hoverCard().index, b);
        QCOMPARE(second->hoverCard().decoded, w.secondSession()->reconstruct(w.dataset(), b));
        QVERIFY(second->hoverCard().decoded != w.session()->reconstruct(w.dataset(), b));  // the second model's, not the first's

        first->setSelection({1, 2, 30});
        QCOMPARE(second->selection(), std::vector<int>({1, 2, 30}));
        second->selectInside(QPolygonF(QRectF(second->rect())));  // everything in the second view
        QCOMPARE(first->selection().size(), size_t(kTest));
        QVERIFY(w.selectionPanel()->summary().contains(QStringLiteral("%1 digits selected").arg(kTest)));
        w.closeSecondModel();
        QVERIFY(!panel->isVisible());
        QCOMPARE(first->linkedPoint(), -1);
    }

    // --help and --version answer on a terminal with no display at all (no X server, no offscreen
    // platform), as does a mistyped option; QApplication alone would abort there.
    void helpAndVersionNeedNoDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(name);
        auto run = [&](const QString& arg) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(testdata::pathFromEnvironment("LATENT_GUI_PATH"), {arg});
            p.waitForFinished(60000);
            return std::tuple{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                              QString::fromUtf8(p.readAllStandardError())};
        };
        const auto [helpCode, help, helpErr] = run("--help");
        QCOMPARE(helpCode, 0);
        QVERIFY2(help.contains("--open <file>") && help.contains("--dataset"), qPrintable(help + helpErr));
        const auto [versionCode, version, versionErr] = run("--version");
        QCOMPARE(versionCode, 0);
        QVERIFY2(version.startsWith("latent-explorer "), qPrintable(version + versionErr));
        const auto [badCode, badOut, bad] = run("--opne");
        QCOMPARE(badCode, 1);
        QVERIFY2(bad.contains("opne"), qPrintable(bad));
    }

    void legendHidesAndShowsAClass()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        ExplorerView* view = w.latentView();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->legendRect(3).center());
        QVERIFY(!view->isLabelVisible(3));
        QCOMPARE(view->visiblePointCount(), kTest - kTest / 10);
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->legendRect(3).center());
        QCOMPARE(view->visiblePointCount(), kTest);
    }

    // Four clusters of unequal size around (±2, ±2): class l has 100 * (l + 1) codes.
    static std::shared_ptr<LatentCodes> clusteredCodes()
    {
        auto codes = std::make_shared<LatentCodes>();
        codes->dim = 2;
        std::mt19937 rng(7);
        std::normal_distribution<float> jitter(0.f, 0.3f);
        const QPointF centres[4] = {{-2, -2}, {2, -2}, {-2, 2}, {2, 2}};
        for (int l = 0; l < 4; ++l)
            for (int k = 0; k < 100 * (l + 1); ++k) {
                codes->mean.push_back(float(centres[l].x()) + jitter(rng));
                codes->mean.push_back(float(centres[l].y()) + jitter(rng));
                codes->labels.push_back(l);
            }
        codes->count = int(codes->labels.size());
        return codes;
    }

    static int drawnOfClass(const LatentView& view, int label)
    {
        int n = 0;
        for (int i = 0; i < view.pointCount(); ++i) n += view.isPointDrawn(i) && view.codes()->labels[size_t(i)] == label;
        return n;
    }

    void pointLimitThinsEveryClassByItsShare()
    {
        LatentView view;
        view.resize(400, 400);
        view.setCodes(clusteredCodes());  // 1,000 codes: 100, 200, 300, 400
        LatentView::PointStyle style;
        style.limit = 500;
        view.setPointStyle(style);
        QCOMPARE(view.visiblePointCount(), 500);
        for (int l = 0; l < 4; ++l) QCOMPARE(drawnOfClass(view, l), 50 * (l + 1));
        // A point that is not drawn cannot be clicked or hovered as a digit.
        int hidden = 0;
        while (view.isPointDrawn(hidden)) ++hidden;
        const QPointF at = view.widgetAt(QPointF(view.codes()->at(hidden, 0), view.codes()->at(hidden, 1)));
        QVERIFY(view.pointAt(at, 0.01) != hidden);
        style.limit = 0;
        view.setPointStyle(style);
        QCOMPARE(view.visiblePointCount(), 0);
        style.limit = -1;
        view.setPointStyle(style);
        QCOMPARE(view.visiblePointCount(), 1000);
        // New codes (the next epoch) keep the choice.
        style.limit = 100;
        view.setPointStyle(style);
        view.setCodes(clusteredCodes());
        QCOMPARE(view.visiblePointCount(), 100);
    }

    void altClickOnTheLegendShowsOneClassAlone()
    {
        LatentView view;
        view.resize(400, 400);
        view.show();
        view.setCodes(clusteredCodes());
        LatentView::PointStyle style;
        style.limit = -1;
        view.setPointStyle(style);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::AltModifier, view.legendRect(2).center());
        for (int l = 0; l < 4; ++l) QCOMPARE(view.isLabelVisible(l), l == 2);
        QCOMPARE(view.visiblePointCount(), 300);
        // Alt+click on another class moves the solo there; on the class shown alone, shows all.
        QTest::mouseClick(&view, Qt::LeftButton, Qt::AltModifier, view.legendRect(1).center());
        QCOMPARE(view.visiblePointCount(), 200);
        QTest::mouseClick(&view, Qt::LeftButton, Qt::AltModifier, view.legendRect(1).center());
        QCOMPARE(view.visiblePointCount(), 1000);
    }

    void clusterLabelsSitOnTheirClusters()
    {
        LatentView view;
        view.resize(400, 400);
        view.setCodes(clusteredCodes());
        const QPointF centres[4] = {{-2, -2}, {2, -2}, {-2, 2}, {2, 2}};
        auto labels = view.clusterLabelPoints();
        QCOMPARE(int(labels.size()), 4);
        for (const auto& [label, z] : labels) QVERIFY2(QLineF(z, centres[label]).length() < 0.15, qPrintable(QString::number(label)));
        view.setLabelVisible(3, false);
        labels = view.clusterLabelPoints();
        QCOMPARE(int(labels.size()), 3);  // a hidden class has no label on the map
        LatentView::PointStyle style;
        style.clusterLabels = false;
        view.setPointStyle(style);
        QVERIFY(view.clusterLabelPoints().empty());
    }

    void theGridCellUnderTheMouseIsHighlighted()
    {
        LatentView view;
        view.resize(400, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        DecodedGrid grid;
        grid.n = 4;
        grid.image = QImage(4 * 28, 4 * 28, QImage::Format_Grayscale8);
        grid.image.fill(0);
        grid.xs = {-3, -1, 1, 3};
        grid.ys = {3, 1, -1, -3};
        view.setGrid(grid);
        view.setVisibleArea(QRectF(-4, -4, 8, 8));
        // Row 0 is the top (largest y), column 0 the left: (2.5, 2.5) is row 0, column 3.
        QTest::mouseMove(&view, view.widgetAt(QPointF(2.5, 2.5)).toPoint());
        QTRY_COMPARE(view.hoveredCell(), 3);
        QTest::mouseMove(&view, view.widgetAt(QPointF(-1.2, -2.2)).toPoint());
        QTRY_COMPARE(view.hoveredCell(), 3 * 4 + 1);
        view.setGridVisible(false);
        QTest::mouseMove(&view, view.widgetAt(QPointF(0.5, 0.5)).toPoint());
        QTRY_COMPARE(view.hoveredCell(), -1);
    }

    void pointSettingsComeBackInTheNextSession()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("settings.ini");
        {
            LatentPanel panel;
            auto* limit = panel.findChild<QComboBox*>("pointLimit");
            QVERIFY(limit);
            limit->setCurrentIndex(0);  // all
            QSettings s(file, QSettings::IniFormat);
            LatentView::PointStyle style = panel.view()->pointStyle();
            QCOMPARE(style.limit, -1);
            panel.saveSettings(s);
        }
        LatentPanel panel;
        QCOMPARE(panel.view()->pointStyle().limit, LatentView::PointStyle{}.limit);
        QSettings s(file, QSettings::IniFormat);
        panel.loadSettings(s);
        QCOMPARE(panel.view()->pointStyle().limit, -1);
    }

    // The wheel over the map zooms about the mouse: a view with a few codes, no model needed.
    void wheelZoomsAboutTheMouse()
    {
        LatentView view;
        view.resize(400, 300);
        auto codes = std::make_shared<LatentCodes>();
        codes->dim = 2;
        codes->count = 3;
        codes->labels = {0, 1, 2};
        codes->mean = {-2.f, -1.f, 0.f, 1.5f, 3.f, -0.5f};
        view.setCodes(codes);
        const QPointF at(view.width() * 0.25, view.height() * 0.25);
        const QPointF z = view.latentAt(at);
        const double width = view.visibleArea().width();
        QSignalSpy moved(&view, &LatentView::visibleAreaChanged);
        QWheelEvent wheel(at, view.mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
        QVERIFY(view.visibleArea().width() < width * 0.8);
        QVERIFY(std::abs(view.latentAt(at).x() - z.x()) < 1e-9 * std::max(1.0, std::abs(z.x())));
        QVERIFY(!view.followsData());
        QCOMPARE(moved.count(), 1);
    }

    void pauseResumeAndStopWorkAtOnce()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        setForm(w, "vae", 500);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.lossChart()->trainPointCount() > 2, 30000 * testdata::slowdown());
        QTest::keyClick(&w, Qt::Key_F6);  // pause
        QVERIFY(w.isPaused());
        QTest::qWait(300);  // a step in flight may still report
        const int held = w.lossChart()->trainPointCount();
        QTest::qWait(500);
        QCOMPARE(w.lossChart()->trainPointCount(), held);
        QTest::keyClick(&w, Qt::Key_F6);  // resume
        QVERIFY(!w.isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(w.lossChart()->trainPointCount() > held, 10000 * testdata::slowdown());
        QElapsedTimer t;
        t.start();
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);  // stop
        QVERIFY(finished.wait(5000 * testdata::slowdown()));
        QVERIFY2(t.elapsed() < 1000 * testdata::slowdown(), qPrintable(QString::number(t.elapsed())));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Stopped);
        QVERIFY(!w.isTraining());
        QVERIFY(w.session());  // what was trained is kept
    }

    void closingMidTrainingAsksStopsAndSaves()
    {
        const QString path = dir.filePath("closing.pt");
        auto win = std::make_unique<Window>(dataDir);
        MainWindow& w = win->w;
        setForm(w, "vae", 500);
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(w.session() && w.session()->epochsDone() >= 1, 30000 * testdata::slowdown());
        QVERIFY(w.saveModel(path));
        const int savedEpochs = latent::Checkpoint::load(path.toStdString()).spec.epochsDone;

        // Cancel keeps the window and the training.
        QList<bool> asked;
        w.setClosePrompt([&](bool training) {
            asked << training;
            return MainWindow::CloseChoice::Cancel;
        });
        QVERIFY(!w.close());
        QVERIFY(w.isTraining());

        // Save: the worker stops within a second and the latest weights are written.
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->epochsDone() > savedEpochs, 30000 * testdata::slowdown());
        w.setClosePrompt([&](bool training) {
            asked << training;
            return MainWindow::CloseChoice::Save;
        });
        QElapsedTimer t;
        t.start();
        QVERIFY(w.close());
        QVERIFY2(t.elapsed() < 1500 * testdata::slowdown(), qPrintable(QString::number(t.elapsed())));
        QCOMPARE(asked, QList<bool>({true, true}));
        QVERIFY(!w.isTraining());
        QVERIFY(!w.hasUnsavedModel());
        QVERIFY(latent::Checkpoint::load(path.toStdString()).spec.epochsDone > savedEpochs);
        win.reset();  // destroying the window after all leaves no thread behind
    }

    void continueTrainingGoesOnWhereTheModelStopped()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 2);
        const InferenceSessionPtr before = w.session();
        QCOMPARE(before->epochsDone(), 2);
        const int pointsBefore = w.lossChart()->historyCsv().count('\n');
        const QString autosaved = w.autosave().path();
        QCOMPARE(latent::Checkpoint::load(autosaved.toStdString()).spec.epochsDone, 2);

        // The form says 3 epochs and latent size 3: continuing takes the epochs as "more" and
        // keeps the model's own settings.
        setForm(w, "vae", 3, 3);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        QTest::keyClick(&w, Qt::Key_F5, Qt::ControlModifier);
        QVERIFY(w.isTraining());
        QVERIFY(finished.wait(120000 * testdata::slowdown()));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QCOMPARE(w.session()->epochsDone(), 5);
        QCOMPARE(w.session()->latentDim(), 2);
        QCOMPARE(w.session()->description(), before->description().replace("2 epochs", "5 epochs"));
        QVERIFY(w.hasUnsavedModel());
        QVERIFY(coreDecode(w.session(), {0.5f, -0.5f}) != coreDecode(before, {0.5f, -0.5f}));
        // The loss chart goes on: the first run's points stay, the new ones follow.
        QVERIFY(w.lossChart()->historyCsv().count('\n') > pointsBefore);
        QCOMPARE(latent::Checkpoint::load(autosaved.toStdString()).spec.epochsDone, 5);

        // Saved with its optimiser state, the model continues later as if never stopped.
        const QString path = dir.filePath("continued.pt");
        QVERIFY(w.saveModel(path));
        const latent::ModelCheckpoint saved = latent::Checkpoint::load(path.toStdString());
        QCOMPARE(saved.spec.epochsDone, 5);
        QVERIFY(!saved.training.optimizer.empty());
        QVERIFY(!QFile::exists(autosaved));  // saved: nothing to restore
    }

    void killedWindowsModelIsOfferedBack()
    {
        // The real program, killed with SIGKILL mid-training as a crash or a power cut ends it.
        const QString org = QCoreApplication::organizationName(), app = QCoreApplication::applicationName();
        QCoreApplication::setOrganizationName("LatentExplorer");
        QCoreApplication::setApplicationName("latent-explorer");
        auto restoreNames = qScopeGuard([&] {
            QCoreApplication::setOrganizationName(org);
            QCoreApplication::setApplicationName(app);
        });
        {
            QSettings s;
            s.setValue("training/dataset", dataDir);
            s.setValue("training/model", "vae");
            s.setValue("training/arch", "mlp");
            s.setValue("training/epochs", 500);
            s.setValue("training/batch", 32);
            s.setValue("training/threads", 1);
        }
        AutosaveStore store;  // the program's folder
        auto autosaves = [&] { return QDir(store.directory()).entryList({"model-*.pt"}, QDir::Files); };
        QProcess program;
        program.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        program.start(testdata::pathFromEnvironment("LATENT_GUI_PATH"), {"--train"});
        QVERIFY(program.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!autosaves().isEmpty(), 60000 * testdata::slowdown());
        ::kill(pid_t(program.processId()), SIGKILL);
        QVERIFY(program.waitForFinished());

        Window win(dataDir);
        MainWindow& w = win.w;
        QVERIFY(!w.session());
        w.offerRestore();
        QCOMPARE(win.questions.size(), 1);
        QVERIFY2(win.questions.first().contains("did not close normally"), qPrintable(win.questions.first()));
        QVERIFY(w.session());
        const int restored = w.session()->epochsDone();
        QVERIFY(restored >= 1);
        QVERIFY(w.hasUnsavedModel());
        QTRY_VERIFY_WITH_TIMEOUT(w.latentView()->pointCount() > 0, 30000 * testdata::slowdown());  // its scatter is on screen

        // It goes on from there, and it is this window's now: another finds nothing to restore.
        setForm(w, "vae", 1);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        w.continueTraining();
        QVERIFY(finished.wait(120000 * testdata::slowdown()));
        QCOMPARE(w.session()->epochsDone(), restored + 1);
        {
            Window other(dataDir);
            other.w.offerRestore();
            QVERIFY(other.questions.isEmpty());
            QVERIFY(!other.w.session());
        }
        // Closing with Discard is deliberate: nothing is left to restore.
        w.setClosePrompt([](bool) { return MainWindow::CloseChoice::Discard; });
        QVERIFY(w.close());
        QVERIFY2(autosaves().isEmpty(), qPrintable(autosaves().join(", ")));
    }

    void openingABadFileKeepsTheModel()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        const InferenceSessionPtr before = w.session();
        const QString junk = dir.filePath("junk.pt");
        {
            QFile f(junk);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a checkpoint");
        }
        QVERIFY(!w.openModel(junk));
        QCOMPARE(win.errors.size(), 1);
        QVERIFY(win.errors.first().contains("junk.pt") || win.errors.first().contains("checkpoint"));
        QCOMPARE(w.session(), before);

        const QString good = dir.filePath("good.pt");
        QVERIFY(w.saveModel(good));
        QVERIFY(w.openModel(good));
        QVERIFY(w.session() != before);
        QVERIFY(!w.hasUnsavedModel());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing() && w.latentView()->pointCount() == kTest, 30000 * testdata::slowdown());
        // The reopened model decodes exactly as the one that was saved.
        QCOMPARE(w.session()->decode({0.3f, -0.2f}), before->decode({0.3f, -0.2f}));
    }

    // A model exported as TorchScript opens as one to explore (scatter, grid, drag), decoding
    // what the model it came from decodes; it is not trained further or saved as a checkpoint.
    void torchScriptExportOpensToExplore()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        const InferenceSessionPtr trained = w.session();
        const QString ts = dir.filePath("model.ts");
        QVERIFY(w.exports()->exportTorchScript(ts));
        QVERIFY(w.openModel(ts));
        QVERIFY(w.session()->isTorchScript());
        QVERIFY(w.session()->description().contains("model.ts"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing() && w.latentView()->pointCount() == kTest, 30000 * testdata::slowdown());
        QVERIFY(!w.latentView()->grid().image.isNull());
        const QImage a = w.session()->decode({0.3f, -0.2f}), b = trained->decode({0.3f, -0.2f});
        QCOMPARE(a.size(), b.size());
        int worst = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) worst = std::max(worst, std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))));
        QVERIFY2(worst <= 1, qPrintable(QString("grey levels differ by %1").arg(worst)));  // rounding only
        for (QAction* act : w.findChildren<QAction*>())
            if (act->text() == WindowActions::tr("&Continue Training") || act->text() == WindowActions::tr("&Save Model"))
                QVERIFY2(!act->isEnabled(), qPrintable(act->text()));
        QVERIFY(!w.saveModel(dir.filePath("again.pt")));
        QVERIFY(!win.errors.isEmpty() && win.errors.last().contains("TorchScript"));
    }

    void exportsWriteFilesAUserCanRead()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1);
        QVERIFY(w.exports()->exportGrid(dir.filePath("grid.png")));
        QCOMPARE(QImage(dir.filePath("grid.png")).size(), QSize(560, 560));
        QVERIFY(w.exports()->exportView(dir.filePath("scatter.png")));
        QCOMPARE(QImage(dir.filePath("scatter.png")).size(), w.latentView()->size());
        QVERIFY(w.exports()->exportCodes(dir.filePath("codes.csv")));
        QFile codes(dir.filePath("codes.csv"));
        QVERIFY(codes.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(codes.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), kTest + 1);
        QCOMPARE(lines.first(), QString("index,label,z0,z1,logvar0,logvar1"));
        QCOMPARE(lines[8].section(',', 1, 1).toInt(), w.dataset().testLabel(7));
        QVERIFY(w.exports()->exportLoss(dir.filePath("loss.csv")));
        QVERIFY(!w.exports()->exportLoss(dir.filePath("no-such-dir/loss.csv")));  // a clear error, no crash
        QCOMPARE(win.errors.size(), 1);
    }

    void latentAboveTwoShowsASliceOfChosenDims()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 1, 3);
        QCOMPARE(w.latentPanel()->latentDim(), 3);
        auto* dimY = w.latentPanel()->findChild<QComboBox*>("dimY");
        QVERIFY(dimY->isVisibleTo(&w));
        dimY->setCurrentIndex(2);
        Q_EMIT dimY->activated(2);
        QCOMPARE(w.latentView()->dimY(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing(), 30000 * testdata::slowdown());
        ExplorerView* view = w.latentView();
        const QPointF at(view->width() / 3.0, view->height() / 3.0);
        sendMouse(view, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
        const std::vector<float> z = w.cursorLatent();
        QCOMPARE(int(z.size()), 3);
        QCOMPARE(z[1], view->codes()->centroid()[1]);  // the dim not shown is held at the codes' mean
        QCOMPARE(z[2], float(view->latentAt(at).y()));
        QCOMPARE(w.previewPanel()->mainView()->image(), coreDecode(w.session(), z));
    }

    void denoiserFromTheFormIsTheWideNetwork()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        QComboBox* model = w.trainingPanel()->modelBox();
        model->setCurrentIndex(model->findData("dae"));
        QCOMPARE(w.trainingPanel()->request().arch, QString("wide"));
        TrainingRequest r = w.trainingPanel()->request();
        r.dataset = dataDir;
        r.epochs = 1;
        r.batchSize = 32;
        w.trainingPanel()->setRequest(r);
        QSignalSpy finished(&w, &MainWindow::trainingFinished);
        QTest::keyClick(&w, Qt::Key_F5);
        QVERIFY(finished.wait(120000 * testdata::slowdown()));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::Outcome>(), TrainingWorker::Finished);
        QVERIFY2(w.session()->description().contains("wide"), qPrintable(w.session()->description()));
        QCOMPARE(w.session()->latentDim(), 32 * 7 * 7);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing() && w.latentView()->pointCount() == kTest, 30000 * testdata::slowdown());
    }

    void generateSamplesInterpolatesAndComparesWithPca()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "vae", 2);
        GeneratePanel* g = w.generatePanel();
        // The sample sheet is the core's decoding of the seeded prior samples; reseeding changes it.
        g->setSampling(16, 7);
        QVERIFY(g->isDecoding());  // off the GUI thread
        QVERIFY(g->waitForSheets());
        torch::NoGradGuard noGrad;
        auto& model = *w.session()->snapshot()->model;
        const torch::Tensor sheet =
            latent::imageSheet(latent::decodeImages(model, latent::samplePrior(16, 2, 7), latent::noLabels()), 4).contiguous();
        const QImage shown = g->sampleView()->image();
        QCOMPARE(shown.size(), QSize(int(sheet.size(1)), int(sheet.size(0))));
        for (int y = 0; y < shown.height(); y += 7)
            for (int x = 0; x < shown.width(); x += 5) QCOMPARE(qGray(shown.pixel(x, y)), int(sheet[y][x].item<uint8_t>()));
        g->setSampling(16, 8);
        QVERIFY(g->waitForSheets());
        QVERIFY(g->sampleView()->image() != shown);
        // The sheet grows with the dock (it stayed ~150 px wide in a dock three times as wide).
        QTRY_VERIFY2(g->sampleView()->height() >= 2 * shown.height() + 30, qPrintable(QString("sheet view %1 x %2 for a %3 px sheet")
                                                                                          .arg(g->sampleView()->width())
                                                                                          .arg(g->sampleView()->height())
                                                                                          .arg(shown.height())));

        // Interpolating between two test digits draws the path in the latent view.
        const auto codes = w.latentView()->codes();
        g->setInterpolation(6, false);
        g->setEndpoint(0, {codes->at(1, 0), codes->at(1, 1)}, "one");
        g->setEndpoint(1, {codes->at(2, 0), codes->at(2, 1)}, "two");
        QVERIFY(g->waitForSheets());
        QCOMPARE(g->path().points.size(), size_t(6));
        QCOMPARE(w.latentView()->pathPoints().size(), 6);
        QCOMPARE(w.latentView()->pathPoints().first(), QPointF(codes->at(1, 0), codes->at(1, 1)));
        QCOMPARE(g->pathView()->image().size(), QSize(6 * 28 + 5 * 2, 28));

        // Latent noise around the selected digit.
        const QPointF pos = w.latentView()->widgetAt(QPointF(codes->at(4, 0), codes->at(4, 1)));
        QTest::mouseClick(w.latentView(), Qt::LeftButton, Qt::NoModifier, pos.toPoint());
        g->setNoise(0.5, 9, 3);
        QVERIFY(g->waitForSheets());
        QCOMPARE(g->noiseView()->image().size(), QSize(3 * 28 + 2 * 2, 3 * 28 + 2 * 2));
        // Beside it, the same noise around the same digit for a plain autoencoder.
        latent::ModelSpec aeSpec;
        aeSpec.kind = latent::ModelKind::Ae;
        aeSpec.arch = latent::Arch::Conv;
        aeSpec.latentDim = 2;
        const QString aePath = dir.filePath("compare-ae.pt");
        latent::Checkpoint::save(aePath.toStdString(), aeSpec, *latent::makeModel(aeSpec));
        QString error;
        QVERIFY2(g->openComparisonModel(aePath, &error), qPrintable(error));
        QVERIFY(g->waitForSheets());
        QCOMPARE(g->comparisonNoiseView()->image().size(), g->noiseView()->image().size());
        QVERIFY(!g->openComparisonModel(dir.filePath("junk-missing.pt"), &error));

        // PCA beside the latent: the same test digits, with both sets of figures, computed once
        // the dock comes forward.
        w.findChild<QDockWidget*>("compareDock")->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isScoring() && w.comparePanel()->summary().contains("Learned latent</b> (vae"),
                                 30000 * testdata::slowdown());
        QCOMPARE(w.comparePanel()->view()->pointCount(), kTest);
        // Titled by principal components, and fitted: the points span the view on one axis at least.
        QCOMPARE(w.comparePanel()->view()->axisName(0), QString("PC1"));
        QCOMPARE(w.comparePanel()->view()->axisName(1), QString("PC2"));
        {
            LatentView* v = w.comparePanel()->view();
            // PC1 against PC2 (the empty codes shown while PCA was computed once reset both to PC1).
            QCOMPARE(v->dimX(), 0);
            QCOMPARE(v->dimY(), 1);
            const QRectF shownArea = v->visibleArea(), points = v->codes()->bounds(0, 1);
            QVERIFY(shownArea.contains(points));
            QVERIFY2(points.width() >= 0.8 * shownArea.width() || points.height() >= 0.8 * shownArea.height(),
                     qPrintable(QString("points %1 x %2 in a view of %3 x %4")
                                    .arg(points.width())
                                    .arg(points.height())
                                    .arg(shownArea.width())
                                    .arg(shownArea.height())));
        }
        QVERIFY2(w.comparePanel()->summary().contains("5-NN"), qPrintable(w.comparePanel()->summary()));
        QVERIFY2(w.comparePanel()->summary().contains("Reconstruction MSE"), qPrintable(w.comparePanel()->summary()));
        // The clicked digit rebuilt from 2 principal components, as the core's PCA does it.
        QTest::mouseClick(w.latentView(), Qt::LeftButton, Qt::NoModifier, pos.toPoint());
        const int hit = w.latentView()->selectedIndex();
        const latent::Pca pca = latent::Pca::fit(w.dataset().splits()->train.allImages().flatten(1), 2);
        const torch::Tensor x = w.dataset().splits()->test.batch(torch::tensor({int64_t(hit)})).flatten(1);
        const torch::Tensor expected = pca.inverseTransform(pca.transform(x)).clamp(0, 1).reshape({28, 28});
        const QImage pcaImage = w.comparePanel()->pcaView()->image();
        QCOMPARE(pcaImage.size(), QSize(28, 28));
        for (int y = 0; y < 28; ++y)
            for (int x2 = 0; x2 < 28; ++x2)
                QVERIFY(std::abs(qGray(pcaImage.pixel(x2, y)) - int(std::lround(expected[y][x2].item<double>() * 255))) <= 2);
    }

    // Behind another dock's tab the Generate panel decodes nothing for each new model (that cost
    // a convolutional model 15-150 ms of the GUI thread per epoch); brought forward, it catches up.
    void hiddenGeneratePanelDecodesWhenShown()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        QDockWidget* generateDock = tabBehind(w, "previewDock", "generateDock");
        QVERIFY(generateDock);
        trainToEnd(w, "vae", 1);
        QVERIFY(w.generatePanel()->sampleView()->image().isNull());
        QVERIFY(w.generatePanel()->warningText().isEmpty());  // the labels are kept up to date
        generateDock->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!w.generatePanel()->sampleView()->image().isNull(), 5000 * testdata::slowdown());
        // Shown, it follows each new model at once.
        const QImage before = w.generatePanel()->sampleView()->image();
        trainToEnd(w, "vae", 2);  // other weights than the 1-epoch model's
        QVERIFY(w.generatePanel()->waitForSheets());
        QVERIFY(w.generatePanel()->sampleView()->image() != before);
    }

    // Behind the Losses tab the PCA Comparison computes nothing (on 60,000 digits its PCA and
    // k-NN take seconds of a core that training needs); brought forward, it scores both.
    void hiddenComparePanelScoresWhenShown()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        QDockWidget* compareDock = tabBehind(w, "lossDock", "compareDock");
        QVERIFY(compareDock);
        QVERIFY(w.loadDataset(dataDir));  // a dataset (re)loaded while the panel is hidden
        trainToEnd(w, "vae", 1);
        QTest::qWait(200);
        QVERIFY(!w.isScoring());
        QCOMPARE(w.comparePanel()->view()->pointCount(), 0);
        QVERIFY(!w.comparePanel()->summary().contains("5-NN"));
        compareDock->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isScoring() && w.comparePanel()->summary().contains("Learned latent</b> (vae"),
                                 30000 * testdata::slowdown());
        QCOMPARE(w.comparePanel()->view()->pointCount(), kTest);
    }

    void conditionalVaeDrawsTheChosenDigit()
    {
        Window win(dataDir);
        MainWindow& w = win.w;
        trainToEnd(w, "cvae", 1);
        QComboBox* digit = nullptr;
        for (QComboBox* c : w.latentPanel()->findChildren<QComboBox*>())
            if (c->count() == 10 && c->itemText(9) == "9") digit = c;
        QVERIFY(digit && digit->isVisibleTo(&w));
        QCOMPARE(w.latentView()->pointCount(), kTest);
        digit->setCurrentIndex(3);
        ExplorerView* view = w.latentView();
        const QPointF at(view->width() / 3.0, view->height() / 2.0);
        sendMouse(view, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
        sendMouse(view, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
        const std::vector<float> z = w.cursorLatent();
        torch::NoGradGuard g;
        auto decodeAs = [&](int d) {
            // The pictures' path (inference/DisplayDecoder: bf16 weights for one point).
            const torch::Tensor img =
                torch::sigmoid(latent::DisplayDecoder(w.session()->snapshot()->model)
                                   .decode(torch::tensor(z).reshape({1, 2}), torch::full({1}, int64_t(d), torch::kLong)))[0][0];
            QImage out(28, 28, QImage::Format_Grayscale8);
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) out.scanLine(y)[x] = uchar(std::lround(img[y][x].item<float>() * 255));
            return out;
        };
        QCOMPARE(w.previewPanel()->mainView()->image(), decodeAs(3));
        digit->setCurrentIndex(7);
        QCOMPARE(w.previewPanel()->mainView()->image(), decodeAs(7));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRefreshing(), 30000 * testdata::slowdown());
        // The Generate dock draws each sampled style as every digit: row d is digit d, as the core
        // decodes it.
        GeneratePanel* gen = w.generatePanel();
        gen->setDigitRows(true);
        gen->setSampling(30, 4);  // 30 samples: 3 styles x 10 digits
        QVERIFY(gen->waitForSheets());
        {
            const latent::ClassRows rows = latent::oneRowPerClass(latent::samplePrior(3, 2, 4), 10);
            const torch::Tensor images = torch::sigmoid(w.session()->snapshot()->model->decode(rows.z, rows.labels)).squeeze(1);
            const torch::Tensor sheet = latent::imageSheet(images, 3).contiguous();
            const QImage shown = gen->sampleView()->image();
            QCOMPARE(shown.size(), QSize(int(sheet.size(1)), int(sheet.size(0))));
            QCOMPARE(shown.size(), QSize(3 * 28 + 2 * 2, 10 * 28 + 9 * 2));
            for (int y = 0; y < shown.height(); y += 3)
                for (int x = 0; x < shown.width(); x += 3) QCOMPARE(qGray(shown.pixel(x, y)), int(sheet[y][x].item<uint8_t>()));
        }
        gen->setDigitRows(false);  // back to the digit chosen above: 30 samples of it
        QVERIFY(gen->waitForSheets());
        QCOMPARE(gen->sampleView()->image().size(), QSize(6 * 28 + 5 * 2, 5 * 28 + 4 * 2));
        // A conditional VAE is variational: its KL is plotted.
        QVERIFY(w.lossChart()->series(LossChart::TrainKl)->isVisible());
        QVERIFY(w.lossChart()->series(LossChart::TrainKl)->count() > 0 && w.lossChart()->series(LossChart::TrainKl)->at(0).y() > 0);
    }

    void adversarialAutoencoderTrainsFromTheForm()
    {
        Window win(dataDir);
        trainToEnd(win.w, "aae", 1);
        QVERIFY(win.w.session()->description().startsWith("aae"));
        QCOMPARE(win.w.latentView()->pointCount(), kTest);
        // The discriminator's and generator's losses are plotted, on their own axis, and exported.
        LossChart* chart = win.w.lossChart();
        QVERIFY(!chart->series(LossChart::TrainKl)->isVisible());  // no KL
        for (LossChart::Series i : {LossChart::Discriminator, LossChart::Generator}) {
            QLineSeries* s = chart->series(i);
            QVERIFY(s->isVisible());
            QCOMPARE(s->count(), chart->trainPointCount());
            QVERIFY(s->at(0).y() > 0 && std::isfinite(s->at(0).y()));
            QVERIFY(!s->attachedAxes().contains(chart->series(LossChart::TrainTotal)->attachedAxes().last()));  // not the loss axis
        }
        const QStringList lines = chart->historyCsv().split('\n');
        QCOMPARE(lines[0], QString("split,epoch,step,total,reconstruction,kl,discriminator,generator"));
        QCOMPARE(lines[1].split(',').size(), 8);
        QVERIFY(lines[1].split(',')[6].toDouble() > 0);
        // Its codes were pulled toward N(0, I): prior samples come without a warning, unlike a
        // plain autoencoder's.
        QVERIFY2(win.w.generatePanel()->warningText().isEmpty(), qPrintable(win.w.generatePanel()->warningText()));
        trainToEnd(win.w, "ae", 1);
        QVERIFY(win.w.generatePanel()->warningText().contains("no prior"));
        // A plain VAE trained next shows none of it.
        trainToEnd(win.w, "vae", 1);
        QVERIFY(!chart->series(LossChart::Discriminator)->isVisible() && chart->series(LossChart::Discriminator)->count() == 0);
        QVERIFY(chart->historyCsv().startsWith("split,epoch,step,total,reconstruction,kl\n"));
    }

    // The separated map trains from the form like any kind: its neighbour KL is plotted (training
    // only), its codes fill the view, and new digits come from its fitted density, no warning.
    void separatedMapTrainsFromTheForm()
    {
        Window win(dataDir);
        trainToEnd(win.w, "map", 2);
        QVERIFY(win.w.session()->description().startsWith("map"));
        QCOMPARE(win.w.latentView()->pointCount(), kTest);
        LossChart* chart = win.w.lossChart();
        QLineSeries* kl = chart->series(LossChart::TrainKl);
        QVERIFY(kl->isVisible());
        QVERIFY(kl->name().contains("neighbour"));
        QVERIFY(kl->count() > 0 && kl->at(0).y() > 0);
        QVERIFY(!chart->series(LossChart::TestKl)->isVisible());
        QVERIFY(!chart->series(LossChart::TestTotal)->isVisible());  // the same as its test reconstruction
        QVERIFY(chart->series(LossChart::TestReconstruction)->count() > 0);
        QVERIFY(!chart->series(LossChart::Discriminator)->isVisible());
        QVERIFY2(win.w.generatePanel()->warningText().isEmpty(), qPrintable(win.w.generatePanel()->warningText()));
        auto sampleTitles = [&] {
            QStringList titles;
            for (const QGroupBox* box : win.w.generatePanel()->findChildren<QGroupBox*>()) titles << box->title();
            return titles.join('|');
        };
        QVERIFY2(sampleTitles().contains("fitted density"), qPrintable(sampleTitles()));
        // A VAE trained next has its own KL series back, and samples from its prior.
        trainToEnd(win.w, "vae", 1);
        QCOMPARE(chart->series(LossChart::TrainKl)->name(), QString("train KL"));
        QVERIFY(chart->series(LossChart::TestKl)->isVisible());
        QVERIFY(chart->series(LossChart::TestTotal)->isVisible());
        QVERIFY2(sampleTitles().contains("prior N(0, I)") && !sampleTitles().contains("fitted"), qPrintable(sampleTitles()));
    }

    void presetsFillTheForm()
    {
        Window win(dataDir);
        TrainingPanel* p = win.w.trainingPanel();
        p->applyPreset(3);  // the recipe (docs/PERFORMANCE.md) for the smoothest VAE map
        TrainingRequest r = p->request();
        QCOMPARE(r.model, QString("vae"));
        QCOMPARE(r.arch, QString("mlp"));
        QCOMPARE(r.epochs, 50);
        QCOMPARE(r.latentDim, 2);
        QCOMPARE(r.beta, 1.0);
        QCOMPARE(r.batchSize, 128);
        p->applyPreset(4);  // "Separated 2-D map": the UMAP map's recipe
        r = p->request();
        QCOMPARE(r.model, QString("map"));
        QCOMPARE(r.epochs, 40);
        QCOMPARE(r.batchSize, 256);
        p->applyPreset(6);
        r = p->request();
        QCOMPARE(r.model, QString("dae"));
        QCOMPARE(r.arch, QString("wide"));
        QCOMPARE(r.noiseStd, 0.5);
        QCOMPARE(r.batchSize, 128);
        // The Device row exists only where this build sees a GPU; without it training asks for auto (the CPU).
        QComboBox* device = p->findChild<QComboBox*>("device");
        QCOMPARE(device != nullptr, latent::hasGpu());
        QCOMPARE(r.device, QString("auto"));
    }

    void settingsPersist()
    {
        {
            Window win(dataDir);
            setForm(win.w, "vae", 7);
            win.w.close();
        }
        Window again(dataDir);
        QCOMPARE(again.w.trainingPanel()->request().epochs, 7);
    }
};

QTEST_MAIN(TestExplorerWindow)
#include "tst_explorerwindow.moc"
