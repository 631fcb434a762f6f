"""Rebuild the Word templates in this folder: python templates/build.py [FOLDER]."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the builder is a developer tool in tools/, not shipped

from tools.template_builder import main  # noqa: E402  - after the path line above

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["templates"]))
