import { useEffect, useRef } from 'react';

/**
 * Focus to move after the next render: when a removed row's button vanishes, or a moved item's
 * button is re-created elsewhere, focus goes to the first of the given ids still on the page
 * and enabled, never to the document body.
 */
export function usePendingFocus(): (...ids: string[]) => void {
  const pending = useRef<string[] | null>(null);
  useEffect(() => {
    const ids = pending.current;
    if (!ids) return;
    pending.current = null;
    for (const id of ids) {
      const element = document.getElementById(id);
      if (element && !(element as HTMLButtonElement).disabled) {
        element.focus();
        return;
      }
    }
  });
  return (...ids: string[]) => {
    pending.current = ids;
  };
}
