/** The day review dates are judged against. Plain Node module. */
import { readEnv, type RawEnv } from './env.ts';

/**
 * Today in China (UTC+8) as `YYYY-MM-DD`; `SIKU_TODAY` pins it for reproducible builds and
 * tests. A malformed `SIKU_TODAY` throws an `EnvError` (it used to be ignored silently,
 * so a typo quietly gave different review-date results).
 */
export function today(env: RawEnv = process.env): string {
  return readEnv('SIKU_TODAY', env) ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
