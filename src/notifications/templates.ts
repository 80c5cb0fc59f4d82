import type { BilingualMessage } from '../common/errors/error-catalogue';
import { formatJalali } from '../common/jalali';
import DEADLINE_TARGETS from './deadline-targets.messages.json';

/** What one notification says: inbox and e-mail (both languages), and a short Persian SMS. */
export interface RenderedNotification {
  title: BilingualMessage;
  body: BilingualMessage;
  sms: string;
}

/** Whether an event is worth an SMS by default (results and things with a deadline). */
export type Urgency = 'sms' | 'no-sms';

type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const code = (data: Data): string => text(data.trackingCode);
const when = (value: unknown): string => (typeof value === 'string' ? formatJalali(value) : '—');

/** The deadlines the workflows name (`target`), in words. */
const TARGETS: Record<string, BilingualMessage> = DEADLINE_TARGETS;
const target = (data: Data): BilingualMessage =>
  TARGETS[text(data.target)] ?? { fa: text(data.target), en: text(data.target) };

interface Template {
  urgency: Urgency;
  render(data: Data): Omit<RenderedNotification, 'sms'> & { sms?: string };
}

const caseLine = (data: Data): BilingualMessage => ({
  fa: `کد پیگیری: ${code(data)}`,
  en: `Tracking code: ${code(data)}`,
});

/** A body that ends with the case's tracking code, in each language. */
const withCaseLine = (data: Data, body: BilingualMessage): BilingualMessage => ({
  fa: `${body.fa} ${caseLine(data).fa}`,
  en: `${body.en} ${caseLine(data).en}`,
});

/**
 * Every event the workflows and the API record (notification_intents.event) and what it says.
 * An event without a template is still delivered, with a generic text (see render()).
 */
