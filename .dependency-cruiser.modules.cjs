// @ts-check
/**
 * The module rule of the layers (see .dependency-cruiser.cjs): no two folders of src/ import
 * each other, directly or round a circle. A second cruise, of src/ alone: a folder circle
 * through workflows/ and activities/ (src → workflows' types → activities' types → src) is
 * made of type-only imports and is not one between modules.
 */
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-modules',
      severity: 'error',
      comment: 'No two folders of src/ import each other, directly or round a circle.',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
  ],
  options: {
    ...options,
    includeOnly: '^src/',
    cache: { folder: 'node_modules/.cache/dependency-cruiser-modules', strategy: 'content' },
  },
};
