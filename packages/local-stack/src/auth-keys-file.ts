import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AuthKeys, type AuthKeyPem } from '@crm/platform';

/** Development signing keys, generated once and kept beside the data so tokens survive a restart. */
export async function loadOrCreateKeyFile(file: string): Promise<Required<AuthKeyPem>> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Required<AuthKeyPem>;
  const pem = await AuthKeys.generatePem();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(pem, null, 2), { mode: 0o600 });
  return pem;
}
