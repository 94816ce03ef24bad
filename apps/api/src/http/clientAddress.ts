import type { IncomingMessage } from 'node:http';
import proxyaddr from '@fastify/proxy-addr';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

/**
 * The key a client's address is counted under: an IPv4 address as it is, an IPv6 one by its /64
 * network (one subscriber gets a whole /64, so a single address would be free to change at will).
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy (TRUST_PROXY),
 * the nearest address in X-Forwarded-For that is not one (proxy-addr, as Express and Fastify read
 * it). Without trusted proxies the header is ignored: anyone can write it. Undefined when the
 * request came without a socket (the app called in-process).
 */
export function clientAddressOf(trustProxy: string[]): (c: Context) => string | undefined {
  const trusted = proxyaddr.compile(trustProxy);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (incoming?.socket?.remoteAddress === undefined) return undefined;
    return addressKey(proxyaddr(incoming, trusted));
  };
}
