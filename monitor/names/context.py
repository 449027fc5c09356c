"""What the words around a name say about whose name it is.

Three readings of the plain text around a span, in all four scripts:

* **An official's role** right before the name ("Judge Dzmitry Bubenchyk", "судья
  Ленинского районного суда Ольга ...", "Sudździa Dzmitryj Bubienčyk", "head of the KGB
  Ivan ...") or in an apposition right after it ("..., a prosecutor,"): the name is the
  official's, whoever on the list shares it. Only roles of the state that prosecutes are
  read (judge, prosecutor, investigator, minister, a head of the KGB, police, a court or a
  prison); journalists, lawyers, activists and "head of Viasna" are exactly the people
  who get jailed. A "former" or "retired" role does not count: former officials are
  persecuted too.
* **A place**: a street or square word before a name ("вуліца Янкі Купалы"); for a lone
  surname also a river, lake or town word before or after it ("the Biarezina river"), or
  a preposition of place or motion before a word that is a known toponym ("праз
  Бярэзіну", "praz Biarezinu").
* **A famous namesake's cues** (poet, fairy tales, монумент ...) in the sentence: used
  only for the famous people listed in ``non_prisoners.csv`` with kind ``famous``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

import ahocorasick

_FLAGS = re.IGNORECASE


def _words(text: str) -> list[str]:
    return text.split()


# Roles that make the named person the prosecuting state's, not its prisoner.
_ROLE = (   # the person's role, not the office (прокуратура, министерство, ministry)
    r"judges?|prosecutors?(?:[- ]general)?|investigators?|ministers?|ombuds\w+|"
    r"governors?|wardens?|dictators?|"
    r"судь[яиеюё]\w*|прокурор(?:а|у|ом|е|ы|ов|ам)?|(?:гос)?обвинител\w*|следовател\w*|"
    r"министр(?:а|у|ом|е|ы|ов|ам)?|губернатор\w*|"
    r"суддз\w+|судзьдз\w+|пракурор(?:а|у|ам|ы|аў)?|абвінаваўц\w*|"
    r"следч(?:ы|ая|ага|аму|ым|ай)|міністр(?:а|у|ам|ы|аў)?|губернатар\w*|"
    r"sudździ\w*|sudzdzi\w*|prakuror(?:a|u|am|y|aŭ)?|abvinavaŭc\w*|śledč\w*|sledč\w*|"
    r"ministr(?:a|u|am|y|aŭ)?"
)
# A head or officer of an agency of the state: "head of the KGB", "начальник колонии".
_HEAD = (r"heads?|chiefs?|chair(?:man|woman|person)?|directors?|"
         r"глав[аеуы]|начальни\w*|председател\w*|кіраўні\w*|начальні\w*|"
         r"старшын\w*|kiraŭni\w*|načalni\w*|staršyn\w*")
_AGENCY = (r"kgb|кгб|кдб|police|militia|міліцы\w*|милици\w*|mvd|мвд|мус|gubopik|губопик|"
           r"губазік|omon|омон|амап|court|суд\w*|prison|colony|калоні\w*|колони\w*|"
           r"турм\w*|тюрьм\w*|сизо|сiзо|сізо|interior|ministry|міністэрств\w*|"
           r"министерств\w*|investigative|следственн\w*|kalon\w*|turm\w*|kdb|mus")
ROLE_RE = re.compile(rf"(?<!\w)(?:{_ROLE})(?!\w)", _FLAGS)
WINDOW = 120
HEAD_RE = re.compile(rf"(?<!\w)(?:{_HEAD})(?!\w)", _FLAGS)
AGENCY_RE = re.compile(rf"(?<!\w)(?:{_AGENCY})(?!\w)", _FLAGS)
FORMER_RE = re.compile(
    r"(?<!\w)(?:former|ex|retired|былы|былая|былога|бывш\w+|отставн\w+|byly|byłaja|"
    r"by[lł]y)(?!\w)", _FLAGS)

# Words that may stand between a role and the name: the court's or agency's own name.
_FILLER = frozenset(_words("""
of the a an district regional city oblast supreme military economic raion court courts
office committee ministry interior internal affairs security state
суда суд судом районного района раёна раённага городского гарадскога областного
абласнога минского мінскага г гор горада города республики рэспублікі
sudu rajonnaha abłasnoha haradskoha
"""))
WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
BREAK_RE = re.compile(r"[.;:!?()\[\]«»\"“”„\n]|,|\s[-–—]\s")
MAX_FILLERS = 7


def _window_words(text: str, start: int, width: int = WINDOW) -> list[str]:
    """Words before ``start`` back to the nearest clause break (an initial's dot and a
    town's "г." do not break)."""
    window = text[max(0, start - width):start]
    cut = 0
    for match in BREAK_RE.finditer(window):
        before = window[max(0, match.start() - 2):match.start()]
        if match.group() == "." and re.fullmatch(r"(?:^|\W)\w", before or "x"):
            continue
        cut = match.end()
    return WORD_RE.findall(window[cut:])


def role_before(text: str, start: int) -> bool:
    """Does an official's role stand before the name at ``start``, with at most the words
    of a court's or agency's name between ("Judge of the Hrodna regional court")?"""
    words = _window_words(text, start)
    for n in range(len(words) - 1, max(-1, len(words) - 1 - MAX_FILLERS), -1):
        word = words[n]
        if ROLE_RE.fullmatch(word) or _agency_head(words, n):
            return not FORMER_RE.search(" ".join(words[max(0, n - 3):n]))
        if word.lower().strip("'’") in _FILLER or word[0].isupper() or AGENCY_RE.fullmatch(word):
            continue
        return False
    return False


def _agency_head(words: list[str], n: int) -> bool:
    """"head of the KGB", "KGB chief", "начальник колонии", "старшыня суда"."""
    if not HEAD_RE.fullmatch(words[n]):
        return False
    near = words[max(0, n - 1):n] + words[n + 1:n + 4]
    return any(AGENCY_RE.fullmatch(w) for w in near)


_APPOSITION = re.compile(
    rf",\s+(?:(?:a|an|the)\s+)?(?:(?:\w+\s+){{0,2}})?(?:{_ROLE})(?!\w)", _FLAGS)
_APPOSITION_FORMER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:former|ex-|retired|былы|бывш)",
                                _FLAGS)


