"""PySide6 only: windows, pages, widgets and thin Qt workers that drive core objects."""
