from fastapi import APIRouter, Response

from backend.vocabulary.schemas import Catalog
from backend.vocabulary.service import build_catalog

router = APIRouter(prefix="/api/v1/catalog", tags=["catalog"])

# Clients load it at start; it changes only with a release.
CACHE_SECONDS = 300


@router.get(
    "",
    response_model=Catalog,
    summary="词表：事项、部门、申请表字段（中文名称与填写要求）、指南方面、状态和脱敏规则",
)
def get_catalog(response: Response) -> Catalog:
    response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return build_catalog()
