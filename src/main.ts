// The API process (`npm run start:api`): needs DATABASE_URL and TEMPORAL_ADDRESS.
import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { connectDatabase, connectTemporalClient } from './bootstrap/dependencies';
import { runMain } from './bootstrap/run-main';
import { loadConfig, requireExternal } from './config/configuration';

void runMain('api', async () => {
  const config = loadConfig();
  const { databaseUrl, temporalAddress } = requireExternal(config);
  const dataSource = await connectDatabase(config, databaseUrl);
  const temporalConnection = await connectTemporalClient(config, temporalAddress);
  const app = await createApp(config, { dataSource, temporalConnection });
  await app.listen(config.http.port, config.http.host);
  return async () => {
    await app.close(); // closes the Temporal connection (TemporalModule) and the data source (TypeORM)
  };
});
