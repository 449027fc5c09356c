"""New-name candidates: people named near words of repression who are not on the list."""

from .find import find_new_names

__all__ = ["find_new_names"]
