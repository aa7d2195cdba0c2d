"""Light and dark palettes, and the one stylesheet that makes the app readable at 1366x768.

Fusion is used on every platform so both palettes look the same everywhere (the native styles
ignore parts of a custom palette); "system" follows the desktop's colour scheme when Qt knows it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

THEMES = ("system", "light", "dark")

_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1d2330",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eceef2",
    QPalette.ColorRole.Text: "#1d2330",
    QPalette.ColorRole.Button: "#e8eaef",
    QPalette.ColorRole.ButtonText: "#1d2330",
    QPalette.ColorRole.Highlight: "#2f6fdb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1d2330",
    QPalette.ColorRole.PlaceholderText: "#6b7280",
    QPalette.ColorRole.Link: "#2f6fdb",
    QPalette.ColorRole.Mid: "#c5c9d2",
}

_DARK = {
    QPalette.ColorRole.Window: "#1e2128",
    QPalette.ColorRole.WindowText: "#e6e8ee",
    QPalette.ColorRole.Base: "#15171c",
    QPalette.ColorRole.AlternateBase: "#262a33",
    QPalette.ColorRole.Text: "#e6e8ee",
    QPalette.ColorRole.Button: "#2b2f39",
    QPalette.ColorRole.ButtonText: "#e6e8ee",
    QPalette.ColorRole.Highlight: "#4c8dff",
    QPalette.ColorRole.HighlightedText: "#0b0d12",
    QPalette.ColorRole.ToolTipBase: "#2b2f39",
    QPalette.ColorRole.ToolTipText: "#e6e8ee",
    QPalette.ColorRole.PlaceholderText: "#8b92a1",
    QPalette.ColorRole.Link: "#7aa9ff",
    QPalette.ColorRole.Mid: "#3a3f4b",
}

# Sizes are in points so they scale with the screen's DPI (HiDPI stays readable).
STYLESHEET = """
QListWidget#navigation { font-size: 12pt; border: none; padding-top: 8px; }
QListWidget#navigation::item { padding: 10px 14px; border-radius: 6px; margin: 2px 6px; }
QListWidget#navigation::item:selected { background: palette(highlight);
                                        color: palette(highlighted-text); }
QListWidget#navigation::item:hover:!selected { background: palette(alternate-base); }
QLabel[role="title"] { font-size: 18pt; font-weight: 600; }
QLabel[role="subtitle"] { font-size: 12pt; font-weight: 600; }
QLabel[role="hint"] { color: palette(placeholder-text); }
QLabel[role="question"] { font-size: 16pt; font-weight: 500; }
QLabel[role="nudge"] { font-size: 12pt; padding: 6px 12px; border-radius: 6px;
                       background: palette(alternate-base); }
QLabel[role="warning"] { padding: 8px 12px; border-radius: 6px; border: 1px solid #d08a1a; }
QLabel[role="error"] { padding: 8px 12px; border-radius: 6px; border: 1px solid #c0392b; }
QPushButton { padding: 6px 14px; }
QPushButton[role="primary"] { font-weight: 600; padding: 8px 20px; }
"""


def role_label(role: str, text: str = "", *, wrap: bool = True, hidden: bool = False) -> QLabel:
    """A label drawn by one of the stylesheet's roles (title, hint, nudge, warning...)."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(wrap)
    if hidden:  # shown later by its page; a parentless label told to show would open a window
        label.setVisible(False)
    return label


def is_dark(theme: str) -> bool:
    """Whether `theme` resolves to dark; "system" asks Qt for the desktop's scheme."""
    if theme == "dark":
        return True
    if theme == "light":
        return False
    app = QApplication.instance()
    hints = app.styleHints() if app is not None else None
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Set Fusion, the light or dark palette and the shared stylesheet on the whole app."""
    if theme not in THEMES:
        theme = "system"
    app.setStyle("Fusion")
    colors = _DARK if is_dark(theme) else _LIGHT
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QColor(colors[QPalette.ColorRole.PlaceholderText])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    app.setStyleSheet(STYLESHEET)
