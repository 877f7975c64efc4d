#include "Commands.h"

#include "ArgParser.h"
#include "JsonWriter.h"

#include "analysis/Analysis.h"
#include "data/DatasetLocator.h"
#include "image/DigitComparison.h"
#include "image/DigitPreprocessor.h"
#include "ImageFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

using namespace latent;

namespace {

// One row of a corpus's labels.tsv: file, kind, label, clean, original, source, note (paths
// relative to the corpus folder; clean and original may be empty).
struct CorpusRow {
    QString file, kind, clean, original, source;
    int label = -1;
};

std::vector<CorpusRow> readCorpus(const QString& dir)
{
    QFile f(dir + "/labels.tsv");
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        throw std::runtime_error((dir + "/labels.tsv").toStdString() + " cannot be read: make a corpus with bench/digit_corpus.sh");
    QTextStream in(&f);
    std::vector<CorpusRow> rows;
    int line = 0;
    while (!in.atEnd()) {
        const QStringList cols = in.readLine().split('\t');
        if (++line == 1 || cols.size() < 3) continue;  // the header
        CorpusRow r;
        r.file = cols[0];
        r.kind = cols[1];
        bool ok = false;
        r.label = cols[2].toInt(&ok);
        if (!ok || r.label < 0 || r.label > 9)
            throw std::runtime_error("labels.tsv line " + std::to_string(line) + ": the label is not a digit");
        if (cols.size() > 3) r.clean = cols[3];
        if (cols.size() > 4) r.original = cols[4];
        if (cols.size() > 5) r.source = cols[5];
        rows.push_back(r);
    }
    if (rows.empty()) throw std::runtime_error((dir + "/labels.tsv").toStdString() + " lists no pictures");
    return rows;
}

torch::Tensor pixels(const GrayImage& digit)
{
    return torch::from_blob(const_cast<float*>(digit.gray.data()), {int64_t(digit.gray.size())}).clone();
}

struct KindFigures {
    int n = 0, refused = 0, rightPre = 0, rightNaive = 0, rightClean = 0, withOriginal = 0, originalMatch = 0;
    std::vector<double> cleanCorrelation;
};

double median(std::vector<double> v)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Every picture of the corpus as the preprocessing, a naive resize and the plain drawing give it.
struct CorpusDigits {
    torch::Tensor pre, naive, clean;              // [n, 784]; zeros where there is none
    std::vector<std::string> refusal;             // why the preprocessing refused a picture ("": it did not)
    std::vector<double> cleanCorr, originalCorr;  // -1: nothing to compare with
};

CorpusDigits readDigits(const QString& dir, const std::vector<CorpusRow>& rows)
{
    const int64_t n = int64_t(rows.size());
    CorpusDigits d{torch::zeros({n, 784}),
                   torch::zeros({n, 784}),
                   torch::zeros({n, 784}),
                   std::vector<std::string>(rows.size()),
                   std::vector<double>(rows.size(), -1),
                   std::vector<double>(rows.size(), -1)};
    for (size_t i = 0; i < rows.size(); ++i) {
        const CorpusRow& r = rows[i];
        GrayImage picture;
        try {
            picture = ImageFile::read(dir + "/" + r.file);
        } catch (const ImageFileError& e) {
            d.refusal[i] = e.what();
            continue;
        }
        d.naive[int64_t(i)] = pixels(naiveDigit(picture));
        GrayImage digit;
        try {
            digit = preprocessDigit(picture).digit;
            d.pre[int64_t(i)] = pixels(digit);
        } catch (const PreprocessError& e) {
            d.refusal[i] = e.what();
        }
        if (!r.clean.isEmpty()) {
            const GrayImage reference = preprocessDigit(ImageFile::read(dir + "/" + r.clean)).digit;
            d.clean[int64_t(i)] = pixels(reference);
            if (!digit.empty()) d.cleanCorr[i] = bestShiftedCorrelation(reference, digit);
        }
        if (!r.original.isEmpty() && !digit.empty())
            d.originalCorr[i] = bestShiftedCorrelation(ImageFile::read(dir + "/" + r.original), digit);
    }
    return d;
}

struct Predictions {
    torch::Tensor pre, naive, clean;
};

// The figures per kind of picture (in the corpus's order) and for all, and a line per picture in
// `report` when it is open.
std::vector<std::pair<QString, KindFigures>> tally(const std::vector<CorpusRow>& rows, const CorpusDigits& d, const Predictions& pred,
                                                   std::ofstream& report)
{
    std::map<QString, KindFigures> byKind;
    std::vector<QString> order;
    KindFigures all;
    for (size_t i = 0; i < rows.size(); ++i) {
        const CorpusRow& r = rows[i];
        const int64_t row = int64_t(i);
        if (!byKind.count(r.kind)) order.push_back(r.kind);
        for (KindFigures* f : {&byKind[r.kind], &all}) {
            ++f->n;
            const bool refused = !d.refusal[i].empty();
            f->refused += refused;
            f->rightPre += !refused && pred.pre[row].item<int64_t>() == r.label;
            f->rightNaive += pred.naive[row].item<int64_t>() == r.label;
            f->rightClean += !r.clean.isEmpty() && pred.clean[row].item<int64_t>() == r.label;
            if (d.cleanCorr[i] >= 0) f->cleanCorrelation.push_back(d.cleanCorr[i]);
            if (!r.original.isEmpty()) {
                ++f->withOriginal;
                f->originalMatch += d.originalCorr[i] >= 0.9;
            }
        }
        if (report)
            report << r.file.toStdString() << '\t' << r.kind.toStdString() << '\t' << r.label << '\t'
                   << (d.refusal[i].empty() ? pred.pre[row].item<int64_t>() : -1) << '\t' << pred.naive[row].item<int64_t>() << '\t'
                   << pred.clean[row].item<int64_t>() << '\t' << d.cleanCorr[i] << '\t' << d.originalCorr[i] << '\t' << d.refusal[i]
                   << '\n';
    }
    std::vector<std::pair<QString, KindFigures>> figures;
    for (const QString& kind : order) figures.emplace_back(kind, byKind[kind]);
    figures.emplace_back("all", all);
    return figures;
}

void printFigures(const std::vector<std::pair<QString, KindFigures>>& figures, bool json)
{
    if (!json)
        std::printf("%-12s %5s %8s %8s %8s %8s %10s %10s\n", "kind", "n", "refused", "knn_pre", "knn_naive", "knn_clean", "corr_clean",
                    "orig>=0.9");
    for (const auto& [kind, f] : figures) {
        const double acc = double(f.rightPre) / f.n, accNaive = double(f.rightNaive) / f.n, accClean = double(f.rightClean) / f.n;
        const double originals = f.withOriginal ? double(f.originalMatch) / f.withOriginal : -1;
        if (json) {
            JsonWriter j;
            j.add("kind", kind.toStdString())
                .add("n", f.n)
                .add("refused", f.refused)
                .add("knn_preprocessed", acc)
                .add("knn_naive", accNaive)
                .add("knn_clean", accClean)
                .add("median_corr_clean", median(f.cleanCorrelation));
            if (f.withOriginal) j.add("original_corr_at_least_0_9", originals).add("with_original", f.withOriginal);
            std::cout << j.str() << std::endl;
        } else {
            char orig[32] = "-";
            if (f.withOriginal) std::snprintf(orig, sizeof orig, "%.3f", originals);
            std::printf("%-12s %5d %8d %8.3f %8.3f %8.3f %10.3f %10s\n", kind.toStdString().c_str(), f.n, f.refused, acc, accNaive,
                        accClean, median(f.cleanCorrelation), orig);
        }
    }
}

}  // namespace

