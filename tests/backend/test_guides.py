"""Guides as data: every file loads and covers the six aspects; broken files name themselves;
search ranks the right matter and aspect first; the checklist lists each material once."""

import shutil
from urllib.parse import urlparse

import pytest

from backend.config import get_settings
from backend.guides.checklist import build_checklist
from backend.guides.loader import GuideError, get_library, load_library
from backend.guides.schemas import Aspect
from backend.guides.search import get_index
from backend.guides.sections import find_section, get_sections
from backend.matters.catalog import Matter
from tests.backend.guide_questions_heldout import HELDOUT_QUESTIONS, MIG, B, H, M
from tests.backend.guide_questions_heldout2 import HELDOUT2_QUESTIONS
from tests.backend.guide_questions_heldout3 import HELDOUT3_QUESTIONS
from tests.backend.guide_questions_heldout4 import HELDOUT4_QUESTIONS
from tests.backend.guide_questions_stranger import STRANGER_QUESTIONS
from tests.backend.guide_questions_stranger3 import STRANGER3_QUESTIONS
from tests.backend.guide_questions_stranger4 import STRANGER4_QUESTIONS
from tests.backend.guide_questions_stranger5 import STRANGER5_QUESTIONS
from tests.backend.guide_questions_stranger6 import STRANGER6_QUESTIONS

# The search quality set: questions -> (matter or "bundle", aspect) that must rank first.
# Questions that name the matter in the guides' own words.
NAMED_QUESTIONS = [
    ("结婚登记要带什么", M, "materials"),
    ("领证需要准备哪些材料", M, "materials"),
    ("扯证要户口本吗", M, "materials"),
    ("领结婚证要不要带照片", M, "materials"),
    ("结婚登记要钱吗", M, "fees"),
    ("领证收费不", M, "fees"),
    ("结婚证工本费多少钱", M, "fees"),
    ("领证当天能拿到证吗", M, "time_limit"),
    ("结婚登记要提前多久预约", M, "time_limit"),
    ("结婚登记在哪里办", M, "location"),
    ("外地户口能在上海领证吗", M, "location"),
    ("婚姻登记处地址在哪", M, "location"),
    ("多大年龄可以结婚", M, "conditions"),
    ("男的几岁才能领证", M, "conditions"),
    ("一方不能到场可以代办结婚登记吗", M, "conditions"),
    ("结婚登记流程是怎样的", M, "process"),
    ("领证的步骤", M, "process"),
    ("婚姻状况变更要什么材料", H, "materials"),
    ("未婚改已婚需要结婚证原件吗", H, "materials"),
    ("户口本婚姻状况变更怎么办", H, "process"),
    ("改婚姻状况要跑派出所吗", H, "process"),
    ("婚姻状况变更收费吗", H, "fees"),
    ("婚姻状况变更多久能办好", H, "time_limit"),
    ("不是上海户口能改婚姻状况吗", H, "conditions"),
    ("婚姻状况变更在哪办", H, "location"),
    ("户口迁移需要什么条件", MIG, "conditions"),
    ("迁户口到老公家要带什么", MIG, "materials"),
    ("户主不同意能迁户口吗", MIG, "conditions"),
    ("外地户口能迁到老婆家吗", MIG, "conditions"),
    ("户口迁移要多长时间", MIG, "time_limit"),
    ("迁户口要钱吗", MIG, "fees"),
    ("户口迁移去哪个派出所办", MIG, "location"),
    ("迁户口的流程", MIG, "process"),
    ("生育登记要什么材料", B, "materials"),
    ("生娃要办生育登记吗 怎么办", B, "process"),
    ("生育登记收费吗", B, "fees"),
    ("生育登记几天能办完", B, "time_limit"),
    ("生育登记要跑到街道去吗", B, "location"),
    ("上海可以生几个孩子", B, "conditions"),
    ("产假有多少天", B, "conditions"),
    ("生育服务单怎么拿", B, "process"),
    ("怀孕了生育登记在哪办", B, "location"),
]