def role_after(text: str, end: int) -> bool:
    """"Dzmitry Bubenchyk, a judge of ...", "Иван Петров, прокурор ...". Not when the role
    is another person's title ("the trial of X, judge Ivanova presiding")."""
    if not text.startswith(",", end):
        return False
    tail = text[end:end + 80]
    match = _APPOSITION.match(tail)
    if not match or _APPOSITION_FORMER.match(tail) or "," in match.group()[1:]:
        return False
    after = WORD_RE.findall(tail[match.end():match.end() + 40])[:2]
    return not (after and after[0][0].isupper() and (
        len(after) < 2 or after[1].lower() not in _FILLER))


def official_role(text: str, start: int, end: int) -> bool:
    return role_before(text, start) or role_after(text, end)


# Stems of every role and head word, to find in one pass where a role may stand at all.
ROLE_STEMS = _words("""judge prosecut investigat minist ombuds governor warden
dictator head chief chair director судь прокур обвинит следоват министр губернат глав
начальн председат судд судзьдз пракур абвінаваўц следч міністр кіраўн начальні старшын
sudździ sudzdzi prakur abvinava śledč sledč ministr kiraŭn načaln staršyn""")


@lru_cache(maxsize=1)
def _role_automaton():
    machine = ahocorasick.Automaton()
    for stem in ROLE_STEMS:
        machine.add_word(stem, len(stem))
    machine.make_automaton()
    return machine


