// The staff API: same origin, the HttpOnly session cookie rides along by itself; every unsafe
// request carries the session's CSRF token, which lives only in this page's memory.
import { ApiError } from "../api.js";

export { ApiError };

let csrfToken = "";
let onSignedOut = () => {};

export function setCsrfToken(token) {
  csrfToken = token || "";
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function staffFetch(path, { method = "GET", body, headers = {} } = {}) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json", ...headers } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  if (method !== "GET") options.headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path, options);
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (response.status === 401 && !path.endsWith("/login")) onSignedOut();
    throw new ApiError(response.status, data.detail || "服务暂时不可用，请稍后再试。", data.errors || []);
  }
  return data;
}

export const staffGet = (path, params) =>
  staffFetch(params ? `${path}?${new URLSearchParams(params)}` : path);
export const staffPost = (path, body, headers) => staffFetch(path, { method: "POST", body, headers });

// Field errors by field path ("applicant.id_number"), as the backend names them.
export function errorsByField(error) {
  const out = {};
  for (const e of error?.errors || []) out[e.field] = out[e.field] ? `${out[e.field]} ${e.message}` : e.message;
  return out;
}
