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

export const MATTERS = [
  { code: "marriage_registration", name: "结婚登记", department: "民政" },
  { code: "hukou_marital_status", name: "户口婚姻状况变更", department: "公安" },
  { code: "hukou_migration", name: "因婚姻市内户口迁移", department: "公安" },
  { code: "birth_registration", name: "生育登记", department: "卫健" },
];

export const ASPECTS = [
  ["conditions", "办理条件"],
  ["materials", "所需材料"],
  ["process", "办理流程"],
  ["fees", "收费标准"],
  ["time_limit", "办理时限"],
  ["location", "办理地点"],
];
