import { useState } from "react";
import { staffGet, staffPost } from "./api.js";
import Conversation from "./Conversation.jsx";
import { CHANNELS, matterNames, useMatterNames, usePolling, waited } from "./ConversationParts.jsx";

// The 转人工 view: the queue, or the conversation the agent has open.
export default function Queue() {
  const [open, setOpen] = useState(null);
  return open === null ? <QueueList onOpen={setOpen} /> : <Conversation id={open} onLeave={() => setOpen(null)} />;
}

// The handed-off conversations, longest-waiting first, refreshed every 1.5 s. An agent claims one
// (the assistant pauses for it) or opens one they already hold.
function QueueList({ onOpen }) {
  const names = useMatterNames();
  const [rows, setRows] = useState([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(null);

  usePolling(async () => {
    setRows(await staffGet("/api/v1/staff/handoffs"));
  }, setError);

  async function claim(id) {
    setBusy(id);
    setError("");
    try {
      await staffPost(`/api/v1/staff/handoffs/${id}/claim`, {});
      onOpen(id);
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(null);
    }
  }

  const waiting = rows.filter((r) => r.status === "open").length;
  return (
    <section className="console-card console-queue" aria-label="转人工队列">
      <h2>
        转人工队列 <small>等待中 {waiting} 个</small>
      </h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">目前没有等待人工的会话。</p>
      ) : (
        <table className="queue-table">
          <thead>
            <tr>
              <th>排队</th>
              <th>渠道</th>
              <th>事项</th>
              <th>摘要（已脱敏）</th>
              <th>等待时间</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-conversation={r.conversation_id} className={`queue-row ${r.status}`}>
                <td>{r.status === "open" ? r.position : "—"}</td>
                <td>{CHANNELS[r.channel] || r.channel}</td>
                <td>{matterNames(r.matters, names) || "—"}</td>
                <td>{r.summary || "—"}</td>
                <td>{waited(r.waiting_seconds)}</td>
                <td>{r.status === "open" ? "等待接手" : r.mine ? "我在处理" : `${r.claimed_by} 处理中`}</td>
                <td>
                  {r.status === "open" && (
                    <button type="button" disabled={busy === r.id} onClick={() => claim(r.id)}>
                      接手
                    </button>
                  )}
                  {r.mine && (
                    <button type="button" onClick={() => onOpen(r.id)}>
                      打开
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
