"""The mirror's sites, one class per real source family."""

from .base import Site, View
from .ohchr import Ohchr
from .salidarnast import Salidarnast
from .spring96 import Spring96
from .tsikhanouskaya import Tsikhanouskaya
from .unnews import UnNews
from .wordpress import Baj, PenBelarus

SITE_CLASSES: tuple[type[Site], ...] = (
    Spring96, Salidarnast, Tsikhanouskaya, Ohchr, UnNews, Baj, PenBelarus)

__all__ = ["SITE_CLASSES", "Site", "View"]
