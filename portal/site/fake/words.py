"""Word pools of development-zone news, from which titles and bodies are composed."""

from zones.choices import Kind, Level


def pool(text):
    """A word pool written as one space-separated string, to keep this file short."""
    return text.split()


# The names a zone of each kind ends with, by level; weights say how common each kind is.
ZONE_KINDS = {
    Level.NATIONAL: [
        (Kind.ECONOMIC_TECH, 35, ["经济技术开发区"]),
        (Kind.HIGH_TECH, 25, ["高新技术产业开发区"]),
        (Kind.CUSTOMS, 25, ["综合保税区", "保税港区", "出口加工区", "保税物流园区"]),
        (Kind.BORDER, 5, ["边境经济合作区"]),
        (Kind.OTHER_NATIONAL, 10, ["旅游度假区", "台商投资区"]),
    ],
    Level.PROVINCIAL: [
        (Kind.ECONOMIC, 50, ["经济开发区"]),
        (Kind.HIGH_TECH_PARK, 15, ["高新技术产业园区"]),
        (Kind.INDUSTRIAL, 25, ["工业园区", "化工园区", "装备制造产业园", "食品产业园"]),
        (Kind.OTHER_PROVINCIAL, 10, ["现代服务业集聚区", "物流园区", "文化产业园区"]),
    ],
}
# About one zone in five is national, as in the catalogue.
LEVEL_WEIGHTS = {Level.NATIONAL: 20, Level.PROVINCIAL: 80}

SHORT_NAMES = {
    "经济技术开发区": "经开区",
    "高新技术产业开发区": "高新区",
    "综合保税区": "综保区",
    "经济开发区": "经开区",
    "高新技术产业园区": "高新园",
}

# Optional words between place and kind, so that many zones can share one city.
NAME_QUALIFIERS = ["", "", "", "临港", "滨江", "空港", "东部", "西部", "南部", "北部", "新城"]

INDUSTRIES = pool(
    "电子信息 生物医药 装备制造 新材料 新能源汽车 集成电路 人工智能 现代物流 食品加工 "
    "纺织服装 精细化工 节能环保 航空航天 软件和信息服务 跨境电商 文化旅游 现代农业 智能制造 "
    "大数据 医疗器械 汽车及零部件 光伏 锂电池 轨道交通装备 冶金建材 家居制造 农副产品加工"
)

