import { DomainException, ErrorCodes, NotFoundException } from '../errors';

/** Another person's upload, an expired one and one that never was all read the same. */
export class UploadNotFoundException extends NotFoundException {
  constructor(id: string) {
    super(`No upload ${id} of yours that is still kept (uploads expire after a day).`, 'UPLOAD_NOT_FOUND');
  }
}

export class UploadIncompleteException extends DomainException {
  constructor(id: string, received: number, size: number) {
    super(ErrorCodes.BadUserInput, `Upload ${id} has ${received} of its ${size} bytes; send the rest first.`, { reason: 'UPLOAD_INCOMPLETE', receivedBytes: received, byteSize: size });
  }
}

export class UploadChunkException extends DomainException {
  constructor(message: string) {
    super(ErrorCodes.BadUserInput, message, { reason: 'UPLOAD_CHUNK_REFUSED', field: 'data' });
  }
}
