import type { Lead, Step } from '@leadflow/server/contract';

interface FiredRule {
  kind: string;
  label: string;
  points: number;
}

/** The lead's scores and, from its latest score step, every rule that fired with its points. */
export function ScoreBreakdown({ lead, steps }: { lead: Lead; steps: Step[] }) {
  const latest = [...steps].reverse().find((step) => step.nodeType === 'score' && step.output);
  const fired = Array.isArray(latest?.output?.fired) ? (latest.output.fired as FiredRule[]) : [];
  return (
    <section aria-labelledby="score-title">
      <h2 id="score-title">Score</h2>
      <p>
        Score <strong>{lead.score ?? '–'}</strong> · fit {lead.fitScore ?? '–'} · intent {lead.intentScore ?? '–'} ·
        tier {lead.tier ?? '–'}
      </p>
      {fired.length > 0 ? (
        <table className="data" aria-label="Score rules that fired">
          <tbody>
            {fired.map((rule, index) => (
              <tr key={index}>
                <td>{rule.kind}</td>
                <td>{rule.label}</td>
                <td style={{ textAlign: 'right' }}>{rule.points > 0 ? `+${rule.points}` : rule.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        latest?.reason && <p className="muted">{latest.reason}</p>
      )}
    </section>
  );
}
