// `npm run generate:web-client`: rewrites web/src/api/schema.ts from the service's OpenAPI
// document (built from the app module, no server needed). Commit the result.
import { writeFileSync } from 'node:fs';
import { generateWebClientSchema, WEB_CLIENT_SCHEMA_PATH } from './lib/web-client';

void generateWebClientSchema().then(
  (source) => {
    writeFileSync(WEB_CLIENT_SCHEMA_PATH, source);
    process.stderr.write(`wrote ${WEB_CLIENT_SCHEMA_PATH}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`generate:web-client failed: ${String(error)}\n`);
    process.exit(1);
  },
);
