import { COGNITIVE_LEVEL_NAMES, type CognitiveLevel, findSubject, type QuestionBody } from '@smartedu/domain';
import { strToU8, zipSync } from 'fflate';
import { esc } from './xml';

/**
 * QTI 3.0 (or 2.1) content packages: one item file per question, pictures under media/, metadata (subject,
 * grade, topic, cognitive level) as IEEE LOM in the manifest. Response processing is written inline (no
 * template references), including the 2025 true/false table 1 → 0.1, 2 → 0.25, 3 → 0.5, 4 → 1.
 */

export type QtiVersion = '3.0' | '2.1';
export type ExchangeQuestion = {
  id: string;
  externalId: string | null;
  subjectCode: string;
  grade: number;
  topic: string;
  level: CognitiveLevel;
  points: number;
  explanation: string | null;
  body: QuestionBody;
};
export type ExchangeMedia = { bytes: Uint8Array; contentType: string };

export const QTI_NS = {
  '3.0': {
    item: 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0',
    manifest: 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1',
    itemType: 'imsqti_item_xmlv3p0',
  },
  '2.1': {
    item: 'http://www.imsglobal.org/xsd/imsqti_v2p1',
    manifest: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    itemType: 'imsqti_item_xmlv2p1',
  },
} as const;
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
/** Our classification sources (no standard slot exists for them). */
export const SOURCE_SUBJECT = 'vn-mon-hoc';
export const SOURCE_GRADE = 'vn-lop';
export const SOURCE_LEVEL = 'vn-muc-do';
export const TF_TRUE = 'DUNG';
export const TF_FALSE = 'SAI';
const DIFFICULTY: Record<CognitiveLevel, string> = {
  NB: 'easy',
  TH: 'medium',
  VD: 'difficult',
  VDC: 'very difficult',
};

const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
};
export const mediaPath = (sha256: string, contentType: string) =>
  `media/${sha256}.${EXT[contentType] ?? 'bin'}`;

/** A valid XML name (QTI identifiers are NCNames): ids starting with a digit get the prefix "ID_". */
export const toIdentifier = (id: string) =>
  /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id) && !id.startsWith('ID_') ? id : `ID_${id}`;

