// The Electron renderer's Content-Security-Policy: only our own app and audio protocols, nothing remote.
export const CSP = [
  "default-src 'none'",
  // regl compiles its draw calls with new Function; no inline or remote script is allowed.
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' sonoteca-audio: blob:",
  "connect-src 'self' sonoteca-audio:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
