import { distance } from 'fastest-levenshtein';

/** Names within a couple of typos of `name`, closest first: what "did you mean" offers. */
export function closeMatches(name: string, candidates: Iterable<string>, most = 3): string[] {
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return [...candidates]
    .map((candidate) => ({
      candidate,
      cost: candidate.startsWith(name) || name.startsWith(candidate) ? 1 : distance(name, candidate),
    }))
    .filter(({ cost }) => cost <= allowed)
    .sort((a, b) => a.cost - b.cost || a.candidate.localeCompare(b.candidate))
    .slice(0, most)
    .map(({ candidate }) => candidate);
}
