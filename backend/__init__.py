"""Joint-processing backend for 婚育一件事.

Domains import one way: a module may import its own domain and the layers below it, never a
layer above nor a neighbour in its own layer (tests/backend/test_import_layers.py checks every
import, function-local ones too). Lowest first:

- settings and shared foundations (config, clock, database, errors, text, pii, matters, auth, …):
  no domain logic;
- reference data and small services every domain may use (guides, certificates, idempotency,
  chat sessions, the assistant's client);
- cases: the per-matter state machine and its timeline (`MatterProgress` is its view);
- applications: submission rules, the application tables, and who may look one up
  (`applications.ownership`: the ID-number check and its throttle);
- staff, then notices (the outbox), then materials, then ratings;
- progress: the unified view over applications and cases, on top of the data domains;
- flows: what one request does across domains (submit and announce, withdraw and notify);
- departments, hotline, handoffs: the outside parties' entry points;
- the edge: routers (HTTP only, they may compose any service), main, models, the CLIs.

Services refuse with the kinds in backend/errors.py; one handler maps them to HTTP."""

# The layer order the docstring describes, lowest first; names are backend's top-level modules.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("config", "field_labels"),
    ("clock", "database", "errors", "pii", "text", "matters", "migrate"),
    ("network", "auth", "idempotency", "certificates", "guides", "assistant"),
    ("chat_sessions", "vocabulary", "cases"),
    ("applications",),
    ("staff",),
    ("notices",),
    ("materials",),
    ("ratings",),
    ("progress",),
    ("flows",),
    ("departments", "hotline", "handoffs"),
    ("main", "models", "serve", "health", "web", "simulator", "migrations"),
)
# Modules of any domain that belong to the edge (the last layer): HTTP routers.
EDGE_MODULES = ("router.py", "staff_router.py")
