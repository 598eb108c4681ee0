"""The meaning check's article vectors, kept across restarts and shared by the replicas
(``knowledge: {semantic: true}``): embedding an article takes about 0.3 s on one core, so 2,000
articles took minutes at every start-up. Each vector is kept by the hash of the model's name and
the text it embedded (``_id``: the collection's own unique index answers both queries), so an
unchanged article is never embedded again, by this replica or another, and a changed one (or
another model) gets a new key.

In MongoDB rather than a file: the bot keeps nothing on its disk (a container's file system is
gone at the next deployment, and replicas do not share one), a vector is 1.5 KB (384 float32),
3 MB for 2,000 articles, and a replica started after another reads what it computed.

The vectors of texts no article has any more (an article edited or retired, another model) are
deleted when the index is rebuilt (``purge``), so the collection holds what the articles use.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from storage.client import Database, store_errors

READ_MAX = 50_000


class ArticleVectorRepository:
    def __init__(self, database: Database) -> None:
        self._vectors = database.handle["article_vectors"]

    @store_errors
    async def stored(self, keys: list[str]) -> dict[str, bytes]:
        """Key -> the vector's bytes (float32), of those ``keys`` kept."""
        cursor = self._vectors.find({"_id": {"$in": keys}}, {"vector": 1})
        return {d["_id"]: bytes(d["vector"]) for d in await cursor.to_list(READ_MAX)}

    @store_errors
    async def keep(self, vectors: dict[str, bytes], at: datetime) -> None:
        """Keep ``vectors`` (key -> bytes); one kept already (another replica computed the same
        text) is left as it is: the same key means the same model and text."""
        for key, vector in vectors.items():
            await self._vectors.update_one(
                {"_id": key}, {"$setOnInsert": {"vector": vector, "at": at}}, upsert=True
            )

    @store_errors
    async def purge(self, live: Collection[str], before: datetime) -> int:
        """Delete the vectors kept before ``before`` whose key is not in ``live`` (the keys of
        every live article's texts); how many. One ``delete_many`` served by the ``_id`` index
        (``$nin`` gives it the bounds between the live keys). ``before``: when the articles
        were read, so that a vector another replica kept since, for an article published
        since, stays."""
        result = await self._vectors.delete_many(
            {"_id": {"$nin": sorted(live)}, "at": {"$lt": before}}
        )
        return int(result.deleted_count)
