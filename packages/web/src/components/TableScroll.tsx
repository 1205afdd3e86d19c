import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wide table's frame, which scrolls sideways on a narrow screen (global.css
 * .truce-table-scroll). While it does, it is a named region the Tab key stops on, so that
 * a keyboard user can scroll it with the arrow keys (WCAG 2.1.1); when everything fits, it
 * is a plain box and no extra Tab stop.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="truce-table-scroll"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': t('a11y.scrollTable') } : {})}
      data-scrolls={scrolls || undefined}
    >
      {children}
    </div>
  );
}
