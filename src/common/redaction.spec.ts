import { withoutAddresses } from './redaction';

describe('a delivery’s failure reason on a case timeline', () => {
  it('keeps the server’s words and drops the addresses and numbers it quotes', () => {
    expect(
      withoutAddresses('SMTP refused: 550 5.1.1 <clerk.tabriz@agency.ir>: mailbox unavailable'),
    ).toBe('SMTP refused: 550 5.1.1 <<address>>: mailbox unavailable');
    expect(withoutAddresses('SMS gateway answered 411 (receptor 09121234567 invalid)')).toBe(
      'SMS gateway answered 411 (receptor <number> invalid)',
    );
    expect(withoutAddresses('SMTP failed: 451 4.3.2 try again later')).toBe(
      'SMTP failed: 451 4.3.2 try again later',
    );
  });
});
