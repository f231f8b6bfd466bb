// The accounts module's front door for the HTTP layer.
export {
  createAccounts,
  sessionTtlHoursFromEnv,
  DEFAULT_SESSION_TTL_HOURS,
  RESET_TTL_MINUTES,
  type Accounts,
  type AccountsOptions,
  type AccountError,
  type AccountErrorCode,
  type AccountResult,
  type SignedIn,
  type Authenticated,
} from './accounts.ts';
export {
  hashPassword,
  verifyPassword,
  needsRehash,
  CURRENT_PARAMS,
  type ScryptParams,
} from './password-hash.ts';
