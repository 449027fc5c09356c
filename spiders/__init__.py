"""Vigil's web side: sources, spiders, politeness and safety, extraction of text.

It knows nothing of prisoners or email; the domain side plugs in through the
worker task setting and the ``article_stored`` signal.
"""
