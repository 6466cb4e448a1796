// Browser-mode hardening: a per-run secret token, a strict CSP, and a Host check against DNS rebinding.
import { contentSecurityPolicy as sharedPolicy } from '../api/content-security-policy.js';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'sonoteca_token';
export const TOKEN_HEADER = 'x-sonoteca-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The token may come as the session cookie or a header (for scripts); the URL form is exchanged once for the cookie. */
export function requestToken(req: IncomingMessage): string | undefined {
  const h = req.headers[TOKEN_HEADER];
  return (typeof h === 'string' ? h : undefined) ?? cookie(req, TOKEN_COOKIE);
}

/** Only our own host names: a page on evil.com resolving to 127.0.0.1 sends its own Host and is refused. */
export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

export function contentSecurityPolicy(port: number): string {
  return sharedPolicy({ media: ['blob:'], connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};
