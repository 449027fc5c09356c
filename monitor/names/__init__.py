"""Finding known political prisoners in text, in any script, spelling and case.

See ``matcher.py`` for the rules and ``keys.py`` for the keys they rest on.
"""

from .keys import name_key
from .matcher import Matcher, Mention
from .tokens import detect_language
from .variants import person_key

__all__ = ["Matcher", "Mention", "detect_language", "name_key", "person_key"]
