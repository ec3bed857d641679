// Numbered choices, as on WeChat (bot/channels/wechat_text.py): a bot message's buttons are also
// listed with numbers in its text, and a typed "2" or "第二个" picks the second of the buttons on
// screen, so a citizen who types instead of tapping (or reads the list aloud) is understood.
const ORDINAL = /^\s*(?:选|就|我选)?\s*第?\s*([1-9]|[一二三四五六七八九])\s*(?:个|项|种|条|号)?\s*[。.!！]?\s*$/;
const CHINESE = "一二三四五六七八九";

export function withNumbers(text, replies) {
  if (!replies || replies.length === 0) return text;
  const lines = replies.map((r, i) => `${i + 1}. ${r.name}`);
  return `${text ? `${text}\n\n` : ""}回复数字选择：\n${lines.join("\n")}`;
}

// The quick reply a typed number stands for, or null when the text is not a number among them.
export function pickChoice(typed, replies) {
  const m = ORDINAL.exec(typed || "");
  if (!m || !replies || replies.length === 0) return null;
  const digit = CHINESE.indexOf(m[1]) >= 0 ? CHINESE.indexOf(m[1]) + 1 : Number(m[1]);
  return replies[digit - 1] || null;
}
