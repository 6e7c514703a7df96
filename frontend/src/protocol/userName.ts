/** The server's rule for a user name: 1 to 32 of ASCII letters, digits, `_`, `-`, `.`. */
const USER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;

export const USER_NAME_RULE = '1 to 32 letters, digits, "_", "-" or "."';

export function isValidUserName(name: string): boolean {
  return USER_NAME.test(name);
}