# Everyday questions as citizens type them, written before the search was reworked (issue 16):
# colloquial, elderly, typos, often without the matter's name. A question that implies no
# matter expects the bundle's section for its aspect.
EVERYDAY_QUESTIONS = [
    # marriage registration
    ("两个人都得去吗", M, "conditions"),
    ("我男朋友21岁能领证不", M, "conditions"),
    ("女的多大能扯证", M, "conditions"),
    ("老公在外地出差，能不能我一个人去登记", M, "conditions"),
    ("表哥表妹能结婚吗", M, "conditions"),
    ("离过婚的还能再登记结婚吗", M, "conditions"),
    ("我是二婚，领证有啥要求", M, "conditions"),
    ("让我妈帮我们去办结婚行不行", M, "conditions"),
    ("去登记结婚除了身份证还要别的不", M, "materials"),
    ("去民政局登记结婚得准备些什么东西", M, "materials"),
    ("结婚照要自己拍好带去还是现场拍", M, "materials"),
    ("领证还要户口薄吗", M, "materials"),
    ("扯证得拿哪些证件", M, "materials"),
    ("我儿子要结昏了要带什么东西", M, "materials"),
    ("扯个证要花多少钱", M, "fees"),
    ("领结婚证收钱不", M, "fees"),
    ("登记结婚要交费吗", M, "fees"),
    ("请问一下孙女领证要收费吗", M, "fees"),
    ("领证当场就能拿到本子吗", M, "time_limit"),
    ("预约结婚登记最早能约到哪天", M, "time_limit"),
    ("领证要等几天", M, "time_limit"),
    ("提前几天约领证", M, "time_limit"),
    ("民政局在哪儿领证", M, "location"),
    ("我们户口都在安徽，能在上海扯证吗", M, "location"),
    ("浦东的婚姻登记处在什么地方", M, "location"),
    ("领证去哪个区都行吗", M, "location"),
    ("领证是个什么流程", M, "process"),
    ("第一次结婚不懂，到了民政局要干嘛", M, "process"),
    ("登记结婚先干啥后干啥", M, "process"),
    ("怎么预约领证", M, "process"),
    ("俺们俩都是外地的能在这儿登记不", M, "location"),
    # hukou: marital status
    ("结婚了户口本上还写着未婚咋改", H, "process"),
    ("户口本上婚姻状况要自己去改吗", H, "process"),
    ("领完证户口本婚姻那一栏怎么变", H, "process"),
    ("改户口本上的未婚要带什么", H, "materials"),
    ("婚姻状况变更要户口本原件不", H, "materials"),
    ("把户口上的未婚改成已婚要拿结婚证吗", H, "materials"),
    ("改婚姻状况收不收钱", H, "fees"),
    ("户口本改已婚要钱不", H, "fees"),
    ("户口上改成已婚多久能改好", H, "time_limit"),
    ("变更婚姻状况当天能办完吗", H, "time_limit"),
    ("户籍上的婚姻状态啥时候更新", H, "time_limit"),
    ("改婚姻状况去哪个派出所", H, "location"),
    ("户口本上婚姻状况到哪里去改", H, "location"),
    ("我是外地户口老婆是上海的，婚姻状况谁去改", H, "conditions"),
    ("两个都不是上海户口能改婚姻状况吗", H, "conditions"),
    ("啥情况下能办户口婚姻状况变更", H, "conditions"),
    ("结婚证丢了还能把户口改成已婚吗", H, "conditions"),
    ("结婚以后户口本要改吗", H, "process"),
    # hukou: migration to the spouse's household
    ("我老公户口迁过来要啥", MIG, "materials"),
    ("媳妇的户口想迁到我家需要哪些东西", MIG, "materials"),
    ("户口迁到老公那边要带户口本吗", MIG, "materials"),
    ("投靠老公落户要准备啥材料", MIG, "materials"),
    ("把老婆户口迁到我这边有什么条件", MIG, "conditions"),
    ("外省的户口能随迁过来吗", MIG, "conditions"),
    ("我公公是户主，他不签字能迁吗", MIG, "conditions"),
    ("结婚后户口能不能迁到男方家", MIG, "conditions"),
    ("老婆户口迁过来要交钱吗", MIG, "fees"),
    ("迁户口收费不", MIG, "fees"),
    ("落户到配偶家要花钱不", MIG, "fees"),
    ("户口迁过来要多长时间", MIG, "time_limit"),
    ("迁户口大概几天能好", MIG, "time_limit"),
    ("老人家问问 户口迁移要多少天", MIG, "time_limit"),
    ("投靠配偶落户要等多久", MIG, "time_limit"),
    ("迁户口在哪里办手续", MIG, "location"),
    ("户口迁到老公家去哪个派出所", MIG, "location"),
    ("户口要迁过去得跑哪里", MIG, "location"),
    ("老公户口迁到我家怎么弄", MIG, "process"),
    ("婚后把户口迁到一起，步骤是什么", MIG, "process"),
    ("户口迁移怎么申请", MIG, "process"),
    ("我想把户口迁到我丈夫户口上 要怎么办", MIG, "process"),
    ("刚领了证，老婆户口怎么迁到我家", MIG, "process"),
    ("户口迁移要户主同意吗", MIG, "conditions"),
    # birth registration
    ("要宝宝需要先办什么证", B, "process"),
    ("准生证怎么办", B, "process"),
    ("准生正怎么弄", B, "process"),
    ("二胎的生育登记怎么弄", B, "process"),
    ("生孩子前要办啥手续", B, "process"),
    ("怀孕了要去哪登记", B, "location"),
    ("准生证在哪办", B, "location"),
    ("生育等记在哪办", B, "location"),
    ("生育登记要去社区吗", B, "location"),
    ("生育登记网上能办吗", B, "process"),
    ("我闺女怀孕了去哪里办登记", B, "location"),
    ("准生证要啥材料", B, "materials"),
    ("办生育登记要带结婚证吗", B, "materials"),
    ("怀孕了登记需要准备什么", B, "materials"),
    ("怀孕了办登记要交钱吗", B, "fees"),
    ("准生证收费吗", B, "fees"),
    ("生娃登记要多少钱", B, "fees"),
    ("生育登记多久能下来", B, "time_limit"),
    ("生育登记要几天", B, "time_limit"),
    ("准生证办下来要等多久", B, "time_limit"),
    ("生二胎要登记吗", B, "conditions"),
    ("上海能生三胎吗", B, "conditions"),
    ("没领证能办生育登记吗", B, "conditions"),
    ("产假能休几天", B, "conditions"),
    ("老公有几天育儿假", B, "conditions"),
    ("怀二胎了要办什么手续", B, "process"),
    ("生宝宝登记要本人去吗", B, "location"),
    # the bundle as a whole: no matter implied
    ("婚育一件事是啥", "bundle", "overview"),
    ("一件事都包括哪些事", "bundle", "overview"),
    ("结婚生孩子的事能一起办吗", "bundle", "overview"),
    ("能不能只领证别的不办", "bundle", "overview"),
    ("要花钱吗", "bundle", "fees"),
    ("这些一共要花多少钱", "bundle", "fees"),
    ("联办收不收费", "bundle", "fees"),
    ("在哪办", "bundle", "location"),
    ("去哪里办这个", "bundle", "location"),
    ("多久能办好", "bundle", "time_limit"),
    ("全部办完要多久", "bundle", "time_limit"),
    ("要带啥", "bundle", "materials"),
    ("一起办需要准备哪些证件", "bundle", "materials"),
    ("怎么申请", "bundle", "process"),
    ("办事的步骤是啥", "bundle", "process"),
    ("领完证还要跑派出所吗", "bundle", "process"),
    ("办到哪一步了怎么查", "bundle", "process"),
    ("啥人能办这个", "bundle", "conditions"),
    ("我能办吗", "bundle", "conditions"),
    ("一起办有啥要求", "bundle", "conditions"),
    # second batch, written after the first rework of search and before tuning on it
    ("我们俩不在一个城市，能分开去登记吗", M, "conditions"),
    ("要是女方才19岁呢，能登记吗", M, "conditions"),
    ("结婚登记需要双方父母到场吗", M, "conditions"),
    ("登记那天要准备几张寸照", M, "materials"),
    ("俺闺女要嫁人了，登记结婚要些啥子东西", M, "materials"),
    ("领证需要交多少费用", M, "fees"),
    ("领证花不花钱阿", M, "fees"),
    ("从约好到拿证大概多长", M, "time_limit"),
    ("想在老家领证可以吗，我们在上海工作", M, "location"),
    ("领证的地方怎么找", M, "location"),
    ("结婚登级在哪里", M, "location"),
    ("领证一般都是啥程序", M, "process"),
    ("网上预约领证怎么操作", M, "process"),
    ("户口本上那个婚姻状况，有啥要求才能改", H, "conditions"),
    ("婚后户口本信息变更需要什么手续", H, "process"),
    ("改户口本婚姻状况需要提交啥", H, "materials"),
    ("户口婚姻状况变更费用", H, "fees"),
    ("户口本上改已婚要几个工作日", H, "time_limit"),
    ("户口本改已婚要等好久", H, "time_limit"),
    ("户籍婚姻状况变更去哪个窗口", H, "location"),
    ("户口迁入男方家有没有什么限制", MIG, "conditions"),
    ("丈母娘是户主，要她同意才能迁吗", MIG, "conditions"),
    ("我是外地户口能迁进老公家吗", MIG, "conditions"),
    ("迁户口要准备哪些证明", MIG, "materials"),
    ("把户口迁到婆家需要交费吗", MIG, "fees"),
    ("户口迁移一般多少个工作日", MIG, "time_limit"),
    ("迁户口是在迁出地办还是迁入地办", MIG, "location"),
    ("婚后户口合并到一起怎么操作", MIG, "process"),
    ("我儿媳妇户口想迁过来 咋整", MIG, "process"),
    ("生孩子需要办什么登记", B, "process"),
    ("我老婆怀孕三个月了，现在该办啥", B, "process"),
    ("生育登记的办理方式", B, "process"),
    ("孙子媳妇生娃咋个登记", B, "process"),
    ("准生证现在还要吗", B, "conditions"),
    ("上海现在能生几个", B, "conditions"),
    ("没结婚能生孩子登记吗", B, "conditions"),
    ("生育登记要提交哪些东西", B, "materials"),
    ("生育登记需要带啥证件不", B, "materials"),
    ("办准生证要多少钱", B, "fees"),
    ("生育登记一般几个工作日办结", B, "time_limit"),
    ("生育登记在哪个部门办", B, "location"),
    ("生育登记是去医院办还是社区", B, "location"),
    ("这个联办要收费吗", "bundle", "fees"),
    ("需不需要交钱", "bundle", "fees"),
    ("一次性办好全部要多长时间", "bundle", "time_limit"),
    ("大概几天", "bundle", "time_limit"),
    ("这个服务在哪里能办", "bundle", "location"),
    ("需要准备什么资料", "bundle", "materials"),
    ("有什么办理条件", "bundle", "conditions"),
    ("哪些人可以申请", "bundle", "conditions"),
    ("办理流程是怎样的", "bundle", "process"),
    ("申请以后怎么知道办好了没", "bundle", "process"),
    ("这个婚育一件事具体能办啥", "bundle", "overview"),
    ("结婚和生育登记可以一次办完吗", "bundle", "overview"),
    # third batch: longer questions with context around them, written before tuning on them
    ("我和对象下个月想去领证，听说现在不用户口本了，是真的吗", M, "materials"),
    ("我今年58了，帮儿子问问，他们结婚登记得先在网上约吗", M, "process"),
    ("小两口都在外地上班，回上海登记要提前多少天约", M, "time_limit"),
    ("我女儿户口在上海，女婿是江苏的，他们能在上海民政局领证吗", M, "location"),
    ("领证那天俩人都要到吗，男方在国外回不来", M, "conditions"),
    ("结婚登记是免费的吗", M, "fees"),
    ("听说领证要拍合照，是自己带还是那边拍", M, "materials"),
    ("登记完当场发结婚证吗", M, "time_limit"),
    ("领证需不需要单位开证明", M, "materials"),
    ("我们都离过婚，再婚登记有什么不同吗", M, "conditions"),
    ("闺女结婚后，户口本上的婚姻状况会自动改吗", H, "process"),
    ("变更婚姻状况需要交钱吗", H, "fees"),
    ("户口本婚姻状况变更大概要几天", H, "time_limit"),
    ("户口本上婚姻状况更新要带些什么", H, "materials"),
    ("户口本上婚姻状况变更怎么个流程", H, "process"),
    ("谁有资格办户口婚姻状况变更", H, "conditions"),
    ("婚姻状况变更能在网上办不", H, "process"),
    ("结婚后想把媳妇户口落到我家，得满足啥条件", MIG, "conditions"),
    ("媳妇户口迁过来，户口本要带几本", MIG, "materials"),
    ("户口迁过来收不收手续费", MIG, "fees"),
    ("迁户口的话，派出所多久能批下来", MIG, "time_limit"),
    ("户口迁移要到哪个派出所去办", MIG, "location"),
    ("老婆的户口迁进来是先办什么", MIG, "process"),
    ("婆婆不同意我户口迁进去，还能迁吗", MIG, "conditions"),
    ("集体户口能迁到老公家吗", MIG, "conditions"),
    ("刚怀上，要去社区登记吗", B, "location"),
    ("生育登记要啥手续", B, "process"),
    ("生育登记要不要钱", B, "fees"),
    ("生二胎登记需要什么材料", B, "materials"),
    ("生育登记大概啥时候能办好", B, "time_limit"),
    ("办生育登记得去卫生院吗", B, "location"),
    ("第三个孩子还能登记吗", B, "conditions"),
    ("生育登记需要夫妻双方都去吗", B, "location"),
    ("生孩子登记网上怎么弄", B, "process"),
    ("产假是多少天", B, "conditions"),
    ("办这些一分钱都不要吗", "bundle", "fees"),
    ("整个办下来要几天", "bundle", "time_limit"),
    ("提交申请后多久有结果", "bundle", "time_limit"),
    ("要去哪些地方跑", "bundle", "location"),
    ("办联办要准备啥", "bundle", "materials"),
    ("什么人可以办婚育一件事", "bundle", "conditions"),
    ("婚育一件事怎么办理", "bundle", "process"),
    ("申请编号忘了怎么查进度", "bundle", "process"),
    ("不知道从哪开始办", "bundle", "process"),
    ("婚育一件事包括生育登记吗", "bundle", "overview"),
    # fourth batch: one per matter and aspect in words not yet in the vocabulary, written before tuning
    ("户口不在上海的人能办户口婚姻状况变更吗", H, "conditions"),
    ("没有房子能把户口迁过来吗", MIG, "conditions"),
    ("男方22岁女方20岁够不够", M, "conditions"),
    ("外国人能在这里领证吗", M, "conditions"),
    ("结婚登记对年龄有要求吗", M, "conditions"),
    ("未满二十岁的女孩能结婚不", M, "conditions"),
    ("生第三胎符合政策吗", B, "conditions"),
    ("领证需要户口簿不", M, "materials"),
    ("迁户口要户主写什么东西吗", MIG, "materials"),
    ("改婚姻状况得交结婚证复印件吗", H, "materials"),
    ("生育登记要出生证明吗", B, "materials"),
    ("领证是怎么个办法", M, "process"),
    ("迁户口的程序复杂不", MIG, "process"),
    ("婚姻状况变更的办理步骤", H, "process"),
    ("户口迁移花费大吗", MIG, "fees"),
    ("生育登记收多少", B, "fees"),
    ("婚姻状况变更要给钱不", H, "fees"),
    ("领证要排队很久吗", M, "time_limit"),
    ("迁户口多快能办完", MIG, "time_limit"),
    ("生育登记当天能好吗", B, "time_limit"),
    ("婚姻状况变更什么时候生效", H, "time_limit"),
    ("生育登记去哪个地方", B, "location"),
    ("户口迁移的办理地点在哪", MIG, "location"),
    ("婚姻状况变更不用去现场吧", H, "location"),
    ("登记结婚可以在户籍地以外办吗", M, "location"),
    ("联办的话费用怎么算", "bundle", "fees"),
    ("婚育一件事的流程", "bundle", "process"),
    ("婚育一件事要啥条件", "bundle", "conditions"),
    ("这几件事分别在哪办", "bundle", "location"),
    ("一件事办结要多久", "bundle", "time_limit"),
    ("婚育一件事要交哪些材料", "bundle", "materials"),
]