const TEMPLATES: Record<string, Template> = {
  CASE_REGISTERED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'درخواست شما ثبت شد', en: 'Your request was registered' },
      body: withCaseLine(d, {
        fa: 'درخواست ثبت شد و برای بررسی مدارک در نوبت است.',
        en: 'The request was registered and waits for document review.',
      }),
    }),
  },
  CORRECTIONS_REQUESTED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'درخواست اصلاح مدارک', en: 'Corrections requested' },
      body: withCaseLine(d, {
        fa: 'کارشناس اداره کل اصلاح یا تکمیل مدارک را خواسته است؛ جزئیات در سامانه.',
        en: 'The reviewer asked for corrections or further documents; see the case.',
      }),
    }),
  },
  CASE_SCHEDULED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'طرح در کمیسیون ماده ۲', en: 'Scheduled for the Article 2 Commission' },
      body: withCaseLine(d, {
        fa: `درخواست در جلسه ${when(d.sessionAt)} کمیسیون ماده ۲ مطرح می‌شود.`,
        en: `The request is on the agenda of the commission’s session of ${when(d.sessionAt)}.`,
      }),
    }),
  },
  SESSION_MOVED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'تغییر زمان جلسه کمیسیون', en: 'Commission session moved' },
      body: {
        fa: `جلسه کمیسیون به ${when(d.sessionAt)} منتقل شد. ${d.trackingCode ? caseLine(d).fa : ''}`.trim(),
        en: `The commission’s session moved to ${when(d.sessionAt)}. ${d.trackingCode ? caseLine(d).en : ''}`.trim(),
      },
    }),
  },
  RESULT_PERMIT: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'مجوز صادر شد', en: 'Permit issued' },
      body: withCaseLine(d, {
        fa: `کمیسیون با درخواست موافقت کرد؛ شماره مجوز ${text(d.permitNumber)}.`,
        en: `The commission approved the request; permit number ${text(d.permitNumber)}.`,
      }),
    }),
  },
  RESULT_REFUSAL: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'درخواست رد شد', en: 'Request refused' },
      body: withCaseLine(d, {
        fa: 'درخواست پذیرفته نشد؛ دلیل در سامانه آمده است.',
        en: 'The request was refused; the reason is on the case.',
      }),
    }),
  },
  CASE_DEFERRED: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'تصمیم به جلسه بعد موکول شد', en: 'Decision deferred' },
      body: withCaseLine(d, {
        fa: 'کمیسیون تصمیم درباره درخواست را به جلسه‌ای دیگر موکول کرد.',
        en: 'The commission deferred its decision to a later session.',
      }),
    }),
  },
  CASE_CANCELLED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'پرونده لغو شد', en: 'Case cancelled' },
      body: withCaseLine(d, {
        fa: 'پرونده از سوی اداره کل لغو شد.',
        en: 'The directorate cancelled the case.',
      }),
    }),
  },
  CASE_ABANDONED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'پرونده مختومه شد', en: 'Case closed for want of an answer' },
      body: withCaseLine(d, {
        fa: 'مهلت پاسخ به درخواست اصلاح گذشت و پرونده بسته شد.',
        en: 'The correction window ran out and the case was closed.',
      }),
    }),
  },
  DEADLINE_REMINDER: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'یادآوری مهلت', en: 'Deadline reminder' },
      body: withCaseLine(d, {
        fa: `مهلت «${target(d).fa}» ${when(d.dueAt)} به پایان می‌رسد.`,
        en: `The deadline for ${target(d).en} ends ${when(d.dueAt)}.`,
      }),
    }),
  },
  DEADLINE_ESCALATION: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'گذشت از مهلت (ارجاع)', en: 'Deadline passed (escalation)' },
      body: withCaseLine(d, {
        fa: `مهلت «${target(d).fa}» در ${when(d.dueAt)} گذشت.`,
        en: `The deadline for ${target(d).en} passed at ${when(d.dueAt)}.`,
      }),
    }),
  },
  SESSION_INVITATION: {
    urgency: 'sms',
    render: (d) => ({
      title: {
        fa: 'دعوت به جلسه کمیسیون ماده ۲',
        en: 'Invitation to an Article 2 Commission session',
      },
      body: {
        fa: `جلسه کمیسیون ماده ۲ در ${when(d.sessionAt)} برگزار می‌شود.`,
        en: `The Article 2 Commission meets on ${when(d.sessionAt)}.`,
      },
    }),
  },
  SESSION_CANCELLED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'لغو جلسه کمیسیون', en: 'Commission session cancelled' },
      body: {
        fa: `جلسه ${when(d.sessionAt)} کمیسیون لغو شد.`,
        en: `The commission’s session of ${when(d.sessionAt)} was cancelled.`,
      },
    }),
  },
  MINUTES_TO_SIGN: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'صورتجلسه آماده امضا است', en: 'Minutes to sign' },
      body: {
        fa: `صورتجلسه جلسه ${when(d.sessionAt)} برای تأیید یا اعتراض شما آماده است.`,
        en: `The minutes of the session of ${when(d.sessionAt)} wait for your approval or objection.`,
      },
    }),
  },
  MINUTES_OBJECTION: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'اعتراض به صورتجلسه', en: 'Objection to the minutes' },
      body: {
        fa: `یکی از اعضا به صورتجلسه جلسه ${when(d.sessionAt)} اعتراض کرد؛ صورتجلسه باید بازنگری شود.`,
        en: `A member objected to the minutes of the session of ${when(d.sessionAt)}; they need revising.`,
      },
    }),
  },
  SESSION_DEADLINE_REMINDER: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'یادآوری مهلت جلسه', en: 'Session deadline reminder' },
      body: {
        fa: `مهلت «${target(d).fa}» برای جلسه ${when(d.sessionAt)} در ${when(d.dueAt)} به پایان می‌رسد.`,
        en: `The deadline for ${target(d).en} of the session of ${when(d.sessionAt)} ends ${when(d.dueAt)}.`,
      },
    }),
  },
  SESSION_DEADLINE_ESCALATION: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'گذشت از مهلت جلسه (ارجاع)', en: 'Session deadline passed (escalation)' },
      body: {
        fa: `مهلت «${target(d).fa}» برای جلسه ${when(d.sessionAt)} در ${when(d.dueAt)} گذشت.`,
        en: `The deadline for ${target(d).en} of the session of ${when(d.sessionAt)} passed at ${when(d.dueAt)}.`,
      },
    }),
  },
  CASE_FINALIZATION_REFUSED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'ثبت نتیجه پرونده ممکن نشد', en: 'A case could not take its result' },
      body: {
        fa: `پرونده‌ای از جلسه ${when(d.sessionAt)} نتیجه را نپذیرفت؛ بررسی اپراتور لازم است.`,
        en: `A case of the session of ${when(d.sessionAt)} refused its result; an operator must look.`,
      },
    }),
  },
  MAINTENANCE_NOTICE_PUBLISHED: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'اطلاعیه توقف برنامه‌ریزی‌شده سامانه', en: 'Planned maintenance' },
      body: {
        fa: `سامانه از ${when(d.startsAt)} تا ${when(d.endsAt)} برای نگهداری در دسترس نیست (خواندن و پیگیری ممکن است).`,
        en: `The service is down for maintenance from ${when(d.startsAt)} to ${when(d.endsAt)} (reading and tracking still work).`,
      },
    }),
  },
  MAINTENANCE_NOTICE_CANCELLED: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'لغو اطلاعیه توقف سامانه', en: 'Maintenance cancelled' },
      body: {
        fa: `توقف اعلام‌شده از ${when(d.startsAt)} لغو شد یا زودتر پایان یافت.`,
        en: `The maintenance announced from ${when(d.startsAt)} was cancelled or ended early.`,
      },
    }),
  },
  COMPLAINT_FILED: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'شکایت یا نظر شما ثبت شد', en: 'Your complaint or opinion was registered' },
      body: {
        fa: `${caseLine(d).fa}`,
        en: `${caseLine(d).en}`,
      },
    }),
  },
  COMPLAINT_ASSIGNED: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'شکایتی به شما ارجاع شد', en: 'A complaint was assigned to you' },
      body: withCaseLine(d, {
        fa: `پاسخ تا ${when(d.dueAt)} انتظار می‌رود.`,
        en: `An answer is due by ${when(d.dueAt)}.`,
      }),
    }),
  },
  COMPLAINT_REMINDER: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'یادآوری مهلت پاسخ به شکایت', en: 'Complaint answer due soon' },
      body: withCaseLine(d, {
        fa: `مهلت پاسخ ${when(d.dueAt)} به پایان می‌رسد.`,
        en: `The answer is due ${when(d.dueAt)}.`,
      }),
    }),
  },
  COMPLAINT_ESCALATION: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'شکایت بی‌پاسخ ماند (ارجاع)', en: 'Complaint unanswered (escalation)' },
      body: withCaseLine(d, {
        fa: `مهلت پاسخ در ${when(d.dueAt)} گذشت.`,
        en: `The answer was due at ${when(d.dueAt)}.`,
      }),
    }),
  },
  COMPLAINT_WITHDRAWN: {
    urgency: 'no-sms',
    render: (d) => ({
      title: { fa: 'شکایت پس گرفته شد', en: 'Complaint withdrawn' },
      body: { fa: caseLine(d).fa, en: caseLine(d).en },
    }),
  },
  COMPLAINT_ANSWERED: {
    urgency: 'sms',
    render: (d) => ({
      title: { fa: 'به شکایت شما پاسخ داده شد', en: 'Your complaint was answered' },
      body: withCaseLine(d, {
        fa: 'پاسخ در سامانه آمده است.',
        en: 'The answer is in the service.',
      }),
    }),
  },
};

/** The default urgency of an event (whether users who allow SMS get one). */
export function urgencyOf(event: string): Urgency {
  return TEMPLATES[event]?.urgency ?? 'no-sms';
}

export function hasTemplate(event: string): boolean {
  return event in TEMPLATES;
}

/**
 * What a notification says. Data comes from the workflow's intent and holds no personal data
 * beyond the tracking code; an unknown event gets a generic text rather than being dropped.
 */
export function renderNotification(event: string, data: Data): RenderedNotification {
  const template = TEMPLATES[event];
  const rendered = template
    ? template.render(data)
    : {
        title: { fa: 'اعلان سامانه', en: 'Notification' },
        body: {
          fa: `رویداد ${event}${code(data) ? `؛ کد پیگیری: ${code(data)}` : ''}`,
          en: `Event ${event}${code(data) ? `; tracking code: ${code(data)}` : ''}`,
        },
      };
  return {
    title: rendered.title,
    body: rendered.body,
    sms: rendered.sms ?? `${rendered.title.fa}. ${rendered.body.fa}`.slice(0, 300),
  };
}
