import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { WEB_SHARED_SOURCES } from './scripts/web-shared-sources.mjs';

/**
 * The module graph, written once (docs/architecture.md "Module boundaries" draws it): each module
 * of src/modules and the modules it may import. A module imports another only through its public
 * file, `src/modules/<m>/index.ts` (`'../../quote'`), never its controllers, services,
 * repositories or dto files; the one exception is a table definition
 * (`repositories/<table>.schema.ts`), which any module may import for foreign keys and joins.
 * `src/common` imports no module. Nest's `imports: [...]` go through the same public files, so
 * they follow the same graph. The graph must have no cycle: checked below, when lint starts.
 */
const MODULE_GRAPH = {
  audit: [],
  auth: ['user'],
  booking: [],
  billing: ['clinic', 'codes', 'fee-schedule', 'inventory', 'patient', 'payment-plan', 'quote'],
  claims: [
    'billing',
    'clinic',
    'patient',
    'payer',
    'prior-authorization',
    'procedure-plan',
    'theater',
    'user',
  ],
  calendar: [
    'booking',
    'clinic',
    'codes',
    'consultation',
    'patient',
    'procedure-plan',
    'theater',
    'user',
  ],
  clinic: ['codes', 'user'],
  'clinic-setup': ['consent', 'fee-schedule', 'inventory', 'theater', 'user'],
  codes: [],
  consent: ['clinic', 'codes', 'patient', 'user'],
  consultation: ['patient', 'user'],
  'fda-checklist': ['clinic', 'codes', 'inventory', 'patient', 'procedure-plan', 'user'],
  'fee-schedule': ['codes'],
  health: [],
  inventory: [],
  patient: [],
  'patient-portal': [
    'clinic',
    'consent',
    'fda-checklist',
    'patient',
    'payment-plan',
    'procedure-plan',
    'quote',
    'theater',
  ],
  payer: ['patient'],
  'payment-plan': ['quote'],
  'prior-authorization': ['codes', 'patient', 'procedure-plan'],
  reminder: ['calendar', 'clinic', 'patient'],
  reports: ['clinic', 'user'],
  'procedure-plan': [
    'clinic',
    'codes',
    'consent',
    'consultation',
    'fee-schedule',
    'inventory',
    'patient',
    'quote',
  ],
  quote: ['clinic', 'codes', 'fee-schedule', 'patient'],
  theater: [
    'billing',
    'clinic',
    'consent',
    'fda-checklist',
    'inventory',
    'prior-authorization',
    'booking',
    'procedure-plan',
    'user',
  ],
  user: ['codes'],
};

/** Throws unless every module folder is in the graph, every edge names one, and there is no cycle. */
function checkModuleGraph(graph) {
  const folders = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  for (const folder of folders)
    if (!(folder in graph))
      throw new Error(`eslint.config.mjs: add src/modules/${folder} to MODULE_GRAPH`);
  for (const [from, tos] of Object.entries(graph))
    for (const to of tos)
      if (!(to in graph)) throw new Error(`eslint.config.mjs: ${from} → ${to}: no such module`);
  const state = new Map(); // module → 'visiting' | 'done'
  const visit = (m, path) => {
    if (state.get(m) === 'done') return;
    if (state.get(m) === 'visiting')
      throw new Error(`eslint.config.mjs: MODULE_GRAPH has a cycle: ${[...path, m].join(' → ')}`);
    state.set(m, 'visiting');
    for (const next of graph[m]) visit(next, [...path, m]);
    state.set(m, 'done');
  };
  for (const m of Object.keys(graph)) visit(m, []);
  return graph;
}

/** The server modules the web app may import (web-shared-sources.mjs), as `common/time-zone`. */
const webSharedModules = WEB_SHARED_SOURCES.map((file) => file.replace(/^src\/|\.ts$/g, '')).join(
  '|',
);

/** A relative import of one of `modules`, other than its public file or a table definition. */
const intoModules = (modules) =>
  `^(\\.\\./)+(${modules.join('|')})/(?!repositories/[^/]+\\.schema$)`;

const moduleBoundaries = Object.entries(checkModuleGraph(MODULE_GRAPH)).map(([module, allowed]) => {
  const forbidden = Object.keys(MODULE_GRAPH).filter((m) => m !== module && !allowed.includes(m));
  const patterns = [
    {
      regex: '(^|/)modules/',
      message: 'Import another module by its public file, as a relative path (../../<module>).',
    },
  ];
  if (forbidden.length > 0)
    patterns.push(
      {
        regex: `^(\\.\\./)+(${forbidden.join('|')})$`,
        message: `${module} may not depend on this module (MODULE_GRAPH in eslint.config.mjs); only its table definitions (repositories/*.schema.ts) may be imported.`,
      },
      {
        regex: intoModules(forbidden),
        message: `${module} may not depend on this module (MODULE_GRAPH in eslint.config.mjs); only its table definitions (repositories/*.schema.ts) may be imported.`,
      },
    );
  if (allowed.length > 0)
    patterns.push({
      regex: intoModules(allowed),
      message:
        "Import another module's services, queries and types from its public file (../../<module>, its index.ts); of its repositories/, only table definitions (*.schema.ts).",
    });
  return {
    files: [`src/modules/${module}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'drizzle/**', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  ...moduleBoundaries,
  {
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)modules(/|$)', message: 'src/common never imports src/modules.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON response bodies, which are untyped by nature.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The staff web app: React's rules of hooks on top of the same type-aware rules.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+src/(?!(${webSharedModules})$)`,
              message:
                'The web app imports from src/ only the pure modules of scripts/web-shared-sources.mjs, which its build watches.',
            },
          ],
        },
      ],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Event handlers may be async: React ignores what they return.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    files: ['web/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['eslint.config.mjs', 'scripts/**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