QUESTIONS = NAMED_QUESTIONS + EVERYDAY_QUESTIONS


def test_every_guide_loads_and_covers_six_aspects():
    lib = get_library()
    assert set(lib.matters) == set(Matter)
    for matter in Matter:
        for aspect in Aspect:
            section = find_section(matter.value, aspect.value)
            assert section is not None and section.text.strip(), (matter, aspect)
            assert section.source.startswith("依据：") and lib.matters[matter].version in section.source


def test_every_source_is_a_well_formed_url():
    lib = get_library()
    for guide in [lib.bundle, *lib.matters.values()]:
        for source in guide.sources:
            url = urlparse(str(source.url))
            assert url.scheme == "https" and "." in url.netloc, source.url
            assert source.supports.strip()


def test_sixteen_registry_offices_without_invented_addresses():
    lib = get_library()
    assert len(lib.offices()) == 16 == len(set(lib.districts()))
    text = find_section(M, "location").text
    assert "随申办" in text and "12345" in text
    assert "路" not in text.replace("路线", "")  # no street addresses


def test_verified_facts_are_stated(tmp_path):
    materials = find_section(M, "materials").text
    assert "居民身份证" in materials
    faq = " ".join(s.text for s in get_sections() if s.matter == M)
    assert "2025年5月10日" in faq and "户口簿" in faq
    assert "22周岁" in find_section(M, "conditions").text


