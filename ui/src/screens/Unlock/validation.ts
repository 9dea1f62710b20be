export const MIN_PASSPHRASE_LENGTH = 12;

/** Why a new workspace cannot be created with these values, or null if it can. */
export function newWorkspaceProblem(user: string, passphrase: string, confirm: string): string | null {
  if (user.trim() === '') return 'Enter a user name.';
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    return `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (it has ${passphrase.length}).`;
  }
  if (passphrase !== confirm) return 'The two passphrases do not match.';
  return null;
}

export function unlockProblem(user: string, passphrase: string): string | null {
  if (user.trim() === '') return 'Enter your user name.';
  if (passphrase === '') return 'Enter your passphrase.';
  return null;
}
