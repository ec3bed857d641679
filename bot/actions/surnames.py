"""Chinese surnames, to tell a bare answer that is a name from one that is a word. Data only.

TOP_100 is the Ministry of Public Security's ranking of the most common surnames (2020); the
others are further surnames from 百家姓 that people still carry. Surnames that are also everyday
words on their own (和, 那, 过, 来, 都…) are left out: a bare "都是" must not read as a name. A
name with a cue word ("我叫…") does not need a listed surname."""

TOP_100 = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚"
    "沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常"
)

MORE = (
    "汤庞乔柳左骆文安易樊康伍施牛洪尤葛宁柴翟齐季童鲁殷甘凌温欧祝包詹关盛辛申聂耿米单舒邢华解岳管柏卜颜倪纪"
    "毕钮邬涂蓝麦巫冉霍储房裴郎屈景喻项阮谷胥蒲尚苗路贝靳滕焦宗卫褚沙俞戚费岑祁窦边符桂阎艾鲍晏池简蔺虞商卓"
    "伏诸缪阳宫荣寇匡全郁仇栾连芦干隋席姬宿卞巩饶皮井车应封权谈晋楚丰刁蒙查奚湛游揭冷占惠屠党原官娄臧敖佘"
    "强凤郦柯嵇农利羊鞠禹幸练阙贲铁危蓟邴訾宦昌苑燕冀祖乐漆佟步宣巴麻綦蹇劳仝暴荆智仲晁谌仉佴郏莘璩劭"
    "邝桑邰戈梅盖瞿雍闻乜鄢宓蓬浦"
)

# Rarer surnames still carried today (亓雯, 芮欣, 朴智敏, 逄博), none an everyday word on its own: a
# two-character name needs a listed surname to be taken without a cue word.
RARE = (
    "亓眭厍郗芮逄禚笪蒯冼阚鄂扈昝殳琚亢隗甄妫邸郜竺闵钭糜郇逯虢芈蔚茅庹郄骞韶靖戎翁粟仵朴弓"
    "章萧傅穆狄裘荀羿汲庄赖贡郤慕茹庾暨衡弘禄沃夔隆融巢桓汝钦缑墨谯牟於酆廉伊"
)

COMPOUND = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "夏侯",
    "公孙",
    "端木",
    "宇文",
    "司徒",
    "申屠",
    "澹台",
    "南宫",
    "西门",
    "独孤",
    "呼延",
    "轩辕",
    "百里",
    "东郭",
    "拓跋",
    "司空",
    "闻人",
    "万俟",
    "赫连",
    "钟离",
    "宗政",
    "濮阳",
    "淳于",
    "太叔",
    "公冶",
    "仲孙",
    "乐正",
    "左丘",
    "公羊",
    "单于",
    "巫马",
    "第五",
    "羊舌",
    "梁丘",
    "谷梁",
    "亓官",
    "司寇",
    "子车",
    "颛孙",
    "壤驷",
    "公良",
    "漆雕",
)

# Surnames that are everyday words too (都是, 那个, 来了, 有的, 海边): not in SINGLE, so never taken
# for a name in passing; at the name's own question a two-character answer starting with one of
# them is a name unless it reads as a word (bot/actions/names.py: is_name).
WORDLIKE = frozenset(
    "都和那过来能有从代东花门开年红山水云海兰平喜福星春秋冬"
    # the rest of 百家姓's single surnames that are words too
    "时明成双元计支经吉滑曲家松富乌牧班仰厉束司薄印怀索咸籍阴苍扶堵宰寿通别充习鱼容古慎终居满国广越师勾空毋"
    "养须相后益公法帅况琴归哈爱伯赏言"
)

SINGLE = frozenset(TOP_100) | frozenset(MORE) | frozenset(RARE)