const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Builds elements with 3.0 names, or their 2.1 equivalents (camelCase, no "qti-" prefix). */
function builder(version: QtiVersion) {
  const name = (n: string) => (version === '3.0' ? n : camel(n.replace(/^qti-/, '')));
  const attrs = (a: Record<string, string | number | boolean | undefined>) =>
    Object.entries(a)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${version === '3.0' || k.includes(':') ? k : camel(k)}="${esc(String(v))}"`)
      .join('');
  const q = (
    n: string,
    a: Record<string, string | number | boolean | undefined> = {},
    ...children: string[]
  ) =>
    children.length ? `<${name(n)}${attrs(a)}>${children.join('')}</${name(n)}>` : `<${name(n)}${attrs(a)}/>`;
  /** Content body wrapper: 3.0 wraps rubric and feedback content in qti-content-body. */
  const contentBody = (inner: string) =>
    version === '3.0' ? `<qti-content-body>${inner}</qti-content-body>` : inner;
  return { q, contentBody };
}

/** Plain text (with LaTeX) → HTML text with line breaks; never HTML from the stored text itself. */
const html = (text: string) => esc(text).replace(/\n/g, '<br/>');
const paragraphs = (text: string) =>
  text
    .split('\n')
    .map((line) => (line ? `<p>${esc(line)}</p>` : '<p/>'))
    .join('');
const num = (n: number) => String(Math.round(n * 1e6) / 1e6);

function mediaHtml(body: QuestionBody, version: QtiVersion) {
  return (body.content.media ?? [])
    .map((m) => {
      const src = mediaPath(m.sha256, m.contentType);
      if (m.kind === 'image') return `<p><img src="${esc(src)}" alt="${esc(m.alt ?? '')}"/></p>`;
      return version === '3.0'
        ? `<p><audio controls="controls" src="${esc(src)}"${m.alt ? ` title="${esc(m.alt)}"` : ''}/></p>`
        : `<p><object data="${esc(src)}" type="${esc(m.contentType)}"${m.alt ? ` title="${esc(m.alt)}"` : ''}/></p>`;
    })
    .join('');
}

export function itemXml(question: ExchangeQuestion, version: QtiVersion): string {
  const { q, contentBody } = builder(version);
  const { body } = question;
  const P = question.points;
  const identifier = `q-${question.id}`;
  const decls: string[] = [];
  let interaction = '';
  let processing = '';
  let stemHtml = paragraphs(body.content.stem);
  const setScore = (value: string) => q('qti-set-outcome-value', { identifier: 'SCORE' }, value);
  const baseFloat = (n: number) => q('qti-base-value', { 'base-type': 'float' }, num(n));
  const ifMatchCorrect = () =>
    q(
      'qti-response-condition',
      {},
      q(
        'qti-response-if',
        {},
        q(
          'qti-match',
          {},
          q('qti-variable', { identifier: 'RESPONSE' }),
          q('qti-correct', { identifier: 'RESPONSE' }),
        ),
        setScore(baseFloat(P)),
      ),
    );
  switch (body.type) {
    case 'single':
    case 'multiple': {
      const correct = body.type === 'single' ? [body.key.optionId] : body.key.optionIds;
      const partial = body.type === 'multiple' && body.key.partial === true;
      const mapping = partial
        ? q(
            'qti-mapping',
            { 'lower-bound': 0, 'upper-bound': num(P), 'default-value': 0 },
            ...body.content.options.map((o) =>
              q('qti-map-entry', {
                'map-key': toIdentifier(o.id),
                'mapped-value': num((correct.includes(o.id) ? P : -P) / Math.max(1, correct.length)),
              }),
            ),
          )
        : '';
      decls.push(
        q(
          'qti-response-declaration',
          {
            identifier: 'RESPONSE',
            cardinality: body.type === 'single' ? 'single' : 'multiple',
            'base-type': 'identifier',
          },
          q('qti-correct-response', {}, ...correct.map((c) => q('qti-value', {}, esc(toIdentifier(c))))),
          mapping,
        ),
      );
      interaction = q(
        'qti-choice-interaction',
        { 'response-identifier': 'RESPONSE', shuffle: 'true', 'max-choices': body.type === 'single' ? 1 : 0 },
        ...body.content.options.map((o) =>
          q(
            'qti-simple-choice',
            { identifier: toIdentifier(o.id), fixed: o.fixed ? 'true' : undefined },
            html(o.text),
          ),
        ),
      );
      processing = partial ? setScore(q('qti-map-response', { identifier: 'RESPONSE' })) : ifMatchCorrect();
      break;
    }
    case 'true_false': {
      const pairs = body.content.statements.map(
        (s) => `${toIdentifier(s.id)} ${body.key.values[s.id] ? TF_TRUE : TF_FALSE}`,
      );
      decls.push(
        q(
          'qti-response-declaration',
          { identifier: 'RESPONSE', cardinality: 'multiple', 'base-type': 'directedPair' },
          q('qti-correct-response', {}, ...pairs.map((p) => q('qti-value', {}, p))),
          q(
            'qti-mapping',
            { 'default-value': 0 },
            ...pairs.map((p) => q('qti-map-entry', { 'map-key': p, 'mapped-value': 1 })),
          ),
        ),
      );
      decls.push(
        q(
          'qti-outcome-declaration',
          { identifier: 'NCORRECT', cardinality: 'single', 'base-type': 'float' },
          q('qti-default-value', {}, q('qti-value', {}, '0')),
        ),
      );
      interaction = q(
        'qti-match-interaction',
        {
          'response-identifier': 'RESPONSE',
          shuffle: 'false',
          'max-associations': body.content.statements.length,
          class: version === '3.0' ? 'qti-match-tabular' : undefined,
        },
        q(
          'qti-simple-match-set',
          {},
          ...body.content.statements.map((s) =>
            q(
              'qti-simple-associable-choice',
              { identifier: toIdentifier(s.id), 'match-max': 1 },
              html(s.text),
            ),
          ),
        ),
        q(
          'qti-simple-match-set',
          {},
          q(
            'qti-simple-associable-choice',
            { identifier: TF_TRUE, 'match-max': body.content.statements.length },
            'Đúng',
          ),
          q(
            'qti-simple-associable-choice',
            { identifier: TF_FALSE, 'match-max': body.content.statements.length },
            'Sai',
          ),
        ),
      );
      const gte = (n: number, share: number) =>
        [
          q('qti-gte', {}, q('qti-variable', { identifier: 'NCORRECT' }), baseFloat(n)),
          setScore(baseFloat(P * share)),
        ].join('');
      processing =
        q(
          'qti-set-outcome-value',
          { identifier: 'NCORRECT' },
          q('qti-map-response', { identifier: 'RESPONSE' }),
        ) +
        q(
          'qti-response-condition',
          {},
          q('qti-response-if', {}, gte(4, 1)),
          q('qti-response-else-if', {}, gte(3, 0.5)),
          q('qti-response-else-if', {}, gte(2, 0.25)),
          q('qti-response-else-if', {}, gte(1, 0.1)),
        );
      break;
    }
    case 'short_answer': {
      decls.push(
        q(
          'qti-response-declaration',
          { identifier: 'RESPONSE', cardinality: 'single', 'base-type': 'float' },
          q('qti-correct-response', {}, q('qti-value', {}, num(body.key.value))),
        ),
      );
      interaction = `<p>${q('qti-text-entry-interaction', { 'response-identifier': 'RESPONSE', 'expected-length': 4 })}</p>`;
      const t = body.key.tolerance;
      processing = q(
        'qti-response-condition',
        {},
        q(
          'qti-response-if',
          {},
          q(
            'qti-equal',
            t > 0
              ? { 'tolerance-mode': 'absolute', tolerance: `${num(t)} ${num(t)}` }
              : { 'tolerance-mode': 'exact' },
            q('qti-variable', { identifier: 'RESPONSE' }),
            q('qti-correct', { identifier: 'RESPONSE' }),
          ),
          setScore(baseFloat(P)),
        ),
      );
      break;
    }
    case 'matching': {
      const pairs = body.content.left.map(
        (l) => `${toIdentifier(l.id)} ${toIdentifier(body.key.pairs[l.id] ?? '')}`,
      );
      const each = P / Math.max(1, body.content.left.length);
      decls.push(
        q(
          'qti-response-declaration',
          { identifier: 'RESPONSE', cardinality: 'multiple', 'base-type': 'directedPair' },
          q('qti-correct-response', {}, ...pairs.map((p) => q('qti-value', {}, esc(p)))),
          q(
            'qti-mapping',
            { 'lower-bound': 0, 'upper-bound': num(P), 'default-value': 0 },
            ...pairs.map((p) => q('qti-map-entry', { 'map-key': p, 'mapped-value': num(each) })),
          ),
        ),
      );
      interaction = q(
        'qti-match-interaction',
        { 'response-identifier': 'RESPONSE', shuffle: 'true', 'max-associations': body.content.left.length },
        q(
          'qti-simple-match-set',
          {},
          ...body.content.left.map((l) =>
            q(
              'qti-simple-associable-choice',
              { identifier: toIdentifier(l.id), 'match-max': 1 },
              html(l.text),
            ),
          ),
        ),
        q(
          'qti-simple-match-set',
          {},
          ...body.content.right.map((r) =>
            q(
              'qti-simple-associable-choice',
              { identifier: toIdentifier(r.id), 'match-max': 1 },
              html(r.text),
            ),
          ),
        ),
      );
      processing = setScore(q('qti-map-response', { identifier: 'RESPONSE' }));
      break;
    }
    case 'fill_blank': {
      const ids = body.content.blanks.map((b) => b.id);
      for (const id of ids) {
        const accepted = body.key.blanks[id] ?? [];
        decls.push(
          q(
            'qti-response-declaration',
            { identifier: `RESPONSE_${toIdentifier(id)}`, cardinality: 'single', 'base-type': 'string' },
            q('qti-correct-response', {}, q('qti-value', {}, esc(accepted[0] ?? ''))),
            q(
              'qti-mapping',
              { 'lower-bound': 0, 'upper-bound': 1, 'default-value': 0 },
              ...accepted.map((a) =>
                q('qti-map-entry', {
                  'map-key': a,
                  'mapped-value': 1,
                  'case-sensitive': body.key.caseSensitive ? 'true' : 'false',
                }),
              ),
            ),
          ),
        );
      }
      stemHtml = body.content.stem
        .split('\n')
        .map((line) => {
          const parts = line.split(/\[\[([^\]]+)\]\]/g);
          const inner = parts
            .map((part, i) =>
              i % 2 === 1
                ? q('qti-text-entry-interaction', {
                    'response-identifier': `RESPONSE_${toIdentifier(part.trim())}`,
                  })
                : esc(part),
            )
            .join('');
          return inner ? `<p>${inner}</p>` : '<p/>';
        })
        .join('');
      processing = setScore(
        q(
          'qti-product',
          {},
          q(
            'qti-sum',
            {},
            ...ids.map((id) => q('qti-map-response', { identifier: `RESPONSE_${toIdentifier(id)}` })),
          ),
          baseFloat(P / Math.max(1, ids.length)),
        ),
      );
      break;
    }
    case 'essay': {
      decls.push(
        q('qti-response-declaration', {
          identifier: 'RESPONSE',
          cardinality: 'single',
          'base-type': 'string',
        }),
      );
      interaction = q('qti-extended-text-interaction', { 'response-identifier': 'RESPONSE' });
      const lines = [
        ...body.content.rubric.map(
          (r) => `<p>${esc(r.criterion)} (${num(r.points).replace('.', ',')} điểm)</p>`,
        ),
        ...(body.key.sampleAnswer
          ? [`<p>${esc(`Đáp án mẫu: ${body.key.sampleAnswer}`).replace(/\n/g, '<br/>')}</p>`]
          : []),
      ];
      if (lines.length)
        interaction += q('qti-rubric-block', { view: 'scorer', use: 'scoring' }, contentBody(lines.join('')));
      processing = '';
      break;
    }
  }
  decls.push(
    q(
      'qti-outcome-declaration',
      { identifier: 'SCORE', cardinality: 'single', 'base-type': 'float' },
      q('qti-default-value', {}, q('qti-value', {}, '0')),
    ),
  );
  decls.push(
    q(
      'qti-outcome-declaration',
      { identifier: 'MAXSCORE', cardinality: 'single', 'base-type': 'float' },
      q('qti-default-value', {}, q('qti-value', {}, num(P))),
    ),
  );
  if (question.explanation)
    decls.push(
      q('qti-outcome-declaration', {
        identifier: 'FEEDBACK',
        cardinality: 'single',
        'base-type': 'identifier',
      }),
    );
  const feedback = question.explanation
    ? q(
        'qti-modal-feedback',
        { 'outcome-identifier': 'FEEDBACK', identifier: 'SOLUTION', 'show-hide': 'show', title: 'Lời giải' },
        contentBody(paragraphs(question.explanation)),
      )
    : '';
  const setFeedback = question.explanation
    ? q(
        'qti-set-outcome-value',
        { identifier: 'FEEDBACK' },
        q('qti-base-value', { 'base-type': 'identifier' }, 'SOLUTION'),
      )
    : '';
  const rootName = version === '3.0' ? 'qti-assessment-item' : 'assessmentItem';
  const title = body.content.stem.replace(/\s+/g, ' ').slice(0, 80);
  const rootAttrs = `xmlns="${QTI_NS[version].item}" identifier="${esc(identifier)}" title="${esc(title)}" adaptive="false" ${version === '3.0' ? 'time-dependent' : 'timeDependent'}="false" xml:lang="vi"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${rootName} ${rootAttrs}>`,
    ...decls,
    q('qti-item-body', {}, stemHtml + mediaHtml(body, version) + interaction),
    processing || setFeedback ? q('qti-response-processing', {}, processing + setFeedback) : '',
    feedback,
    `</${rootName}>`,
  ].join('\n');
}

function lomXml(question: ExchangeQuestion): string {
  const subjectName = findSubject(question.subjectCode)?.name ?? question.subjectCode;
  const classification = (purpose: string, source: string, id: string, entry: string) =>
    `<imsmd:classification><imsmd:purpose><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>${esc(purpose)}</imsmd:value></imsmd:purpose><imsmd:taxonPath><imsmd:source><imsmd:string language="vi">${esc(source)}</imsmd:string></imsmd:source><imsmd:taxon><imsmd:id>${esc(id)}</imsmd:id><imsmd:entry><imsmd:string language="vi">${esc(entry)}</imsmd:string></imsmd:entry></imsmd:taxon></imsmd:taxonPath></imsmd:classification>`;
  return [
    '<metadata><imsmd:lom>',
    '<imsmd:general>',
    question.externalId
      ? `<imsmd:identifier><imsmd:catalog>smartedu-ma</imsmd:catalog><imsmd:entry>${esc(question.externalId)}</imsmd:entry></imsmd:identifier>`
      : '',
    `<imsmd:keyword><imsmd:string language="vi">${esc(question.topic)}</imsmd:string></imsmd:keyword>`,
    '</imsmd:general>',
    `<imsmd:educational><imsmd:difficulty><imsmd:source>LOMv1.0</imsmd:source><imsmd:value>${DIFFICULTY[question.level]}</imsmd:value></imsmd:difficulty></imsmd:educational>`,
    classification('discipline', SOURCE_SUBJECT, question.subjectCode, subjectName),
    classification('educational level', SOURCE_GRADE, String(question.grade), `Lớp ${question.grade}`),
    classification(
      'educational objective',
      SOURCE_LEVEL,
      question.level,
      COGNITIVE_LEVEL_NAMES[question.level],
    ),
    '</imsmd:lom></metadata>',
  ].join('');
}

/** Builds the .zip package; `media` holds the bytes of every picture or clip the questions reference. */
export function exportQtiPackage(
  questions: readonly ExchangeQuestion[],
  media: ReadonlyMap<string, ExchangeMedia>,
  version: QtiVersion,
): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources: string[] = [];
  for (const question of questions) {
    const href = `q-${question.id}.xml`;
    files[href] = strToU8(itemXml(question, version));
    const mediaFiles: string[] = [];
    for (const m of question.body.content.media ?? []) {
      const stored = media.get(m.sha256);
      if (!stored) continue;
      const path = mediaPath(m.sha256, m.contentType);
      files[path] = stored.bytes;
      mediaFiles.push(`<file href="${esc(path)}"/>`);
    }
    resources.push(
      `<resource identifier="q-${esc(question.id)}" type="${QTI_NS[version].itemType}" href="${esc(href)}">${lomXml(question)}<file href="${esc(href)}"/>${mediaFiles.join('')}</resource>`,
    );
  }
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="${QTI_NS[version].manifest}" xmlns:imsmd="${LOM_NS}" identifier="MANIFEST-SMARTEDU">`,
    `<metadata><schema>QTI Package</schema><schemaversion>${version === '3.0' ? '3.0.0' : '2.1'}</schemaversion></metadata>`,
    '<organizations/>',
    `<resources>${resources.join('')}</resources>`,
    '</manifest>',
  ].join('\n');
  files['imsmanifest.xml'] = strToU8(manifest);
  return zipSync(files, { level: 6 });
}
