import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { UNPREFIXED_ROUTES } from '../common/api-prefix';

/**
 * What the browser may do on the web application's pages: only this origin's scripts, styles
 * (Emotion inserts <style> elements, hence 'unsafe-inline' for styles only), fonts and API.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHeaders(res: ServerResponse, path: string): void {
  // Vite names every asset by its content hash: those never change; index.html always may.
  const hashed = /[\\/]assets[\\/]/.test(path);
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (path.endsWith('.html')) {
    res.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
    res.setHeader('Referrer-Policy', 'same-origin');
  }
}

/** Paths the server answers itself: the API and its documentation, the probes, the scrape. */
export function isServerPath(path: string): boolean {
  const lower = path.toLowerCase();
  return (
    lower === '/api' ||
    lower.startsWith('/api/') ||
    UNPREFIXED_ROUTES.some((route) => lower === `/${route}` || lower.startsWith(`/${route}/`))
  );
}

/**
 * The single-page web application (web/, built into `webRoot` by `npm run build:web`): its
 * files at /, and index.html for every other GET outside the server's own paths (a deep link
 * survives a reload; the app's router draws the page). Mounted before Nest's routes; anything
 * else passes through untouched, errors included (an unknown /api path stays a problem+json
 * 404, a malformed JSON body a 400). Undefined when the app is not built: the API runs on its
 * own (`npm start`, `npm test` and the image build it first).
 */
export function webApplication(webRoot: string): RequestHandler | undefined {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index)) return undefined;
  const files = express.static(webRoot, { index: false, setHeaders, fallthrough: true });
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isServerPath(req.path)) return next();
    void files(req, res, () => {
      setHeaders(res, index);
      res.sendFile(index, (error) => {
        if (error) next(error);
      });
    });
  };
}
