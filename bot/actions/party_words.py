"""The words for the parties of an application, defined once for every reader of a reply: the
applicant (我, 本人, 俺, 阿拉), the spouse (对方, 老公, 我家那口子, 屋里厢), the man and the woman of the
couple (男方/女方: which party each is, the ID numbers tell), and the spouse in English. Each reader
builds its own pattern around them: a party said alone (household.py), before a name (parsing.py),
before what is said of its hukou (hukou_answers.py)."""

import re

# The applicant, longest first (我自己 before 我). 阿拉 is Shanghainese for 我/我们.
SELF_WORDS = r"申请人|我方|我自己|我|本人|自己|俺|阿拉"
# Nouns for the spouse, as the couple and their elders say them; Shanghainese 屋里厢 (my wife).
SPOUSE_WORDS = (
    r"对方|配偶|另一半|老婆|老公|爱人|妻子|丈夫|媳妇儿?|未婚妻|未婚夫|女朋友|男朋友|女友|男友|对象|先生|太太"
    r"|那位|那口子|老伴儿?|老头子|老太婆|屋里(?:厢|头|的)"
)
MALE_MARKS = r"男方|男的|新郎"
FEMALE_MARKS = r"女方|女的|新娘"
PARTY_MARK = re.compile(rf"{MALE_MARKS}|{FEMALE_MARKS}")
# The spouse in English, without the pronouns (she, he), which each reader adds where it means them.
SPOUSE_EN = r"wife|husband|spouse|fianc[eé]e?|partner|bride|groom|girlfriend|boyfriend"
