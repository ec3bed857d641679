"""Fresh tables of answers as citizens type them to two form questions, written from the questions'
own texts (bot/domain/application.yml) before reading the readers or the older tables:

- utter_ask_spouse_name: 请告诉我对方（另一半）的姓名，也可以连同身份证号和手机号一起说。
- utter_ask_shanghai_hukou: 户口事项只适用于上海户籍。请问谁是上海户口？ (shanghai_hukou is a list
  of "applicant"/"spouse", CONTRACT §3; [] when neither has a Shanghai hukou)

Each answer is read twice: as the classifier should take it (inform) and as it might (another
intent, confidently), because the question just asked comes first either way; and each as the
channels deliver it (bot/channels/turn_guard.py: normalised, slips put right; English that is no
answer marked, which NLU turns into the intent other_language, bot/nlu/other_language.py)."""

from dataclasses import replace

import pytest

from bot.actions.parsing import Context, parse_message
from bot.channels.language import other_language
from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise


def read(text: str, ctx: Context):
    text = correct_slips(normalise(text))
    if other_language(text):
        ctx = replace(ctx, intent="other_language", confidence=1.0, answer_like=False)
    return parse_message(text, ctx)


HUSBAND_ID = "310104199403051211"  # the applicant's (male) in the male context
WIFE_ID = "310115199607091222"
WIFE_ID_2 = "320102199511201220"
HUSBAND_ID_2 = "340104199201081215"
UYGHUR_ID = "654101199805301220"

# The applicant answered first (name, ID, phone); the spouse's name is asked next.
MALE = {"applicant_name": "张伟", "applicant_id": HUSBAND_ID, "applicant_phone": "13812345678"}
FEMALE = {"applicant_name": "王静", "applicant_id": WIFE_ID, "applicant_phone": "13812345679"}
MATTERS = ["marriage_registration", "hukou_marital_status"]

