import proxyaddr from 'proxy-addr';

/** Express's `trust proxy`: a hop count, or the addresses, CIDR ranges and named ranges of the proxies. */
export type TrustProxy = number | string[];

const EXPECTED =
  'a hop count (e.g. 1), or addresses, CIDR ranges and the names loopback, linklocal, uniquelocal, ' +
  'separated by commas (e.g. loopback,10.0.0.0/8)';

/**
 * TRUST_PROXY as express takes it, or undefined (off: X-Forwarded-For is ignored). `true` is refused: it
 * believes the header from anyone, so every client could pick its own address and its own rate-limit budget.
 * Throws an Error whose message says what is wrong.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false') return undefined;
  if (setting === 'true') {
    throw new Error(`true would let every client choose its own address; give ${EXPECTED}`);
  }
  if (/^\d+$/.test(setting)) return Number(setting) || undefined;
  const entries = setting.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === ''))
    throw new Error(`an empty entry in "${setting}"; give ${EXPECTED}`);
  try {
    proxyaddr.compile(entries);
  } catch (err) {
    throw new Error(`${(err as Error).message}; give ${EXPECTED}`, { cause: err });
  }
  return entries;
}
