import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../core/errors';
import { UPLOAD_ERROR_CODES, parseUploadErrorCode, uploadErrorMessage } from './upload-error';

describe('upload error codes', () => {
  it('reads every code, and nothing as null', () => {
    for (const code of UPLOAD_ERROR_CODES) expect(parseUploadErrorCode(code)).toBe(code);
    expect(parseUploadErrorCode(undefined)).toBeNull();
    expect(parseUploadErrorCode('')).toBeNull();
  });

  it.each([['Your account is locked: call +1 555 0100'], ['__proto__'], [['no-file', 'mapping']]])(
    'refuses %j naming the parameter, never showing the text as a message',
    (value) => {
      expect(() => parseUploadErrorCode(value)).toThrow(BadRequestError);
      try {
        parseUploadErrorCode(value);
      } catch (err) {
        expect((err as BadRequestError).param).toBe('error');
      }
    },
  );

  it('has a message for every code', () => {
    for (const code of UPLOAD_ERROR_CODES) expect(uploadErrorMessage(code, 10)).toMatch(/\.$/);
    expect(uploadErrorMessage('too-large', 10)).toContain('10 MB');
  });
});
