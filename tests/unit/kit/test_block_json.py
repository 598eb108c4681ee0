"""``plain`` serialises Block Kit objects as slack_sdk's ``to_dict`` does, without running the
validators on every message: for every shape the ticket's card and the requester's DMs take,
both give the same JSON (and ``to_dict``, validators on, accepts it: the blocks are validated
here, where they are tested)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    MarkdownTextObject,
    Option,
    OptionGroup,
    RichTextBlock,
    RichTextElementParts,
    RichTextSectionElement,
    SectionBlock,
    StaticSelectElement,
)

from bot.domain.config import load_services_config
from bot.domain.models import (
    SUSPECTED_EMERGENCY,
    HistoryAction,
    HistoryEntry,
    Language,
    MessageRef,
    Paging,
    Status,
    Ticket,
    TicketType,
)
from handlers.kit.block_json import plain, plain_blocks
from handlers.tickets.card import help_blocks, ticket_message
from handlers.tickets.controls import moved_message
from handlers.tickets.requester_notices import requester_dm, retired_dm
from tests.fakes import T0, ticket

CONFIG = load_services_config(Path(__file__).parent.parent.parent / "data" / "services.yml")
CHANGE = HistoryEntry("INC-1", T0, "U0AGENT", HistoryAction.CLAIMED, after="U0AGENT")
LATER = T0 + timedelta(hours=1)

TICKETS: dict[str, Ticket] = {
    "new": ticket(message=MessageRef("C0DESK", "1.1")),
    "claimed": ticket(status=Status.IN_PROGRESS, assignee="U0AGENT"),
    "resolved": ticket(status=Status.RESOLVED, assignee="U0AGENT", language=Language.FR),
    "closed, to rate": ticket(status=Status.CLOSED, assignee="U0AGENT"),
    "closed, rated": ticket(status=Status.CLOSED, assignee="U0AGENT", satisfaction=4),
    "cancelled": ticket(status=Status.CANCELLED),
    "emergency paging": ticket(
        type=TicketType.EMERGENCY, id="EMG-1", paging=Paging(started_at=T0, next_at=LATER)
    ),
    "emergency acknowledged": ticket(
        type=TicketType.EMERGENCY,
        id="EMG-2",
        paging=Paging(started_at=T0, next_at=None, acked_by="U0AGENT", acked_at=T0),
    ),
    "suspected emergency": ticket(extra={SUSPECTED_EMERGENCY: ["down", "everyone"]}),
    "problem with incidents": ticket(
        type=TicketType.PROBLEM, id="PRB-1", linked_incidents=tuple(f"INC-{i}" for i in range(12))
    ),
    "linked incident": ticket(problem_id="PRB-1"),
    "moved here": ticket(service="network"),
}


@pytest.mark.parametrize("name", TICKETS)
def test_a_card_is_the_json_to_dict_gives(name: str) -> None:
    shown = TICKETS[name]
    for language in Language:
        for change in (None, CHANGE):
            blocks = ticket_message(replace(shown, last_change=change), CONFIG, language, T0)
            assert plain_blocks(blocks) == [block.to_dict() for block in blocks]


@pytest.mark.parametrize("name", TICKETS)
def test_a_requester_dm_is_the_json_to_dict_gives(name: str) -> None:
    shown = TICKETS[name]
    for key in ("filing.dm.filed", "working.dm.claimed", "working.dm.resolved"):
        _, blocks = requester_dm(key, shown, CONFIG, "U0AGENT", T0)
        assert plain_blocks(blocks) == [block.to_dict() for block in blocks]
    _, retired = retired_dm("it said", shown, superseded=True)
    assert plain_blocks(retired) == [block.to_dict() for block in retired]


def test_a_moved_card_and_the_help_are_the_json_to_dict_gives() -> None:
    moved = replace(TICKETS["moved here"], message=MessageRef("C0NET", "2.2"))
    change = HistoryEntry("INC-1", T0, "U0AGENT", HistoryAction.REASSIGNED, before="it")
    for language in Language:
        for blocks in (moved_message(moved, change, CONFIG, language), help_blocks(language)):
            assert plain_blocks(blocks) == [block.to_dict() for block in blocks]


def test_options_confirmations_and_empty_values_are_serialised_as_to_dict_does() -> None:
    """The objects whose ``to_dict`` is their own (an option, a confirmation), an empty list
    left out, except where Slack allows it (a rich text section's elements)."""
    described = Option(value="v", text="Label", description="More")
    menu = StaticSelectElement(action_id="a", placeholder="Pick", options=[described])
    confirm = ConfirmObject(title="Sure?", text="Really", confirm="Yes", deny="No", style="danger")
    button = ButtonElement(action_id="b", text="Go", value="x", confirm=confirm, url="https://x.y")
    blocks = [
        ActionsBlock(elements=[menu, button]),
        SectionBlock(text=MarkdownTextObject(text="*t*"), fields=[]),
        RichTextBlock(elements=[RichTextSectionElement(elements=[])]),
        RichTextBlock(
            elements=[
                RichTextSectionElement(
                    elements=[
                        RichTextElementParts.Text(text="bold", style={"bold": True}),
                        RichTextElementParts.User(user_id="U0ANN"),
                    ]
                )
            ]
        ),
        ActionsBlock(
            elements=[
                StaticSelectElement(
                    action_id="grouped",
                    placeholder="Pick",
                    option_groups=[OptionGroup(label="Group", options=[described])],
                    initial_option=described,
                )
            ]
        ),
    ]
    assert plain_blocks(blocks) == [block.to_dict() for block in blocks]
    assert plain("text") == "text"
    assert plain({"type": "divider"}) == {"type": "divider"}  # a dict is JSON already
