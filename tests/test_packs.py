import pytest

from drafter.errors import PromptError
from drafter.packs import TEMPLATES, chinese_ordinal, list_packs, load_pack, read_pack


def test_the_three_built_in_packs():
    packs = {pack.name: pack for pack in list_packs()}
    assert set(packs) == {"work-summary", "union-work-summary", "work-summary-en"}
    assert [s.title for s in packs["work-summary"].sections] == [
        "主要工作",
        "工作成果",
        "工作亮点",
        "存在问题",
        "下一步工作",
    ]
    assert packs["work-summary-en"].language == "en"
    for pack in packs.values():
        assert all(any((d / name).is_file() for d in pack.template_dirs) for name in TEMPLATES)
        assert all(spec.questions for spec in pack.sections), pack.name


def test_union_pack_extends_the_generic_one():
    pack = load_pack("union-work-summary")
    assert pack.template_dirs[1].name == "work-summary"
    assert not (pack.path / "section.j2").exists()


@pytest.mark.parametrize(
    ("title", "guidance_starts"),
    [
        ("主要工作", "按工作类别"),
        ("一、上半年完成的主要工作", "按工作类别"),  # a heading that contains a known title
        ("工作成效", "用事实和数字"),  # an alias
        ("下一步工作打算", "针对存在的问题"),
        ("党建工作", "围绕本部分标题"),  # unknown: the generic guidance
    ],
)
def test_headings_get_their_guidance(title, guidance_starts):
    assert load_pack("work-summary").spec_for(title).guidance.startswith(guidance_starts)


@pytest.mark.parametrize(("index", "written"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_chinese_ordinals(index, written):
    assert chinese_ordinal(index) == written


def test_headings_follow_the_genre():
    assert load_pack("work-summary").heading(2, "存在问题") == "二、存在问题"
    assert load_pack("work-summary-en").heading(2, "Problems") == "2. Problems"


def test_a_user_pack_shadows_a_built_in_one(tmp_path):
    folder = tmp_path / "work-summary"
    folder.mkdir()
    (folder / "pack.toml").write_text(
        'name = "work-summary"\ntitle = "我们的总结"\nextends = "work-summary"\n[generic]\nguidance = "g"\n', "utf-8"
    )
    pack = load_pack("work-summary", [tmp_path])
    assert pack.title == "我们的总结" and pack.source == str(tmp_path)
    assert pack.render("opening.j2", meta={"period": "2023年", "organization": "本局"}).startswith("2023年，本局")


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('name = "x"\n', "missing or malformed"),
        ('name = "other"\ntitle = "t"\n[generic]\nguidance = "g"\n', "lacks"),
        ('name = "x"\ntitle = "t"\nextends = "nope"\n[generic]\nguidance = "g"\n', "extends unknown pack 'nope'"),
        ("name = \n", "cannot read the pack manifest"),
    ],
)
def test_bad_manifests(tmp_path, manifest, message):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "pack.toml").write_text(manifest, "utf-8")
    with pytest.raises(PromptError, match=message):
        read_pack(folder)


def test_template_errors_name_template_and_problem(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "x"\ntitle = "t"\nextends = "work-summary"\n[generic]\nguidance = "g"\n')
    (folder / "system.j2").write_text("{% if %}", "utf-8")
    (folder / "opening.j2").write_text("{{ meta.__class__.__mro__ }}", "utf-8")
    pack = read_pack(folder)
    with pytest.raises(PromptError, match=r"template system.j2 line 1"):
        pack.render("system.j2")
    with pytest.raises(PromptError, match=r"template section.j2: 'section' is undefined"):
        pack.render("section.j2")
    with pytest.raises(PromptError, match="unsafe"):
        pack.render("opening.j2", meta={})
