/** `npm run keys`: writes a .env with a fresh signing key pair for docker compose. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AuthKeys } from '@crm/platform';

const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');

void AuthKeys.generatePem().then(({ publicKey, privateKey }) => {
  const file = path.resolve(__dirname, '../../../.env');
  writeFileSync(file, `AUTH_PUBLIC_KEY="${oneLine(publicKey)}"\nAUTH_PRIVATE_KEY="${oneLine(privateKey)}"\n`, { mode: 0o600 });
  console.log(`wrote ${file}`);
});
