from sitrep.ingest.text import parse_text

HEADED = (
    "URL: https://example.org/a\nOutlet: Example Wire\nDate: 2024-05-01\nTitle: Ceasefire holds\n\n"
    "Ceasefire holds\nThe truce held overnight, officials said.\n"
)


def test_header_block_is_metadata_and_body_offsets_index_verbatim_text():
    article = parse_text(HEADED, path="a.txt")
    assert (article.url, article.outlet, article.published, article.title) == (
        "https://example.org/a",
        "Example Wire",
        "2024-05-01",
        "Ceasefire holds",
    )
    assert article.text == HEADED
    assert article.body.startswith("Ceasefire holds\nThe truce")
    assert HEADED[article.body_start : article.end] == article.body


def test_trailing_source_line_is_the_outlet_and_not_body():
    text = "Strike kills five\nFive people died in the strike.\nSource: Daily Example"
    article = parse_text(text)
    assert article.outlet == "Daily Example"
    assert article.title == "Strike kills five"
    assert article.body == "Strike kills five\nFive people died in the strike."


def test_no_header_first_line_is_title_and_body_is_everything():
    text = "Floods displace thousands\nRiver levels rose on Monday.\n"
    article = parse_text(text)
    assert article.title == "Floods displace thousands"
    assert article.body_start == 0 and article.body == text.rstrip()


def test_key_value_lines_without_blank_line_are_not_a_header():
    text = "Update: the convoy arrived\nIt reached the town at noon."
    article = parse_text(text)
    assert article.body_start == 0 and article.title == "Update: the convoy arrived"


def test_same_body_same_id_whatever_the_metadata():
    a = parse_text(HEADED)
    b = parse_text("Ceasefire holds\nThe truce  held overnight, officials said.", outlet="Other")
    assert a.id == b.id


def test_unparseable_header_date_is_dropped_not_invented():
    article = parse_text("Date: sometime soon\n\nTitle line\nBody text here.")
    assert article.published is None
