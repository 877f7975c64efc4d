#include "session/DigitDataset.h"

#include "data/DatasetLocator.h"

DigitDataset DigitDataset::load(const QString& nameOrDir, QString* error)
{
    DigitDataset out;
    try {
        auto splits = std::make_shared<latent::DatasetSplits>(latent::DatasetLocator::load(nameOrDir.toStdString()));
        if (splits->test.size() == 0) throw std::runtime_error("the test split of " + splits->directory + " is empty");
        out.d_ = std::move(splits);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
    }
    return out;
}

DigitDataset DigitDataset::wrap(std::shared_ptr<const latent::DatasetSplits> splits)
{
    DigitDataset out;
    out.d_ = std::move(splits);
    return out;
}

QStringList DigitDataset::searchedPlaces(const QString& nameOrDir)
{
    QStringList out;
    for (const std::string& s : latent::DatasetLocator::candidates(nameOrDir.toStdString())) out << QString::fromStdString(s);
    return out;
}

QString DigitDataset::dataRoot() { return QString::fromStdString(latent::DatasetLocator::dataRoot()); }

QString DigitDataset::name() const { return d_ ? QString::fromStdString(d_->name) : QString(); }
QString DigitDataset::directory() const { return d_ ? QString::fromStdString(d_->directory) : QString(); }
int DigitDataset::trainCount() const { return d_ ? int(d_->train.size()) : 0; }
int DigitDataset::testCount() const { return d_ ? int(d_->test.size()) : 0; }
int DigitDataset::numClasses() const { return d_ ? d_->test.numClasses() : 0; }

QImage DigitDataset::testImage(int index) const
{
    if (!d_ || index < 0 || index >= testCount()) return {};
    const torch::Tensor img = d_->test.images[index].contiguous();
    const int h = int(img.size(0)), w = int(img.size(1));
    QImage out(w, h, QImage::Format_Grayscale8);
    const uint8_t* src = img.data_ptr<uint8_t>();
    for (int y = 0; y < h; ++y) std::memcpy(out.scanLine(y), src + y * w, size_t(w));
    return out;
}

int DigitDataset::testLabel(int index) const
{
    if (!d_ || index < 0 || index >= testCount()) return -1;
    return int(d_->test.labels[index].item<uint8_t>());
}

QStringList DigitDataset::classNames() const
{
    const bool fashion = name().contains("fashion", Qt::CaseInsensitive) || directory().contains("fashion", Qt::CaseInsensitive);
    if (!fashion) return {};
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}
