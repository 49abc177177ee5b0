// Lint, and the layer rules of ARCHITECTURE.md enforced instead of described: only the collector (and the alert
// sender, the loopback demo server, and the web app's server) may touch the network; judging, checks, derivations,
// scoring, review rules, wording, the renderers and the web app's page templates are pure and import nothing from
// the collector, the commands or the scheduler.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules that open connections or drive a browser. */
const NETWORK = ['undici', 'node:http', 'node:https', 'node:net', 'node:tls', 'node:dns', 'node:dgram', 'http', 'https', 'net', 'tls', 'dns', 'playwright', 'playwright-core', 'nodemailer', 'robots-parser', 'fastify', '@fastify/cookie', '@fastify/session', '@fastify/csrf-protection', '@fastify/rate-limit', '@fastify/formbody'];
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({ name, message: 'Only the collector (src/collect) and the alert sender (src/schedule/send.ts) touch the network.' }));

const networkBan = {
  paths: NETWORK.map((name) => ({ name, message: 'Only the collector (src/collect) and the alert sender (src/schedule/send.ts) touch the network.' })),
};

/** Pure layers: no I/O, no clock-driven logging, nothing from the stages that do I/O. */
const pureBan = {
  paths: [
    ...networkBan.paths,
    ...['node:fs', 'node:fs/promises', 'fs', 'node:child_process', 'node:worker_threads', 'pino', 'better-sqlite3', 'pg', 'ioredis', 'bullmq'].map((name) => ({ name, message: 'This layer is pure: files, processes and logs belong to the CLI, runAudit and the scheduler.' })),
  ],
  patterns: [{ group: ['**/collect/*', '**/commands/*', '**/schedule/*', '**/audit.js'], message: 'A pure layer imports nothing from collect/, commands/, schedule/ or the pipeline.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'reports/**', 'test-results/**', 'coverage/**', 'data/**', 'test/fixtures/sites/**/site/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', structuredClone: 'readonly', fetch: 'readonly', Response: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', performance: 'readonly', NodeJS: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    // src/serve/: the web app listens on a socket (node:http through Fastify); its page templates (src/serve/pages)
    // are pure and checked below.
    ignores: ['src/collect/**', 'src/schedule/send.ts', 'src/demo/serve.ts', 'src/render/pdf.ts', 'src/commands/doctor.ts', 'src/serve/**'],
    rules: { 'no-restricted-imports': ['error', networkBan], 'no-restricted-globals': ['error', ...NETWORK_GLOBALS] },
  },
  {
    // PDF printing drives a browser over a local file; it is the one renderer allowed to.
    files: ['src/judge/**/*.ts', 'src/checks/**/*.ts', 'src/derive/**/*.ts', 'src/score.ts', 'src/text/**/*.ts', 'src/model/**/*.ts', 'src/render/**/*.ts', 'src/review/**/*.ts', 'src/serve/pages/**/*.ts'],
    ignores: ['src/render/pdf.ts'],
    rules: { 'no-restricted-imports': ['error', pureBan], 'no-restricted-globals': ['error', ...NETWORK_GLOBALS] },
  },
);
