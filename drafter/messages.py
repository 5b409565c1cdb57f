"""Every word drafter shows a person, in Chinese and English side by side: a Chinese pack speaks Chinese.

Messages are data: `Words("zh")["exact"]`, or `Words("en")("bad", altered=2, missing=1)` to fill one in.
"""

from __future__ import annotations

from typing import Any

# key: (Chinese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    # statuses and report columns
    "exact": ("一致", "exact"),
    "equivalent": ("等值", "equivalent"),
    "altered": ("被改动", "altered"),
    "missing": ("缺失", "missing"),
    "unsupported": ("无来源", "unsupported"),
    "figure": ("数字", "figure"),
    "status": ("状态", "status"),
    "where": ("位置", "where"),
    "context": ("草稿上下文", "draft context"),
    "fact": ("事实", "fact"),
    "line": ("行:列", "line:col"),
    "value": ("数值", "value"),
    "unit": ("单位", "unit"),
    "unsupported_title": ("草稿中无来源的数字（可能是编造）", "Figures in the draft that no fact gives (possible inventions)"),
    "ok": ("通过：所有数字与事实一致", "OK: every figure matches the facts"),
    "bad": ("未通过：{altered} 个数字被改动，{missing} 个数字缺失", "NOT OK: {altered} figure(s) altered, {missing} missing"),
    "unsupported_note": ("另有 {unsupported} 个数字在事实中找不到来源", "{unsupported} more figure(s) in the draft come from no fact"),
    "note_separator": ("；", "; "),
    "none": ("（事实中没有识别到数字）", "(no figures found in the facts)"),
    "count": ("共识别到 {count} 个数字", "{count} figures found"),
    # the draft itself (no figures in these: a re-check must not count them)
    "draft_warning": (
        "注意：本稿的数字核对未通过，详见核对报告。请逐一核对、改正后再使用，并删除本提示。",
        "Warning: this draft failed the figure check (see the report). Correct every figure before use, then "
        "delete this note.",
    ),
    "section_missing": (
        "（本部分尚未生成。重新运行 drafter compose 将继续生成。）",
        "(This section has not been drafted yet. Run drafter compose again to continue.)",
    ),
    # compose progress
    "drafting": ("起草中", "drafting"),
    "repairing": ("第{number}次返修", "repair {number}"),
    "retrying": ("{reason}；{wait:.1f} 秒后重试", "{reason}; retrying in {wait:.1f} s"),
    "figures_ok": ("数字核对通过", "figures ok"),
    "kept": ("沿用上次的结果", "kept from the last run"),
    "budget_spent": ("token 预算已用完", "token budget spent"),
    "problem_missing": ("缺少 {figure}", "{figure} missing"),
    "problem_altered": ("{found} 应为 {figure}", "{found} should be {figure}"),
    "problem_unsupported": ("无来源 {found}", "unsupported {found}"),
    "problem_truncated": ("输出被截断", "output cut off"),
    "problem_empty": ("没有正文", "no text"),
    "problem_placeholder-missing": ("未使用占位符 {figure}", "placeholder {figure} unused"),
    "problem_placeholder-repeated": ("占位符 {figure} 重复", "placeholder {figure} repeated"),
    "more": ("（另有 {count} 处）", " (+{count} more)"),
    # compose summary
    "offline_notice": (
        "未使用语言模型：正文由事实按模板直接组织而成（offline）。配置模型端点后可生成正式行文。",
        "No language model was used: the text is the facts in the pack's plain phrasing (offline). "
        "Configure an endpoint for real prose.",
    ),
    "sections": ("各部分", "Sections"),
    "col_section": ("部分", "section"),
    "col_attempts": ("尝试", "attempts"),
    "col_repairs": ("返修", "repairs"),
    "col_prompt": ("输入 token", "prompt tokens"),
    "col_output": ("输出 token", "output tokens"),
    "col_limit": ("输出上限", "output limit"),
    "col_total": ("合计", "total"),
    "col_share": ("占上下文", "of context"),
    "total": ("合计", "total"),
    "state_kept": ("沿用", "kept"),
    "state_failed": ("模型失败", "model failed"),
    "state_ok": ("通过", "ok"),
    "state_wrong": ("数字有误", "figures wrong"),
    "skipped": ("没有事实、未生成：{titles}", "No facts, not drafted: {titles}"),
    "list_separator": ("、", ", "),
    "budget_reached": ("已达到 --max-tokens-total 上限，部分内容未生成。", "--max-tokens-total reached: some text was not drafted."),
    "path_draft": ("草稿", "draft"),
    "path_backup": ("原稿备份", "previous draft kept as"),
    "path_report": ("报告", "report"),
    "path_log": ("日志", "log"),
    "next_steps": ("下一步：修改草稿后，用以下命令重新核对数字：", "Next: after editing the draft, re-check its figures with:"),
    # dry run
    "budget_title": ("上下文预算", "Context budget"),
    "window_unknown": ("（未知模型，按默认值估计）", " (unknown model: assumed)"),
    "offline_model": ("offline（不使用模型）", "offline (no model)"),
    "dry_run_line": ("模型：{model} · 提示词包：{pack} · 上下文：{window}", "model: {model} · pack: {pack} · context: {window}"),
    "dry_run_done": ("仅预览，未调用任何模型。", "Dry run: no model was called."),
    # the interactive session
    "start": ("新建工作总结。你输入的每一条都会立即保存到 {path}。", "A new work summary. Everything you type is saved to {path} at once."),
    "resume": ("继续编写 {path}。已有内容如下：", "Continuing {path}. Here is what is there:"),
    "kind_is": ("文稿类型：{title}（{name}）", "Document kind: {title} ({name})"),
    "unknown_kind": ("没有“{kind}”这种文稿类型，请从下面选择：", "There is no document kind '{kind}'; choose one of these:"),
    "ask_kind": ("选择文稿类型（序号或名称）", "Document kind (number or name)"),
    "bad_kind": ("没有这种类型：请输入 1 到 {count} 的序号或类型名称。", "Not one of them: give a number from 1 to {count}, or a name."),
    "ask_organization": ("单位名称（如 局工会）", "Organisation (e.g. Staff Union)"),
    "ask_period": ("总结期间", "Period covered"),
    "ask_title": ("标题", "Title"),
    "empty_title": ("标题不能为空，请输入标题。", "The title cannot be empty; please type one."),
    "ask_more_sections": ("还要添加其他部分吗？输入部分标题，直接回车进入核对", "Another section? Type its title, or press Enter to review"),
    "section_exists": ("已有“{title}”这一部分。", "There is already a section '{title}'."),
    "continuing": ("这一部分已有 {count} 条，可以继续输入：", "This section has {count} fact(s); you can add more:"),
    "bullet_help": ("  每行一条事实，空行结束本部分；第一行直接回车跳过本部分。/undo 撤销上一条，/skip 跳过。", "  One fact per line; an empty line ends the section (as the first line, skips it). /undo removes the last, /skip skips."),
    "undone": ("  已撤销上一条。", "  Removed the last fact."),
    "skipped_section": ("  已跳过本部分。", "  Section skipped."),
    "heading_needs_facts": ("  这一部分还没有事实：请至少输入一条，或输入 /skip 放弃这一部分。", "  This section has no facts yet: type at least one, or /skip to drop it."),
    "recognised": ("  识别到：{figures}", "  Figures: {figures}"),
    "figure_separator": (" · ", " · "),
    "no_figures": ("  （本条没有数字）", "  (no figures in this fact)"),
    "unrecognised": ("  注意：{numbers} 没有被识别为带单位的数字，请检查是否漏写或写错了单位。", "  Check: {numbers} not read as a figure with a unit; is the unit missing or mistyped?"),
    "review_title": ("核对事实", "Review"),
    "review_skipped": ("（已跳过）", "(skipped)"),
    "review_figures": ("数字：", "figures: "),
    "review_totals": ("共 {facts} 条事实、{figures} 个数字", "{facts} facts, {figures} figures"),
    "ask_review": ("回车确认并开始起草；或输入命令（? 查看帮助）", "Press Enter to confirm and draft, or give a command (? for help)"),
    "review_help": (
        "命令：e N 修改第N条 · d N 删除第N条 · a S 向第S部分添加 · mv N M 把第N条移到第M条之前 · s I J 把第I部分移到第J位 · ed 用编辑器打开 · q 保存并退出",
        "Commands: e N edit fact N · d N delete it · a S add to section S · mv N M move fact N before fact M · s I J move section I to place J · ed open in your editor · q save and quit",
    ),
    "bad_fact_number": ("没有第 {text} 条：事实编号是 1 到 {count}。", "No fact {text}: facts are numbered 1 to {count}."),
    "bad_section_number": ("没有第 {text} 部分：部分编号是 1 到 {count}。", "No section {text}: sections are numbered 1 to {count}."),
    "ask_new_text": ("新的内容（回车保留原文）", "New text (Enter keeps it)"),
    "ask_added_fact": ("要添加的事实", "The fact to add"),
    "no_facts_yet": ("还没有任何事实，无法起草：请添加事实，或输入 q 保存退出。", "There are no facts to draft from yet: add some, or q to save and quit."),
    "saved_quit": ("已保存到 {path}。以后运行 drafter compose --facts {path} 可以继续。", "Saved to {path}. Run drafter compose --facts {path} to continue later."),
    "ask_after_bad_edit": ("文件有格式错误：e 重新编辑，r 放弃这次修改", "The file does not parse: e to edit again, r to undo this edit"),
    "edit_reverted": ("已恢复编辑前的内容；编辑后的版本保存在 {path}。", "Restored the file as it was; the edited version is kept in {path}."),
    "interrupted_session": ("已中断。你输入的内容都已保存在 {path}；运行 drafter compose --facts {path} 继续。", "Interrupted. Everything you typed is saved in {path}; run drafter compose --facts {path} to continue."),
    "draft_exists": ("草稿 {path} 已存在：b 备份后覆盖，o 直接覆盖，n 另存为新文件，q 不起草", "The draft {path} exists: b back it up and replace it, o overwrite, n save under a new name, q stop"),
    "ask_new_draft_path": ("新草稿的文件名", "File name for the new draft"),
    "bad_choice": ("请输入 {choices} 之一。", "Please answer one of {choices}."),
    # live drafting
    "live_waiting": ("等待", "waiting"),
    "live_drafting": ("起草中", "drafting"),
    "live_repairing": ("返修{number}", "repair {number}"),
    "live_retrying": ("重试中", "retrying"),
    "live_ok": ("通过", "ok"),
    "live_wrong": ("数字有误", "figures wrong"),
    "live_failed": ("失败", "failed"),
    "live_kept": ("沿用", "kept"),
    "live_tokens": ("已用 token：{tokens} · Ctrl-C 中断（已完成的部分会保留）", "tokens so far: {tokens} · Ctrl-C stops (finished sections are kept)"),
    "col_state": ("状态", "state"),
    "col_tokens": ("token", "tokens"),
    "col_text": ("正文", "text"),
}  # fmt: skip


class Words:
    """The messages of one language."""

    def __init__(self, language: str) -> None:
        self.language = "zh" if language == "zh" else "en"
        self._index = 0 if self.language == "zh" else 1

    def __getitem__(self, key: str) -> str:
        return MESSAGES[key][self._index]

    def __call__(self, key: str, **values: Any) -> str:
        return self[key].format(**values)
