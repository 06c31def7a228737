import 'katex/dist/katex.min.css';
import { splitMath } from '@smartedu/domain';
import katex from 'katex';
import { Fragment, useMemo } from 'react';

/** Question text: plain text with LaTeX between \( \), \[ \] or $ $, rendered with KaTeX (never raw HTML). */
export function MathText({ text }: { text: string }) {
  const parts = useMemo(() => splitMath(text), [text]);
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        p.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text, never reordered
          <Fragment key={i}>{p.value}</Fragment>
        ) : (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed text, never reordered
            key={i}
            // KaTeX escapes its input; trust is off, so no \href or raw HTML gets through.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output of sanitised LaTeX
            dangerouslySetInnerHTML={{
              __html: katex.renderToString(p.value, {
                throwOnError: false,
                displayMode: p.display,
                trust: false,
              }),
            }}
          />
        ),
      )}
    </span>
  );
}
