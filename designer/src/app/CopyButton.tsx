import { useEffect, useState } from 'react';

/** Copies `text` to the clipboard and says so; says why when the browser refuses. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className={state === 'failed' ? 'error-text' : 'muted'}>
        {state === 'copied'
          ? ' Copied'
          : state === 'failed'
            ? ' The browser did not allow copying; select the text and copy it.'
            : ''}
      </span>
    </>
  );
}
