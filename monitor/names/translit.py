"""Moving names between scripts: Cyrillic (be, ru), passport Latin, Łacinka, Russian-style Latin.

Two kinds of function live here:

* ``light(token)`` folds any spelling of a token into one lowercase ASCII string that still
  keeps its vowels (needed to read case endings). It is the first step of every key.
* ``be_cyrillic``, ``ru_cyrillic``, ``lacinka`` and ``ru_latin`` *generate* display variants
  of a name (the reverse of Viasna's passport romanisation, and so on). They are
  approximations: Russian vowels cannot be recovered from Belarusian spelling (akanne), so
  matching never depends on them; it compares keys (see ``keys.py``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# One Cyrillic letter -> light Latin. Belarusian and Russian share one table on purpose.
CYR_TO_LIGHT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "j", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ў": "w", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "є": "ie", "'": "", "’": "", "ʼ": "",
}

# Latin letters with marks, as used by Łacinka, Polish and Lithuanian-style spellings.
LATIN_MARKED = {
    "č": "ch", "š": "sh", "ž": "zh", "ż": "zh", "ŭ": "w", "ł": "l", "ĺ": "l", "ć": "ts",
    "ś": "s", "ź": "z", "ń": "n", "ŕ": "r", "ó": "o", "ą": "o", "ę": "e", "ß": "ss",
    "ı": "i", "ʹ": "", "ʼ": "", "'": "", "’": "",
}

LACINKA_MARKS = set("čšžŭłĺćśźńŕż")
POLISH_MARKS = set("żółąęśćźń")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def is_cyrillic(text: str) -> bool:
    return bool(CYRILLIC_RE.search(text))


def _strip_marks(text: str) -> str:
    """Fold letters the tables do not name (é, ü, ï ...) to their base letter."""
    out = []
    for char in text:
        if char in LATIN_MARKED or char.isascii():
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out)


def _latin_light(token: str, lacinka: bool) -> str:
    lowered = token.lower()
    if token.isascii() and "cz" not in lowered and "sz" not in lowered:
        return _ascii_light(lowered, lacinka)
    text = unicodedata.normalize("NFC", token.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    polish = bool(POLISH_MARKS & set(text)) or "cz" in text or "sz" in text
    lacinka = lacinka or bool(LACINKA_MARKS & set(text)) or polish
    text = _strip_marks(text)
    if polish:
        text = text.replace("cz", "ç").replace("sz", "ş").replace("rz", "ž")
    if lacinka:
        # In Łacinka and Polish "ch" is х and a bare "c" is ц.
        text = text.replace("x", "ks").replace("ch", "\x01").replace("c", "ts")
    text = "".join(LATIN_MARKED.get(c, c) for c in text)
    text = text.replace("ç", "ch").replace("ş", "sh").replace("ž", "zh")
    if lacinka:
        text = text.replace("\x01", "kh")
    else:
        # A final "-vic" is a Łacinka "-vič" that lost its mark (Viasna's "Stefanovic").
        text = re.sub(r"vic$", "vich", text)
        # Łacinka "-cki" is ц+к; an English "ck" (Stock, Brick) is just k.
        text = re.sub(r"ck(?=[aeiouy])", "tsk", text).replace("ck", "k").replace("x", "ks")
        text = re.sub(r"c(?!h)", "ts", text)
    return text.replace("q", "k")


@lru_cache(maxsize=200_000)
def light(token: str, lacinka: bool = False) -> str:
    """Lowercase ASCII spelling of ``token`` in any script, vowels kept.

    ``lacinka`` reads a bare "ch"/"c" the Łacinka way (х/ц); tokens with Łacinka or Polish
    marks are read that way anyway. Belarusian ў and Łacinka ŭ become "w" (a consonant-like
    u that keys treat like Russian в).
    """
    if is_cyrillic(token):
        lowered = token.lower()
        return "".join(CYR_TO_LIGHT.get(c, c if c.isalpha() else "") for c in lowered)
    return _latin_light(token, lacinka)


_BARE_C = re.compile(r"c(?![hk])")


def _ascii_light(text: str, lacinka: bool) -> str:
    """The common case, plain ASCII: only the c/ch/x readings and a lost -vič mark. A bare
    "c" (not ch/ck) never occurs in passport or English spellings of Belarusian names, so
    it marks a Łacinka spelling that lost its marks ("Cichanouski"): read "ch" as х then."""
    if "c" in text or "x" in text or "q" in text:
        text = re.sub(r"vic$", "vich", text)
        lacinka = lacinka or _BARE_C.search(text) is not None
        if lacinka:
            text = text.replace("ch", "kh").replace("c", "ts").replace("x", "ks")
        else:
            text = re.sub(r"ck(?=[aeiouy])", "tsk", text).replace("ck", "k").replace("x", "ks")
            text = re.sub(r"c(?!h)", "ts", text)
        text = text.replace("q", "k")
    return text.replace("'", "")


# ---------------------------------------------------------------- passport Latin -> be Cyrillic

_BE_DIGRAPHS = [
    ("shch", "шч"), ("dzh", "дж"), ("dz", "дз"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
    ("ch", "ч"), ("sh", "ш"),
]
_BE_SINGLE = {
    "a": "а", "b": "б", "v": "в", "h": "г", "g": "ґ", "d": "д", "z": "з", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "f": "ф", "c": "ц",
    "x": "кс", "w": "в", "q": "к", "j": "й",
    "č": "ч", "š": "ш", "ž": "ж", "ł": "л", "ŭ": "ў", "ĺ": "ль", "ś": "сь", "ć": "ць",
    "ź": "зь", "ń": "нь",
}
_IOTATED = {"a": "я", "e": "е", "o": "ё", "u": "ю"}
_HARD = ("ж", "ш", "ч", "р", "дж")
VOWELS = set("aeiouy")


def _be_vowel(word: str, i: int, out: list[str]) -> int:
    """Write the Cyrillic for the vowel cluster at ``word[i]``; return the next index."""
    char, nxt = word[i], word[i + 1] if i + 1 < len(word) else ""
    prev_vowel = not out or out[-1][-1] in "аеёіоуыэюяй'ў"
    if char in "iy" and nxt in _IOTATED and not (char == "i" and word[i + 1:i + 2] == "y"):
        if char == "i" and not prev_vowel:
            out.append(_IOTATED[nxt])
        else:
            out.append(_IOTATED[nxt] if prev_vowel else "ь" + _IOTATED[nxt])
        return i + 2
    if char == "i" and nxt == "y" and i + 2 < len(word) and word[i + 2] in _IOTATED:
        out.append("і" + _IOTATED[word[i + 2]])
        return i + 3
    if char in "iy":
        if prev_vowel and out:
            out.append("й")
        else:
            out.append("і" if char == "i" else "ы")
        return i + 1
    if char == "u":
        out.append("ў" if out and prev_vowel else "у")
        return i + 1
    if char == "e":
        hard = prev_vowel or any(out and "".join(out).endswith(h) for h in _HARD)
        out.append("э" if hard else "е")
        return i + 1
    out.append({"a": "а", "o": "о"}[char])
    return i + 1


def _be_word(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        if word[i] in VOWELS:
            i = _be_vowel(word, i, out)
            continue
        for latin, cyr in _BE_DIGRAPHS:
            if word.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(_BE_SINGLE.get(word[i], word[i]))
            i += 1
    text = "".join(out)
    return text.replace("ыі", "ый").replace("іы", "ій")


def _recase(source: str, target: str) -> str:
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def be_cyrillic(name: str) -> str:
    """Belarusian Cyrillic from Viasna's passport-style Latin ("Bialiatski" -> "Бяляцкі")."""
    parts = re.split(r"([\s\-()]+)", name.strip())
    return "".join(
        _recase(p, _be_word(p.lower())) if p and p[0].isalpha() else p for p in parts
    )


