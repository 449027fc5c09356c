"""Signals the crawl sends, for the domain side to hook into without coupling."""

# Sent after an article was stored. Handlers receive ``page`` (spiders.items.Page)
# with ``status`` ('new', 'updated', 'unchanged', 'duplicate') and ``article_id``.
article_stored = object()
