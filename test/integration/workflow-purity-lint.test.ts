import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/services';

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Lints source text as if it were a file under workflows/, with the project's own config. */
function lintAsWorkflow(code: string): LintMessage[] {
  // ESLint loads its flat config through a dynamic import that Jest's VM cannot run,
  // so the check uses the real CLI, as `npm run lint` does.
  const run = spawnSync(
    join(REPO_ROOT, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', 'workflows/allocation.workflow.ts', '--format', 'json'],
    { cwd: REPO_ROOT, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('workflow purity lint rule', () => {
  it('refuses Node built-ins, NestJS, the database and activity implementations', () => {
    const messages = lintAsWorkflow(
      [
        "import { readFileSync } from 'node:fs';",
        "import { Injectable } from '@nestjs/common';",
        "import { DataSource } from 'typeorm';",
        "import { Client } from 'pg';",
        "import { createActivities } from '../activities';",
        'export const used = [readFileSync, Injectable, DataSource, Client, createActivities];',
        '',
      ].join('\n'),
    );
    expect(messages.map((m) => [m.line, m.message.replace(/^.*restricted[^.]*\. /, '')])).toEqual([
      [1, expect.stringContaining('Node built-ins')],
      [2, expect.stringContaining('NestJS')],
      [3, expect.stringContaining('database')],
      [4, expect.stringContaining('database')],
      [5, expect.stringContaining('only as types')],
    ]);
  });

  it('allows activities imported as types', () => {
    const messages = lintAsWorkflow(
      "import type { Activities } from '../activities';\nexport type Used = Activities;\n",
    );
    expect(messages).toEqual([]);
  });
});
