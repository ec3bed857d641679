import { createRoot } from "react-dom/client";
import ChatWidget from "../ChatWidget.jsx";
import { useElderMode } from "../elder.js";
import "../styles.css";

function ChatPage() {
  const [elder, toggleElder] = useElderMode();
  return (
    <div className="chat-page">
      <button type="button" className="elder-toggle floating" onClick={toggleElder} aria-pressed={elder}>
        {elder ? "标准模式" : "长辈模式"}
      </button>
      <ChatWidget />
    </div>
  );
}

createRoot(document.getElementById("root")).render(<ChatPage />);
