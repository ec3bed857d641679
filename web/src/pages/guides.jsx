import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import Layout from "../Layout.jsx";
import { getJSON } from "../api.js";
import { useCatalog } from "../useCatalog.js";
import "../styles.css";

function Section({ section }) {
  return (
    <article className="section">
      <h3>{section.aspect_name}</h3>
      <p className="text">{section.text}</p>
      <p className="source">{section.source}</p>
    </article>
  );
}

function MatterGuide({ matter, aspects }) {
  const [sections, setSections] = useState([]);
  const [error, setError] = useState("");
  useEffect(() => {
    setError("");
    Promise.all(aspects.map((a) => getJSON(`/api/v1/guides/${matter}/sections/${a.code}`)))
      .then(setSections)
      .catch((e) => setError(e.message));
  }, [matter, aspects]);
  if (error) return <p className="error">{error}</p>;
  return sections.map((s) => <Section key={s.aspect} section={s} />);
}

function Search() {
  const [q, setQ] = useState("");
  const [result, setResult] = useState(null);
  const [error, setError] = useState("");
  async function search(event) {
    event.preventDefault();
    setError("");
    try {
      setResult(await getJSON("/api/v1/guides/search", { q }));
    } catch (e) {
      setError(e.errors?.[0]?.message || e.message);
    }
  }
  return (
    <section aria-label="办事指南检索">
      <form className="search" onSubmit={search}>
        <input
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="例如：领证要带户口本吗"
          aria-label="搜索办事指南"
          maxLength={200}
        />
        <button type="submit">搜索</button>
      </form>
      {error && <p className="error">{error}</p>}
      {result && result.hits.length === 0 && <p>没有找到相关内容，可以换个说法，或拨打12345咨询。</p>}
      {result?.hits.map((hit, i) => (
        <article className="section hit" key={i}>
          <h3>
            {hit.matter_name} · {hit.title}
          </h3>
          <p className="text">{hit.text}</p>
          <p className="source">{hit.source}</p>
        </article>
      ))}
    </section>
  );
}

function Checklist({ matters }) {
  const [chosen, setChosen] = useState(matters.map((m) => m.code));
  const [checklist, setChecklist] = useState(null);
  const [error, setError] = useState("");
  useEffect(() => {
    if (chosen.length === 0) {
      setChecklist(null);
      return;
    }
    getJSON("/api/v1/guides/checklist", { matters: chosen.join(",") })
      .then((c) => {
        setChecklist(c);
        setError("");
      })
      .catch((e) => setError(e.message));
  }, [chosen]);
  const toggle = (code) =>
    setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));
  return (
    <section aria-label="材料清单" id="checklist">
      <h2>一次告知 · 材料清单</h2>
      <div className="checks">
        {matters.map((m) => (
          <label key={m.code}>
            <input type="checkbox" checked={chosen.includes(m.code)} onChange={() => toggle(m.code)} />
            {m.short_name}
          </label>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
      {checklist && <pre className="checklist">{checklist.text}</pre>}
    </section>
  );
}

function GuidesPage() {
  const [catalog, error] = useCatalog();
  return (
    <Layout title="办事指南">
      <Search />
      {error && <p className="error">{error}</p>}
      {catalog && <Guides matters={catalog.matters} aspects={catalog.aspects} />}
    </Layout>
  );
}

function Guides({ matters, aspects }) {
  const initial = matters.some((m) => m.code === location.hash.slice(1)) ? location.hash.slice(1) : matters[0].code;
  const [matter, setMatter] = useState(initial);
  return (
    <>
      <div className="tabs" role="tablist">
        {matters.map((m) => (
          <button
            key={m.code}
            role="tab"
            type="button"
            aria-selected={m.code === matter}
            onClick={() => {
              setMatter(m.code);
              history.replaceState(null, "", `#${m.code}`);
            }}
          >
            {m.short_name}
          </button>
        ))}
      </div>
      <MatterGuide matter={matter} aspects={aspects} />
      <Checklist matters={matters} />
    </>
  );
}

createRoot(document.getElementById("root")).render(<GuidesPage />);