# (answer, the spouse's name read from it; None: no name to take)
SPOUSE_NAMES_MALE = [
    # plain names, common surnames
    ("李娜", "李娜"),
    ("王芳", "王芳"),
    ("刘敏", "刘敏"),
    ("陈晓燕", "陈晓燕"),
    ("杨丽", "杨丽"),
    ("赵雪梅", "赵雪梅"),
    ("黄佳怡", "黄佳怡"),
    ("周婷", "周婷"),
    ("吴倩", "吴倩"),
    ("徐静怡", "徐静怡"),
    ("孙悦", "孙悦"),
    ("马丽", "马丽"),
    ("朱琳琳", "朱琳琳"),
    ("胡蝶", "胡蝶"),
    ("郭晶晶", "郭晶晶"),
    ("何平", "何平"),
    ("高洁", "高洁"),
    ("林雨欣", "林雨欣"),
    ("罗敏", "罗敏"),
    ("郑爽", "郑爽"),
    ("安然", "安然"),
    ("于洋", "于洋"),
    ("文静", "文静"),
    ("常乐", "常乐"),
    ("牛妞", "牛妞"),
    ("王一", "王一"),
    ("李想", "李想"),
    # compound surnames and double-barrelled names
    ("欧阳娜娜", "欧阳娜娜"),
    ("上官婉清", "上官婉清"),
    ("司马晓雯", "司马晓雯"),
    ("诸葛晓光", "诸葛晓光"),
    ("慕容雪", "慕容雪"),
    ("东方明月", "东方明月"),
    ("司徒静", "司徒静"),
    ("端木蓉蓉", "端木蓉蓉"),
    ("皇甫丽", "皇甫丽"),
    ("令狐佳", "令狐佳"),
    ("公孙丽华", "公孙丽华"),
    ("夏侯婷", "夏侯婷"),
    ("澹台明珠", "澹台明珠"),
    ("张李佳怡", "张李佳怡"),
    ("陈林嘉欣", "陈林嘉欣"),
    # rare surnames
    ("仉立新", "仉立新"),
    ("亓雯", "亓雯"),
    ("訾雪", "訾雪"),
    ("蒯小丽", "蒯小丽"),
    ("逄博雅", "逄博雅"),
    ("眭静", "眭静"),
    ("禚建华", "禚建华"),
    ("笪婷婷", "笪婷婷"),
    ("厍红", "厍红"),
    ("郗蕾", "郗蕾"),
    ("佘雨", "佘雨"),
    ("覃海燕", "覃海燕"),
    ("缪琳", "缪琳"),
    ("单晓敏", "单晓敏"),
    ("仇芳", "仇芳"),
    ("区倩仪", "区倩仪"),
    ("查文丽", "查文丽"),
    ("解晓东", "解晓东"),
    ("朴智敏", "朴智敏"),
    ("和晓丽", "和晓丽"),
    ("那日苏", "那日苏"),
    ("岑雪", "岑雪"),
    ("蔺萌", "蔺萌"),
    ("芮欣", "芮欣"),
    ("邬佳", "邬佳"),
    ("郦雯", "郦雯"),
    ("隋冬梅", "隋冬梅"),
    # surnames that are everyday words too, bare at the name's own question
    ("那英", "那英"),
    ("都敏", "都敏"),
    ("和静", "和静"),
    ("过伟", "过伟"),
    ("来娣", "来娣"),
    ("能静怡", "能静怡"),
    ("章子怡", "章子怡"),
    ("萧峰", "萧峰"),
    ("傅红", "傅红"),
    ("成龙", "成龙"),
    # a name, then how its first character is written
    ("都晓敏，首都的都", "都晓敏"),
    ("那日苏，那个的那", "那日苏"),
    ("来福生，来去的来", "来福生"),
    # a transliterated name with a comma or a space for its middle dot
    ("热依拉，阿不都拉", "热依拉·阿不都拉"),
    ("迪丽娜尔 阿不都拉", "迪丽娜尔·阿不都拉"),
    ("都是", None),
    ("那个", None),
    ("来了", None),
    ("有的", None),
    ("都行", None),
    ("那边", None),
    # minority names with a separator dot of any kind
    ("阿依古丽·吐尔逊", "阿依古丽·吐尔逊"),
    ("迪丽娜尔·阿不都拉", "迪丽娜尔·阿不都拉"),
    ("热依扎•买买提", "热依扎·买买提"),
    ("古丽米拉‧艾山", "古丽米拉·艾山"),
    ("努尔古丽．哈力克", "努尔古丽·哈力克"),
    ("阿依努尔・艾力", "阿依努尔·艾力"),
    ("帕提古丽.吾斯曼", "帕提古丽·吾斯曼"),
    ("她叫米日古丽 · 阿布都", "米日古丽·阿布都"),
    ("格桑卓玛", "格桑卓玛"),
    ("乌云其其格", "乌云其其格"),
    ("对方叫央金拉姆", "央金拉姆"),
    # relation words
    ("我老婆叫李娜", "李娜"),
    ("我爱人李娜", "李娜"),
    ("我爱人是周婷", "周婷"),
    ("我对象叫王芳", "王芳"),
    ("我对象王芳", "王芳"),
    ("未婚妻叫周婷", "周婷"),
    ("我未婚妻是欧阳娜娜", "欧阳娜娜"),
    ("另一半叫孙悦", "孙悦"),
    ("我的另一半是林雨欣", "林雨欣"),
    ("我媳妇儿叫刘敏", "刘敏"),
    ("媳妇叫陈晓燕", "陈晓燕"),
    ("我家那位叫吴倩", "吴倩"),
    ("我家那位 杨丽", "杨丽"),
    ("叫我们家的那个吴倩", "吴倩"),
    ("我们家那口子叫赵雪梅", "赵雪梅"),
    ("我女朋友叫钱多多", "钱多多"),
    ("女朋友是覃海燕", "覃海燕"),
    ("我太太是蒋丽", "蒋丽"),
    ("我老婆名字叫郭晶晶", "郭晶晶"),
    ("新娘叫杨紫涵", "杨紫涵"),
    ("配偶：李娜", "李娜"),
    ("配偶姓名 李娜", "李娜"),
    ("对方姓名：李娜", "李娜"),
    ("对方：徐静怡", "徐静怡"),
    ("另一半：马丽", "马丽"),
    # pronouns and 名字是 / 姓X名Y / 女士
    ("她叫李娜", "李娜"),
    ("她是李娜", "李娜"),
    ("她的名字是王芳", "王芳"),
    ("名字是王芳", "王芳"),
    ("名字叫朱琳琳", "朱琳琳"),
    ("名叫胡蝶", "胡蝶"),
    ("姓名：黄佳怡", "黄佳怡"),
    ("对方名字叫罗敏", "罗敏"),
    ("姓李名娜", "李娜"),
    ("姓李，名娜", "李娜"),
    ("姓欧阳名娜娜", "欧阳娜娜"),
    ("她姓张，叫张小燕", "张小燕"),
    ("姓周，单名一个婷字", "周婷"),
    ("李娜女士", "李娜"),
    ("对方是李娜女士", "李娜"),
    # spaces, full-width, trailing punctuation and emoji
    ("李 娜", "李娜"),
    ("王 晓 燕", "王晓燕"),
    ("李　娜", "李娜"),
    ("  她叫 李娜  ", "李娜"),
    ("欧阳 娜娜", "欧阳娜娜"),
    ("李娜。", "李娜"),
    ("李娜！", "李娜"),
    ("李娜!!", "李娜"),
    ("李娜～", "李娜"),
    ("李娜~~", "李娜"),
    ("李娜。。。", "李娜"),
    ("李娜😊", "李娜"),
    ("李娜🌹🌹", "李娜"),
    ("李娜 👍", "李娜"),
    ("李娜[微笑]", "李娜"),
    ("李娜哈", "李娜"),
    ("是李娜呀", "李娜"),
    ("叫李娜哦", "李娜"),
    ("她叫李娜呢", "李娜"),
    # traditional characters (read in simplified, as the normaliser writes them)
    ("陳麗華", "陈丽华"),
    ("我老婆叫劉曉燕", "刘晓燕"),
    ("對方叫黃美玲", "黄美玲"),
    ("她叫歐陽靜", "欧阳静"),
    # dictated, with voice slips and spelled-out characters
    ("她叫李娜，木子李，女字旁的娜", "李娜"),
    ("王芳 三横王 芳草的芳", "王芳"),
    ("吴倩，口天吴", "吴倩"),
    ("陈晓燕 耳东陈 春晓的晓 燕子的燕", "陈晓燕"),
    ("呃……她叫赵敏", "赵敏"),
    ("嗯 那个 我爱人叫孙丽", "孙丽"),
    ("额 她叫刘洋", "刘洋"),
    ("她叫李娜 不对 叫李娜娜", "李娜娜"),
    ("对方叫王芳，哦不，王芬", "王芬"),
    ("李娜 嗯 对 李娜", "李娜"),
    ("李娜李娜", "李娜"),
    ("李娜是她的名字", "李娜"),
    ("叫李娜的", "李娜"),
    ("她叫李娜哈", "李娜"),
    ("李娜喔", "李娜"),
    ("对方是一个叫李娜的女生", "李娜"),
    # polite fillers
    ("好的，她叫李娜", "李娜"),
    ("好的 李娜", "李娜"),
    ("嗯嗯 她叫周婷", "周婷"),
    ("好滴～对方是林雨欣", "林雨欣"),
    ("可以，叫孙悦", "孙悦"),
    ("行，王芳", "王芳"),
    ("ok 李娜", "李娜"),
    ("稍等，她叫陈晓燕", "陈晓燕"),
    ("哦哦 对方名字叫黄佳怡哈", "黄佳怡"),
    ("好的好的，我老婆叫郑爽", "郑爽"),
    ("麻烦了，她叫何平", "何平"),
    # the applicant's own name again, then the spouse's
    ("我叫张伟，我老婆叫李娜", "李娜"),
    ("我是张伟，她是李娜", "李娜"),
    ("张伟，李娜", "李娜"),
    ("张伟和李娜", "李娜"),
    ("我张伟，对方李娜", "李娜"),
    ("男方张伟，女方李娜", "李娜"),
    ("女方李娜，男方张伟", "李娜"),
    ("男方是我，女方叫周婷", "周婷"),
    ("女方：欧阳娜娜", "欧阳娜娜"),
    ("新郎张伟 新娘李娜", "李娜"),
    # in English, from a citizen who writes English first
    ("Her name is Anna Schmidt", "Anna Schmidt"),
    ("My wife is Li Na", "Li Na"),
    ("She is Maria Garcia", "Maria Garcia"),
    ("my wife's name is Sophie Martin", "Sophie Martin"),
    ("She's called Li Na", "Li Na"),
    ("She is called Wang Fang", "Wang Fang"),
    ("The name is Anna Lee", "Anna Lee"),
    ("Spouse name: Wang Fang", "Wang Fang"),
    ("She is Wang Fang.", "Wang Fang"),
    ("My wife Wang Fang", "Wang Fang"),
    ("Wang Fang is my wife", "Wang Fang"),
    ("Her full name is Ouyang Nana", "Ouyang Nana"),
    ("My wife: Wang Fang (王芳)", "王芳"),
    # Shanghainese and elderly words for the spouse, and more cue words
    ("伊叫孙秀英", "孙秀英"),
    ("伊是孙秀英", "孙秀英"),
    ("阿拉老婆叫孙秀英", "孙秀英"),
    ("我家老太婆叫孙秀英", "孙秀英"),
    ("我屋里厢叫孙秀英", "孙秀英"),
    ("准新娘孙秀英", "孙秀英"),
    ("我准老婆孙秀英", "孙秀英"),
    ("大名孙秀英，小名秀秀", "孙秀英"),
    # no name to take
    ("我老婆", None),
    ("好的", None),
    ("等一下我问问她", None),
    ("她姓王", None),
]

