import { useEffect, useState } from "react";

// 适老化: larger text and touch targets, remembered on this device.
const KEY = "hy.elder";

export function useElderMode() {
  const [elder, setElder] = useState(() => localStorage.getItem(KEY) === "1");
  useEffect(() => {
    document.documentElement.classList.toggle("elder", elder);
    localStorage.setItem(KEY, elder ? "1" : "0");
  }, [elder]);
  return [elder, () => setElder((v) => !v)];
}
