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
