"""Filing a ticket end to end: /ticket -> modal -> view_submission -> stored, posted, DM'd."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.domain.models import Language, Priority, Status
from tests.e2e.harness import CHANNELS, EMPLOYEE_EN, EMPLOYEE_FR, Harness

ROOT = Path(__file__).resolve().parents[2]


def _block_ids(view: dict) -> list[str]:
    return [block.get("block_id") for block in view["blocks"] if block["type"] == "input"]


async def test_slash_command_opens_the_form(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_EN)
    assert view["title"]["text"] == "New ticket"
    assert _block_ids(view) == ["type", "title", "description", "impact", "urgency"]
    type_block = next(b for b in view["blocks"] if b.get("block_id") == "type")
    assert [o["value"] for o in type_block["element"]["options"]] == [
        "incident",
        "service_request",
        "problem",
        "information_request",
        "improvement_request",
        "training_request",
        "emergency",
    ]
    assert "initial_option" not in type_block["element"]


async def test_form_speaks_the_users_language(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_FR)
    assert view["title"]["text"] == "Nouveau ticket"
    labels = [b["label"]["text"] for b in view["blocks"] if b["type"] == "input"]
    assert labels == ["Type de demande", "Titre", "Description", "Impact", "Degré d’urgence"]


async def test_text_after_the_command_prefills_the_form(bot: Harness) -> None:
    view = await bot.open_form("my VPN drops every hour")
    title = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert title["element"]["initial_value"] == "my VPN drops every hour"
    type_block = next(b for b in view["blocks"] if b.get("block_id") == "type")
    assert type_block["element"]["initial_option"]["value"] == "incident"
    suggestion = next(b for b in view["blocks"] if b.get("block_id") == "suggestion")
    assert "Infrastructure &amp; network" in suggestion["elements"][0]["text"]


async def test_the_command_s_text_reads_as_the_person_wrote_it(bot: Harness) -> None:
    """Slack escapes the command's text (the manifest's ``should_escape``: the admin commands
    need a mention's id): a title prefilled from it says what the person typed, not Slack's
    encoding of it."""
    view = await bot.open_form(
        "<@U0JOHN|john>'s laptop won't boot &amp; <https://status.example.com|status> is green"
    )
    title = next(b for b in view["blocks"] if b.get("block_id") == "title")
    assert title["element"]["initial_value"] == (
        "@john's laptop won't boot & status (https://status.example.com) is green"
    )


def test_the_manifest_has_slack_escape_the_command_s_text() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    (command,) = manifest["features"]["slash_commands"]
    assert command["should_escape"] is True  # unescaped, "@marie" arrives without her id


# one ticket of each type, in French and in English: (type, title, description, service)
CASES = [
    (
        "incident",
        "My VPN drops every hour",
        "The VPN disconnects hourly since Monday.",
        "infra_network",
        "en",
    ),
    (
        "incident",
        "Mail suspect : hameçonnage ?",
        "J'ai reçu un mail qui demande mon mot de passe, j'ai cliqué sur le lien.",
        "security",
        "fr",
    ),
    (
        "service_request",
        "Need Visio installed",
        "Please install Microsoft Visio on my laptop.",
        "internal_it",
        "en",
    ),
    (
        "service_request",
        "Nouvel ordinateur portable",
        "Mon portable a 6 ans, je voudrais un nouveau poste.",
        "internal_it",
        "fr",
    ),
    (
        "problem",
        "Le wifi du 3e étage tombe tous les jours",
        "Depuis trois semaines le wifi coupe chaque après-midi pour tout l'étage.",
        "infra_network",
        "fr",
    ),
    (
        "problem",
        "Printers lose their queue every Monday",
        "For a month all the printers on floor 2 drop their print queue each Monday morning.",
        "internal_it",
        "en",
    ),
    (
        "information_request",
        "How do I reset my password?",
        "Where is the procedure to change my password?",
        "service_desk",
        "en",
    ),
    (
        "information_request",
        "Politique de télétravail",
        "Quelle est la procédure pour travailler depuis l'étranger ?",
        "service_desk",
        "fr",
    ),
    (
        "improvement_request",
        "Export CSV dans l'intranet",
        "Ce serait bien de pouvoir exporter la liste des congés de l'intranet en CSV.",
        "app_dev",
        "fr",
    ),
    (
        "improvement_request",
        "Dark mode for the CRM",
        "Could the in-house CRM application get a dark mode?",
        "app_dev",
        "en",
    ),
    (
        "training_request",
        "Formation Excel",
        "Je voudrais une formation sur les tableaux croisés dynamiques.",
        "service_desk",
        "fr",
    ),
    (
        "training_request",
        "Teams training for new hires",
        "Can we get a training session on Teams for our new hires?",
        "service_desk",
        "en",
    ),
    (
        "emergency",
        "Production site down",
        "The whole network of the warehouse is down, nobody can work.",
        "infra_network",
        "en",
    ),
    (
        "emergency",
        "Rançongiciel sur le serveur de fichiers",
        "Les fichiers sont chiffrés et une demande de rançon s'affiche.",
        "security",
        "fr",
    ),
]


@pytest.mark.parametrize(("kind", "title", "description", "service", "lang"), CASES)
async def test_filing_each_type(
    bot: Harness, kind: str, title: str, description: str, service: str, lang: str
) -> None:
    user = EMPLOYEE_FR if lang == "fr" else EMPLOYEE_EN
    ticket = await bot.file(kind, title, description, impact="high", urgency="medium", user=user)

    # stored as submitted, classified, prioritised
    assert ticket.type.value == kind
    assert ticket.title == title
    assert ticket.description == description
    assert ticket.service == service, ticket.classification
    assert ticket.status is Status.NEW
    assert ticket.priority is (Priority.P1 if kind == "emergency" else Priority.P2)
    assert ticket.language is Language(lang)
    assert ticket.message is not None and ticket.message.channel == CHANNELS[service]

    # posted in the service's channel with the ticket and a claim button carrying its id
    posted = bot.slack.message(CHANNELS[service], ticket.message.ts)
    text = str(posted["blocks"])
    assert ticket.id in text and title.replace("'", "") in text.replace("'", "").replace(
        "&#39;", ""
    )
    assert f"<@{user}>" in text
    buttons = [
        element
        for block in posted["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    expected = [
        "ticket_claim",
        "ticket_assign",
        "ticket_edit",
        "ticket_status",
        "ticket_priority",
        "ticket_type",  # correct its type; an emergency's is "Not an emergency", below
        "ticket_reassign",
        "knowledge_reply",  # answer with a knowledge base article
        "ticket_merge",  # close it as a duplicate of another
    ]
    if kind == "emergency":  # P1: "Not an emergency: incident…" chooses another priority
        expected.remove("ticket_type")
        expected.remove("ticket_priority")
    else:  # any open ticket may be declared one (tests/e2e/test_emergency_card.py)
        expected.insert(expected.index("ticket_type") + 1, "ticket_declare_emergency")
    if service == "infra_network":  # its saved replies (tests/data/services.yml)
        expected.append("ticket_saved_reply")
    if kind == "emergency":  # an emergency pages on-call until acknowledged: it can be here too
        expected += ["ticket_ack", "ticket_not_emergency"]
    assert [b["action_id"] for b in buttons] == expected
    assert buttons[0]["value"] == ticket.id

    # the requester is told where it went, in their language
    dm = [c for c in bot.slack.calls_to("chat.postMessage") if c.args["channel"] == user][-1]
    assert ticket.id in dm.args["text"]
    if service == "security":  # a private channel: named, not a link the requester can't open
        assert "<#" not in dm.args["text"]
        assert (
            "dans son canal privé" in dm.args["text"]
            or "in its private channel" in (dm.args["text"])
        )
    else:
        assert f"<#{CHANNELS[service]}>" in dm.args["text"]
    assert ("enregistré" in dm.args["text"]) is (lang == "fr")

    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    actions = [e.action for e in history]
    assert actions[:2] == ["created", "posted"]
    assert set(actions[2:]) <= ({"paged"} if kind == "emergency" else set())  # paging at once


async def test_submission_closes_into_a_confirmation(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_FR)
    status, body = await bot.submit(
        view,
        {
            "type": "service_request",
            "title": "Accès au dossier Finance",
            "description": "J'ai besoin d'accéder au partage Finance.",
            "impact": "low",
            "urgency": "low",
        },
        user=EMPLOYEE_FR,
    )
    assert status == 200
    assert body["response_action"] == "update"
    assert body["view"]["title"]["text"] == "Ticket envoyé"
    assert "REQ-1" in str(body["view"]["blocks"])


async def test_validation_errors_show_in_the_modal(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_EN)
    status, body = await bot.submit(
        view, {"type": "incident", "title": "   ", "description": "", "impact": "low"}
    )
    assert status == 200
    assert body["response_action"] == "errors"
    assert body["errors"] == {"title": "Give your request a title."}  # the rest may be left
    assert await bot.guichet.helpdesk.tickets.list_by_status(list(Status)) == []
    assert not bot.slack.calls_to("chat.postMessage")


async def test_validation_errors_in_french(bot: Harness) -> None:
    view = await bot.open_form(user=EMPLOYEE_FR)
    _, body = await bot.submit(
        view,
        {
            "type": "incident",
            "title": "x" * 151,
            "description": "ok",
            "impact": "low",
            "urgency": "low",
        },
        user=EMPLOYEE_FR,
    )
    assert body["errors"] == {
        "title": "Le titre doit faire au plus 150 caractères (il en fait 151)."
    }


async def test_channel_failure_keeps_the_ticket_and_tells_the_requester(bot: Harness) -> None:
    bot.slack.add_channel("C0INFRA", name="it-infra", bot_member=False)
    ticket = await bot.file("incident", "VPN down", "The VPN is down for me", user=EMPLOYEE_EN)
    stored = await bot.guichet.helpdesk.tickets.get(ticket.id)
    assert stored is not None and stored.message is None
    refused = bot.slack.calls_to("chat.postMessage")[0]
    assert refused.args["channel"] == "C0INFRA" and refused.response["error"] == "not_in_channel"
    dm = bot.slack.calls_to("chat.postMessage")[-1]
    assert dm.args["channel"] == EMPLOYEE_EN
    assert "could not post it" in dm.args["text"] and ticket.id in dm.args["text"]
    history = await bot.guichet.helpdesk.tickets.history(ticket.id)
    assert [(e.action, e.note) for e in history] == [
        ("created", None),
        ("post_failed", "not_in_channel"),
    ]


async def test_channel_not_found(bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    bot.slack.fail_next("chat.postMessage", error="channel_not_found")
    ticket = await bot.file("incident", "VPN down", "The VPN is down for me")
    assert "channel_not_found" in caplog.text and ticket.id in caplog.text
    assert (await bot.guichet.helpdesk.tickets.get(ticket.id)) is not None


async def test_user_text_cannot_ping_the_channel(bot: Harness) -> None:
    ticket = await bot.file("incident", "Help <!channel> <@U0OUTSIDER>", "urgent <!here|here> & co")
    assert ticket.message is not None
    posted = bot.slack.message(ticket.message.channel, ticket.message.ts)
    text = str(posted["blocks"]) + posted.get("text", "")
    assert "<!channel>" not in text and "<!here" not in text and "<@U0OUTSIDER>" not in text
    assert "&lt;!channel&gt;" in text


async def test_a_short_text_is_enough_to_file(bot: Harness) -> None:
    """The README's example: ``/ticket my VPN drops every hour``, then Submit as it opened."""
    view = await bot.open_form("my VPN drops every hour", user=EMPLOYEE_EN)
    radios = {
        b["block_id"]: b["element"].get("initial_option") for b in view["blocks"] if "element" in b
    }
    assert (
        radios["impact"]["value"] == radios["urgency"]["value"] == "medium"
    )  # visible, changeable
    description = next(b for b in view["blocks"] if b["block_id"] == "description")
    assert description["optional"] is True
    status, body = await bot.send.view_submission(view, user_id=EMPLOYEE_EN)  # Slack's state
    assert status == 200 and isinstance(body, dict) and body["response_action"] == "update", body
    (ticket,) = await bot.guichet.helpdesk.tickets.list_by_status(list(Status))
    assert (ticket.title, ticket.description) == ("my VPN drops every hour",) * 2
    assert ticket.service == "infra_network" and ticket.priority.value == "P3"