@pytest.mark.parametrize(
    "mutation,words",
    [
        (
            ("materials:\n  - id: id_card", "materials:\n  - id: ID-CARD"),
            ["marriage_registration.yml", "materials.0.id"],
        ),
        (("fees: >-", "fees_typo: >-"), ["marriage_registration.yml", "fees"]),
        (("url: https://zwdt.sh.gov.cn/", "url: not a url"), ["marriage_registration.yml", "sources"]),
    ],
)
def test_broken_guide_fails_naming_file_and_field(tmp_path, mutation, words):
    target = tmp_path / "guides"
    shutil.copytree(get_settings().guides_dir, target)
    path = target / "marriage_registration.yml"
    text = path.read_text(encoding="utf-8")
    assert mutation[0] in text
    path.write_text(text.replace(mutation[0], mutation[1], 1), encoding="utf-8")
    with pytest.raises(GuideError) as exc:
        load_library(target)
    for word in words:
        assert word in str(exc.value)


@pytest.mark.parametrize(
    "questions,floor",
    [
        (NAMED_QUESTIONS, 0.95),
        (EVERYDAY_QUESTIONS, 0.9),
        (HELDOUT_QUESTIONS, 0.8),
        (HELDOUT2_QUESTIONS, 0.9),
        (STRANGER_QUESTIONS, 0.95),
        (HELDOUT3_QUESTIONS, 0.93),
        (HELDOUT4_QUESTIONS, 0.95),
        (STRANGER3_QUESTIONS, 0.95),
        (STRANGER4_QUESTIONS, 0.9),  # round 7: 93.3% minus 3 points
        (STRANGER5_QUESTIONS, 0.77),  # first sight 80.0% minus 3 points (its odd half read in round 8)
        (STRANGER6_QUESTIONS, 0.82),  # first sight 85.6% minus 3 points (misses never read)
    ],
    ids=[
        "named",
        "everyday",
        "heldout",
        "heldout2",
        "stranger",
        "heldout3",
        "heldout4",
        "stranger3",
        "stranger4",
        "stranger5",
        "stranger6",
    ],
)
def test_search_ranks_right_matter_and_aspect_first(questions, floor):
    assert len(NAMED_QUESTIONS) >= 40 and len(EVERYDAY_QUESTIONS) >= 120 and len(HELDOUT_QUESTIONS) >= 80
    assert len(HELDOUT2_QUESTIONS) >= 80 and len(STRANGER_QUESTIONS) >= 80 and len(HELDOUT3_QUESTIONS) >= 100
    assert len(HELDOUT4_QUESTIONS) >= 100 and len(STRANGER3_QUESTIONS) >= 90 and len(STRANGER4_QUESTIONS) >= 120
    assert len(STRANGER5_QUESTIONS) >= 160 and len(STRANGER6_QUESTIONS) >= 160
    index = get_index()
    misses = []
    for question, matter, aspect in questions:
        hits = index.search(question, limit=1).hits
        got = (hits[0].matter, hits[0].aspect) if hits else (None, None)
        if got != (matter, aspect):
            misses.append((question, matter, aspect, *got))
    accuracy = 1 - len(misses) / len(questions)
    assert accuracy >= floor, f"{accuracy:.0%}: {misses}"


