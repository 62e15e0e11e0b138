// Reads the .eml files the server writes to its outbox when no SMTP server is configured.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i] as string;
    const hex = soft.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The plain-text body of a single-part message, transfer encoding undone. */
export function messageText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trimStart();
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Waits for a message to `to` and returns the first link in it that matches `pattern`. */
export async function linkFromMail(
  outboxDir: string,
  to: string,
  pattern: RegExp,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const safeTo = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  while (Date.now() < deadline) {
    const files = await readdir(outboxDir).catch(() => [] as string[]);
    for (const file of files
      .filter((f) => f.endsWith(`-${safeTo}.eml`))
      .sort()
      .reverse()) {
      const text = messageText(await readFile(path.join(outboxDir, file), 'utf8'));
      const link = text.match(/https?:\/\/\S+/g)?.find((u) => pattern.test(u));
      if (link) return link;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} with a link matching ${pattern}`);
}
