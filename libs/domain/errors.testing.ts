import { ValidationFailed, type FieldProblem } from './errors';

/** For specs: the problems of the ValidationFailed that `run` throws (fails if it throws none). */
export function validationProblemsOf(run: () => unknown): readonly FieldProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationFailed');
}
