import { useEffect, useRef, useState } from "react";
import Alert from "../Alert.jsx";
import { staffGet, staffPost } from "./api.js";
import "./Conversation.css";
import { CHANNELS, OUTCOMES, SPEAKERS, clock, matterNames, useMatterNames, usePolling } from "./ConversationParts.jsx";

// One taken-over conversation: the masked transcript and form answers (new citizen messages
// appear within 1.5 s), the agent's reply box, and the ways to end: hand back to the assistant,
// put back in the queue, transfer, or close with an outcome.
export default function Conversation({ id, onLeave }) {
  const names = useMatterNames();
  const [view, setView] = useState(null);
  const [error, setError] = useState("");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [revealed, setRevealed] = useState({});
  const [revealing, setRevealing] = useState(null);
  const [reason, setReason] = useState("");
  const [transferTo, setTransferTo] = useState("");
  const [outcome, setOutcome] = useState(OUTCOMES[0][0]);
  const endRef = useRef(null);
  const base = `/api/v1/staff/handoffs/${id}`;

  usePolling(async () => setView(await staffGet(base)), setError, [id]);
  const lines = view?.transcript.length ?? 0;
  useEffect(() => {
    // A block, not an expression: Chromium's scrollIntoView may return a promise, and React
    // would call an effect's return value as its cleanup.
    endRef.current?.scrollIntoView?.({ block: "end" });
  }, [lines]);

  async function act(path, body = {}, leave = true) {
    setError("");
    try {
      const result = await staffPost(`${base}${path}`, body);
      if (leave) onLeave();
      return result;
    } catch (e) {
      setError(e.message);
      return null;
    }
  }

  async function send(event) {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    if ((await act("/messages", { text }, false)) !== null) {
      setText("");
      setView(await staffGet(base).catch(() => view));
    }
    setSending(false);
  }

  async function reveal(event) {
    event.preventDefault();
    const shown = await act("/reveal", { field: revealing, reason }, false);
    if (shown) {
      setRevealed((r) => ({ ...r, [shown.field]: shown.value }));
      setRevealing(null);
      setReason("");
    }
  }

  if (!view) {
    return <p className="console-loading">{error || "正在读取对话…"}</p>;
  }
  const h = view.handoff;
  return (
    <section className="console-card console-conversation" aria-label="会话">
      <header className="conversation-head">
        <button type="button" onClick={onLeave}>
          ← 返回队列
        </button>
        <span>
          {CHANNELS[h.channel] || h.channel} · 会话 {h.conversation_id} · {matterNames(h.matters, names) || "未选事项"}
        </span>
        <span className="paused">{view.paused ? "助手已暂停，由您回复" : "助手在回复"}</span>
      </header>
      <Alert className="field-error">{error}</Alert>
      <div className="conversation-body">
        <ol className="transcript" aria-label="对话记录（已脱敏）">
          {view.transcript.map((line, i) => (
            <li key={`${line.at}-${i}`} className={`line ${line.who}`}>
              <span className="who">{SPEAKERS[line.who]}</span>
              <time>{clock(line.at)}</time>
              <p>{line.text}</p>
            </li>
          ))}
          <li ref={endRef} className="transcript-end" aria-hidden="true" />
        </ol>
        <aside className="answers" aria-label="已填写内容（已脱敏）">
          <h3>已填写内容</h3>
          {view.answers.length === 0 && <p>还没有填写。</p>}
          <dl>
            {view.answers.map((a) => (
              <div key={a.field} data-field={a.field}>
                <dt>{a.label}</dt>
                <dd>
                  {revealed[a.field] ?? a.value}
                  {a.revealable && !(a.field in revealed) && (
                    <button type="button" className="link" onClick={() => setRevealing(a.field)}>
                      显示完整信息
                    </button>
                  )}
                </dd>
              </div>
            ))}
          </dl>
          {view.pending_question && <p className="pending">交回后助手从这里接着问：{view.pending_question}</p>}
          {revealing && (
            <form className="reveal" onSubmit={reveal}>
              <label>
                查看原因（会记录在审计日志中）
                <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} />
              </label>
              <button type="submit">确认查看</button>
              <button type="button" onClick={() => setRevealing(null)}>
                取消
              </button>
            </form>
          )}
        </aside>
      </div>
      <form className="reply" onSubmit={send}>
        <label htmlFor="reply-text">回复市民</label>
        <textarea
          id="reply-text"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          placeholder="输入要发给市民的消息，会出现在市民自己的聊天窗口或微信里"
        />
        <button type="submit" disabled={sending || !text.trim()}>
          发送
        </button>
      </form>
      <div className="conversation-actions">
        <button type="button" onClick={() => act("/hand-back")}>
          交回助手
        </button>
        <button type="button" onClick={() => act("/release")}>
          放回队列
        </button>
        <span>
          <input
            aria-label="转给（用户名）"
            value={transferTo}
            onChange={(e) => setTransferTo(e.target.value)}
            placeholder="工作人员用户名"
          />
          <button type="button" disabled={!transferTo} onClick={() => act("/transfer", { to: transferTo })}>
            转给他人
          </button>
        </span>
        <span>
          <select aria-label="处理结果" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {OUTCOMES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => act("/close", { outcome })}>
            结束服务
          </button>
        </span>
      </div>
    </section>
  );
}
