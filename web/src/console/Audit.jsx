// 审计记录 (supervisors): who saw full personal data or acted for a caller, filtered by staff
// member, subject and date range.
import { useEffect, useState } from "react";
import Alert from "../Alert.jsx";
import DataTable from "../DataTable.jsx";
import { shanghaiTime } from "./ConversationParts.jsx";
import { staffGet } from "./api.js";

const ACTIONS = { reveal: "显示完整信息", progress_lookup: "查询进度", withdraw: "撤回申请" };

const COLUMNS = [
  { title: "时间", cell: (r) => shanghaiTime(r.occurred_at) },
  { title: "工作人员", cell: (r) => r.staff_username },
  { title: "操作", cell: (r) => ACTIONS[r.action] || r.action },
  { title: "对象", cell: (r) => r.subject_id },
  { title: "字段", cell: (r) => r.field || "" },
  { title: "原因", cell: (r) => r.reason },
];

export default function Audit() {
  const [accounts, setAccounts] = useState([]);
  const [filters, setFilters] = useState({ staff_id: "", subject_id: "", date_from: "", date_to: "" });
  const [rows, setRows] = useState([]);
  const [error, setError] = useState("");

  async function search(event) {
    event?.preventDefault();
    setError("");
    try {
      const params = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ""));
      setRows(await staffGet("/api/v1/staff/audit", params));
    } catch (e) {
      setError(e.message);
    }
  }

  useEffect(() => {
    staffGet("/api/v1/staff/accounts").then(setAccounts, () => {});
    search();
  }, []);

  const set = (name) => (e) => setFilters({ ...filters, [name]: e.target.value });
  return (
    <section className="console-card">
      <h2>审计记录</h2>
      <form className="audit-filters" onSubmit={search}>
        <label>
          工作人员
          <select value={filters.staff_id} onChange={set("staff_id")}>
            <option value="">全部</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.display_name}（{a.username}）
              </option>
            ))}
          </select>
        </label>
        <label>
          申请编号/会话
          <input value={filters.subject_id} onChange={set("subject_id")} />
        </label>
        <label>
          从
          <input type="date" value={filters.date_from} onChange={set("date_from")} />
        </label>
        <label>
          到
          <input type="date" value={filters.date_to} onChange={set("date_to")} />
        </label>
        <button type="submit">筛选</button>
      </form>
      <Alert>{error}</Alert>
      <DataTable className="audit" columns={COLUMNS} rows={rows} rowKey={(r) => r.id} />
      {rows.length === 0 && <p className="muted">没有符合条件的记录。</p>}
    </section>
  );
}
