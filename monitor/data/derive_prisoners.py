"""Regenerate ``monitor/data/prisoners.csv`` from a Viasna file.

    python -m monitor.data.derive_prisoners SOURCE.csv [OUT.csv]

SOURCE may be Viasna's CSV export or the derived ``04_person_regime.csv``. Only the facts
Vigil needs are kept: Viasna's person id, the name as Viasna writes it (look-alike letters
and spacing repaired), Viasna's status, and the gender (Viasna's, or inferred from the
name). Analysis columns (articles, year, community, clusters ...) are not carried over.
"""

from __future__ import annotations

import sys
from pathlib import Path

from monitor.prisoners import read_prisoner_file, write_vigil_file

ATTRIBUTION = """\
Known political prisoners and persecuted persons in Belarus.
Source: Human Rights Center "Viasna", https://prisoners.spring96.org/ (data by Viasna).
Columns: Viasna person id, name as Viasna romanises it (repaired: look-alike Cyrillic
letters, stray marks, spacing), Viasna status (active / former / np), gender (Viasna's or
inferred by Vigil from the name). Regenerate with: python -m monitor.data.derive_prisoners
Vigil's own additions (ids >= 100001) are in prisoners_additions.csv, not here."""

COLUMNS = ["id", "name", "status", "gender"]
DEFAULT_OUT = Path(__file__).with_name("prisoners.csv")


def derive(source: str | Path, out: str | Path = DEFAULT_OUT) -> int:
    records = sorted(read_prisoner_file(source), key=lambda r: r.id)
    write_vigil_file(out, records, ATTRIBUTION, COLUMNS)
    return len(records)


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    count = derive(argv[0], argv[1] if len(argv) > 1 else DEFAULT_OUT)
    print(f"wrote {count} persons")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
