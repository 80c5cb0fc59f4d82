// @ts-check
/**
 * Layer rules, run by `npm run lint:layers` (part of `npm test`). docs/architecture.md
 * ("Layers and module boundaries") says the same in prose; keep the two together.
 *
 * Layers of src/, bottom up:
 *   1. common     shared building blocks: errors, validation, the access contract (@Access…,
 *                 Principal, @CurrentPrincipal), Jalali dates, redaction, canonical JSON,
 *                 group commit, tracking codes. Imports nothing else from src/.
 *   2. logging    log options and serialisers.                       Imports common.
 *      config     the configuration, read once.                      Imports common.
 *   3. temporal   the Temporal client, codec, workflow actions. Imports common, logging, config.
 *   4. feature modules: every other folder of src/ (cases, sessions, complaints, identity, auth,
 *      audit, reference, reports, tracking, notifications, operations, documents, notices, work,
 *      codec, metrics, health, record, web). They may import the layers below and each other's
 *      PUBLIC files only (below). No two modules may import each other, directly or round
 *      a circle (.dependency-cruiser.modules.cjs).
 *   5. composition roots: src/*.ts (main.ts, worker.main.ts, app.module.ts), src/bootstrap/
 *      (the API's start-up), src/database/ (the entity list, data source and migrations: it
 *      names every module's entities) and src/worker/ (the Temporal worker's wiring). They may
 *      import anything in src/; nothing in src/ imports them.
 *
 * A feature module's public files, the only ones another module may import:
 *   - its Nest module            <module>/**\/*.module.ts
 *   - its services               <module>/**\/*.service.ts
 *   - its request/response types <module>/**\/dto/**
 *   - its entities               <module>/**\/entities/**
 *   - its decorators and guards  <module>/**\/*.decorator.ts, *.guard.ts
 *   - the few files listed in EXTRA_PUBLIC below, each with its reason.
 * Everything else in a module folder (controllers, helpers, data, sub-parts) is internal.
 *
 * workflows/ is Temporal's deterministic sandbox: it imports nothing from src/, no Node
 * built-ins, and activities by type only. src/ may import a workflow's messages, types, rules,
 * deadlines and shared helpers, never a workflow module (`*.workflow.ts`, which calls
 * proxyActivities when loaded) nor workflows/index.ts (the bundle's entry).
 *
 * Spec files and test/ are not cruised: tests may reach into what they test.
 */

const INFRA = '(common|logging|config|temporal)';
const COMPOSITION = '(bootstrap|database|worker)';

/** Files outside the conventions above that other modules may import, and why. */
const EXTRA_PUBLIC = [
  // The policy version a case is registered under: complaints, sessions and reports measure
  // against the case's policy.
  '^src/cases/case-service-level[.]ts$',
  // Who may read a case: documents are read by the same roles as their case.
  '^src/cases/case-readers[.]ts$',
  // How a password is hashed and checked: identity sets them, auth checks and changes them.
  '^src/identity/passwords[.]ts$',
  // The seam through which identity ends a changed user's sessions; auth provides it.
  '^src/identity/session-revoker[.]ts$',
  // The built-in request types, the documents checklist's source.
  '^src/reference/request-types/request-types[.]data[.]ts$',
];

const PUBLIC = [
  '^src/[^/]+/.*[.](module|service|decorator|guard)[.]ts$',
  '^src/[^/]+/(dto|entities)/',
  '^src/[^/]+/[^/]+/(dto|entities)/',
  ...EXTRA_PUBLIC,
];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles between files.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-is-the-bottom',
      severity: 'error',
      comment: 'src/common imports nothing else from src/ (nor workflows/ beyond its types).',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: '^src/common/' },
    },
    {
      name: 'logging-and-config-on-common-only',
      severity: 'error',
      comment: 'src/logging and src/config import only src/common (and themselves).',
      from: { path: '^src/(logging|config)/' },
      to: { path: '^src/', pathNot: '^src/(common|$1)/' },
    },
    {
      name: 'temporal-on-lower-layers-only',
      severity: 'error',
      comment: 'src/temporal imports only common, logging and config from src/.',
      from: { path: '^src/temporal/' },
      to: { path: '^src/', pathNot: `^src/${INFRA}/` },
    },
    {
      name: 'nothing-imports-composition',
      severity: 'error',
      comment:
        'Composition roots (src/*.ts, bootstrap, database, worker) are imported by nobody in src/ but each other.',
      from: { path: '^src/', pathNot: `^src/([^/]+[.]ts$|${COMPOSITION}/)` },
      to: { path: `^src/([^/]+[.]ts$|${COMPOSITION}/)` },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment:
        "A feature module imports another module's public files only: *.module.ts, *.service.ts, dto/, entities/, *.decorator.ts, *.guard.ts and EXTRA_PUBLIC (.dependency-cruiser.cjs).",
      from: { path: '^src/([^/]+)/', pathNot: `^src/(${INFRA}|${COMPOSITION})/` },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/$1/', `^src/(${INFRA}|${COMPOSITION})/`, ...PUBLIC],
      },
    },
    {
      name: 'workflows-not-to-src',
      severity: 'error',
      comment: 'Workflow code is deterministic and bundled on its own: nothing from src/.',
      from: { path: '^workflows/' },
      to: { path: '^src/' },
    },
    {
      name: 'workflows-activities-by-type',
      severity: 'error',
      comment: 'Workflows import activities by type only (proxyActivities<typeof …>).',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-no-node',
      severity: 'error',
      comment: 'Workflow code runs in a sandbox without Node built-ins.',
      from: { path: '^workflows/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-to-workflow-modules',
      severity: 'error',
      comment:
        "src/ imports a workflow's messages, types, rules and deadlines, never the workflow module (it calls proxyActivities when loaded) nor workflows/index.ts, not even by type: a start is typed by the signature type in the workflow's messages file.",
      from: { path: '^src/' },
      to: {
        path: ['^workflows/.*[.]workflow[.]ts$', '^workflows/index[.]ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['[.]spec[.]ts$', '[.]int-spec[.]ts$', '^test/', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};

module.exports = config;
