// How browser mode carries the contract over HTTP and WebSocket.
//
//   POST /api/call/<method>   body: {"arg": <argument or absent>}
//     200 {"ok": true, "result": ...}
//     400 {"ok": false, "error": "<what was wrong>"}   (bad argument)
//     404 {"ok": false, "error": "..."}                 (no such method)
//     500 {"ok": false, "error": "..."}                 (the service failed)
//   GET  /api/events          WebSocket; each message {"event", "payload"}
//
// Every request carries the per-run token: as the `sd_token` cookie (set
// when the printed URL is first opened) or as `Authorization: Bearer`.

export const API_CALL_PREFIX = '/api/call/';
export const API_EVENTS_PATH = '/api/events';
export const TOKEN_COOKIE = 'sd_token';
export const TOKEN_QUERY = 'token';

export type CallResponse<T> =
  { ok: true; result: T } | { ok: false; error: string };

export type EventMessage = { event: string; payload: unknown };
