// The 12345 staff console at /console: sign-in, then views chosen by the address's #fragment
// (no personal data ever goes into it).
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import "../styles.css";
import "./console.css";
import Accounts from "./Accounts.jsx";
import Audit from "./Audit.jsx";
import Hotline from "./Hotline.jsx";
import Login from "./Login.jsx";
import Lookup from "./Lookup.jsx";
import Operations from "./Operations.jsx";
import Queue from "./Queue.jsx";
import { setCsrfToken, staffGet, staffPost, whenSignedOut } from "./api.js";

const VIEWS = [
  { path: "queue", label: "转人工队列", View: Queue },
  { path: "hotline", label: "来电申请", View: Hotline },
  { path: "lookup", label: "进度查询", View: Lookup },
  { path: "accounts", label: "账号管理", View: Accounts, supervisor: true },
  { path: "audit", label: "审计记录", View: Audit, supervisor: true },
  { path: "operations", label: "通知与评价", View: Operations, supervisor: true },
];

function currentPath() {
  return location.hash.replace(/^#\/?/, "") || "queue";
}

function Console() {
  const [me, setMe] = useState(undefined); // undefined: still asking; null: signed out
  const [path, setPath] = useState(currentPath);

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    staffGet("/api/v1/staff/me").then(
      (s) => {
        setCsrfToken(s.csrf_token);
        setMe(s.staff);
      },
      () => setMe(null),
    );
    const onHash = () => setPath(currentPath());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  if (me === undefined) return <p className="muted">正在加载…</p>;
  if (me === null) return <Login onSignedIn={setMe} />;

  const views = VIEWS.filter((v) => !v.supervisor || me.role === "supervisor");
  const active = views.find((v) => v.path === path) || views[0];
  async function logout() {
    await staffPost("/api/v1/staff/logout").catch(() => {});
    setCsrfToken("");
    setMe(null);
  }
  return (
    <div className="console">
      <header className="console-top">
        <strong>12345 坐席工作台</strong>
        <span className="whoami">
          {me.display_name}（{me.role === "supervisor" ? "主管" : "坐席"}）
          <button type="button" className="link" onClick={logout}>
            退出
          </button>
        </span>
      </header>
      <nav className="console-nav" aria-label="工作台导航">
        {views.map((v) => (
          <a key={v.path} href={`#/${v.path}`} aria-current={v === active ? "page" : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      <main>
        <active.View me={me} />
      </main>
    </div>
  );
}

createRoot(document.getElementById("root")).render(<Console />);
