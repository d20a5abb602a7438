/** Which problems mark which inputs: a form's own problem, a call's VALIDATION error, and nothing else. */
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { isFieldError, namesField, shownMessage } from '../../../../src/renderer/src/components/ui/ErrorMessage';

describe('namesField', () => {
  it('matches the field and its parts, not a field that merely starts alike', () => {
    const problem = { message: 'CRF must be a whole number', field: 'encode.crf' };
    expect([namesField(problem, 'encode.crf'), namesField(problem, 'encode'), namesField(problem, 'encode.cr')]).toEqual([true, true, false]);
    expect(namesField({ message: 'x', field: 'clipsExtra' }, 'clips')).toBe(false);
  });

  it("marks the field any call's error names, and nothing for one that names none", () => {
    const validation = new StudioError('VALIDATION', 'folder: must be absolute', 'folder');
    const empty = new StudioError('BAD_INPUT', 'style set "x" has no images', 'styleSetId');
    const unnamed = new StudioError('IO', 'the disk is full');
    expect([namesField(validation, 'folder'), namesField(empty, 'styleSetId'), namesField(unnamed, 'folder')]).toEqual([true, true, false]);
    expect([isFieldError(validation, 'folder'), isFieldError(empty, 'folder'), isFieldError(null, 'folder')]).toEqual([true, false, false]);
  });

  it('finds no field in a plain message or a problem without one', () => {
    expect([namesField('Interval must be a number', 'sampling'), namesField({ message: 'x' }, 'x'), namesField(null, 'x')]).toEqual([false, false, false]);
  });
});

describe('shownMessage', () => {
  it("says a VALIDATION error's field in words, without the call's internal name", () => {
    const shown = (message: string, field: string) => shownMessage(new StudioError('VALIDATION', message, field));
    expect(shown('import.video: clips.2: not a video file', 'clips.2')).toBe('Clip 3: not a video file');
    expect(shown('convert.photos: outputFolder: path is empty', 'outputFolder')).toBe('Output folder: path is empty');
    expect(shown('train.start: config.batch: Too big: expected number to be <=64', 'config.batch')).toBe('Batch: Too big: expected number to be <=64');
    expect(shown('convert.clip: encode.crf: bad', 'encode.crf')).toBe('CRF: bad');
    expect(shown('library.open: (argument): expected object', '(argument)')).toBe('The request: expected object');
  });

  it('leaves other messages as they are', () => {
    expect(shownMessage(new StudioError('NOT_FOUND', 'library.open: no such folder', 'path'))).toBe('library.open: no such folder');
    expect(shownMessage({ message: 'Pick a clip: x', field: 'clips' })).toBe('Pick a clip: x');
    expect(shownMessage('plain words')).toBe('plain words');
  });
});
