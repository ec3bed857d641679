import { useEffect, useRef, useState } from "react";
import Chat, { Bubble, useMessages } from "@chatui/core";
import "@chatui/core/dist/index.css";
import { io } from "socket.io-client";
import { getJSON, postJSON } from "./api.js";
import Materials from "./Materials.jsx";
import { pickChoice, withNumbers } from "./choices.js";

// The conversation survives reloads: the chat session the backend signed and the shown messages
// are kept on this device. Rasa's channel takes the conversation from the signed session only,
// so nobody holding a conversation id alone can join it. Each page load renews the session.
const SESSION_KEY = "hy.chat.token";
const SENDER_KEY = "hy.chat.sender";
const HISTORY_KEY = "hy.chat.history";
const QUICK_KEY = "hy.chat.quick";
const MAX_HISTORY = 200;
const STATUS_TEXT = {
  connecting: "正在连接…",
  connected: "",
  reconnecting: "连接中断，正在重新连接…",
  offline: "暂时无法连接，请检查网络；也可拨打12345热线",
};

function load(key, fallback) {
  try {
    return JSON.parse(localStorage.getItem(key)) ?? fallback;
  } catch {
    return fallback;
  }
}

// What the citizen typed is shown (and kept on this device) with ID numbers and phones masked;
// the full text goes only to the assistant.
export function maskPersonal(text) {
  return text
    .replace(/(?<![0-9Xx])(\d{3})\d{11}(\d{3}[0-9Xx])(?![0-9Xx])/g, "$1***********$2")
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2");
}

function toQuickReplies(replies) {
  return (replies || []).map((r) => ({ name: r.title, value: r.payload }));
}

