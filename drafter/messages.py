"""Every word drafter shows a person, in Chinese and English side by side: a Chinese pack speaks Chinese.

Messages are data: `Words("zh")["exact"]`, or `Words("en")("bad", altered=2, missing=1)` to fill one in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    "ignored_status": ("不是数字", "not a figure"),
    "html_title": ("数字核对报告", "Figure check"),
    "html_show": ("标出：", "Highlight: "),
    "html_draft": ("稿件", "The draft"),
    "html_facts": ("事实", "The facts"),
    "html_nowhere": ("稿件中找不到这条事实", "this fact is nowhere in the draft"),
    "problems_title": ("需要核对的数字", "Figures that need a look"),
    "in_draft": ("稿件中", "in the draft"),
    "in_facts": ("事实中", "in the facts"),
    "near_place": ("附近：{where}", "near {where}"),
    "all_ok": ("{exact} 个数字一致、{equivalent} 个等值（--all 列出全部）", "{exact} figures exact, {equivalent} equivalent (--all lists every one)"),
    "rest_ok": ("其余 {exact} 个数字一致、{equivalent} 个等值（--all 列出全部）", "the other figures: {exact} exact, {equivalent} equivalent (--all lists every one)"),
    "unsupported_title": ("草稿中无来源的数字（可能是编造）", "Figures in the draft that no fact gives (possible inventions)"),
    "ignored_title": ("未作为数字核对的数（及原因）", "Numbers not checked as figures (and why)"),
    "ignored_note": ("另有 {ignored} 个数不是需要核对的数字（会议届次、文号、编号等），加 --ignored 查看", "{ignored} more number(s) are not figures to check (meeting names, document numbers, numbering…); --ignored lists them"),
    "reason": ("原因", "reason"),
    # why a number is not a figure (drafter.figures.extract.REASONS)
    "reason_numbering": ("编号", "outline numbering"),
    "reason_meeting": ("会议名称中的届次", "part of a meeting's name"),
    "reason_document-number": ("文号", "document number"),
    "reason_caption": ("图表或注释编号", "caption or note number"),
    "reason_title": ("书名号中的标题", "inside a title in 《》"),
    "reason_quoted-name": ("引号中的名称", "inside a quoted name"),
    "reason_policy-name": ("政策名称", "part of a policy's name"),
    "reason_telephone": ("电话或热线号码", "telephone or hotline number"),
    "reason_code": ("代号或型号", "code or model name"),
    "reason_set-phrase": ("固定提法", "set phrase"),
    "reason_slogan": ("活动或口号名称", "campaign or slogan"),
    "reason_speech": ("讲话提纲", "the speaker's outline"),
    "reason_time-of-day": ("时刻", "time of day"),
    "reason_plan-name": ("规划名称", "part of a plan's name"),
    "reason_period-name": ("时期名称（事实中没有给出）", "name of a period (no fact gives it)"),
    "reason_date-line": ("落款日期", "date under the signature"),
    "reason_name": ("名称中的编号", "number inside a name"),
    "ok": ("通过：所有数字与事实一致", "OK: every figure matches the facts"),
    "bad": ("未通过：{altered} 个数字被改动，{missing} 个数字缺失", "NOT OK: {altered} figure(s) altered, {missing} missing"),
    "bad_strict": ("未通过（--strict）：{unsupported} 个数字在事实中找不到来源", "NOT OK (--strict): {unsupported} figure(s) in the draft come from no fact"),
    "unsupported_note": ("另有 {unsupported} 个数字在事实中找不到来源", "{unsupported} more figure(s) in the draft come from no fact"),
    "note_separator": ("；", "; "),
    "none": ("（事实中没有识别到数字）", "(no figures found in the facts)"),
    "count": ("共识别到 {count} 个数字", "{count} figures found"),
    # the draft itself (no figures in these: a re-check must not count them)
    "draft_offline": (
        "离线稿：本稿未调用语言模型，正文由事实按模板直接组织，仅供核对事实和结构；正式使用前请用模型重新生成或人工润色，并删除本提示。",
        "Offline draft: no language model wrote this; it is the facts in plain phrasing, for checking the facts and "
        "the structure. Draft it with a model or rewrite it before use, then delete this note.",
    ),
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
    "problem_repetition": ("内容重复", "repeats itself"),
    "problem_prompt-echo": ("照抄了提示", "copies the prompt"),
    "problem_not-prose": ("不是成段的正文", "not prose"),
    "problem_wrong-language": ("语言不对", "wrong language"),
    "problem_omitted": ("漏写了事实", "leaves out a fact"),
    "fixes_made": ("drafter 已直接改正 {count} 个可以确定的数字：{fixes}", "drafter corrected {count} figure(s) it was sure of: {fixes}"),
    "fix_item": ("{wrong}→{right}", "{wrong} → {right}"),
    "more": ("（另有 {count} 处）", " (+{count} more)"),
    # compose summary
    "offline_notice": (
        "未使用语言模型：正文由事实按模板直接组织而成（离线稿，文件开头已注明）。要生成正式行文，请设置环境变量"
        " OPENAI_BASE_URL（模型服务地址）和 OPENAI_API_KEY（密钥），或写入 drafter.toml，然后运行 drafter doctor 检查。",
        "No language model was used: the text is the facts in the pack's plain phrasing (an offline draft, marked so "
        "at its top). For real prose, set OPENAI_BASE_URL (the model service's address) and OPENAI_API_KEY (its "
        "key), or put them in drafter.toml, then run drafter doctor to check.",
    ),
    "model_failed_nothing_written": (
        "没有生成任何部分，因此没有写出草稿；事实文件 {facts} 没有改动，修好连接后重新运行同一命令即可。",
        "No section was drafted, so no draft was written; the facts file {facts} is unchanged: fix the connection "
        "and run the same command again.",
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
    "state_unfinished": ("未完成", "unfinished"),
    "sections_failed": ("未通过：以下部分的正文仍有问题：{sections}", "NOT OK: these sections still have problems: {sections}"),
    "section_problem": ("{title}（{problem}）", "{title} ({problem})"),
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
    "ask_save_again": ("腾出空间后按回车重试保存，输入 q 放弃", "Press Enter to try saving again once there is room, or q to give up"),
    "unsaved_facts": ("没有保存的事实如下，请复制保存：", "The facts not saved are below; copy them somewhere safe:"),
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
    "interrupted": ("已中断", "interrupted"),
    "header_model": ("模型 {model} @ {endpoint}：事实将发送到这里", "model {model} @ {endpoint}: the facts are sent there"),
    "header_local": ("本机模型 {model}（llama.cpp，事实不离开本机）", "local model {model} (llama.cpp; the facts stay on this machine)"),
    "header_offline": ("离线起草（不调用模型，事实不离开本机）", "drafting offline (no model is called; the facts stay on this machine)"),
    "runlog_off": ("运行日志无法写入，本次不记日志（{reason}）；草稿照常写出", "the run log cannot be written; this run is not logged ({reason}); the draft is written as usual"),
    "state_unsaved": ("无法保存续写状态（{reason}）；草稿照常写出，但下次运行不能复用已完成的部分", "the resume state cannot be saved ({reason}); the draft is written as usual, but a next run cannot reuse its sections"),
    "interrupted_compose": ("已中断：已完成的部分都已保留", "interrupted: every section finished so far is kept"),
    "interrupted_compose_hint": ("再次运行同一命令即可继续起草其余部分（{path}）", "run the same command again to draft the rest ({path})"),
    # facts files
    "no_facts_file": ("没有这个事实文件", "no such facts file"),
    "no_facts_file_hint": ("请检查路径，或先创建它", "check the path, or create it"),
    "facts_is_directory": ("这是一个文件夹，不是事实文件", "is a directory, not a facts file"),
    "facts_unreadable": ("无法读取事实文件（{reason}）", "cannot read the facts file ({reason})"),
    "not_utf8": ("不是 UTF-8 编码的文本", "is not UTF-8 text"),
    "not_utf8_hint": ("请把文件另存为 UTF-8 编码后重试", "save the file as UTF-8 and try again"),
    # files that are not text (drafter.documents.text)
    "not_utf16": ("以 UTF-16 标记开头，但内容不是有效的 UTF-16 文本", "starts as UTF-16 text but is not valid UTF-16"),
    "read_as": ("按 {encoding} 编码读取（文件本身没有改动）", "read as {encoding} (the file itself is not changed)"),
    "encoding_hint": ("请把文件另存为 UTF-8 编码后重试；如果知道文件的编码，也可以用 --encoding 指定（例如 --encoding gb18030）", "save the file as UTF-8 and try again, or name its encoding with --encoding (e.g. --encoding gb18030)"),
    "unknown_encoding": ("没有叫“{encoding}”的编码", "there is no encoding called '{encoding}'"),
    "unknown_encoding_hint": ("常用的有 utf-8、gb18030、gbk、utf-16", "common ones are utf-8, gb18030, gbk, utf-16"),
    "not_in_encoding": ("不是 {encoding} 编码的文本", "is not {encoding} text"),
    "file_binary": ("不是文本文件", "is not a text file"),
    "file_binary_hint": ("请给出 Markdown 或纯文本（.md、.txt）文件", "give a Markdown or plain text file (.md, .txt)"),
    "file_docx": ("是 Word 文档（.docx），这里需要 Markdown 或纯文本", "is a Word document (.docx); Markdown or plain text is needed here"),
    "file_docx_hint": ("请在 Word 或 WPS 中“另存为”纯文本（.txt，UTF-8 编码）后重试", "in Word or WPS, Save As plain text (.txt, UTF-8) and try again"),
    "file_doc": ("是旧版 Word 或 WPS 文档（.doc/.wps），这里需要 Markdown 或纯文本", "is an old Word or WPS document (.doc/.wps); Markdown or plain text is needed here"),
    "file_doc_hint": ("请在 Word 或 WPS 中“另存为”纯文本（.txt，UTF-8 编码）后重试", "in Word or WPS, Save As plain text (.txt, UTF-8) and try again"),
    "file_pdf": ("是 PDF 文件，这里需要 Markdown 或纯文本", "is a PDF file; Markdown or plain text is needed here"),
    "file_pdf_hint": ("请从原始的 Word 文档另存为纯文本（.txt，UTF-8 编码）后重试", "save the original document as plain text (.txt, UTF-8) and try again"),
    "file_rtf": ("是 RTF 文档，这里需要 Markdown 或纯文本", "is an RTF document; Markdown or plain text is needed here"),
    "file_rtf_hint": ("请“另存为”纯文本（.txt，UTF-8 编码）后重试", "Save As plain text (.txt, UTF-8) and try again"),
    # drafts in Word and PDF (drafter.documents.word, .pdf, .office)
    "at_page_line": ("第{page}页第{line}行", "p. {page}, line {line}"),
    "unknown_fonts": ("没有叫“{fonts}”的字体方案", "there is no font profile called '{fonts}'"),
    "unknown_fonts_hint": ("可选 gb2312（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312）或 plain（宋体、仿宋、黑体、楷体）", "choose gb2312 (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) or plain (宋体, 仿宋, 黑体, 楷体)"),
    "bad_template": ("无法作为 Word 模板打开（{reason}）", "cannot be opened as a Word template ({reason})"),
    "bad_template_hint": ("请给出一个 .docx 文件（在 Word 或 WPS 中“另存为”Word 文档）", "give a .docx file (in Word or WPS: Save As a Word document)"),
    "comment_fact_where": ("{section}第{number}条", "{section}, fact {number}"),
    "comment_altered": ("与事实不符：事实为{figure}（{where}）", "differs from the facts: the fact says {figure} ({where})"),
    "comment_missing": ("事实中的{figure}在稿件中缺失（{where}）", "{figure} from the facts is missing from the draft ({where})"),
    "comment_unsupported": ("稿件中的{figure}没有出处", "{figure} in the draft comes from no fact"),
    "annotated": ("已写入带批注的副本 {path}（{count} 条批注）", "wrote an annotated copy to {path} ({count} comments)"),
    "annotate_not_docx": ("--annotate 需要 Word 草稿（.docx）", "--annotate needs a Word draft (.docx)"),
    "annotate_not_docx_hint": ("批注写在审核人自己的 Word 文件的副本里；其他格式请用 --format html", "the comments go into a copy of the reviewer's own Word file; for other drafts use --format html"),
    "report_written": ("报告已写入 {path}", "report written to {path}"),
    "unknown_report_format": ("drafter 不会写 {suffix} 格式的报告", "drafter cannot write a report as {suffix}"),
    "unknown_draft_format": ("drafter 不会写 {suffix} 格式的草稿", "drafter cannot write a draft as {suffix}"),
    "unknown_draft_format_hint": ("请用这些扩展名之一：{choices}", "use one of these extensions: {choices}"),
    "export_changed_figures": ("写出的 Word 文件与草稿的数字不一致（缺少：{lost}；多出：{added}），没有写入", "the Word file's figures differ from the draft's (lost: {lost}; added: {added}), so it was not written"),
    "export_bug_hint": ("这是 drafter 的错误，请报告；草稿的 Markdown 全文如下，可先另存为 .md", "this is a bug in drafter, please report it; the draft's Markdown follows, save it as .md meanwhile"),
    "export_not_markdown": ("不是 Markdown 草稿；export 把 Markdown 草稿转成 Word", "is not a Markdown draft; export turns a Markdown draft into Word"),
    "export_not_markdown_hint": ("请给出 .md 草稿（drafter compose 写出的，或手写的）", "give a .md draft (one drafter compose wrote, or your own)"),
    "exported": ("已写出 {path}：{figures} 个数字，与草稿逐一相同", "wrote {path}: {figures} figures, each the same as in the draft"),
    "docx_damaged": ("Word 文件已损坏，无法读取", "the Word file is damaged and cannot be read"),
    "docx_damaged_hint": ("请在 Word 或 WPS 中打开它并重新保存为 .docx 后重试", "open it in Word or WPS, save it again as .docx and try again"),
    "docx_too_large": ("Word 文件解压后过大（超过 32 MB），不像一份总结，没有读取", "the Word file unpacks to more than 32 MB, which is no summary; it was not read"),
    "docx_outside_body": ("脚注、尾注或批注中的数字没有核对（只核对正文和表格）", "figures in footnotes, endnotes or comments are not checked (only the body and its tables are)"),
    "docx_encrypted": ("Word 文件有密码保护，无法读取", "the Word file is password-protected and cannot be read"),
    "docx_encrypted_hint": ("请在 Word 或 WPS 中取消密码后另存一份再核对", "remove the password in Word or WPS, save a copy and check that"),
    "tracked_changes": ("文件中有 {count} 处修订，按全部接受修订后的文字核对", "the file has {count} tracked changes; it is checked as if all were accepted"),
    "converted_with_libreoffice": ("旧版 Word/WPS 文件已用 LibreOffice 转换后核对", "the old Word/WPS file was converted with LibreOffice to be checked"),
    "no_libreoffice": ("是旧版 Word 或 WPS 文件（.doc/.wps），读取它需要 LibreOffice，但本机没有安装", "is an old Word or WPS file (.doc/.wps); reading it needs LibreOffice, which is not installed"),
    "no_libreoffice_hint": ("请在 Word 或 WPS 中“另存为”Word 文档（.docx）后重试，或安装 LibreOffice", "in Word or WPS, Save As a Word document (.docx) and try again, or install LibreOffice"),
    "libreoffice_timeout": ("LibreOffice 转换超过 {seconds} 秒仍未完成", "LibreOffice did not finish converting within {seconds} s"),
    "libreoffice_failed": ("LibreOffice 无法转换这个文件（{reason}）", "LibreOffice could not convert this file ({reason})"),
    "libreoffice_hint": ("请在 Word 或 WPS 中“另存为”Word 文档（.docx）后重试", "in Word or WPS, Save As a Word document (.docx) and try again"),
    "pdf_damaged": ("PDF 文件已损坏，无法读取", "the PDF file is damaged and cannot be read"),
    "pdf_damaged_hint": ("请重新导出 PDF，或直接核对原始的 Word 文件", "export the PDF again, or check the original Word file instead"),
    "pdf_encrypted": ("PDF 文件有密码保护，无法读取", "the PDF file is password-protected and cannot be read"),
    "pdf_encrypted_hint": ("请提供没有密码的 PDF，或直接核对原始的 Word 文件", "give a PDF without a password, or check the original Word file instead"),
    "pdf_no_text": ("PDF 没有文字层（可能是扫描件），无法核对其中的数字", "the PDF has no text layer (a scan?), so its figures cannot be checked"),
    "pdf_no_text_hint": ("请核对原始的 Word 文件，或先用 OCR 软件识别文字后另存为 .docx", "check the original Word file, or run OCR on it and save the result as .docx"),
    "pdf_pages_without_text": ("PDF 第 {pages} 页没有文字层（可能是扫描页），这些页上的数字没有核对", "PDF page(s) {pages} have no text layer (scanned?); figures on them are not checked"),
    "file_encrypted": ("是有密码保护的 Office 文件，这里需要 Markdown 或纯文本", "is a password-protected Office file; Markdown or plain text is needed here"),
    "file_encrypted_hint": ("请取消密码，另存为纯文本（.txt，UTF-8 编码）后重试", "remove the password and Save As plain text (.txt, UTF-8), then try again"),
    "file_xlsx": ("是 Excel 表格（.xlsx），这里需要 Markdown 或纯文本", "is an Excel workbook (.xlsx); Markdown or plain text is needed here"),
    "file_xlsx_hint": ("请把内容整理成要点，写入 .md 或 .txt 文件", "write the content as bullet points in a .md or .txt file"),
    "file_zip": ("是压缩包，这里需要 Markdown 或纯文本", "is a zip archive; Markdown or plain text is needed here"),
    "file_zip_hint": ("请先解压，再给出其中的文本文件", "unpack it and give the text file inside"),
    "heading_no_title": ("标题行没有标题", "heading has no title"),
    "heading_no_title_hint": ("请写成“## 主要工作”的形式", "write it as '## 主要工作'"),
    "section_merged": ("{where}：标题“{title}”在第 {line} 行已经出现过，两处的事实已合并为一个部分", "{where}: the heading '{title}' was already given at line {line}; the facts under both are read as one section"),
    "fact_before_heading": ("第一个部分标题之前就出现了事实", "a fact comes before any section heading"),
    "fact_before_heading_hint": ("请在第一条事实之前加上“## 主要工作”这样的标题", "put a heading such as '## 主要工作' above the first fact"),
    "empty_fact": ("空的事实", "empty fact"),
    "empty_fact_hint": ("请在“-”后写出事实，或删除这一行", "write the fact after the '-', or delete the line"),
    "unexpected_line": ("这一行应当是标题（## 主要工作）、事实（- …）或缩进的续行，实际是：{found}", "expected a heading ('## 主要工作'), a fact ('- …') or an indented continuation, found: {found}"),
    "unexpected_line_hint": ("事实以“- ”开头；接续上一条的行请缩进", "start facts with '- ', and indent lines that continue the previous fact"),
    "bad_meta_line": ("文件头应为“键: 值”的形式，实际是：{found}", "expected 'key: value' in the front matter, found: {found}"),
    "meta_twice": ("文件头中的“{key}”出现了两次", "front matter key '{key}' is given twice"),
    "meta_unclosed": ("以“---”开始的文件头没有结束", "the front matter opened with '---' is never closed"),
    "not_representable": ("这些内容写入事实文件后会读成别的意思，没有保存", "this would read back differently from a facts file, so it was not saved"),
    "not_representable_hint": ("请换一种写法（例如去掉标题末尾的 #）", "write it another way (e.g. without # at the end of a title)"),
    "meta_unclosed_hint": ("请在文件头之后加一行“---”", "add a '---' line after it"),
    "meta_unclosed_before_hint": ("请在第 {line} 行之前加一行“---”，结束文件头", "add a '---' line before line {line} to close it"),
    "no_facts": ("没有可以起草的事实", "has no facts to draft"),
    "no_facts_hint": ("请在部分标题下添加事实（- …）", "add facts ('- …') under a section heading"),
    "nothing_to_check": ("没有事实，无法核对", "has no facts, so there is nothing to check"),
    "no_figures_to_check": ("事实中没有数字，无法核对", "gives no figures, so there is nothing to check"),
    "nothing_to_check_hint": ("请给出写有事实（含数字）的事实文件：## 标题 下的 - 要点", "give the facts file with the facts (and their figures): '- …' bullets under '## …' headings"),
    # drafts
    "unsaved_draft": ("草稿没有写入文件，全文如下（标准输出）：", "The draft was not written to a file; here it is, on standard output:"),
    "no_draft_file": ("没有这个草稿文件", "no such draft file"),
    "check_path": ("请检查路径", "check the path"),
    "draft_is_directory": ("这是一个文件夹，不是草稿", "is a directory, not a draft"),
    "draft_unreadable": ("无法读取草稿（{reason}）", "cannot read the draft ({reason})"),
    # writing files (drafter.documents.files)
    "disk_full": ("磁盘已满，文件没有写入", "the disk is full; the file was not written"),
    "disk_full_hint": ("请腾出磁盘空间（或换一个文件夹）后重试；已完成的内容没有丢失", "free some disk space (or choose another folder) and try again; nothing finished is lost"),
    "output_is_directory": ("这是一个文件夹，不能作为输出文件", "is a folder, not a file to write"),
    "output_is_directory_hint": ("请给出文件名，例如 --out 文件夹/草稿.md", "give a file name, e.g. --out folder/draft.md"),
    "output_not_writable": ("无法写入（{reason}）", "cannot be written ({reason})"),
    "output_not_writable_hint": ("请检查文件夹是否存在、是否有写权限，或用 --out 换一个位置", "check that the folder exists and is writable, or choose another place with --out"),
    "write_failed": ("写入失败（{reason}）", "writing failed ({reason})"),
    "output_is_input": ("{output} 与 {other} 是同一个文件：写入会覆盖它", "{output} is the same file as {other}: writing would replace it"),
    "output_is_input_hint": ("请为输出另选一个文件名", "choose another file name for the output"),
    "draft_locked": ("另一个 drafter 正在写这份草稿（{holder}）", "another drafter run is writing this draft ({holder})"),
    "draft_locked_hint": ("请等它结束后再运行，或加 --wait 排队等待；也可以用 --out 写到另一个文件", "run again when it has finished, or add --wait to wait for it; or write elsewhere with --out"),
    "waiting_for_lock": ("另一个 drafter 正在写这份草稿（{holder}），等待它结束…", "another drafter run is writing this draft ({holder}); waiting for it to finish…"),
    # models
    "retry_timeout": ("{seconds} 秒内没有应答", "no answer within {seconds} s"),
    "retry_connect": ("无法连接（{detail}）", "cannot connect ({detail})"),
    "retry_rate": ("请求过于频繁（429）：{detail}", "rate limited (429): {detail}"),
    "retry_server": ("服务器错误（{status}）：{detail}", "server error ({status}): {detail}"),
    "retry_cut": ("返回的数据流在结束前中断", "the response stream was cut before its end"),
    "retry_no_choices": ("返回中没有结果", "the response had no choices"),
    "retry_stream_error": ("端点报告了错误：{detail}", "the endpoint reported an error: {detail}"),
    "gave_up": ("{reason}（共尝试 {attempts} 次）", "{reason} (after {attempts} attempts)"),
    "gave_up_once": ("{reason}", "{reason}"),
    "retry_deadline": ("{seconds} 秒内没有答完", "not answered in full within {seconds} s"),
    "retry_bad_reply": ("端点的回复无法读取（{detail}）", "the endpoint's reply cannot be read ({detail})"),
    "retry_not_http": ("端点的回复不是 HTTP（{detail}）：地址是否指向了别的服务？", "the endpoint's reply is not HTTP ({detail}): does the address point at another service?"),
    "gave_up_hint": ("请检查端点是否在运行、是否过载（可运行 drafter doctor）；响应较慢时可在 drafter.toml 中调大 retries 或 timeout", "check that the endpoint is up and not overloaded (drafter doctor); raise retries or timeout in drafter.toml if it is slow"),
    "key_rejected": ("API 密钥被拒绝（401）", "the API key was rejected (401)"),
    "key_rejected_hint": ("请检查 OPENAI_API_KEY（或 api_key_env 指定的变量），以及密钥是否属于这个端点", "check OPENAI_API_KEY (or the variable api_key_env names) and that the key belongs to this endpoint"),
    "access_denied": ("没有访问权限（403）：{detail}", "access denied (403): {detail}"),
    "access_denied_hint": ("请检查密钥的权限", "check the key's permissions"),
    "model_not_found": ("找不到模型“{model}”或 API 路径（404）：{detail}", "model '{model}' or the API path was not found (404): {detail}"),
    "model_not_found_hint": ("请检查 --model（drafter doctor 会列出端点上的模型），以及 base_url 是否以 /v1 结尾", "check --model (drafter doctor lists the endpoint's models) and that base_url ends in /v1"),
    "request_refused": ("请求被拒绝：{detail}", "the request was refused: {detail}"),
    "request_refused_hint": ("请检查模型名称和端点的文档；drafter doctor 可以测试端点", "check the model name and the endpoint's documentation; drafter doctor tests the endpoint"),
    "http_error": ("HTTP {status}：{detail}", "HTTP {status}: {detail}"),
    "no_model_file": ("没有这个模型文件", "no such model file"),
    "no_model_file_hint": ("请给出 .gguf 文件的路径：--model local:路径", "give the path of a .gguf file: --model local:PATH"),
    "local_not_installed": ("没有安装本地后端", "the local backend is not installed"),
    "local_not_installed_hint": ("pip install 'drafter-cli[local]'（预编译的 xllamacpp，无需编译器）", "pip install 'drafter-cli[local]' (the prebuilt xllamacpp wheel, no compiler needed)"),
    "local_load_failed": ("llama.cpp 无法加载模型（{detail}）", "llama.cpp could not load the model ({detail})"),
    "check_file": ("请检查文件", "check the file"),
    "context_overflow": ("请求超出了模型的上下文窗口（{window} token）", "the request exceeds the model's context window ({window} tokens)"),
    "context_overflow_hint": ("减少这一部分的事实，或用 --max-tokens 调小每次回答的上限，或换用上下文更大的模型（local 模型的窗口在 drafter.toml 中设 context_window）", "give this section fewer facts, lower --max-tokens, or use a model with a larger context (set context_window in drafter.toml for the model's real window)"),
    "context_full": ("本部分的提示词已占满模型的上下文窗口（{window} token），无法再请求", "this section's prompt alone fills the model's context window ({window} tokens)"),
}  # fmt: skip


@dataclass(frozen=True)
class Phrase:
    """A message not yet in a language: its key and values (which may be phrases themselves)."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str) -> str:
        words = Words(language)
        values = {k: v.text(language) if isinstance(v, Phrase) else v for k, v in self.values.items()}
        return words(self.key, **values)

    def __str__(self) -> str:
        return self.text("en")


def phrase(key: str, /, **values: Any) -> Phrase:
    return Phrase(key, values)


def language_of(text: str) -> str:
    """`zh` when the text has Chinese in it, else `en`: reports speak the facts' language."""
    return "zh" if any("\u4e00" <= char <= "\u9fff" for char in text) else "en"


class Words:
    """The messages of one language."""

    def __init__(self, language: str) -> None:
        self.language = "zh" if language == "zh" else "en"
        self._index = 0 if self.language == "zh" else 1

    def __getitem__(self, key: str) -> str:
        return MESSAGES[key][self._index]

    def __call__(self, key: str, /, **values: Any) -> str:
        return self[key].format(**values)
