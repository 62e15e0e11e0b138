// Mail goes to an SMTP server when SMTP_URL is set; otherwise each message is written as an
// .eml file into the outbox folder, where a developer can open it with any mail client.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Files sent with the message (tickets as a PDF). */
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Where messages go, for the start-up banner. */
  readonly description: string;
}

export function createMailer(opts: { smtpUrl: string | undefined; outboxDir: string; from: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      description: `SMTP ${new URL(opts.smtpUrl).host}`,
      async send(m) {
        await transport.sendMail({ from: opts.from, ...m });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let counter = 0;
  return {
    description: `outbox folder ${opts.outboxDir}`,
    async send(m) {
      const info = await transport.sendMail({ from: opts.from, ...m });
      await mkdir(opts.outboxDir, { recursive: true });
      const safeTo = m.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
      const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${++counter}-${safeTo}.eml`;
      await writeFile(path.join(opts.outboxDir, file), info.message as Buffer);
    },
  };
}
