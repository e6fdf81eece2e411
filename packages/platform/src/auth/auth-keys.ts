import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, jwtVerify, type KeyLike } from 'jose';
import { z } from 'zod';
import { UnauthenticatedException } from '../errors';
import type { Actor } from './actor';
import { ROLES } from './roles';

const ALG = 'EdDSA';
const ISSUER = 'crm-identity';
const AUDIENCE = 'crm-api';
const ACCESS_TOKEN_TTL = '1h';

const claimsSchema = z.object({
  sub: z.uuid(),
  org: z.uuid(),
  org_path: z.string(),
  roles: z.array(z.enum(ROLES)),
  supports: z.array(z.uuid()).default([]),
});

export interface AuthKeyPem {
  publicKey: string;
  privateKey?: string;
}

/**
 * Access tokens are signed by identity with an Ed25519 private key and verified everywhere else
 * with the public key, so no other service can mint them.
 */
export class AuthKeys {
  private constructor(
    private readonly publicKey: KeyLike,
    private readonly privateKey?: KeyLike,
  ) {}

  static async fromPem(pem: AuthKeyPem): Promise<AuthKeys> {
    return new AuthKeys(
      await importSPKI(pem.publicKey, ALG),
      pem.privateKey ? await importPKCS8(pem.privateKey, ALG) : undefined,
    );
  }

  static async generatePem(): Promise<Required<AuthKeyPem>> {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
    return { publicKey: await exportSPKI(publicKey), privateKey: await exportPKCS8(privateKey) };
  }

  async issueAccessToken(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    if (!this.privateKey) throw new Error('This service holds no signing key; only identity issues tokens.');
    const token = await new SignJWT({ org: actor.orgUnitId, org_path: actor.orgPath, roles: [...actor.roles], supports: [...(actor.supports ?? [])] })
      .setProtectedHeader({ alg: ALG })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ACCESS_TOKEN_TTL)
      .sign(this.privateKey);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verifyAccessToken(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALG] });
      const claims = claimsSchema.parse(payload);
      return { userId: claims.sub, orgUnitId: claims.org, orgPath: claims.org_path, roles: claims.roles, supports: claims.supports };
    } catch {
      throw new UnauthenticatedException('The access token is invalid or expired; sign in again.');
    }
  }

  /** Reads `Authorization: Bearer …`; no header means an anonymous request, a bad one is refused. */
  async actorFromHeader(header: string | undefined): Promise<Actor | null> {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new UnauthenticatedException('The Authorization header must be "Bearer <access token>".');
    return this.verifyAccessToken(match[1]);
  }
}
