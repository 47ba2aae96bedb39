// The one Content-Security-Policy for the renderer, sent by both the Electron
// protocol handler and the browser-mode server. MapLibre's worker is loaded
// from the app's own origin, so 'self' covers it; no eval, no inline script.
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
