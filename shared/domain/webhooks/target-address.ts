/**
 * Where webhooks may be sent. In AWS a subscription's URL is attacker-chosen input, so a target
 * must be https and reach only public unicast addresses — never the function's own network
 * (private ranges, the Lambda runtime API on loopback, metadata services on link-local). Locally
 * the receivers under test run on localhost over http, so only the URL's shape is checked.
 */
export type TargetMode = 'aws' | 'local';

export const TARGET_MODES: readonly TargetMode[] = ['aws', 'local'];

export const MAX_TARGET_URL_LENGTH = 2048;

export type TargetRefusal =
  | 'too-long'
  | 'not-a-url'
  | 'scheme-not-allowed'
  | 'credentials-in-url'
  | 'host-not-allowed'
  | 'address-not-allowed'
  | 'no-address';

export type TargetCheck = { ok: true } | { ok: false; reason: TargetRefusal; address?: string };

export type TargetUrlCheck =
  | {
      ok: true;
      url: URL;
      /** The host to resolve, without IPv6 brackets or a trailing dot. */
      hostname: string;
      /** Set when the host is an IP address, which needs no resolving. */
      address?: string;
    }
  | { ok: false; reason: TargetRefusal; address?: string };

export type IpAddress = { version: 4; value: number } | { version: 6; value: bigint };

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;

const parseIpv4 = (text: string): number | undefined => {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => IPV4_PART.test(part))) return undefined;
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
};

const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** 16-bit groups of one side of `::`; a trailing dotted IPv4 counts as two groups. */
const ipv6Groups = (text: string): number[] | undefined => {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index === pieces.length - 1 && piece.includes('.')) {
      const ipv4 = parseIpv4(piece);
      if (ipv4 === undefined) return undefined;
      groups.push(Math.floor(ipv4 / 65536), ipv4 % 65536);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
};

const parseIpv6 = (text: string): bigint | undefined => {
  const withoutZone = text.split('%')[0] ?? '';
  const halves = withoutZone.split('::');
  if (halves.length > 2) return undefined;
  const head = ipv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? ipv6Groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
};

/** An IPv4 (dotted decimal) or IPv6 address, brackets allowed; undefined for anything else. */
export const parseIpAddress = (text: string): IpAddress | undefined => {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const ipv4 = parseIpv4(bare);
  if (ipv4 !== undefined) return { version: 4, value: ipv4 };
  if (!bare.includes(':')) return undefined;
  const ipv6 = parseIpv6(bare);
  return ipv6 === undefined ? undefined : { version: 6, value: ipv6 };
};

const ipv4Range = (base: string, prefix: number) => ({ base: parseIpv4(base) ?? 0, prefix });

/** IANA special-purpose IPv4 ranges that are not the public internet. */
const NON_PUBLIC_IPV4 = [
  ipv4Range('0.0.0.0', 8), // "this network"
  ipv4Range('10.0.0.0', 8), // private
  ipv4Range('100.64.0.0', 10), // carrier-grade NAT
  ipv4Range('127.0.0.0', 8), // loopback
  ipv4Range('169.254.0.0', 16), // link-local, incl. 169.254.169.254 (instance metadata)
  ipv4Range('172.16.0.0', 12), // private
  ipv4Range('192.0.0.0', 24), // IETF protocol assignments
  ipv4Range('192.0.2.0', 24), // documentation
  ipv4Range('192.88.99.0', 24), // 6to4 relay anycast
  ipv4Range('192.168.0.0', 16), // private
  ipv4Range('198.18.0.0', 15), // benchmarking
  ipv4Range('198.51.100.0', 24), // documentation
  ipv4Range('203.0.113.0', 24), // documentation
  ipv4Range('224.0.0.0', 4), // multicast
  ipv4Range('240.0.0.0', 4), // reserved, incl. broadcast
];

const inIpv4Range = (value: number, range: { base: number; prefix: number }): boolean => {
  const size = 2 ** (32 - range.prefix);
  return Math.floor(value / size) === Math.floor(range.base / size);
};

const isPublicIpv4 = (value: number): boolean =>
  !NON_PUBLIC_IPV4.some((range) => inIpv4Range(value, range));

const ipv6Range = (base: string, prefix: number) => ({ base: parseIpv6(base) ?? 0n, prefix });

