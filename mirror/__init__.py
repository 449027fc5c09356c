"""A fake web for Vigil's tests and demo.

``Mirror`` serves loopback copies of the real sources (Viasna, Salidarnast, the Office of
Sviatlana Tsikhanouskaya, OHCHR and the WGAD, UN News, BAJ, PEN Belarus), each on its own
127.0.0.1 port, with articles written for Vigil; ``FaultServer`` serves the faults a
crawler must survive. This package imports nothing else of Vigil's.
"""

from .core import FAILURE_MODES, SITES, SOURCE_SITE, Mirror, MirrorError
from .faults import FaultServer
from .manifest import ExpectedArticle
from .server import RequestRecord

__all__ = ["FAILURE_MODES", "SITES", "SOURCE_SITE", "ExpectedArticle", "FaultServer", "Mirror",
           "MirrorError", "RequestRecord"]
