import { type ReactNode, useId } from 'react';

export interface CardProps {
  title: string;
  /** One line under the title: what the numbers are computed from. */
  note?: ReactNode;
  /** Extra controls in the header (e.g. a first/last touch switch). */
  actions?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}

/** One metric family: a titled region, so screen readers can jump between them. */
export function Card({ title, note, actions, wide, children }: CardProps) {
  const id = useId();
  return (
    <section className={wide ? 'dash-card dash-card-wide' : 'dash-card'} aria-labelledby={id}>
      <header className="dash-card-header">
        <div>
          <h2 id={id}>{title}</h2>
          {note && <p className="dash-muted">{note}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** Headline numbers: label above value, as a description list. */
export function Stats({ items }: { items: ReadonlyArray<[label: string, value: ReactNode]> }) {
  return (
    <dl className="dash-stats">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A chart with a caption; the chart is an image to assistive tech, described by the caption and the numbers beside it. */
export function ChartFigure({
  caption,
  height = 220,
  children,
}: {
  caption: string;
  height?: number;
  children: ReactNode;
}) {
  return (
    <figure className="dash-figure">
      <div role="img" aria-label={caption} style={{ height }}>
        {children}
      </div>
      <figcaption className="dash-muted">{caption}</figcaption>
    </figure>
  );
}

/** Shown in place of a chart when there is nothing to draw. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="dash-empty">{children}</p>;
}
