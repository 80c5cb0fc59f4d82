import { hasTemplate, renderNotification, urgencyOf } from './templates';

/** Every event the workflows and the API record today (grep `event:` / `notify(` / `toAgency(`). */
const EVENTS = [
  'CASE_REGISTERED',
  'CORRECTIONS_REQUESTED',
  'CASE_SCHEDULED',
  'SESSION_MOVED',
  'RESULT_PERMIT',
  'RESULT_REFUSAL',
  'CASE_DEFERRED',
  'CASE_CANCELLED',
  'CASE_ABANDONED',
  'DEADLINE_REMINDER',
  'DEADLINE_ESCALATION',
  'SESSION_INVITATION',
  'SESSION_CANCELLED',
  'MINUTES_TO_SIGN',
  'MINUTES_OBJECTION',
  'SESSION_DEADLINE_REMINDER',
  'SESSION_DEADLINE_ESCALATION',
  'CASE_FINALIZATION_REFUSED',
  'MAINTENANCE_NOTICE_PUBLISHED',
  'MAINTENANCE_NOTICE_CANCELLED',
  'COMPLAINT_FILED',
  'COMPLAINT_ASSIGNED',
  'COMPLAINT_REMINDER',
  'COMPLAINT_ESCALATION',
  'COMPLAINT_ANSWERED',
  'COMPLAINT_WITHDRAWN',
];

describe('notification templates', () => {
  it('has a Persian and English text for every event recorded, with the tracking code', () => {
    for (const event of EVENTS) {
      expect([event, hasTemplate(event)]).toEqual([event, true]);
      const text = renderNotification(event, {
        trackingCode: '624323952905',
        sessionAt: '2026-12-01T06:30:00Z',
        dueAt: '2026-12-03T12:30:00Z',
        startsAt: '2026-12-05T20:30:00Z',
        endsAt: '2026-12-05T22:30:00Z',
        target: 'documentReview',
        permitNumber: 'P-1405-000123',
      });
      expect(text.title.fa).toMatch(/[\u0600-\u06FF]/);
      expect(text.title.en).toMatch(/^[A-Z]/);
      expect(text.body.fa).not.toContain('undefined');
      expect(text.body.en).not.toContain('undefined');
      expect(text.sms.length).toBeLessThanOrEqual(300);
    }
  });

  it('writes dates in Jalali and names the deadline in words', () => {
    const text = renderNotification('DEADLINE_REMINDER', {
      trackingCode: '624323952905',
      target: 'documentReview',
      dueAt: '2026-12-03T12:30:00Z',
    });
    expect(text.body.fa).toContain('بررسی مدارک');
    expect(text.body.fa).toContain('1405/09/12 16:00');
    expect(text.body.en).toContain('document review');
    expect(text.body.fa).toContain('624323952905');
  });

  it('sends SMS by default only for urgent events, and never drops an unknown event', () => {
    expect(urgencyOf('RESULT_PERMIT')).toBe('sms');
    expect(urgencyOf('DEADLINE_REMINDER')).toBe('no-sms');
    expect(urgencyOf('SOMETHING_NEW')).toBe('no-sms');
    expect(renderNotification('SOMETHING_NEW', { trackingCode: '624323952905' })).toMatchObject({
      title: { fa: 'اعلان سامانه', en: 'Notification' },
      body: { en: 'Event SOMETHING_NEW; tracking code: 624323952905' },
    });
  });
});
