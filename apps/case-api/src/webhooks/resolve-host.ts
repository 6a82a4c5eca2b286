import type { ResolveHost } from '@app/domain';
import { lookup } from 'node:dns/promises';

/** Every address a name resolves to, as the system resolver answers it: what a connection to it would use. */
export const resolveHost: ResolveHost = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((found) => found.address);
