#pragma once
// No torch headers: widgets include this. The data lives in the core's uint8 tensors.
#include <QImage>
#include <QString>
#include <QStringList>

#include <memory>

namespace latent {
struct DatasetSplits;
}

// The GUI's handle on a loaded dataset (train and test splits of the core). Cheap to copy and
// safe to share with background jobs: the data is never modified after loading.
class DigitDataset {
public:
    DigitDataset() = default;
    // Loads "mnist", "fashion-mnist" or a folder of IDX files; on failure returns an empty dataset
    // and sets *error to a message that says where it looked and how to get data.
    static DigitDataset load(const QString& nameOrDir, QString* error);
    // Where a name is looked for, in order (shown when nothing is found).
    static QStringList searchedPlaces(const QString& nameOrDir);
    static QString dataRoot();
    // Shares splits the core has loaded (the training worker's own copy).
    static DigitDataset wrap(std::shared_ptr<const latent::DatasetSplits> splits);

    bool isEmpty() const { return !d_; }
    QString name() const;
    QString directory() const;
    int trainCount() const;
    int testCount() const;
    QImage testImage(int index) const;  // 28x28 Grayscale8
    int testLabel(int index) const;
    int numClasses() const;
    // Names of the classes where they are not digits (Fashion-MNIST's clothes); empty otherwise.
    QStringList classNames() const;

    const latent::DatasetSplits* splits() const { return d_.get(); }

private:
    std::shared_ptr<const latent::DatasetSplits> d_;
};
