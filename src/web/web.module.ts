import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { ServerResponse } from 'node:http';
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

/**
 * The single-page web application (web/, built into `webRoot` by `npm run build:web`): its
 * files at /, and index.html for every other GET outside the API (a deep link survives a
 * reload; the app's router draws the page). Absent when the app is not built: the API runs
 * on its own (`npm start`, `npm test` and the image build it first).
 */
export function webModule(webRoot: string): DynamicModule[] {
  if (!existsSync(join(webRoot, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: webRoot,
      // Everything under /api (the versioned API, its documentation) and the probes stay the
      // server's: an unknown API route answers a problem+json 404, never the app's page.
      exclude: ['/api', '/api/{*rest}', ...UNPREFIXED_ROUTES.map((route) => `/${route}`)],
      serveStaticOptions: { index: 'index.html', setHeaders, fallthrough: true },
    }),
  ];
}
