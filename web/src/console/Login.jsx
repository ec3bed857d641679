import { useState } from "react";
import { staffPost, setCsrfToken } from "./api.js";
import Alert from "../Alert.jsx";

export default function Login({ onSignedIn }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const session = await staffPost("/api/v1/staff/login", { username: username.trim(), password });
      setCsrfToken(session.csrf_token);
      setPassword("");
      onSignedIn(session.staff);
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="console-card login" method="post" action="#" onSubmit={submit}>
      <h1>12345 坐席工作台</h1>
      <label>
        用户名
        <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
      </label>
      <label>
        密码
        <input
          name="password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
      </label>
      <Alert>{error}</Alert>
      <button type="submit" disabled={busy}>
        {busy ? "登录中…" : "登录"}
      </button>
    </form>
  );
}