def test_search_api_returns_ranked_sections(client):
    r = client.get("/api/v1/guides/search", params={"q": "结婚登记要带什么"})
    assert r.status_code == 200
    hit = r.json()["hits"][0]
    assert {"matter", "aspect", "text", "version", "source", "score"} <= set(hit)
    assert hit["matter"] == M and hit["aspect"] == "materials"


def test_four_matter_checklist_lists_each_material_once(client):
    r = client.get("/api/v1/guides/checklist", params={"matters": ",".join([M, H, MIG, B])})
    assert r.status_code == 200
    data = r.json()
    items = data["bring_to_registry"] + data["not_needed"] + data["on_notice"]
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))
    id_card = next(i for i in items if i["id"] == "id_card")
    assert id_card["when"] == "registry_visit" and set(id_card["matters"]) == {M, H, MIG, B}
    cert = next(i for i in items if i["id"] == "marriage_certificate")
    assert cert["when"] == "replaced"
    assert data["text"].count("居民身份证") == 1


def test_checklist_for_marriage_alone_has_no_hukou_booklet():
    checklist = build_checklist(get_library(), [Matter.marriage_registration])
    names = [i.name for i in checklist.bring_to_registry + checklist.on_notice + checklist.not_needed]
    assert "户口簿" not in names


