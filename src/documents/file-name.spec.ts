import { attachmentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name';

describe('file names', () => {
  it('drops directories, control and direction-changing characters, keeps Persian and ZWNJ', () => {
    expect(sanitiseFileName('../../etc/passwd', 'document.pdf')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\x\\نامه.pdf', 'document.pdf')).toBe('نامه.pdf');
    expect(sanitiseFileName('a\u0000b\r\nc.pdf', 'document.pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('invoice\u202Efdp.exe', 'document.pdf')).toBe('invoicefdp.exe');
    expect(sanitiseFileName('می\u200Cخواهم.pdf', 'document.pdf')).toBe('می\u200Cخواهم.pdf');
    expect(sanitiseFileName('a<b>:"c"|?*.png', 'document.png')).toBe('a_b___c____.png');
    expect(sanitiseFileName('  spaced   out .pdf ', 'document.pdf')).toBe('spaced out .pdf');
  });

  it('falls back when nothing is left, and keeps the extension when shortening', () => {
    expect(sanitiseFileName(undefined, 'document.pdf')).toBe('document.pdf');
    expect(sanitiseFileName('...', 'document.png')).toBe('document.png');
    expect(sanitiseFileName('dir/', 'document.jpg')).toBe('document.jpg');
    const long = sanitiseFileName(`${'ب'.repeat(400)}.pdf`, 'document.pdf');
    expect(Array.from(long)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith('ب.pdf')).toBe(true);
  });

  it('offers the exact name as filename* (RFC 8187) and an ASCII stand-in', () => {
    expect(attachmentDisposition('نامه (1).pdf')).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%D9%86%D8%A7%D9%85%D9%87%20%281%29.pdf`,
    );
    expect(attachmentDisposition('a"b\\c%.pdf')).toBe(
      `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`,
    );
  });
});
