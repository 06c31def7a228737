import 'katex/dist/katex.min.css';
import katex from 'katex';
import { Fragment, useEffect, useRef } from 'react';

/**
 * Question texts in the restricted markup: plain text (rendered as text nodes, never HTML) and LaTeX between
 * \( \), \[ \], $ $ or $$ $$ (rendered by KaTeX with trust: false).
 */

export type Segment = { kind: 'text'; value: string } | { kind: 'math'; value: string; display: boolean };

const DELIMS = [
  { open: '\\(', close: '\\)', display: false },
  { open: '\\[', close: '\\]', display: true },
  { open: '$$', close: '$$', display: true },
  { open: '$', close: '$', display: false },
];

export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let buf = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\' && text[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    const d = DELIMS.find((x) => text.startsWith(x.open, i));
    if (d) {
      const end = text.indexOf(d.close, i + d.open.length);
      const inner = end === -1 ? '' : text.slice(i + d.open.length, end);
      if (end !== -1 && inner.trim() && !(d.open === '$' && inner.includes('\n'))) {
        if (buf) out.push({ kind: 'text', value: buf });
        buf = '';
        out.push({ kind: 'math', value: inner.trim(), display: d.display });
        i = end + d.close.length;
        continue;
      }
    }
    buf += text[i];
    i++;
  }
  if (buf) out.push({ kind: 'text', value: buf });
  return out;
}

function Formula({ tex, display }: { tex: string; display: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    katex.render(tex, ref.current, {
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      displayMode: display,
      maxSize: 20,
      maxExpand: 200,
    });
  }, [tex, display]);
  return <span ref={ref} />;
}

/** Text with line breaks and formulas. */
export function MathText({ text }: { text: string }) {
  const segments = splitMath(text ?? '');
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'math' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable string
          <Formula key={i} tex={s.value} display={s.display} />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable string
          <Fragment key={i}>
            {s.value.split('\n').map((line, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one immutable string
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </Fragment>
        ),
      )}
    </>
  );
}
