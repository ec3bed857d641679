import { resolve } from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// ChatUI's stylesheet declares web fonts on a third-party CDN; the pages' CSP allows no such
// origin and we never use those fonts, so the declarations are dropped at build time.
const dropRemoteFonts = {
  name: "drop-remote-fonts",
  transform(code, id) {
    if (id.includes("@chatui/core") && id.endsWith(".css")) {
      return code.replace(/@font-face\s*\{[^}]*https?:\/\/[^}]*\}/g, "");
    }
    return null;
  },
};

// One page per entry; the backend serves web/dist. Built assets are not committed.
export default defineConfig({
  plugins: [react(), dropRemoteFonts],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(__dirname, "index.html"),
        guides: resolve(__dirname, "guides.html"),
        progress: resolve(__dirname, "progress.html"),
        chat: resolve(__dirname, "chat.html"),
        console: resolve(__dirname, "console/index.html"),
      },
    },
  },
});
