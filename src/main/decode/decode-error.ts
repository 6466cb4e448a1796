// A decode failure with a code the library stores per file and a message that says exactly what is wrong.
import type { SampleErrorCode } from '../../shared/model/sample.js';

export class AudioDecodeError extends Error {
  readonly code: SampleErrorCode;
  constructor(code: SampleErrorCode, message: string) {
    super(message);
    this.name = 'AudioDecodeError';
    this.code = code;
  }
}
