// The Electron renderer's Content-Security-Policy: only our own app and audio protocols, nothing remote.
import { contentSecurityPolicy } from '../api/content-security-policy.js';

export const CSP = contentSecurityPolicy({ media: ['sonoteca-audio:', 'blob:'], connect: ['sonoteca-audio:'] });
