import { createHash } from 'node:crypto';
import { sha256 as portableSha256, useSha256 } from '@truce/core/log/hash';

/**
 * The server hashes with node:crypto: the log's entries, commitments and Merkle nodes are
 * hashed on every filing, and the portable implementation the browser needs (core) costs
 * several times more processor time. Imported for its effect by the server and the CLI.
 */
const native = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());
const probe = new TextEncoder().encode('truce');
if (Buffer.compare(native(probe), portableSha256(probe)) !== 0) throw new Error('node:crypto SHA-256 disagrees with the portable one');
useSha256(native);
