#pragma once
#include <QLockFile>
#include <QString>
#include <QStringList>

#include <memory>

// Where a window keeps the model it is training, so that the next start after a crash, a kill or
// a power cut can offer it back. Each running window owns one file, marked by a lock file that
// holds its process id; a file whose lock is not held by a live process was left behind.
class AutosaveStore {
public:
    // dir: by default <AppDataLocation>/autosave.
    explicit AutosaveStore(QString dir = {});
    ~AutosaveStore();

    QString directory() const { return dir_; }
    // This window's file (claimed on first use; the directory is made then).
    QString path();
    // Forget this window's file: its model was saved or deliberately discarded.
    void discard();

    // Files left behind by windows that are gone, newest first (never this window's own).
    QStringList leftBehind() const;
    // Takes a left-behind file over as this window's own (its model is on screen now, unsaved).
    // Returns false if another window took it first or it cannot be moved.
    bool adopt(const QString& file);
    // Deletes a left-behind file the user declined.
    static void remove(const QString& file);

private:
    QString dir_, path_;
    std::unique_ptr<QLockFile> lock_;
};
