// 运营 (supervisors): notices that could not be delivered (retry each once the cause is fixed) and
// the citizens' ratings (好差评) averaged per matter and per channel.
import { useEffect, useState } from "react";
import { staffGet, staffPost } from "./api.js";

const CHANNELS = { chat: "对话", sms: "短信" };

function time(iso) {
  return iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "";
}

function DeadLetters() {
  const [rows, setRows] = useState([]);
  const [message, setMessage] = useState("");

  const load = () => staffGet("/api/v1/staff/notices/dead-letters").then(setRows, (e) => setMessage(e.message));
  useEffect(() => {
    load();
  }, []);

  async function retry(id) {
    try {
      await staffPost(`/api/v1/staff/notices/${id}/retry`);
      setMessage(`通知 ${id} 已重新排队投递。`);
      load();
    } catch (e) {
      setMessage(e.message);
    }
  }

  return (
    <section className="console-card">
      <h2>投递失败的通知</h2>
      {message && <p role="status">{message}</p>}
      {rows.length === 0 ? (
        <p className="muted">没有投递失败的通知。</p>
      ) : (
        <table className="dead-letters">
          <thead>
            <tr>
              <th>编号</th>
              <th>渠道</th>
              <th>内容</th>
              <th>尝试次数</th>
              <th>最后错误</th>
              <th>生成时间</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((n) => (
              <tr key={n.id}>
                <td>{n.id}</td>
                <td>{CHANNELS[n.channel] || n.channel}</td>
                <td>{n.text}</td>
                <td>{n.attempts}</td>
                <td>{n.last_error || ""}</td>
                <td>{time(n.created_at)}</td>
                <td>
                  <button type="button" onClick={() => retry(n.id)}>
                    重新投递
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Averages({ title, rows }) {
  return (
    <table className="ratings">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th />
          <th>评价数</th>
          <th>平均分</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.name}</td>
            <td>{r.count}</td>
            <td>{r.average == null ? "—" : r.average.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Ratings() {
  const [summary, setSummary] = useState(null);
  const [error, setError] = useState("");
  useEffect(() => {
    staffGet("/api/v1/staff/ratings/summary").then(setSummary, (e) => setError(e.message));
  }, []);
  return (
    <section className="console-card">
      <h2>好差评汇总</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {summary && (
        <>
          <p>共 {summary.total} 条评价（1–5分）。</p>
          <Averages title="按事项" rows={summary.by_matter} />
          <Averages title="按渠道" rows={summary.by_channel} />
        </>
      )}
    </section>
  );
}

export default function Operations() {
  return (
    <>
      <DeadLetters />
      <Ratings />
    </>
  );
}
