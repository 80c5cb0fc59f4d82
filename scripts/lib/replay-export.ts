import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { payloadFromJson, payloadToJson } from '../../src/codec/codec.service';
import type { PayloadDto } from '../../src/codec/dto/payloads.dto';
import { ENCRYPTED_ENCODING } from '../../src/temporal/encryption-codec';

/**
 * The key the replay corpus is sealed with: the integration tests' fixed, public, test-only key
 * (test/integration/harness/app-harness.ts TEST_PAYLOAD_KEYS, which a test keeps equal to this),
 * with which test/integration/replay.int-spec.ts opens every history in test/replay-corpus/.
 */
export const REPLAY_CORPUS_PAYLOAD_KEYS = 'test-1:dGVzdC1vbmx5LXBheWxvYWQta2V5LTMyLWJ5dGVzISE=';

/** What to export: case ids, workflow ids, and/or a visibility query (latest run of each). */
export interface ExportSelection {
  caseIds: string[];
  workflowIds: string[];
  query?: string;
  /** At most this many workflows from the query. */
  limit: number;
}

export interface ExportOptions {
  outDir: string;
  /** Replace a history already in the corpus under the same name. */
  force: boolean;
  /** Prefix of the file names (`<prefix>-<workflowId>.json`). */
  prefix?: string;
  /** Opens the payloads as the configured deployment wrote them. */
  from: PayloadCodec[];
  /** Seals them again for the corpus (REPLAY_CORPUS_PAYLOAD_KEYS). */
  to: PayloadCodec[];
}

const isEncryptedPayload = (value: unknown): value is PayloadDto => {
  if (!value || typeof value !== 'object') return false;
  const metadata = (value as { metadata?: unknown }).metadata;
  if (!metadata || typeof metadata !== 'object') return false;
  const encoding = (metadata as Record<string, unknown>).encoding;
  return (
    typeof encoding === 'string' &&
    Buffer.from(encoding, 'base64').toString() === ENCRYPTED_ENCODING
  );
};

/**
 * Re-seals every encrypted payload of a history (proto3 JSON): opened with the deployment's keys,
 * sealed with the corpus key, so the replay test can read it. Payloads that were never encrypted
 * (search attributes, which the server indexes) stay exactly as they were.
 */
export async function resealHistoryJson(
  json: string,
  from: PayloadCodec[],
  to: PayloadCodec[],
): Promise<string> {
  const tree: unknown = JSON.parse(json);
  const visit = async (node: unknown): Promise<unknown> => {
    if (Array.isArray(node)) return Promise.all(node.map(visit));
    if (!node || typeof node !== 'object') return node;
    if (isEncryptedPayload(node)) {
      let payload = payloadFromJson(node);
      for (const codec of [...from].reverse()) [payload] = await codec.decode([payload]);
      for (const codec of to) [payload] = await codec.encode([payload]);
      return payloadToJson(payload);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = await visit(value);
    return out;
  };
  return JSON.stringify(await visit(tree), null, 2);
}

/** The workflow ids a selection names, in order, without repeats. */
export async function selectWorkflowIds(
  client: Client,
  selection: ExportSelection,
): Promise<string[]> {
  const ids = [...selection.caseIds.map((id) => `case-${id}`), ...selection.workflowIds];
  if (selection.query) {
    let taken = 0;
    for await (const info of client.workflow.list({ query: selection.query })) {
      if (taken++ >= selection.limit) break;
      ids.push(info.workflowId);
    }
  }
  return [...new Set(ids)];
}

/**
 * Writes the latest run's history of each workflow into the corpus as `<workflowId>.json` (or
 * with a prefix); running workflows export what they have so far, which replays just as well.
 * Answers the files written. An existing file is kept unless `force`.
 */
export async function exportHistories(
  client: Client,
  workflowIds: readonly string[],
  options: ExportOptions,
): Promise<string[]> {
  mkdirSync(options.outDir, { recursive: true });
  const written: string[] = [];
  for (const workflowId of workflowIds) {
    // A file name, never a path: an id with `/` or `..` cannot write outside the corpus.
    const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
    const name = `${options.prefix ? `${safe(options.prefix)}-` : ''}${safe(workflowId)}.json`;
    const file = join(options.outDir, name);
    if (existsSync(file) && !options.force) {
      throw new Error(`${name} is already in the corpus (use --force to replace it)`);
    }
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const json = await resealHistoryJson(historyToJSON(history), options.from, options.to);
    writeFileSync(file, `${json}\n`);
    written.push(file);
  }
  return written;
}

export interface ExportArguments extends ExportSelection {
  outDir?: string;
  force: boolean;
  prefix?: string;
  confirmPersonalData: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--case <id>` (repeatable), `--workflow-id <id>`, `--query <q>`, `--limit n`, `--out dir`… */
export function parseExportArguments(argv: readonly string[]): ExportArguments {
  const args: ExportArguments = {
    caseIds: [],
    workflowIds: [],
    limit: 20,
    force: false,
    confirmPersonalData: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--case': {
        const id = value();
        if (!UUID.test(id)) throw new Error(`--case takes a case id (UUID), got "${id}"`);
        args.caseIds.push(id.toLowerCase());
        break;
      }
      case '--workflow-id':
        args.workflowIds.push(value());
        break;
      case '--query':
        args.query = value();
        break;
      case '--limit': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 1000)
          throw new Error('--limit takes a whole number from 1 to 1000');
        args.limit = n;
        break;
      }
      case '--out':
        args.outDir = value();
        break;
      case '--prefix': {
        const prefix = value();
        if (!/^[A-Za-z0-9._-]{1,60}$/.test(prefix))
          throw new Error('--prefix takes letters, digits, dot, dash, underscore');
        args.prefix = prefix;
        break;
      }
      case '--force':
        args.force = true;
        break;
      case '--confirm-personal-data':
        args.confirmPersonalData = true;
        break;
      default:
        throw new Error(`unknown argument "${flag}"`);
    }
  }
  if (args.caseIds.length + args.workflowIds.length === 0 && !args.query) {
    throw new Error(
      'name what to export: --case <id>, --workflow-id <id> or --query <visibility query>',
    );
  }
  return args;
}
