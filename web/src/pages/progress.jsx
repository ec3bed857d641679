import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import Layout from "../Layout.jsx";
import { postJSON } from "../api.js";
import Materials from "../Materials.jsx";
import Rating from "../Rating.jsx";
import "../styles.css";
import MattersTable from "../MattersTable.jsx";
import Alert from "../Alert.jsx";

function time(iso) {
  return new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
}

function Result({ data, live }) {
  return (
    <section className="result" aria-live="polite">
      <h2>
        申请 {data.application_no}：{data.overall_status_text}
      </h2>
      <p className="live-status" data-live={live}>
        {live === "on" ? "页面打开期间，办理状态变化会自动更新。" : live === "ended" ? "自动更新已结束，请重新查询。" : ""}
      </p>
      <MattersTable matters={data.matters} />
      <h3>办理记录</h3>
      <ol className="timeline">
        {data.timeline.map((t, i) => (
          <li key={i}>
            <span className="when">{time(t.recorded_at)}</span> {t.matter_name}：{t.status_text}（{t.actor_name}）
            {t.note ? ` — ${t.note}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ProgressPage() {
  const [number, setNumber] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [data, setData] = useState(null);
  const [pass, setPass] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [streamToken, setStreamToken] = useState(null);
  const [live, setLive] = useState("off");

  // Live updates while the page is open: the look-up's short-lived token opens a server-sent
  // event stream; the ID number never goes into its address.
  useEffect(() => {
    if (!streamToken) return undefined;
    const source = new EventSource(`/api/v1/progress/stream?token=${encodeURIComponent(streamToken)}`);
    source.addEventListener("open", () => setLive("on"));
    source.addEventListener("progress", (e) => setData(JSON.parse(e.data)));
    source.addEventListener("expired", () => {
      source.close();
      setLive("ended");
    });
    source.addEventListener("error", () => {
      if (source.readyState === EventSource.CLOSED) setLive("ended");
    });
    return () => source.close();
  }, [streamToken]);

  async function query() {
    const body = { application_no: number.trim(), id_number: idNumber.trim() };
    const progress = await postJSON("/api/v1/progress/query", body);
    setData(progress);
    setStreamToken(progress.stream_token || null);
    // The same proof opens uploads and the rating for this application only.
    const issued = await postJSON("/api/v1/materials/passes", body).catch(() => null);
    setPass(issued ? issued.pass_token : "");
  }

  // The ID number travels only in a POST body, never in the address bar or access logs.
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    setData(null);
    setPass("");
    setStreamToken(null);
    setLive("off");
    try {
      await query();
    } catch (e) {
      setError(e.errors?.length ? e.errors.map((x) => x.message).join(" ") : e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Layout title="进度查询">
      <form className="progress-form" method="post" action="#" onSubmit={submit}>
        <label>
          申请编号
          <input
            name="application_no"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder="以HY开头的16位编号"
            required
            autoComplete="off"
          />
        </label>
        <label>
          身份证号（任一方）
          <input
            name="id_number"
            value={idNumber}
            onChange={(e) => setIdNumber(e.target.value)}
            placeholder="18位居民身份证号"
            required
            autoComplete="off"
            inputMode="text"
          />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "查询中…" : "查询"}
        </button>
      </form>
      <Alert>{error}</Alert>
      {data && <Result data={data} live={live} />}
      {data && pass && (
        <Materials
          pass={pass}
          onUploaded={() =>
            postJSON("/api/v1/progress/query", { application_no: number.trim(), id_number: idNumber.trim() })
              .then(setData)
              .catch(() => {})
          }
        />
      )}
      {data && pass && <Rating pass={pass} />}
    </Layout>
  );
}

createRoot(document.getElementById("root")).render(<ProgressPage />);
