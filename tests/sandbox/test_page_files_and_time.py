"""The page's server without a browser: files the bot shares (the CSV export) shown in their
message and downloadable by who sees it, behind the page's guard; an answer "only visible to
you" dismissed; the clock in real time; a ticket filed since the clock's last move exported."""

from __future__ import annotations

import json
import re

from tests.sandbox.driver import EMMA, GENERAL, MARIE, PAUL, SOPHIE, PageDriver, blocks_text

QUESTION = {
    "type": {"type": "information_request"},
    "title": {"title": "Où trouver la politique de congés\u00a0?"},
    "description": {"description": "Je ne trouve pas la page de l’intranet."},
    "impact": {"impact": "low"},
    "urgency": {"urgency": "low"},
}


VPN = {  # step 1 of the README's walk-through
    "type": {"type": "incident"},
    "title": {"title": "mon VPN coupe toutes les heures"},
    "description": {"description": None},
    "impact": {"impact": "medium"},
    "urgency": {"urgency": "medium"},
}


async def _file_question(page: PageDriver, values: dict = QUESTION) -> str:
    modal = await page.open_form(MARIE)
    await page.post("submit", user=MARIE, view_id=modal["view"]["id"], values=values)
    filed = (await page.state(MARIE))["modal"]
    found = re.search(r"\b[A-Z]{3}-\d+\b", blocks_text(filed["view"]))
    assert found is not None
    return found.group()


async def _export(page: PageDriver, user: str = SOPHIE, text: str = "/ticket export 1j") -> dict:
    """Sophie's ``/ticket export 1j`` in #general (or ``user``'s ``text``); the DM that carries
    the file."""
    status, answer = await page.post("command", user=user, channel=GENERAL, text=text)
    assert (status, answer) == (200, {"ok": True}), answer

    async def shared() -> list:
        messages = (await page.state(user, f"D{user}"))["messages"]
        return [m for m in messages if m["files"]]

    (message,) = await page.until(shared, f"the export in {user}'s DM")
    return message


async def test_the_walk_throughs_export_has_the_ticket_of_its_first_step(page: PageDriver) -> None:
    """README, "Try it in 2 minutes": step 1 files Marie's VPN ticket (to Infrastructure &
    network), step 6 exports it as Emma, who works that team: a file with the ticket, where
    Sophie's service desk had nothing to export."""
    ticket_id = await _file_question(page, VPN)
    message = await _export(page, EMMA, "/ticket export 1d")
    (file,) = message["files"]
    assert "Tickets for Infrastructure &amp; network filed" in message["text"]
    async with page.session.get(f"{page.api}/file/{file['id']}", params={"user": EMMA}) as got:
        assert got.status == 200
        lines = (await got.read()).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ID,Type,Title,") and lines[1].startswith(f"{ticket_id},Incident,")


async def test_the_export_arrives_with_its_file_to_download(page: PageDriver) -> None:
    ticket_id = await _file_question(page)  # the clock has not moved since
    message = await _export(page)
    (file,) = message["files"]
    assert file["name"].startswith("guichet-tickets-") and file["name"].endswith(".csv")
    assert file["mimetype"] == "text/csv" and file["size"] > 0
    assert "Les tickets du Centre de support créés" in message["text"]
    assert message["text"].endswith("\u00a0: 1. Heures en UTC.")

    url = f"{page.api}/file/{file['id']}"
    async with page.session.get(url, params={"user": SOPHIE}) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/csv")
        assert f"filename*=UTF-8''{file['name']}" in response.headers["Content-Disposition"]
        body = await response.read()
    assert len(body) == file["size"] and ticket_id in body.decode("utf-8-sig")
    async with page.session.get(url, params={"user": MARIE}) as response:
        assert response.status == 404  # not in a channel Marie sees
    host = {"Host": "rebound.example:80"}
    async with page.session.get(url, params={"user": SOPHIE}, headers=host) as response:
        assert response.status == 403  # guarded like the page's other routes


async def test_an_answer_only_for_you_is_dismissed(page: PageDriver) -> None:
    await page.post("command", user=SOPHIE, channel=GENERAL, text="/ticket help")

    async def answered() -> list:
        messages = (await page.state(SOPHIE, GENERAL))["messages"]
        return [m for m in messages if m["ephemeral"]]

    (answer,) = await page.until(answered, "the help, only for Sophie")
    status, body = await page.post("dismiss", user=MARIE, channel=GENERAL, ts=answer["ts"])
    assert status == 400 and "no message" in body["error"]  # not Marie's to dismiss
    status, body = await page.post("dismiss", user=SOPHIE, channel=GENERAL, ts=answer["ts"])
    assert (status, body) == (200, {"ok": True})
    assert not [m for m in (await page.state(SOPHIE, GENERAL))["messages"] if m["ephemeral"]]
    assert page.sandbox.emulator.ephemerals(GENERAL)  # Slack still has it; the view forgot it


async def test_real_time_follows_the_wall_clock_from_where_it_stands(page: PageDriver) -> None:
    clock = page.sandbox.clock
    status, body = await page.post("clock", user=SOPHIE, minutes=15)
    assert (status, body["ok"], body["real_time"]) == (200, True, False)
    moved = clock.now()
    status, body = await page.post("real_time", user=SOPHIE, on=True)
    assert (status, body["ok"], body["real_time"]) == (200, True, True)
    state = await page.state(SOPHIE)
    assert state["real_time"] is True and state["clock"] >= moved.isoformat()

    async def ticking() -> bool:
        return clock.now() > moved

    await page.until(ticking, "the clock to move on its own")
    status, body = await page.post("real_time", user=SOPHIE, on=False)
    assert body["real_time"] is False and (await page.state(SOPHIE))["real_time"] is False
    stopped = clock.now()
    assert clock.now() == stopped and stopped > moved
    status, body = await page.post("real_time", on="yes please")
    assert status == 400


async def test_the_privacy_export_arrives_with_its_json_file(page: PageDriver) -> None:
    await _file_question(page)
    status, answer = await page.post(
        "command", user=PAUL, channel=GENERAL, text=f"/ticket privacy export <@{MARIE}>"
    )
    assert (status, answer) == (200, {"ok": True}), answer

    async def shared() -> list:
        messages = (await page.state(PAUL, f"D{PAUL}"))["messages"]
        return [m for m in messages if m["files"]]

    (message,) = await page.until(shared, "the privacy export in Paul's DM")
    (file,) = message["files"]
    assert file["name"].endswith(".json") and file["mimetype"] == "application/json"
    url = f"{page.api}/file/{file['id']}"
    async with page.session.get(url, params={"user": PAUL}) as response:
        assert response.status == 200
        data = await response.json(content_type=None)
    assert MARIE in json.dumps(data)
