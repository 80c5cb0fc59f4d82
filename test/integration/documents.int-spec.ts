import { createHash } from 'node:crypto';
import request from 'supertest';
import { MAX_DOCUMENT_BYTES } from '../../src/documents/document-upload.interceptor';
import { eventually, RunningStack, startStack } from './harness/app-harness';
import { createAgency, signedIn } from './harness/identity';
import { JPEG, PDF, PNG } from './harness/sample-files';

/** A Windows executable's header: what a renamed .exe starts with. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from('PE\0\0')]);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Reads any answer body as raw bytes. */
function binary(res: request.Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('case documents: upload, list, download through the real API and PostgreSQL', () => {
  let stack: RunningStack;
  let clerk: string;
  let clerkOther: string;
  let reviewer: string;
  let caseId: string;
  const api = () => request(stack.baseUrl);

  const registerCase = async (requestType: string): Promise<string> => {
    const res = await api()
      .post('/cases')
      .set('authorization', clerk)
      .send({
        requestType,
        justification: 'خودروی فرسوده برای آزمون مدارک',
        vehicles:
          requestType === 'PURCHASE'
            ? [{ usageClass: 'SEDAN', count: 1 }]
            : [{ plate: '12ب345-15', usageClass: 'SEDAN' }],
      })
      .expect(201);
    const id = res.body.id as string;
    await eventually(async () => {
      const rows = await stack.dataSource.query('SELECT 1 FROM cases WHERE id = $1', [id]);
      return rows.length === 1 ? true : undefined;
    });
    return id;
  };

  const upload = (
    auth: string,
    id: string,
    slot: string | undefined,
    content: Buffer,
    filename: string,
    contentType: string,
  ) => {
    let call = api().post(`/cases/${id}/documents`).set('authorization', auth);
    if (slot !== undefined) call = call.field('slot', slot);
    return call.attach('file', content, { filename, contentType });
  };

  /** Rows stored for a case: metadata and contents. */
  const stored = async (id: string) => {
    const [row] = await stack.dataSource.query(
      `SELECT (SELECT count(*)::int FROM documents WHERE case_id = $1) AS documents,
              (SELECT count(*)::int FROM document_contents c JOIN documents d ON d.id = c.document_id
                WHERE d.case_id = $1) AS contents`,
      [id],
    );
    return row as { documents: number; contents: number };
  };

  beforeAll(async () => {
    stack = await startStack();
    const own = await createAgency(stack.dataSource, 'own agency');
    const other = await createAgency(stack.dataSource, 'other agency');
    clerk = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], own)).auth;
    clerkOther = (await signedIn(stack.baseUrl, stack.dataSource, ['CLERK'], other)).auth;
    reviewer = (await signedIn(stack.baseUrl, stack.dataSource, ['REVIEWER'])).auth;
    caseId = await registerCase('SCRAP');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('serves the request types and their checklists to any signed-in user', async () => {
    await api().get('/reference/request-types').expect(401);
    const res = await api()
      .get('/reference/request-types')
      .set('authorization', reviewer)
      .expect(200);
    expect(res.body.map((t: { code: string }) => t.code)).toEqual(['SCRAP', 'PURCHASE', 'SALE']);
    const scrap = res.body.find((t: { code: string }) => t.code === 'SCRAP');
    expect(scrap.checklist.map((s: { code: string }) => s.code)).toEqual([
      'REQUEST_LETTER',
      'TECHNICAL_OPINION',
      'VEHICLE_CARD',
    ]);
    expect(scrap.checklist[0]).toEqual({
      code: 'REQUEST_LETTER',
      title: { fa: expect.stringMatching(/نامه/), en: expect.stringMatching(/letter/) },
      required: true,
    });
  });

  it('stores a PDF, a PNG and a JPEG, lists them against the checklist and hands back the same bytes', async () => {
    const files = [
      { slot: 'REQUEST_LETTER', content: PDF, name: 'نامه درخواست.pdf', type: 'application/pdf' },
      { slot: 'VEHICLE_CARD', content: PNG, name: 'card.png', type: 'image/png' },
      { slot: 'TECHNICAL_OPINION', content: JPEG, name: 'opinion.JPG', type: 'image/jpeg' },
    ];
    const ids: string[] = [];
    for (const file of files) {
      const res = await upload(clerk, caseId, file.slot, file.content, file.name, file.type);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        caseId,
        slot: file.slot,
        fileName: file.name,
        contentType: file.type,
        sizeBytes: file.content.length,
        sha256: sha256(file.content),
        uploadedBy: expect.any(String),
        uploadedAt: expect.any(String),
        uploadedAtJalali: expect.stringMatching(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/),
        supersededBy: null,
      });
      ids.push(res.body.id);
      // Acknowledged means committed: both rows are there when the answer arrives.
      const [row] = await stack.dataSource.query(
        `SELECT d.sha256, d.size_bytes, c.content FROM documents d
           JOIN document_contents c ON c.document_id = d.id WHERE d.id = $1`,
        [res.body.id],
      );
      expect(row.sha256).toBe(sha256(file.content));
      expect(Buffer.compare(row.content, file.content)).toBe(0);
    }
    expect(await stored(caseId)).toEqual({ documents: 3, contents: 3 });

    const list = await api()
      .get(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .expect(200);
    expect(list.body.caseId).toBe(caseId);
    expect(list.body.requestType).toBe('SCRAP');
    expect(list.body.complete).toBe(true);
    expect(list.body.documents.map((d: { id: string }) => d.id)).toEqual([...ids].reverse());
    expect(list.body.documents[0].uploadedAtJalali).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    expect(
      list.body.checklist.map((s: { code: string; satisfied: boolean; documentId: string }) => [
        s.code,
        s.satisfied,
        s.documentId,
      ]),
    ).toEqual([
      ['REQUEST_LETTER', true, ids[0]],
      ['TECHNICAL_OPINION', true, ids[2]],
      ['VEHICLE_CARD', true, ids[1]],
    ]);

    for (const [i, file] of files.entries()) {
      const res = await api()
        .get(`/cases/${caseId}/documents/${ids[i]}/content`)
        .set('authorization', reviewer)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const body = res.body as Buffer;
      expect(Buffer.compare(body, file.content)).toBe(0);
      expect(sha256(body)).toBe(sha256(file.content));
      expect(res.headers['content-type']).toBe(file.type);
      expect(res.headers['content-length']).toBe(String(file.content.length));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['etag']).toBe(`"${sha256(file.content)}"`);
      expect(res.headers['digest']).toBe(
        `sha-256=${createHash('sha256').update(file.content).digest('base64')}`,
      );
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(file.name)}`,
      );
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('keeps a superseded upload and lists the newer one as filling the slot', async () => {
    const id = await registerCase('SALE');
    const first = await upload(clerk, id, 'EXPERT_OPINION', PDF, 'v1.pdf', 'application/pdf');
    expect(first.status).toBe(201);
    const second = await upload(clerk, id, 'EXPERT_OPINION', PNG, 'v2.png', 'image/png');
    expect(second.status).toBe(201);
    const list = await api()
      .get(`/cases/${id}/documents`)
      .set('authorization', reviewer)
      .expect(200);
    expect(list.body.documents).toEqual([
      expect.objectContaining({ id: second.body.id, supersededBy: null }),
      expect.objectContaining({ id: first.body.id, supersededBy: second.body.id }),
    ]);
    expect(list.body.complete).toBe(false);
    expect(list.body.checklist).toEqual([
      expect.objectContaining({ code: 'REQUEST_LETTER', satisfied: false, documentId: null }),
      expect.objectContaining({
        code: 'EXPERT_OPINION',
        satisfied: true,
        documentId: second.body.id,
      }),
      expect.objectContaining({ code: 'VEHICLE_CARD', satisfied: false, documentId: null }),
    ]);
    // The older bytes are still there.
    const old = await api()
      .get(`/cases/${id}/documents/${first.body.id}/content`)
      .set('authorization', clerk)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(old.body as Buffer, PDF)).toBe(0);
  });

  it('keeps exactly one current document per slot when uploads to it race', async () => {
    const id = await registerCase('SCRAP');
    const answers = await Promise.all(
      [PDF, PNG, JPEG, PDF].map((content, i) =>
        upload(
          clerk,
          id,
          'TECHNICAL_OPINION',
          content,
          `race-${i}.${content === PNG ? 'png' : content === JPEG ? 'jpg' : 'pdf'}`,
          content === PNG ? 'image/png' : content === JPEG ? 'image/jpeg' : 'application/pdf',
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const rows: { id: string; superseded_by: string | null }[] = await stack.dataSource.query(
      'SELECT id, superseded_by FROM documents WHERE case_id = $1',
      [id],
    );
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.superseded_by === null)).toHaveLength(1);
    // The superseded ones form one chain ending at the current document.
    const ids = new Set(rows.map((r) => r.id));
    expect(new Set(rows.map((r) => r.superseded_by).filter((s) => s !== null)).size).toBe(3);
    for (const r of rows) if (r.superseded_by) expect(ids.has(r.superseded_by)).toBe(true);
  });

  it('refuses a renamed executable and content that does not match its declared type (415), storing nothing', async () => {
    const before = await stored(caseId);
    const exe = await upload(clerk, caseId, 'REQUEST_LETTER', EXE, 'x.pdf', 'application/pdf');
    expect(exe.status).toBe(415);
    expect(exe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(exe.body.code).toBe('DOCUMENT.TYPE_NOT_ALLOWED');
    expect(exe.body.details).toEqual([
      expect.objectContaining({ field: 'file', code: 'unsupportedContent' }),
    ]);
    const mismatch = await upload(
      clerk,
      caseId,
      'VEHICLE_CARD',
      PNG,
      'card.pdf',
      'application/pdf',
    );
    expect(mismatch.status).toBe(415);
    expect(mismatch.body.details[0].code).toBe('extensionMismatch');
    const declared = await upload(clerk, caseId, 'VEHICLE_CARD', PDF, 'card.pdf', 'image/png');
    expect(declared.status).toBe(415);
    expect(declared.body.details[0].code).toBe('contentTypeMismatch');
    expect(await stored(caseId)).toEqual(before);
  });

  it('refuses executables, scripts and archives under every allowed name and type (415), storing nothing', async () => {
    const before = await stored(caseId);
    const disguised: [what: string, content: Buffer][] = [
      ['Windows executable', EXE],
      [
        'ELF executable',
        Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(57)]),
      ],
      ['shell script', Buffer.from('#!/bin/sh\nrm -rf /\n')],
      ['HTML with a script', Buffer.from('<html><script>alert(1)</script></html>')],
      ['ZIP archive', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)])],
      ['NUL bytes', Buffer.alloc(64, 0)],
      ['PDF signature one byte short', Buffer.from('%PDF')],
    ];
    const names: [filename: string, contentType: string][] = [
      ['letter.pdf', 'application/pdf'],
      ['photo.png', 'image/png'],
      ['photo.jpg', 'image/jpeg'],
      ['LETTER.PDF', 'application/pdf'],
      ['letter.exe.pdf', 'application/pdf'],
    ];
    const wrong: string[] = [];
    for (const [what, content] of disguised) {
      for (const [filename, contentType] of names) {
        const res = await upload(clerk, caseId, 'REQUEST_LETTER', content, filename, contentType);
        if (res.status !== 415 || res.body.code !== 'DOCUMENT.TYPE_NOT_ALLOWED') {
          wrong.push(`${what} as ${filename}: ${res.status} ${res.body.code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await stored(caseId)).toEqual(before);
  });

  it('strips direction controls from a file name, so a name cannot read as another type', async () => {
    const id = await registerCase('SCRAP');
    const res = await upload(
      clerk,
      id,
      'REQUEST_LETTER',
      PDF,
      'invoice\u202Efdp.exe\u2066.pdf',
      'application/pdf',
    );
    expect(res.status).toBe(201);
    const [row] = await stack.dataSource.query<{ file_name: string }[]>(
      'SELECT file_name FROM documents WHERE id = $1',
      [res.body.id],
    );
    expect(row.file_name).toBe('invoicefdp.exe.pdf');
  });

  it('accepts exactly 10 MiB and refuses one byte more with 413 DOCUMENT.TOO_LARGE, storing nothing', async () => {
    const id = await registerCase('SCRAP');
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
    PDF.copy(big);
    const tooBig = await upload(clerk, id, 'REQUEST_LETTER', big, 'big.pdf', 'application/pdf');
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooBig.body.code).toBe('DOCUMENT.TOO_LARGE');
    expect(await stored(id)).toEqual({ documents: 0, contents: 0 });

    const atLimit = big.subarray(0, MAX_DOCUMENT_BYTES);
    const ok = await upload(clerk, id, 'REQUEST_LETTER', atLimit, 'limit.pdf', 'application/pdf');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ sizeBytes: MAX_DOCUMENT_BYTES, sha256: sha256(atLimit) });
    expect(await stored(id)).toEqual({ documents: 1, contents: 1 });
  });

  it('refuses an empty file, an unknown or malformed slot, and a missing file or slot (400)', async () => {
    const before = await stored(caseId);
    const empty = await upload(
      clerk,
      caseId,
      'REQUEST_LETTER',
      Buffer.alloc(0),
      'e.pdf',
      'application/pdf',
    );
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('DOCUMENT.EMPTY');

    // EXPERT_OPINION is a sale's document, not a scrap's.
    const unknown = await upload(clerk, caseId, 'EXPERT_OPINION', PDF, 'x.pdf', 'application/pdf');
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('DOCUMENT.SLOT_UNKNOWN');
    expect(unknown.body.details[0]).toMatchObject({ field: 'slot', code: 'slotUnknown' });

    const malformed = await upload(
      clerk,
      caseId,
      'request letter',
      PDF,
      'x.pdf',
      'application/pdf',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(malformed.body.details[0]).toMatchObject({ field: 'slot', code: 'matches' });

    const noSlot = await upload(clerk, caseId, undefined, PDF, 'x.pdf', 'application/pdf');
    expect(noSlot.status).toBe(400);
    expect(noSlot.body.details[0]).toMatchObject({ field: 'slot', code: 'required' });

    const noFile = await api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .field('slot', 'REQUEST_LETTER')
      .expect(400);
    expect(noFile.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(noFile.body.details).toEqual([
      expect.objectContaining({ field: 'file', code: 'required' }),
    ]);

    const json = await api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .send({ slot: 'REQUEST_LETTER' })
      .expect(415);
    // A JSON body where the upload is read: the type it must be is named.
    expect(json.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(json.body.details).toEqual([
      expect.objectContaining({ field: 'content-type', code: 'unsupportedMediaType' }),
    ]);
    expect(json.body.message.en).toContain('multipart/form-data');
    expect(await stored(caseId)).toEqual(before);
  });

  it('answers malformed multipart, extra fields and extra files with 400 problem+json', async () => {
    const before = await stored(caseId);
    const garbage = await api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .set('content-type', 'multipart/form-data; boundary=----nothing-like-it')
      .send('this is not a multipart body');
    expect(garbage.status).toBe(400);
    expect(garbage.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(garbage.body.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(garbage.body.details[0]).toMatchObject({ field: 'body', code: 'malformedMultipart' });

    const noBoundary = await api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .set('content-type', 'multipart/form-data')
      .send('--x\r\n');
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.code).toBe('REQUEST.VALIDATION_FAILED');

    const truncated = await api()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', clerk)
      .set('content-type', 'multipart/form-data; boundary=b')
      .send(
        '--b\r\nContent-Disposition: form-data; name="slot"\r\n\r\nREQUEST_LETTER\r\n' +
          '--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n' +
          'Content-Type: application/pdf\r\n\r\n%PDF-1.4 cut short',
      );
    expect(truncated.status).toBe(400);
    expect(truncated.body.details[0]).toMatchObject({ code: 'malformedMultipart' });

    const extraField = await upload(
      clerk,
      caseId,
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    ).field('note', 'hello');
    expect(extraField.status).toBe(400);
    expect(extraField.body.details).toEqual([
      expect.objectContaining({ field: 'note', code: 'whitelistValidation' }),
    ]);

    const extraFile = await upload(
      clerk,
      caseId,
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    ).attach('other', PNG, { filename: 'y.png', contentType: 'image/png' });
    expect(extraFile.status).toBe(400);
    expect(extraFile.body.details[0]).toMatchObject({ field: 'other', code: 'unexpectedFile' });

    const twoFiles = await upload(
      clerk,
      caseId,
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    ).attach('file', PNG, { filename: 'y.png', contentType: 'image/png' });
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body.details[0]).toMatchObject({ field: 'file' });

    const badId = await upload(
      clerk,
      'not-a-uuid',
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    );
    expect(badId.status).toBe(400);
    expect(badId.body.details[0]).toMatchObject({ field: 'id' });
    expect(await stored(caseId)).toEqual(before);
  });

  it('hides a case from another agency’s clerk and lets a reviewer read but not upload', async () => {
    const [doc] = await stack.dataSource.query(
      'SELECT id FROM documents WHERE case_id = $1 LIMIT 1',
      [caseId],
    );
    const before = await stored(caseId);
    const other = await upload(
      clerkOther,
      caseId,
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    );
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CASE.NOT_FOUND');
    for (const path of [
      `/cases/${caseId}/documents`,
      `/cases/${caseId}/documents/${doc.id}/content`,
    ]) {
      const res = await api().get(path).set('authorization', clerkOther).expect(404);
      expect(res.body.code).toBe('CASE.NOT_FOUND');
    }

    const denied = await upload(
      reviewer,
      caseId,
      'REQUEST_LETTER',
      PDF,
      'x.pdf',
      'application/pdf',
    );
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('ACCESS.FORBIDDEN');
    await api().get(`/cases/${caseId}/documents`).set('authorization', reviewer).expect(200);
    await api()
      .get(`/cases/${caseId}/documents/${doc.id}/content`)
      .set('authorization', reviewer)
      .expect(200);
    await api().get(`/cases/${caseId}/documents`).expect(401);
    expect(await stored(caseId)).toEqual(before);

    // A document is found only under its own case.
    const otherCase = await registerCase('PURCHASE');
    const wrongCase = await api()
      .get(`/cases/${otherCase}/documents/${doc.id}/content`)
      .set('authorization', reviewer)
      .expect(404);
    expect(wrongCase.body.code).toBe('DOCUMENT.NOT_FOUND');
  });

  it('takes uploads only while the case is open for documents (409 CASE.WRONG_STAGE)', async () => {
    const id = await registerCase('SCRAP');
    await eventually(async () => {
      const [row] = await stack.dataSource.query('SELECT stage FROM cases WHERE id = $1', [id]);
      return row?.stage === 'UNDER_REVIEW' ? true : undefined;
    });
    // The read model as the workflow leaves it once the case is accepted.
    await stack.dataSource.query(`UPDATE cases SET stage = 'AWAITING_SESSION' WHERE id = $1`, [id]);
    const res = await upload(clerk, id, 'REQUEST_LETTER', PDF, 'x.pdf', 'application/pdf');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('CASE.WRONG_STAGE');
    expect(await stored(id)).toEqual({ documents: 0, contents: 0 });
  });

  it('audits uploads and downloads by id, never by file name', async () => {
    const res = await upload(clerk, caseId, 'VEHICLE_CARD', PNG, 'سند-محرمانه.png', 'image/png');
    expect(res.status).toBe(201);
    await api()
      .get(`/cases/${caseId}/documents/${res.body.id}/content`)
      .set('authorization', reviewer)
      .expect(200);
    const rows: { action: string; outcome: string }[] = await stack.dataSource.query(
      `SELECT action, outcome, details FROM audit_log WHERE resource_id = $1 ORDER BY seq`,
      [res.body.id],
    );
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['document.upload', 'success'],
      ['document.download', 'success'],
    ]);
    const all = await stack.dataSource.query(`SELECT count(*)::int AS n FROM audit_log
      WHERE details::text LIKE '%محرمانه%' OR resource_id LIKE '%محرمانه%'`);
    expect(all[0].n).toBe(0);
  });

  it('never loses an acknowledged document: the database refuses to delete or change one', async () => {
    const [doc] = await stack.dataSource.query(
      'SELECT id FROM documents WHERE case_id = $1 LIMIT 1',
      [caseId],
    );
    await expect(
      stack.dataSource.query('DELETE FROM document_contents WHERE document_id = $1', [doc.id]),
    ).rejects.toThrow(/kept/);
    await expect(
      stack.dataSource.query(
        `UPDATE document_contents SET content = '\\x00' WHERE document_id = $1`,
        [doc.id],
      ),
    ).rejects.toThrow(/kept/);
    await expect(
      stack.dataSource.query('DELETE FROM documents WHERE id = $1', [doc.id]),
    ).rejects.toThrow(/kept/);
    await expect(
      stack.dataSource.query(`UPDATE documents SET sha256 = repeat('0', 64) WHERE id = $1`, [
        doc.id,
      ]),
    ).rejects.toThrow(/kept/);
  });
});
