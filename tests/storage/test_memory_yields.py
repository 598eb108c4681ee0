"""The in-memory store gives the event loop a turn after each operation, as a round trip to
MongoDB does, so a job of many operations never holds the loop (and the next ack) for all of
them."""

from __future__ import annotations

import asyncio

from storage.client import connect


async def test_each_operation_lets_another_task_run() -> None:
    collection = connect(None, "yields").handle["things"]
    turns = 0
    running = True

    async def other_request() -> None:
        nonlocal turns
        while running:
            turns += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(other_request())
    await asyncio.sleep(0)
    try:
        seen = []
        for number in range(5):
            before = turns
            await collection.insert_one({"n": number})
            await collection.update_one({"n": number}, {"$set": {"seen": True}})
            assert await collection.find_one({"n": number}) is not None
            seen.append(turns - before)
        listed = turns
        documents = await collection.find({"seen": True}).to_list(None)
    finally:
        running = False
        await task
    assert len(documents) == 5
    assert seen == [3, 3, 3, 3, 3]  # one turn after each of the three operations
    assert turns > listed  # and one after reading a cursor to a list


def test_installing_twice_wraps_once() -> None:
    import mongomock_motor

    from storage.memory_yields import install_yields

    connect(None, "yields")
    wrapped = mongomock_motor.AsyncMongoMockCollection.insert_one
    install_yields()
    assert mongomock_motor.AsyncMongoMockCollection.insert_one is wrapped
