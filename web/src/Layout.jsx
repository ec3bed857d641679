import { useElderMode } from "./elder.js";

const LINKS = [
  ["/", "首页"],
  ["/guides.html", "办事指南"],
  ["/progress.html", "进度查询"],
  ["/chat.html", "在线咨询"],
];

export default function Layout({ title, children }) {
  const [elder, toggleElder] = useElderMode();
  return (
    <div className="page">
      <header className="topbar">
        <a className="brand" href="/">
          婚育一件事
        </a>
        <button type="button" className="elder-toggle" onClick={toggleElder} aria-pressed={elder}>
          {elder ? "标准模式" : "长辈模式"}
        </button>
      </header>
      <nav className="nav" aria-label="主导航">
        {LINKS.map(([href, label]) => (
          <a key={href} href={href} aria-current={location.pathname === href ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
      <footer className="footer">
        上海市公民婚育一件事联办服务 · 咨询请拨打 12345 市民服务热线（24小时）
      </footer>
    </div>
  );
}
