"""Slack's checks of an app's answer to ``block_suggestion``, as the sandbox makes them."""

from __future__ import annotations

import pytest

from sandbox.slack_requests.suggestions import check_options_answer


def _option(text: str = "Laptop", value: str = "laptop") -> dict:
    return {"text": {"type": "plain_text", "text": text}, "value": value}


def _groups(*options: list[dict], label: str = "IT") -> dict:
    return {
        "option_groups": [
            {"label": {"type": "plain_text", "text": label}, "options": list(group)}
            for group in options
        ]
    }


def test_a_well_shaped_answer_passes() -> None:
    check_options_answer({"options": [_option()]})
    check_options_answer(_groups([_option()] * 100))


@pytest.mark.parametrize(
    ("answer", "refused"),
    [
        ({"options": [_option()] * 101}, "1 to 100"),
        ({"options": []}, "1 to 100"),
        ({"options": [_option("x" * 76)]}, "text is over 75"),
        ({"options": [_option(value="v" * 151)]}, "value must hold 1 to 150"),
        (_groups([_option()], label="L" * 76), "label is over 75"),
        ({"option_groups": [{"label": {"text": "G"}, "options": [_option()]}] * 101}, "than 100"),
        ({"options": [_option()], "option_groups": []}, "exactly one"),
        ([], "not a JSON object"),
        ({"options": "Laptop"}, "options is not a list"),
    ],
)
def test_what_slack_refuses(answer: object, refused: str) -> None:
    with pytest.raises(ValueError, match=refused):
        check_options_answer(answer)
