/** A base32 TOTP secret in groups of four, easier to type from a screen: "JBSW Y3DP EHPK 3PXP". */
export function groupSecret(secret: string): string {
  return (
    secret
      .replace(/\s+/g, '')
      .toUpperCase()
      .match(/.{1,4}/g) ?? []
  ).join(' ');
}

/** Six digits, spaces allowed while typing. */
export function normaliseCode(input: string): string {
  return input.replace(/\D/g, '').slice(0, 6);
}
