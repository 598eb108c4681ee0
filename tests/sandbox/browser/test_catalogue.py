"""In a real browser, the service catalogue: Marie asks for a software licence from "What do you
need?", Paul (her manager) approves it from his direct messages, and it reaches its team; or
Marie withdraws it before he decides, and his message loses its buttons."""

from __future__ import annotations

import pytest

from tests.sandbox.browser.screen import Screen, require_browser
from tests.sandbox.driver import MARIE, PAUL

require_browser()

pytestmark = pytest.mark.asyncio(loop_scope="session")

INTERNAL = "C0INTERNAL"


async def test_a_licence_is_asked_from_the_catalogue_and_approved(screen: Screen) -> None:
    tab, driver = screen.tab, screen.driver
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("/ticket")
    modal = tab.locator(".modal")
    await modal.locator(".modal-title", has_text="Nouvelle demande").wait_for()
    await modal.locator('select[data-action-id="catalogue_pick"]').select_option("software_licence")
    await modal.locator('[data-block-id="field_seats"] input').wait_for()
    await modal.locator('[data-block-id="field_software"] select').select_option("visio")
    await modal.locator('[data-block-id="field_seats"] input').fill("3")
    await modal.locator('[data-block-id="field_cost_centre"] input').fill("4410")
    await screen.shot("sandbox-catalogue-form.png")
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="guichet_notice"]').wait_for()
    await tab.locator(".modal-close").click()
    assert not driver.sandbox.emulator.messages(INTERNAL)  # held until Paul approves

    await screen.be(PAUL)
    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    asked = tab.locator("#messages .message", has_text="Licence logicielle")
    approve = asked.locator('[data-action-id="request_approve"]')
    await approve.wait_for()
    assert "Nombre de postes" in await asked.inner_text()
    await screen.shot("sandbox-approval.png")
    await approve.click()
    await driver.until(lambda: driver.sandbox.emulator.messages(INTERNAL), "the approved ticket")
    (posted,) = driver.sandbox.emulator.messages(INTERNAL)
    assert "Microsoft Visio" in str(posted["blocks"])


async def test_a_licence_is_withdrawn_before_it_is_approved(screen: Screen) -> None:
    tab, driver = screen.tab, screen.driver
    await screen.open(MARIE, "C0GENERAL")
    await screen.type("/ticket")
    modal = tab.locator(".modal")
    await modal.locator('select[data-action-id="catalogue_pick"]').select_option("software_licence")
    await modal.locator('[data-block-id="field_seats"] input').wait_for()
    await modal.locator('[data-block-id="field_software"] select').select_option("acrobat")
    await modal.locator('[data-block-id="field_seats"] input').fill("4")
    await modal.locator('[data-block-id="field_cost_centre"] input').fill("4410")
    await modal.locator(".modal-submit").click()
    await tab.locator('.modal[data-callback-id="guichet_notice"]').wait_for()
    await tab.locator(".modal-close").click()

    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    withdraw = tab.locator('#messages [data-action-id="ticket_cancel"]', has_text="Retirer")
    await withdraw.click()
    confirm = tab.locator(".modal-backdrop.confirm")
    assert "Vos approbateurs ne seront plus sollicités" in await confirm.inner_text()
    await confirm.locator("button.danger").click()
    # the DM she pressed it in says so (no second DM to tell her what she just did)
    withdrew = tab.locator("#messages .message", has_text="Vous avez retiré votre demande")
    await withdrew.last.wait_for()

    await screen.be(PAUL)
    await tab.locator('[data-place="app"]').click()
    await tab.locator("#tab-messages").click()
    asked = tab.locator("#messages .message", has_text="Retiré par le demandeur")
    await asked.wait_for()
    assert not await asked.locator('[data-action-id="request_approve"]').count()
    assert not driver.sandbox.emulator.messages(INTERNAL)
