"""Rebuild the Word templates in this folder: python templates/build.py [FOLDER]."""

import sys

from tools.template_builder import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["templates"]))