class Surroundings:
    """The readings above for one text. Where role words stand is found once per text
    (one Aho-Corasick pass), so most names need no regular expression at all."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._roles: list[int] | None = None

    def official(self, start: int, end: int) -> bool:
        if self._roles is None:
            self._roles = [end - size + 1 for end, size in
                           _role_automaton().iter(self.text.lower())]
        n = bisect_left(self._roles, start - WINDOW)
        if n < len(self._roles) and self._roles[n] < start and role_before(self.text, start):
            return True
        return role_after(self.text, end)


# ----------------------------------------------------------------------- places

# Streets and squares are named after people: "вуліца Янкі Купалы" is no mention of anyone.
_STREET = (
    r"street|st|avenue|ave|square|lane|boulevard|prospekt|metro|station|вуліц\w*|вул|"
    r"праспект\w*|пр-т|плошч\w*|завулк\w*|завулак|бульвар\w*|станцы\w*|метро|улиц\w*|ул|"
    r"проспект\w*|площад\w*|переул\w*|станци\w*|vulic\w*|vul|prasp\w*|płošč\w*|stancyj\w*"
)
# Rivers, lakes and settlements: read only before or after a lone surname ("рака Бярэзіна").
_GEO = (
    r"river|lake|town|village|рак[аеіу]|рэчк\w*|воз[еяё]р\w*|горад\w*|гарад\w*|вёск\w*|"
    r"вёсц\w*|пасёлк\w*|рек[аеиу]|речк\w*|озер\w*|город\w*|деревн\w*|посёлк\w*|поселк\w*|"
    r"селе|село|rak[aiu]|voziera|vozier\w*|horad\w*|vios\w*"
)
STREET_BEFORE = re.compile(rf"(?<!\w)(?:{_STREET})\.?\s{{1,2}}$", _FLAGS)
GEO_BEFORE = re.compile(rf"(?<!\w)(?:{_STREET}|{_GEO})\.?\s{{1,2}}$", _FLAGS)
GEO_AFTER = re.compile(rf"\s{{1,2}}(?:{_STREET}|{_GEO})(?!\w)", _FLAGS)
# Prepositions of place and motion (be, ru, Łacinka, en).
PLACE_PREPOSITIONS = frozenset(_words("""
праз цераз у ў на ля каля за над пад па да з са із ад уздоўж паўз вакол
через в во у на около возле за над под по до из от вдоль близ с со
praz cieraz u ŭ na la kala za nad pad pa da z iz ad uzdoŭž paŭz
in at near across along over through to from into beyond
"""))


def place_noun_before(text: str, start: int, geographic: bool = False) -> bool:
    """A street or square word right before the name ("вуліца Купалы", "ул. Купалы");
    with ``geographic``, a river, lake or town word too ("рака Бярэзіна")."""
    pattern = GEO_BEFORE if geographic else STREET_BEFORE
    return bool(pattern.search(text, max(0, start - 30), start))


def place_noun_after(text: str, end: int) -> bool:
    """"Biarezina river", "Бярэзіна рака", "Kalinouski Street" (only a space between)."""
    return bool(GEO_AFTER.match(text, end))


def preposition_before(text: str, start: int) -> bool:
    """A preposition of place or motion right before the word ("праз Бярэзіну")."""
    match = re.search(r"(?<!\w)([^\W\d_]+)\s{1,2}$", text[max(0, start - 16):start])
    return bool(match) and match.group(1).lower() in PLACE_PREPOSITIONS


# ----------------------------------------------------------------------- famous namesakes

# Words that show a famous namesake (a classic writer, poet, composer, historic figure) is
# meant; a row of kind "famous" in non_prisoners.csv may add its own.
FAMOUS_CUES = tuple(_words("""
poet poem poetry verse writer novelist novel fairy tales playwright composer classic
literature literary tsar czar emperor monument statue
поэт поэм стих писател сказк классик литератур памятник царь царя императ композитор
произведени
паэт паэм верш пісьменнік казк класік літаратур помнік імператар кампазітар твор
paet paem vierš piśmieńnik kazk klasik litaratur pomnik impieratar kampazitar
"""))
SENTENCE_EDGE = re.compile(r"[.!?…]\s|\n")


def sentence_of(text: str, start: int, end: int, reach: int = 200) -> str:
    """The lower-cased sentence around a span (at most ``reach`` characters each side)."""
    lo = max(0, start - reach)
    left = [m.end() for m in SENTENCE_EDGE.finditer(text, lo, start)]
    right = SENTENCE_EDGE.search(text, end, min(len(text), end + reach))
    return text[left[-1] if left else lo:right.start() if right else end + reach].lower()


@lru_cache(maxsize=256)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in cues) + ")")


def has_cues(text: str, start: int, end: int, cues: tuple[str, ...]) -> bool:
    """Does the sentence around the span hold a word starting with one of ``cues``?"""
    return bool(_cue_pattern(cues).search(sentence_of(text, start, end)))