TAGS = pool(
    "复工复产 疫情防控 营商环境 招商引资 产业升级 科技创新 数字经济 绿色发展 高质量发展 "
    "项目建设 对外开放 外资外贸 自贸区 综合保税区 高新区 园区建设 人才培训 政策解读 协会会议 "
    "放管服改革 一网通办 智能制造 生物医药 集成电路 新能源汽车 新材料 现代物流 跨境电商 "
    "专精特新 民营经济 金融服务 减税降费 安全生产 节能减排 碳达峰碳中和 循环经济 产城融合 "
    "土地集约利用 考核评价 统计数据 国际合作 一带一路 长三角一体化 粤港澳大湾区 京津冀协同发展 "
    "成渝地区双城经济圈 黄河流域生态保护 东西部协作 飞地经济 孵化器"
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN_NAMES = pool(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 晓楠 玉红 传莹 "
    "志强 建华 海燕 文博 子涵 雨欣 浩然 思远 佳怡 俊杰 婷婷 晓东 国庆 建国 丹 鹏 宇 欣 琳"
)

MEDIA = pool("经济日报 人民日报 新华社 光明日报 中国经济网 第一财经 中国日报 国际商报 科技日报")
MINISTRIES = pool("国务院办公厅 商务部 科技部 国家发展改革委 自然资源部 工业和信息化部 海关总署")
ASSOCIATION_UNITS = ["中国开发区协会", "中国开发区协会秘书处", "中国开发区协会政策研究部"]

MEETINGS = [
    "招商引资推进会",
    "重点项目集中开工仪式",
    "优化营商环境工作会议",
    "安全生产专题会议",
    "经济运行分析会",
    "科技创新大会",
    "企业家座谈会",
    "人才工作会议",
    "产业链对接会",
    "年度工作总结表彰大会",
]
ASSOCIATION_EVENTS = [
    "召开第{term}届理事会第{session}次会议",
    "举办{year}年第{few}期开发区高质量发展培训班",
    "赴{place}开展{topic}专题调研",
    "发布{year}年度开发区综合发展水平评价报告",
    "组织会员单位参加{year}{place}投资贸易洽谈会",
    "与{place}签署{topic}战略合作协议",
    "在{place}召开{year}年{topic}研讨会",
]
TOPICS = [
    "营商环境",
    "产业链招商",
    "绿色低碳发展",
    "数字化转型",
    "开发区体制机制改革",
    "土地集约利用",
    "科技创新",
    "人才服务",
]
POLICIES = [
    "推进开发区创新提升打造改革开放新高地",
    "促进国家级经济技术开发区高质量发展",
    "支持国家高新技术产业开发区高质量发展",
    "推动综合保税区高水平开放高质量发展",
    "进一步优化外商投资环境",
    "加快发展数字经济",
    "开发区土地集约利用评价",
    "促进产业园区绿色低碳发展",
]
ACTIONS = [
    "优化营商环境",
    "深化“放管服”改革",
    "加快推进重点项目建设",
    "强化精准招商",
    "推动产业转型升级",
    "完善基础设施配套",
    "培育壮大新兴产业",
    "加强科技创新平台建设",
    "推进企业数字化转型",
    "提升对外开放水平",
    "深化产城融合",
    "强化土地和资金要素保障",
    "推动绿色低碳发展",
    "抓实安全生产",
    "做好疫情防控和复工复产",
    "延链补链强链",
    "打造一流人才生态",
]
HEADLINE_PHRASES = [
    "“保姆式”贴心服务 助推经济高速发展",
    "跑出项目建设“加速度”",
    "全力打造{industry}产业集群",
    "“一网通办”让企业少跑腿",
    "前{month}月主要经济指标稳中有进",
    "{industry}产业链再添新项目",
    "以“亩均论英雄”推动高质量发展",
    "“拿地即开工”按下项目建设快进键",
    "科技型企业数量突破{n}家",
    "外贸进出口额同比增长{pct}%",
]
RESULTS = [
    "取得了显著成效",
    "为全年目标任务的完成打下了坚实基础",
    "主要经济指标保持稳中有进的良好态势",
    "企业的获得感和满意度明显增强",
    "产业集聚效应进一步显现",
    "发展质量和效益稳步提升",
]
PRINCIPLES = [
    "坚持以项目建设为中心",
    "坚持稳中求进工作总基调",
    "坚持创新驱动发展战略",
    "坚持疫情防控和经济发展两手抓",
    "坚持招商引资“一号工程”",
    "坚持“发展为要、企业为先”",
]
LEADERS = ["党工委书记", "管委会主任", "管委会副主任", "党工委副书记", "分管负责同志"]
HEADING_WORDS = pool(
    "及早部署 广泛宣传 深入走访 服务企业 精准施策 助力发展 强化保障 压实责任 创新机制 "
    "优化服务 聚焦重点 补齐短板 多措并举 协同推进 凝聚合力 务求实效"
)
SENTENCES = [
    "近日，{zone}召开{meeting}，{leader}出席会议并讲话。",
    "今年以来，{zone}{principle}，{action}，{result}。",
    "{year}年，{zone}实现地区生产总值{big}亿元，同比增长{pct}%；规模以上工业增加值增长{pct2}%。",
    "截至{month}月底，{zone}累计引进{industry}项目{n}个，总投资{big}亿元。",
    "会议指出，要{action}，进一步{action2}，确保各项工作落到实处。",
    "下一步，{zone}将继续{action}，{action2}，奋力推动开发区高质量发展。",
    "据介绍，该项目总投资{big}亿元，主要建设{industry}生产线{n}条，达产后年产值可达{big2}亿元。",
    "为帮助企业解决实际困难，{zone}组建{n}个服务专班，深入企业开展“一对一”帮扶。",
    "目前，园区已集聚{industry}企业{n}家，其中高新技术企业{few}家，形成了较为完整的产业链。",
    "{leader}表示，要把{action}作为重中之重，以更大力度、更实举措推动工作落实。",
    "活动现场，共有{n}个项目集中签约，涉及{industry}、{industry2}等领域，签约总额{big}亿元。",
    "与会人员围绕{action}、{action2}等议题进行了深入交流，提出了许多建设性意见。",
]
POLICY_SENTENCES = [
    "近日，{ministry}印发《关于{policy}的意见》（以下简称《意见》），对{action}作出部署。",
    "《意见》提出，到{future}年，开发区{goal}。",
    "《意见》明确了{few}个方面的重点任务，包括{action}、{action2}、{action3}等。",
    "{ministry}有关负责人表示，将会同有关部门加强政策协同，抓好《意见》贯彻落实。",
    "各地开发区要结合实际制定具体实施方案，确保各项政策措施落地见效。",
]
ASSOCIATION_SENTENCES = [
    "会议由中国开发区协会{officer}主持，来自全国{n}家开发区和会员单位的代表参加会议。",
    "{officer}在讲话中指出，协会将围绕{action}，进一步做好服务会员、服务政府、服务行业工作。",
    "本次培训邀请了有关部委和高校的专家授课，内容涵盖{action}、{action2}等方面。",
    "与会代表结合本地区实际，就{action}等问题交流了经验做法。",
    "调研组实地走访了{few}家重点企业，详细了解企业生产经营情况和发展诉求。",
]
GOALS = [
    "综合实力和创新能力显著增强",
    "营商环境达到国际一流水平",
    "单位工业增加值能耗明显下降",
    "形成一批具有国际竞争力的产业集群",
]
OFFICERS = ["会长", "副会长", "秘书长", "副秘书长"]
# Title templates of each column genre (see `portal.site.fake.writer.column_genre`), weighted.
TITLES = {
    "zones": [
        ("{zone}：{phrase}", 2),
        ("{zone}召开{year}年{meeting}", 1),
        ("{zone}{action}见实效", 1),
    ],
    "media": [("{media}：{zone}{phrase}", 2), ("{media}关注{zone}{action}", 1)],
    "policy": [
        ("{ministry}印发《关于{policy}的意见》", 1),
        ("一图读懂《关于{policy}的意见》", 1),
        ("{province}出台{few}条措施{action}", 2),
        ("{province}印发《关于{policy}的实施意见》", 2),
        ("{ministry}：{year}年{topic}工作要点发布", 1),
    ],
    "association": [("中国开发区协会" + event, 1) for event in ASSOCIATION_EVENTS],
}
BODY_SENTENCES = {
    "zones": SENTENCES,
    "media": SENTENCES,
    "policy": POLICY_SENTENCES,
    "association": ASSOCIATION_SENTENCES,
}
CAPTIONS = ["项目建设现场", "园区全景", "企业生产车间", "会议现场", "签约仪式现场"]
