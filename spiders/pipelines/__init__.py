"""Item pipelines, in order: extract → validate → store (see settings.ITEM_PIPELINES)."""
