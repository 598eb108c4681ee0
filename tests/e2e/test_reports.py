"""/ticket stats and /ticket export, driven as Slack does, on the seeded data set."""

from __future__ import annotations

import csv
import io

from sandbox.emulator import UPLOAD_METHOD
from tests.e2e.harness import (
    DESK_AGENT,
    DESK_MEMBER,
    EMPLOYEE_EN,
    EMPLOYEE_FR,
    INFRA_ONCALL_1,
    OUTSIDER,
    SECURITY_ONCALL,
    Harness,
)
from tests.e2e.observations import answer_text
from tests.e2e.workspace import GROUP_ADMIN
from tests.report_dataset import DESK_WEEK
from tests.storage.test_reports import seed


async def _answer(bot: Harness, text: str, user: str) -> dict:
    url = bot.send.new_response_url("C0GENERAL", None, user)
    status, body = await bot.send.command(text, user_id=user, response_url=url)
    assert status == 200 and not body, body  # acked at once, empty
    answer = await bot.answered(url, f"the answer to /ticket {text}")
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    return answer


async def test_stats_of_a_service_in_french(bot: Harness) -> None:
    await seed(bot.guichet.database)
    answer = await _answer(bot, "stats service_desk 7j", DESK_AGENT)  # fr-FR
    shown = answer_text(answer)
    assert "Statistiques · Centre de support · 7 derniers jours" in shown
    one_day = answer_text(await _answer(bot, "stats service_desk 1j", DESK_AGENT))
    assert "Statistiques · Centre de support · dernier jour" in one_day  # not « 1 derniers »
    assert "*Tickets*\n7" in shown
    assert "1 h 48 min · sur 5 tickets" in shown  # MTTA
    assert "14 h 30 min · sur 2 tickets" in shown  # MTTR
    assert "50\u202f% · 3 sur 6 (réponse\u00a0: 2, résolution\u00a0: 2)" in shown
    assert "4,0 / 5 · 2 tickets notés" in shown
    assert "Incident 4" in shown and "Problème 1" in shown and "Annulé 1" in shown
    assert "*PRB-1* VPN drops for everyone · En cours · tickets liés\u00a0: 3" in shown
    assert "*PRB-2* Printers forget their queue · En cours · tickets liés\u00a0: 1" in shown
    assert "(2 ouverts)" in shown


async def test_stats_of_a_service_in_english_by_its_name(bot: Harness) -> None:
    await seed(bot.guichet.database)
    answer = await _answer(bot, "stats Service desk", DESK_MEMBER)  # a member of its channel
    shown = answer_text(answer)
    assert "Statistics · Service desk · last 7 days" in shown
    assert "1 h 48 min · over 5 tickets" in shown and "14 h 30 min · over 2 tickets" in shown
    assert "50% · 3 of 6 (response: 2, resolution: 2)" in shown
    assert "4.0 / 5 · 2 tickets rated" in shown
    assert "Cancelled tickets and requests awaiting approval count in neither" in shown  # defined


async def test_overall_stats_for_everyone_without_problem_titles(bot: Harness) -> None:
    await seed(bot.guichet.database)
    shown = answer_text(await _answer(bot, "stats 7d", OUTSIDER))
    assert "Statistics · all services · last 7 days" in shown
    assert "*Tickets*\n8" in shown  # the service desk's 7 and one infrastructure incident
    assert "VPN drops" not in shown and "PRB-" not in shown  # not their services' problems,
    # counted as the tickets by type are ("No problem tickets." under "Problem 1" was untrue)
    assert "*Top problems* (2 open)" in shown and "No problem tickets." not in shown
    assert "2 problem tickets of services you do not work in, not listed." in shown
    agent = answer_text(await _answer(bot, "stats", DESK_AGENT))
    assert "*Tickets*\n8" in agent and "VPN drops for everyone" in agent


async def test_a_long_period_and_an_empty_one(bot: Harness) -> None:
    await seed(bot.guichet.database)
    month = answer_text(await _answer(bot, "stats 30d service_desk", DESK_MEMBER))
    assert "last 30 days" in month and "*Tickets*\n8" in month  # with INC-5 (PRB-2 is older)
    refused = answer_text(await _answer(bot, "stats security", DESK_AGENT))
    assert "réservées aux personnes qui y travaillent" in refused  # not security's agent
    nothing = answer_text(await _answer(bot, "stats security", SECURITY_ONCALL))
    assert "No tickets were filed in this period." in nothing