def test_checklist_refuses_unknown_matters_in_chinese(client):
    r = client.get("/api/v1/guides/checklist", params={"matters": "divorce"})
    assert r.status_code == 422
    assert "无法识别" in r.json()["errors"][0]["message"]


def test_guide_endpoints(client):
    assert len(client.get("/api/v1/guides").json()) == 5
    assert client.get("/api/v1/guides/hukou_migration").json()["code"] == MIG
    assert client.get("/api/v1/guides/bundle").json()["code"] == "bundle"
    assert client.get("/api/v1/guides/divorce").status_code == 404


def test_section_endpoint_serves_one_aspect_with_its_source(client):
    r = client.get("/api/v1/guides/birth_registration/sections/fees")
    assert r.status_code == 200
    assert r.json()["aspect"] == "fees" and r.json()["source"].startswith("依据：生育登记办事指南")
    assert client.get("/api/v1/guides/divorce/sections/fees").status_code == 404
    bundle = client.get("/api/v1/guides/bundle/sections/fees").json()
    assert bundle["matter"] == "bundle" and bundle["source"].startswith("依据：婚育一件事办事指南")
    assert client.get("/api/v1/guides/birth_registration/sections/colour").status_code == 422


@pytest.mark.parametrize("q", ["啊", "的", "   "])
def test_a_query_of_stop_words_only_is_answered_not_a_500(client, q):
    r = client.get("/api/v1/guides/search", params={"q": q})
    assert r.status_code == 200 and r.json()["hits"] == []
