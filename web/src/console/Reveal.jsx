// 显示完整信息: one full value, only with a reason; the backend writes an audit row each time.
import { useState } from "react";
import { staffPost } from "./api.js";

export default function Reveal({ applicationNo, field, masked, label }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState("");

  async function reveal(event) {
    event.preventDefault();
    setError("");
    try {
      const body = { subject_type: "application", subject_id: applicationNo, field, reason };
      setValue((await staffPost("/api/v1/staff/reveal", body)).value);
      setOpen(false);
    } catch (e) {
      setError(e.errors?.length ? e.errors.map((x) => x.message).join(" ") : e.message);
    }
  }

  return (
    <span className="reveal" data-field={field}>
      <span className="value">{value || masked}</span>{" "}
      {!value && !open && (
        <button type="button" className="link" onClick={() => setOpen(true)} aria-label={`显示完整信息：${label}`}>
          显示完整信息
        </button>
      )}
      {open && (
        <form className="reveal-form" onSubmit={reveal}>
          <input
            aria-label="查看原因"
            placeholder="查看原因（必填，记入审计）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit">确认查看</button>
          <button type="button" className="link" onClick={() => setOpen(false)}>
            取消
          </button>
          {error && (
            <span className="field-error" role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </span>
  );
}
