"""Reading a text file the user named (a written answer, a question bank): UTF-8, clear errors.

A user's file may be missing, saved in another encoding, or unreadable; each case gets a message
that names the file and the problem, raised as the caller's own error type (MediaError for an
answer, BankError for a bank) so the CLI and GUI show it instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from mockinterview.core.errors import MockInterviewError


def read_text_file(path: Path, error: type[MockInterviewError], what: str = "file") -> str:
    """The file's text (a UTF-8 byte-order mark, as Windows editors write, is dropped).

    `what` names the file in the missing-file message ("no such question bank file").
    """
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise error(f"{path}: no such {what}") from exc
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it again as UTF-8"
        ) from exc
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from exc
