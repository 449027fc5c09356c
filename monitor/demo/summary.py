"""What the demo did, counted from the two databases and the mail folder."""

from __future__ import annotations

from pathlib import Path

import store
from store import candidates as candidate_store
from store import sources as source_store


def counts(home: Path) -> dict[str, int]:
    corpus, staff = store.open_corpus(home / "corpus.db"), store.open_staff(home / "staff.db")
    try:
        sources = source_store.list_sources(corpus)
        return {
            "sources polled": sum(1 for s in sources if s["last_poll_at"]),
            "articles stored": store.table_count(corpus, "articles"),
            "mentions": store.table_count(corpus, "mentions"),
            "events": store.table_count(corpus, "events"),
            "UN documents": store.table_count(corpus, "un_documents"),
            "new-name candidates": len(candidate_store.list_candidates(staff)),
            "emails sent": len(list((home / "mail").glob("*.eml"))),
        }
    finally:
        corpus.close()
        staff.close()


def render(figures: dict[str, int]) -> str:
    width = max(len(k) for k in figures)
    return "\n".join(f"  {key:<{width}}  {value}" for key, value in figures.items())
