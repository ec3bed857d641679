import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api.js";
import Alert from "./Alert.jsx";

// Materials for one application, shown with a pass the backend issued after the citizen proved
// who they are. Files go to the backend as they are; it judges them by content, strips photos'
// EXIF and seals them. Nothing here ever links to a stored file.
const ACCEPT = "image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf";
const PASS_HEADER = "X-Application-Pass";

async function call(path, pass, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: "application/json", [PASS_HEADER]: pass, ...(init.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.detail || "服务暂时不可用，请稍后再试。", body.errors || []);
  }
  return body;
}

export function uploadMaterial(pass, code, file) {
  return call(`/api/v1/materials/files/${encodeURIComponent(code)}`, pass, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body: file,
  });
}

export function loadMaterials(pass) {
  return call("/api/v1/materials", pass);
}

function size(n) {
  return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function time(iso) {
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

function Item({ item, pass, onDone, busy, setBusy }) {
  const [error, setError] = useState("");
  async function choose(event) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError("");
    setBusy(item.code);
    try {
      const result = await uploadMaterial(pass, item.code, file);
      onDone(result);
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy("");
    }
  }
  const label = item.received ? "重新上传（替换）" : "拍照或选择文件上传";
  return (
    <li className="material" data-code={item.code} data-received={item.received ? "yes" : "no"}>
      <div>
        <strong>{item.name}</strong>
        <span className="tag">{item.requested ? `${item.matter_name}要求补充` : "可提前上传"}</span>
        {item.received && <span className="tag ok">已收到</span>}
      </div>
      {item.note && <div className="note">部门说明：{item.note}</div>}
      <label className="upload-button">
        {busy === item.code ? "上传中…" : label}
        <input
          type="file"
          accept={ACCEPT}
          capture="environment"
          aria-label={`${label}：${item.name}`}
          disabled={Boolean(busy)}
          onChange={choose}
        />
      </label>
      <Alert>{error}</Alert>
    </li>
  );
}

// `announce`: the panel shows the upload's confirmation itself; the chat widget says it in the
// conversation instead (once: the backend only records it there, see notices/content.py).
export default function Materials({ pass, onUploaded, announce = true }) {
  const [data, setData] = useState(null);
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState("");

  const refresh = useCallback(() => {
    loadMaterials(pass)
      .then(setData)
      .catch((e) => setError(e.message));
  }, [pass]);
  useEffect(refresh, [refresh]);

  function done(result) {
    if (announce) setNotice(result.message);
    onUploaded?.(result);
    refresh();
  }

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p>正在读取材料…</p>;
  return (
    <section className="materials" aria-label="上传材料">
      <h3>上传材料</h3>
      {data.wanted.length === 0 ? (
        <p>目前没有需要上传的材料。</p>
      ) : (
        <>
          <p className="hint">
            可拍照或上传 JPG、PNG、PDF，每个文件不超过 {size(data.max_file_bytes)}；照片中的位置等信息会被去除，文件加密保存。
          </p>
          <ul className="material-list">
            {data.wanted.map((item) => (
              <Item key={item.code} item={item} pass={pass} onDone={done} busy={busy} setBusy={setBusy} />
            ))}
          </ul>
        </>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {data.received.length > 0 && (
        <>
          <h4>已收到的材料</h4>
          <ul className="received">
            {data.received.map((m) => (
              <li key={m.id}>
                {m.name}（{m.content_type === "application/pdf" ? `PDF ${m.pages}页` : "图片"}，{size(m.size)}，
                {time(m.received_at)}）
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
