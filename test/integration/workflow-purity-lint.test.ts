import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/services';

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Lints source text as if it were the named file, with the project's own config. */
function lintAs(filename: string, code: string): LintMessage[] {
  // ESLint loads its flat config through a dynamic import that Jest's VM cannot run,
  // so the check uses the real CLI, as `npm run lint` does.
  const run = spawnSync(
    join(REPO_ROOT, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', filename, '--format', 'json'],
    { cwd: REPO_ROOT, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
}

const lintAsWorkflow = (code: string) => lintAs('workflows/allocation.workflow.ts', code);

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

/**
 * Lints several texts, each as if it were the named file, in one ESLint process (the type-aware
 * config takes long to load on a busy machine). Answers the lines of restricted imports.
 */
function restrictedLines(files: [filename: string, code: string][]): number[][] {
  const script = `
    import { ESLint } from 'eslint';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const eslint = new ESLint();
    const lines = [];
    for (const [filePath, code] of JSON.parse(input)) {
      const [result] = await eslint.lintText(code, { filePath });
      lines.push(result.messages
        .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
        .map((m) => m.line));
    }
    console.log(JSON.stringify(lines));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    input: JSON.stringify(
      files.map(([f, code]) => [f, `${code}\nexport const used = [planted];\n`]),
    ),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as number[][];
}

describe('import boundaries (floors apps → workflows → activities → libs)', () => {
  it('refuses an import from a higher floor, and allows imports downwards', () => {
    const refused: [string, string][] = [
      ['libs/sop/commands.ts', "import { sopMachine as planted } from '../../workflows/sop';"],
      [
        'libs/temporal/names.ts',
        "import { AppModule as planted } from '../../apps/api/src/app.module';",
      ],
      ['libs/sop/steps.ts', "import { createActivities as planted } from '../../activities';"],
      [
        'activities/bast.activities.ts',
        "import { publicStatus as planted } from '../workflows/sop';",
      ],
      [
        'workflows/sop/sop.ts',
        "import type { AppModule as planted } from '../../apps/api/src/app.module';",
      ],
      [
        'apps/api/src/auth/access-policy.ts',
        "import { programmeWorkflow as planted } from '../../../../workflows/programme.workflow';",
      ],
      // The same floors through the @salur/* alias, and libs/shared importing nothing.
      ['libs/sop/commands.ts', "import { sopMachine as planted } from '@salur/workflows/sop';"],
      [
        'libs/domain/auth.ts',
        "import { AppModule as planted } from '@salur/apps/api/src/app.module';",
      ],
      [
        'workflows/programme.workflow.ts',
        "import { createActivities as planted } from '@salur/activities';",
      ],
      [
        'apps/api/src/auth/access-policy.ts',
        "import { programmeWorkflow as planted } from '@salur/workflows/programme.workflow';",
      ],
      ['libs/shared/patterns.ts', "import { ROLES as planted } from '@salur/libs/sop/roles';"],
      ['libs/shared/patterns.ts', "import { STEPS as planted } from '../sop/steps';"],
    ];
    const allowed: [string, string][] = [
      [
        'apps/api/src/auth/access-policy.ts',
        "import { COMMANDS as planted } from '../../../../libs/sop/commands';",
      ],
      [
        'workflows/programme.workflow.ts',
        "import { COMMANDS as planted } from '../libs/sop/commands';",
      ],
      [
        'activities/bast.activities.ts',
        "import type { SopStatus as planted } from '../workflows/sop';",
      ],
      [
        'apps/worker/src/main.ts',
        "import { allocationWorkflow as planted } from '../../../workflows/allocation.workflow';",
      ],
      [
        'apps/api/src/auth/access-policy.ts',
        "import { COMMANDS as planted } from '@salur/libs/sop/commands';",
      ],
      [
        'workflows/programme.workflow.ts',
        "import type { Activities as planted } from '@salur/activities';",
      ],
      ['libs/shared/patterns.ts', "import { UUID as planted } from './patterns';"],
    ];
    const lines = restrictedLines([...refused, ...allowed]);
    expect(lines).toEqual([...refused.map(() => [1]), ...allowed.map(() => [])]);
  }, 600_000);
});
