import type { Fixture, Rule, User, Where } from '../../test/access-rules';
import type { Client } from '../../test/harness';

/**
 * Access rules of the transcript routes for the access matrix, written out by hand from the roles:
 * - read (list, detail, PDF): the department, the school's principal, the class's teacher (the fixture's 'own'
 *   class is 6A1, where giaovien.qt is homeroom teacher and teaches Toán), and parents / students for their own
 *   child / themselves;
 * - class archive and structured export: staff only (the department, the principal, the class's teacher);
 * - generate drafts: the homeroom teacher of the class, the principal, the province department admin;
 * - confirm a subject: only the teacher assigned to that subject in the class (personal confirmation).
 * Signing takes a multipart .p12 upload and is covered by transcripts.test.ts (homeroom before principal, only
 * the class's homeroom teacher, only the principal, the certificate's name).
 */

const staffRead = (user: User, where: Where) =>
  user === 'admin.so' ||
  user === 'chuyenvien.phong' ||
  (user === 'hieutruong.qt' && where !== 'other') ||
  (user === 'giaovien.qt' && where === 'own');
const read = (user: User, where: Where) =>
  staffRead(user, where) || ((user === 'phuhuynh.qt' || user === 'hocsinh.qt') && where === 'own');
const generate = (user: User, where: Where) =>
  user === 'admin.so' ||
  (user === 'hieutruong.qt' && where !== 'other') ||
  (user === 'giaovien.qt' && where === 'own');
const confirm = (user: User, where: Where) => user === 'giaovien.qt' && where === 'own';

/** Transcript ids by place and student, filled the first time a probe needs the class's transcripts. */
const generated = new Map<Where, Map<string, string>>();
async function transcriptsOf(f: Fixture, w: Where, admin: Client): Promise<Map<string, string>> {
  let ids = generated.get(w);
  if (!ids) {
    const res = await admin.post(`/api/schools/${f.school[w]}/transcripts/generate`, { classId: f.klass[w] });
    if (res.statusCode !== 200) throw new Error(`generate ${w}: ${res.statusCode} ${res.body}`);
    const list = (await admin.get(`/api/transcripts?classId=${f.klass[w]}&pageSize=500`)).json().items as {
      id: string;
      studentId: string;
    }[];
    ids = new Map(list.map((t) => [t.studentId, t.id]));
    generated.set(w, ids);
  }
  return ids;
}
const transcriptOf = async (f: Fixture, w: Where, admin: Client) =>
  (await transcriptsOf(f, w, admin)).get(f.student[w])!;

let mathId: string | undefined;
async function math(admin: Client): Promise<string> {
  mathId ??= (
    (await admin.get('/api/reference/subjects?level=THCS')).json() as { id: string; code: string }[]
  ).find((s) => s.code === 'THCS_TOAN')!.id;
  return mathId;
}
const base = (f: Fixture, w: Where) => `/api/schools/${f.school[w]}/transcripts`;
const TABLES = ['transcripts', 'transcript_confirmations', 'transcript_signatures'];
const covered = {
  kind: 'covered',
  by: 'modules/transcripts/transcripts.test.ts (multipart .p12 upload)',
} as const;

// Record rules first: their probes generate the transcripts the list rule then looks for.
export const TRANSCRIPTS_ACCESS_RULES: Record<string, Rule> = {
  'POST /api/schools/{schoolId}/transcripts/generate': {
    kind: 'record',
    permission: 'transcripts.sign',
    expected: generate,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      await transcriptsOf(f, w, admin);
      return { method: 'POST', url: `${base(f, w)}/generate`, body: { classId: f.klass[w] } };
    },
  },
  'POST /api/schools/{schoolId}/transcripts/confirm': {
    kind: 'record',
    permission: 'transcripts.sign',
    expected: confirm,
    tables: TABLES,
    probe: async (f, w, _seq, admin) => {
      await transcriptsOf(f, w, admin);
      return {
        method: 'POST',
        url: `${base(f, w)}/confirm`,
        body: { classId: f.klass[w], subjectId: await math(admin) },
      };
    },
  },
  'GET /api/schools/{schoolId}/transcripts/{id}': {
    kind: 'record',
    permission: 'transcripts.read',
    expected: read,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `${base(f, w)}/${await transcriptOf(f, w, admin)}`,
    }),
  },
  'GET /api/schools/{schoolId}/transcripts/{id}/pdf': {
    kind: 'record',
    permission: 'transcripts.read',
    expected: read,
    probe: async (f, w, _seq, admin) => ({
      method: 'GET',
      url: `${base(f, w)}/${await transcriptOf(f, w, admin)}/pdf`,
    }),
  },
  'GET /api/schools/{schoolId}/transcripts/archive.zip': {
    kind: 'record',
    permission: 'transcripts.read',
    expected: staffRead,
    probe: async (f, w, _seq, admin) => {
      await transcriptsOf(f, w, admin);
      return { method: 'GET', url: `${base(f, w)}/archive.zip?classId=${f.klass[w]}` };
    },
  },
  'GET /api/schools/{schoolId}/transcripts/export.json': {
    kind: 'record',
    permission: 'transcripts.read',
    expected: staffRead,
    probe: async (f, w, _seq, admin) => {
      await transcriptsOf(f, w, admin);
      return { method: 'GET', url: `${base(f, w)}/export.json?classId=${f.klass[w]}` };
    },
  },
  'POST /api/schools/{schoolId}/transcripts/{id}/sign': covered,
  'POST /api/schools/{schoolId}/transcripts/sign': covered,
  'GET /api/schools/{schoolId}/transcripts/sign-jobs': {
    kind: 'list',
    permission: 'transcripts.sign',
    expected: generate, // who may sign in the class: its homeroom teacher, the principal, the department admin
    probe: (f, w) => ({ method: 'GET', url: `${base(f, w)}/sign-jobs?classId=${f.klass[w]}` }),
    id: () => '',
  },
  'GET /api/schools/{schoolId}/transcripts/sign-jobs/{id}': {
    kind: 'covered',
    by:
      'modules/transcripts/transcripts.test.ts (a class signing job exists only after a .p12 upload: the ' +
      "requester's principal reads its progress; a parent and another school's principal are refused, 403 / 404)",
  },
  'GET /api/transcripts': {
    kind: 'list',
    permission: 'transcripts.read',
    expected: read,
    probe: (f, w) => ({ method: 'GET', url: `/api/transcripts?classId=${f.klass[w]}&pageSize=500` }),
    id: (f, w) => generated.get(w)?.get(f.student[w]) ?? '',
  },
  'POST /api/public/transcripts/verify': { kind: 'public' },
  'GET /api/public/transcripts/{id}/status': { kind: 'public' },
};
