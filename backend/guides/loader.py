"""Loads and validates the guide files once; a broken file names itself and the field."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from backend.config import get_settings
from backend.guides.schemas import AspectExamples, BundleGuide, MatterGuide, Vocabulary
from backend.matters.catalog import Matter


class GuideError(ValueError):
    pass


@dataclass(frozen=True)
class GuideLibrary:
    bundle: BundleGuide
    matters: dict[Matter, MatterGuide]
    vocabulary: Vocabulary
    aspect_examples: dict[str, list[str]]  # aspect -> example questions (the aspect model's data)

    def offices(self) -> list[str]:
        return [o.name for o in self.matters[Matter.marriage_registration].location.offices]

    def districts(self) -> list[str]:
        return [o.district for o in self.matters[Matter.marriage_registration].location.offices]


def _load(path: Path, model):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise GuideError(f"{path.name}: {problems}") from exc
    except (OSError, yaml.YAMLError) as exc:
        raise GuideError(f"{path.name}: {exc}") from exc


def load_library(directory: Path) -> GuideLibrary:
    matters = {}
    for matter in Matter:
        guide = _load(directory / f"{matter.value}.yml", MatterGuide)
        if guide.code != matter:
            raise GuideError(f"{matter.value}.yml: code is {guide.code}, expected {matter.value}")
        matters[matter] = guide
    return GuideLibrary(
        bundle=_load(directory / "bundle.yml", BundleGuide),
        matters=matters,
        vocabulary=_load(directory / "vocabulary.yml", Vocabulary),
        aspect_examples=_load(directory / "aspect_examples.yml", AspectExamples).root,
    )


@lru_cache
def get_library() -> GuideLibrary:
    return load_library(get_settings().guides_dir)
