"""Uploads under the time budget: a slow one is stopped as E012 and the next is served."""

from __future__ import annotations

from sitrep.settings import Settings
from sitrep.store import Store
from sitrep.workers import WorkerPool

from ..stalling import STALL, stalling_nlp
from .conftest import TOKEN, client_for

AUTH = {"Authorization": f"Bearer {TOKEN}"}
FAST = "Negotiators met in the capital on Monday and said the talks would continue all week."


def upload(text: str, name: str) -> dict:
    return {"file": (name, text.encode("utf-8"), "text/plain")}


def test_a_slow_upload_is_e012_and_the_next_upload_is_analyzed(tmp_path):
    pool = WorkerPool(Settings(time_budget=1), load_nlp=stalling_nlp)
    with Store(f"sqlite:///{tmp_path / 'budget.db'}") as store, pool:
        client = client_for(store, pool, token=TOKEN)
        slow = client.post(
            "/api/articles", files=upload(f"Shelling. {STALL}", "slow.txt"), headers=AUTH
        )
        assert slow.status_code == 200, slow.text
        body = slow.json()
        assert (body["added"], body["existing"], body["failed"]) == (0, 0, 1)
        assert body["articles"][0]["code"] == "E012"
        fast = client.post("/api/articles", files=upload(FAST, "fast.txt"), headers=AUTH)
        assert fast.status_code == 201, fast.text
        [outcome] = fast.json()["articles"]
        assert outcome["result"] == "added"
        assert store.get(outcome["id"]).article.text == FAST
        assert [f.code for f in store.failures()] == ["E012"]