# ---------------------------------------------------------------- be Cyrillic -> ru Cyrillic

_RU_ENDINGS = [
    ("оўскі", "овский"), ("аўскі", "овский"), ("еўскі", "евский"), ("скі", "ский"),
    ("цкі", "цкий"), ("оўская", "овская"), ("аўская", "овская"), ("аў", "ов"), ("оў", "ов"),
    ("ёў", "ёв"), ("еў", "ев"), ("ава", "ова"), ("енка", "енко"), ("авіч", "ович"),
    ("евіч", "евич"), ("ы", "ый"),
]
_SOFT = "еёяюіь"


def _ru_word(word: str) -> str:
    lower = word.lower()
    for be_end, ru_end in _RU_ENDINGS:
        if lower.endswith(be_end) and len(lower) > len(be_end) + 1:
            lower = lower[: -len(be_end)] + ru_end
            break
    lower = re.sub(rf"дз(?=[{_SOFT}])", "д", lower)
    lower = re.sub(rf"ц(?=[{_SOFT}])", "т", lower)
    lower = lower.replace("і", "и").replace("ў", "в").replace("э", "е").replace("'", "ь")
    return _recase(word, lower)


def ru_cyrillic(be_name: str) -> str:
    """An approximate Russian spelling of a Belarusian Cyrillic name (for display only)."""
    parts = re.split(r"([\s\-()]+)", be_name.strip())
    return "".join(_ru_word(p) if p and p[0].isalpha() else p for p in parts)


# ---------------------------------------------------------------- Cyrillic -> Łacinka / ru Latin

_LAC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž", "з": "z", "і": "i",
    "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š", "ы": "y",
    "э": "e", "и": "i",
}
_LAC_SOFTENED = {"л": "l", "н": "ń", "с": "ś", "з": "ź", "ц": "ć"}
_LAC_IOT = {"я": "a", "е": "e", "ё": "o", "ю": "u"}


def _lacinka_word(word: str) -> str:
    lower, out = word.lower(), []
    for i, char in enumerate(lower):
        prev = lower[i - 1] if i else ""
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        if char in _LAC_IOT:
            if not prev or prev in "аеёіоуыэюяў'":
                out.append("j" + _LAC_IOT[char])
            elif prev == "л":
                out.append(_LAC_IOT[char])
            else:
                out.append("i" + _LAC_IOT[char])
        elif char == "ь":
            continue
        elif char == "л" and (nxt in "яеёюіь"):
            out.append("l")
        elif char in _LAC_SOFTENED and nxt == "ь":
            out.append(_LAC_SOFTENED[char])
        elif char == "'":
            continue
        else:
            out.append(_LAC.get(char, char))
    return _recase(word, "".join(out))


def lacinka(be_name: str) -> str:
    """Łacinka spelling of a Belarusian Cyrillic name ("Алесь Бяляцкі" -> "Aleś Bialacki")."""
    parts = re.split(r"([\s\-()]+)", be_name.strip())
    return "".join(_lacinka_word(p) if p and p[0].isalpha() else p for p in parts)


_RU_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def ru_latin(ru_name: str) -> str:
    """Russian-style (BGN/PCGN-like) Latin of a Russian Cyrillic name ("Тихановский" -> "Tikhanovskiy")."""
    out = []
    for word in re.split(r"([\s\-()]+)", ru_name.strip()):
        lower = word.lower().replace("ий", "iy").replace("ый", "yy")
        latin = "".join(_RU_LAT.get(c, c) for c in lower)
        out.append(_recase(word, latin) if word and word[0].isalpha() else word)
    return "".join(out)
