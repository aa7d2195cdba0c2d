"""Pages that show what is stored reread it when next shown after something changed it.

Home and History both list stored sessions. Rereading them the moment a session ends would compete
with the report the person is waiting for, so whoever changes the store marks these pages `stale`
and each rereads the next time it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class ReloadsWhenShown:
    """Mixed into a QWidget page that implements `reload()` (start reading on a pool thread)."""

    stale = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]  # the QWidget this is mixed into
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError
