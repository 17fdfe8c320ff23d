// Raw bytes to `winnow serve`, below any HTTP or WebSocket library: the malformed requests and frames
// a real client library would refuse to send.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

/** Sends `bytes` and resolves with everything the server wrote back until it closed the connection. */
export function rawExchange(port: number, bytes: Buffer | string, waitMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `the server did not close the connection in ${waitMs} ms; it wrote: ${Buffer.concat(chunks).toString('latin1').slice(0, 300)}`,
        ),
      );
    }, waitMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    // The server may reset the connection after answering (it stops reading a flood): what came back counts.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** An HTTP/1.1 upgrade request to /ws with the token, as a browser page of this server would send it. */
export function upgradeRequest(port: number, token: string, path = `/ws?token=${token}`): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

export interface FrameOptions {
  opcode?: number;
  fin?: boolean;
  rsv1?: boolean;
  /** Clients must mask; false sends the payload in clear, which the server must refuse. */
  mask?: boolean;
  /** The length the header claims, when it should differ from the payload sent (e.g. 2^62). */
  claimedLength?: bigint;
}

/** One WebSocket frame (RFC 6455 §5.2) carrying `payload`, malformed as the options say. */
export function frame(payload: Buffer, opts: FrameOptions = {}): Buffer {
  const { opcode = 1, fin = true, rsv1 = false, mask = true } = opts;
  const length = opts.claimedLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) head.push(maskBit | 126, Number(length >> 8n), Number(length & 0xffn));
  else {
    head.push(maskBit | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** The status code of the close frame in what the server sent after its 101 answer, or null. */
export function closeCode(reply: Buffer): number | null {
  const end = reply.indexOf('\r\n\r\n');
  if (end < 0 || !reply.subarray(0, 12).toString('latin1').includes(' 101')) return null;
  let at = end + 4;
  while (at + 2 <= reply.length) {
    const opcode = reply[at]! & 0x0f;
    let len = reply[at + 1]! & 0x7f;
    let start = at + 2;
    if (len === 126) {
      len = reply.readUInt16BE(start);
      start += 2;
    } else if (len === 127) {
      len = Number(reply.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 8) return len >= 2 ? reply.readUInt16BE(start) : null;
    at = start + len;
  }
  return null;
}
