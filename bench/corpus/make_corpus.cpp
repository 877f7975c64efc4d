// latent-digit-corpus: writes the digit-picture corpus (see DigitCorpus.h) as PNG files and a
// labels.tsv that `latent-cli preprocess-eval` scores.
#include "DigitCorpus.h"

#include "data/DatasetLocator.h"

#include <QDir>
#include <QGuiApplication>

#include <iostream>
#include <set>

namespace {

int usage()
{
    std::cerr << "usage: latent-digit-corpus --out DIR [--per-kind N (40)] [--kinds a,b,...] [--seed N (1)] [--data mnist]\n"
                 "kinds: "
              << DigitCorpus::kinds().join(", ").toStdString() << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);  // fonts
    QString out, data = "mnist";
    int perKind = 40;
    uint32_t seed = 1;
    QStringList kinds = DigitCorpus::kinds();
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == "--out" && hasValue)
            out = args[++i];
        else if (a == "--per-kind" && hasValue)
            perKind = args[++i].toInt();
        else if (a == "--kinds" && hasValue)
            kinds = args[++i].split(',');
        else if (a == "--seed" && hasValue)
            seed = args[++i].toUInt();
        else if (a == "--data" && hasValue)
            data = args[++i];
        else
            return usage();
    }
    if (out.isEmpty() || perKind < 1) return usage();
    for (const QString& k : kinds)
        if (!DigitCorpus::kinds().contains(k)) {
            std::cerr << "unknown kind: " << k.toStdString() << "\n";
            return usage();
        }
    try {
        // MNIST *test* digits only: the scores use the training digits as neighbours.
        std::vector<DigitGlyph> mnist;
        const latent::DatasetSplits splits = latent::DatasetLocator::load(data.toStdString());
        const torch::Tensor images = splits.test.images.contiguous();
        const int64_t n = std::min<int64_t>(images.size(0), 5000);
        for (int64_t i = 0; i < n; ++i) {
            QImage digit(images[i].data_ptr<uint8_t>(), 28, 28, 28, QImage::Format_Grayscale8);
            mnist.push_back(
                DigitCorpus::mnistGlyph(int(splits.test.labels[i].item<uint8_t>()), digit.copy(), QString("MNIST test #%1").arg(i)));
        }
        DigitCorpus corpus(std::move(mnist), seed);
        QDir().mkpath(out);
        QFile tsv(out + "/labels.tsv");
        if (!tsv.open(QIODevice::WriteOnly | QIODevice::Text)) throw std::runtime_error("cannot write " + out.toStdString());
        tsv.write("file\tkind\tlabel\tclean\toriginal\tsource\tnote\n");
        int written = 0;
        for (const QString& kind : kinds) {
            QDir().mkpath(out + "/" + kind);
            int index = 0;
            for (const CorpusPicture& pic : corpus.make(kind, perKind)) {
                const QString stem = QString("%1/%1-%2-%3").arg(kind).arg(index++, 3, 10, QChar('0')).arg(pic.label);
                const QString clean = stem + "-clean.png", original = pic.original.isNull() ? QString() : stem + "-original.png";
                if (!pic.image.save(out + "/" + stem + ".png") || !pic.clean.save(out + "/" + clean) ||
                    (!original.isEmpty() && !pic.original.save(out + "/" + original)))
                    throw std::runtime_error("cannot write pictures under " + out.toStdString());
                QString source = pic.source, note = pic.note;
                source.replace('\t', ' ');
                note.replace('\t', ' ');
                tsv.write(
                    QString("%1.png\t%2\t%3\t%4\t%5\t%6\t%7\n").arg(stem, kind).arg(pic.label).arg(clean, original, source, note).toUtf8());
                ++written;
            }
        }
        std::cout << "wrote " << written << " pictures of " << kinds.size() << " kinds to " << out.toStdString()
                  << " (fonts: " << DigitCorpus::fontFamilies().join(", ").toStdString() << ")\n";
    } catch (const std::exception& e) {
        std::cerr << "latent-digit-corpus: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
