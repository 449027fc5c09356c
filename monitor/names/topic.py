"""What a text is about, as far as a lone surname needs to know: Belarus, repression, and
whether a Latin-script text is English at all.

Word stems are searched in the lower-cased text with one Aho-Corasick pass (a regex
alternation with IGNORECASE cost more than the whole match). Stems of three letters or
fewer (UN, ААН) must stand as whole words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick


def _stems(text: str) -> tuple[str, ...]:
    """Whitespace-separated stems; an underscore joins the words of a phrase."""
    return tuple(word.replace("_", " ") for word in text.split())


BELARUS_WORDS = _stems("""belarus minsk lukashenk viasna spring96 palitviaz biełaru bielaru
łukašenk homiel hrodna палітвяз политзаключ беларус белорус мінск минск лукашэнк лукашенк
вясн гомел гродн political_prisoner lukaschenk lukaszenk loukachenk weißrussland
weissrussland biélorus bielorus bielorrus""")
# Repression in English: what a plain-Latin text must say near a Slavic-shaped surname.
# Not "court" (tennis, basketball).
REPRESSION_EN = _stems("""sentenc prison jail detain arrest convict pardon verdict colony
incommunicado releas trial political_prisoner charged custody extremis solidarity un
hunger_strike""")
# Repression in Cyrillic and Łacinka, read only for a Cyrillic or Łacinka token.
REPRESSION_SLAVIC = REPRESSION_EN + _stems("""court суд суда суде суду судом судз приговор колони задерж арест осужд
помилов освобод тюрьм сизо голодовк прысуд калоні затрым арышт асудж асудз памілав вызвал
турм галадоўк prysud kałoni kaloni zatrym aryšt asudž asudz pamiłav vyzval turm салідарн
солидарн salidarn оон аан aan""")
KINDS = {"belarus": BELARUS_WORDS, "repression": REPRESSION_SLAVIC,
         "repression-en": REPRESSION_EN}
NEAR = 400      # characters either side of a lone surname that must hold the repression


@lru_cache(maxsize=len(KINDS))
def _automaton(kind: str):
    machine = ahocorasick.Automaton()
    for word in KINDS[kind]:
        machine.add_word(word, word)
    machine.make_automaton()
    return machine


def _whole(lowered: str, start: int, end: int) -> bool:
    before = lowered[start - 1] if start > 0 else " "
    after = lowered[end + 1] if end + 1 < len(lowered) else " "
    return not before.isalpha() and not after.isalpha()


def positions(kind: str, lowered: str) -> list[int]:
    """Start offsets of the stems of this kind in the lower-cased text."""
    found = []
    for end, word in _automaton(kind).iter(lowered):
        start = end - len(word) + 1
        if len(word) > 3 or _whole(lowered, start, end):
            found.append(start)
    return found


def mentions_any(kind: str, lowered: str) -> bool:
    """Does the lower-cased text hold any word stem of this context kind?"""
    for end, word in _automaton(kind).iter(lowered):
        if len(word) > 3 or _whole(lowered, end - len(word) + 1, end):
            return True
    return False


def near(offsets: list[int], start: int, reach: int = NEAR) -> bool:
    return any(abs(offset - start) <= reach for offset in offsets)


# ----------------------------------------------------------------------- English or not

_ENGLISH = frozenset(_stems("""the and of to in is was were for on with that by from as at his her
has have said after who which an this it are be not their"""))
# Small words of the other languages of world news in Latin script (German, French,
# Spanish, Italian, Dutch, Portuguese). German capitalises every noun, so there a
# capitalised word is no sign of a name (Viertel, Herrsche).
_FOREIGN = frozenset(_stems("""der die das und ist nicht mit von zu den dem des auch sich ein eine
einen wird sind wurde für auf dass les la le et est une des du dans pour que qui pas sur
au aux el los las y es por con para una del se lo il di che non della gli het een van
niet ook op zijn não uma com os ao"""))
_SMALL_WORD = re.compile(r"(?<![^\W\d_])[a-zäöüßéèàç]{1,5}(?![^\W\d_])")
SAMPLE = 5000


def foreign_latin(text: str) -> bool:
    """Is this Latin-script text in a language other than English (German, French ...)?"""
    words = _SMALL_WORD.findall(text[:SAMPLE].lower())
    english = sum(w in _ENGLISH for w in words)
    foreign = sum(w in _FOREIGN for w in words)
    return foreign > english
