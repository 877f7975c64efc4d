#pragma once
#include <QIcon>

// The icons compiled in from resources/ (rendered from its SVGs at build time).
namespace Icons {
// The application's icon, in every rendered size: the window's and the About box's.
QIcon application();
// An action's icon from the desktop's theme where it has one, else our own (:/icons/actions/NAME).
QIcon action(const QString& name, const QString& themeName = QString());
}  // namespace Icons
