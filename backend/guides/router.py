from fastapi import APIRouter, Query

from backend.errors import FieldError, Invalid, NotFound
from backend.guides.checklist import build_checklist
from backend.guides.loader import get_library
from backend.guides.schemas import Aspect, BundleGuide, Checklist, GuideSummary, MatterGuide, SearchResult, Section
from backend.guides.search import get_index
from backend.guides.sections import find_section
from backend.matters.catalog import Matter

router = APIRouter(prefix="/api/v1/guides", tags=["guides"])

_NOT_FOUND = {404: {"description": "没有这个事项的办事指南"}}
_MATTER_LIST = "、".join(m.value for m in Matter)


@router.get("", response_model=list[GuideSummary], summary="列出全部办事指南（含联办概述）")
def list_guides() -> list[GuideSummary]:
    lib = get_library()
    guides: list[BundleGuide | MatterGuide] = [lib.bundle, *lib.matters.values()]
    return [
        GuideSummary(
            code=g.code,
            name=g.name,
            department=getattr(g, "department", None),
            summary=g.summary,
            version=g.version,
            reviewed_on=g.reviewed_on,
        )
        for g in guides
    ]


@router.get("/search", response_model=SearchResult, summary="办事指南检索")
def search_guides(
    q: str = Query(min_length=1, max_length=200, description="问题，例如“结婚登记要带什么”"),
    limit: int = Query(5, ge=1, le=20),
) -> SearchResult:
    return get_index().search(q, limit)


def parse_matters(raw: str) -> list[Matter]:
    codes = [c.strip() for c in raw.split(",") if c.strip()]
    bad = [c for c in codes if c not in Matter.__members__]
    if bad or not codes:
        raise Invalid(
            "事项参数有误。",
            [
                FieldError(
                    field="matters",
                    message=f"无法识别的事项：{'、'.join(bad) or '（空）'}；可选：{_MATTER_LIST}，用英文逗号分隔。",
                )
            ],
        )
    return list(dict.fromkeys(Matter(c) for c in codes))


@router.get("/checklist", response_model=Checklist, summary="一次告知：所选事项的材料清单")
def checklist(
    matters: str = Query(description="事项代码，英文逗号分隔，例如 marriage_registration,birth_registration"),
) -> Checklist:
    return build_checklist(get_library(), parse_matters(matters))


@router.get("/{code}", response_model=MatterGuide | BundleGuide, responses=_NOT_FOUND, summary="单个事项的办事指南")
def get_guide(code: str) -> MatterGuide | BundleGuide:
    lib = get_library()
    if code == "bundle":
        return lib.bundle
    if code not in Matter.__members__:
        raise NotFound(f"没有“{code}”的办事指南；可选：bundle、{_MATTER_LIST}。")
    return lib.matters[Matter(code)]


@router.get(
    "/{code}/sections/{aspect}",
    response_model=Section,
    responses=_NOT_FOUND,
    summary="单个事项某一方面（条件、材料、流程、费用、时限、地点）的指南段落，带出处",
)
def get_section(code: str, aspect: Aspect) -> Section:
    section = find_section(code, aspect.value)
    if section is None:
        raise NotFound(f"没有“{code}”的办事指南；可选：{_MATTER_LIST}。")
    return section
