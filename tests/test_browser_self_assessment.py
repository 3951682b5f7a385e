"""The self-assessment in a real browser: the whole flow by keyboard, in both languages, both colour
schemes, on a phone and a desktop, with axe-core before and after; the profile; print to PDF; save,
reload and load; remember and erase; no request leaving the page and nothing stored without the
reader's choice; and the checklist without JavaScript.

Headless Debian Chromium through Playwright, on the real site (see browser_support.py). The printed
PDFs are saved to tests/screenshots/ for people to look at.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from browser_support import DESKTOP, PHONE, SCREENSHOTS, BrowserSession, axe_source, describe_violations, run_axe, screenshot
from hooks.model import Competency, Model
from hooks.source.labels import load_labels
from hooks.source.load import load_model

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1]
LANGUAGES = ("nl", "fr")
SCHEMES = ("light", "dark")
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(PROJECT / "model", PROJECT)


@pytest.fixture(scope="module")
def labels() -> dict[str, dict[str, str]]:
    loaded = load_labels(PROJECT / "docs", list(LANGUAGES), "nl", PROJECT)
    return {code: dict(value.values) for code, value in loaded.items()}


@pytest.fixture(scope="module")
def axe_script() -> str:
    return axe_source()[0]


def open_page(session: BrowserSession, language: str, **options: Any) -> Any:
    page = session.open(f"{language}/self-assessment/", **options)
    page.locator(".cm-self__result").wait_for(state="visible")
    page.wait_for_load_state("networkidle")  # the browser fetches the icon after the load event
    return page


def assert_no_violations(page: Any, axe_script: str, where: str) -> None:
    violations = run_axe(page, axe_script)
    assert not violations, f"{where}: axe-core found WCAG 2.1 AA violations:\n{describe_violations(violations)}"


def tab_to(page: Any, selector: str, limit: int = 400) -> None:
    """Press Tab, as a person does, until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def answer_by_keyboard(page: Any, competency: Competency, level_number: int | None, note: str = "") -> None:
    """Tab to the competency's radio group; Space picks the first level, arrows move on (up from the first: "not sure")."""
    tab_to(page, f'fieldset[data-cm-competency="{competency.id}"] input[type=radio]')
    page.keyboard.press("Space")
    if level_number is None:
        page.keyboard.press("ArrowUp")
    for _ in range(1, level_number or 1):
        page.keyboard.press("ArrowDown")
    if note:
        tab_to(page, f'fieldset[data-cm-competency="{competency.id}"] textarea')
        page.keyboard.type(note)


def pick_profile_by_keyboard(page: Any) -> None:
    tab_to(page, "#cm-self-profile")
    page.keyboard.press("ArrowDown")


def table_rows(page: Any) -> list[list[str]]:
    rows: list[list[str]] = page.locator(".cm-self__table-wrapper tbody tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.textContent.trim()))")
    return rows


#: What the flow answers: (competency index in the model, level number or None for "not sure", note).
ANSWERS = ((0, 3, "Een voorbeeld uit het project van dit jaar."), (1, 1, ""), (4, None, ""))


def fill_in(page: Any, model: Model, with_profile: bool = True) -> None:
    if with_profile:
        pick_profile_by_keyboard(page)
    for index, level, note in ANSWERS:
        answer_by_keyboard(page, model.competencies[index], level, note)


def level_name(model: Model, number: int, language: str) -> str:
    return model.levels[number - 1].name.values[language]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_flow_by_keyboard_without_an_accessibility_violation(
        session: BrowserSession, model: Model, labels: dict[str, dict[str, str]], axe_script: str,
        language: str, scheme: str, viewport: str) -> None:
    page = open_page(session, language, viewport=VIEWPORTS[viewport], color_scheme=scheme)
    where = f"/{language}/self-assessment/ ({scheme}, {viewport})"
    assert_no_violations(page, axe_script, where + " before filling in")
    fill_in(page, model)
    profile = model.profiles[0]
    rows = {row[0]: row for row in table_rows(page)}
    assert len(rows) == len(model.competencies)
    first, second, fifth = (model.competencies[index] for index, _, _ in ANSWERS)
    expected_first = profile.expected_level(first)
    assert rows[first.name.values[language]][2] == level_name(model, 3, language)
    assert rows[second.name.values[language]][2] == level_name(model, 1, language)
    assert rows[fifth.name.values[language]][2] == labels[language]["self_assessment_unsure"]
    if expected_first is not None:
        assert rows[first.name.values[language]][3] == expected_first.name.values[language]
        assert rows[first.name.values[language]][4] in {"0", "+1", "+2", "\u22121", "\u22122"}
    # The expected level shows in the form too, and the chart marks it (a diamond per competency the profile asks).
    asked = [competency for competency in model.competencies if profile.expected_level(competency)]
    assert page.locator(".cm-self__expected:visible").count() == len(asked)
    assert page.locator(".cm-self__svg .cm-self__marker").count() == len(asked)
    assert page.locator(".cm-self__svg .cm-self__bar[width]").count() == len(model.competencies)
    assert page.locator(".cm-self__chart").get_attribute("aria-hidden") == "true"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{where}: scrolls sideways"
    # The table may scroll sideways in its region; its caption is read whole, before and after scrolling.
    caption, region = page.locator(".cm-self__table-wrapper caption"), page.locator(".cm-self__table-wrapper")
    for scrolled in (0, 10_000):
        region.evaluate("(element, left) => { element.scrollLeft = left; }", scrolled)
        box, shown = caption.bounding_box(), region.bounding_box()
        assert box is not None and shown is not None
        assert shown["x"] - 2 <= box["x"] and box["x"] + box["width"] <= shown["x"] + shown["width"] + 2, \
            f"{where}: the table's caption runs out of sight ({box}, region {shown}, scrolled {scrolled})"
    region.evaluate("element => { element.scrollLeft = 0; }")
    screenshot(page, f"self-assessment-{language}-{scheme}-{viewport}", full_page=False)
    page.locator(".cm-self__result").scroll_into_view_if_needed()
    screenshot(page, f"self-assessment-result-{language}-{scheme}-{viewport}", full_page=False)
    assert_no_violations(page, axe_script, where + " after filling in")


