import fc from 'fast-check';
import { DomainError } from './errors';
import { secondPerson } from './maker-checker';

describe('maker-checker', () => {
  const refusal = () => new DomainError('SELF_APPROVAL_REFUSED', 'not your own');

  it('refuses the person who asked, with the refusal the caller words', () => {
    const sut = secondPerson({ requestedBy: 'u-1' }, 'u-1', refusal);
    expect(sut).toEqual({ ok: false, error: refusal() });
  });

  it('lets any other person decide, without building a refusal', () => {
    const unused = jest.fn(refusal);
    expect(secondPerson({ requestedBy: 'u-1' }, 'u-2', unused)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(unused).not.toHaveBeenCalled();
  });

  it('for any two people: refused exactly when the checker is the maker', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (maker, checker) => {
        const sut = secondPerson({ requestedBy: maker }, checker, refusal);
        expect(sut.ok).toBe(maker !== checker);
        expect(secondPerson({ requestedBy: maker }, maker, refusal).ok).toBe(false);
      }),
    );
  });
});
