"""Make the Windows .ico and the macOS iconset from resources/icons/replydesk.svg.

python packaging/make_icons.py            # writes packaging/.work/replydesk.ico and .iconset/
iconutil -c icns packaging/.work/replydesk.iconset   # on macOS: the .icns the spec uses
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "packaging" / ".work"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "replydesk.svg"))

    def render(size: int) -> QImage:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        return image

    WORK.mkdir(parents=True, exist_ok=True)
    # PySide's stubs want the format as bytes; at run time QImage.save takes it as a str.
    if not render(256).save(str(WORK / "replydesk.ico"), "ICO"):  # type: ignore[call-overload]
        print("this Qt cannot write .ico files", file=sys.stderr)
        return 1
    iconset = WORK / "replydesk.iconset"
    iconset.mkdir(exist_ok=True)
    for size in (16, 32, 128, 256, 512):
        render(size).save(str(iconset / f"icon_{size}x{size}.png"))
        render(size * 2).save(str(iconset / f"icon_{size}x{size}@2x.png"))
    print(f"wrote {WORK / 'replydesk.ico'} and {iconset}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
