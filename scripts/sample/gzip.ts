import { gzipSync } from 'node:zlib';

/** gzip's header byte for the operating system: 3 is Unix. */
const OS_UNIX = 3;

/**
 * gzip with a fixed header, so the same bytes in give the same bytes out on any machine: level
 * 9, modification time 0 ("none", as `gzip -n` writes) and the OS byte set to Unix (zlib
 * writes the host's). The header is outside the CRC, so patching it keeps the file valid.
 *
 * @example
 * writeFileSync('trail.json.gz', reproducibleGzip(Buffer.from(JSON.stringify({ Records: [] }))));
 */
export function reproducibleGzip(data: Buffer | string): Buffer {
  const out = gzipSync(data, { level: 9 });
  out.writeUInt32LE(0, 4);
  out[9] = OS_UNIX;
  return out;
}
