import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@salur/libs/config/repo-root';

/**
 * The body rows of the first Markdown table after `heading` in a file under docs/, each as
 * its trimmed cells: specs check the tables users read against the code that decides.
 */
export function docTable(doc: string, heading: string): string[][] {
  const text = readFileSync(join(repoRoot(), 'docs', doc), 'utf8');
  const at = text.indexOf(heading);
  if (at < 0) throw new Error(`docs/${doc} has no "${heading}"`);
  const lines = text.slice(at).split('\n');
  const header = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The names a table cell writes as code: "`tim_distribusi`, `kecamatan_operator`". */
export function codeNames(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}
