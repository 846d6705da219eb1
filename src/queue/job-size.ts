/** JSON Lines records per job by default: a job of a few seconds on one core. */
export const DEFAULT_JOB_RECORDS = 500;
/** The most JSON Lines records a job may hold. */
export const MAX_JOB_RECORDS = 1000;
