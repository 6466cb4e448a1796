// The renderer's Content-Security-Policy, one definition for both hosts (Electron and browser mode): they differ
// only in where audio comes from and how events arrive.

export function contentSecurityPolicy(sources: { media: string[]; connect: string[] }): string {
  return [
    "default-src 'none'",
    // regl compiles its draw calls with new Function, hence 'unsafe-eval'; no inline or remote script is allowed.
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `media-src 'self' ${sources.media.join(' ')}`.trim(),
    "font-src 'self'",
    `connect-src 'self' ${sources.connect.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
