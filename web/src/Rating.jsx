import { useEffect, useState } from "react";
import { ApiError } from "./api.js";
import Alert from "./Alert.jsx";

// 好差评: offered once every matter is final, accepted once per application.
async function call(path, pass, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: "application/json", "X-Application-Pass": pass, ...(init.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.detail || "服务暂时不可用，请稍后再试。");
  return body;
}

const LABELS = ["", "非常不满意", "不满意", "一般", "满意", "非常满意"];

export default function Rating({ pass }) {
  const [state, setState] = useState(null);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [error, setError] = useState("");

  useEffect(() => {
    call("/api/v1/ratings/mine", pass)
      .then(setState)
      .catch(() => setState(null));
  }, [pass]);

  if (!state || (!state.can_rate && !state.rated)) return null;
  if (state.rated)
    return (
      <p className="notice rating-done" role="status">
        {state.message}
      </p>
    );

  async function submit(event) {
    event.preventDefault();
    setError("");
    try {
      setState(
        await call("/api/v1/ratings/mine", pass, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ score, comment: comment.trim() || null }),
        }),
      );
    } catch (e) {
      setError(e.message);
    }
  }

  return (
    <form className="rating" onSubmit={submit} aria-label="办事评价">
      <h3>办事评价</h3>
      <p>{state.message}</p>
      <div className="stars" role="radiogroup" aria-label="评分">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n}>
            <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
            {n}分 {LABELS[n]}
          </label>
        ))}
      </div>
      <label>
        意见建议（可选）
        <textarea value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" disabled={!score}>
        提交评价
      </button>
      <Alert>{error}</Alert>
    </form>
  );
}