@pytest.mark.parametrize("language", LANGUAGES)
def test_choosing_no_profile_removes_the_targets(session: BrowserSession, model: Model, language: str) -> None:
    page = open_page(session, language)
    fill_in(page, model)
    assert page.locator(".cm-self__svg .cm-self__marker").count() > 0
    page.locator("#cm-self-profile").focus()
    page.keyboard.press("ArrowUp")
    assert page.locator("#cm-self-profile").input_value() == ""
    assert page.locator(".cm-self__svg .cm-self__marker").count() == 0
    assert page.locator(".cm-self__expected:visible").count() == 0


def pdf_text(content: bytes) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages).split())


def squeezed(text: str) -> str:
    """Text without whitespace or soft hyphens: PDF text extraction breaks lines where the layout did."""
    return re.sub(r"[\s\u00ad]+", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_printout_is_the_result_only(session: BrowserSession, model: Model, labels: dict[str, dict[str, str]],
                                         language: str) -> None:
    page = open_page(session, language)
    fill_in(page, model)
    page.emulate_media(media="print")
    content = page.pdf(format="A4", print_background=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"self-assessment-{language}.pdf").write_bytes(content)
    text = squeezed(pdf_text(content))
    own = labels[language]
    first, second, _ = (model.competencies[index] for index, _, _ in ANSWERS)
    # The model's version, the chosen level's indicators, the note, and ideas where below the profile.
    assert squeezed(model.version) in text
    for indicator in first.levels[2].indicators.values[language]:
        assert squeezed(indicator)[:40] in text
    assert squeezed(ANSWERS[0][2]) in text
    below = [competency for competency, level in ((first, 3), (second, 1))
             if (expected := model.profiles[0].expected_level(competency)) and expected.order > level]
    assert below, "the flow should leave one competency below the profile"
    assert squeezed(own["self_assessment_development"]) in text
    assert squeezed(below[0].development.on_the_job.values[language][0])[:40] in text
    # No form, no tools, no site around it.
    for absent in (own["self_assessment_remember"], own["self_assessment_save"], own["self_assessment_note"],
                   own["self_assessment_no_script"], model.competencies[-1].levels[0].indicators.values[language][0]):
        assert squeezed(absent) not in text, absent
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    page.emulate_media(media="screen")


def saved_file(page: Any, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    with page.expect_download() as download_info:
        page.locator("#cm-self-save").focus()
        page.keyboard.press("Enter")
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return target, json.loads(target.read_text(encoding="utf-8"))


def form_state(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("""() => ({
        profile: document.getElementById("cm-self-profile").value,
        answers: Object.fromEntries(Array.from(document.querySelectorAll(".cm-self__form input[type=radio]:checked"),
                                               radio => [radio.name, radio.value])),
        notes: Object.fromEntries(Array.from(document.querySelectorAll(".cm-self__form textarea"),
                                             note => [note.id, note.value]).filter(([, value]) => value)),
        remember: document.getElementById("cm-self-remember").checked })""")
    return state


def assert_nothing_left_the_page(requests: list[str]) -> None:
    """Only the page's own blob: (the saved file) and data: addresses, never a request to a server."""
    assert [url for url in requests if not url.startswith(("blob:", "data:"))] == [], requests


def storage_keys(page: Any) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = page.evaluate(
        "() => ({local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort()})")
    return keys


@pytest.mark.parametrize("language", LANGUAGES)
def test_save_reload_and_load_give_the_same_answers_and_nothing_leaves_or_stays(
        session: BrowserSession, model: Model, labels: dict[str, dict[str, str]], language: str,
        tmp_path: Path) -> None:
    page = open_page(session, language)
    # The theme keeps its colour scheme in localStorage on every page; this page adds nothing of its own.
    before = storage_keys(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    fill_in(page, model)
    filled = form_state(page)
    assert len(filled["answers"]) == len(ANSWERS) and filled["notes"] and filled["profile"]
    path, document = saved_file(page, tmp_path)
    assert path.suffix == ".json"
    assert document["modelVersion"] == model.version and document["modelDate"] == model.date
    assert document["language"] == language and document["profile"] == model.profiles[0].id
    assert set(document["answers"]) == {model.competencies[index].id for index, _, _ in ANSWERS}
    page.emulate_media(media="print")
    page.pdf(format="A4")
    page.emulate_media(media="screen")
    assert_nothing_left_the_page(requests)

    page.reload(wait_until="networkidle")  # the page's own files load again; from here on, nothing more may
    requests.clear()
    assert form_state(page) == {"profile": "", "answers": {}, "notes": {}, "remember": False}
    page.locator("#cm-self-load").set_input_files(str(path))
    page.locator("#cm-self-status").filter(has_text=path.name).wait_for()
    assert form_state(page) == filled
    assert labels[language]["self_assessment_loaded"].split("{file}")[-1].strip()[:20] in \
        page.locator("#cm-self-status").inner_text().replace("\u00a0", " ").replace("\u202f", " ")

    assert_nothing_left_the_page(requests)
    assert page.context.cookies() == []
    assert storage_keys(page) == before and not any("self" in key for key in before["local"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_file_or_another_version_gets_a_clear_message(session: BrowserSession, model: Model,
                                                              labels: dict[str, dict[str, str]], language: str,
                                                              tmp_path: Path) -> None:
    own = labels[language]
    page = open_page(session, language)
    status = page.locator("#cm-self-status")
    wrong = tmp_path / "photo.json"
    wrong.write_text('{"hello": "world"}', encoding="utf-8")
    page.locator("#cm-self-load").set_input_files(str(wrong))
    status.filter(has_text="photo.json").wait_for()
    text = status.inner_text().replace("\u00a0", " ").replace("\u202f", " ")
    assert own["self_assessment_not_a_file"].split("{file}")[1].split(".")[0].strip() in text

    older = tmp_path / "older.json"
    competency = model.competencies[0]
    older.write_text(json.dumps({
        "format": "competency-self-assessment", "formatVersion": 1, "modelVersion": "0.9.0", "language": language,
        "profile": None, "answers": {competency.id: model.levels[1].id, "verdwenen": model.levels[0].id},
        "notes": {}, "names": {"verdwenen": "Een verdwenen competentie"}}), encoding="utf-8")
    page.locator("#cm-self-load").set_input_files(str(older))
    status.filter(has_text="0.9.0").wait_for()
    text = status.inner_text()
    assert "Een verdwenen competentie" in text and model.version in text
    assert form_state(page)["answers"] == {f"cm-self-{competency.id}": model.levels[1].id}


def test_remember_stores_only_when_ticked_and_erase_removes_it(session: BrowserSession, model: Model) -> None:
    page = open_page(session, "nl")
    before = storage_keys(page)
    fill_in(page, model, with_profile=False)
    assert storage_keys(page) == before
    tab_to(page, "#cm-self-remember")
    page.keyboard.press("Space")
    assert "cm-self-assessment" in storage_keys(page)["local"]
    filled = form_state(page)
    page.reload(wait_until="load")
    assert form_state(page) == filled and filled["remember"]
    # Erase: the stored answers go, the box is unticked, and a reload starts empty.
    tab_to(page, "#cm-self-erase")
    page.keyboard.press("Enter")
    assert storage_keys(page) == before
    assert not form_state(page)["remember"]
    page.reload(wait_until="load")
    assert form_state(page)["answers"] == {}
    assert page.context.cookies() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_checklist_is_there_and_prints(browser: Any, site_url: str, model: Model,
                                                              labels: dict[str, dict[str, str]],
                                                              language: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{language}/self-assessment/", wait_until="load")
        assert page.locator(".cm-self__tools").is_hidden() and page.locator(".cm-self__result").is_hidden()
        assert page.locator(".cm-self__nojs").is_visible()
        assert page.locator("fieldset.cm-self__competency:visible").count() == len(model.competencies)
        page.emulate_media(media="print")
        content = page.pdf(format="A4")
        (SCREENSHOTS / f"self-assessment-{language}-no-script.pdf").write_bytes(content)
        text = squeezed(pdf_text(content))
        for competency in model.competencies:
            assert squeezed(competency.name.values[language]) in text
            assert squeezed(competency.levels[-1].indicators.values[language][0])[:40] in text
        assert squeezed(labels[language]["self_assessment_unsure"]) in text
    finally:
        context.close()