async def test_stats_refusals_in_both_languages(bot: Harness) -> None:
    english = await _answer(bot, "stats service_desk", OUTSIDER)
    assert "*Service desk*’s statistics are for the people who work in it" in english["text"]
    french = await _answer(bot, "statistiques infra_network", EMPLOYEE_FR)
    assert "Les statistiques de l’*Infrastructure et réseau* sont réservées" in french["text"]
    assert "blocks" not in french or not french["blocks"]


async def test_bad_arguments_are_explained_with_the_usage(bot: Harness) -> None:
    period = await _answer(bot, "stats 7x", EMPLOYEE_EN)
    assert "“7x” is not a period" in period["text"] and "`7d` or `30d`" in period["text"]
    assert "`/ticket stats [service] [7d|30d]`" in period["text"]
    assert "`infra_network` (Infrastructure &amp; network)" in period["text"]
    service = await _answer(bot, "stats nowhere 7j", EMPLOYEE_FR)
    assert "Je ne connais pas de service «\u00a0nowhere\u00a0»" in service["text"]
    assert "`security` (Sécurité informatique)" in service["text"]
    twice = await _answer(bot, "export 7d 30d", DESK_AGENT)
    assert "Une seule période" in twice["text"]
    odd = await _answer(bot, "stats <!channel> 400d", EMPLOYEE_EN)
    assert "“400d” is not a period" in odd["text"] and "<!channel>" not in odd["text"]
    signed = await _answer(bot, "stats -5d", EMPLOYEE_EN)  # a period, not a service "-5d"
    assert "“-5d” is not a period" in signed["text"] and "no service" not in signed["text"]
    assert "`/ticket stats [service] [7d|30d]`" in signed["text"]


