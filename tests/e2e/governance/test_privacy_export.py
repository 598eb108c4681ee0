"""``/ticket privacy export @person``: an admin receives everything kept about a person as a
JSON file; anyone else is refused; both are lines of the audit log."""

from __future__ import annotations

import json

from tests.e2e.harness import DESK_AGENT, EMPLOYEE_EN, EMPLOYEE_FR, OUTSIDER, Harness
from tests.e2e.test_paging import file_emergency
from tests.e2e.workspace import ADMIN, GROUP_ADMIN, INFRA_ONCALL_1


async def _answer(bot: Harness, text: str, user: str) -> str:
    return str((await bot.command_answer(text, user)).get("text"))


async def test_an_admin_exports_a_persons_data_as_json(bot: Harness) -> None:
    mine = await bot.file("information_request", "Password procedure?", "Where is it?")
    other = await bot.file(
        "information_request", "Leave procedure?", "Where is it?", user=EMPLOYEE_FR
    )
    await bot.claim(other, DESK_AGENT)

    told = await _answer(bot, f"privacy export <@{EMPLOYEE_EN}|john>", ADMIN)
    assert told == f"<@{EMPLOYEE_EN}>’s data sent to your direct messages."
    (upload,) = bot.slack.uploads()
    assert upload.filename == f"guichet-data-{EMPLOYEE_EN}.json"
    data = json.loads((upload.data or b"").decode("utf-8"))
    assert data["person"] == EMPLOYEE_EN and data["exported_by"] == ADMIN
    assert [ticket["_id"] for ticket in data["tickets"]] == [mine.id]  # not Marie's
    assert data["tickets"][0]["title"] == "Password procedure?"
    assert "audit_pending" not in data["tickets"][0]

    agent = await _answer(bot, f"privacy export <@{DESK_AGENT}>", ADMIN)
    assert "sent to your direct messages" in agent
    exported = json.loads((bot.slack.uploads()[-1].data or b"").decode("utf-8"))
    assert [t["_id"] for t in exported["tickets"]] == [other.id]  # the ticket they claimed
    assert [line["action"] for line in exported["audit"]] == ["claimed"]

    audit = bot.guichet.database.handle["audit"]
    exports = await audit.find({"action": "privacy_export"}).to_list(10)
    assert [(d["actor"], d["after"], d["outcome"]) for d in exports] == [
        (ADMIN, EMPLOYEE_EN, "done"),
        (ADMIN, DESK_AGENT, "done"),
    ]


async def test_only_admins_export_personal_data(bot: Harness) -> None:
    told = await _answer(bot, f"privacy export <@{EMPLOYEE_EN}>", OUTSIDER)
    assert told == "The privacy commands are for Guichet’s admins only."
    assert not bot.slack.uploads()
    refused = await bot.guichet.database.handle["audit"].find({}).to_list(10)
    assert [(d["actor"], d["action"], d["outcome"]) for d in refused] == [
        (OUTSIDER, "privacy_export", "refused")
    ]
    assert "privacy export @person" in await _answer(bot, "privacy export John", ADMIN)


async def test_erase_without_a_mention_answers_erases_usage(bot: Harness) -> None:
    told = await _answer(bot, "privacy erase marie", ADMIN)
    assert told.startswith("Write `/ticket privacy erase @person` (a mention"), told
    assert "privacy export" not in told
    assert not bot.slack.calls_to("views.open")


async def test_exporting_someone_guichet_never_knew_sends_no_file(bot: Harness) -> None:
    await bot.file("information_request", "Password procedure?", "Where is it?")
    told = await _answer(bot, "privacy export <@U0NOBODY>", ADMIN)
    assert told == "Guichet keeps nothing about <@U0NOBODY>: no file to send."
    assert not bot.slack.uploads()


async def test_the_export_holds_the_tickets_and_lines_that_name_someone_who_never_acted(
    bot: Harness,
) -> None:
    """Paged for an emergency they never answered: the ticket names them (its history's
    « on-call paged: U… ») and so does the audit log's line; the export holds both, as the
    erasure changes both (an export that finds less than the erasure is not "everything")."""
    ticket = await file_emergency(bot)
    assert ticket.paging is not None
    stored = await bot.ticket(ticket.id)
    assert INFRA_ONCALL_1 not in (stored.requester, stored.assignee)

    told = await _answer(bot, f"privacy export <@{INFRA_ONCALL_1}>", ADMIN)
    assert "sent to your direct messages" in told, told
    data = json.loads((bot.slack.uploads()[-1].data or b"").decode("utf-8"))
    assert [t["_id"] for t in data["tickets"]] == [ticket.id]
    paged = [line for line in data["audit"] if line["action"] == "paged"]
    assert [(line["actor"], line["after"]) for line in paged] == [("guichet", INFRA_ONCALL_1)]
    # the file's comment names what else it holds (their page, in the outbox), in French too
    assert len(data["audit"]) == 1 and data["outbox"]
    assert bot.slack.uploads()[-1].initial_comment == (
        f"Everything Guichet keeps about <@{INFRA_ONCALL_1}>: 1 ticket, 1 audit line. "
        "And also: messages sent or still to be sent."
    )
    told = await _answer(bot, f"privacy export <@{INFRA_ONCALL_1}>", GROUP_ADMIN)
    assert "envoyées dans vos messages directs" in told, told
    comment = bot.slack.uploads()[-1].initial_comment or ""
    assert comment.endswith("Et aussi\u00a0: des messages envoyés ou à envoyer."), comment
