// moc reads only this file's test class: without the headers (LibTorch's above all) it runs in
// under a second instead of six.
#ifndef Q_MOC_RUN
#include "persistence/Checkpoint.h"
#include "runtime/ComputeDevice.h"
#include "runtime/TorchDevice.h"
#include "training/Trainer.h"
#include "training/TrainingPlan.h"
#include "TestData.h"

#include <QTemporaryDir>
#include <torch/cuda.h>
#include <QtTest>
#endif

using namespace latent;

// Where commands compute (--device, the window's Device row) and what moves between devices:
// checkpoints are CPU files whatever device trained them.
class TestComputeDevice : public QObject {
    Q_OBJECT

    QTemporaryDir dir;

private Q_SLOTS:
    void initTestCase() { at::set_num_threads(2); }

    // auto takes a GPU only where there is one; cpu is always there and listed first.
    void autoAndCpuResolve()
    {
        QCOMPARE(resolveDevice("cpu"), std::string("cpu"));
        QCOMPARE(resolveDevice("auto"), std::string(hasGpu() ? "cuda:0" : "cpu"));
        const std::vector<ComputeDeviceInfo> devices = computeDevices();
        QVERIFY(!devices.empty());
        QCOMPARE(devices.front().name, std::string("cpu"));
        QCOMPARE(int(devices.size()), 1 + int(torch::cuda::is_available() ? torch::cuda::device_count() : 0));
        QCOMPARE(torchDevice("cpu"), torch::Device(torch::kCPU));
    }

    // Words that name no device are refused as such, whatever the build.
    void unknownWordsAreRefused_data()
    {
        QTest::addColumn<QString>("choice");
        for (const char* c : {"gpu", "CUDA", "cuda:", "cuda:x", "cuda:-1", "cuda:1:2", "cpu0", ""}) QTest::newRow(c) << QString(c);
    }
    void unknownWordsAreRefused()
    {
        QFETCH(QString, choice);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveDevice(choice.toStdString()));
    }

    // A GPU this build or machine does not have: refused with what to do instead.
    void missingGpuIsRefusedWithWhatToDo()
    {
        if (hasGpu()) {
            const std::string past = "cuda:" + std::to_string(torch::cuda::device_count());
            QVERIFY_THROWS_EXCEPTION(DeviceUnavailable, resolveDevice(past));
            QCOMPARE(resolveDevice("cuda"), std::string("cuda:0"));
            return;
        }
        for (const char* c : {"cuda", "cuda:0", "cuda:3"}) {
            try {
                resolveDevice(c);
                QFAIL("a GPU was resolved on a build without one");
            } catch (const DeviceUnavailable& e) {
                const QString why = e.what();
                QVERIFY2(why.contains("--device cpu") && why.contains("no CUDA"), qPrintable(why));
            }
        }
    }

    // A checkpoint saved from a GPU run (its spec says "device": "cuda:0"; the weights are written
    // from CPU copies, as Checkpoint::save always does) opens on this build with the same weights,
    // and resuming trains on the CPU and records that.
    void gpuSavedCheckpointOpensAndGoesOnOnTheCpu()
    {
        const DatasetSplits data = testdata::syntheticSplits(200, 50);
        RunRequest request;
        request.model = "vae";
        request.arch = "mlp";
        request.settings["batch"] = "50";
        TrainingPlan plan = TrainingPlan::start(request);
        plan.setEpochs(1);
        QCOMPARE(plan.options.device, std::string("cpu"));
        Trainer first(plan.model, plan.spec, plan.options);
        QCOMPARE(int(first.train(data.train).status), int(TrainStatus::Finished));
        ModelSpec spec = plan.spec;
        spec.epochsDone = 1;
        spec.hyperParameters["device"] = "cuda:0";  // as TrainingPlan::setDevice records a GPU run
        const std::string file = dir.filePath("gpu.pt").toStdString();
        Checkpoint::save(file, spec, *plan.model, first.state());

        const ModelCheckpoint saved = Checkpoint::load(file);
        QCOMPARE(saved.spec.hyperParameters.at("device"), std::string("cuda:0"));
        const auto a = plan.model->named_parameters(), b = saved.model->named_parameters();
        for (const auto& p : a) {
            QCOMPARE(b[p.key()].device(), torch::Device(torch::kCPU));
            QVERIFY2(torch::equal(b[p.key()], p.value()), p.key().c_str());
        }

        TrainingPlan resumed = TrainingPlan::resume(saved, file);
        QCOMPARE(resumed.options.device, std::string("cpu"));  // the stored device is not a setting a run keeps
        resumed.setDevice(resolveDevice("auto"));
        resumed.setEpochs(2);
        Trainer second(resumed.model, resumed.spec, resumed.options);
        second.setResumeState(resumed.state);
        const TrainResult r = second.train(data.train);
        QCOMPARE(int(r.status), int(TrainStatus::Finished));
        QCOMPARE(r.epochsDone, 2);
        QCOMPARE(resumed.spec.hyperParameters.at("device"), resolveDevice("auto"));
        QCOMPARE(deviceOf(*resumed.model), torchDevice(resolveDevice("auto")));
        QVERIFY(!torch::equal(resumed.model->named_parameters()["encoder_hidden.weight"], a["encoder_hidden.weight"]));
    }
};

QTEST_GUILESS_MAIN(TestComputeDevice)
#include "tst_computedevice.moc"