def _csv_rows(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = io.StringIO(data.decode("utf-8-sig"), newline="")
    return list(csv.reader(text, delimiter=delimiter))


async def test_export_sends_a_csv_to_the_agent(bot: Harness) -> None:
    await seed(bot.guichet.database)
    answer = await _answer(bot, "export 7j", DESK_AGENT)
    assert (
        "Je vous ai envoyé l’export en message direct\u00a0: 7 tickets du Centre de support"
        in (answer["text"])
    )
    dm = bot.slack.dm_channel_id(DESK_AGENT)
    [upload] = bot.slack.uploads(dm)
    assert upload.filename == "guichet-tickets-20251229-20260105.csv"
    assert upload.mimetype == "text/csv" and upload.length == len(upload.data or b"")
    assert upload.title == "Tickets Guichet du 2025-12-29 au 2026-01-05"
    assert "Les tickets du Centre de support créés du 2025-12-29 au 2026-01-05\u00a0: 7" in (
        upload.initial_comment or ""
    )
    assert bot.slack.last(UPLOAD_METHOD).ok
    rows = _csv_rows(upload.data or b"", ";")  # French spreadsheets split at ;
    assert rows[0][0] == "Numéro" and rows[0][13] == "Problème lié"
    assert rows[0][-2:] == ["Objectif de résolution tenu", "Fusionné dans"]
    assert sorted(row[0] for row in rows[1:]) == sorted(DESK_WEEK)  # one row per ticket
    titles = {row[0]: row[2] for row in rows[1:]}
    assert titles["INC-1"].startswith("'=HYPERLINK")  # a formula shown as text
    shared = bot.slack.messages(dm)[-1]
    assert shared["files"][0]["id"] == upload.id


async def test_export_of_a_month_for_a_channel_member_in_english(bot: Harness) -> None:
    await seed(bot.guichet.database)
    answer = await _answer(bot, "export", DESK_MEMBER)  # 30 days by default
    assert "8 tickets for Service desk, filed over the last 30 days" in answer["text"]
    [upload] = bot.slack.uploads(bot.slack.dm_channel_id(DESK_MEMBER))
    rows = _csv_rows(upload.data or b"")
    assert rows[0][0] == "ID" and len(rows) == 1 + 8


async def test_export_refusals_and_nothing_to_export(bot: Harness) -> None:
    await seed(bot.guichet.database)
    outsider = await _answer(bot, "export", OUTSIDER)
    assert "Exports are for the people who work in a support service" in outsider["text"]
    french = await _answer(bot, "exporter 30j", EMPLOYEE_FR)
    assert "Les exports sont réservés" in french["text"]
    other = await _answer(bot, "export infra_network", DESK_AGENT)
    assert "Vous ne travaillez pas dans l’*Infrastructure et réseau*" in other["text"]
    empty = await _answer(bot, "export security", SECURITY_ONCALL)
    assert "No tickets for IT security were filed in the last 30 days" in empty["text"]
    one_day = await _answer(bot, "export security 1d", SECURITY_ONCALL)
    assert "No tickets for IT security were filed in the last day: nothing" in one_day["text"]
    assert not bot.slack.uploads()


async def test_an_upload_that_fails_is_told(bot: Harness) -> None:
    await seed(bot.guichet.database)
    bot.slack.fail_next(UPLOAD_METHOD, status=400)  # refused (a 5xx would be retried first)
    answer = await _answer(bot, "export", DESK_MEMBER)
    assert "I could not send you the file" in answer["text"]
    assert not bot.slack.uploads()
    again = await _answer(bot, "export", DESK_MEMBER)
    assert "I sent you the export" in again["text"]
    assert len(bot.slack.uploads()) == 1


async def test_services_and_periods_by_their_names_in_both_languages(bot: Harness) -> None:
    """`/ticket stats sécurité 30j` named the service as `security` does."""
    french = (await _answer(bot, "stats sécurité 30j", EMPLOYEE_FR))["text"]
    assert "Sécurité informatique" in french and "Je ne connais pas" not in french
    english = (await _answer(bot, "stats 30 days network", DESK_AGENT))["text"]
    assert "Infrastructure" in english and "connais pas" not in english  # a French agent


async def test_a_ticket_filed_this_very_moment_counts_in_stats_and_export(bot: Harness) -> None:
    """With the clock standing still (the sandbox's clock between two moves), a ticket filed
    now is in the last day's statistics and export: the period runs up to now, now included."""
    ticket = await bot.file(
        "information_request", "Where is the leave policy?", "Which page says it?", user=DESK_AGENT
    )
    assert ticket.service == "service_desk" and ticket.created_at == bot.clock.now()
    shown = answer_text(await _answer(bot, "stats service_desk 1j", DESK_AGENT))
    assert "*Tickets*\n1" in shown
    answer = await _answer(bot, "export service_desk 1j", DESK_AGENT)
    assert "1 ticket du Centre de support" in answer["text"]
    [upload] = bot.slack.uploads(bot.slack.dm_channel_id(DESK_AGENT))
    rows = _csv_rows(upload.data or b"", ";")
    assert [row[0] for row in rows[1:]] == [ticket.id]


async def test_a_french_export_of_every_service_says_so(bot: Harness) -> None:
    """An admin's export covers the whole helpdesk: « de tous les services », as /ticket stats
    says it, not the five names one after the other."""
    await seed(bot.guichet.database)
    answer = await _answer(bot, "export 30j", GROUP_ADMIN)  # an admin: every service
    assert "9 tickets de tous les services, créés sur les 30 derniers jours." in answer["text"]
    [upload] = bot.slack.uploads(bot.slack.dm_channel_id(GROUP_ADMIN))
    assert "Les tickets de tous les services créés du 2025-12-06" in (upload.initial_comment or "")


async def test_an_emergency_leading_a_storm_is_no_open_problem_in_the_stats(bot: Harness) -> None:
    """Storm mode links a second report of the outage to the emergency: the service's figures
    do not count the emergency as an open problem they then say nothing of."""
    emergency = await bot.file(
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        impact="high",
        urgency="high",
    )
    second = await bot.file(
        "emergency",
        "Warehouse network down",
        "The whole network of the warehouse is down, nobody can work at all.",
        impact="high",
        urgency="high",
        user=EMPLOYEE_FR,
    )
    linked = await bot.eventually(
        lambda: _linked_to(bot, second.id, emergency.id), "the second report joined the first"
    )
    assert linked
    shown = answer_text(await _answer(bot, "stats infra_network 1d", INFRA_ONCALL_1))
    assert "*Problèmes principaux* (0 ouvert)" in shown, shown
    assert "Aucun ticket de type problème." in shown


async def _linked_to(bot: Harness, ticket_id: str, parent_id: str) -> bool:
    return (await bot.ticket(ticket_id)).problem_id == parent_id