SPOUSE_NAMES_FEMALE = [
    ("陈浩", "陈浩"),
    ("吴建国", "吴建国"),
    ("我老公叫郑凯", "郑凯"),
    ("老公是冯军", "冯军"),
    ("我先生叫蒋涛", "蒋涛"),
    ("我未婚夫叫陈浩", "陈浩"),
    ("未婚夫是上官云飞", "上官云飞"),
    ("我男朋友叫赵磊", "赵磊"),
    ("男朋友 诸葛明", "诸葛明"),
    ("我家那位叫吴建国", "吴建国"),
    ("叫我们家的那个吴建国", "吴建国"),
    ("我们家那个叫许强", "许强"),
    ("我男人叫许强", "许强"),
    ("孩子他爸叫刘洋", "刘洋"),
    ("我爱人叫韩磊", "韩磊"),
    ("新郎是秦朗", "秦朗"),
    ("他叫陈浩", "陈浩"),
    ("他是吴建国", "吴建国"),
    ("他的名字叫欧阳锋", "欧阳锋"),
    ("陈浩先生", "陈浩"),
    ("对方是陈浩先生", "陈浩"),
    ("姓陈名浩", "陈浩"),
    ("他姓王，叫王建国", "王建国"),
    ("男方陈浩", "陈浩"),
    ("男方：宇文泰然", "宇文泰然"),
    ("男方叫买买提·艾力", "买买提·艾力"),
    ("他叫阿卜杜热合曼·艾海提", "阿卜杜热合曼·艾海提"),
    ("扎西顿珠", "扎西顿珠"),
    ("巴特尔", "巴特尔"),
    ("我叫王静，我老公叫陈浩", "陈浩"),
    ("王静 陈浩", "陈浩"),
    ("男方陈浩，女方王静", "陈浩"),
    ("女方是我王静，男方叫吴建国", "吴建国"),
    ("好的，他叫吴建国", "吴建国"),
    ("嗯，他叫刘洋 刘备的刘 海洋的洋", "刘洋"),
    ("他叫張偉強", "张伟强"),
    ("我老公叫仉立军", "仉立军"),
    ("逄建国", "逄建国"),
    ("牛犇", "牛犇"),
    ("他叫高峰😄", "高峰"),
]

