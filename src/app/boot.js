// Loads the page's wasm from an external script, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no inline script).
const tag = document.querySelector("script[data-wm-js]");
const { default: init } = await import(tag.dataset.wmJs);
await init({ module_or_path: tag.dataset.wmWasm });
