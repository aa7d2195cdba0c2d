"""Qt-free core: everything the GUI shows can also be produced headless from the CLI.

Nothing below this package may import PySide6 or `mockinterview.gui`.
"""