# (answer, name, ID number, phone): given together, each goes to its own slot.
SPOUSE_WITH_NUMBERS_MALE = [
    (f"李娜 {WIFE_ID} 13987654321", "李娜", WIFE_ID, "13987654321"),
    (f"李娜，身份证{WIFE_ID}，手机13987654321", "李娜", WIFE_ID, "13987654321"),
    (f"对方 李娜 身份证号{WIFE_ID} 电话13987654321", "李娜", WIFE_ID, "13987654321"),
    (f"我老婆叫周婷，身份证号码是{WIFE_ID_2}，手机号13700001111", "周婷", WIFE_ID_2, "13700001111"),
    (f"李娜{WIFE_ID}", "李娜", WIFE_ID, None),
    ("李娜13987654321", "李娜", None, "13987654321"),
    (f"{WIFE_ID} 李娜", "李娜", WIFE_ID, None),
    (f"姓名：李娜\n身份证：{WIFE_ID}\n手机：13987654321", "李娜", WIFE_ID, "13987654321"),
    (f"她叫古丽米拉·艾山，身份证{UYGHUR_ID}", "古丽米拉·艾山", UYGHUR_ID, None),
    (f"好的，她叫欧阳娜娜，{WIFE_ID_2}，13600002222。", "欧阳娜娜", WIFE_ID_2, "13600002222"),
    (f"李 娜  {WIFE_ID}", "李娜", WIFE_ID, None),
    (f"Her name is Wang Fang, ID {WIFE_ID}, phone 13987654321", "Wang Fang", WIFE_ID, "13987654321"),
    (f"李娜 ID {WIFE_ID}", "李娜", WIFE_ID, None),
    ("我爱人李娜，电话 139 8765 4321", "李娜", None, "13987654321"),
]

