"""Word search across sections on SQLite and PostgreSQL alike: whole words, case and
diacritics folded, every word required, snippets that mark the words; and the names pickers
suggest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.errors import SitrepError
from sitrep.link import link_report
from sitrep.link.linker import list_stories
from sitrep.model import Place, Span
from sitrep.store import Store
from sitrep.store import tables as t
from sitrep.store.words import fold, search_terms, snippet, words_of
from tests.api.reports import STORY_TEXTS, make_report

SAHEL = [
    "Title: Troops deploy in Mali\nDate: 2024-05-02\n\nTroops deployed near Gao in Mali.",
    "Title: Drought in Somalia\nDate: 2024-05-03\n\nSomalia faces drought; Somalian herders move.",
    "Title: Niger junta meets envoys\nDate: 2024-05-01\n\nNiger's junta met envoys in Niamey.",
    "Title: Nigeria votes\n\nNigeria and Nigerian voters went to the polls.",
    "Title: Rally in Bogotá\nDate: 2024-05-04\n\nCrowds marched in BOGOTÁ and Medellín.",
]


def titles(hits) -> list[str]:
    return [hit.row.title for hit in hits]


def test_words_fold_case_and_diacritics_and_drop_operators():
    assert fold("Bogotá ÉCOLE Medellín") == "bogota ecole medellin"
    assert search_terms('"Mali" OR -Niger* NEAR(x) mali') == ["mali", "or", "niger", "near", "x"]
    assert words_of("Al-Shabaab's fighters") == " al shabaab s fighters "


def test_a_snippet_marks_whole_words_and_cuts_at_word_boundaries():
    text = (
        "Somalia is calm. " * 20
        + "Troops entered Mali on Monday; Mali's army said so. "
        + ("Nothing else. " * 20)
    )
    found = snippet(text, ["mali"], width=80)
    marked = [found.text[s:e] for s, e in found.matches]
    assert marked == ["Mali", "Mali"]
    assert found.cut_start and found.cut_end and len(found.text) <= 80
    assert "".join(piece for piece, _ in found.segments()) == found.text
    assert not found.text.startswith(" ") and "Somali" not in marked
    whole = snippet("In Mali.", ["mali"], width=None)
    assert whole.segments() == [("In ", False), ("Mali", True), (".", False)]


def test_articles_match_whole_words_only(store_url):
    with Store(store_url) as store:
        for text in SAHEL:
            store.add(make_report(text))

        def found(q: str) -> list[str]:
            hits, total = store.search("articles", q)
            assert total == len(hits)
            return titles(hits)

        assert found("Mali") == ["Troops deploy in Mali"]
        assert found("niger") == ["Niger junta meets envoys"]
        assert found("NIGERIA") == ["Nigeria votes"]
        assert found("somalia") == ["Drought in Somalia"]
        # Diacritics either way, every word required.
        assert found("bogota medellin") == ["Rally in Bogotá"]
        assert found("Bogotá troops") == []
        assert found("---") == []
        # /api/articles?q= is the same search, newest first, undated last.
        assert [r.title for r in store.articles(q="in")] == [
            "Rally in Bogotá",
            "Drought in Somalia",
            "Troops deploy in Mali",
            "Niger junta meets envoys",
        ]
        [hit] = store.search("articles", "medellin")[0]
        assert [hit.snippet.text[s:e] for s, e in hit.snippet.matches] == ["Medellín"]
        assert not hit.snippet.text.startswith("Title:")


def test_search_pages_in_sql_and_counts_every_match(store_url):
    with Store(store_url) as store:
        for text in SAHEL:
            store.add(make_report(text))
        first, total = store.search("articles", "in", limit=2)
        rest, again = store.search("articles", "in", limit=2, offset=2)
        assert total == again == 4 and len(first) == len(rest) == 2
        assert titles(first + rest) == [r.title for r in store.articles(q="in")]
        with pytest.raises(SitrepError):
            store.search("everything", "in")


def test_every_section_is_the_same_word_search(store_url):
    with Store(store_url) as store:
        for text in STORY_TEXTS:
            report = make_report(text)
            store.add(report)
            link_report(store, report)
        stories = list_stories(store)
        claims = [claim for story in stories for claim in story.claims]
        assert claims, "the story texts make claims"
        for q in ("civilians killed", "AIRSTRIKE", "kukawa market", "air"):
            terms = search_terms(q)

            def holds(text: str, terms=terms) -> bool:
                return set(terms) <= set(words_of(text).split())

            hits, total = store.search("claims", q, limit=500)
            assert sorted(h.row.id for h in hits) == sorted(c.id for c in claims if holds(c.text))
            assert total == len(hits)
            for hit in hits:
                assert {fold(hit.snippet.text[s:e]) for s, e in hit.snippet.matches} == set(terms)
            story_hits, story_total = store.search("stories", q, limit=500)
            assert sorted(h.row.id for h in story_hits) == sorted(
                s.id for s in stories if holds(s.title)
            )
            assert story_total == len(story_hits)
        assert store.search("claims", "air")[1] == 0
        actors, n = store.search("actors", "ISRAEL defense")
        assert [a.row.id for a in actors] == ["idf"] and n == 1
        assert store.search("actors", "israel defence")[1] == 0
        places, n = store.search("places", "kukawa")
        assert [p.row.id for p in places] == ["geo:2332459"] and n == 1
        assert [h.row.id for h in store.search("places", "kuk")[0]] == []


def test_suggestions_complete_the_last_word(store_url):
    with Store(store_url) as store:
        for text in STORY_TEXTS:
            store.add(make_report(text))
        assert [(s.name, s.id) for s in store.suggest("place", "kuk")] == [
            ("Kukawa", "geo:2332459")
        ]
        assert [s.id for s in store.suggest("actor", "israel def")] == ["idf"]
        assert {s.id for s in store.suggest("actor", "def")} == {"idf", "rus_mod"}
        assert store.suggest("actor", "srael") == []
        outlets = [s.name for s in store.suggest("outlet", "wi")]
        assert outlets == ["Lake Chad Wire"]
        assert all(s.id is None for s in store.suggest("outlet", "s"))
        assert store.suggest("place", "   ") == []
        with pytest.raises(SitrepError):
            store.suggest("story", "k")
        # A picker's name (or an id) names the filter's id.
        assert store.named("actor", "israel DEFENSE forces") == "idf"
        assert store.named("place", "geo:2332459") == "geo:2332459"
        assert store.named("place", "Kuka") is None


def test_countries_are_suggested_by_name_with_their_code(store_url):
    niger = make_report(SAHEL[2])
    start = niger.article.text.index("Niger's")
    country = Place(
        "geo:2440476",
        "Niger",
        17.6,
        8.1,
        "NE",
        "country",
        2440476,
        (Span(start, start + 5, "Niger"),),
    )
    with Store(store_url) as store:
        store.add(replace(niger, places=(country,)))
        store.add(make_report(SAHEL[3]))
        assert [(s.name, s.id) for s in store.suggest("country", "nig")] == [("Niger", "NE")]
        assert store.suggest("country", "nigeria") == []
        assert [p.row.id for p in store.search("places", "niger")[0]] == ["geo:2440476"]


def test_migration_7_indexes_words_of_rows_stored_before_it(store_url):
    report = make_report(SAHEL[4] + " Kukawa sent greetings.")
    with Store(store_url) as store:
        store.add(report)
        with store.engine.begin() as conn:
            # The rows as schema 6 left them: no names, no body offsets.
            conn.execute(t.names.delete())
            conn.execute(t.articles.update().values(body_start=None, body_end=None))
            conn.execute(t.meta.update().values(value="6"))
    with Store(store_url) as store:
        [hit] = store.search("articles", "medellin")[0]
        assert hit.row.id == report.article.id
        assert not hit.snippet.text.startswith("Title:")
        assert [s.id for s in store.suggest("place", "KUK")] == ["geo:2332459"]
        assert [p.row.id for p in store.search("places", "kukawa")[0]] == ["geo:2332459"]
