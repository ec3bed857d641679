// 账号管理 (supervisors): list, create, disable/enable, reset a password.
import { useEffect, useState } from "react";
import DataTable from "../DataTable.jsx";
import { errorsByField, staffGet, staffPost } from "./api.js";
import Field from "./Field.jsx";

const ROLE_NAMES = { agent: "坐席", supervisor: "主管" };
const NEW = { username: "", display_name: "", role: "agent", password: "" };

export default function Accounts({ me }) {
  const [accounts, setAccounts] = useState([]);
  const [form, setForm] = useState(NEW);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState("");
  const [resetFor, setResetFor] = useState(null);
  const [newPassword, setNewPassword] = useState("");

  const load = () => staffGet("/api/v1/staff/accounts").then(setAccounts, (e) => setMessage(e.message));
  useEffect(() => {
    load();
  }, []);

  async function create(event) {
    event.preventDefault();
    setMessage("");
    try {
      const made = await staffPost("/api/v1/staff/accounts", form);
      setForm(NEW);
      setErrors({});
      setMessage(`已创建账号 ${made.username}`);
      load();
    } catch (e) {
      setErrors(errorsByField(e));
      setMessage(e.message);
    }
  }

  async function act(path, body, done) {
    setMessage("");
    try {
      await staffPost(path, body);
      setMessage(done);
      load();
    } catch (e) {
      setMessage(e.errors?.length ? e.errors.map((x) => x.message).join(" ") : e.message);
    }
  }

  const columns = [
    { title: "用户名", cell: (a) => a.username },
    { title: "姓名", cell: (a) => a.display_name },
    { title: "角色", cell: (a) => ROLE_NAMES[a.role] },
    { title: "状态", cell: (a) => (a.active ? (a.locked ? "已锁定" : "正常") : "已停用") },
    {
      title: "操作",
      cell: (a) => (
        <>
          {a.id !== me.id && (
            <button type="button" className="link" onClick={() => act(`/api/v1/staff/accounts/${a.id}/active`, { active: !a.active }, a.active ? "已停用" : "已启用")}>
              {a.active ? "停用" : "启用"}
            </button>
          )}{" "}
          <button type="button" className="link" onClick={() => setResetFor(a)}>
            重置密码
          </button>
        </>
      ),
    },
  ];

  return (
    <section className="console-card">
      <h2>账号管理</h2>
      {message && <p role="status">{message}</p>}
      <DataTable
        className="accounts"
        columns={columns}
        rows={accounts}
        rowKey={(a) => a.id}
        rowProps={(a) => ({ "data-username": a.username })}
      />
      {resetFor && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            act(`/api/v1/staff/accounts/${resetFor.id}/password`, { password: newPassword }, `已重置 ${resetFor.username} 的密码`);
            setNewPassword("");
            setResetFor(null);
          }}
        >
          <label>
            {resetFor.username} 的新密码
            <input type="password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} autoComplete="new-password" />
          </label>
          <button type="submit">确认重置</button>
        </form>
      )}
      <form className="new-account" method="post" action="#" onSubmit={create}>
        <h3>新建账号</h3>
        <Field label="用户名" name="username" value={form.username} errors={errors} onChange={(k, v) => setForm({ ...form, [k]: v })} />
        <Field label="姓名/工号" name="display_name" value={form.display_name} errors={errors} onChange={(k, v) => setForm({ ...form, [k]: v })} />
        <div className="field">
          <label htmlFor="f-role">角色</label>
          <select id="f-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option value="agent">坐席</option>
            <option value="supervisor">主管</option>
          </select>
        </div>
        <Field
          label="初始密码"
          name="password"
          type="password"
          value={form.password}
          errors={errors}
          onChange={(k, v) => setForm({ ...form, [k]: v })}
          autoComplete="new-password"
        />
        <button type="submit">创建</button>
      </form>
    </section>
  );
}
