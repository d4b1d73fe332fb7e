"""Fingerprints of the source documents, so tests can catch copied sentences without the sources.

The project must paraphrase its five sources, never paste them. The sources live outside the
repository (../shared/seeds), so the tests keep only hashes of every run of seven words.
Regenerate with:
    python tests/source_fingerprints.py ../shared/seeds > tests/fixtures/source_ngrams.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

RUN = 7


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def runs(text: str) -> Iterator[str]:
    """A short hash of every run of RUN consecutive words."""
    w = words(text)
    for i in range(len(w) - RUN + 1):
        yield hashlib.sha1(" ".join(w[i : i + RUN]).encode()).hexdigest()[:12]


def main(folder: str) -> None:
    hashes = set()
    for path in sorted(Path(folder).glob("*.txt")):
        hashes.update(runs(path.read_text(encoding="utf-8")))
    print("\n".join(sorted(hashes)))


if __name__ == "__main__":
    main(sys.argv[1])
