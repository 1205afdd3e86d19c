/** The server's rule (at least 12 characters), checked before sending so the message is in the reader's language. */
export const MIN_PASSWORD_LENGTH = 12;

/** Too short for the server? Counted in characters as people see them, not UTF-16 units. */
export function tooShort(password: string): boolean {
  return [...password].length < MIN_PASSWORD_LENGTH;
}