SPOUSE_WITH_NUMBERS_FEMALE = [
    (f"陈浩 {HUSBAND_ID_2} 13511112222", "陈浩", HUSBAND_ID_2, "13511112222"),
    (f"我老公叫吴建国，身份证{HUSBAND_ID_2}，手机13511112222", "吴建国", HUSBAND_ID_2, "13511112222"),
    (f"男方陈浩，身份证号：{HUSBAND_ID_2}", "陈浩", HUSBAND_ID_2, None),
]

BOTH = ["applicant", "spouse"]
ME = ["applicant"]
THEM = ["spouse"]
NONE = []

# (answer to 谁是上海户口, the list read; "unread" when there is nothing to take)
HUKOU_MALE = [
    # the buttons and their short forms
    ("双方都是上海户口", BOTH),
    ("只有我是上海户口", ME),
    ("只有对方是上海户口", THEM),
    ("双方都是", BOTH),
    ("只有我是", ME),
    ("只有对方是", THEM),
    ("双方", BOTH),
    ("都是", BOTH),
    ("都不是", NONE),
    ("只有我", ME),
    ("只有对方", THEM),
    # who, by pronoun or relation
    ("我是", ME),
    ("我", ME),
    ("我自己", ME),
    ("本人", ME),
    ("本人是上海户籍", ME),
    ("他是", THEM),
    ("她是", THEM),
    ("她是的", THEM),
    ("她", THEM),
    ("对方是", THEM),
    ("我老婆", THEM),
    ("我老婆是", THEM),
    ("老婆是上海户口", THEM),
    ("我爱人是上海户口", THEM),
    ("只有我老婆是", THEM),
    ("就我是", ME),
    ("就我一个", ME),
    ("就她", THEM),
    ("仅本人", ME),
    ("我们俩", BOTH),
    ("我俩都是", BOTH),
    ("我们都是", BOTH),
    ("两个都是", BOTH),
    ("两个人都是上海的", BOTH),
    ("俩人都是", BOTH),
    ("全是", BOTH),
    ("都有", BOTH),
    ("都有上海户口", BOTH),
    ("都是上海的", BOTH),
    ("都上海", BOTH),
    ("我们都上海户口", BOTH),
    ("我和我老婆都是", BOTH),
    ("我跟她都是", BOTH),
    ("我们两个人都是上海户口的", BOTH),
    ("我们两个都在上海落户的", BOTH),
    ("我们俩去年都落户上海了", BOTH),
    ("我是，她也是", BOTH),
    ("我是上海人，她也是", BOTH),
    ("她是上海户口，我也是", BOTH),
    ("对，都是", BOTH),
    ("是的，双方都是", BOTH),
    # one is, the other is not
    ("我是上海的她是安徽的", ME),
    ("我沪籍她外地", ME),
    ("我是上海户口，她不是", ME),
    ("我是的，她不是", ME),
    ("我是 对方不是", ME),
    ("我不是，她是", THEM),
    ("对方是，我不是", THEM),
    ("我是上海户口，我老婆是浙江户口", ME),
    ("我老婆上海户口 我江西的", THEM),
    ("我江西户口，她上海户口", THEM),
    ("我老婆是上海人，我不是", THEM),
    ("我本地，她外地", ME),
    ("我外地的，老婆本地", THEM),
    ("我本地户口", ME),
    ("我是上海户籍，对方是外省的", ME),
    ("我在上海有户口，她没有", ME),
    ("她在上海落户了，我还没", THEM),
    ("我去年落户上海了，她是外地的", ME),
    ("我户口在浦东", ME),
    ("我户口在浦东，她户口在江苏", ME),
    ("她户口在江苏，我是上海的", ME),
    ("我户口还在老家河南，老婆是上海户口", THEM),
    ("她户口在黄浦区，我在安徽", THEM),
    ("我是崇明的", ME),
    ("我们都是闵行的户口", BOTH),
    ("我户口刚迁来上海", ME),
    ("她户口上个月刚迁到上海", THEM),
    ("我是上海集体户口，她是外地的", ME),
    ("我是单位集体户口，在上海", ME),
    ("我是上海集体户口，她上海家庭户口", BOTH),
    ("男方上海户口，女方外地", ME),
    ("女方是上海的", THEM),
    ("一个是一个不是，我是", ME),
    ("我本市户口", ME),
    ("我们都是本市户籍", BOTH),
    ("我们都是沪籍", BOTH),
    ("阿拉两个侪是上海户口", BOTH),
    ("阿拉是上海人，伊是外地人", ME),
    ("伊是上海户口", THEM),
    ("伊上海户口", THEM),
    ("伊是上海人，我是外地人", THEM),
    ("阿拉侪是上海人", BOTH),
    ("阿拉两家头侪是上海户口", BOTH),
    ("皆是", BOTH),
    ("阿拉屋里厢是上海户口", THEM),
    ("我们只有一个是", "unread"),
    ("只有一个是，是我", ME),
    ("我是上海农村户口", ME),
    # settled in Shanghai (落户) counts, a 新上海人 too; still being done does not
    ("我是新上海人，落户了", ME),
    ("我们是新上海人，都落户了", BOTH),
    ("我已经落户上海，她还在办", ME),
    ("我是新上海人，去年落的户，她还没落户", ME),
    # by name (the applicant is 张伟, the spouse 李娜)
    ("李娜是上海户口", THEM),
    ("张伟是上海户口", ME),
    ("张伟是，李娜不是", ME),
    ("李娜是，我不是", THEM),
    ("张伟和李娜都是", BOTH),
    # a residence permit or a move is no Shanghai hukou yet
    ("我是上海户口，她有居住证", ME),
    ("我是上海的，她是外地的，准备把她户口迁过来", ME),
    ("我有上海居住证", "unread"),
    # neither
    ("都不是上海户口", NONE),
    ("两个都不是", NONE),
    ("我们都不是上海户口", NONE),
    ("都没有", NONE),
    ("都没有上海户口", NONE),
    ("我不是，她也不是", NONE),
    ("都是外地的", NONE),
    ("我们都是外地户口", NONE),
    ("没有人是", NONE),
    ("都外地", NONE),
    # typed loosely
    ("都是～", BOTH),
    ("都是😊", BOTH),
    ("都是的！", BOTH),
    ("都是滴", BOTH),
    ("只有我。", ME),
    ("我 是", ME),
    ("雙方都是上海戶口", BOTH),
    ("只有我是上海戶口", ME),
    ("對方是", THEM),
    ("都不是上海戶籍", NONE),
    ("嗯，只有我", ME),
    ("好的，我一个人是", ME),
    ("我是上海户口 她不是 额 对 她不是", ME),
    ("都是 哦不对 只有我是", ME),
    # in English
    ("my wife has Shanghai hukou, I don't", THEM),
    ("I have Shanghai hukou but my wife doesn't", ME),
    ("We both have Shanghai hukou", BOTH),
    ("Only my wife", THEM),
    ("none of us", NONE),
    ("I am from Shanghai, my wife is from Anhui", ME),
    ("My wife is a Shanghai local, I'm not", THEM),
    ("I do, she doesn't", ME),
    ("She does", THEM),
    ("Me and my wife", BOTH),
    ("I'm Shanghainese, she is from Jiangsu", ME),
    ("上海户口both", BOTH),
    ("both上海户口", BOTH),
    ("只有me", ME),
    # nothing to take
    ("不清楚", "unread"),
    ("户口是什么意思", "unread"),
]

