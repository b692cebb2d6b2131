"""People chatting through the web client in Chromium, on the monolith and on the services alike.

These drive the built client (`make web`) the way a person does, with two people in two browser
contexts: what one does must show up for the other live, through the WebSocket, without reloads.
"""

import asyncio
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from playwright.async_api import Page, WebSocketRoute, expect

from tests.e2e.browser import PHONE, Person, Visit, audited


async def test_two_people_chat_live_in_a_direct_conversation(
    signed_up: Visit, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await expect(alice.page.get_by_role("heading", level=1, name="HexChat")).to_be_visible()
    await audited(alice.page)

    await alice.page.get_by_role("button", name="New chat").click()
    await audited(alice.page)
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await expect(alice.page.get_by_role("heading", level=2, name="Bob")).to_be_visible()
    await expect(alice.page.get_by_label("Bob is online")).to_be_visible()
    await alice.send("Hi Bob, lunch today?")

    from_alice = bob.conversation("Alice")
    await expect(from_alice).to_contain_text("Hi Bob, lunch today?")
    await expect(from_alice.get_by_label("1 unread", exact=True)).to_be_visible()
    await from_alice.click()
    await expect(bob.messages.get_by_text("Hi Bob, lunch today?")).to_be_visible()
    await expect(from_alice.get_by_label("1 unread", exact=True)).to_have_count(0)
    await expect(alice.messages.get_by_text("Seen")).to_be_visible()

    await bob.page.get_by_label("Message", exact=True).press_sequentially("Sure, at one")
    await expect(alice.page.get_by_text("Bob is typing…")).to_be_visible()
    await bob.page.get_by_role("button", name="Send", exact=True).click()
    await expect(alice.messages.get_by_text("Sure, at one")).to_be_visible()
    await expect(alice.page.get_by_text("Bob is typing…")).to_have_count(0)
    await screenshot(alice.page, "direct-conversation")
    await audited(alice.page)

    await alice.send("See you there")
    await alice.act_on(alice.message("See you there"), "Edit")
    await alice.page.get_by_label("Edit message").fill("See you at the usual place")
    await alice.page.get_by_role("button", name="Save").click()
    edited = bob.message("See you at the usual place")
    await expect(edited).to_contain_text("(edited)")
    await alice.act_on(alice.message("See you at the usual place"), "Delete")
    await audited(alice.page)
    await (
        alice.page.get_by_role("dialog", name="Delete message?").get_by_role("button", name="Delete").click()
    )
    await expect(bob.messages.get_by_text("This message was deleted")).to_be_visible()
    await expect(bob.messages.get_by_text("See you at the usual place")).to_have_count(0)


async def test_what_is_sent_while_a_page_reloads_arrives_once(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await alice.page.get_by_role("button", name="New chat").click()
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await alice.send("before the reload")
    await bob.conversation("Alice").click()
    await expect(bob.messages.get_by_text("before the reload")).to_be_visible()

    during = [f"during the reload {n}" for n in range(1, 4)]

    async def send_during_reload() -> None:
        for text in during:
            await alice.send(text)
            await expect(alice.messages.get_by_text(text)).to_be_visible()

    await asyncio.gather(bob.page.reload(), send_during_reload())
    await alice.send("after the reload")

    await expect(bob.messages.get_by_text("after the reload")).to_be_visible()
    for text in ["before the reload", *during, "after the reload"]:
        await expect(bob.messages.get_by_text(text, exact=True)).to_have_count(1)
    texts = await bob.messages.get_by_role("article").all_inner_texts()
    order = [next(i for i, t in enumerate(texts) if text in t) for text in during]
    assert order == sorted(order), texts


async def test_a_dropped_connection_reconnects_and_resumes_without_a_gap(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await alice.page.get_by_role("button", name="New chat").click()
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await alice.send("before the drop")
    cut_off = False
    sockets: list[WebSocketRoute] = []

    async def network(socket: WebSocketRoute) -> None:
        """Bob's sockets pass through here: while cut off, each is refused as it opens."""
        if cut_off:
            await socket.close(code=1001)
            return
        socket.connect_to_server()
        sockets.append(socket)

    await bob.page.route_web_socket(re.compile(r"/ws$"), network)
    await bob.page.reload()
    await bob.conversation("Alice").click()
    await expect(bob.messages.get_by_text("before the drop")).to_be_visible()

    cut_off = True
    for socket in sockets:
        await socket.close(code=1001)
    await expect(bob.page.get_by_role("status").filter(has_text="Reconnecting")).to_be_visible()
    while_away = [f"while away {n}" for n in range(1, 4)]
    for text in while_away:
        await alice.send(text)
    cut_off = False

    await expect(bob.page.get_by_role("status").filter(has_text="Reconnecting")).to_have_count(0)
    await alice.send("after the return")
    await expect(bob.messages.get_by_text("after the return")).to_be_visible()
    for text in ["before the drop", *while_away, "after the return"]:
        await expect(bob.messages.get_by_text(text, exact=True)).to_have_count(1)


async def test_a_group_with_roles_mentions_and_notifications(
    signed_up: Visit, signed_in: Visit, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    team = f"Team {bob.username[-4:]}"

    await alice.page.get_by_role("button", name="New group").click()
    creating = alice.page.get_by_role("dialog", name="New group")
    await creating.get_by_label("Group name").fill(team)
    await alice.choose_person(creating, "Add people", bob)
    await creating.get_by_role("button", name="Create group").click()
    await expect(alice.page.get_by_role("heading", level=2, name=team)).to_be_visible()
    await expect(bob.conversation(team)).to_be_visible()
    notifications = bob.page.get_by_role("button", name="Notifications")
    await expect(notifications.get_by_label("1 unread notifications", exact=True)).to_be_visible()

    await alice.send(f"Welcome @{bob.username}!")
    await expect(bob.conversation(team).get_by_label("1 unread", exact=True)).to_be_visible()
    await expect(notifications.get_by_label("2 unread notifications", exact=True)).to_be_visible()
    await notifications.click()
    inbox = bob.page.get_by_role("dialog", name="Notifications")
    await expect(inbox.get_by_text(re.compile("Alice mentioned you"))).to_be_visible()
    await expect(inbox.get_by_text(re.compile(f"Alice added you to {team}"))).to_be_visible()
    await screenshot(bob.page, "notifications")
    await audited(bob.page)
    await inbox.get_by_role("button", name="Mark all read").click()
    await expect(notifications.get_by_label(re.compile("unread notifications"))).to_have_count(0)
    await bob.page.keyboard.press("Escape")

    await alice.page.get_by_role("button", name="Group details").click()
    details = alice.page.get_by_role("dialog", name="Group details")
    await details.get_by_label("Role for Bob").select_option("admin")
    await screenshot(alice.page, "group-details")
    await audited(alice.page)
    await alice.page.keyboard.press("Escape")
    await bob.conversation(team).click()
    await bob.page.get_by_role("button", name="Group details").click()
    bobs_details = bob.page.get_by_role("dialog", name="Group details")
    await bobs_details.get_by_label("Group name").fill(f"{team} renamed")
    await bobs_details.get_by_role("button", name="Rename").click()
    await expect(alice.page.get_by_role("heading", level=2, name=f"{team} renamed")).to_be_visible()

    phone = await signed_in(alice, PHONE)
    await phone.conversation(f"{team} renamed").click()
    await expect(phone.messages.get_by_text(f"Welcome @{bob.username}!")).to_be_visible()
    await screenshot(phone.page, "phone")
    await audited(phone.page)
    await phone.page.get_by_role("link", name="Back").click()
    await expect(phone.conversations).to_be_visible()


async def test_a_wrong_password_is_explained(
    signed_up: Visit,
    new_context: Callable[..., Awaitable[Page]],
    screenshot: Callable[[Page, str], Awaitable[None]],
) -> None:
    alice: Person = await signed_up("Alice")
    page = await new_context()
    await page.goto("/signin/")
    await page.get_by_label("Username").fill(alice.username)
    await page.get_by_label("Password").fill("not the password")
    await page.get_by_role("button", name="Sign in").click()

    # Within `main`: Next.js keeps an alert of its own on every page, announcing route changes.
    await expect(page.get_by_role("main").get_by_role("alert")).to_contain_text("wrong password")
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await screenshot(page, "sign-in")
    await audited(page)
    await page.goto("/signup/")
    await expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    await audited(page)


async def test_message_bodies_render_markdown_and_hostile_ones_stay_inert(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    fetched: list[str] = []
    bob.page.on("request", lambda request: fetched.append(request.url))
    await alice.page.get_by_role("button", name="New chat").click()
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await alice.send("**bold**, `code` and [a site](https://example.com/page)\n\n- one\n- two\n\n> quoted")
    hostile = [
        "<script>window.pwned = 'script'</script>",
        "<img src=x onerror=\"window.pwned = 'img'\">",
        "[click me](javascript:window.pwned='link')",
        "![](http://127.0.0.1:9/tracking-pixel.gif)",
    ]
    for body in hostile:
        await alice.send(body)
    await alice.send("the end")
    await bob.conversation("Alice").click()
    await expect(bob.message("the end")).to_be_visible()

    formatted = bob.message("bold")
    await expect(formatted.locator("strong")).to_have_text("bold")
    await expect(formatted.locator("code")).to_have_text("code")
    link = formatted.get_by_role("link", name="a site")
    await expect(link).to_have_attribute("href", "https://example.com/page")
    await expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
    await expect(formatted.get_by_role("listitem")).to_have_count(2)
    await expect(formatted.locator("blockquote")).to_have_text("quoted")

    await expect(bob.message("<script>window.pwned = 'script'</script>")).to_be_visible()
    await expect(bob.message("<img src=x onerror")).to_be_visible()
    await expect(bob.message("click me").get_by_role("link")).to_have_count(0)
    await bob.message("click me").get_by_text("click me").click()
    await expect(bob.messages.locator("img, script, iframe")).to_have_count(0)
    assert await bob.page.evaluate("window.pwned") is None
    assert not [url for url in fetched if "tracking-pixel" in url], fetched
    await audited(bob.page)


async def test_message_actions_open_from_the_keyboard_and_a_long_press(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await alice.page.get_by_role("button", name="New chat").click()
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await alice.send("Operable without a mouse")
    actions = alice.message("Operable without a mouse").get_by_role("button", name="Message actions")

    await actions.focus()
    await alice.page.keyboard.press("Enter")
    menu = alice.page.get_by_role("menu", name="Message actions")
    await expect(menu.get_by_role("menuitem").first).to_be_focused()
    await audited(alice.page)
    await alice.page.keyboard.press("ArrowUp")
    await expect(menu.get_by_role("menuitem", name="Delete")).to_be_focused()
    await alice.page.keyboard.press("Escape")
    await expect(menu).to_have_count(0)
    await expect(actions).to_be_focused()

    await alice.page.keyboard.press("ArrowDown")
    await alice.page.keyboard.press("End")
    await alice.page.keyboard.press("ArrowUp")
    await expect(menu.get_by_role("menuitem", name="Edit")).to_be_focused()
    await alice.page.keyboard.press("Enter")
    await expect(alice.page.get_by_label("Edit message")).to_be_focused()
    await alice.page.keyboard.press("Escape")
    await expect(alice.page.get_by_label("Edit message")).to_have_count(0)

    await alice.message("Operable without a mouse").dispatch_event("pointerdown", {"pointerType": "touch"})
    await expect(menu.get_by_role("menuitem").first).to_be_focused()
    await alice.page.keyboard.press("Escape")
    await expect(menu).to_have_count(0)


async def direct_conversation(alice: Person, bob: Person) -> None:
    """Alice starts a direct conversation with Bob, and both have it open."""
    await alice.page.get_by_role("button", name="New chat").click()
    await alice.choose_person(alice.page.get_by_role("dialog", name="New chat"), "Search people", bob)
    await alice.send("Hello")
    await bob.conversation("Alice").click()
    await expect(bob.message("Hello")).to_be_visible()


async def test_replies_in_a_thread_beside_the_conversation_and_on_a_phone(
    signed_up: Visit, signed_in: Visit, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await direct_conversation(alice, bob)
    await alice.send("Where do we meet?")

    await bob.act_on(bob.message("Where do we meet?"), "Reply in thread")
    await expect(bob.thread.get_by_role("heading", level=2, name="Thread")).to_be_visible()
    await expect(bob.message("Where do we meet?", within=bob.thread)).to_be_visible()
    await bob.thread.get_by_label("Reply", exact=True).fill("At the *station*")
    await bob.thread.get_by_role("button", name="Send reply").click()
    await expect(bob.message("At the station", within=bob.thread).locator("em")).to_have_text("station")

    root = alice.message("Where do we meet?")
    await expect(root.get_by_role("button", name=re.compile("^1 reply"))).to_be_visible()
    await expect(alice.messages.get_by_text("At the station")).to_have_count(0)
    await root.get_by_role("button", name=re.compile("^1 reply")).click()
    await expect(alice.message("At the station", within=alice.thread)).to_be_visible()
    await bob.thread.get_by_label("Reply", exact=True).fill("Platform 2")
    await bob.thread.get_by_role("button", name="Send reply").click()
    await expect(alice.message("Platform 2", within=alice.thread)).to_be_visible()
    await expect(root.get_by_role("button", name=re.compile("^2 replies"))).to_be_visible()
    await screenshot(alice.page, "thread")
    await audited(alice.page)

    phone = await signed_in(alice, PHONE)
    await phone.conversation("Bob").click()
    await phone.message("Where do we meet?").get_by_role("button", name=re.compile("^2 replies")).click()
    await expect(phone.message("Platform 2", within=phone.thread)).to_be_visible()
    await expect(phone.messages).to_be_hidden()
    await audited(phone.page)
    await phone.page.get_by_role("link", name="Close thread").click()
    await expect(phone.messages).to_be_visible()
    await expect(phone.thread).to_have_count(0)


async def test_two_people_react_to_the_same_message_at_once(
    signed_up: Visit, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await direct_conversation(alice, bob)
    await alice.send("Lunch at **one**? The place is\n\n> the `canteen` by the station")
    theirs, mine = bob.message("Lunch at one?"), alice.message("Lunch at one?")
    await expect(theirs).to_be_visible()

    await asyncio.gather(alice.react(mine, "👍"), bob.react(theirs, "👍"))
    for message in (mine, theirs):
        await expect(message.get_by_role("button", name="👍 2")).to_have_attribute("aria-pressed", "true")

    await mine.get_by_role("button", name="👍 2").click()
    await expect(mine.get_by_role("button", name="👍 1")).to_have_attribute("aria-pressed", "false")
    await expect(theirs.get_by_role("button", name="👍 1")).to_have_attribute("aria-pressed", "true")

    await theirs.hover()
    await theirs.get_by_role("button", name="Add reaction").focus()
    await bob.page.keyboard.press("Enter")
    await bob.page.keyboard.press("ArrowDown")
    await bob.page.keyboard.press("ArrowDown")
    await bob.page.keyboard.press("ArrowDown")
    await expect(theirs.get_by_role("menuitem", name="🎉")).to_be_focused()
    await audited(bob.page)
    await bob.page.keyboard.press("Enter")
    await expect(mine.get_by_role("button", name="🎉 1")).to_have_attribute("aria-pressed", "false")
    texts = await mine.get_by_role("list", name="Reactions").get_by_role("button").all_inner_texts()
    assert texts == ["👍 1", "🎉 1"], texts
    await screenshot(alice.page, "reactions")


async def test_owners_pin_messages_that_everyone_sees_in_the_pinned_panel(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    team = f"Pins {bob.username[-4:]}"
    await alice.page.get_by_role("button", name="New group").click()
    creating = alice.page.get_by_role("dialog", name="New group")
    await creating.get_by_label("Group name").fill(team)
    await alice.choose_person(creating, "Add people", bob)
    await creating.get_by_role("button", name="Create group").click()
    await alice.send("Agenda: **budget**, then `lunch`")
    await bob.conversation(team).click()
    theirs = bob.message("Agenda: budget")
    await expect(theirs).to_be_visible()

    await alice.act_on(alice.message("Agenda: budget"), "Pin")
    await expect(theirs.get_by_text("Pinned", exact=True)).to_be_visible()
    await theirs.hover()
    await theirs.get_by_role("button", name="Message actions").click()
    await expect(theirs.get_by_role("menuitem", name="Reply in thread")).to_be_visible()
    await expect(theirs.get_by_role("menuitem", name="Pin")).to_have_count(0)
    await bob.page.keyboard.press("Escape")

    await bob.page.get_by_role("button", name="Pinned", exact=True).click()
    pinned = bob.page.get_by_role("dialog", name="Pinned messages")
    await expect(pinned.locator("strong")).to_have_text("budget")
    await expect(pinned).to_contain_text("Pinned by Alice")
    await expect(pinned.get_by_role("button", name="Unpin")).to_have_count(0)
    await audited(bob.page)
    await alice.act_on(alice.message("Agenda: budget"), "Unpin")
    await expect(pinned.get_by_text("Nothing is pinned yet.")).to_be_visible()
    await expect(theirs.get_by_text("Pinned", exact=True)).to_have_count(0)


async def test_the_edit_history_of_a_message(signed_up: Visit) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await direct_conversation(alice, bob)
    await alice.send("Meet at noon")
    for body in ("Meet at one", "Meet at *two*"):
        await alice.act_on(alice.message("Meet at"), "Edit")
        await alice.page.get_by_label("Edit message").fill(body)
        await alice.page.get_by_role("button", name="Save").click()
        await expect(alice.page.get_by_label("Edit message")).to_have_count(0)

    theirs = bob.message("Meet at two")
    await expect(theirs).to_contain_text("(edited)")
    await bob.act_on(theirs, "Edit history")
    history = bob.page.get_by_role("dialog", name="Edit history")
    versions = history.get_by_role("list", name="Versions, oldest first").get_by_role("listitem")
    await expect(versions).to_have_count(3)
    texts = await versions.all_inner_texts()
    assert [text.split("\n")[0] for text in texts] == ["Meet at noon", "Meet at one", "Meet at two"], texts
    await audited(bob.page)


async def test_files_sent_with_a_message_show_inline_or_download_for_the_other_person(
    signed_up: Visit, tmp_path: Path, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    from tests.messaging.files import png  # Pillow comes with uploads: imported where it is used.

    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await direct_conversation(alice, bob)
    picture = tmp_path / "sunset.png"
    picture.write_bytes(png(640, 480))

    async with alice.page.expect_file_chooser() as chosen:
        await alice.page.get_by_role("button", name="Attach files").click()
    await (await chosen.value).set_files(picture)
    to_send = alice.page.get_by_role("list", name="Files to send")
    await expect(to_send.get_by_text("sunset.png")).to_be_visible()
    await expect(to_send.get_by_role("progressbar")).to_have_count(0)
    await audited(alice.page)
    await alice.send("The view from here")

    image = bob.message("The view from here").get_by_role("img", name="sunset.png")
    await expect(image).to_be_visible()
    await expect(image).to_have_js_property("complete", True)
    assert await image.evaluate("(img) => img.naturalWidth") > 0
    await expect(alice.message("The view from here").get_by_role("img", name="sunset.png")).to_be_visible()
    await screenshot(bob.page, "attachments")
    await audited(bob.page)

    # Dropped on the composer, and sent without a word.
    notes = await alice.page.evaluate_handle(
        "() => { const drop = new DataTransfer();"
        " drop.items.add(new File(['minutes of the meeting'], 'notes.txt', {type: 'text/plain'}));"
        " return drop; }"
    )
    await alice.page.get_by_label("Message", exact=True).dispatch_event("drop", {"dataTransfer": notes})
    await expect(to_send.get_by_role("button", name="Remove notes.txt")).to_be_visible()
    await expect(to_send.get_by_role("progressbar")).to_have_count(0)
    await alice.page.get_by_role("button", name="Send", exact=True).click()
    download_button = bob.messages.get_by_role("button", name="notes.txt (22 bytes)")
    await expect(download_button).to_be_visible()
    async with bob.page.expect_download() as downloading:
        await download_button.click()
    download = await downloading.value
    assert download.suggested_filename == "notes.txt"
    saved = await download.path()
    assert await asyncio.to_thread(saved.read_text) == "minutes of the meeting"


async def test_a_message_found_by_search_opens_its_conversation_at_that_message(
    signed_up: Visit, signed_in: Visit, screenshot: Callable[[Page, str], Awaitable[None]]
) -> None:
    alice, bob = await signed_up("Alice"), await signed_up("Bob")
    await direct_conversation(alice, bob)
    await alice.send("The password for the wifi is <b>pineapple</b>")
    # More than a page after it, from both (each within the send rate's burst), so that it lies far back.
    for person in (alice, bob):
        await send_many(person, [f"{person.display_name} filler {n}" for n in range(40)])
    await expect(bob.message("Bob filler 39")).to_be_visible()

    # On another device, which has not loaded the conversation.
    elsewhere = await signed_in(bob)
    await elsewhere.page.get_by_label("Search messages").fill("pineapple")
    results = elsewhere.page.get_by_role("region", name="Search results")
    await expect(results.get_by_role("heading", level=2, name="Alice")).to_be_visible()
    found = results.get_by_role("link", name=re.compile("pineapple"))
    await expect(found).to_have_count(1)
    await expect(found.locator("mark")).to_have_text("pineapple")
    await expect(found).to_contain_text("<b>pineapple</b>")
    await expect(found.locator("b")).to_have_count(0)
    await screenshot(elsewhere.page, "search")
    await audited(elsewhere.page)

    await found.click()
    opened = elsewhere.message("The password for the wifi is")
    await expect(opened).to_be_focused()
    await expect(opened).to_be_in_viewport()
    await expect(elsewhere.messages.get_by_text("Bob filler 39")).to_have_count(0)
    await audited(elsewhere.page)
    newer = elsewhere.messages.get_by_role("button", name="Load newer messages")
    await newer.click()
    await expect(elsewhere.message("Bob filler 0")).to_be_visible()
    # Scrolling to the end loads the rest, up to the latest.
    await elsewhere.messages.evaluate("(log) => { log.scrollTop = log.scrollHeight; }")
    await expect(elsewhere.message("Bob filler 39")).to_be_visible()
    await expect(newer).to_have_count(0)

    await elsewhere.page.get_by_role("button", name="Clear search").click()
    await expect(elsewhere.conversations).to_be_visible()


async def send_many(person: Person, bodies: list[str]) -> None:
    """Sends to the open conversation over the API with the page's session: many messages quickly,
    without typing each one."""
    await person.page.evaluate(
        """async (bodies) => {
            const { accessToken } = JSON.parse(localStorage.getItem("hexchat.session"));
            const id = new URLSearchParams(location.search).get("c");
            for (const body of bodies) {
                const answer = await fetch(`/api/v1/conversations/${id}/messages`, {
                    method: "POST",
                    headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
                    body: JSON.stringify({ client_message_id: crypto.randomUUID(), body }),
                });
                if (!answer.ok) throw new Error(`sending failed: ${answer.status}`);
            }
        }""",
        bodies,
    )
