import { v7 } from 'uuid';

/** Time-ordered ids: index-friendly, and "newest first" is simply "id descending". */
export const newId = (): string => v7();

/** A reference to an entity another subgraph owns; all this subgraph knows of it is the key. */
export interface EntityRef {
  id: string;
}
