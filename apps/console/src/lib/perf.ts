import { useEffect, useRef } from 'react';

/**
 * A performance mark once a screen shows what it is for (its data rendered), for the browser tests'
 * render budget (CONSOLE.md: a case of 50 items and 200 events in under a second) and for anyone profiling.
 */
export function useShownMark(name: string, shown: boolean): void {
  const marked = useRef(false);
  useEffect(() => {
    if (!shown || marked.current) return;
    marked.current = true;
    // After the browser has painted what this render put on screen.
    requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
  }, [name, shown]);
}
