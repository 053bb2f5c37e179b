import type { Severity } from '../../findings/severity.js';

/**
 * How bad it is to open a protocol/port range to the whole internet. Shared by the security
 * group and network ACL rules so both judge a range the same way.
 *
 * Tiers (documented in the rules' runbooks):
 * - `high`: every protocol (`-1`), the whole TCP/UDP port range, or a range that covers a port
 *   from {@link SENSITIVE_PORTS} (remote administration, databases, caches, search, container
 *   and cluster control planes; the union of the brief's admin ports and Security Hub EC2.19's
 *   high-risk ports);
 * - `info`: only 80 and/or 443 (a public web endpoint is the normal reason to open to the world);
 * - `low`: ICMP / ICMPv6 (ping and path-MTU discovery; no service is reachable through it);
 * - `medium`: any other port or protocol (something is listening that the world can reach).
 */

/** A port or port range with a name, for evidence such as `22 (SSH)`. */
interface SensitivePort {
  readonly from: number;
  readonly to: number;
  readonly name: string;
}

const port = (from: number, name: string, to = from): SensitivePort => ({ from, to, name });

/** Ports that must never be reachable from 0.0.0.0/0 or ::/0. */
export const SENSITIVE_PORTS: readonly SensitivePort[] = [
  port(20, 'FTP', 21),
  port(22, 'SSH'),
  port(23, 'Telnet'),
  port(25, 'SMTP'),
  port(110, 'POP3'),
  port(135, 'MS RPC'),
  port(137, 'NetBIOS', 139),
  port(143, 'IMAP'),
  port(161, 'SNMP'),
  port(445, 'SMB'),
  port(1433, 'SQL Server', 1434),
  port(1521, 'Oracle'),
  port(2049, 'NFS'),
  port(2375, 'Docker API', 2376),
  port(2379, 'etcd', 2380),
  port(3000, 'dev/admin UI'),
  port(3306, 'MySQL'),
  port(3389, 'RDP'),
  port(4333, 'mSQL'),
  port(5000, 'dev/admin UI'),
  port(5432, 'PostgreSQL'),
  port(5500, 'VNC'),
  port(5601, 'Kibana'),
  port(5900, 'VNC'),
  port(5984, 'CouchDB'),
  port(5985, 'WinRM', 5986),
  port(6379, 'Redis'),
  port(8080, 'HTTP admin/proxy'),
  port(8088, 'Hadoop YARN'),
  port(8888, 'admin UI'),
  port(9042, 'Cassandra'),
  port(9092, 'Kafka'),
  port(9200, 'Elasticsearch'),
  port(9300, 'Elasticsearch transport'),
  port(10250, 'kubelet'),
  port(11211, 'Memcached'),
  port(27017, 'MongoDB', 27018),
  port(50070, 'HDFS NameNode'),
];

const WEB_PORTS = new Set([80, 443]);

/**
 * The world: any IPv4 or IPv6 address.
 *
 * @example
 * isWorldCidr('::/0'); // true
 * isWorldCidr('203.0.113.0/24'); // false
 */
export function isWorldCidr(cidr: string | undefined): boolean {
  const value = cidr?.trim();
  return value === '0.0.0.0/0' || value === '::/0';
}

/** Protocol as AWS writes it (`tcp`, `6`, `-1`, `icmpv6` …) reduced to the cases that matter. */
export type ProtocolKind = 'all' | 'tcp' | 'udp' | 'icmp' | 'other';

/**
 * Normalizes a security group / NACL protocol. Security groups write names (`tcp`) or numbers,
 * NACLs write numbers (`6`); `-1` (and `all`) means every protocol.
 *
 * @example
 * protocolKind('6'); // 'tcp'
 * protocolKind(-1); // 'all'
 */
export function protocolKind(protocol: unknown): ProtocolKind {
  const value = String(protocol ?? '')
    .trim()
    .toLowerCase();
  if (value === '-1' || value === 'all') return 'all';
  if (value === 'tcp' || value === '6') return 'tcp';
  if (value === 'udp' || value === '17') return 'udp';
  if (value === 'icmp' || value === '1' || value === 'icmpv6' || value === '58') return 'icmp';
  return 'other';
}

/** The traffic a rule or NACL entry lets in. Ports are undefined when the record has none. */
export interface TrafficSpec {
  readonly protocol: unknown;
  readonly fromPort?: number | undefined;
  readonly toPort?: number | undefined;
}

export interface ExposureAssessment {
  readonly severity: Severity;
  /** Human-readable range, e.g. `tcp 22`, `tcp 1024-65535`, `all traffic`. */
  readonly traffic: string;
  /** Why this severity, e.g. `all ports`, `SSH (22)`, `web only (80/443)`. */
  readonly reason: string;
  /** Sensitive ports inside the range, as `22 (SSH)`. */
  readonly sensitivePorts: readonly string[];
}

/**
 * Judges what opening `spec` to the world exposes.
 *
 * @example
 * assessExposure({ protocol: 'tcp', fromPort: 22, toPort: 22 }).severity; // 'high'
 * assessExposure({ protocol: 'tcp', fromPort: 443, toPort: 443 }).severity; // 'info'
 */
export function assessExposure(spec: TrafficSpec): ExposureAssessment {
  const kind = protocolKind(spec.protocol);
  if (kind === 'all') {
    return {
      severity: 'high',
      traffic: 'all traffic',
      reason: 'all protocols and ports',
      sensitivePorts: [],
    };
  }
  if (kind === 'icmp') {
    return { severity: 'low', traffic: String(spec.protocol), reason: 'ICMP only', sensitivePorts: [] };
  }
  if (kind === 'other') {
    return {
      severity: 'medium',
      traffic: `protocol ${String(spec.protocol)}`,
      reason: 'a non-TCP/UDP protocol',
      sensitivePorts: [],
    };
  }
  // TCP/UDP: a missing or -1 bound means the whole range.
  const from = spec.fromPort === undefined || spec.fromPort < 0 ? 0 : spec.fromPort;
  const to = spec.toPort === undefined || spec.toPort < 0 ? 65535 : spec.toPort;
  const traffic = from === to ? `${kind} ${from}` : `${kind} ${from}-${to}`;
  if (from <= 1 && to >= 65535) {
    return { severity: 'high', traffic, reason: 'all ports', sensitivePorts: [] };
  }
  const sensitive = SENSITIVE_PORTS.filter((p) => p.from <= to && p.to >= from).map((p) =>
    p.from === p.to ? `${p.from} (${p.name})` : `${p.from}-${p.to} (${p.name})`,
  );
  if (sensitive.length > 0) {
    return {
      severity: 'high',
      traffic,
      reason: `sensitive ports ${sensitive.join(', ')}`,
      sensitivePorts: sensitive,
    };
  }
  if (rangeIsWebOnly(from, to)) {
    return { severity: 'info', traffic, reason: 'web ports only (80/443)', sensitivePorts: [] };
  }
  return { severity: 'medium', traffic, reason: 'ports other than 80/443', sensitivePorts: [] };
}

/** True when every port of the range is 80 or 443 (stops at the first other port). */
function rangeIsWebOnly(from: number, to: number): boolean {
  for (let p = from; p <= to; p++) if (!WEB_PORTS.has(p)) return false;
  return true;
}