async def test_everyday_french_words_send_a_ticket_nowhere_special(bot: Harness) -> None:
    """« sa » (her) is no SaaS and « sans » (without) no SAN: a French session problem goes to
    the service desk, not to the private security team nor to infrastructure."""
    for title, routed in (
        ("Ma collègue ne peut plus ouvrir sa session", "sa"),
        ("Teams plante sans arrêt", "sans"),
    ):
        ticket = await bot.file("incident", title, "Depuis ce matin.", user=EMPLOYEE_FR)
        assert ticket.service == "service_desk", (title, ticket.service)
        card = await bot.channel_message(ticket.id)
        assert f"pour\u00a0: {routed}" not in str(card["blocks"])  # no such reason on its card
    assert not bot.slack.messages(CHANNELS["security"])
    assert not bot.slack.messages(CHANNELS["infra_network"])


async def test_an_emergency_starts_high_and_high(bot: Harness) -> None:
    view = await bot.open_form("ransomware: every server is down, urgent outage", user=EMPLOYEE_FR)
    radios = {
        b["block_id"]: b["element"].get("initial_option") for b in view["blocks"] if "element" in b
    }
    assert radios["type"]["value"] == "emergency"
    assert radios["impact"]["value"] == radios["urgency"]["value"] == "high"
    urgency = next(b for b in view["blocks"] if b["block_id"] == "urgency")
    assert urgency["label"]["text"] == "Degré d’urgence"  # not "Urgence", the type's name
    names = [(o["text"]["text"], o["description"]["text"]) for o in urgency["element"]["options"]]
    assert names[0] == ("Élevée", "Tout est bloqué pour moi")  # agrees, does not repeat


async def test_a_ticket_filed_without_a_description_shows_its_title_once(bot: Harness) -> None:
    """The title stands for the description when none is written ("my VPN drops" says it
    all): the card and the page say it once, not the same line twice."""
    ticket = await bot.file("incident", "VPN drops every hour", "")
    assert ticket.description == "VPN drops every hour"  # stored as before
    card = await bot.channel_message(ticket.id)
    summary = next(b for b in card["blocks"] if b["type"] == "section")
    assert summary["text"]["text"] == "*VPN drops every hour*"
