import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

/**
 * The service's bilingual texts are data: `*.messages.json` files beside the code that uses
 * them. Every entry must carry both languages, the Persian one in Persian script.
 */
const SRC = join(__dirname, '..', '..');

function messageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return messageFiles(path);
    return entry.name.endsWith('.messages.json') ? [path] : [];
  });
}

const PERSIAN_LETTER = /[\u0600-\u06FF]/;
const LATIN_LETTER = /[A-Za-z]/;

describe('message files', () => {
  const files = messageFiles(SRC);

  it('are found (the catalogue, JSON syntax, next steps, queue titles, targets, multipart)', () => {
    expect(files.map((file) => relative(SRC, file)).sort()).toEqual(
      expect.arrayContaining([
        'common/errors/error-catalogue.messages.json',
        'common/input/json-syntax.messages.json',
        'documents/multipart-problems.messages.json',
        'notifications/deadline-targets.messages.json',
        'tracking/next-steps.messages.json',
        'work/queue-titles.messages.json',
      ]),
    );
  });

  it.each(files.map((file) => [relative(SRC, file), file]))(
    '%s: every entry has a Persian and an English text',
    (_name, file) => {
      const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(Object.keys(entries).length).toBeGreaterThan(0);
      const wrong = Object.entries(entries).filter(([, value]) => {
        const { fa, en } = (value ?? {}) as { fa?: unknown; en?: unknown };
        return !(
          typeof fa === 'string' &&
          PERSIAN_LETTER.test(fa) &&
          typeof en === 'string' &&
          LATIN_LETTER.test(en)
        );
      });
      expect(wrong.map(([key]) => key)).toEqual([]);
    },
  );
});
