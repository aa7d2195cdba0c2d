"""A picture of an exported HTML report as a browser shows it, 1100 px wide.

    .venv/bin/python docs/screenshots/shoot_html.py REPORT.html OUT.png [SELECTOR [HEIGHT]]

From the top of the first element SELECTOR matches (default: the page's top), HEIGHT px of it
(default 2300). The page is drawn by a real browser engine (Qt WebEngine, in pyside6-addons), so
the report's CSS, charts and fonts show as a reader's browser shows them; Qt's own rich text
would not. make_screenshots.py runs it in a process of its own on its Xvfb screen: WebEngine
must be set up before the QApplication that process makes, which the app's own one is not.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

WIDTH = 1100


def main() -> None:
    html, out = Path(sys.argv[1]), Path(sys.argv[2])
    selector = sys.argv[3] if len(sys.argv) > 3 else "body"
    height = int(sys.argv[4]) if len(sys.argv) > 4 else 2300
    # Chromium's sandbox refuses to start as root (the screenshot machines run as root).
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtWebEngineCore import QWebEngineSettings
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    _app = QApplication([])  # held for the view's life
    view = QWebEngineView()
    view.settings().setAttribute(QWebEngineSettings.WebAttribute.ShowScrollBars, False)
    view.resize(WIDTH, height)
    loop = QEventLoop()

    def wait(ms: int) -> None:
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    loaded: list[bool] = []
    view.loadFinished.connect(lambda ok: (loaded.append(ok), loop.quit()))
    view.load(QUrl.fromLocalFile(str(html.resolve())))
    view.show()
    give_up = QTimer(singleShot=True, interval=60000)  # ms: a page that never finishes loading
    give_up.timeout.connect(loop.quit)
    give_up.start()
    loop.exec()
    give_up.stop()
    if loaded != [True]:
        raise SystemExit(f"{html}: the browser engine could not load it")
    view.page().runJavaScript(
        f"document.querySelector({selector!r}).scrollIntoView(true)", 0, lambda _: loop.quit()
    )
    loop.exec()
    wait(1500)  # the scroll and the last paint
    view.grab().save(str(out))
    print(out)


if __name__ == "__main__":
    main()
