#include "session/AutosaveStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

AutosaveStore::AutosaveStore(QString dir) : dir_(std::move(dir))
{
    if (dir_.isEmpty()) dir_ = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave";
}

AutosaveStore::~AutosaveStore() = default;  // the lock goes; a file still there is "left behind"

QString AutosaveStore::path()
{
    if (!path_.isEmpty()) return path_;
    QDir().mkpath(dir_);
    // Named after the process and the time, so that two windows never share one.
    const QString base =
        QStringLiteral("%1/model-%2-%3.pt").arg(dir_).arg(QCoreApplication::applicationPid()).arg(QDateTime::currentMSecsSinceEpoch());
    lock_ = std::make_unique<QLockFile>(base + ".lock");
    lock_->setStaleLockTime(0);  // a lock is stale only when its process is gone
    if (!lock_->tryLock(0)) return {};
    path_ = base;
    return path_;
}

void AutosaveStore::discard()
{
    if (!path_.isEmpty()) QFile::remove(path_);
}

QStringList AutosaveStore::leftBehind() const
{
    QFileInfoList files = QDir(dir_).entryInfoList({"model-*.pt"}, QDir::Files, QDir::Time);
    QStringList out;
    for (const QFileInfo& f : files) {
        if (f.absoluteFilePath() == QFileInfo(path_).absoluteFilePath()) continue;
        QLockFile lock(f.absoluteFilePath() + ".lock");
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0)) continue;  // its window is still running
        lock.unlock();
        out << f.absoluteFilePath();
    }
    return out;
}

bool AutosaveStore::adopt(const QString& file)
{
    QLockFile theirs(file + ".lock");
    theirs.setStaleLockTime(0);
    if (!theirs.tryLock(0)) return false;
    const QString mine = path();
    if (mine.isEmpty()) return false;
    QFile::remove(mine);
    return QFile::rename(file, mine);  // same folder: an atomic rename; their lock goes with `theirs`
}

void AutosaveStore::remove(const QString& file)
{
    QLockFile lock(file + ".lock");
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) QFile::remove(file);
}
