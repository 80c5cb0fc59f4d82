import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/configuration';
import { generateWebClientSchema, WEB_CLIENT_SCHEMA_PATH } from '../../scripts/lib/web-client';

/**
 * One contract: the web application's API types are generated from the service's OpenAPI
 * document. A controller or DTO change without `npm run generate:web-client` fails here.
 */
describe('the web client', () => {
  it('is generated from the OpenAPI document as the service describes itself now', async () => {
    const fresh = await generateWebClientSchema();
    const committed = readFileSync(WEB_CLIENT_SCHEMA_PATH, 'utf8');
    const file = relative(PROJECT_ROOT, WEB_CLIENT_SCHEMA_PATH);
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(
        `${file} is stale: run \`npm run generate:web-client\` and commit it ` +
          `(first difference at line ${line + 1}: ${JSON.stringify(a[line])} ≠ ${JSON.stringify(b[line])})`,
      );
    }
    expect(fresh).toContain("'/api/v1/track/{code}'");
  }, 60_000);
});