export default function ChatWidget() {
  const { messages, appendMsg, resetList } = useMessages(load(HISTORY_KEY, []));
  const [typing, setTyping] = useState(false);
  const [quickReplies, setQuickReplies] = useState(load(QUICK_KEY, []));
  const quickRef = useRef(quickReplies);
  const [status, setStatus] = useState("connecting");
  const socketRef = useRef(null);
  const sessionRef = useRef(false);
  const greetedRef = useRef(false);
  const [attach, setAttach] = useState(null); // null closed; {pass} or {error} open
  const openRef = useRef(() => {});

  useEffect(() => {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(messages.slice(-MAX_HISTORY)));
  }, [messages]);
  useEffect(() => {
    quickRef.current = quickReplies;
    localStorage.setItem(QUICK_KEY, JSON.stringify(quickReplies));
  }, [quickReplies]);

  useEffect(() => {
    let socket;
    let cancelled = false;
    // A new session when the old one is missing, expired or refused; the shown history belongs
    // to the old conversation, so it is cleared when the conversation changes.
    async function renewSession() {
      const held = localStorage.getItem(SESSION_KEY);
      const session = await postJSON("/api/v1/chat-sessions", held ? { session_token: held } : {});
      localStorage.setItem(SESSION_KEY, session.session_token);
      if (localStorage.getItem(SENDER_KEY) !== session.sender_id) {
        localStorage.setItem(SENDER_KEY, session.sender_id);
        localStorage.removeItem(HISTORY_KEY);
        resetList([]);
      }
      return session.session_token;
    }
    async function start() {
      const [config, token] = await Promise.all([
        getJSON("/api/v1/web-config").catch(() => ({
          rasa_socket_url: `${location.protocol}//${location.hostname}:5005`,
        })),
        renewSession(),
      ]);
      if (cancelled) return;
      // Long-polling only: Rasa 3.6 serves socket.io on Sanic 21.12, whose WebSocket receive
      // path fails on Python 3.11 ("Passing coroutines is forbidden"), so an upgrade breaks.
      socket = io(config.rasa_socket_url, {
        transports: ["polling"],
        upgrade: false,
        reconnectionDelayMax: 5000,
        auth: { session_token: token },
      });
      socketRef.current = socket;
      const reconnectWithNewSession = async () => {
        localStorage.removeItem(SESSION_KEY);
        socket.auth = { session_token: await renewSession() };
        socket.connect();
      };
      socket.on("connect", () => {
        setStatus("connected");
        socket.emit("session_request", {});
      });
      socket.on("session_confirm", () => {
        sessionRef.current = true;
        if (load(HISTORY_KEY, []).length === 0 && !greetedRef.current) {
          greetedRef.current = true;
          socket.emit("user_uttered", { message: "你好" });
          setTyping(true);
        }
      });
      socket.on("session_expired", reconnectWithNewSession);
      socket.on("bot_uttered", (message) => {
        setTyping(false);
        // "上传" in the chat: the assistant asks the widget to open its 📎 panel.
        if (message.open_materials) openRef.current();
        const replies = toQuickReplies(message.quick_replies);
        if (message.text || replies.length) {
          // The buttons are listed with numbers too: a typed "2" picks the second (choices.js).
          appendMsg({ type: "text", content: { text: withNumbers(message.text, replies) }, position: "left" });
        }
        // A later message of the same turn without buttons keeps the ones on screen; sending clears them.
        if (replies.length) setQuickReplies(replies);
      });
      // A message kept for the person who has taken over (the bot is paused): no bot reply comes.
      socket.on("no_reply", () => setTyping(false));
      socket.on("disconnect", () => setStatus("reconnecting"));
      socket.io.on("reconnect_attempt", () => setStatus("reconnecting"));
      socket.io.on("reconnect_failed", () => setStatus("offline"));
      socket.on("connect_error", (err) => {
        if (err?.message === "session_invalid") {
          reconnectWithNewSession().catch(() => setStatus("offline"));
          return;
        }
        setStatus((s) => (s === "connected" ? "reconnecting" : s));
      });
    }
    start().catch(() => setStatus("offline"));
    return () => {
      cancelled = true;
      socket?.close();
    };
  }, [appendMsg, resetList]);

  function send(text, shown = text) {
    const typed = text.trim();
    if (!typed) return;
    // "2" or "第二个" while numbered choices are on screen: the second button's payload is sent.
    const picked = shown === text ? pickChoice(typed, quickRef.current) : null;
    const value = picked ? picked.value : typed;
    appendMsg({ type: "text", content: { text: maskPersonal(shown) }, position: "right" });
    setQuickReplies([]);
    if (!socketRef.current?.connected || !sessionRef.current) {
      appendMsg({
        type: "text",
        content: { text: "暂时无法连接，消息没有发出。请稍后重试，或拨打12345市民服务热线。" },
        position: "left",
      });
      return;
    }
    socketRef.current.emit("user_uttered", { message: value });
    setTyping(true);
  }

  // The paperclip: a pass for this conversation's own application, from the chat session.
  async function toggleAttach() {
    if (attach) {
      setAttach(null);
      return;
    }
    await openAttach();
  }

  async function openAttach() {
    try {
      const issued = await postJSON("/api/v1/materials/passes", { session_token: localStorage.getItem(SESSION_KEY) });
      setAttach({ pass: issued.pass_token });
    } catch (e) {
      setAttach({ error: e.message });
    }
  }

  openRef.current = openAttach;

  // The upload's confirmation (what was received, what may still be sent) is shown once, here, as
  // the assistant's message; the backend records the same text in the conversation without sending it.
  function uploaded(result) {
    appendMsg({ type: "text", content: { text: result.message }, position: "left" });
  }

  return (
    <div className="chat-shell" data-status={status}>
      <button type="button" className="attach-button" aria-label="上传材料" title="上传材料" onClick={toggleAttach}>
        📎 上传材料
      </button>
      {attach && (
        <div className="attach-panel">
          {attach.error ? (
            <p className="error" role="alert">
              {attach.error}
            </p>
          ) : (
            <Materials pass={attach.pass} onUploaded={uploaded} announce={false} />
          )}
        </div>
      )}
      {STATUS_TEXT[status] && (
        <div className="chat-status" role="status">
          {STATUS_TEXT[status]}
        </div>
      )}
      <Chat
        locale="zh-CN"
        navbar={{ title: "婚育一件事 · 联办助手" }}
        messages={messages}
        isTyping={typing}
        // Bubble puts text in a <p> as text: nothing from the chat is ever parsed as HTML.
        renderMessageContent={(msg) => <Bubble content={msg.content.text} />}
        quickReplies={quickReplies}
        onQuickReplyClick={(item) => send(item.value, item.name)}
        onSend={(type, val) => type === "text" && send(val)}
        placeholder="请输入您的问题，例如：结婚登记要带什么"
      />
    </div>
  );
}
