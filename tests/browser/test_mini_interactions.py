"""What a reader does, on the mini guideline: filters, checklists, copy link, course pack."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_filters_narrow_the_list_and_keep_state_in_the_url(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/anbefalinger/index.html")
    items = page.locator(".kb-filterable > li")
    expect(items).to_have_count(3)
    page.get_by_role("checkbox", name="Bør").check()
    expect(page.locator(".kb-filterable > li:visible")).to_have_count(1)
    expect(page.locator(".kb-result-count")).to_have_text("Viser 1 av 3 anbefalinger")
    assert "styrke=b%C3%B8r" in page.url or "styrke=bør" in page.url
    page.reload()
    expect(page.get_by_role("checkbox", name="Bør")).to_be_checked()
    expect(page.locator(".kb-filterable > li:visible")).to_have_count(1)


def test_checklist_ticks_survive_reload_and_reset_clears(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/sjekklister/leder.html")
    progress = page.locator(".kb-progress")
    expect(progress).to_have_text("0 av 3 punkter er krysset av")
    page.get_by_label("Lag en plan for oppfølgingen.").check()
    page.get_by_label("Avtal hvem som leder teammøtene.").check()
    expect(progress).to_have_text("2 av 3 punkter er krysset av")
    page.reload()
    expect(progress).to_have_text("2 av 3 punkter er krysset av")
    expect(page.get_by_label("Lag en plan for oppfølgingen.")).to_be_checked()
    page.get_by_role("button", name="Nullstill sjekklisten").click()
    expect(progress).to_have_text("0 av 3 punkter er krysset av")
    page.reload()
    expect(page.get_by_label("Lag en plan for oppfølgingen.")).not_to_be_checked()


def test_checklist_keeps_ticks_saved_before_the_key_named_the_guideline(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/sjekklister/leder.html")
    page.evaluate(
        "localStorage.clear(); localStorage.setItem('veileder-kb:sjekkliste:leder', JSON.stringify(['plan']))"
    )
    page.reload()
    expect(page.get_by_label("Lag en plan for oppfølgingen.")).to_be_checked()
    expect(page.locator(".kb-progress")).to_have_text("1 av 3 punkter er krysset av")
    keys = page.evaluate("Object.keys(localStorage).sort()")
    guideline_keys = [k for k in keys if k.endswith(":sjekkliste:leder") and k != "veileder-kb:sjekkliste:leder"]
    assert len(guideline_keys) == 1, keys
    assert page.evaluate(f"localStorage.getItem({guideline_keys[0]!r})") == '["plan"]'
    assert guideline_keys[0] != "veileder-kb::sjekkliste:leder"  # the guideline is named in the key


def test_checklist_is_a_plain_list_without_javascript(browser: object, mini_url: str) -> None:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{mini_url}/sjekklister/leder.html")
    expect(page.locator(".kb-check")).to_have_count(3)
    expect(page.get_by_role("button", name="Nullstill sjekklisten")).to_be_hidden()
    page.goto(f"{mini_url}/anbefalinger/index.html")
    expect(page.locator(".kb-filters")).to_be_hidden()
    expect(page.locator(".kb-filterable > li:visible")).to_have_count(3)
    context.close()


def test_course_pack_prints_only_chosen_stories(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/historier/kursopplegg.html")
    expect(page.locator(".kb-handout:visible")).to_have_count(1)
    page.get_by_label("Aina og de mange avtalene").uncheck()
    expect(page.locator(".kb-handout:visible")).to_have_count(0)
    expect(page.locator(".kb-course .kb-result-count")).to_have_text("0 historier valgt")


def _focus_visible(page: Page) -> bool:
    return bool(page.evaluate("getComputedStyle(document.activeElement).outlineStyle !== 'none'"))


def test_filters_with_keyboard_only(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/anbefalinger/index.html")
    page.locator("body").press("Tab")  # skip link
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "styrke":
            break
    assert page.evaluate("document.activeElement.value") == "krav"  # Krav (skal/må): one choice
    assert _focus_visible(page)
    page.keyboard.press("Space")
    expect(page.locator(".kb-result-count")).to_have_text("Viser 1 av 3 anbefalinger")


def test_checklist_with_keyboard_only(page: Page, mini_url: str) -> None:
    page.goto(f"{mini_url}/sjekklister/leder.html")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.item") == "plan":
            break
    assert _focus_visible(page)
    page.keyboard.press("Space")
    expect(page.locator(".kb-progress")).to_have_text("1 av 3 punkter er krysset av")
