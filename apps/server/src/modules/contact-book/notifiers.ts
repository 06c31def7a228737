import nodemailer, { type SendMailOptions } from 'nodemailer';

/** One message to one person on one channel. */
export type NotifierMessage = { title: string; body: string; link?: string | null };

/**
 * A delivery channel. E-mail (SMTP) is built in; an SMS gateway or a Zalo OA sender implements the same
 * shape and is passed to the module beside it.
 */
export type Notifier = {
  channel: 'email' | 'sms' | 'zalo';
  send(to: string, message: NotifierMessage): Promise<void>;
};
export type NotifierChannel = Notifier['channel'];

/** What the e-mail channel needs from a nodemailer transporter (SMTP in production, a stream in tests). */
export type MailTransport = { sendMail(mail: SendMailOptions): Promise<unknown> };

const FOOTER =
  '\n\n—\nSổ liên lạc điện tử SmartEdu. Bạn có thể tắt thông báo qua e-mail trong mục "Cài đặt thông báo".';

/** The e-mail channel: plain text only (user text never becomes HTML). Links point to `publicUrl`. */
export function createEmailNotifier(opts: {
  transport: MailTransport;
  from: string;
  publicUrl?: string;
}): Notifier {
  const base = opts.publicUrl?.replace(/\/+$/, '');
  return {
    channel: 'email',
    async send(to, message) {
      const link = message.link && base ? `\n\nXem trên SmartEdu: ${base}${message.link}` : '';
      await opts.transport.sendMail({
        from: opts.from,
        to,
        subject: message.title,
        text: `${message.body}${link}${FOOTER}`,
      });
    },
  };
}

/** The channels configured for this server: e-mail when SMTP_URL is set; none otherwise (in-app only). */
export function createConfiguredNotifiers(
  smtp: { url?: string; from: string },
  publicUrl?: string,
): Notifier[] {
  if (!smtp.url) return [];
  return [
    createEmailNotifier({ transport: nodemailer.createTransport(smtp.url), from: smtp.from, publicUrl }),
  ];
}
