import { z } from 'zod';
import { InputException } from '../errors';

/** Validates resolver input; the first problem becomes a BAD_USER_INPUT error naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new InputException(field ? `${field}: ${issue?.message}` : (issue?.message ?? 'Invalid input'), field);
}

/** Common field rules, so every subgraph rejects the same bad input the same way. */
export const fields = {
  id: (what = 'id') => z.uuid({ error: `must be a valid ${what} (a UUID)` }),
  text: (max: number) =>
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`),
};

/** An id argument: a UUID, or BAD_USER_INPUT naming the argument. */
export function parseId(value: string, field = 'id'): string {
  return parseInput(z.object({ [field]: fields.id(field) }), { [field]: value })[field] as string;
}
