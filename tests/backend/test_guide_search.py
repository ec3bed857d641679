"""Guide search, piece by piece: the matter and aspect detectors, synonym expansion, the ranking
that prefers the detected matter × aspect, and the bundle's sections for questions naming no matter."""

import shutil

import pytest

from backend.config import get_settings
from backend.guides.aspect_model import AspectModel
from backend.guides.detect import QuestionReader, find_words, spoken_numbers
from backend.guides.loader import GuideError, get_library, load_library
from backend.guides.schemas import Aspect, Section, Vocabulary
from backend.guides.search import build_index, get_index
from backend.guides.sections import find_section
from backend.matters.catalog import Matter

MIG, H, M = "hukou_migration", "hukou_marital_status", "marriage_registration"


def _best(question: str) -> tuple[str | None, str | None]:
    reading = get_index().read(question)
    return max(reading.matters, key=reading.matters.get, default=None), max(
        reading.aspects, key=reading.aspects.get, default=None
    )


def test_the_longest_word_wins_where_words_overlap():
    words = {"户": ["户口迁移", "户口"], "迁": ["迁移"], "多": ["多久"]}
    assert [w for w, _ in find_words("户口迁移要多久", words)] == ["户口迁移", "多久"]


@pytest.mark.parametrize(
    "question,matter,aspect",
    [
        ("我老公户口迁过来要啥", MIG, "materials"),  # everyday words for both
        ("办完结婚登记户口迁入要多久", MIG, "time_limit"),  # marriage is only the occasion
        ("领证要几张照片", M, "materials"),
        ("照片在哪拍", M, "location"),  # a question word beats a topic (照片)
        ("婚姻状况变更能在网上办吗", H, "process"),  # a topic (网上: online is how) beats a way of asking (能…吗)
        ("外地人能办婚姻状况变更吗", H, "conditions"),  # …which decides only when nothing else does
        ("迁户口要等结婚证下来吗", MIG, "process"),  # waiting for a step first is the order of steps…
        ("户口本改已婚要等好久", H, "time_limit"),  # …waiting how long is a time limit
        ("生育登记在线上申请吗", "birth_registration", "process"),  # online is how one applies (the process sections)
        ("户口迁移还得去跑一趟吗", MIG, "process"),  # must I make a trip: no, it starts by itself
        ("户口迁移是先迁出还是先迁入", MIG, "process"),  # two steps in an order: the process lists them
        ("结婚登记先填表还是先拍照", M, "process"),
        ("改已婚是先去派出所还是先去民政局", H, "process"),  # the steps are named (a place), not asked
        ("先迁出再迁入要多久", MIG, "time_limit"),  # …but a time is no step
        ("户口迁移提交以后谁来审批", MIG, "process"),  # review is a step; 提交以后 asks for no material
        ("什么样的人可以一起办", "bundle", "conditions"),
        ("我老婆外地户口，结婚后户口本怎么改", H, "process"),  # the register changed: hukou status, not marriage
        ("一起办在哪里办", "bundle", "location"),  # 一起办 names the bundle; 在哪里 asks where
        ("生育登记办完在哪查", "birth_registration", "process"),  # the result is looked up: the last step
        ("领证那天忘带身份证怎么办", M, "materials"),  # 怎么办 only asks what to do about the material
        ("要花钱吗", "bundle", "fees"),  # an aspect and no matter: the bundle
        ("婚育一件事都包括哪些事", "bundle", "overview"),
        ("结婚生孩子的事能一起办吗", "bundle", "overview"),
    ],
)
def test_detectors_read_matter_and_aspect_separately(question, matter, aspect):
    assert _best(question) == (matter, aspect)


def test_overview_counts_only_for_the_bundle():
    reading = get_index().read("生育登记是什么")
    assert set(reading.matters) == {"birth_registration"} and "overview" not in reading.aspects


def _tiny_index(synonyms: list[list[str]]):
    common = dict(
        matter=MIG, matter_name="户口迁移", aspect="materials", aspect_name="所需材料", version="1", source="s"
    )
    sections = (
        Section(**common, title="户主同意", text="迁入配偶家庭户需户主同意"),
        Section(**common, title="户口簿", text="迁出户和迁入户的户口簿"),
    )
    library = get_library().vocabulary.model_dump()
    return build_index(sections, Vocabulary.model_validate({**library, "synonyms": synonyms}))


def test_a_question_is_searched_with_its_synonyms():
    with_synonyms = _tiny_index([["配偶", "媳妇"]]).search("媳妇家")
    assert with_synonyms.hits and with_synonyms.hits[0].title == "户主同意"
    assert "配偶" in get_index().read("媳妇的户口迁过来").expansion
    assert _tiny_index([]).search("媳妇家").hits == []  # nothing in the guides' words matches


