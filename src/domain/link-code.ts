/**
 * A link code as people type it: spaces and dashes are only for reading, case does not count.
 */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}
