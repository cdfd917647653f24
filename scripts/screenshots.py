#!/usr/bin/env python3
"""Refresh the README's screenshots of the web UI: runs the browser test that takes them
(tests/test_web_browser.py, on the repository's own samples and synthetic filings: never the
../shared seeds) and copies two of its screenshots to docs/img/.

    .venv/bin/python scripts/screenshots.py

Needs Debian's chromium at /usr/bin/chromium (``apt-get install chromium``) and the dev extra.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: screenshot the test saves -> where the README shows it
README_SHOTS = {"search.png": "docs/img/web-search.png", "filing.png": "docs/img/web-filing.png"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="eightk-shots-") as tmp:
        env = {**os.environ, "EIGHTK_ARTIFACTS": tmp, "CI": "true"}  # CI: a missing browser fails, never skips
        test = "tests/test_web_browser.py::test_screenshots_of_each_page"
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", test], cwd=ROOT, env=env)
        if rc:
            print(f"screenshots: the browser test failed (exit {rc}); docs/img/ is unchanged", file=sys.stderr)
            return rc
        for name, dest in README_SHOTS.items():
            (ROOT / dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(tmp) / name, ROOT / dest)
            print(f"wrote {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
