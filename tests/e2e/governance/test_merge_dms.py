"""A merge leaves no button it made useless: the duplicate's requester's earlier DMs lose Cancel
and Add information and say which ticket it went into, once the merge notice is told
(``bot/conversation/merge_notice.py``), as a closing or a cancellation does; a merged
emergency's pages lose Acknowledge and say so (``bot/paging/pages_ended.py``)."""

from __future__ import annotations

from typing import Any

from tests.e2e.harness import EMPLOYEE_EN, EMPLOYEE_FR, INFRA_ONCALL_1, INFRA_ONCALL_2, Harness
from tests.e2e.test_paging import file_emergency


def _actions(message: dict[str, Any]) -> list[str]:
    return [
        element["action_id"]
        for block in message.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]


async def test_a_merged_duplicates_requester_keeps_no_button_that_would_be_refused(
    bot: Harness,
) -> None:
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    duplicate = await bot.file(
        "incident", "Le VPN ne marche plus à l’entrepôt", "Depuis ce matin.", user=EMPLOYEE_FR
    )
    filed = bot.latest_dm(EMPLOYEE_FR, "ticket_cancel")  # "filed", with Cancel
    assert "ticket_cancel" in _actions(filed)
    assert (await bot.ticket(duplicate.id)).service == kept.service

    view = (await bot.choose_form(duplicate.id, "ticket_merge", INFRA_ONCALL_2)).response["view"]
    status, body = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200 and not body, body
    await bot.told_eventually(EMPLOYEE_FR, "clos comme doublon")  # the merge notice

    def retired() -> dict[str, Any] | None:
        shown = bot.slack.message(bot.slack.dm_channel_id(EMPLOYEE_FR), filed["ts"])
        return shown if not _actions(shown) else None

    shown = await bot.eventually(retired, "the filed DM without its buttons")
    said = str(shown["blocks"])
    assert f"*{duplicate.id}* a été fusionné dans *{kept.id}*" in said  # in French, as the DM
    assert "plus rien à faire ici" in said
    stored = await bot.guichet.database.handle["tickets"].find_one({"_id": duplicate.id})
    assert stored["requester_dms"] == []  # none left to retire
    kept_dm = bot.latest_dm(EMPLOYEE_EN, "ticket_cancel")  # the kept ticket's stays live
    assert kept.id in str(kept_dm["blocks"])


async def test_a_merged_emergencys_pages_lose_acknowledge_and_say_where_it_went(
    bot: Harness,
) -> None:
    emergency = await file_emergency(bot)  # INFRA_ONCALL_1 paged, Acknowledge on the page
    page = bot.latest_dm(INFRA_ONCALL_1, "ticket_ack")
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    assert kept.service == emergency.service

    view = (await bot.choose_form(emergency.id, "ticket_merge", INFRA_ONCALL_2)).response["view"]
    status, body = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200 and not body, body

    def ended() -> dict[str, Any] | None:
        shown = bot.slack.message(bot.slack.dm_channel_id(INFRA_ONCALL_1), page["ts"])
        return shown if "ticket_ack" not in _actions(shown) else None

    shown = await bot.eventually(ended, "the page without Acknowledge")
    assert f"fusionné dans {kept.id}" in shown["text"]  # INFRA_ONCALL_1 reads French
    assert "Plus besoin d’acquitter" in shown["text"]
    paging = (await bot.ticket(emergency.id)).paging
    assert paging is not None and not paging.active  # and it pages nobody any more


async def test_a_press_on_the_duplicates_old_card_is_told_where_it_went(bot: Harness) -> None:
    kept = await bot.file("incident", "VPN down at the warehouse", "Nobody can connect.")
    duplicate = await bot.file("incident", "VPN down in the warehouse", "Cannot connect.")
    seen = await bot.channel_message(duplicate.id)  # as the on-call still sees it
    view = (await bot.choose_form(duplicate.id, "ticket_merge", INFRA_ONCALL_2)).response["view"]
    status, body = await bot.submit(view, {"merge_target": kept.id}, INFRA_ONCALL_2)
    assert status == 200 and not body, body
    await bot.eventually(lambda: _merged(bot, duplicate.id), "the duplicate closed")

    await bot.choose(duplicate.id, "ticket_priority", "P1", INFRA_ONCALL_1, message=seen)
    told = await bot.told_eventually(INFRA_ONCALL_1, "fusionné dans")  # reads French
    assert f"{duplicate.id} a été fusionné dans *{kept.id}* par <@{INFRA_ONCALL_2}>" in told


async def _merged(bot: Harness, ticket_id: str) -> bool:
    return not (await bot.ticket(ticket_id)).is_open
