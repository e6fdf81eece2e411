import { DomainException, ErrorCodes } from '@crm/platform';

export class DeviceTakenException extends DomainException {
  constructor(deviceId: string) {
    super(ErrorCodes.Conflict, `deviceId: ${deviceId} is already registered to someone.`, { reason: 'DEVICE_TAKEN', field: 'deviceId' });
  }
}
