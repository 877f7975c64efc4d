#pragma once
#include <QObject>

class ExportActions;
class QAction;
class QMenu;
class QMenuBar;
class QWidget;

// The explorer's menu actions with their texts, shortcuts and icons, and the menus that hold
// them; the window connects them to what they do. Shortcuts: Ctrl+O/S/I/V, F5 train,
// Ctrl+F5 continue training, F6 pause/resume, Shift+F5 stop, Ctrl+0 fit.
class WindowActions : public QObject {
    Q_OBJECT
public:
    explicit WindowActions(QWidget* window);  // the About box's parent too

    // File, Edit, Training, View and Help; returns the View menu, where the docks go.
    QMenu* buildMenus(QMenuBar* bar, const ExportActions& exports);
    // The About box's text: what the program is, and the versions of Qt, LibTorch and the BLAS
    // with their thread counts.
    static QString aboutText();
    // What may be done now.
    void update(bool training, bool paused, bool haveModel);

    QAction *open, *save, *saveAs, *openSecond, *openDataset, *openPicture, *pastePicture, *quit;
    QAction *train, *continueTraining, *pause, *stop, *fit, *about;

private:
    // View > Language: the system's or one the program is translated to, used from the next start.
    void addLanguageMenu(QMenu* view);
};