def test_ranking_puts_the_detected_matter_and_aspect_first_then_the_rest_by_score():
    result = get_index().search("我老公户口迁过来要带啥", limit=8)
    assert result.detected_matter == MIG and result.detected_aspect == "materials"
    groups = [(h.matter, h.aspect) for h in result.hits]
    first_other = next(i for i, g in enumerate(groups) if g != (MIG, "materials"))
    assert groups[:first_other] and all(g != (MIG, "materials") for g in groups[first_other:])
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


@pytest.mark.parametrize(
    "question,aspect",
    [
        ("要花钱吗", "fees"),
        ("在哪办", "location"),
        ("多久能办好", "time_limit"),
        ("要准备什么材料", "materials"),
        ("有什么条件", "conditions"),
        ("流程是怎样的", "process"),
    ],
)
def test_the_bundle_section_wins_when_no_matter_is_named(question, aspect):
    top = get_index().search(question, limit=1).hits[0]
    assert (top.matter, top.aspect) == ("bundle", aspect)


def test_the_bundle_guide_covers_every_aspect_and_lists_the_four_matters_materials_once():
    for aspect in Aspect:
        section = find_section("bundle", aspect.value)
        assert section is not None and section.text.strip() and section.title == f"婚育一件事·{section.aspect_name}"
    materials = find_section("bundle", "materials").text
    assert "登记当天请带到婚姻登记处" in materials and materials.count("居民身份证") == 1


def test_detected_aspect_is_one_the_bot_can_ask_a_section_for():
    result = get_index().search("婚育一件事是什么")
    assert result.hits[0].matter == "bundle" and result.hits[0].aspect == "overview"
    assert result.detected_matter is None and result.detected_aspect is None  # no section "overview" per matter
    result = get_index().search("户口迁移要钱吗")
    assert (result.detected_matter, result.detected_aspect) == (MIG, "fees")


@pytest.mark.parametrize("question", ["那生育登记呢", "生育登记呢？", "户口迁移那个呢", "还有结婚登记呢", "生育登记"])
def test_a_follow_up_naming_only_a_matter_asks_no_aspect(question):
    # The bot keeps the aspect asked last ("结婚登记要带什么" … "那生育登记呢" = its materials).
    result = get_index().search(question)
    assert result.detected_matter is not None and result.detected_aspect is None


def test_search_is_deterministic():
    index = get_index()
    assert index.search("两个人都得去吗", limit=10) == index.search("两个人都得去吗", limit=10)


def test_full_width_and_spaced_questions_read_the_same():
    assert _best("领证 要 多少钱") == _best("领证要多少钱") == _best("领证要多少钱？") == (M, "fees")
    assert _best("ＡＢ领证要多少钱") == (M, "fees")


