"""files.*: the three-step upload of files_upload_v2, and uploads refused as Slack refuses them."""

from __future__ import annotations

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError

from sandbox.emulator import SlackEmulator
from tests.sandbox.emulator.tiny_app import client_for

pytestmark = pytest.mark.asyncio


async def test_files_upload_v2_in_three_steps(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    response = await client.files_upload_v2(
        channel="C0GENERAL",
        file=data,
        filename="chart.png",
        title="The chart",
        alt_txt="bars",
        initial_comment="Here it is",
    )
    assert response["file"]["name"] == "chart.png" and response["file"]["size"] == len(data)
    assert [c.method for c in emulator.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]
    [upload] = emulator.uploads("C0GENERAL")
    assert upload.data == data and upload.length == len(data)
    assert (upload.title, upload.alt_txt, upload.mimetype) == ("The chart", "bars", "image/png")
    shared = emulator.messages("C0GENERAL")[-1]
    assert shared["text"] == "Here it is" and shared["files"][0]["id"] == upload.id
    emulator.open_dm("U1")
    await client.files_upload_v2(channel="DU1", content="a,b\r\n", filename="x.csv")
    assert emulator.uploads("DU1")[0].data == b"a,b\r\n"
    assert emulator.uploads("DU1")[0].mimetype == "text/csv"


async def test_uploads_refused_like_slack(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    with pytest.raises(SlackApiError) as raised:
        await client.files_upload_v2(channel="C0NOPE", file=b"x", filename="x.txt")
    assert raised.value.response["error"] == "channel_not_found"
    with pytest.raises(SlackApiError) as raised:
        await client.files_completeUploadExternal(files=[{"id": "F404", "title": "x"}])
    assert raised.value.response["error"] == "file_not_found"
    started = await client.files_getUploadURLExternal(filename="y.bin", length=3)
    with pytest.raises(SlackApiError):  # announced but never uploaded
        await client.files_completeUploadExternal(files=[{"id": started["file_id"]}])
    async with aiohttp.ClientSession() as session:
        form = aiohttp.FormData()
        form.add_field("file", b"abc", filename="y.bin")
        async with session.post(started["upload_url"], data=form) as answer:
            assert answer.status == 200  # a multipart form works too
        async with session.post(emulator.base_url.replace("/api/", "/upload/F404"), data=b"x") as a:
            assert a.status == 404
    done = await client.files_completeUploadExternal(files=[{"id": started["file_id"]}])
    assert done["files"][0]["size"] == 3 and emulator.uploads()[-1].channels == []  # private


async def test_a_form_file_is_its_uploaders_read_only_with_the_bot_token(
    emulator: SlackEmulator,
) -> None:
    """A file uploaded in a modal's file input: files.info describes it (its uploader, its
    private URL); that URL gives its bytes to the bot's token only, Slack's sign-in page (HTML,
    200) to anyone else."""
    described = emulator.user_upload("U1", "shot.png", b"\x89PNG bytes")
    client = client_for(emulator)
    info = (await client.files_info(file=described["id"]))["file"]
    assert (info["user"], info["name"], info["is_public"]) == ("U1", "shot.png", False)
    url = info["url_private_download"]
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"Authorization": f"Bearer {client.token}"}) as got:
            assert got.status == 200 and await got.read() == b"\x89PNG bytes"
        async with session.get(url) as anonymous:
            assert anonymous.status == 200 and anonymous.content_type == "text/html"
            assert b"\x89PNG" not in await anonymous.read()
    with pytest.raises(SlackApiError) as raised:
        await client.files_info(file="F404")
    assert raised.value.response["error"] == "file_not_found"
    assert [(u.owner, u.channels) for u in emulator.uploads()] == [("U1", [])]  # shared nowhere


async def test_the_bot_deletes_its_own_files_only(emulator: SlackEmulator) -> None:
    client = client_for(emulator)
    await client.files_upload_v2(channel="C0GENERAL", file=b"copy", filename="copy.png")
    [mine] = emulator.uploads("C0GENERAL")
    theirs = emulator.user_upload("U1", "shot.png", b"shot")
    with pytest.raises(SlackApiError) as raised:
        await client.files_delete(file=theirs["id"])
    assert raised.value.response["error"] == "cant_delete_file"
    await client.files_delete(file=mine.id)
    assert not emulator.uploads("C0GENERAL")
    assert emulator.messages("C0GENERAL")[-1]["files"] == []  # the share shows it no more
    with pytest.raises(SlackApiError) as raised:
        await client.files_delete(file=mine.id)
    assert raised.value.response["error"] == "file_not_found"