int cmdPreprocessEval(const std::vector<std::string>& args)
{
    ArgParser p("preprocess-eval", "Score the digit preprocessing on a labelled folder of pictures: refusals and 5-NN accuracy on the "
                                   "training pixels, against a naive resize of the same pictures.");
    p.required("corpus", "DIR", "a folder with labels.tsv (file, kind, label, clean, original, ...), e.g. from bench/digit_corpus.sh")
        .option("data", "NAME|DIR", "the training pixels the neighbours come from", "mnist")
        .option("neighbours", "K", "neighbours in the vote", "5")
        .option("report", "FILE.tsv", "one line per picture: prediction, naive prediction, correlations, refusal")
        .flag("json", "one JSON object per kind and one for all, on stdout");
    if (!p.parse(args)) {
        std::cout << p.help();
        return 0;
    }
    static int argc = 1;
    static char name[] = "latent-cli";
    static char* argv[] = {name, nullptr};
    if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);  // Qt's image plugins
    std::setlocale(LC_NUMERIC, "C");                                      // it adopted the user's locale: the table keeps '.' decimals

    const QString dir = QString::fromStdString(p.str("corpus"));
    const std::vector<CorpusRow> rows = readCorpus(dir);
    const int k = p.integer("neighbours", 1, 100);
    const DatasetSplits data = DatasetLocator::load(p.str("data"));
    const torch::Tensor trainX = data.train.allImages().flatten(1), trainY = data.train.labels;

    const CorpusDigits digits = readDigits(dir, rows);
    const Predictions pred{knnPredict(trainX, trainY, digits.pre, k), knnPredict(trainX, trainY, digits.naive, k),
                           knnPredict(trainX, trainY, digits.clean, k)};
    std::ofstream report;
    if (p.has("report")) {
        report.open(p.str("report"));
        report << "file\tkind\tlabel\tpreprocessed\tnaive\tclean\tcorr_clean\tcorr_original\trefused\n";
    }
    printFigures(tally(rows, digits, pred, report), p.isSet("json"));
    if (!p.isSet("json"))
        std::printf(
            "\nknn: %d-NN vote on the %lld training digits of %s; clean: the same digit drawn plainly; corr_clean: median "
            "correlation with it (best of +-2 px shifts); orig>=0.9: share correlating >= 0.9 with the MNIST test digit it was made from\n",
            k, (long long)data.train.size(), p.str("data").c_str());
    return 0;
}
