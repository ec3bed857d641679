import { createRoot } from "react-dom/client";
import Layout from "../Layout.jsx";
import { useCatalog } from "../useCatalog.js";
import "../styles.css";

function Home() {
  const [catalog, error] = useCatalog();
  return (
    <Layout title="公民婚育一件事">
      <p className="lead">
        结婚登记、户口婚姻状况变更、因婚姻市内户口迁移、生育登记——四件事填一次信息、交一次申请。双方到婚姻登记处办完结婚登记后，电子结婚证自动推送，其他事项自动启动，进度在一处查询。
      </p>
      <div className="actions">
        <a className="primary" href="/chat.html">
          开始聊天办理
        </a>
        <a className="secondary" href="/progress.html">
          查询办理进度
        </a>
      </div>
      <section className="cards" aria-label="四个事项">
        {error && <p className="error">{error}</p>}
        {catalog?.matters.map((m) => (
          <a key={m.code} className="card" href={`/guides.html#${m.code}`}>
            <strong>{m.short_name}</strong>
            <span>{m.department_name}部门</span>
          </a>
        ))}
      </section>
      <section>
        <h2>办理步骤</h2>
        <ol className="steps">
          <li>了解办事指南，勾选要办的事项（还没领证的，结婚登记必选；已经领证的，可以只办其他三项）。</li>
          <li>填写双方信息、预约婚姻登记处和日期，一次提交，获得申请编号。</li>
          <li>按预约日期，双方一同携带身份证到婚姻登记处办理结婚登记。</li>
          <li>民政部门推送电子结婚证，公安、卫健事项自动启动。</li>
          <li>凭申请编号和身份证号随时查询各事项进度和结果。</li>
        </ol>
      </section>
    </Layout>
  );
}

createRoot(document.getElementById("root")).render(<Home />);
