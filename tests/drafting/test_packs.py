import pytest

from drafter.drafting.packs import TEMPLATES, chinese_ordinal, list_packs, load_pack, read_pack
from drafter.errors import PromptError


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


@pytest.mark.parametrize(
    ("index", "written"),
    [
        (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九"), (100, "一百"),
        (101, "一百零一"), (109, "一百零九"), (110, "一百一十"), (111, "一百一十一"), (1000, "一千"),
        (120_000, "十二万"),
    ],
)  # fmt: skip
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
        ('name = "x"\n', "'title' is missing"),
        ('name = "other"\ntitle = "t"\n[generic]\nguidance = "g"\n', "name 'other' differs from its folder 'x'"),
        ('name = "x"\ntitle = "t"\n[generic]\nguidance = "g"\n', "lacks system.j2"),
        ('name = "x"\ntitle = "t"\nextends = "nope"\n[generic]\nguidance = "g"\n', "extends unknown pack 'nope'"),
        ('name = "x"\ntitle = "t"\nextends = "../outside/x"\n[generic]\nguidance = "g"\n', "must be the name of one"),
        ('name = "x"\ntitle = "t"\nextends = "/etc"\n[generic]\nguidance = "g"\n', "must be the name of one pack"),
        ('name = "x"\ntitle = "t"\nmax_tokens = -5\n[generic]\nguidance = "g"\n', "'max_tokens' must be a whole"),
        ('name = "x"\ntitle = "t"\nmax_tokens = "9"\n[generic]\nguidance = "g"\n', "must be a whole number, not '9'"),
        ('name = "x"\ntitle = "t"\nlanguage = "fr"\n[generic]\nguidance = "g"\n', "'language' must be one of"),
        ('name = "x"\ntitle = "t"\ncolour = 1\n[generic]\nguidance = "g"\n', "unknown key 'colour'"),
        ('name = "x"\ntitle = "t"\n[generic]\nguidance = 3\n', "'generic.guidance' must be a text"),
        ('name = "x"\ntitle = "t"\n[generic]\nguidance = "g"\n[[sections]]\ntitle = ""\nguidance = "g"\n',
         "'sections\\[1\\].title' is empty"),
        ('name = "x"\ntitle = "t"\n[generic]\nguidance = "g"\nquestions = [1]\n', "must be a list of texts"),
        ("name = \n", "cannot read the pack manifest"),
    ],
)  # fmt: skip
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


def test_an_inherited_template_error_names_the_file_it_is_in(tmp_path):
    for name, extends in (("base", None), ("child", "base")):
        (tmp_path / name).mkdir()
        line = f'extends = "{extends}"\n' if extends else 'extends = "work-summary"\n'
        (tmp_path / name / "pack.toml").write_text(f'name = "{name}"\ntitle = "t"\n{line}[generic]\nguidance = "g"\n')
    (tmp_path / "base" / "system.j2").write_text("{{ nowhere }}", "utf-8")
    with pytest.raises(PromptError) as caught:
        read_pack(tmp_path / "child").render("system.j2")
    assert caught.value.hint == f"fix {tmp_path / 'base' / 'system.j2'}, or pass the variable"


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "its loops take more than 100,000 steps"),
        ("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}", "more than 100,000 steps"),
        ("{{ 'x' * 10**9 }}", "builds more than 200,000"),
        ("{{ [0] * 10**9 }}", "builds more than 200,000"),
        ("{{ 2 ** 99999999 }}", "a power above 64"),
        ("{{ '%0999999999d' % 1 }}", "asks for more than 200,000 characters"),
        ("{{ '{:>999999999}'.format(1) }}", "asks for more than 200,000 characters"),
        ("{{ 'x'|center(999999999) }}", "asks for more than 200,000 characters"),
        ("{% for i in range(99999) %}abcdefghij{% endfor %}", "writes more than 200,000 characters"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls or includes itself without end"),
        ("{% include 'system.j2' %}", "calls or includes itself without end"),
    ],
)
def test_a_template_cannot_take_the_machine(tmp_path, template, problem):
    """A pack is a folder anyone may hand a writer: its templates are bounded in steps, size and depth, and each
    refusal is a PromptError (exit 2) naming the template, found at once rather than after minutes."""
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "x"\ntitle = "t"\nextends = "work-summary"\n[generic]\nguidance = "g"\n')
    (folder / "system.j2").write_text(template, "utf-8")
    with pytest.raises(PromptError, match=problem) as caught:
        read_pack(folder).render("system.j2")
    assert caught.value.message.startswith("prompt pack 'x', template system.j2: ")
    assert caught.value.hint == f"fix {folder / 'system.j2'}"
