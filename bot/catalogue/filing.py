"""Filing a request from a catalogue item: its answers checked, the ticket stored in the item's
service with the item's type, and announced like any other ticket."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from bot.catalogue.answers import Raw, check_answers, description_of
from bot.catalogue.approvals import Approvals
from bot.catalogue.matching import CatalogueMatcher
from bot.catalogue.search import CatalogueSearch
from bot.domain.catalogue import CatalogueItem
from bot.domain.catalogue_request import CatalogueRequest, FileRef
from bot.domain.config import ServicesConfig
from bot.domain.models import Language, Ticket
from bot.filing.drafts import DESCRIPTION_MAX, FieldError, ValidDraft
from bot.filing.filing import Filing

log = logging.getLogger(__name__)


class CatalogueFiling:
    def __init__(self, filing: Filing, config: ServicesConfig, approvals: Approvals) -> None:
        self.filing = filing
        self.approvals = approvals
        self.items: Mapping[str, CatalogueItem] = config.catalogue
        self._matcher = CatalogueMatcher(config.catalogue)
        self.search = CatalogueSearch(config.catalogue)  # "What do you need?" as people type
        # Requests held for an item no longer configured, told once a process (not each sweep).
        self._orphans_logged: set[tuple[str, str]] = set()

    @property
    def enabled(self) -> bool:
        """Whether ``/ticket`` first asks "What do you need?" (a catalogue is configured)."""
        return bool(self.items)

    def closest(self, text: str) -> str | None:
        """The item ``/ticket <text>`` is most likely about."""
        return self._matcher.closest(text)

    def check(
        self, item_id: str, raw: Mapping[str, Raw], files: Sequence[FileRef] = ()
    ) -> CatalogueRequest | dict[str, FieldError]:
        """The answers as a request, or the errors keyed by field id. ``KeyError`` when the
        item is not (or no longer) in the catalogue."""
        return check_answers(item_id, self.items[item_id], raw, files)

    async def file(
        self,
        request: CatalogueRequest,
        requester: str,
        language: Language,
        source: str,
        submission: str | None = None,
    ) -> Ticket:
        """Store the request as a ticket of the item's type in the item's service, titled with
        the item's name and described by its answers (in the requester's language); one that
        needs approval is stored awaiting it, in that same insert. Raises ``StoreUnavailable``
        (or ``AlreadyFiled`` when the form ``submission`` already filed one); writes nothing
        then."""
        item = self.items[request.item]
        draft = ValidDraft(
            type=item.type,
            title=item.name.in_language(language),
            description=description_of(item, request, language)[:DESCRIPTION_MAX],
            impact=item.impact,
            urgency=item.urgency,
        )
        return await self.filing.file(
            draft,
            requester,
            language,
            source=source,
            service=item.service,
            request=request,
            held=self._held(request),
            submission=submission,
        )

    async def filed_from(self, submission: str) -> Ticket | None:
        """The request a form submission filed (when the same one comes again)."""
        return await self.filing.filed_from(submission)

    def _held(self, request: CatalogueRequest) -> bool:
        """Whether the request waits for approval before its service sees it (not when its
        item is no longer in the catalogue: nothing configures an approval for it)."""
        item = self.items.get(request.item)
        approval = item.approval if item is not None else None
        return approval is not None and approval.applies(dict(request.answers))

    async def announce(self, ticket: Ticket) -> Ticket:
        """Post the ticket to its service, or, when it awaits approval (as stored: ``file``
        stores it so), ask for it first. A request stored before approvals were set at its
        insert (``approval`` unset) that needs one is held the same way. One awaiting an
        approval its item no longer configures (the item, or its approval, since removed from
        the services file) stays held, never posted without it, and keeps its mark: logged once
        a process (not at each sweep), its approvers asked once the item is back."""
        request = ticket.request
        legacy = ticket.approval is None and request is not None and self._held(request)
        if request is not None and (ticket.awaiting_approval or legacy):
            item = self.items.get(request.item)
            if item is None or item.approval is None:
                self._log_orphan(ticket, request.item)
                return ticket
            self._orphans_logged.discard((ticket.id, request.item))
            return await self.approvals.start(ticket, request.item, item)
        return await self.filing.announce(ticket)

    def _log_orphan(self, ticket: Ticket, item_id: str) -> None:
        """One warning a process for a request held by an item no longer configured: the sweep
        meets it twice a minute, and one line says all an operator needs."""
        if (ticket.id, item_id) in self._orphans_logged:
            return
        self._orphans_logged.add((ticket.id, item_id))
        log.warning(
            "%s awaits an approval that catalogue item %r no longer configures in the "
            "services file: held, nobody asked (restore the item to ask its approvers)",
            ticket.id,
            item_id,
            extra={"ticket_id": ticket.id},
        )
