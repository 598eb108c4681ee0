"""The page's file field without a browser: a file picked in the sandbox catalogue's new-laptop
form goes to Slack (the emulator) through ``/sandbox/api/upload``, the submission names it as
Slack's ``file_input`` does, and the ticket keeps its reference (id, name, permalink)."""

from __future__ import annotations

import base64

from bot.domain.models import Status
from tests.sandbox.driver import JOHN, PageDriver

OPEN = list(Status)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def _laptop_form(page: PageDriver) -> dict:
    picker = await page.open_catalogue(JOHN)
    view_id = picker["view"]["id"]
    status, answer = await page.post(
        "action",
        user=JOHN,
        view_id=view_id,
        action_id="catalogue_pick",
        block_id="catalogue_pick",
        value="new_laptop",
    )
    assert (status, answer) == (200, {"ok": True}), answer

    async def item_form() -> dict | None:
        modal = (await page.state(JOHN))["modal"]
        return modal if "field_photo" in str(modal["view"]["blocks"]) else None

    return await page.until(item_form, "the new laptop's form")


async def test_a_file_picked_in_the_form_is_kept_on_the_ticket(page: PageDriver) -> None:
    form = await _laptop_form(page)
    [field] = [b for b in form["view"]["blocks"] if b.get("block_id") == "field_photo"]
    assert field["element"]["type"] == "file_input" and field["element"]["max_files"] == 2
    content = base64.b64encode(PNG).decode()
    status, uploaded = await page.post("upload", user=JOHN, name="cracked.png", content=content)
    assert status == 200 and uploaded["ok"], uploaded
    file = uploaded["file"]
    assert file["id"].startswith("F") and file["name"] == "cracked.png"
    assert file["size"] == len(PNG) and file["permalink"].endswith("/cracked.png")
    values = {
        "field_model": {"field_model": "standard"},
        "field_needed_by": {"field_needed_by": "2030-01-15"},
        "field_photo": {"field_photo": [file]},
    }
    status, answer = await page.post("submit", user=JOHN, view_id=form["view"]["id"], values=values)
    assert (status, answer) == (200, {"ok": True}), answer

    async def filed() -> list | None:
        tickets = await page.sandbox.guichet.helpdesk.tickets.list_for_requester(JOHN, OPEN)
        found = [t for t in tickets if t.request and t.request.files]
        return found or None

    [ticket] = await page.until(filed, "the ticket filed with its file")
    [ref] = ticket.request.files
    assert (ref.id, ref.name, ref.permalink) == (file["id"], "cracked.png", file["permalink"])


async def test_what_cannot_be_uploaded_is_refused(page: PageDriver) -> None:
    status, answer = await page.post("upload", user=JOHN, name="x.png", content="not base64!")
    assert status == 400 and "not uploaded" in answer["error"]
    status, answer = await page.post("upload", user=JOHN, name="a/b.png", content="AAAA")
    assert status == 400 and "no slash" in answer["error"]
