import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireActor, type Actor } from '../auth';
import { newId } from '../database/ids';
import { defineJob } from '../jobs';
import type { Scope } from '../scope';
import { fields, parseInput } from '../validation';
import { UploadChunkException, UploadIncompleteException, UploadNotFoundException } from './upload.exception';

/** Decoded bytes per part: as base64 (4/3 larger) a part stays well inside the gateway's 1 MB body. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** Large enough for a few hundred thousand rows of spreadsheet. */
export const UPLOAD_MAX_BYTES = 200 * 1024 * 1024;
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;

export interface UploadView {
  id: string;
  fileName: string;
  byteSize: number;
  receivedBytes: number;
  complete: boolean;
  expiresAt: Date;
}

interface UploadRow {
  id: string;
  file_name: string;
  byte_size: number;
  received_bytes: number;
  expires_at: Date;
}

const viewOf = (row: UploadRow): UploadView => ({
  id: row.id,
  fileName: row.file_name,
  byteSize: row.byte_size,
  receivedBytes: row.received_bytes,
  complete: row.received_bytes === row.byte_size,
  expiresAt: row.expires_at,
});

const beginInput = z.object({ fileName: fields.text(255), byteSize: z.number().int().min(1).max(UPLOAD_MAX_BYTES, `must be at most ${UPLOAD_MAX_BYTES} bytes`) });
const chunkInput = z.object({ uploadId: fields.id('uploadId'), sequence: z.number().int().min(0).max(100_000), data: z.string().min(1).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64') });

const run = <T>(em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());

/** Starts an upload of `byteSize` bytes; only its uploader may add to it or use it, until it expires. */
export async function beginUpload(scope: Scope, input: unknown): Promise<UploadView> {
  const actor = requireActor(scope.actor);
  const data = parseInput(beginInput, input);
  const now = scope.clock.now();
  const [row] = await run<UploadRow>(
    scope.em,
    'insert into upload (id, uploaded_by, file_name, byte_size, created_at, expires_at) values (?, ?, ?, ?, ?, ?) returning *',
    [newId(), actor.userId, data.fileName, data.byteSize, now, new Date(now.getTime() + KEPT_FOR_MS)],
  );
  return viewOf(row!);
}

async function lockedUpload(em: EntityManager, actor: Actor, id: string, now: Date): Promise<UploadRow> {
  const [row] = await run<UploadRow>(em, 'select * from upload where id = ? and uploaded_by = ? and expires_at > ? for update', [id, actor.userId, now]);
  if (!row) throw new UploadNotFoundException(id);
  return row;
}

/**
 * Adds part `sequence` (from 0). A part already received is not added again, so a client may
 * resend after a lost answer; bytes beyond the declared size are refused.
 */
export async function appendUploadChunk(scope: Scope, input: unknown): Promise<UploadView> {
  const actor = requireActor(scope.actor);
  const data = parseInput(chunkInput, input);
  const bytes = Buffer.from(data.data, 'base64');
  if (bytes.length > UPLOAD_CHUNK_BYTES) throw new UploadChunkException(`A part is at most ${UPLOAD_CHUNK_BYTES} bytes once decoded, not ${bytes.length}.`);
  return scope.em.transactional(async (tx) => {
    const upload = await lockedUpload(tx, actor, data.uploadId, scope.clock.now());
    const [existing] = await run<{ data: Buffer }>(tx, 'select data from upload_chunk where upload_id = ? and sequence = ?', [upload.id, data.sequence]);
    if (existing) {
      if (!existing.data.equals(bytes)) throw new UploadChunkException(`Part ${data.sequence} was already received with other content.`);
      return viewOf(upload);
    }
    const received = upload.received_bytes + bytes.length;
    if (received > upload.byte_size) throw new UploadChunkException(`This part would make ${received} bytes, more than the ${upload.byte_size} declared.`);
    await run(tx, 'insert into upload_chunk (upload_id, sequence, data) values (?, ?, ?)', [upload.id, data.sequence, bytes]);
    const [updated] = await run<UploadRow>(tx, 'update upload set received_bytes = ? where id = ? returning *', [received, upload.id]);
    return viewOf(updated!);
  });
}

/** A complete upload of the actor's, every part from 0 on present: what an import may read. */
export async function requireCompleteUpload(em: EntityManager, actor: Actor, id: string, now: Date): Promise<UploadView> {
  const [row] = await run<UploadRow & { parts: number; last: number }>(
    em,
    `select u.*, count(c.sequence)::int as parts, coalesce(max(c.sequence), -1) as last
       from upload u left join upload_chunk c on c.upload_id = u.id
      where u.id = ? and u.uploaded_by = ? and u.expires_at > ? group by u.id`,
    [id, actor.userId, now],
  );
  if (!row) throw new UploadNotFoundException(id);
  if (row.received_bytes !== row.byte_size || row.parts !== row.last + 1) throw new UploadIncompleteException(id, row.received_bytes, row.byte_size);
  return viewOf(row);
}

/** The file's bytes part by part, one part in memory at a time. */
export async function* uploadBytes(em: EntityManager, id: string): AsyncGenerator<Buffer> {
  for (let sequence = 0; ; sequence += 1) {
    const [part] = await run<{ data: Buffer }>(em, 'select data from upload_chunk where upload_id = ? and sequence = ?', [id, sequence]);
    if (!part) return;
    yield part.data;
  }
}

/** A module's daily clean-up of expired uploads (their parts go with them). */
export const purgeExpiredUploadsJob = (module: string) =>
  defineJob({
    kind: `${module}.purge_expired_uploads`,
    schedule: '40 3 * * *',
    async run({ scope }) {
      await scope.em.getConnection().execute('delete from upload where expires_at < ?', [scope.clock.now()]);
    },
  });