HUKOU_FEMALE = [
    ("老公是上海户口", THEM),
    ("我老公是", THEM),
    ("只有我老公是", THEM),
    ("他是上海户口，我不是", THEM),
    ("我是上海的他是安徽的", ME),
    ("我沪籍他外地", ME),
    ("男方", THEM),
    ("女方", ME),
    ("男方上海户口，女方外地", THEM),
    ("我和我老公都是", BOTH),
    ("我先生是上海人，我是外地的", THEM),
    ("他户口在浦东，我户口在江苏", THEM),
    ("陈浩是上海户口", THEM),
    ("王静是上海户口，陈浩不是", ME),
]


def _context(requested: str, known: dict, confident_other: bool) -> Context:
    intent, confidence, answer_like = ("inform", 0.99, True) if not confident_other else ("out_of_scope", 0.95, False)
    return Context(
        requested,
        intent,
        confidence,
        MATTERS,
        [],
        {},
        answer_like,
        married=False,
        filled=frozenset({"matters", *known}),
        known={"matters": MATTERS, **known},
    )


MISREAD = [False, True]


@pytest.mark.parametrize("confident_other", MISREAD, ids=["inform", "other_intent"])
@pytest.mark.parametrize(
    "known, text, name",
    [(MALE, t, n) for t, n in SPOUSE_NAMES_MALE] + [(FEMALE, t, n) for t, n in SPOUSE_NAMES_FEMALE],
    ids=[t for t, _ in SPOUSE_NAMES_MALE] + [t for t, _ in SPOUSE_NAMES_FEMALE],
)
def test_spouse_name(known, text, name, confident_other):
    parsed = read(text, _context("spouse_name", known, confident_other))
    assert parsed.values.get("spouse_name") == name
    if name is None:  # nothing else was taken for the spouse either
        assert parsed.values.get("applicant_name") in (None, known["applicant_name"])


