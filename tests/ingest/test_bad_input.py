"""Every kind of bad input gets its stable code; a batch records it and goes on."""

import os

import pytest

from sitrep.analyzer import check_article
from sitrep.errors import SitrepError
from sitrep.ingest import read_paths
from sitrep.ingest.text import parse_text
from sitrep.model import Article, Failure

LIMIT = 2_000_000
GOOD = (
    "Convoy attacked near Gao\nGunmen attacked a supply convoy near Gao on Monday, the army said.\n"
)


def read_one(path, limit=LIMIT):
    [item] = list(read_paths([str(path)], limit))
    return item


def code_of(path, limit=LIMIT):
    item = read_one(path, limit)
    assert isinstance(item, Failure), item
    return item.code


def test_empty_and_whitespace_only(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n\t\n")
    assert code_of(tmp_path / "empty.txt") == "E001"
    assert code_of(tmp_path / "blank.txt") == "E001"


def test_header_only_article_is_empty(tmp_path):
    (tmp_path / "h.txt").write_text("Outlet: Wire\nDate: 2024-01-01\n\n")
    assert code_of(tmp_path / "h.txt") == "E001"


def test_binary_file(tmp_path):
    (tmp_path / "image.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    )
    assert code_of(tmp_path / "image.txt") == "E002"


def test_fifty_megabyte_text_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        line = b"Shelling continued overnight in the eastern districts, residents said.\n"
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    failure = read_one(big)
    assert failure.code == "E003"
    assert "--max-bytes" in failure.message


def test_invalid_utf8(tmp_path):
    (tmp_path / "latin1.txt").write_bytes(
        "Le cessez-le-feu a été signé à Genève.".encode("latin-1")
    )
    failure = read_one(tmp_path / "latin1.txt")
    assert failure.code == "E004" and "UTF-8" in failure.message


def test_malformed_html_with_text_is_still_read(tmp_path):
    body = "Gunmen attacked a checkpoint in the north of the province, the governor said. " * 4
    (tmp_path / "broken.html").write_text(
        f"<html><body><div><p>{body}<p><b>unclosed <i>tags</div></table>"
    )
    article = read_one(tmp_path / "broken.html")
    assert isinstance(article, Article) and "Gunmen attacked a checkpoint" in article.text


def test_html_with_no_text(tmp_path):
    (tmp_path / "nav.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
    )
    assert code_of(tmp_path / "nav.html") == "E005"


def test_non_english_article_is_refused_by_analysis():
    french = parse_text(
        "Attaque au nord du Mali\nDes hommes armés ont attaqué un convoi de ravitaillement près de Gao "
        "lundi, a indiqué l'armée malienne dans un communiqué publié dans la soirée. Selon des sources "
        "locales, plusieurs véhicules ont été incendiés et les assaillants se sont enfuis vers la "
        "frontière avec le Niger avant l'arrivée des renforts."
    )
    with pytest.raises(SitrepError) as info:
        check_article(french, LIMIT)
    assert info.value.code == "E006"


def test_missing_path():
    failure = read_one("/nonexistent/dir/article.txt")
    assert failure.code == "E007" and failure.path == "/nonexistent/dir/article.txt"


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        # root reads any file whatever its mode; the kernel's own mem file refuses a plain read.
        target = "/proc/self/mem"
    else:
        target = tmp_path / "secret.txt"
        target.write_text(GOOD)
        target.chmod(0)
    assert code_of(target) == "E008"


def test_unknown_format_option(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    [failure] = list(read_paths([str(tmp_path / "a.txt")], LIMIT, fmt="docx"))
    assert failure.code == "E010" and "text, html" in failure.message


def test_a_batch_goes_on_past_bad_inputs(tmp_path):
    (tmp_path / "1_good.txt").write_text(GOOD)
    (tmp_path / "2_empty.txt").write_text("")
    (tmp_path / "3_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "4_good.txt").write_text(GOOD.replace("Monday", "Tuesday"))
    items = list(read_paths([str(tmp_path), "/missing.txt"], LIMIT))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Article", "Failure", "Failure", "Article", "Failure"]
