// The client: `request` (HTTP), `subscribe` (WebSocket) and the typed documents and types
// generated from operations/*.graphql.
export { KlastryError, request, type GraphQLErrorEntry, type RequestOptions } from "./client.js";
export { subscribe, type SubscribeOptions } from "./subscribe.js";
export * from "./generated/graphql.js";