def test_a_vocabulary_without_words_for_a_matter_fails_naming_it(tmp_path):
    target = tmp_path / "guides"
    shutil.copytree(get_settings().guides_dir, target)
    path = target / "vocabulary.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  bundle:\n")
    end = text.index("aspects:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(GuideError) as exc:
        load_library(target)
    assert "vocabulary.yml" in str(exc.value) and "bundle" in str(exc.value)
    assert set(get_library().vocabulary.matters) == {*Matter, "bundle"}


def test_the_aspect_model_learns_the_way_of_asking():
    model = AspectModel.train(
        [("要多少钱", "fees"), ("收费吗", "fees"), ("能办吗", "conditions"), ("可以办不", "conditions")]
    )
    posterior = model.posterior("外地的要多少钱")
    assert max(posterior, key=posterior.get) == "fees" and abs(sum(posterior.values()) - 1) < 1e-9
    assert max(model.posterior("我能办不").items(), key=lambda kv: kv[1])[0] == "conditions"
    assert model.posterior("啊") == {}  # nothing it has seen: no opinion


@pytest.mark.parametrize(
    "question,aspect",
    [
        ("不是本地人能办吗", "conditions"),  # 本地 is a topic of place; the way of asking is a condition
        ("这个掏不掏腰包", "fees"),  # no word of the vocabulary at all
    ],
)
def test_the_learnt_model_reads_what_the_words_leave_open(question, aspect):
    assert _best(question)[1] == aspect
    words_only = QuestionReader.of(get_library().vocabulary).read(question)
    assert max(words_only.aspects, key=words_only.aspects.get, default=None) != aspect  # the words alone miss it


def test_the_aspect_model_reads_the_question_without_its_matter():
    reader = get_index().reader
    assert reader.without_matter("领证要多少钱") == "＠要多少钱"
    assert reader.without_matter("迁户口能代办吗") == "＠能代办吗"  # 代办 also says an aspect: kept
    # The same way of asking reads the same whatever the matter.
    assert reader.model.posterior(reader.without_matter("领证要等几天")) == reader.model.posterior(
        reader.without_matter("迁户口要等几天")
    )


def test_aspect_examples_missing_an_aspect_fail_naming_the_file(tmp_path):
    target = tmp_path / "guides"
    shutil.copytree(get_settings().guides_dir, target)
    path = target / "aspect_examples.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("overview:")], encoding="utf-8")
    with pytest.raises(GuideError) as exc:
        load_library(target)
    assert "aspect_examples.yml" in str(exc.value) and "overview" in str(exc.value)


@pytest.mark.parametrize(
    "question,matter,aspect",
    [
        ("领证两个人都得去吗", M, "conditions"),  # both must come: a condition of marriage registration
        ("生育登记需要男方到场吗", "birth_registration", "location"),  # the others: whether one must go there
        ("户口迁移需要我本人到场吗", MIG, "location"),
        ("办这个要本人去吗", "bundle", "location"),
    ],
)
def test_being_there_in_person_takes_the_aspect_of_the_matter(question, matter, aspect):
    top = get_index().search(question, limit=1).hits[0]
    assert (top.matter, top.aspect) == (matter, aspect)


def test_a_neutral_word_hides_the_cue_inside_it():
    reading = get_index().read("这是我第一次领证，要带什么")
    assert set(reading.matters) == {M}  # 第一次 holds 一次办 (the bundle), but names nothing
    assert _best("第一次办这个，不太懂，要准备什么") == ("bundle", "materials")  # not the overview


@pytest.mark.parametrize(
    "question,matter",
    [("生育登纪要带什么", "birth_registration"), ("婚姻状况变梗要钱吗", H), ("户口迁侈要多久", MIG)],
)
def test_a_matter_typed_with_one_wrong_character_is_still_found(question, matter):
    assert _best(question)[0] == matter


def test_a_slip_is_never_a_little_word_or_a_question_word():
    assert set(get_index().read("户口在上海的能领证吗").matters) == {M}  # not 户口簿上 (户口在上)
    assert "bundle" not in get_index().read("生育登记在哪个部门办").matters  # not 几个部门
    assert find_words("户口签移", {"户": ["户口"]}) == [("户口", 2)]  # no slips without their index


def test_two_matters_named_side_by_side_ask_about_the_bundle():
    assert _best("结婚登记和生育登记都要钱吗") == ("bundle", "fees")
    assert _best("结婚、落户、生孩子能一起申请吗") == ("bundle", "overview")
    assert _best("结婚后户口迁过来要钱吗") == (MIG, "fees")  # marriage is the occasion, not a second matter


def test_one_character_left_after_the_matter_still_asks():
    assert _best("生三胎能登记吗") == ("birth_registration", "conditions")  # 能…吗
    assert get_index().search("那生育登记呢").detected_aspect is None  # nothing left: the bot keeps the last


def test_opening_hours_are_a_question_of_where():
    assert _best("民政局礼拜六上班吗") == (M, "location")
    assert _best("婚姻登记处几点下班") == (M, "location")


def test_a_lone_digit_reads_as_the_vocabulary_writes_it():
    assert spoken_numbers("生3胎") == "生三胎" and spoken_numbers("2个人都要去吗") == "两个人都要去吗"
    assert spoken_numbers("男的22周岁，打12345") == "男的22周岁，打12345"  # longer numbers kept
    assert _best("生3胎能登记吗") == _best("生三胎能登记吗") == ("birth_registration", "conditions")


def _top(question: str) -> tuple[str, str]:
    hit = get_index().search(question, limit=1).hits[0]
    return hit.matter, hit.aspect


@pytest.mark.parametrize("question", ["礼拜六可以约领证吗", "能不能约下个月的领证", "约周末的结婚登记行不行"])
def test_a_day_named_with_booking_asks_which_days_can_be_booked(question):
    assert _top(question) == (M, "time_limit")  # 可预约约1个月内的工作日


def test_a_day_without_booking_is_still_opening_hours():
    assert _top("民政局礼拜六上班吗") == (M, "location")
    assert _top("大约要几天") == ("bundle", "time_limit")  # 大约 books nothing


@pytest.mark.parametrize("question", ["浦东有婚姻登记处吗", "我住在宝山可以去徐汇领证吗"])
def test_a_district_asks_where(question):
    assert _top(question) == (M, "location")  # the marriage guide lists an office in each district


def test_the_birth_guides_department_names_the_birth_matter():
    assert _top("领证后卫健那边的登记是自动的吗") == ("birth_registration", "process")


def test_filling_in_and_submitting_the_application_are_steps_of_the_process():
    assert _top("迁入地址在哪里填") == (MIG, "process")  # not 迁入地, a place
    assert _top("户口迁移要单独提交申请吗") == (MIG, "process")  # the application, not a material
    assert _top("领证后户口迁移需要勾选什么才会启动") == (MIG, "process")


def test_the_photo_taken_beforehand_is_a_material():
    assert _top("合影能提前拍好带去吗") == (M, "materials")  # 提前拍 is no time limit


def test_the_hukou_register_exchanged_names_the_hukou_status_matter():
    assert _best("结婚后户口本要去换吗")[0] == H


def test_when_a_matter_starts_is_a_step_of_the_process():
    assert _top("婚姻状况变更需要结婚登记办结以后才能开始吗") == (
        H,
        "process",
    )  # 推送后自动启动, not 才能 (a condition)


def test_where_to_upload_and_the_form_to_submit_are_materials():
    assert _top("户口迁移的材料在哪里上传") == (MIG, "materials")  # not a place
    assert _top("户口迁移需要我提交申请表吗") == (MIG, "materials")  # 申请表, not 提交申请


@pytest.mark.parametrize(
    "question,matter,aspect",
    [
        ("结婚登记能让朋友替我去吗", M, "conditions"),  # the marriage guide: 不能委托他人代办
        ("婚育一件事可以委托别人去办吗", "bundle", "conditions"),  # the bundle's conditions: 不能代办
        ("户口迁移能找人去代办吗", MIG, "location"),  # the others: 在联办中无需前往
        ("生育登记让家里人去办行不行", "birth_registration", "location"),
    ],
)
def test_someone_going_for_one_takes_the_aspect_of_the_matter(question, matter, aspect):
    assert _top(question) == (matter, aspect)


def test_the_progress_of_a_hukou_or_birth_matter_is_that_matters_process():
    assert _top("生育登记的进度怎么查") == ("birth_registration", "process")  # 办理进度和结果可随时问
    assert _top("婚姻状况变更办到哪了") == (H, "process")
    assert _top("进度怎么查") == ("bundle", "process")  # naming no matter: the joint application's


def test_where_the_result_is_seen_is_a_step_of_the_process():
    assert _top("户口迁移的结果去哪儿可以看") == (MIG, "process")  # not a place to go
    assert _top("户口迁移在哪里办") == (MIG, "location")


def test_what_happens_after_and_whether_it_starts_by_itself_are_the_process():
    assert _top("生育登记提交之后会怎么样") == ("birth_registration", "process")  # not 会怎么样 (a consequence)
    assert _top("领证以后婚姻状况会自己改好吗") == (H, "process")  # 自动启动
    assert _top("户口迁移审核到哪个环节了") == (MIG, "process")
    assert _top("领证之后会发生什么")[1] == "process"
    assert _top("不改婚姻状况以后会怎么样") == (H, "conditions")  # a step left undone: the consequence


def test_a_word_naming_the_bundle_yields_to_a_topic_of_another_aspect():
    assert _top("一起办的话还要交照片吗") == ("bundle", "materials")
    assert _top("能一起办吗") == ("bundle", "overview")


def test_the_shanghainese_child_names_the_birth_matter():
    assert _best("生小囡要登记伐")[0] == "birth_registration"


def test_the_joint_application_as_a_frame_yields_to_the_matter_asked_within_it():
    assert _top("联办中生育登记要钱吗") == ("birth_registration", "fees")  # 在“婚育一件事”联办中…
    assert _top("一件事里面的婚姻状况变更要多久") == (H, "time_limit")
    assert _top("一件事里面有哪些事项") == ("bundle", "overview")  # naming no matter: the bundle


def test_marriage_as_the_occasion_is_not_a_matter_listed_beside_another():
    assert _top("户口迁移，结婚以后要交钱吗") == (MIG, "fees")
    assert _top("结婚、落户要交钱吗") == ("bundle", "fees")


def test_the_booklet_changed_because_the_hukou_moves_is_the_migration():
    assert _best("迁户口要换户口本吗")[0] == MIG  # not the hukou register changed (户口…换)
    assert _best("改户口要结婚证原件吗")[0] == H


def test_now_or_later_asks_the_time_limit_and_an_order_still_asks_the_process():
    assert _top("户口迁移是当天办好还是得等") == (MIG, "time_limit")
    assert _top("先迁户口还是要等领证") == (MIG, "process")


def test_the_shanghainese_money_word_asks_the_fees():
    assert _top("生育登记要几钿") == ("birth_registration", "fees")


@pytest.mark.parametrize(
    "traditional,simplified",
    [
        ("請問登記結婚要繳費嗎", "请问登记结婚要缴费吗"),
        ("戶口遷移要帶什麼材料", "户口迁移要带什么材料"),
        ("生育登記在哪裡辦", "生育登记在哪里办"),
    ],
)
def test_a_question_in_traditional_characters_is_read_as_in_simplified(traditional, simplified):
    # As the channels read it (citizen_text): an API caller's question too.
    assert _best(traditional) == _best(simplified) != (None, None)


# Round 7 (bench/RESULTS.md §9g): kinds read from the fourth stranger's batch, each phrased afresh.


def test_the_shanghainese_word_for_money_asks_the_fees_in_a_follow_up_too():
    assert _top("那户口迁移呢？也要钞票伐") == (MIG, "fees")
    assert _top("结婚登记要钞票吗") == (M, "fees")


def test_a_slip_in_the_register_still_names_the_hukou_status():
    assert _best("户口薄上的已婚，民政局开的证明要伐")[0] == H


def test_a_paper_named_beside_a_matter_is_asked_about_not_listed():
    # 结婚证 is a material of the change here, not marriage registration listed beside it.
    assert _top("婚姻状况变更，结婚证原件要带伐") == (H, "materials")
    assert _top("婚姻状况变更和结婚登记要交钱吗") == ("bundle", "fees")  # two matters listed still


def test_who_goes_for_one_yields_to_another_aspect_asked_outright():
    assert _top("帮他去派出所改户口本上的已婚要带啥") == (H, "materials")
    assert _top("迁户口能让家里人去吗") == (MIG, "location")  # alone it still takes the matter's aspect


def test_where_to_get_a_form_asks_the_material():
    assert _top("婚姻状况变更的申请表在哪里拿") == (H, "materials")
    assert _top("婚姻状况变更在哪里办") == (H, "location")


def test_now_or_later_in_two_clauses_asks_the_time_limit():
    assert _top("户口迁移当天能办好吗，要不要等") == (MIG, "time_limit")


def test_a_number_of_days_it_takes_asks_the_time_limit_and_a_span_told_does_not():
    assert _top("生育登记一般要五个工作日吗") == ("birth_registration", "time_limit")
    assert _top("户口迁移大概要五天还是更久") == (MIG, "time_limit")
    assert _best("离婚才两个月能再婚吗")[1] == "conditions"
    assert _best("男方二十二周岁能结婚吗")[1] == "conditions"


def test_a_day_already_booked_is_the_situation_not_the_question():
    assert _top("约好了下周五领证，临时有事，预约怎么改时间") == (M, "process")
    assert _top("能约下个月的吗，结婚登记") == (M, "time_limit")  # a day to book: the time limit
    assert _best("约好了礼拜六领证，到时候要带什么")[1] == "materials"  # 礼拜六 asks no opening hours


def test_marriage_done_is_the_occasion_of_a_matter_named_only_by_a_topic():
    matters = get_index().read("领证办好了，户口那边要带啥").matters
    assert M not in matters and set(matters) <= {H, MIG} and matters


def test_the_other_matters_named_after_marriage_ask_about_the_bundle():
    assert _best("领证办好以后，其他几样要我再去申请吗")[0] == "bundle"


def test_the_declaration_of_no_spouse_names_marriage():
    assert _top("无配偶的声明要自己写好带过去吗") == (M, "materials")


def test_still_possible_asks_a_condition():
    assert _top("过了好几年再去改婚姻状况还可以吗") == (H, "conditions")


def test_using_the_joint_application_as_a_frame_yields_to_the_matter():
    assert _best("外国人能用婚育一件事办生育登记吗")[0] == "birth_registration"


def test_the_householders_consent_named_as_a_paper_asks_the_material():
    assert _top("户主同意迁入的证明要写点啥") == (MIG, "materials")


def test_a_matter_named_again_alone_after_a_list_is_the_one_asked():
    assert _top("结婚登记跟户口迁移都勾了，户口迁移那个是自己启动的吗") == (MIG, "process")
    assert _top("结婚登记跟户口迁移都勾了，要多久") == ("bundle", "time_limit")  # the list alone: the bundle
