"""The emulator's ``files.*`` methods: the two-step external upload ``files_upload_v2``
does and the upload URL it posts the bytes to; ``files.info`` and the file's private download
URL, which, like Slack's, gives the bytes only to a request carrying the bot's token (without,
Slack answers its sign-in page: HTML, status 200)."""

from __future__ import annotations

import asyncio
import copy
import time

from aiohttp import web

from sandbox.emulator.host import HostBase
from sandbox.emulator.state import (
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    UPLOAD_METHOD,
    JsonDict,
    RecordedCall,
    UploadedFile,
    _Refusal,
    _split_ids,
)

FILENAME_MAX = 255
UPLOAD_MAX = 1024**3  # Slack takes files up to 1 GB
DOWNLOAD_METHOD = "files-pri"  # the recorded name of a download of a file's private URL
SIGN_IN_PAGE = "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in</body></html>"


class FilesMixin(HostBase):
    """``files.*`` Web API methods and the upload URL."""

    async def _handle_upload(self, request: web.Request) -> web.Response:
        """The upload URL files.getUploadURLExternal handed out: takes the file's bytes, raw
        or as a multipart form's file (both are accepted by Slack)."""
        at = time.time()
        file_id = request.match_info["file_id"]
        data = await _upload_body(request)
        if self._latency:
            await asyncio.sleep(self._latency)
        upload = self._files.get(file_id)
        status, text = 200, f"OK - {len(data)}"
        failures = self._failures.get(UPLOAD_METHOD)
        if failures:
            failure = failures.pop(0)
            status, text = failure.status, failure.error
        elif upload is None or upload.completed:
            status, text = 404, "file_not_found"
        else:
            upload.data = data
        call = RecordedCall(
            method=UPLOAD_METHOD,
            args={"file_id": file_id, "size": len(data)},
            at=at,
            response={"ok": status == 200},
            status=status,
            url=str(request.url),
        )
        await self._record(call)
        return web.Response(text=text, status=status, content_type="text/plain")

    def _files_get_upload_url_external(self, args: JsonDict) -> JsonDict:
        filename = args.get("filename")
        try:
            length = int(args.get("length") or 0)
        except (TypeError, ValueError):
            length = 0
        if not isinstance(filename, str) or not filename or length <= 0:
            raise _Refusal("invalid_arguments")
        file_id = self._new_id("F")
        alt = args.get("alt_txt")
        if isinstance(alt, str) and len(alt) > 1000:
            raise _Refusal("invalid_arguments", errors=["alt_txt must be 1000 characters or less"])
        self._files[file_id] = UploadedFile(
            id=file_id, filename=filename, length=length, alt_txt=alt if alt else None
        )
        return {
            "ok": True,
            "upload_url": f"http://{self.host}:{self.port}/upload/{file_id}",
            "file_id": file_id,
        }

    def _files_complete_upload_external(self, args: JsonDict) -> JsonDict:
        """Finish the uploads in ``files`` (a JSON list of ``{id, title}``) and share them in
        ``channel_id`` (or ``channels``) with ``initial_comment`` as one message, like Slack."""
        entries = args.get("files")
        if not isinstance(entries, list) or not entries:
            raise _Refusal("invalid_arguments", errors=["files is required"])
        uploads: list[UploadedFile] = []
        for entry in entries:
            upload = self._files.get(str(entry.get("id"))) if isinstance(entry, dict) else None
            if upload is None or upload.data is None or upload.completed:
                raise _Refusal("file_not_found")
            uploads.append(upload)
        targets = _split_ids(args.get("channels")) or _split_ids(args.get("channel_id"))
        channels = [self._postable_channel(channel) for channel in targets]
        thread_ts = args.get("thread_ts") if isinstance(args.get("thread_ts"), str) else None
        comment = (
            args.get("initial_comment") if isinstance(args.get("initial_comment"), str) else None
        )
        for upload, entry in zip(uploads, entries, strict=True):
            upload.title = entry.get("title") or upload.filename
            upload.completed = True
            upload.channels = [channel.id for channel in channels]
            upload.initial_comment = comment
            upload.thread_ts = thread_ts
        described = [self._file_object(upload) for upload in uploads]
        for channel in channels:
            message: JsonDict = {
                "type": "message",
                "subtype": "file_share",
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team": TEAM_ID,
                "text": comment or "",
                "files": copy.deepcopy(described),
                "upload": True,
                "ts": self._next_ts(),
            }
            self._store_message(channel.id, message, thread_ts)
        return {"ok": True, "files": described}

    def _completed_upload(self, args: JsonDict) -> UploadedFile:
        """The completed upload ``args["file"]`` names; Slack's refusal otherwise."""
        file_id = args.get("file")
        if not isinstance(file_id, str) or not file_id:
            raise _Refusal("invalid_arguments", errors=["file is required"])
        upload = self._files.get(file_id)
        if upload is None or not upload.completed:
            raise _Refusal("file_not_found")
        return upload

    def _files_info(self, args: JsonDict) -> JsonDict:
        """A file the bot may read: its own uploads, and those people made in its modals'
        file inputs (Slack asks the app for ``files:read`` to use one)."""
        upload = self._completed_upload(args)
        return {"ok": True, "file": self._described(upload)}

    def _files_delete(self, args: JsonDict) -> JsonDict:
        """Delete a file the bot uploaded (a person's file is theirs: ``cant_delete_file``);
        the messages that shared it show it no more."""
        upload = self._completed_upload(args)
        if upload.owner is not None:
            raise _Refusal("cant_delete_file")
        file_id = upload.id
        del self._files[file_id]
        for messages in self._messages.values():
            for message in messages:
                if any(f.get("id") == file_id for f in message.get("files") or []):
                    message["files"] = [f for f in message["files"] if f.get("id") != file_id]
        return {"ok": True}

    async def _handle_download(self, request: web.Request) -> web.StreamResponse:
        """A file's ``url_private_download``: its bytes for the bot's token, else the sign-in
        page Slack answers (HTML with status 200, which a careless client saves as the file).
        The faults injected for ``files-pri`` apply (``server_error``, ``rate_limited``,
        ``answer_lost``: the connection dropped)."""
        upload = self._files.get(request.match_info["file_id"])
        auth = request.headers.get("Authorization", "")
        fault = self._fault_for(DOWNLOAD_METHOD, {})
        call = RecordedCall(
            method=DOWNLOAD_METHOD,
            args={"file_id": request.match_info["file_id"]},
            at=time.time(),
            response={"ok": upload is not None and fault is None},
            status=fault.status if fault is not None else 200,
            url=str(request.url),
        )
        await self._record(call)
        if fault is not None and fault.drop:
            await self._after_fault(request, fault)
            return web.Response(status=500)  # never read: the connection is gone
        if fault is not None and fault.status != 200:
            return web.json_response(fault.body, status=fault.status, headers=fault.headers)
        if fault is not None:
            await self._after_fault(request, fault)  # slow: answered late
        if auth != f"Bearer {self.token}":
            return web.Response(text=SIGN_IN_PAGE, content_type="text/html")
        if upload is None or upload.data is None:
            return web.Response(status=404, text="file_not_found", content_type="text/plain")
        return web.Response(body=upload.data, content_type=upload.mimetype)

    def _described(self, upload: UploadedFile) -> JsonDict:
        described = self._file_object(upload)
        base = f"http://{self.host}:{self.port}/files-pri/{upload.id}/{upload.filename}"
        described["url_private"] = base
        described["url_private_download"] = base
        if upload.owner is not None:
            described["user"] = upload.owner
            described["permalink"] = (
                f"https://{TEAM_DOMAIN}.slack.com/files/{upload.owner}/{upload.id}/"
                f"{upload.filename}"
            )
        return described

    def user_upload(self, user: str, filename: str, data: bytes) -> JsonDict:
        """A file a person picks in a modal's ``file_input``: Slack stores it (theirs, shared
        nowhere yet) and the submission describes it, its permalink included."""
        if not filename or len(filename) > FILENAME_MAX or "/" in filename:
            raise ValueError(f"a file name holds 1 to {FILENAME_MAX} characters, no slash")
        if not data:
            raise ValueError("an empty file cannot be uploaded")
        file_id = self._new_id("F")
        upload = UploadedFile(
            id=file_id, filename=filename, length=len(data), data=data, title=filename, owner=user
        )
        upload.completed = True
        self._files[file_id] = upload
        return self._described(upload)

    @staticmethod
    def _file_object(upload: UploadedFile) -> JsonDict:
        return {
            "id": upload.id,
            "name": upload.filename,
            "title": upload.title,
            "mimetype": upload.mimetype,
            "filetype": upload.filename.rsplit(".", 1)[-1].lower(),
            "size": len(upload.data or b""),
            "user": BOT_USER_ID,
            "is_public": False,
            "alt_txt": upload.alt_txt,
            "created": 1_700_000_000,
        }


async def _upload_body(request: web.Request) -> bytes:
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if getattr(part, "filename", None) is not None:
                return bytes(await part.read())  # type: ignore[union-attr]
        return b""
    return await request.read()
