import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { serviceWorkerPlugin } from "./sw-plugin.ts";

// In `vite dev`, /api goes to a running closeout server (CLOSEOUT_API_URL, default the server's port).
const apiTarget = process.env.CLOSEOUT_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react(), serviceWorkerPlugin(fileURLToPath(new URL("./sw/service-worker.js", import.meta.url)))],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 250,
  },
  server: { proxy: { "/api": { target: apiTarget, changeOrigin: false } } },
});
