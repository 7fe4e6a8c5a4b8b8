// Follows the registry's changes live, resuming after the last sequence it applied:
//   npm run example:events [-- <last sequence>]     (KLASTRY_WS, KLASTRY_TOKEN)
import { RegistryChangedDocument, subscribe } from "../src/index.js";

if (typeof WebSocket === "undefined") {
  // Node 22 and browsers have one; Node 20 needs a flag (or the `ws` package, as `WebSocket`).
  console.error("no WebSocket: node --experimental-websocket dist/examples/registry-changed.js");
  process.exit(1);
}

const url = process.env.KLASTRY_WS ?? "ws://127.0.0.1:8080/graphql/ws";
let last = process.argv[2] ? Number(process.argv[2]) : null;

subscribe(RegistryChangedDocument, {
  url,
  token: process.env.KLASTRY_TOKEN,
  // Stored events after `after` first (kept 30 days), then live ones.
  variables: { kinds: ["CLUSTER_CHANGED", "MEMBERSHIP_CHANGED"], after: last },
  onNext: ({ registryChanged: event }) => {
    console.log(event.sequence, event.kind, event.action, event.cluster?.slug ?? event.subjectId);
    last = event.sequence; // keep it, and de-duplicate by event.id
  },
  // EVENTS_MISSED: this subscriber fell behind; resubscribe after `last`.
  onError: (error) => console.error(`${error.code}: ${error.message}`),
  onEnd: (error) => {
    if (error) console.error(`ended: ${error.code}: ${error.message}`);
    process.exitCode = error ? 1 : 0;
  },
});
