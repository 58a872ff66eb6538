import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import wasm from "vite-plugin-wasm";

// The bundler builds of the packages import their .wasm as a module: vite-plugin-wasm, and a
// target with top-level await.
export default defineConfig({
  plugins: [react(), wasm()],
  build: { target: "esnext" },
  server: { proxy: { "/api": "http://127.0.0.1:8000", "/__fake": "http://127.0.0.1:8000" } },
});
