import { DomainError } from './errors';
import { allow, orThrow, refuse } from './verdict';

describe('a verdict', () => {
  it('gives the allowed move', () => {
    expect(orThrow(allow({ kind: 'sign' }))).toEqual({ kind: 'sign' });
  });

  it('throws the refusal itself, code and message unchanged', () => {
    const error = new DomainError('TRANSITION_REFUSED', 'no');
    expect(() => orThrow(refuse(error))).toThrow(error);
  });
});
