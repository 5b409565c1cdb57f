"""What figures count: the unit lexicon, unit families, and the words that look like units but are not.

A unit's *canonical* form is what the report shows and what matching compares (`万元` is `元` with the value
scaled, `位` is the person counter `名`); a *family* groups units a reviewer reads as the same quantity.
"""

from __future__ import annotations

# Chinese measure words and units, as they follow a number. Multi-character units must be listed whole so the
# longest one wins (`人次` before `人`, `个月` before `个`).
CHINESE_UNITS: tuple[str, ...] = (
    # money (万元/亿元 are a multiplier and 元)
    "元", "美元", "欧元", "港元", "日元", "英镑", "块钱",
    # people and households
    "名", "人", "位", "人次", "户", "家", "家次",
    # things and events
    "个", "份", "期", "次", "项", "件", "篇", "条", "所", "座", "台", "辆", "套", "场", "届", "批", "支",
    "床", "本", "册", "间", "栋", "幢", "张", "起", "例", "处", "组", "队", "部", "首", "幅", "封", "株",
    "棵", "头", "只", "匹", "箱", "袋", "瓶", "包", "桶", "盒", "对", "双", "轮", "号", "等奖", "门", "道",
    "面", "块", "根", "把", "枚", "盏", "片", "层", "级", "班", "节", "课时", "学时", "个班", "年级", "村",
    "种", "类", "方面", "条次", "件次", "户次", "车次", "架次", "余万", "班次", "航次", "艘次", "批次", "场次",
    "辆次", "家次", "台次", "户次", "人天",
    "课次", "门次", "诊次", "床位", "标准箱", "标箱", "成", "番", "连增", "连涨", "连降", "连跌", "连冠", "连胜",
    "金", "银", "铜", "金牌", "银牌", "铜牌", "横", "纵", "强", "星级", "连升", "连减",
    # time
    "年", "个月", "月", "天", "日", "小时", "分钟", "秒", "周", "周年", "个季度", "季度", "学期", "个工作日",
    "工作日",
    # measures
    "米", "公里", "千米", "厘米", "毫米", "平方米", "平米", "平方公里", "亩", "公顷", "吨", "千克", "公斤", "克",
    "斤", "升", "毫升", "立方米", "方", "度", "千瓦", "千瓦时", "兆瓦", "瓦", "伏", "千伏", "万千瓦",
    "个百分点", "百分点", "个千分点", "千分点", "分", "倍", "岁", "周岁", "GB", "TB", "MB",
)  # fmt: skip

# Units written with Latin letters or symbols, which may stick to the number: 10kg, 42℃, 35%.
SYMBOL_UNITS: tuple[str, ...] = (
    "%", "‰", "℃", "°C", "°", "kg", "km", "m²", "m2", "㎡", "m³", "cm", "mm", "kWh", "kW", "MW", "GB", "TB",
    "MB", "t", "m", "A级",
)  # fmt: skip

# English words that name a unit or currency; anything else after a number is read as the counted noun.
ENGLISH_UNITS: dict[str, str] = {
    "percent": "%",
    "per cent": "%",
    "dollar": "$",
    "dollars": "$",
    "usd": "$",
    "yuan": "元",
    "rmb": "元",
    "renminbi": "元",
    "degrees": "℃",
}

CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "$", "HK$": "港元", "$": "$", "¥": "元", "￥": "元", "€": "欧元", "£": "英镑", "RMB": "元",
    "USD": "$", "CNY": "元", "人民币": "元",
}  # fmt: skip

# The canonical unit each written unit is shown and compared as.
CANONICAL: dict[str, str] = {
    "块钱": "元",
    "位": "名",
    "人": "名",
    "°C": "℃",
    "平米": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "m³": "立方米",
    "kg": "千克",
    "公斤": "千克",
    "km": "公里",
    "千米": "公里",
    "百分点": "个百分点",
    "个季度": "季度",
    "工作日": "个工作日",
    "个班": "班",
    "t": "吨",
    "m": "米",
    "cm": "厘米",
    "mm": "毫米",
    "kW": "千瓦",
    "kWh": "千瓦时",
    "MW": "兆瓦",
    "percent": "%",
    "千分点": "个千分点",
    "周岁": "岁",
    "标箱": "标准箱",
    "金": "金牌",
    "银": "银牌",
    "铜": "铜牌",
}

# Units a reviewer reads as the same quantity when the number agrees (`42度` next to `42℃`).
FAMILIES: dict[str, str] = {"度": "℃", "°": "℃", "前…名": "第…名", "日": "天"}


def canonical_unit(unit: str) -> str:
    return CANONICAL.get(unit, unit)


def unit_family(unit: str) -> str:
    return FAMILIES.get(unit, unit)


# A lone 一 before these is an article ("进行了一次调查", "一支队伍"), not a count anyone would check.
ARTICLE_UNITS: frozenset[str] = frozenset(
    "个 次 种 项 件 批 支 座 场 份 片 道 类 名 位 套 条 年 天 家 方面 部 本 张 间 起 门 面 把 层 点 股 线 步"
    " 组 轮 群 段 阵 句 篇 首 幅 封 处 所 台 辆 棵 盏 只 头 双 对 队 届 期 周 声".split()
)

# Units that also begin place names and idioms (三台县, 一分局, 千方百计): after a Chinese numeral they count only
# when the next character ends the word.
WEAK_UNITS: frozenset[str] = frozenset(
    "分 台 门 方 面 道 头 块 把 片 层 级 班 节 对 双 首 只 米 度 克 斤 升 周 号 金 银 铜 横 纵 强".split()
)
WORD_ENDINGS: frozenset[str] = frozenset("的以上下左右余多和与及共之、，。；：！？,.;:!?”’）)」』 \n\t")

# A unit followed by these characters is the start of another word (十一期间, 户口, 处室), so it is no unit.
NOT_UNIT_BEFORE: dict[str, str] = {
    "期": "间待望限刊末",
    "人": "员民才们事大士均",
    "名": "称单义额字誉",
    "家": "庭属长乡园具电人",
    "年": "轻龄纪级度代",
    "天": "气然下津地",
    "次": "要序产",
    "度": "过",
    "场": "所地馆面合景",
    "条": "件例款",
    "位": "置于",
    "所": "以有在属得谓",
    "处": "理长室分置",
    "部": "门署分长队",
    "起": "来草点步",
    "本": "身来人地质",
    "间": "接",
    "届": "时",
    "份": "额",
    "批": "准示评",
    "组": "织成长建合",
    "队": "伍员长",
    "号": "召线楼院馆厅井机位令称",
    "级": "别",
    "户": "口籍",
    "项": "目",
    "周": "边围末",
    "节": "日约能假目",
    "门": "口",
    "班": "子组长",
    "分": "局公院会厂行店校社站中析配别管享类子布散裂担解支成批组段层头流工",
    "台": "阶风",
    "方": "面式案向针法便",
    "道": "路理德",
    "面": "对积向临",
    "头": "脑",
    "片": "区",
    "层": "面次",
    "对": "于象照",
    "支": "持援部出",
    "首": "先都长",
    "张": "贴",
    "只": "是要有能",
    "把": "握",
    "倍": "受",
    "元": "旦素",
    "包": "括",
    "套": "路",
    "成": "立为功果绩员本就效长熟交都品型套群败年人才份分绩",
    "番": "话外茄",
    "金": "额融属",
    "银": "行",
    "强": "化调制度大项",
    "横": "向",
    "纵": "向深",
}
