// Test files in an order that is either fixed or shuffled with a seed that is printed, so that a
// dependence of one file on another shows up and can be replayed.
//
//   TEST_SEED unset   → fixed order: unit files, then integration files, each by path.
//   TEST_SEED=<n>     → the same groups, each shuffled with that seed (replay: TEST_SEED=<n> npm test).
//   TEST_SEED=random  → a seed is drawn and printed.
//
// jest's own sequencer orders by the timings in its cache (failed first, slow first), which is
// why an order dependence could hide on one machine and show on a fresh one; this replaces that.
const Sequencer = require('@jest/test-sequencer').default;

/** mulberry32: a small seeded PRNG, enough to shuffle a list reproducibly. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, random) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function seedFromEnvironment() {
  const raw = process.env.TEST_SEED;
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'random') return Math.floor(Math.random() * 1e9);
  if (!/^\d{1,10}$/.test(raw))
    throw new Error(`TEST_SEED must be a number or "random", not ${raw}`);
  return Number(raw);
}

class SeededSequencer extends Sequencer {
  sort(tests) {
    const byPath = [...tests].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const group = (test) => (test.context.config.displayName?.name === 'unit' ? 0 : 1);
    const seed = seedFromEnvironment();
    const random = seed === undefined ? undefined : prng(seed);
    const ordered = [0, 1].flatMap((g) => {
      const members = byPath.filter((t) => group(t) === g);
      return random ? shuffled(members, random) : members;
    });
    process.stderr.write(
      seed === undefined
        ? `[jest] ${ordered.length} test files in a fixed order (set TEST_SEED=<n> to shuffle)\n`
        : `[jest] ${ordered.length} test files shuffled with TEST_SEED=${seed} ` +
            `(this order again: TEST_SEED=${seed} npm test)\n`,
    );
    return ordered;
  }
}

module.exports = SeededSequencer;
