// `npm run temporal:search-attributes`: registers the workflows' custom search attributes on the
// configured (external) Temporal namespace. Safe to run again: existing ones are left alone.
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../src/config/configuration';
import { temporalConnectionOptions } from '../src/temporal/temporal-connection';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes';
import { say } from './lib/progress';

const TYPES = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

async function main(): Promise<void> {
  const config = loadConfig();
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.embedded.port}`;
  const connection = await Connection.connect(temporalConnectionOptions(config.temporal, address));
  try {
    const namespace = config.temporal.namespace;
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTE_DEFINITIONS).filter(([name]) => !(name in (existing.customAttributes ?? {})));
    if (missing.length === 0) {
      say(`all ${Object.keys(SEARCH_ATTRIBUTE_DEFINITIONS).length} search attributes already exist in ${namespace}`);
      return;
    }
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, TYPES[type]])),
    });
    say(`registered in ${namespace}: ${missing.map(([name]) => name).join(', ')}`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  say(`could not register search attributes: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
