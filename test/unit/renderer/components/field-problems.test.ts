/** Which problems mark which inputs: a form's own problem, a call's VALIDATION error, and nothing else. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { isFieldError, namesField } from '../../../../src/renderer/src/components/ui/ErrorMessage';

describe('namesField', () => {
  it('matches the field and its parts, not a field that merely starts alike', () => {
    const problem = { message: 'CRF must be a whole number', field: 'encode.crf' };
    expect([namesField(problem, 'encode.crf'), namesField(problem, 'encode'), namesField(problem, 'encode.cr')]).toEqual([true, true, false]);
    expect(namesField({ message: 'x', field: 'clipsExtra' }, 'clips')).toBe(false);
  });

  it("marks fields for a call's VALIDATION error only", () => {
    const validation = new StudioError('VALIDATION', 'folder: must be absolute', 'folder');
    const notFound = new StudioError('NOT_FOUND', 'no such folder', 'folder');
    expect([namesField(validation, 'folder'), namesField(notFound, 'folder')]).toEqual([true, false]);
    expect([isFieldError(validation, 'folder'), isFieldError(notFound, 'folder'), isFieldError(null, 'folder')]).toEqual([true, false, false]);
  });

  it('finds no field in a plain message or a problem without one', () => {
    expect([namesField('Interval must be a number', 'sampling'), namesField({ message: 'x' }, 'x'), namesField(null, 'x')]).toEqual([false, false, false]);
  });
});
