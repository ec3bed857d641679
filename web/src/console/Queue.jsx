// The handed-off conversations queue and the conversation view go here (Queue*.jsx,
// Conversation*.jsx: the handoff half of issue #17).
export default function Queue() {
  return (
    <section className="console-card" aria-label="转人工队列">
      <h2>转人工队列</h2>
      <p className="muted">转人工会话的队列尚未接入。</p>
    </section>
  );
}
