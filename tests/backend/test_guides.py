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

M, H, MIG, B = (
    "marriage_registration",
    "hukou_marital_status",
    "hukou_migration",
    "birth_registration",
)

# Everyday questions -> (matter, aspect) that must rank first.
QUESTIONS = [
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


def test_search_ranks_right_matter_and_aspect_first():
    assert len(QUESTIONS) >= 40
    index = get_index()
    misses = []
    for question, matter, aspect in QUESTIONS:
        top = index.search(question, limit=1).hits[0]
        if (top.matter, top.aspect) != (matter, aspect):
            misses.append((question, matter, aspect, top.matter, top.aspect))
    accuracy = 1 - len(misses) / len(QUESTIONS)
    assert accuracy >= 0.9, f"{accuracy:.0%}: {misses}"


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
    assert client.get("/api/v1/guides/birth_registration/sections/colour").status_code == 422


@pytest.mark.parametrize("q", ["啊", "的", "   "])
def test_a_query_of_stop_words_only_is_answered_not_a_500(client, q):
    r = client.get("/api/v1/guides/search", params={"q": q})
    assert r.status_code == 200 and r.json()["hits"] == []
