/** Helpers for the question-bank API tests (test-only). */
import { randomBytes } from 'node:crypto';
import type { Client } from '../../test/harness';

/** A multipart/form-data body with one file part. */
export function multipart(fileName: string, bytes: Uint8Array, contentType = 'application/octet-stream') {
  const boundary = `----smartedu${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(client: Client, url: string, fileName: string, bytes: Uint8Array) {
  const { payload, headers } = multipart(fileName, bytes);
  return client.request('POST', url, payload, headers);
}

export async function schoolIds(admin: Client) {
  const units = (await admin.get('/api/units?pageSize=200')).json().items as {
    id: string;
    code: string;
    kind: string;
  }[];
  const byCode = (code: string) => units.find((u) => u.code === code)!.id;
  return {
    qt: byCode('LCU-TP-QT'),
    tp: byCode('LCU-TP-TP'),
    th1: byCode('LCU-TP-TH1'),
    phong: units.find((u) => u.kind === 'district_department')!.id,
    so: units.find((u) => u.kind === 'province_department')!.id,
  };
}

let n = 0;
/** A valid single-choice question body for POST /questions. */
export function singleQuestion(over: Record<string, unknown> = {}, stem?: string) {
  n++;
  return {
    subjectCode: 'THCS_TOAN',
    grade: 6,
    topic: 'Số tự nhiên',
    level: 'NB',
    points: 0.25,
    body: {
      type: 'single',
      content: {
        stem: stem ?? `Câu thử số ${n}: số nào sau đây là số nguyên tố (lần ${n})?`,
        options: [
          { id: 'A', text: '1' },
          { id: 'B', text: '2' },
          { id: 'C', text: '4' },
          { id: 'D', text: `${10 + n * 2}` },
        ],
      },
      key: { optionId: 'B' },
    },
    ...over,
  };
}
