import type { FigureGroup } from './figures';

interface Props {
  groups: FigureGroup[];
}

/** The figures of an assessment as cards: label, value (raw value as tooltip), explanation. */
export function FigureCards({ groups }: Props) {
  return (
    <>
      {groups.map((group) => (
        <section key={group.key} className="figure-group" aria-labelledby={`risk-group-${group.key}`}>
          <h2 id={`risk-group-${group.key}`}>{group.title}</h2>
          <dl className="figure-cards">
            {group.cards.map((card) => (
              <div
                key={card.key}
                className={card.warn ? 'figure-card figure-card-warn' : 'figure-card'}
                data-figure={card.key}
              >
                <dt className="figure-label">{card.label}</dt>
                <dd
                  className={card.undefined ? 'figure-value figure-value-undefined' : 'figure-value'}
                  title={card.raw}
                >
                  {card.value}
                </dd>
                {card.detail && <dd className="figure-detail">{card.detail}</dd>}
                <dd className="figure-explanation">{card.explanation}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
