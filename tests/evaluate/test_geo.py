"""The geoparsing scorer on tiny hand-made LGL and GeoVirus files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from sitrep.errors import SitrepError
from sitrep.evaluate.geo import PredictedMention, evaluate_geo, read_gold, score
from sitrep.model import Article, ArticleReport, Place, Span

LGL = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text><![CDATA[Storm hits Springfield. Roads near Dayton were closed, Ohio officials said.]]></text>
    <toponyms>
      <toponym><start>11</start><end>22</end><phrase>Springfield</phrase>
        <gaztag geonameid="4951788"><name>Springfield</name><lat>39.92</lat><lon>-83.81</lon></gaztag>
      </toponym>
      <toponym><start>35</start><end>41</end><phrase>Dayton</phrase>
        <gaztag geonameid="4509884"><name>Dayton</name><lat>39.76</lat><lon>-84.19</lon></gaztag>
      </toponym>
      <toponym><start>55</start><end>59</end><phrase>Ohio</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

# GeoVirus offsets are one too high: "Lagos" is text[15:20] but written as 16-21.
GEOVIRUS = """<articles>
  <article>
    <source>https://example.org/outbreak</source>
    <text>Cases rose in Lagos and Abuja this week.</text>
    <locations>
      <location><name>Lagos</name><start>15</start><end>20</end><lat>6.45</lat><lon>3.39</lon></location>
      <location><name>Abuja</name><start>25</start><end>30</end><lat>9.06</lat><lon>7.49</lon></location>
    </locations>
  </article>
</articles>
"""


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_lgl_with_and_without_gazetteer_tags(tmp_path):
    fmt, gold = read_gold(_write(tmp_path, "lgl.xml", LGL))
    assert fmt == "lgl"
    toponyms = gold[0].toponyms
    assert [gold[0].text[t.start : t.end] for t in toponyms] == ["Springfield", "Dayton", "Ohio"]
    assert toponyms[0].geonameid == 4951788 and toponyms[0].lat == 39.92
    assert toponyms[2].lat is None and toponyms[2].geonameid is None


def test_reads_geovirus_with_its_offsets_shifted_back(tmp_path):
    fmt, gold = read_gold(_write(tmp_path, "geovirus.xml", GEOVIRUS))
    assert fmt == "geovirus"
    assert [gold[0].text[t.start : t.end] for t in gold[0].toponyms] == ["Lagos", "Abuja"]
    assert all(t.geonameid is None for t in gold[0].toponyms)


def test_unknown_xml_is_a_catalogue_error(tmp_path):
    with pytest.raises(SitrepError) as caught:
        read_gold(
            _write(tmp_path, "other.xml", "<articles><article><text>x</text></article></articles>")
        )
    assert caught.value.code == "E040"


def test_scores_recognition_and_resolution(tmp_path):
    _, gold = read_gold(_write(tmp_path, "lgl.xml", LGL))
    predicted = [
        [
            PredictedMention(11, 22, 39.92, -83.81, 4951788),  # right place
            # right id, coordinates ~360 km off, given as a region's point
            PredictedMention(35, 41, 39.76, -80.0, 4509884, precision=2),
            PredictedMention(0, 5, 0.0, 0.0, None),  # "Storm": not a toponym
        ]
    ]
    scores = score("lgl", gold, predicted)
    assert (scores.gold, scores.predicted) == (3, 3)
    assert scores.precision == pytest.approx(2 / 3, abs=1e-4)
    assert scores.recall == pytest.approx(2 / 3, abs=1e-4)
    assert scores.f1 == pytest.approx(2 / 3, abs=1e-4)
    assert scores.resolved == 2
    assert scores.accuracy_161km == 0.5
    assert (scores.with_geonameid, scores.exact_geonameid) == (2, 1.0)
    assert 170 < scores.median_error_km < 190
    assert scores.by_precision == {
        "1": {"resolved": 1, "accuracy_161km": 1.0},
        "2": {"resolved": 1, "accuracy_161km": 0.0},
    }


def test_evaluate_geo_runs_the_analyzer_it_is_given(tmp_path):
    path = _write(tmp_path, "geovirus.xml", GEOVIRUS)

    def analyze_many(articles: Iterable[Article]) -> Iterator[ArticleReport]:
        for article in articles:
            start = article.text.index("Lagos")
            lagos = Place(
                "geo:2332459",
                "Lagos",
                6.45,
                3.39,
                "NG",
                "city",
                2332459,
                (Span(start, start + 5, "Lagos"),),
            )
            yield ArticleReport(article=article, places=(lagos,))

    scores = evaluate_geo(path, analyze_many)
    assert (scores.format, scores.articles, scores.gold, scores.predicted) == ("geovirus", 1, 2, 1)
    assert (scores.precision, scores.recall, scores.accuracy_161km) == (1.0, 0.5, 1.0)
