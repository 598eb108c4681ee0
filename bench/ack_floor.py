"""The floor of ``/ticket``'s cost (not a test): the CPU of one ``views.open`` call, alone.

    python bench/ack_floor.py            # from the repository root; about ten seconds

``/ticket`` acknowledges, then opens the filing form with ``views.open``: a Web API call the
bare Bolt app of ``bench/load.py`` never makes, and that no code of Guichet can avoid (the form
must open). Against the Slack emulator (in its own process, as in ``bench/load.py``), on the
CPU the app under test gets there, this measures the CPU time per call of:

- ``views.open``: slack_sdk's ``AsyncWebClient`` as Guichet configures it (its retry handlers,
  one kept-alive session), with the cached form as JSON text (``handlers/filing/form_cache``);
- ``aiohttp post``: the same request and answer through aiohttp alone (what is left without
  slack_sdk: the HTTP client's own floor);
- ``new client``: building one ``AsyncWebClient``, as Bolt does for every request.

So the best ``/ticket`` can do at saturation, however lean Guichet's own code, is
``ratio_max = bare_cpu / (bare_cpu + views_open_cpu)`` (``bench/load.py`` prints it with the
bare app's CPU per request of the same run).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from bench.load_servers import APP_CPU, TOKEN, _pin, start_server  # noqa: E402

Call = Callable[[str], Awaitable[None]]
LABELS = {
    "views_open": "views.open (slack_sdk AsyncWebClient, Guichet's retries)",
    "aiohttp_post": "the same request through aiohttp alone",
    "new_client": "one new AsyncWebClient (Bolt builds one per request)",
}
CALLS = 2000
CONCURRENCY = 16
BATCH = CONCURRENCY
"""Trigger ids issued at a time, a round: one per concurrent call. Each expires 3 s after its
issue (as Slack's do, and the emulator keeps that), on the wall clock; what is measured is CPU.
A hundred issued at once were not all used within 3 s on a loaded machine (load 10 on 2 cores,
the emulator pinned to one: ``expired_trigger_id``, and the measure refused)."""
EXPIRED = "expired_trigger_id"
ROUND_TRIES = 20
"""Times a round is measured again, with new trigger ids, when some expired before their call
(the machine did not run it within 3 s: an expired call is answered an error, cheaper than a
form opened, so that round is not counted); any other refusal is kept, and refuses the
measure."""


def _form() -> str:
    """The filing form as ``/ticket`` sends it: the cached JSON text of ``FormCache``."""
    from bot.domain.config import load_services_config
    from bot.domain.models import Language
    from handlers.filing.form import FormContext, Prefill
    from handlers.filing.form_cache import FormCache
    from tests.e2e.harness import SERVICES_FILE

    forms = FormCache(load_services_config(SERVICES_FILE))
    return forms.filing_form(Language.EN, FormContext(Language.EN, channel="C0GENERAL"), Prefill())


async def _issue(
    session: aiohttp.ClientSession, issuer: str, batch: int, start: int, attempt: int = 1
) -> list[str]:
    triggers = [(f"{start + i}.{attempt}.floor", "U0EMPLOYEEEN") for i in range(batch)]
    url = issuer.rsplit("/", 1)[0] + "/triggers"
    async with session.post(url, json={"triggers": triggers}) as answer:
        answer.raise_for_status()
    return [trigger for trigger, _ in triggers]


async def _calls(pending: Iterator[str], one_call: Call) -> None:
    for trigger in pending:
        await one_call(trigger)


async def _cpu_per_call(issuer: str, calls: int, one_call: Call, refused: list[str]) -> float:
    """Microseconds of this process's CPU per call of ``one_call(trigger_id)``, ``CONCURRENCY``
    at a time; trigger ids issued (off the clock) a round at a time, a round whose trigger ids
    expired measured again (``ROUND_TRIES``). ``one_call`` appends Slack's refusals to
    ``refused``."""
    spent = 0.0
    async with aiohttp.ClientSession() as issuing:
        for start in range(0, calls, BATCH):
            for attempt in range(1, ROUND_TRIES + 1):
                batch = min(BATCH, calls - start)
                triggers = await _issue(issuing, issuer, batch, start, attempt)
                pending = iter(triggers)
                had = len(refused)
                before = time.process_time()
                await asyncio.gather(*(_calls(pending, one_call) for _ in range(CONCURRENCY)))
                took = time.process_time() - before
                if EXPIRED not in refused[had:]:
                    spent += took
                    break
                refused[had:] = [error for error in refused[had:] if error != EXPIRED]
            else:
                refused.append(EXPIRED)  # not one try of this round within the 3 s
    return spent / calls * 1e6


async def measure(slack_url: str, issuer: str, calls: int = CALLS) -> dict[str, float]:
    """CPU microseconds per call: ``views_open``, ``aiohttp_post``, ``new_client``."""
    from slack_sdk.errors import SlackApiError
    from slack_sdk.web.async_client import AsyncWebClient

    from handlers.transport.slack_client import SlackClient

    form = _form()
    slack = SlackClient(TOKEN, slack_url)
    await slack.open()
    client = slack.client
    refused: list[str] = []

    async def views_open(trigger: str) -> None:
        # slack_sdk types ``view`` as a dict or View; the Web API takes JSON text, as /ticket sends
        try:
            await client.views_open(trigger_id=trigger, view=form)  # type: ignore[arg-type]
        except SlackApiError as error:  # the client raises on an answer ``ok: false``
            refused.append(str(error.response.get("error")))

    body = json.dumps({"trigger_id": "", "view": form})
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    session = client.session
    assert session is not None

    async def aiohttp_post(trigger: str) -> None:
        data = body.replace('"trigger_id": ""', f'"trigger_id": "{trigger}"', 1).encode()
        async with session.post(f"{slack_url}views.open", data=data, headers=headers) as reply:
            answer = await reply.json()
        if not answer.get("ok"):
            refused.append(str(answer.get("error")))

    try:
        for warm in (views_open, aiohttp_post):
            await _cpu_per_call(issuer, 200, warm, refused)
        figures = {
            "views_open": await _cpu_per_call(issuer, calls, views_open, refused),
            "aiohttp_post": await _cpu_per_call(issuer, calls, aiohttp_post, refused),
        }
    finally:
        await slack.close()
    if refused:
        raise RuntimeError(f"views.open refused: {sorted(set(refused))}")
    before = time.process_time()
    for _ in range(calls):
        AsyncWebClient(token=TOKEN, base_url=slack_url, retry_handlers=list(client.retry_handlers))
    figures["new_client"] = (time.process_time() - before) / calls * 1e6
    return figures


async def measured_apart(slack_url: str, issuer: str, calls: int = 1000) -> dict[str, float]:
    """``measure`` in its own process on the app's CPU (``bench/load.py``, between phases)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(SCRIPT),
        *("--slack-url", slack_url, "--issuer", issuer, "--calls", str(calls), "--json"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await process.communicate()
    return dict(json.loads(out.decode().strip().splitlines()[-1]))


def decomposition(bare_ms: float, bot_ms: float, floor: dict[str, float]) -> tuple[str, float]:
    """What ``/ticket``'s CPU per request is made of, and the ceiling of its ratio to the bare
    app when the form is opened on the same CPU: ``bare / (bare + views.open)``."""
    views_open = floor["views_open"] / 1000
    raw = floor["aiohttp_post"] / 1000
    rest = bot_ms - bare_ms - views_open
    ceiling = bare_ms / (bare_ms + views_open)
    text = (
        f"/ticket cpu/req {bot_ms:.2f} ms = Bolt + aiohttp server as in the bare app {bare_ms:.2f}"
        f" + views.open {views_open:.2f} (slack_sdk; {raw:.2f} through aiohttp alone)"
        f" + the rest {rest:.2f} (Guichet's middleware, logging, metrics, language, building"
        f" the call; a larger Bolt app); ceiling bare / (bare + views.open) = {ceiling:.2f}"
    )
    return text, ceiling


async def _standalone(calls: int) -> dict[str, float]:
    process, (port, slack_url) = await start_server("emulator")
    try:
        return await measure(slack_url, f"http://127.0.0.1:{port}/response_urls", calls)
    finally:
        process.terminate()
        await process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=CALLS)
    parser.add_argument("--slack-url", help="a running emulator's Web API (else one is started)")
    parser.add_argument("--issuer", help="its /response_urls (bench/load.py's emulator)")
    parser.add_argument("--json", action="store_true", help="one JSON line (for bench/load.py)")
    args = parser.parse_args()
    _pin(APP_CPU)
    if args.slack_url and args.issuer:
        figures = asyncio.run(measure(args.slack_url, args.issuer, args.calls))
    else:
        figures = asyncio.run(_standalone(args.calls))
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"CPU per call, {args.calls} calls, {CONCURRENCY} at a time, on CPU {APP_CPU}:")
    for name, label in LABELS.items():
        print(f"  {label:<58}{figures[name]:7.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
