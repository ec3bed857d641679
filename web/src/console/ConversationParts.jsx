import { useEffect, useRef } from "react";
import { useCatalog } from "../useCatalog.js";

export const CHANNELS = { web: "网页", wechat: "微信", hotline: "热线", rest: "测试" };
export const SPEAKERS = { citizen: "市民", assistant: "助手", agent: "人工客服", system: "系统通知" };
export const OUTCOMES = [
  ["resolved", "已解决"],
  ["referred_hotline", "转12345热线电话办理"],
  ["citizen_left", "市民已离开"],
  ["other", "其他"],
];
export const POLL_MS = 1500; // live updates: the issue asks for 2 s at most

// code -> short Chinese name of every matter in the backend's catalog ({} until it is loaded).
export function useMatterNames() {
  const [catalog] = useCatalog();
  return Object.fromEntries((catalog?.matters || []).map((m) => [m.code, m.short_name]));
}

// Matter codes as their short Chinese names, from the backend's catalog (names: code -> name).
export function matterNames(codes, names = {}) {
  return (codes || []).map((c) => names[c] || c).join("、");
}

export function waited(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m >= 60 ? `${Math.floor(m / 60)}小时${m % 60}分` : m > 0 ? `${m}分${s}秒` : `${s}秒`;
}

export function clock(at) {
  return new Date(at * 1000).toLocaleTimeString("zh-CN", { hour12: false });
}

// A server timestamp (ISO) as Shanghai date and time, for tables of records.
export function shanghaiTime(iso) {
  return iso ? new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "";
}

// Runs `load` now and every POLL_MS until unmounted; a failure is shown, the next tick retries.
export function usePolling(load, onError, deps = []) {
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let stop = false;
    let timer;
    const tick = async () => {
      try {
        await loadRef.current();
        if (!stop) onError("");
      } catch (e) {
        if (!stop) onError(e.message);
      }
      if (!stop) timer = setTimeout(tick, POLL_MS);
    };
    tick();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
