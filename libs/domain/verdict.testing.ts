import type { Verdict } from './verdict';

/** For specs: the refusal's code, message and (when any) details, to compare at once. */
export function refusalOf<T>(verdict: Verdict<T>): { code: string; message: string } & object {
  if (verdict.ok) throw new Error(`expected a refusal, got ${JSON.stringify(verdict.value)}`);
  const { code, message, details } = verdict.error;
  return { code, message, ...(Object.keys(details).length > 0 ? { details } : {}) };
}

/** For specs: the allowed move, or a failure naming the refusal. */
export function moveOf<T>(verdict: Verdict<T>): T {
  if (!verdict.ok) throw new Error(`expected a move, got ${verdict.error.message}`);
  return verdict.value;
}
