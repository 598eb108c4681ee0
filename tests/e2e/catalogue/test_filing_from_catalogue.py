"""Filing from the catalogue end to end: /ticket -> "What do you need?" -> an item's form
(views.update) -> errors under the fields, or the request stored with its answers, posted in
the item's service, told to the requester."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from bot.domain.catalogue_request import CatalogueRequest, FileRef
from bot.domain.models import Language, Status, TicketType
from sandbox.emulator import UPLOAD_METHOD
from tests.e2e.catalogue.steps import choose, inputs, section_texts
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, EMPLOYEE_FR, INFRA_ONCALL_1, Harness

LICENCE = {
    "field_software": "visio",
    "field_seats": "2",  # no approval up to 2
    "field_cost_centre": "4410",
    "field_for_whom": ["U0MARIE"],
}


async def _submit(bot: Harness, view: dict, answers: dict, user: str = EMPLOYEE_EN) -> dict:
    status, body = await bot.submit(view, answers, user=user)
    assert status == 200, body
    return body


async def test_slash_ticket_first_asks_what_is_needed(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_FR)
    assert view["callback_id"] == "catalogue_picker"
    assert view["title"]["text"] == "Nouvelle demande"
    assert view["blocks"][0]["text"]["text"] == "*De quoi avez-vous besoin\u00a0?*"
    menu = view["blocks"][1]["elements"][0]
    groups = [
        (g["label"]["text"], [o["value"] for o in g["options"]]) for g in menu["option_groups"]
    ]
    assert groups == [
        ("Service informatique interne", ["software_licence", "shared_folder", "new_laptop"]),
        ("Développement et maintenance d’applications", ["app_bug"]),
        ("Sécurité informatique", ["admin_rights"]),
        ("Infrastructure et réseau", ["vpn_access"]),
        ("Autre", ["something_else"]),
    ]
    assert (not inputs(view) and "submit" not in view) or view["submit"] is None


async def test_choosing_an_item_turns_the_form_into_its_form(bot: Harness) -> None:
    picker = await bot.open_form()
    form = await choose(bot, picker, "software_licence")
    assert form["id"] == picker["id"] and form["callback_id"] == "catalogue_request"
    fields = inputs(form)
    assert list(fields) == ["field_software", "field_seats", "field_cost_centre", "field_for_whom"]
    assert fields["field_seats"]["element"]["type"] == "number_input"
    assert fields["field_seats"]["element"]["min_value"] == "1"
    assert fields["field_cost_centre"]["hint"]["text"] == "Four digits, for example 4410."
    assert fields["field_for_whom"]["optional"] is True
    assert fields["field_software"].get("optional") in (None, False)
    menu = form["blocks"][1]["elements"][0]
    assert menu["initial_option"]["value"] == "software_licence"
    assert "goes to the *Internal IT* team" in str(form["blocks"])


async def test_what_was_typed_is_kept_when_another_item_is_chosen(bot: Harness) -> None:
    picker = await bot.open_form()
    licence = await choose(bot, picker, "software_licence")
    laptop = await choose(bot, licence, "new_laptop", {"field_cost_centre": "4410"})
    assert inputs(laptop)["field_cost_centre"]["element"]["initial_value"] == "4410"
    free = await choose(bot, laptop, "something_else")
    assert free["callback_id"] == "file_ticket"
    assert [b for b in inputs(free)] == ["type", "title", "description", "impact", "urgency"]
    typed = {"title": "Printer jams", "description": "Every morning"}
    back = await choose(bot, free, "something_else", typed)
    assert inputs(back)["title"]["element"]["initial_value"] == "Printer jams"
    assert inputs(back)["description"]["element"]["initial_value"] == "Every morning"


async def test_required_fields_and_limits_are_errors_under_the_fields(bot: Harness) -> None:
    form = await choose(
        bot, await bot.open_form(user=EMPLOYEE_FR), "software_licence", user=EMPLOYEE_FR
    )
    body = await _submit(bot, form, {"field_seats": "25"}, user=EMPLOYEE_FR)
    assert body["response_action"] == "errors"
    assert body["errors"] == {
        "field_software": "Ce champ est obligatoire.",
        "field_seats": "Le maximum est 20.",
        "field_cost_centre": "Ce champ est obligatoire.",
    }
    assert not bot.slack.calls_to("chat.postMessage")


async def test_a_request_is_filed_with_its_answers(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(), "software_licence")
    body = await _submit(bot, form, LICENCE)
    assert body["response_action"] == "update"
    found = re.search(r"REQ-\d+", str(body["view"]["blocks"]))
    assert found is not None
    ticket_id = found.group()
    await bot.wait_dms(EMPLOYEE_EN, 1)
    ticket = await bot.ticket(ticket_id)
    assert ticket.type is TicketType.SERVICE_REQUEST and ticket.service == "internal_it"
    assert ticket.status is Status.NEW and ticket.title == "Software licence"
    assert ticket.request == CatalogueRequest(
        item="software_licence",
        answers={"software": "visio", "seats": 2, "cost_centre": "4410", "for_whom": ["U0MARIE"]},
    )
    stored = await bot.database.handle["tickets"].find_one({"_id": ticket_id})
    assert stored["request"] == {
        "item": "software_licence",
        "answers": {
            "software": "visio",
            "seats": 2,
            "cost_centre": "4410",
            "for_whom": ["U0MARIE"],
        },
        "files": [],
    }
    assert ticket.message is not None
    card = str(bot.slack.message(CHANNELS["internal_it"], ticket.message.ts)["blocks"])
    assert "*Software:* Microsoft Visio" in card and "*For whom:* <@U0MARIE>" in card
    dm = str(bot.latest_dm(EMPLOYEE_EN)["blocks"])
    assert "*Seats:* 2" in dm
    shown = await bot.show(ticket_id, EMPLOYEE_EN)
    assert "*Cost centre:* 4410" in shown


async def test_dates_choices_and_boxes_are_read_in_the_readers_language(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(user=EMPLOYEE_FR), "new_laptop", user=EMPLOYEE_FR)
    answers = {
        "field_model": "developer",
        "field_needed_by": "2026-12-31",
        "field_accessories": ["dock", "screen"],
        "field_returns_old": ["yes"],
    }
    body = await _submit(bot, form, answers, user=EMPLOYEE_FR)
    found = re.search(r"REQ-\d+", str(body["view"]["blocks"]))
    assert found is not None
    ticket_id = found.group()
    await bot.wait_dms(EMPLOYEE_FR, 1)
    ticket = await bot.ticket(ticket_id)
    assert ticket.language is Language.FR and ticket.title == "Nouvel ordinateur portable"
    assert ticket.request is not None
    assert ticket.request.answers == {
        "model": "developer",
        "needed_by": "2026-12-31",
        "accessories": ["dock", "screen"],
        "returns_old": True,
    }
    assert "Accessoires : Station d’accueil, Écran" in ticket.description.replace("\u00a0", " ")
    dm = section_texts(bot.latest_dm(EMPLOYEE_FR))
    assert "*Pour le\u00a0:* 31/12/2026" in dm and "*Je rends l’ancien\u00a0:* oui" in dm
    assert "Nouvel ordinateur portable" in str(bot.latest_dm(EMPLOYEE_FR))  # theirs in French
    # the team's card, in Internal IT's channel (English), names the item in English
    card = await bot.channel_message(ticket_id)
    assert card["blocks"][1]["text"]["text"].startswith("*New laptop*"), card["blocks"][1]
    assert "New laptop" in card["text"] and "Nouvel ordinateur" not in str(card)


async def test_text_after_the_command_suggests_the_closest_item(bot: Harness) -> None:
    view = await bot.open_form("I need a Visio licence please")
    assert view["callback_id"] == "catalogue_request"
    assert view["blocks"][1]["elements"][0]["initial_option"]["value"] == "software_licence"
    assert "Guichet suggests *Software licence*" in str(view["blocks"])
    free = await bot.open_form("my screen flickers")
    assert free["callback_id"] == "file_ticket"
    assert inputs(free)["title"]["element"]["initial_value"] == "my screen flickers"
    chosen = await choose(bot, view, "something_else")
    title = inputs(chosen)["title"]["element"]["initial_value"]
    assert title == "I need a Visio licence please"


async def test_home_new_ticket_asks_what_is_needed_too(bot: Harness) -> None:
    home = await bot.open_home(EMPLOYEE_EN)
    call = await bot.press_form(f"D{EMPLOYEE_EN}", home, "home_new_ticket", EMPLOYEE_EN)
    assert call.response["view"]["callback_id"] == "catalogue_picker"
    assert '"source":"home"' in call.response["view"]["private_metadata"]


async def test_the_answers_are_columns_of_the_csv_export(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(), "vpn_access")
    answers = {"field_reason": "=cmd|' /C calc'!A0", "field_channels": ["C0INFRA"]}
    body = await _submit(bot, form, answers)
    assert body["response_action"] == "update"
    await bot.wait_dms(EMPLOYEE_EN, 1)
    bot.clock.advance(timedelta(minutes=1))
    free = await choose(bot, await bot.open_form(), "something_else")
    incident = {
        "type": "incident",
        "title": "VPN down",
        "description": "The VPN is down.",
        "impact": "low",
        "urgency": "low",
    }
    assert (await _submit(bot, free, incident))["response_action"] == "update"
    await bot.wait_dms(EMPLOYEE_EN, 2)
    bot.clock.advance(timedelta(minutes=1))
    await bot.command_answer("export infra_network", INFRA_ONCALL_1)  # told once it is sent
    assert bot.slack.last(UPLOAD_METHOD).ok
    dm = bot.slack.dm_channel_id(INFRA_ONCALL_1)
    [upload] = bot.slack.uploads(dm)
    data = (upload.data or b"").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=";"))  # a French reader
    assert rows[0][-3:] == [  # in the exporting agent's language
        "Demande du catalogue",
        "Accès VPN · Pourquoi ?",
        "Accès VPN · Canaux de l’équipe",
    ]
    by_id = {row[0]: row for row in rows[1:]}
    request = next(row for ticket_id, row in by_id.items() if ticket_id.startswith("REQ-"))
    incident_row = next(row for ticket_id, row in by_id.items() if ticket_id.startswith("INC-"))
    assert request[-3:] == ["Accès VPN", "'=cmd|' /C calc'!A0", "C0INFRA"]
    assert incident_row[-3:] == ["", "", ""]


SHOT = {
    "id": "F0SHOT1",
    "name": "error.png",
    "title": "error.png",
    "permalink": "https://guichet-test.slack.com/files/U0JOHN/F0SHOT1/error.png",
}


async def test_files_attached_in_a_form_are_kept_and_shown(bot: Harness) -> None:
    form = await choose(bot, await bot.open_form(), "app_bug")
    element = inputs(form)["field_screenshots"]["element"]
    assert element == {
        "type": "file_input",
        "action_id": "field_screenshots",
        "filetypes": ["png", "jpg"],
        "max_files": 2,
    }
    three = [SHOT, {**SHOT, "id": "F0SHOT2"}, {**SHOT, "id": "F0SHOT3"}]
    body = await _submit(bot, form, {"field_what": "Crash on save", "field_screenshots": three})
    assert body == {
        "response_action": "errors",
        "errors": {"field_screenshots": "2 files at most."},
    }
    body = await _submit(bot, form, {"field_what": "Crash on save", "field_screenshots": [SHOT]})
    found = re.search(r"INC-\d+", str(body["view"]["blocks"]))
    assert found is not None
    ticket_id = found.group()
    await bot.wait_dms(EMPLOYEE_EN, 1)
    ticket = await bot.ticket(ticket_id)
    assert ticket.service == "app_dev" and ticket.request is not None
    assert ticket.request.answers["screenshots"] == ["F0SHOT1"]
    assert ticket.request.files == (FileRef("F0SHOT1", "error.png", SHOT["permalink"]),)
    # the requester's own DM links their file (it opens for them); everywhere else it is named,
    # its copy in the card's thread (Slack keeps a form's file private to its uploader)
    filed = bot.latest_dm(EMPLOYEE_EN)
    assert f"*Screenshots:* <{SHOT['permalink']}|error.png>" in str(filed["blocks"])
    shown = await bot.show(ticket_id, EMPLOYEE_EN)
    assert "*Screenshots:* error.png _(copy in the ticket’s thread)_" in shown
    assert SHOT["permalink"] not in shown
    card = str((await bot.channel_message(ticket_id))["blocks"])
    assert "*Screenshots:* error.png _(copy in this thread)_" in card
    assert SHOT["permalink"] not in card


async def test_files_of_a_request_are_copied_into_its_cards_thread_for_the_team(
    bot: Harness,
) -> None:
    """The card linked the requester's screenshot, which Slack keeps private to them: the
    team could not open it. A copy is uploaded into the card's thread, once."""
    shot = bot.slack.user_upload(EMPLOYEE_EN, "crash.png", b"\x89PNG crash")
    form = await choose(bot, await bot.open_form(), "app_bug")
    answers = {"field_what": "Crash on save", "field_screenshots": [shot]}
    body = await _submit(bot, form, answers)
    found = re.search(r"INC-\d+", str(body["view"]["blocks"]))
    assert found is not None
    await bot.wait_dms(EMPLOYEE_EN, 1)
    ticket = await bot.ticket(found.group())
    assert ticket.message is not None
    thread_ts = ticket.message.ts

    def copied() -> list:
        return [u for u in bot.slack.uploads(CHANNELS["app_dev"]) if u.thread_ts == thread_ts]

    (copy,) = await bot.eventually(copied, "the copy in the card's thread")
    assert (copy.filename, copy.data) == ("crash.png", b"\x89PNG crash")
    assert copy.initial_comment == (
        f"📎 The file <@{EMPLOYEE_EN}> attached to *{ticket.id}*, copied here so the team can "
        "open it:"
    )
    await bot.settled()
    assert len(copied()) == 1
