import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md #9): pure unit tests beside the code, integration tests through
// HTTP against real databases, browser tests in Chromium.
export default defineConfig({
  test: {
    // TRUCE_CHECK_RESPONSES: every answer is compared with its response schema, so that
    // no field is dropped by the serialiser unnoticed (server/src/http/response-check.ts).
    env: { TZ: 'UTC', TRUCE_CHECK_RESPONSES: '1' },
    projects: [
      {
        test: {
          name: 'unit',
          // Generous: speed is measured by the benches, and a busy machine must not fail a test.
          testTimeout: 30_000,
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          // Finds poppler for the PDF read-back tests, or says in one line that they are skipped.
          globalSetup: ['testing/programs.setup.ts'],
          include: ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          // Generous: a busy machine (CI beside other work) must not fail a slow but correct test.
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // PGlite instances are memory hungry; two workers fit this 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          // Finds Chromium (and poppler), or says in one line that the browser tests are skipped.
          globalSetup: ['testing/programs.setup.ts'],
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
