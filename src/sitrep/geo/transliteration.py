"""A looser comparison form for names transliterated from Arabic, Persian, Pashto, Russian,
Ukrainian, Somali and the languages of the Sahel, where English news and GeoNames spell the same
place many ways ("Deir Ezzor", "Dayr az-Zawr", "Deir el-Zour"; "Beledweyne", "Belet Weyne";
"Kharkiv", "Charkiv"; "Qandahar", "Kandahar").

:func:`skeleton` keeps what transliterations agree on, the consonant skeleton, and drops what
they disagree on: the article and its assimilation (al-/el-/ad-/ez-, "Ezzor"), vowels and the
semivowels w/y (Dayr/Deir/Dair, Zawr/Zour/Zor), doubled letters, the -iyah/-iya/-iyeh ending, a
final h, diacritics, hyphens and apostrophes, and the letter pairs that one script's sound is
written with in different romanizations (kh/h/ch, q/k/g, dh/d, th/t, zh/z, sh/s, dzh/j/y, t/d).

The skeleton of a name's key (:func:`sitrep.geo.gazetteer.variant_key`) collides far more than
the key does, so a gazetteer files
it only for places in :data:`TRANSLITERATED` countries and a name is looked up under it only when
its own key finds nothing and something besides the gazetteer says it is a place (a place entity
or a cue such as "the town of").
"""

from __future__ import annotations

import re

#: Countries whose place names reach English through transliteration from Arabic, Persian,
#: Pashto, Russian, Ukrainian, Somali or the Sahel's languages (ISO 3166-1 alpha-2).
TRANSLITERATED = frozenset(
    {
        # Arabic-speaking states
        *("SY", "IQ", "YE", "LY", "SA", "JO", "LB", "PS", "EG", "SD", "DZ", "MA", "TN"),
        *("OM", "AE", "QA", "KW", "BH", "MR"),
        # Persian, Pashto, Urdu; Russian, Ukrainian, Belarusian; the Horn of Africa
        *("IR", "AF", "PK", "RU", "UA", "BY", "SO", "DJ", "ER", "ET"),
        # the Sahel
        *("ML", "NE", "BF", "TD", "SS", "NG"),
    }
)

# "al", "el", "ad", "ez" ... standing as words once name_key has split them off ("Deir ez Zor"),
# and "Ezzor", "Assuwayda", "Arraqqa": the article written into the word, assimilated.
_ARTICLE_WORD = re.compile(r"^(?:[aeiu][lnrsdtz]|ash|esh)$")
_ASSIMILATED = re.compile(r"^[ae](?=([dnrstz])\1)")
# Russian and Ukrainian write one sound as dzh, English j, German dsch, French dj.
_LETTERS = (
    ("dzh", "j"),
    ("dsch", "j"),
    ("dj", "j"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "g"),
    ("q", "k"),
    ("g", "k"),
    ("ck", "k"),
    ("c", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("zh", "z"),
    ("sh", "s"),
    ("j", "y"),
    ("ph", "f"),
    ("v", "f"),
    ("t", "d"),
)
_NISBA = re.compile(r"(?:iyy?ah?|iyeh|ieh|iyya)$")
_VOWELS = re.compile(r"[aeiouyw]+")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """The transliteration-blind form of a name key (lower-case ASCII words); empty for a
    name that is only an article."""
    words = [_ASSIMILATED.sub("", w) for w in key.split()]
    text = "".join(w for w in words if not _ARTICLE_WORD.match(w))
    text = _NISBA.sub("ia", text)
    for written, sound in _LETTERS:
        text = text.replace(written, sound)
    text = text.removesuffix("h")
    # A run of vowels and semivowels is one mark: transliterations agree that a vowel stands
    # there ("Dayr", "Deir", "Dair"), not which.
    return _DOUBLED.sub(r"\1", _VOWELS.sub("a", text))
