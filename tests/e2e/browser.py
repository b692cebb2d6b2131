"""People in a real browser: Debian's Chromium driven by Playwright, one browser context each.

A browser context has its own storage, as a separate machine has, so two contexts are two people
(or one person on two devices). Elements are found as assistive technology finds them, by role and
accessible name, so these tests also hold the client to being labelled, and `audited` runs axe-core
over a screen: no WCAG 2 A/AA or best-practice violation is allowed.
"""

import json
import os
import re
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pytest
from playwright.async_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    ViewportSize,
    async_playwright,
    expect,
)

from tests.e2e.topologies import Deployment
from tests.monolith import WEB_CLIENT
from tests.servers.fixtures import unavailable

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# axe-core from the web client's own dev dependencies (package-lock pins it): no network needed.
AXE = Path(__file__).parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PASSWORD = "correct horse battery"
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)

# What crosses contexts (a group reaching messaging, a notification) arrives shortly after the click
# that caused it; between services, shortly can be seconds.
expect.set_options(timeout=20_000)


@dataclass(frozen=True)
class Person:
    page: Page
    username: str
    display_name: str

    @property
    def conversations(self) -> Locator:
        return self.page.get_by_role("navigation", name="Conversations")

    @property
    def messages(self) -> Locator:
        return self.page.get_by_role("log", name="Messages", exact=True)

    @property
    def thread(self) -> Locator:
        return self.page.get_by_role("complementary", name="Thread")

    def conversation(self, title: str) -> Locator:
        return self.conversations.get_by_role("link", name=re.compile("^" + re.escape(title)))

    async def send(self, text: str) -> None:
        await self.page.get_by_label("Message", exact=True).fill(text)
        await self.page.get_by_role("button", name="Send", exact=True).click()

    def message(self, text: str, within: Locator | None = None) -> Locator:
        """The message (an article) that shows `text`, in the timeline or in `within`."""
        return (within or self.messages).get_by_role("article").filter(has_text=text)

    async def act_on(self, message: Locator, action: str) -> None:
        """Chooses `action` from a message's actions menu, as a pointer does: hover, open, click."""
        await message.hover()
        await message.get_by_role("button", name="Message actions").click()
        await (
            message.get_by_role("menu", name="Message actions")
            .get_by_role("menuitem", name=action, exact=True)
            .click()
        )

    async def react(self, message: Locator, emoji: str) -> None:
        """Picks `emoji` from a message's reaction picker."""
        await message.hover()
        await message.get_by_role("button", name="Add reaction").click()
        await message.get_by_role("menu", name="Add reaction").get_by_role("menuitem", name=emoji).click()

    async def choose_person(self, dialog: Locator, search_label: str, other: "Person") -> None:
        await dialog.get_by_label(search_label).fill(other.username)
        await dialog.get_by_role("button", name=re.compile(re.escape(f"@{other.username}"))).click()


Visit = Callable[..., Awaitable[Person]]


@pytest.fixture(scope="session")
def browser_ready() -> None:
    if not Path(CHROMIUM).is_file():
        unavailable(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    if not (WEB_CLIENT / "index.html").is_file():
        unavailable(f"no web client in {WEB_CLIENT}: `make web` builds it")
    if not AXE.is_file():
        unavailable(f"no axe-core at {AXE}: `make web/node_modules/.installed` installs it")


async def audited(page: Page) -> None:
    """Fails with axe-core's findings when what the page shows now has an accessibility violation."""
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> tag would be refused by the page's CSP.
        await page.evaluate(AXE.read_text())
    violations = await page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' '))}))",
        AXE_TAGS,
    )
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


@pytest.fixture(scope="session")
async def browser(browser_ready: None) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        await launched.close()


@pytest.fixture
async def new_context(
    browser: Browser, deployment: Deployment
) -> AsyncIterator[Callable[..., Awaitable[Page]]]:
    """Opens a page in a browser context of its own; every context is closed after the test."""
    contexts: list[BrowserContext] = []

    async def open_page(viewport: ViewportSize = DESKTOP) -> Page:
        context = await browser.new_context(base_url=deployment.url, viewport=viewport)
        contexts.append(context)
        return await context.new_page()

    yield open_page
    for context in contexts:
        await context.close()


@pytest.fixture
def signed_up(new_context: Callable[..., Awaitable[Page]]) -> Visit:
    """A new person, signed up through the sign-up screen and looking at their conversations."""

    async def sign_up(display_name: str) -> Person:
        page = await new_context()
        person = Person(page, f"{display_name.lower()}_{uuid4().hex[:12]}", display_name)
        await page.goto("/signup/")
        await page.get_by_label("Username").fill(person.username)
        await page.get_by_label("Display name").fill(display_name)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign up").click()
        await expect(person.conversations).to_be_visible()
        return person

    return sign_up


@pytest.fixture
def signed_in(new_context: Callable[..., Awaitable[Page]]) -> Visit:
    """Someone who has signed up, signing in on another device."""

    async def sign_in(person: Person, viewport: ViewportSize = DESKTOP) -> Person:
        page = await new_context(viewport)
        await page.goto("/")
        await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        await page.get_by_label("Username").fill(person.username)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in").click()
        device = Person(page, person.username, person.display_name)
        await expect(device.conversations).to_be_visible()
        return device

    return sign_in


@pytest.fixture
def screenshot(deployment: Deployment) -> Callable[[Page, str], Awaitable[None]]:
    """Saves what a page shows into SCREENSHOT_DIR (`make screenshots` points it at docs/screenshots,
    which the README shows); the monolith's run is the one kept, the services look the same."""
    directory = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))
    directory.mkdir(parents=True, exist_ok=True)

    async def save(page: Page, name: str) -> None:
        if deployment.topology == "monolith":
            await page.screenshot(path=directory / f"{name}.png")

    return save
