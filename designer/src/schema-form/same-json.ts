/**
 * Whether two JSON values are equal by content. The designer's store may hand back a copy of
 * what the form sent, so identity cannot tell "my own change" from "changed elsewhere".
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