const inIpv6Range = (value: bigint, range: { base: bigint; prefix: number }): boolean => {
  const shift = BigInt(128 - range.prefix);
  return value >> shift === range.base >> shift;
};

const GLOBAL_UNICAST_IPV6 = ipv6Range('2000::', 3);
/** Ranges that carry an IPv4 address in their low 32 bits: judged by that address. */
const IPV4_CARRYING_IPV6 = [
  ipv6Range('::ffff:0:0', 96), // IPv4-mapped
  ipv6Range('64:ff9b::', 96), // NAT64 (DNS64 answers in IPv6-only subnets)
];
/** Parts of global unicast that are not ordinary public hosts. */
const NON_PUBLIC_GLOBAL_IPV6 = [
  ipv6Range('2001::', 23), // IETF protocol assignments, incl. Teredo
  ipv6Range('2001:db8::', 32), // documentation
  ipv6Range('2002::', 16), // 6to4, which embeds an IPv4 address
  ipv6Range('3fff::', 20), // documentation
];

/**
 * IPv6 is public only inside global unicast (2000::/3), which leaves out loopback, unspecified,
 * IPv4-compatible, link-local, unique-local (incl. the EC2 metadata address fd00:ec2::254),
 * multicast and the rest at once.
 */
const isPublicIpv6 = (value: bigint): boolean => {
  const carrier = IPV4_CARRYING_IPV6.find((range) => inIpv6Range(value, range));
  if (carrier) return isPublicIpv4(Number(value & 0xffffffffn));
  return (
    inIpv6Range(value, GLOBAL_UNICAST_IPV6) &&
    !NON_PUBLIC_GLOBAL_IPV6.some((range) => inIpv6Range(value, range))
  );
};

/** Whether an address is public unicast; text that is not an address is not. */
export const isPublicAddress = (text: string): boolean => {
  const address = parseIpAddress(text);
  if (address === undefined) return false;
  return address.version === 4 ? isPublicIpv4(address.value) : isPublicIpv6(address.value);
};

const ALLOWED_SCHEMES: Record<TargetMode, readonly string[]> = {
  aws: ['https:'],
  local: ['http:', 'https:'],
};

const isLocalhostName = (hostname: string): boolean =>
  hostname === 'localhost' || hostname.endsWith('.localhost');

/**
 * The checks that need no network: length, scheme, no credentials, and — in AWS — no local host
 * name and no non-public IP literal. A host name still needs checkResolvedAddresses.
 */
export const checkTargetUrl = (text: string, mode: TargetMode): TargetUrlCheck => {
  if (text.length > MAX_TARGET_URL_LENGTH) return { ok: false, reason: 'too-long' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (!ALLOWED_SCHEMES[mode].includes(url.protocol)) {
    return { ok: false, reason: 'scheme-not-allowed' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'credentials-in-url' };
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (hostname === '') return { ok: false, reason: 'not-a-url' };
  const literal = parseIpAddress(hostname) === undefined ? undefined : hostname;
  if (mode === 'aws') {
    if (literal !== undefined && !isPublicAddress(literal)) {
      return { ok: false, reason: 'address-not-allowed', address: literal };
    }
    if (isLocalhostName(hostname.toLowerCase())) return { ok: false, reason: 'host-not-allowed' };
  }
  return literal === undefined
    ? { ok: true, url, hostname }
    : { ok: true, url, hostname, address: literal };
};

/**
 * The addresses a host name resolved to. In AWS every one must be public: a name that also
 * resolves to a private address is refused rather than raced.
 */
export const checkResolvedAddresses = (
  addresses: readonly string[],
  mode: TargetMode,
): TargetCheck => {
  if (addresses.length === 0) return { ok: false, reason: 'no-address' };
  if (mode === 'local') return { ok: true };
  const refused = addresses.find((address) => !isPublicAddress(address));
  return refused === undefined
    ? { ok: true }
    : { ok: false, reason: 'address-not-allowed', address: refused };
};

/** The full check for a target whose host name has been resolved (or is an IP literal). */
export const checkTarget = (
  text: string,
  resolvedAddresses: readonly string[],
  mode: TargetMode,
): TargetCheck => {
  const shape = checkTargetUrl(text, mode);
  if (!shape.ok) return shape;
  return checkResolvedAddresses(
    shape.address === undefined ? resolvedAddresses : [shape.address],
    mode,
  );
};
