/* 婚育一件事在线咨询：在其他门户页面加入
 *   <script src="https://<本服务地址>/embed.js" defer></script>
 * 即出现右下角的“在线咨询”按钮，点击打开聊天窗口（iframe，不接触宿主页面的数据）。 */
(function () {
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src, location.href).origin;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "婚育一件事 · 在线咨询";
  button.setAttribute("aria-expanded", "false");
  button.style.cssText =
    "position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 18px;border:0;" +
    "border-radius:999px;background:#c8102e;color:#fff;font-size:16px;box-shadow:0 2px 8px rgba(0,0,0,.2);cursor:pointer";
  var frame = null;
  button.addEventListener("click", function () {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/chat.html";
      frame.title = "婚育一件事在线咨询";
      frame.style.cssText =
        "position:fixed;right:16px;bottom:72px;z-index:2147483000;width:380px;max-width:calc(100vw - 32px);" +
        "height:600px;max-height:calc(100vh - 96px);border:1px solid #e5e6eb;border-radius:12px;background:#fff";
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute("aria-expanded", String(!frame.hidden));
  });
  document.body.appendChild(button);
})();
