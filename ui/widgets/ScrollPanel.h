#pragma once
class QScrollArea;
class QWidget;

// The docks are narrow and can be short: panels put their content in a frameless scroll area
// that keeps the content as wide as the dock.
QScrollArea* newScrollArea(QWidget* content, QWidget* parent);
// Fills `panel` (which has no layout yet) with `content` in such a scroll area.
void fillWithScrollArea(QWidget* panel, QWidget* content);
