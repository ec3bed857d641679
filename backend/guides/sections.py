"""Turns guides into citable sections: one per matter (and the bundle) and aspect, one per FAQ pair."""

from functools import lru_cache

from backend.guides.checklist import build_checklist
from backend.guides.loader import GuideLibrary, get_library
from backend.guides.schemas import ASPECT_NAMES, WHEN_TEXT, Aspect, MatterGuide, Section
from backend.matters.catalog import CATALOG, Matter


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def aspect_text(guide: MatterGuide, aspect: Aspect) -> str:
    if aspect == Aspect.conditions:
        return _numbered(guide.conditions)
    if aspect == Aspect.materials:
        lines = []
        for m in guide.materials:
            note = f"；{m.notes}" if m.notes else ""
            lines.append(f"{m.name}（{m.form}，{m.who}{m.count}）— {WHEN_TEXT[m.when]}{note}")
        return _numbered(lines)
    if aspect == Aspect.process:
        return _numbered(guide.process)
    if aspect == Aspect.fees:
        return guide.fees
    if aspect == Aspect.time_limit:
        return guide.time_limit
    text = guide.location.text
    if guide.location.offices:
        text += "\n本市各区婚姻登记处：" + "、".join(o.name for o in guide.location.offices)
    return text


def source_line(guide_name: str, version: str) -> str:
    return f"依据：{guide_name}办事指南 版本 {version}"


def _matter_sections(guide: MatterGuide) -> list[Section]:
    short = CATALOG[guide.code].short_name
    source = source_line(short, guide.version)
    sections = [
        Section(
            matter=guide.code,
            matter_name=short,
            aspect=aspect,
            aspect_name=ASPECT_NAMES[aspect],
            title=f"{short}·{ASPECT_NAMES[aspect]}",
            text=aspect_text(guide, aspect),
            version=guide.version,
            source=source,
        )
        for aspect in Aspect
    ]
    return sections + _faq_sections(guide, guide.code, short, source)


def _faq_sections(guide, matter: str, matter_name: str, source: str) -> list[Section]:
    return [
        Section(
            matter=matter,
            matter_name=matter_name,
            aspect=faq.aspect,
            aspect_name=ASPECT_NAMES.get(faq.aspect, "概述"),
            title=faq.q,
            text=faq.a,
            version=guide.version,
            source=source,
        )
        for faq in guide.faq
    ]


def bundle_aspect_text(library: GuideLibrary, aspect: Aspect) -> str:
    """What holds for the joint application as a whole; its materials are the four-matter checklist."""
    bundle = library.bundle
    if aspect == Aspect.materials:
        return build_checklist(library, list(Matter)).text
    if aspect in (Aspect.conditions, Aspect.process):
        return _numbered(getattr(bundle, aspect.value))
    return getattr(bundle, aspect.value)


def _bundle_sections(library: GuideLibrary) -> list[Section]:
    bundle = library.bundle
    source = source_line("婚育一件事", bundle.version)
    common = dict(matter="bundle", matter_name="婚育一件事", version=bundle.version, source=source)
    overview = Section(
        **common,
        aspect="overview",
        aspect_name="概述",
        title=bundle.name,
        text=bundle.summary + "\n" + _numbered(bundle.process),
    )
    aspects = [
        Section(
            **common,
            aspect=aspect,
            aspect_name=ASPECT_NAMES[aspect],
            title=f"婚育一件事·{ASPECT_NAMES[aspect]}",
            text=bundle_aspect_text(library, aspect),
        )
        for aspect in Aspect
    ]
    return [overview, *aspects, *_faq_sections(bundle, "bundle", "婚育一件事", source)]


def build_sections(library: GuideLibrary) -> list[Section]:
    sections: list[Section] = []
    for guide in library.matters.values():
        sections += _matter_sections(guide)
    return [*sections, *_bundle_sections(library)]


@lru_cache
def get_sections() -> tuple[Section, ...]:
    return tuple(build_sections(get_library()))


def find_section(matter: str, aspect: str) -> Section | None:
    """The main section for a matter and aspect (FAQ pairs come after it)."""
    return next((s for s in get_sections() if s.matter == matter and s.aspect == aspect), None)
