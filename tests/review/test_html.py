"""The review page in a real browser (Debian's Chromium through Playwright): what a reviewer sees — marks by status,
a problem one click from its place, an altered figure beside the fact's, filters that work without JavaScript, no
request to any network address, a draft's HTML shown as text — and a screenshot kept as an artefact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.cli import run
from tests.browser import chromium
from tests.runner import CliRunner

ROOT = Path(__file__).resolve().parent.parent.parent
UNION = ROOT / "fixtures" / "union-2023h1"
runner = CliRunner(env={"COLUMNS": "120"})


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def _page_for(tmp_path: Path, draft: Path, facts: Path = UNION / "facts.md") -> tuple[Path, dict]:
    out = tmp_path / "report.html"
    result = runner.invoke(run, ["check", "--facts", str(facts), str(draft), "--format", "html", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(runner.invoke(run, ["check", "--facts", str(facts), str(draft), "--format", "json"]).stdout)
    return out, report


def _open(browser, path: Path, *, javascript: bool = True, height: int = 700):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": height})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, requests


def test_marks_by_status_are_the_reports(browser, tmp_path):
    path, report = _page_for(tmp_path, UNION / "draft-errors.md")
    page, requests = _open(browser, path)
    found = {status: 0 for status in ("exact", "equivalent", "altered")}
    for figure in report["figures"]:
        if figure["status"] in found:
            found[figure["status"]] += len({(place["line"], place["column"]) for place in figure["found"]})
    for status, count in found.items():
        assert page.locator(f"article mark.{status}").count() == count, status
    assert page.locator("article mark.unsupported").count() == len(report["unsupported"]) == 1
    assert page.locator("article mark.ignored").count() == len(report["ignored"])
    assert page.locator(".problems li").count() == 8  # 5 altered, 2 missing, 1 unsupported
    assert page.locator(".verdict").inner_text().startswith("未通过：5 个数字被改动，2 个数字缺失；另有 1 个")
    assert all(url.startswith("file://") for url in requests), requests  # nothing reached for the network
    page.screenshot(path=str(tmp_path / "review.png"))  # the artefact a person can look at
    assert (tmp_path / "review.png").read_bytes()[:4] == b"\x89PNG"


def test_a_problem_is_one_click_from_its_place_and_an_altered_mark_shows_both_figures(browser, tmp_path):
    path, _ = _open_union(tmp_path)
    page, _ = _open(browser, path, height=500)
    mark = page.locator("article mark.altered", has_text="147486户")
    assert "147486户" in mark.inner_text() and "事实：174户" in mark.inner_text()
    assert not _in_view(page, mark)
    page.locator(".problems a", has_text="15:14").click()
    page.wait_for_function("location.hash === '#m15-14'")
    assert _in_view(page, mark)
    missing = page.locator(".problems li.missing", has_text="10个").locator("a")
    assert missing.get_attribute("href") == "#p11"  # where the fact's other figures are
    assert "稿件中找不到这条事实" in page.locator(".problems li.missing", has_text="13人次").inner_text()


def _open_union(tmp_path):
    return _page_for(tmp_path, UNION / "draft-errors.md")


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_filters_work_and_the_page_reads_without_javascript(browser, tmp_path):
    path, _ = _open_union(tmp_path)
    page, _ = _open(browser, path, javascript=False)
    exact = page.locator("article mark.exact").first
    shaded = exact.evaluate("element => getComputedStyle(element).backgroundColor")
    assert shaded != "rgba(0, 0, 0, 0)"
    page.locator("label[for=show-exact]").click()
    assert exact.evaluate("element => getComputedStyle(element).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator(".facts li.exact").first.is_hidden()
    assert page.locator(".facts li.altered").first.is_visible()
    assert "走访慰问困难职工" in page.locator("article").inner_text()


def test_the_documents_html_is_text_never_markup(browser, tmp_path):
    facts = tmp_path / "facts.md"
    facts.write_text("---\ntitle: <img src=x onerror=\"window.pwned=1\">\n---\n## 主要工作\n- 走访2848户<b>\n",
                     encoding="utf-8")  # fmt: skip
    draft = tmp_path / "draft.md"
    hostile = '# 总结<script>window.pwned=1</script>\n\n走访2848户<b>粗</b>，<img src=x onerror="window.pwned=1">\n'
    draft.write_text(hostile, encoding="utf-8")
    path, _ = _page_for(tmp_path, draft, facts)
    page, requests = _open(browser, path)
    assert page.evaluate("window.pwned") is None
    assert page.locator("article script, article img, article b, h1 img").count() == 0
    assert "<script>window.pwned=1</script>" in page.locator("article").inner_text()
    assert all(url.startswith("file://") for url in requests), requests


def test_english_drafts_get_english_labels_and_the_page_prints(browser, tmp_path):
    english = ROOT / "fixtures" / "english-2023h1"
    path, _ = _page_for(tmp_path, english / "draft-errors.md", english / "facts.md")
    page, _ = _open(browser, path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".problems h2").inner_text() == "Figures that need a look"
    pdf = page.pdf(format="A4")  # print CSS: A4, one column
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
