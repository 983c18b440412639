# Copyright 2026 cxzy contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
"""Each addon's README.rst is generated from its manifest and its readme/
fragments (DESCRIPTION, CONFIGURE, USAGE, as OCA keeps them), never edited by
hand.  ``python3 tests/readme.py`` writes them (the pre-commit hook ``readme``
runs it); tests/test_repository.py fails when one is out of date.

The fragments use a small Markdown subset (paragraphs, ``-``/``1.`` lists,
``**bold**``, ``*italic*``, ```code```, ``[text](url)``), turned into
reStructuredText here."""

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("cxzy_campaign", "cxzy_evaluation")
SECTIONS = (("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage"))
HEADER = """.. Copyright 2026 cxzy contributors
.. License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).

.. !! This file is generated from readme/ and __manifest__.py by
.. !! tests/readme.py: edit those, then run python3 tests/readme.py

"""
BADGE = """|license|

.. |license| image:: https://img.shields.io/badge/licence-AGPL--3-blue.png
    :target: https://www.gnu.org/licenses/agpl-3.0-standalone.html
    :alt: License: AGPL-3
"""


def _width(text):
    # CJK characters take two columns: docutils wants the underline as wide.
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _title(text, char):
    return f"{text}\n{char * _width(text)}\n"


def markdown_to_rst(text):
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)
    return text.strip() + "\n"


def render(addon):
    manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
    parts = [HEADER, _title(manifest["name"], "="), "\n", BADGE]
    for fragment, heading in SECTIONS:
        path = REPO / addon / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        parts.append("\n")
        if heading:
            parts += [_title(heading, "-"), "\n"]
        parts.append(markdown_to_rst(path.read_text(encoding="utf-8")))
    parts += ["\n", _title("Credits", "-"), "\n", "Authors: ", manifest["author"], "\n"]
    return "".join(parts)


def main():
    for addon in ADDONS:
        path = REPO / addon / "README.rst"
        text = render(addon)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    sys.exit(main())
