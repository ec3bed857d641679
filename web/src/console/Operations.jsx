// 运营 (supervisors): notices that could not be delivered (retry each once the cause is fixed) and
// the citizens' ratings (好差评) averaged per matter and per channel.
import { useEffect, useState } from "react";
import Alert from "../Alert.jsx";
import DataTable from "../DataTable.jsx";
import { shanghaiTime } from "./ConversationParts.jsx";
import { staffGet, staffPost } from "./api.js";

const CHANNELS = { chat: "对话", sms: "短信" };

const deadLetterColumns = (retry) => [
  { title: "编号", cell: (n) => n.id },
  { title: "渠道", cell: (n) => CHANNELS[n.channel] || n.channel },
  { title: "内容", cell: (n) => n.text },
  { title: "尝试次数", cell: (n) => n.attempts },
  { title: "最后错误", cell: (n) => n.last_error || "" },
  { title: "生成时间", cell: (n) => shanghaiTime(n.created_at) },
  {
    title: "",
    cell: (n) => (
      <button type="button" onClick={() => retry(n.id)}>
        重新投递
      </button>
    ),
  },
];

const AVERAGE_COLUMNS = [
  { title: "", cell: (r) => r.name },
  { title: "评价数", cell: (r) => r.count },
  { title: "平均分", cell: (r) => (r.average == null ? "—" : r.average.toFixed(2)) },
];

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
        <DataTable
          className="dead-letters"
          columns={deadLetterColumns(retry)}
          rows={rows}
          rowKey={(n) => n.id}
        />
      )}
    </section>
  );
}

function Averages({ title, rows }) {
  return <DataTable className="ratings" caption={title} columns={AVERAGE_COLUMNS} rows={rows} rowKey={(r) => r.key} />;
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
      <Alert>{error}</Alert>
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
