import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from './errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const wrapped = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);

describe('classifyFailure', () => {
  it('looks through Drizzle’s wrapper to the driver’s error', () => {
    expect(classifyFailure(wrapped(pgError('23505')))).toBe('duplicate');
    expect(classifyFailure(wrapped(pgError('23503')))).toBe('reference');
    expect(
      classifyFailure(wrapped(pgError('57P01', 'terminating connection due to administrator command'))),
    ).toBe('database_unavailable');
    expect(classifyFailure(wrapped(new Error('Connection terminated unexpectedly')))).toBe(
      'database_unavailable',
    );
    expect(classifyFailure(wrapped(new Error('timeout exceeded when trying to connect')))).toBe(
      'database_unavailable',
    );
    expect(classifyFailure(wrapped(new Error('Query read timeout')))).toBe('database_unavailable');
    expect(
      classifyFailure(wrapped(pgError('53100', 'could not extend file "base/1/2": No space left on device'))),
    ).toBe('storage_full');
  });

  it('recognises file-system errors of uploads', () => {
    expect(classifyFailure(pgError('ENOSPC', 'ENOSPC: no space left on device, write'))).toBe('storage_full');
    expect(classifyFailure(pgError('EDQUOT'))).toBe('storage_full');
    expect(classifyFailure(pgError('ECONNREFUSED'))).toBe('database_unavailable');
  });

  it('leaves other errors alone (they are 500s)', () => {
    expect(classifyFailure(new Error('boom'))).toBeNull();
    expect(classifyFailure(wrapped(pgError('42P01', 'relation "x" does not exist')))).toBeNull();
    expect(classifyFailure(null)).toBeNull();
  });
});
