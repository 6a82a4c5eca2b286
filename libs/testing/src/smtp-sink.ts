import { simpleParser } from 'mailparser';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { waitFor } from './wait-for';

/** A mail as the sink received and parsed it. */
export interface ReceivedMail {
  from: string;
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  receivedAt: Date;
}

/**
 * What the sink answers to a message: accept it (the default), refuse it for now (`temporary`, a 451) or for
 * good (`permanent`, a 550), or call `hold` and answer once it resolves (a test may kill the sender then).
 */
export type SinkVerdict = 'accept' | 'temporary' | 'permanent' | { hold: () => Promise<void> };

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every mail accepted so far, in arrival order (refused ones are not kept). */
  mails: ReceivedMail[];
  /** How many DATA commands arrived, accepted or not. */
  attempts(): number;
  /** Decides the answer to each message (before it is parsed); accept everything when unset. */
  answer(decide: ((mail: ReceivedMail, attempt: number) => SinkVerdict) | null): void;
  /** Waits until at least `count` mails were accepted; returns them. */
  waitForMails(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** An in-process SMTP server that keeps what it receives, for tests and the benchmark to read mails back. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  let attempts = 0;
  let decide: ((mail: ReceivedMail, attempt: number) => SinkVerdict) | null = null;

  const onData = (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
    attempts += 1;
    const attempt = attempts;
    simpleParser(stream)
      .then(async (parsed) => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          receivedAt: new Date(),
        };
        const verdict = decide ? decide(mail, attempt) : 'accept';
        if (verdict === 'temporary') return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
        if (verdict === 'permanent') return callback(Object.assign(new Error('no such mailbox here'), { responseCode: 550 }));
        if (typeof verdict === 'object') await verdict.hold();
        mails.push(mail);
        callback();
      })
      .catch((error: Error) => callback(error));
  };

  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, onData });
  server.on('error', () => undefined); // a client killed mid-message is routine here
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    attempts: () => attempts,
    answer: (next) => {
      decide = next;
    },
    waitForMails: (count, timeoutMs = 30_000) =>
      waitFor(async () => mails.length >= count && mails, { timeoutMs, intervalMs: 50, what: `${count} mails at the SMTP sink (have ${mails.length})` }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
