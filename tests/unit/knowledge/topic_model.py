"""A fake model for the meaning check: each topic is one direction; an article is the direction
of the topic its text names, and every question is read as one chosen topic, so that the model
agrees or disagrees with the word search at will."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from bot.knowledge.semantic import SemanticCheck


class TopicModel:
    def __init__(self, names: Mapping[str, tuple[str, ...]]) -> None:
        """``names``: for each topic, the words that name it in an article's text."""
        self.names = names

    def direction(self, topic: str) -> np.ndarray:
        vector = np.zeros(len(self.names), dtype=np.float32)
        vector[list(self.names).index(topic)] = 1.0
        return vector

    def passages(self, texts: list[str]) -> np.ndarray:
        """Each article's vector: the direction of the topic its text names."""
        return np.vstack(
            [
                next(
                    self.direction(topic)
                    for topic, names in self.names.items()
                    if any(name in text.casefold() for name in names)
                )
                for text in texts
            ]
        )

    def reading(self, topic: str) -> Callable[[list[str]], np.ndarray]:
        """A model that reads every question as being about ``topic``."""
        return lambda texts: np.vstack([self.direction(topic) for _ in texts])

    def check(self, topic: str) -> SemanticCheck:
        """The meaning check with this model reading every question as ``topic``."""
        return SemanticCheck(self.reading(topic), self.passages)
