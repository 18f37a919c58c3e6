/** Ids on an audit row (actor, entity, addressed tenant): what a caller controls is kept to this length. */
export const MAX_AUDIT_ID_LENGTH = 256;
/** A denial's reason, which may quote what the caller sent. */
export const MAX_AUDIT_REASON_LENGTH = 512;

/**
 * Text a caller may have chosen, made storable and bounded before it is hashed: PostgreSQL text holds
 * neither NUL nor unpaired surrogates (and the hash must cover exactly what is stored), and a row's size
 * must not be the caller's to pick.
 */
export function boundedText(value: string, maxLength: number): string {
  const clipped = value.length > maxLength ? value.slice(0, maxLength) : value;
  return (clipped as string & { toWellFormed(): string }).toWellFormed().replaceAll('\u0000', '\uFFFD');
}