@pytest.mark.parametrize(
    "known, text, name, id_number, phone",
    [(MALE, *row) for row in SPOUSE_WITH_NUMBERS_MALE] + [(FEMALE, *row) for row in SPOUSE_WITH_NUMBERS_FEMALE],
    ids=[row[0] for row in SPOUSE_WITH_NUMBERS_MALE + SPOUSE_WITH_NUMBERS_FEMALE],
)
def test_spouse_name_with_numbers(known, text, name, id_number, phone):
    values = read(text, _context("spouse_name", known, False)).values
    assert values.get("spouse_name") == name
    assert values.get("spouse_id") == id_number
    assert values.get("spouse_phone") == phone
    assert values.get("applicant_name") in (None, known["applicant_name"])


SPOUSE_KNOWN = {"spouse_name": "李娜", "spouse_id": WIFE_ID, "spouse_phone": "13987654321"}
HUSBAND_KNOWN = {"spouse_name": "陈浩", "spouse_id": HUSBAND_ID_2, "spouse_phone": "13511112222"}


@pytest.mark.parametrize("confident_other", MISREAD, ids=["inform", "other_intent"])
@pytest.mark.parametrize(
    "known, text, expected",
    [(MALE | SPOUSE_KNOWN, t, e) for t, e in HUKOU_MALE] + [(FEMALE | HUSBAND_KNOWN, t, e) for t, e in HUKOU_FEMALE],
    ids=[t for t, _ in HUKOU_MALE] + [t for t, _ in HUKOU_FEMALE],
)
def test_shanghai_hukou(known, text, expected, confident_other):
    values = read(text, _context("shanghai_hukou", known, confident_other)).values
    if expected == "unread":
        assert "shanghai_hukou" not in values
    else:
        assert sorted(values.get("shanghai_hukou") or []) == expected and "shanghai_hukou" in values


