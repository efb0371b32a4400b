"""Invented news paragraphs of any length, for the tests of long articles: sentences drawn from
templates with actors, places, days, reports and denials, the same for a given seed."""

from __future__ import annotations

import random

HEADER = "Title: Clashes go on in the north\nOutlet: Test Wire\nDate: 2025-09-15\n\n"

_WHO = (
    "The Red Cross",
    "The army",
    "Local officials",
    "The governor of the region",
    "Colonel Ibrahim Sow",
    "Aid workers",
)
_WHERE = ("Gao", "Mopti", "Timbuktu", "Kidal", "Niamey", "Maiduguri")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_SENTENCES = (
    "{who} said on {day} that gunmen had attacked a convoy near {where}.",
    "At least {count} people were killed when shells hit a market in {where}.",
    "{who} denied the report and called it false.",
    "Residents of {where} said the road to {other} had been closed since {day}.",
    "The fighting forced {count} families to flee toward {other}, aid workers said.",
    "Troops arrived in {where} on {day} and began searching houses.",
    "{who} called for calm and promised to send food to {where}.",
    "The claims could not be independently verified.",
)


def news_text(chars: int, seed: int = 0) -> str:
    """Paragraphs of 2-4 sentences, one a line, about ``chars`` characters in all (never
    more), ending at a sentence's end."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < chars:
        sentences = [
            rng.choice(_SENTENCES).format(
                who=rng.choice(_WHO),
                where=rng.choice(_WHERE),
                other=rng.choice(_WHERE),
                day=rng.choice(_DAYS),
                count=rng.randint(2, 60),
            )
            for _ in range(rng.randint(2, 4))
        ]
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 1
    text = "\n".join(paragraphs)[:chars]
    return text[: text.rfind(".") + 1]
