// Starts the web app. A file of its own rather than an inline script, so that the page runs
// under a content security policy that allows no inline script.
import init from "/__JS__";
init({ module_or_path: "/__WASM__" });
