// The backend's API, same origin. Every error carries a Chinese `detail`.
export class ApiError extends Error {
  constructor(status, detail, errors = []) {
    super(detail);
    this.status = status;
    this.errors = errors;
  }
}

async function handle(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.detail || "服务暂时不可用，请稍后再试。", body.errors || []);
  }
  return body;
}

export async function getJSON(path, params) {
  const query = params ? `?${new URLSearchParams(params)}` : "";
  return handle(await fetch(`${path}${query}`, { headers: { Accept: "application/json" } }));
}

export async function postJSON(path, body) {
  return handle(
    await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

// The backend's vocabulary (matters, departments, guide aspects, statuses, the form, the masking
// rule): loaded once per page from GET /api/v1/catalog, which the browser also caches (max-age).
let catalog;
export function loadCatalog() {
  catalog ??= getJSON("/api/v1/catalog").catch((error) => {
    catalog = undefined; // the next call tries again
    throw error;
  });
  return catalog;
}
