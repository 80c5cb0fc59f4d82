// `npm run build` step: prebuilds the workflow bundle that production workers load (no webpack at start-up).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT } from '../src/config/configuration';
import { FAILURE_CONVERTER_PATH } from '../src/temporal/temporal-connection';
import { step } from './lib/progress';

async function main(): Promise<void> {
  const out = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');
  const { code } = await step('Bundling workflow code', () =>
    bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
    }),
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
}

main().catch((error: unknown) => {
  process.stderr.write(`workflow bundle failed: ${String(error)}\n`);
  process.exit(1);
});