# The hukou said inside an efficient citizen's one message at the first form question (not asked
# yet): labelled "上海户口…" or said of each party next to the hukou.
BUNDLE = (
    f"我叫张伟，身份证{HUSBAND_ID}，手机13812345678；对方叫李娜，身份证{WIFE_ID}，手机13987654321；"
    "在浦东新区登记，下周三去；"
)
HUKOU_IN_A_BUNDLE = [
    ("上海户口都是", BOTH),
    ("上海户口只有我", ME),
    ("上海户口我是，她不是", ME),
    ("上海户口李娜是", THEM),
    ("上海户口都不是", NONE),
    ("上海户口伊是上海人，我是外地人", THEM),
    ("我是上海户口，她是外地的", ME),
    ("我沪籍她外地", ME),
    ("上海户口只有我；对方迁到我家，户主叫张伟，户主同意", ME),
]


@pytest.mark.parametrize("said, expected", HUKOU_IN_A_BUNDLE, ids=[s for s, _ in HUKOU_IN_A_BUNDLE])
def test_hukou_in_a_bundle(said, expected):
    ctx = Context("applicant_name", "inform", 0.99, MATTERS, [], {}, True, False, frozenset({"matters"}))
    values = read(BUNDLE + said, ctx).values
    assert values.get("shanghai_hukou") == expected
    assert (values.get("applicant_name"), values.get("spouse_name")) == ("张伟", "李娜")


def test_a_place_said_in_passing_is_no_name():
    ctx = Context("applicant_name", "inform", 0.99, MATTERS, [], {}, True, False, frozenset({"matters"}))
    assert read("我叫张伟，我是上海人，想和外地的老婆结婚", ctx).values.get("applicant_name") == "张伟"
