import { useMemo, useState } from 'react';
import { teamModelApi } from '../api/api-client';
import { useLeadflow } from '../app/leadflow-context';
import { useLoad } from '../app/use-load';
import type { JsonSchema, Pickers } from '../schema-form';
import { ENTITIES, type Lookups } from './entities';
import { EntityTab } from './EntityTab';
import './team.css';

/**
 * The sales team model: reps, teams, territories and accounts. Forms come from the schemas the
 * server validates with; viewers see everything and change nothing.
 */
export function TeamPage() {
  const { api, principal } = useLeadflow();
  const readOnly = principal.role !== 'admin' && principal.role !== 'editor';
  const [tab, setTab] = useState(0);
  const [generation, setGeneration] = useState(0);
  const schemas = useLoad(() => teamModelApi.schemas(api), 'schemas');
  // Teams and reps feed the pickers and the names in every tab's columns.
  const refs = useLoad(async () => {
    const [teams, reps] = await Promise.all([
      teamModelApi.list(api, '/api/teams', 'teams'),
      teamModelApi.list(api, '/api/reps', 'reps'),
    ]);
    return { teams, reps };
  }, `refs-${generation}`);
  const pickers = useMemo<Pickers>(
    () => ({
      teams: (refs.data?.teams ?? []).map((team) => ({ id: team.id, name: String(team.name) })),
      reps: (refs.data?.reps ?? []).map((rep) => ({ id: rep.id, name: String(rep.name), email: String(rep.email) })),
      leadFields: [],
    }),
    [refs.data],
  );
  const lookups = useMemo<Lookups>(
    () => ({
      teams: new Map(pickers.teams.map((t) => [t.id, t.name])),
      reps: new Map(pickers.reps.map((r) => [r.id, r.name])),
    }),
    [pickers],
  );
  const config = ENTITIES[tab] ?? ENTITIES[0];
  const schema = schemas.data?.[config.entity] as JsonSchema | undefined;

  return (
    <main className="page team-page">
      <div className="page-header">
        <h1>Team</h1>
        {readOnly && <span className="badge">read only</span>}
      </div>
      <div role="tablist" aria-label="Team model" className="team-tabs">
        {ENTITIES.map((entity, i) => (
          <button
            key={entity.entity}
            type="button"
            role="tab"
            id={`team-tab-${entity.entity}`}
            aria-selected={i === tab}
            aria-controls="team-tabpanel"
            tabIndex={i === tab ? 0 : -1}
            onClick={() => setTab(i)}
            onKeyDown={(event) => {
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = (i + step + ENTITIES.length) % ENTITIES.length;
              setTab(next);
              document.getElementById(`team-tab-${ENTITIES[next]?.entity}`)?.focus();
            }}
          >
            {entity.title}
          </button>
        ))}
      </div>
      <section role="tabpanel" id="team-tabpanel" aria-labelledby={`team-tab-${config.entity}`}>
        {schemas.error && (
          <p className="banner error" role="alert">
            Could not load the team model's schemas: {schemas.error}
          </p>
        )}
        {schema ? (
          <EntityTab
            key={config.entity}
            config={config}
            schema={schema}
            pickers={pickers}
            lookups={lookups}
            readOnly={readOnly}
            onChanged={() => setGeneration((n) => n + 1)}
          />
        ) : (
          !schemas.error && (
            <p className="page-status" aria-busy="true">
              Loading…
            </p>
          )
        )}
      </section>
    </main>
  );
}
