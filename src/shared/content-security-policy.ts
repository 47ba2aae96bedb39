// The one Content-Security-Policy for the renderer, sent by both the Electron
// protocol handler and the browser-mode server. No eval, no inline script
// or style, nothing from another host. MapLibre's worker is a file of the
// app's own ('self'); where MapLibre judges that file cross-origin it starts
// the worker from a blob: that imports it, hence blob: in worker-src only.
// Pinned, directive by directive, in tests/main/electron/csp.test.ts.
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
