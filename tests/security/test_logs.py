"""No secrets in logs: the API token and the password in a database URL appear in no log
record, response or error message, whatever the request, at every log level."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from sitrep.settings import Settings
from sitrep.store import Store

from ..api.conftest import client_for
from .conftest import TOKEN

PASSWORD = "hunter2-db-password"
SITREP = str(Path(sys.executable).with_name("sitrep"))


def with_password(url: str) -> str:
    """The URL with a password where the database takes one (the test server ignores it)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    return parsed.set(password=PASSWORD).render_as_string(hide_password=False)


def test_requests_log_neither_the_token_nor_the_database_password(
    store_url, blank_analyzer, caplog
):
    url = with_password(store_url)
    with caplog.at_level(logging.DEBUG), Store(url) as store:
        client = client_for(store, blank_analyzer, token=TOKEN, db=url)
        answers = [
            client.post(
                "/api/articles",
                files={"file": ("a.txt", b"Officials said on Monday the bridge had reopened.")},
                headers={"Authorization": f"Bearer {TOKEN}"},
            ),
            client.post(
                "/api/articles",
                files={"file": ("a.txt", b"x")},
                headers={"Authorization": f"Bearer {TOKEN[:-1]}"},
            ),
            client.post("/api/articles/url", data={"url": "http://127.0.0.1/"}),
            client.get("/api/articles", headers={"Authorization": f"Bearer {TOKEN}"}),
            client.get("/articles/missing"),
            client.get("/api/nope"),
        ]
        assert [a.status_code for a in answers] == [201, 401, 401, 200, 404, 404]
        assert store.count() == 1
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "nothing was logged: the capture is not working"
    for secret in (TOKEN, PASSWORD):
        assert secret not in logged
        assert all(secret not in answer.text for answer in answers)


def test_settings_and_store_errors_hide_the_password_and_token():
    url = f"postgresql+psycopg://sitrep:{PASSWORD}@127.0.0.1:1/none"
    shown = repr(Settings(db=url, token=TOKEN))
    assert PASSWORD not in shown and TOKEN not in shown
    done = subprocess.run(
        [SITREP, "articles", "--db", url], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode != 0 and "E031" in done.stderr
    assert PASSWORD not in done.stderr + done.stdout
