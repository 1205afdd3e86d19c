/**
 * Who may import whom (issue 15). `npm run check` runs these rules; a violation fails it.
 *
 *   core      pure domain: imports nothing of the server, the web app or the generators
 *   server    one folder per module; a module reaches another only through its index.ts;
 *             errors/ is neutral (imports no module) and http/ alone maps its errors to problem+json
 *   web       the browser app; it may import core and the server's request/response schemas
 *   synthetic demo and bench data; nothing we ship at run time depends on it except the demo
 *
 * A violation fails `npm run check` (and so CI).
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core is the pure domain: no server, web app or data generators in it',
      severity: 'error',
      from: { path: '^packages/core/src/' },
      to: { path: '^packages/(server|web|synthetic)/' },
    },
    {
      name: 'no-cycles',
      comment: 'no import cycles: a module that needs another one back is one module, or an index is missing',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/' },
      to: { circular: true },
    },
    {
      name: 'module-public-face',
      comment: "a server module imports another only through that module's index.ts, its one public face",
      severity: 'error',
      // http/app.ts is the composition root: it alone mounts each module's routes files.
      from: { path: '^packages/server/src/([^/]+)/', pathNot: '^packages/server/src/http/app\\.ts$' },
      to: { path: '^packages/server/src/([^/]+)/.+', pathNot: ['^packages/server/src/$1/', '^packages/server/src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'errors-are-neutral',
      comment: 'the domain errors are thrown by every module, so they depend on none',
      severity: 'error',
      from: { path: '^packages/server/src/errors/' },
      to: { path: '^packages/server/src/(?!errors/)' },
    },
    {
      name: 'server-not-from-web',
      comment: 'the server does not depend on the browser app',
      severity: 'error',
      from: { path: '^packages/server/' },
      to: { path: '^packages/web/' },
    },
    {
      name: 'web-only-schemas-of-server',
      comment: "the web app takes the server's API types from its schemas, nothing else of the server",
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/', pathNot: '^packages/server/src/[^/]+/schema\\.ts$' },
    },
    {
      name: 'web-takes-only-types-of-server',
      comment: "the server's schemas reach the browser as types only (import type): no server code in the bundle",
      severity: 'error',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shipped-code-not-from-tests',
      comment: 'what ships does not import tests or test helpers',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '(\\.test\\.tsx?$|^packages/[^/]+/test/|^testing/|^e2e/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^packages/web/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
