"""The prose check, held both ways: every answer recorded from SmolLM2 (fixtures/model-outputs/) is caught, and no
good draft — the faithful fixtures, the real-text corpus, the seed samples — raises anything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.documents.facts import read_facts
from drafter.drafting.packs import load_pack
from drafter.drafting.prose import LoopWatch, ProseContext, given_figures, loop_in, prose_problems
from drafter.figures import extract_figures

ROOT = Path(__file__).parent.parent.parent
OUTPUTS = ROOT / "fixtures" / "model-outputs" / "smollm2"
INDEX = json.loads((OUTPUTS / "index.json").read_text(encoding="utf-8"))["answers"]


def context_for(fixture: str, section: str) -> ProseContext:
    pack = load_pack("work-summary-en" if fixture.startswith("english") else "union-work-summary")
    [facts] = [s.facts for s in read_facts(ROOT / "fixtures" / fixture / "facts.md").sections if s.title == section]
    figures = [figure for fact in facts for figure in extract_figures(fact.text)]
    return ProseContext(pack.language, pack.scaffolding(), tuple(f.text for f in facts), given_figures(figures))


@pytest.mark.parametrize("answer", INDEX, ids=[a["file"] for a in INDEX])
def test_every_recorded_failure_of_a_real_small_model_is_caught(answer):
    text = (OUTPUTS / answer["file"]).read_text(encoding="utf-8")
    assert prose_problems(text, context_for(answer["fixture"], answer["section"]))


def good_sections():
    """(name, text, language) of every section of every good draft."""
    drafts = [*ROOT.glob("fixtures/*/draft-faithful.md"), *ROOT.glob("fixtures/real/*/faithful.md")]
    for draft in sorted(drafts):
        language = "en" if "english" in draft.parent.name else "zh"
        for number, part in enumerate(re.split(r"\n#+ [^\n]*\n", draft.read_text(encoding="utf-8"))):
            if part.strip() and not part.lstrip().startswith("#"):
                yield f"{draft.parent.name}-{number}", part, language
    seed = ROOT.parent / "shared" / "seed" / "work-summary-samples.txt"
    if seed.exists():
        page = re.sub(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d.*$", "", seed.read_text(encoding="utf-8"), flags=re.M)
        for number, sample in enumerate(re.split(r"局工会工作总结范文[^\n]*\n", page)[1:]):
            yield f"seed-{number}", sample, "zh"  # (the scraped page's own header and dates left out)


GOOD = list(good_sections())


@pytest.mark.parametrize(("name", "text", "language"), GOOD, ids=[g[0] for g in GOOD])
def test_good_drafts_raise_no_prose_problem(name, text, language):
    pack = load_pack("work-summary-en" if language == "en" else "union-work-summary")
    assert prose_problems(text, ProseContext(language, pack.scaffolding())) == []


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("工会积极开展送温暖活动。\n工会积极开展送温暖活动。", "repetition", "工会积极开展送温暖活动"),
        ("1. 加强学习\n2. 加强学习\n3. 加强学习\n4. 加强学习", "repetition", "加强学习"),
        ("走访慰问，翻着一双，翻着一双，翻着一双，翻着一双。", "repetition", "翻着一双"),
        ("请用工会工作总结的规范语体。发放慰问金。", "prompt-echo", "请用工会工作总结的规范语体"),
        ("5月4日、9月14日、2床、28000余元、30多户", "not-prose", "5月4日、9月14日、2床、28000余元、30多户"),
        ("一、主要工作", "not-prose", "一、主要工作"),
        ("The union visited households in hardship and gave relief funds to them.", "wrong-language", "English"),
    ],
)
def test_each_check(text, kind, found):
    pack = load_pack("union-work-summary")
    [problem, *_] = prose_problems(text, ProseContext("zh", pack.scaffolding()))
    assert problem.kind == kind
    assert found in problem.found


def test_a_figure_written_far_more_often_than_given_is_repetition():
    figures = extract_figures("捐款28000余元")
    context = ProseContext("zh", (), ("捐款28000余元",), given_figures(figures))
    text = "捐款28000余元。" + "另有28000余元，" * 4 + "用于帮扶。"
    assert [p.kind for p in prose_problems(text, context)] == ["repetition"]
    assert prose_problems("捐款28000余元，这28000余元用于帮扶困难职工。", context) == []


def test_a_fact_left_out_is_named():
    context = ProseContext("zh", (), ("工会干部队伍建设薄弱，不能适应新形势的要求", "职工之家建设有待加强"))
    [problem] = prose_problems("职工之家建设还需进一步加强，我们将认真研究改进。", context)
    assert (problem.kind, problem.fact) == ("omitted", "工会干部队伍建设薄弱，不能适应新形势的要求")


def test_the_writers_own_braces_are_no_template_leftover():
    context = ProseContext("zh", (), ("模板写法{{ 7*7 }}原样保留",))
    assert prose_problems("模板写法{{ 7*7 }}原样保留。", context) == []


def test_a_loop_is_seen_while_it_streams_in():
    watch = LoopWatch(every=16)
    stream = "坚持落实民主管理各项制度。" + "\n".join(f"{n}. 千方百计为职工开辟再就业渠道" for n in range(1, 30))
    stopped_at = next(i for i in range(0, len(stream), 4) if watch.feed(stream[i : i + 4]))
    assert stopped_at < len(stream) / 2  # stopped early: most of the budget saved
    assert watch.loop is not None and "就业渠道" in watch.loop
    assert loop_in("全年走访困难职工2848户，发放慰问金323.062万元，惠及职工家属。") is None
