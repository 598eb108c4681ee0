"""The files the bot shared (``files_upload_v2``: an export, a privacy export, a chart), as a
person's Slack client offers them: in the message that shares them, downloadable by whoever sees
that message."""

from __future__ import annotations

from sandbox.client.session import ClientSession, Refused
from sandbox.emulator import UploadedFile
from sandbox.slack_requests import JsonDict


def shared_files(message: JsonDict) -> list[JsonDict]:
    """What the page shows of the files a message shares (none for most messages)."""
    return [
        {key: described.get(key) for key in ("id", "name", "title", "mimetype", "size")}
        for described in message.get("files") or []
    ]


class Downloads(ClientSession):
    """A shared file's bytes, for someone who can see a channel it was shared in."""

    def download(self, user: str, file_id: str) -> UploadedFile:
        self._person(user)
        visible = set(self._visible_channels(user))
        for upload in self.emulator.uploads():
            if upload.id == file_id and visible & set(upload.channels):
                return upload
        raise Refused(f"{user} sees no file {file_id}")
