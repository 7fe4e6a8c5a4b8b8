// A typed subscription over the WebSocket at /graphql/ws (graphql-transport-ws), with the
// platform's WebSocket: browsers and Node 22 have one; older Node takes one in `WebSocket`.
import { KlastryError, type GraphQLErrorEntry } from "./client.js";
import type { TypedDocumentString } from "./generated/graphql.js";

export interface SubscribeOptions<TResult> {
  /** The socket's address, e.g. `wss://klastry.example.pl/graphql/ws`. */
  url: string;
  /** A session's access token or an API token; without one only public events arrive. */
  token?: string | null;
  /** Each event's data. */
  onNext: (data: TResult) => void;
  /** An error in place of one event (EVENTS_MISSED: resubscribe `after` your last sequence);
   * the subscription goes on. */
  onError?: (error: KlastryError) => void;
  /** The subscription ended: `null` when the server completed it, else why (a bad token closes
   * the socket with UNAUTHENTICATED). Not called after `stop()`. */
  onEnd?: (error: KlastryError | null) => void;
  /** Another WebSocket class (the `ws` package on Node 20). */
  WebSocket?: typeof WebSocket;
}

type WithVariables<TVariables> =
  Record<string, never> extends TVariables ? { variables?: TVariables } : { variables: TVariables };

interface Message {
  type: string;
  payload?: unknown;
}

/** Starts a subscription and answers a function that stops it. */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  options: SubscribeOptions<NoInfer<TResult>> & WithVariables<NoInfer<TVariables>>,
): () => void {
  const socket = new (options.WebSocket ?? WebSocket)(options.url, "graphql-transport-ws");
  const id = "1";
  let ended = false;
  const send = (message: object) => socket.send(JSON.stringify(message));
  const end = (error: KlastryError | null) => {
    if (ended) return;
    ended = true;
    options.onEnd?.(error);
    socket.close(1000);
  };

  socket.onopen = () =>
    send({
      type: "connection_init",
      payload: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
  socket.onmessage = (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as Message;
    if (message.type === "connection_ack") {
      const variables = options.variables ?? {};
      send({ id, type: "subscribe", payload: { query: String(document), variables } });
    } else if (message.type === "ping") {
      send({ type: "pong" });
    } else if (message.type === "next") {
      const payload = message.payload as { data?: TResult | null; errors?: GraphQLErrorEntry[] };
      if (payload.errors?.length) options.onError?.(new KlastryError(200, payload.errors));
      else if (payload.data) options.onNext(payload.data);
    } else if (message.type === "error") {
      end(new KlastryError(200, message.payload as GraphQLErrorEntry[]));
    } else if (message.type === "complete") {
      end(null);
    }
  };
  socket.onclose = (event: CloseEvent) => {
    if (ended) return;
    // The server names the code in the reason: "UNAUTHENTICATED: the token was revoked".
    const named = /^([A-Z_]+): (.*)$/s.exec(event.reason);
    const message = named?.[2] ?? (event.reason || `the socket closed (${event.code})`);
    end(new KlastryError(0, [{ message, extensions: { code: named?.[1] ?? "SOCKET_CLOSED" } }]));
  };

  return () => {
    if (ended) return;
    ended = true;
    if (socket.readyState === socket.OPEN) send({ id, type: "complete" });
    socket.close(1000);
  };
}
