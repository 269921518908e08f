import { ValidationFailed, type FieldProblem } from './errors';

/** For specs: the problems of the ValidationFailed that `run` throws (fails if it throws none). */
export function validationProblemsOf(run: () => unknown): readonly FieldProblem[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).problems;
  }
  throw new Error('expected a ValidationFailed');
}
