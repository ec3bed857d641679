"""Domains import one way (backend/__init__.py): no module imports a layer above its own or a
neighbour in its layer, whether the import is at the top of the file or inside a function."""

import ast
from pathlib import Path

import pytest

from backend import EDGE_MODULES, LAYERS

BACKEND = Path(__file__).resolve().parents[2] / "backend"
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}
EDGE = len(LAYERS) - 1


def domain_of(relative: Path) -> str:
    """backend/applications/service.py -> applications; backend/clock.py -> clock."""
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def rank_of(relative: Path) -> int:
    if relative.name in EDGE_MODULES:
        return EDGE
    return RANK[domain_of(relative)]


def imported_modules(tree: ast.AST, relative: Path):
    """(line, dotted name) for every import of a backend module, relative imports resolved; a
    `from a import b` also yields a.b, since b may be a module."""
    package = ["backend", *relative.parts[:-1]]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [module, *(f"{module}.{a.name}" for a in node.names)]
        else:
            continue
        for name in names:
            if name.startswith("backend.") and name.split(".")[1] != "__init__":
                yield node.lineno, name


def target_of(name: str) -> tuple[str, int | None]:
    """backend.progress.service -> ("progress", 9); a router -> ("x.router", the edge)."""
    parts = name.split(".")[1:]
    routers = [p for p in parts[1:] if f"{p}.py" in EDGE_MODULES]
    if routers:
        return f"{parts[0]}.{routers[0]}", EDGE
    return parts[0], RANK.get(parts[0])


def upward_imports(relative: Path, source: str) -> list[str]:
    """Each import that goes up or sideways, as "backend/file:line: a (layer n) imports b (layer m)"."""
    own, rank = domain_of(relative), rank_of(relative)
    if rank == EDGE:
        return []  # routers and the application compose whatever they need
    problems = []
    for line, name in imported_modules(ast.parse(source), relative):
        target, target_rank = target_of(name)
        where = f"backend/{relative}:{line}"
        if target_rank is None:
            problems.append(f"{where}: imports {target}, which has no layer in backend.LAYERS")
        elif target != own and target_rank >= rank:
            problems.append(f"{where}: {own} (layer {rank}) imports {target} (layer {target_rank})")
    return list(dict.fromkeys(problems))


def backend_files() -> list[Path]:
    return sorted(
        p.relative_to(BACKEND) for p in BACKEND.rglob("*.py") if p.name != "__init__.py" or p.parent != BACKEND
    )


def test_every_backend_module_has_a_layer():
    unplaced = sorted({domain_of(p) for p in backend_files()} - RANK.keys())
    assert not unplaced, f"add these to backend.LAYERS: {unplaced}"


def test_no_backend_module_imports_a_higher_or_neighbouring_domain():
    problems = [p for rel in backend_files() for p in upward_imports(rel, (BACKEND / rel).read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "applications/service.py",
            "from backend.progress.service import build_progress\n",
            "backend/applications/service.py:1: applications (layer 4) imports progress (layer 9)",
        ),
        (
            "cases/service.py",
            "def view():\n    from backend.progress import service\n",
            "backend/cases/service.py:2: cases (layer 3) imports progress (layer 9)",
        ),
        (
            "notices/service.py",
            "import backend.materials.service\n",
            "backend/notices/service.py:1: notices (layer 6) imports materials (layer 7)",
        ),
        (
            "hotline/service.py",
            "from backend import departments\n",
            "backend/hotline/service.py:1: hotline (layer 11) imports departments (layer 11)",
        ),
        (
            "materials/access.py",
            "from ..progress.service import build_progress\n",
            "backend/materials/access.py:1: materials (layer 7) imports progress (layer 9)",
        ),
        (
            "progress/service.py",
            "from backend.applications.ownership import find_for_citizen\n",
            None,
        ),
        (
            "staff/service.py",
            "from backend.applications.router import caller\n",
            "backend/staff/service.py:1: staff (layer 5) imports applications.router (layer 12)",
        ),
    ],
)
def test_the_check_names_file_line_and_both_domains_and_lets_downward_imports_pass(path, source, expected):
    assert upward_imports(Path(path), source) == ([expected] if expected else [])
