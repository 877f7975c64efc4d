// "Your digit" in the window: pictures opened, drawn, dropped and pasted go through the core's
// preprocessing, the denoiser and the super-resolution model exactly as the core computes them;
// bad pictures are refused with a reason and lose nothing.
// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "persistence/Checkpoint.h"
#include "image/DigitRestoration.h"
#include "widgets/DigitView.h"
#include "widgets/DrawingCanvas.h"
#include "ImageFile.h"
#include "widgets/ExplorerView.h"
#include "widgets/MainWindow.h"
#include "models/ModelFactory.h"
#include "widgets/OwnDigitPanel.h"
#include "TestData.h"

#include <QClipboard>
#include <QImageReader>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QtTest>
#endif

using namespace latent;

class TestOwnDigitPanel : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString seven, dae, sr, vae, dataDir;

    QString saveModel(ModelKind kind, const QString& name)
    {
        ModelSpec spec;
        spec.kind = kind;
        spec.arch = kind == ModelKind::Vae ? Arch::Mlp : kind == ModelKind::Dae ? Arch::Wide : Arch::Conv;
        spec.latentDim = kind == ModelKind::Vae ? 2 : 0;
        spec.dataset = dataDir.toStdString();
        torch::manual_seed(1);
        Autoencoder m = makeModel(spec);
        const QString path = dir.filePath(name);
        Checkpoint::save(path.toStdString(), spec, *m);
        return path;
    }

    static QImage photoOfASeven()
    {
        QImage page(240, 320, QImage::Format_RGB32);
        page.fill(QColor(215, 212, 205));
        QPainter p(&page);
        p.setRenderHint(QPainter::Antialiasing);
        p.translate(120, 160);
        p.rotate(-6);
        p.setPen(QPen(QColor(30, 30, 40), 18, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(QPolygonF({QPointF(-60, -100), QPointF(60, -100), QPointF(-10, 110)}));
        return page;
    }

    // Opens a picture as the panel does (off the GUI thread) and waits: whether it was shown.
    static bool opened(OwnDigitPanel& panel, const QString& path)
    {
        panel.openPicture(path);
        return panel.waitForPicture();
    }

    QString write(const QString& name, const QByteArray& bytes)
    {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return dir.filePath(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", dir.filePath("config").toUtf8());
        qputenv("LATENT_DATA_DIR", dir.filePath("data").toUtf8());
        dataDir = dir.filePath("digits");
        QVERIFY(QDir().mkpath(dataDir));
        testdata::writeIdxFolder(dataDir.toStdString(), testdata::syntheticSplits(64, 20));
        seven = dir.filePath("seven.jpg");
        QVERIFY(photoOfASeven().save(seven, "JPEG", 70));
        testdata::keepAsFuzzSeed("image", seven.toStdString());
        dae = saveModel(ModelKind::Dae, "dae.pt");
        sr = saveModel(ModelKind::Sr, "sr.pt");
        vae = saveModel(ModelKind::Vae, "vae.pt");
    }

    void openedPictureShowsEveryStageAsTheCoreMakesIt()
    {
        OwnDigitPanel panel;
        QVERIFY(opened(panel, seven));
        const PreprocessResult expected = preprocessDigit(ImageFile::read(seven));
        QCOMPARE(panel.stageCount(), 6);
        for (int i = 0; i < 6; ++i) {
            QVERIFY(!panel.stageView(i)->image().isNull());
            QCOMPARE(panel.stageView(i)->caption(), QString::fromStdString(expected.stages[size_t(i)].name));
        }
        QCOMPARE(panel.stageView(5)->image(), ImageFile::toImage(expected.digit));
        QVERIFY(panel.preprocessed().inverted);
        // Any stage saves as a PNG of its own size.
        QVERIFY(panel.stageView(5)->saveImage(dir.filePath("stage.png")));
        QCOMPARE(QImage(dir.filePath("stage.png")).size(), QSize(28, 28));
        testdata::keepAsFuzzSeed("image", dir.filePath("stage.png").toStdString());
    }

    // A phone-sized photo is read and preprocessed off the GUI thread, decoded no larger than the
    // preprocessing works at, and a picture opened after it wins over it.
    void largePhotoLoadsInTheBackgroundAndTheNewestWins()
    {
        const QString big = dir.filePath("big-seven.jpg");
        QVERIFY(photoOfASeven().scaled(3000, 4000, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).save(big, "JPEG", 80));
        OwnDigitPanel panel;
        panel.openPicture(big);
        QVERIFY(panel.isLoadingPicture());  // the call returned while the work goes on
        QVERIFY(panel.waitForPicture());
        QCOMPARE(panel.stageView(0)->image().size(), QSize(768, 1024));
        bool said = false;
        for (QLabel* l : panel.findChildren<QLabel*>()) said = said || l->text().contains("big-seven.jpg, 3000x4000 pixels");
        QVERIFY(said);
        const QImage bigDigit = panel.cleanView()->image();

        // Opened one after the other: only the last is shown, whatever finishes first.
        OwnDigitPanel other;
        other.openPicture(big);
        other.openPicture(seven);
        QVERIFY(other.waitForPicture());
        const PreprocessResult expected = preprocessDigit(ImageFile::read(seven));
        QCOMPARE(other.cleanView()->image(), ImageFile::toImage(expected.digit));
        QCOMPARE(other.stageView(0)->image().size(), QSize(240, 320));
        QVERIFY(bigDigit.size() == QSize(28, 28));
    }

    void sixteenBitAndAlphaPicturesGiveTheSameDigit()
    {
        // The same drawing as 8-bit RGB JPEG, 16-bit grayscale PNG and 16-bit RGBA PNG whose paper
        // is transparent: one digit.
        const QImage page = photoOfASeven();
        const QString gray16 = dir.filePath("seven16.png"), rgba64 = dir.filePath("seven-alpha.png");
        QVERIFY(page.convertToFormat(QImage::Format_Grayscale16).save(gray16));
        QImage alpha = page.convertToFormat(QImage::Format_RGBA64);
        for (int y = 0; y < alpha.height(); ++y)
            for (int x = 0; x < alpha.width(); ++x)
                if (qGray(page.pixel(x, y)) > 150) alpha.setPixelColor(x, y, QColor(255, 255, 255, 0));
        QVERIFY(alpha.save(rgba64));
        for (const QString& f : {gray16, rgba64}) testdata::keepAsFuzzSeed("image", f.toStdString());
        OwnDigitPanel a, b, c;
        QVERIFY(opened(a, seven));
        QVERIFY(opened(b, gray16));
        QVERIFY(opened(c, rgba64));
        QCOMPARE(QImageReader(gray16).imageFormat(), QImage::Format_Grayscale16);
        QVERIFY(c.preprocessed().stages[0].note.find("alpha") != std::string::npos);
        for (const OwnDigitPanel* p : {&b, &c}) {
            double diff = 0;
            for (size_t i = 0; i < 28 * 28; ++i) diff += std::abs(p->preprocessed().digit.gray[i] - a.preprocessed().digit.gray[i]);
            QVERIFY2(diff / (28 * 28) < 0.03, qPrintable(QString::number(diff / (28 * 28))));
        }
    }

    void badPicturesAreRefusedAndTheDigitStays()
    {
        OwnDigitPanel panel;
        QVERIFY(opened(panel, seven));
        const QImage before = panel.stageView(5)->image();
        QImage blank(50, 50, QImage::Format_RGB32);
        blank.fill(Qt::white);
        blank.save(dir.filePath("blank.png"));
        QImage dot(1, 1, QImage::Format_RGB32);
        dot.fill(Qt::black);
        dot.save(dir.filePath("dot.png"));
        for (const char* f : {"blank.png", "dot.png"}) testdata::keepAsFuzzSeed("image", dir.filePath(f).toStdString());
        const QList<QPair<QString, QString>> cases = {{write("text.png", "not a picture at all\n"), "not an image"},
                                                      {write("empty.jpg", QByteArray()), "empty"},
                                                      {dir.filePath("blank.png"), "no ink"},
                                                      {dir.filePath("dot.png"), "1x1"}};
        for (const auto& [path, reason] : cases) {
            QVERIFY2(!opened(panel, path), qPrintable(path));
            QVERIFY2(panel.errorText().contains(reason), qPrintable(panel.errorText()));
            QCOMPARE(panel.stageView(5)->image(), before);
            QVERIFY(panel.hasDigit());
        }
        QVERIFY(opened(panel, seven));
        QVERIFY(panel.errorText().isEmpty());
    }

    void denoiserOutputIsTheCoresAndFollowsTheSlider()
    {
        OwnDigitPanel panel;
        QVERIFY(panel.openDenoiser(dae));
        QVERIFY(opened(panel, seven));
        panel.setNoise(0.5, 3);
        const ModelCheckpoint m = Checkpoint::load(dae.toStdString());
        const DenoiseResult r = denoiseDigit(*m.model, m.spec, panel.preprocessed().digit, 0.5, 3);
        QCOMPARE(panel.noisyView()->image(), ImageFile::toImage(toGrayImage(r.noisy)));
        QCOMPARE(panel.denoisedView()->image(), ImageFile::toImage(toGrayImage(r.output)));
        QVERIFY2(panel.noisyView()->caption().contains(QString::number(r.psnrNoisy, 'f', 1)), qPrintable(panel.noisyView()->caption()));
        const QImage noisy3 = panel.noisyView()->image();
        panel.setNoise(0.5, 4);
        QVERIFY(panel.noisyView()->image() != noisy3);
        panel.setNoise(0.0, 4);
        QCOMPARE(panel.noisyView()->image(), panel.cleanView()->image());
        // A super-resolution model is no denoiser.
        QVERIFY(!panel.openDenoiser(sr));
        QVERIFY(panel.errorText().contains("super-resolution"));
    }

    void superResolutionShowsSmallModelAndBilinear()
    {
        OwnDigitPanel panel;
        QVERIFY(!panel.openUpscaler(dae));
        QVERIFY(panel.errorText().contains("not super-resolution"));
        QVERIFY(panel.openUpscaler(sr));
        QVERIFY(opened(panel, seven));
        QCOMPARE(panel.smallView()->image().size(), QSize(14, 14));
        QCOMPARE(panel.upscaledView()->image().size(), QSize(28, 28));
        QCOMPARE(panel.bilinearView()->image().size(), QSize(28, 28));
        const ModelCheckpoint m = Checkpoint::load(sr.toStdString());
        const UpscaleResult r = upscaleDigit(*m.model, m.spec, panel.preprocessed().digit);
        QCOMPARE(panel.upscaledView()->image(), ImageFile::toImage(toGrayImage(r.output)));
    }

    void oneClickTrainsADenoiserThatIsKeptForNextTime()
    {
        // "mnist" is the tiny generated dataset here; the kept models go to a folder of the test's.
        QVERIFY(QDir().mkpath(dir.filePath("data/mnist")));
        testdata::writeIdxFolder(dir.filePath("data/mnist").toStdString(), testdata::syntheticSplits(64, 20));
        const QString kept = dir.filePath("kept");
        qputenv("LATENT_MODELS_DIR", kept.toUtf8());
        auto restore = qScopeGuard([] { qunsetenv("LATENT_MODELS_DIR"); });
        QString error;
        const InferenceSessionPtr explorer = InferenceSession::open(vae, &error);
        QVERIFY2(explorer, qPrintable(error));
        {
            OwnDigitPanel panel;
            panel.show();
            panel.setExplorerModel(explorer);
            QVERIFY(opened(panel, seven));
            // The explorer's VAE can reconstruct but was not trained to denoise: the panel says so
            // and offers to train a denoiser; without one there is no super-resolution either.
            QVERIFY2(panel.denoiserText().contains("not trained to remove noise"), qPrintable(panel.denoiserText()));
            QVERIFY(panel.trainDenoiserButton()->isVisible());
            QVERIFY(panel.upscalerText().contains("No super-resolution model"));
            QVERIFY(!panel.trainUpscalerButton()->isHidden());  // under the folded Super-resolution
            const QImage byVae = panel.denoisedView()->image();

            QTest::mouseClick(panel.trainDenoiserButton(), Qt::LeftButton);
            QVERIFY(panel.isTraining());
            QVERIFY(!panel.trainDenoiserButton()->isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 120000 * testdata::slowdown());
            QVERIFY2(!panel.errorText().contains("did not finish"), qPrintable(panel.errorText()));
            QVERIFY(QFile::exists(kept + "/denoiser.pt"));
            QVERIFY2(panel.denoiserText().contains("the kept dae"), qPrintable(panel.denoiserText()));
            QVERIFY(!panel.trainDenoiserButton()->isVisible());
            QVERIFY(panel.denoisedView()->image() != byVae);  // the dae does the work now

            // Super-resolution the same way, from its folded section.
            panel.showSuperResolution(true);
            QTest::mouseClick(panel.trainUpscalerButton(), Qt::LeftButton);
            QVERIFY(panel.isTraining());
            QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 120000 * testdata::slowdown());
            QVERIFY(QFile::exists(kept + "/upscaler-x2.pt"));
            QVERIFY2(panel.upscalerText().contains("the kept sr"), qPrintable(panel.upscalerText()));
            QCOMPARE(panel.upscaledView()->image().size(), QSize(28, 28));
        }
        {
            OwnDigitPanel nextStart;  // finds it
            nextStart.setExplorerModel(explorer);
            QVERIFY2(nextStart.denoiserText().contains("the kept dae"), qPrintable(nextStart.denoiserText()));
        }
        // Cancelled: nothing new is kept, and the panel says so.
        QVERIFY(QFile::remove(kept + "/denoiser.pt"));
        OwnDigitPanel panel;
        panel.show();
        panel.setExplorerModel(explorer);
        panel.trainDenoiser();
        QVERIFY(panel.isTraining());
        for (QPushButton* b : panel.findChildren<QPushButton*>())
            if (b->text() == "Cancel" && b->isVisible()) QTest::mouseClick(b, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isTraining(), 60000 * testdata::slowdown());
        QVERIFY(!QFile::exists(kept + "/denoiser.pt"));
        QVERIFY2(panel.errorText().contains("cancelled"), qPrintable(panel.errorText()));
        QVERIFY(panel.trainDenoiserButton()->isVisible());
    }

    void aPictureOfTwoDigitsSaysTheLargestWasTaken()
    {
        QImage page(300, 200, QImage::Format_RGB32);
        page.fill(Qt::white);
        {
            QPainter p(&page);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(Qt::black, 12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPolyline(QPolygonF({QPointF(40, 40), QPointF(120, 40), QPointF(70, 170)}));  // a large 7
            p.setPen(QPen(Qt::black, 6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(QPointF(240, 90), QPointF(240, 150));  // a smaller 1 beside it
        }
        OwnDigitPanel panel;
        panel.setPicture(page, "two digits");
        QVERIFY(panel.waitForPicture());
        QVERIFY(panel.findChildren<QLabel*>().size() > 0);
        bool said = false;
        for (QLabel* l : panel.findChildren<QLabel*>()) said = said || l->text().contains("the largest was taken");
        QVERIFY(said);
        QVERIFY(panel.stageView(3)->image().width() < 150);  // cropped to the 7 alone
    }

    void drawingADigitPreprocessesIt()
    {
        OwnDigitPanel panel;
        panel.resize(500, 1400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        DrawingCanvas* c = panel.canvas();
        const int s = std::min(c->width(), c->height());
        const QPoint o((c->width() - s) / 2, (c->height() - s) / 2);
        QTest::mousePress(c, Qt::LeftButton, Qt::NoModifier, o + QPoint(s / 2, s / 6));
        for (int i = 1; i <= 10; ++i) QTest::mouseMove(c, o + QPoint(s / 2, s / 6 + i * s * 2 / 30));
        QTest::mouseRelease(c, Qt::LeftButton, Qt::NoModifier, o + QPoint(s / 2, s * 5 / 6));
        QVERIFY(!c->isBlank());
        QVERIFY(panel.waitForPicture());
        QVERIFY(panel.hasDigit());
        QVERIFY(panel.preprocessed().inverted);  // drawn dark on white paper
        // A vertical stroke: 20 px tall, thin.
        const QImage d = panel.stageView(5)->image();
        int top = 28, bottom = -1, left = 28, right = -1;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x)
                if (qGray(d.pixel(x, y)) > 50)
                    top = std::min(top, y), bottom = std::max(bottom, y), left = std::min(left, x), right = std::max(right, x);
        QCOMPARE(bottom - top + 1, 20);
        QVERIFY(right - left < 8);
    }

    void windowMarksTheDigitAndTakesDropsAndPastes()
    {
        MainWindow w;
        w.setErrorReporter([](const QString&, const QString&) {});
        w.setClosePrompt([](bool) { return MainWindow::CloseChoice::Discard; });
        QVERIFY(w.loadDataset(dataDir));
        QVERIFY(w.openModel(vae));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // Drop a picture file on the window.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(seven)});
        QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(w.ownDigitPanel()->isLoadingPicture());  // read off the GUI thread
        QVERIFY(w.ownDigitPanel()->waitForPicture());
        QVERIFY(w.ownDigitPanel()->hasDigit());

        // Its code is marked in the latent view, at the model's mean for it.
        const DigitEncoding e = w.session()->encodeDigit(w.ownDigitPanel()->preprocessed().digit);
        QCOMPARE(int(e.mean.size()), 2);
        QVERIFY(w.latentView()->hasMarker());
        QCOMPARE(w.latentView()->markerPoint(), QPointF(e.mean[0], e.mean[1]));
        QCOMPARE(w.ownDigitPanel()->reconstructionView()->image(), e.reconstruction);

        // Paste an image from the clipboard (Ctrl+V).
        w.ownDigitPanel()->clear();
        QVERIFY(!w.latentView()->hasMarker());
        QApplication::clipboard()->setImage(photoOfASeven());
        QTest::keyClick(&w, Qt::Key_V, Qt::ControlModifier);
        QVERIFY(w.ownDigitPanel()->waitForPicture());
        QVERIFY(w.ownDigitPanel()->hasDigit());
        QVERIFY(w.latentView()->hasMarker());
    }
};

QTEST_MAIN(TestOwnDigitPanel)
#include "tst_owndigitpanel.moc"
