"""The crawl's worker-process task: extract a page, then analyse its text.

Each worker builds the analyser once (from the prisoner list in the store) so a
page costs only extraction plus matching.
"""

from __future__ import annotations

from spiders.extract import extract_document

_analyser = None


def init_worker(corpus_path: str) -> None:
    global _analyser
    import store
    from monitor.analysis import Analyser

    corpus = store.open_corpus(corpus_path)
    try:
        _analyser = Analyser.from_store(corpus)
    finally:
        corpus.close()


def extract_and_analyse(page: dict) -> dict:
    article = extract_document(page)
    analysis = None
    if _analyser is not None and article.get("extraction") == "ok":
        analysis = _analyser.analyse(article["text"], title=article.get("title"),
                                     lang=article.get("language") or "auto",
                                     source_org=page.get("source_org"))
    return {"article": article, "analysis": analysis}
