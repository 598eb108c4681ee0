"""What the in-memory store holds, measured (the load benchmark's memory phase prints it)."""

from __future__ import annotations

import random
import string
from dataclasses import replace

from storage.client import Database
from storage.memory import deep_size, stored_data


async def test_the_store_says_what_each_collection_holds(memory_database: Database) -> None:
    items = memory_database.handle["outbox"]
    rng = random.Random(5)  # texts that do not deflate much: 1,000 letters and digits
    text = [
        (f"{n:03d}" + "".join(rng.choices(string.ascii_letters + string.digits, k=1000)))
        for n in range(50)
    ]
    await items.insert_many(
        [{"_id": f"i{n}", "state": "pending", "text": text[n]} for n in range(50)]
    )
    await items.find_one({"state": "pending"})  # the in-memory index is made on first use
    found = stored_data(memory_database)
    outbox = found["outbox"]
    assert outbox.documents == 50
    assert 50 * 700 < outbox.data_bytes < 50 * 2000  # the texts (deflated), and their bytes
    assert 0 < outbox.view_bytes < outbox.data_bytes
    await items.delete_many({})
    assert stored_data(memory_database)["outbox"].documents == 0


def test_a_shared_object_is_counted_once() -> None:
    text = "y" * 10_000
    assert deep_size([text, text]) < 2 * len(text)


def test_a_server_holds_its_data_outside_the_process(memory_database: Database) -> None:
    assert stored_data(replace(memory_database, persistent=True)) == {}
