#include "Icons.h"

namespace Icons {

QIcon application()
{
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) icon.addFile(QStringLiteral(":/icons/app-%1.png").arg(size), QSize(size, size));
    return icon;
}

QIcon action(const QString& name, const QString& themeName)
{
    const QIcon ours(QStringLiteral(":/icons/actions/%1.png").arg(name));
    return themeName.isEmpty() ? ours : QIcon::fromTheme(themeName, ours);
}

}  // namespace Icons
