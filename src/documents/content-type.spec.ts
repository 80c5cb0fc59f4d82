import { checkContent, detectKind, extensionOf } from './content-type';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('PE\0\0')]);

describe('content sniffing', () => {
  it('tells PDF, PNG and JPEG by their first bytes, and nothing else', () => {
    expect(detectKind(PDF)).toBe('PDF');
    expect(detectKind(PNG)).toBe('PNG');
    expect(detectKind(JPEG)).toBe('JPEG');
    expect(detectKind(EXE)).toBeUndefined();
    expect(detectKind(Buffer.from('%PDF'))).toBeUndefined(); // too short for the signature
    expect(detectKind(Buffer.from('<html>%PDF-1.4'))).toBeUndefined(); // not at the start
    expect(detectKind(Buffer.alloc(0))).toBeUndefined();
    expect(detectKind(PNG.subarray(0, 7))).toBeUndefined();
  });

  it('accepts each allowed type when its name and declared type agree, storing the detected type', () => {
    expect(checkContent(PDF, 'application/pdf', 'نامه درخواست.pdf')).toEqual({
      ok: true,
      kind: 'PDF',
      contentType: 'application/pdf',
    });
    expect(checkContent(PNG, 'image/png', 'card.PNG')).toMatchObject({ ok: true, kind: 'PNG' });
    expect(checkContent(JPEG, 'image/jpeg', 'card.jpg')).toMatchObject({ ok: true, kind: 'JPEG' });
    expect(checkContent(JPEG, 'image/jpeg; charset=binary', 'card.jpeg')).toMatchObject({
      ok: true,
      contentType: 'image/jpeg',
    });
    // A client that does not know the type says octet-stream: the extension must then name it.
    expect(checkContent(PDF, 'application/octet-stream', 'letter.pdf')).toMatchObject({ ok: true });
    // No extension: the declared type must name it.
    expect(checkContent(PNG, 'image/png', 'scan')).toMatchObject({ ok: true, kind: 'PNG' });
  });

  it('refuses an executable renamed .pdf and declared application/pdf', () => {
    expect(checkContent(EXE, 'application/pdf', 'x.pdf')).toEqual({
      ok: false,
      reason: 'unsupportedContent',
    });
    expect(checkContent(Buffer.from('GIF89a'), 'image/png', 'x.png')).toMatchObject({
      ok: false,
      reason: 'unsupportedContent',
    });
  });

  it('refuses an allowed content whose declared name or type names another type', () => {
    expect(checkContent(PNG, 'image/png', 'card.pdf')).toEqual({
      ok: false,
      reason: 'extensionMismatch',
      detected: 'PNG',
    });
    expect(checkContent(PDF, 'application/pdf', 'letter.exe')).toMatchObject({
      reason: 'extensionMismatch',
    });
    expect(checkContent(PDF, 'image/jpeg', 'letter.pdf')).toEqual({
      ok: false,
      reason: 'contentTypeMismatch',
      detected: 'PDF',
    });
    expect(checkContent(JPEG, 'text/html', 'photo.jpg')).toMatchObject({
      reason: 'contentTypeMismatch',
    });
    expect(checkContent(PDF, 'application/octet-stream', 'letter')).toMatchObject({
      ok: false,
      reason: 'typeUndeclared',
    });
  });

  it('reads the extension of the last path segment only', () => {
    expect(extensionOf('a.b/c.PDF')).toBe('pdf');
    expect(extensionOf('C:\\dir.pdf\\scan')).toBe('');
    expect(extensionOf('.pdf')).toBe('');
    expect(extensionOf('x.tar.gz')).toBe('gz');
  });
});
