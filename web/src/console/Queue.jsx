import { useState } from "react";
import Alert from "../Alert.jsx";
import DataTable from "../DataTable.jsx";
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

  const columns = [
    { title: "排队", cell: (r) => (r.status === "open" ? r.position : "—") },
    { title: "渠道", cell: (r) => CHANNELS[r.channel] || r.channel },
    { title: "事项", cell: (r) => matterNames(r.matters, names) || "—" },
    { title: "摘要（已脱敏）", cell: (r) => r.summary || "—" },
    { title: "等待时间", cell: (r) => waited(r.waiting_seconds) },
    { title: "状态", cell: (r) => (r.status === "open" ? "等待接手" : r.mine ? "我在处理" : `${r.claimed_by} 处理中`) },
    {
      title: "",
      cell: (r) => (
        <>
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
        </>
      ),
    },
  ];
  const waiting = rows.filter((r) => r.status === "open").length;
  return (
    <section className="console-card console-queue" aria-label="转人工队列">
      <h2>
        转人工队列 <small>等待中 {waiting} 个</small>
      </h2>
      <Alert className="field-error">{error}</Alert>
      {rows.length === 0 ? (
        <p className="muted">目前没有等待人工的会话。</p>
      ) : (
        <DataTable
          className="queue-table"
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={(r) => ({ "data-conversation": r.conversation_id, className: `queue-row ${r.status}` })}
        />
      )}
    </section>
  );
}
