/**
 * Limits a read or a write to what one rep owns: the leads whose owner it is, its tasks, its
 * inbox. Services take it as an optional argument; absent, nothing is limited. Rows outside the
 * scope are answered as not found, so a rep cannot learn which other leads exist.
 */
export interface OwnerScope {
  repId: string;
}
