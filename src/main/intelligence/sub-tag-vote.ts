// Sub-tags for a sound the kNN labelled — ride or crash, conga or shaker, e-piano or harpsichord — voted by the
// same neighbours that chose its category, weighted as they voted. Only neighbours of the winning category that
// carry sub-tags (from their names, metadata or the user) take part, and they must be a real share of that vote:
// a category won by anonymous references says nothing about which kind it is.

export interface SubTagVoter {
  id: number;
  label: string;
  weight: number;
}

export interface SubTagVote {
  name: string;
  /** Share of the informed neighbours' weight that carries this sub-tag (0..1). */
  share: number;
}

export interface SubTagVoteOptions {
  /** A sub-tag needs at least this share of the informed weight (default 0.5: a majority). */
  minShare?: number;
  /** Informed neighbours must hold at least this share of the category's weight (default 0.5). */
  minInformed?: number;
  /** And there must be at least this many of them (default 2: one neighbour is not a vote). */
  minVoters?: number;
}

export function voteSubTags(
  neighbours: readonly SubTagVoter[],
  label: string,
  subTagsOf: (id: number) => readonly string[] | undefined,
  opts: SubTagVoteOptions = {},
): SubTagVote[] {
  const minShare = opts.minShare ?? 0.5;
  let categoryWeight = 0;
  let informedWeight = 0;
  let voters = 0;
  const weightOf = new Map<string, number>();
  for (const n of neighbours) {
    if (n.label !== label) continue;
    categoryWeight += n.weight;
    const tags = subTagsOf(n.id);
    if (!tags?.length) continue;
    informedWeight += n.weight;
    voters++;
    for (const t of new Set(tags)) weightOf.set(t, (weightOf.get(t) ?? 0) + n.weight);
  }
  if (voters < (opts.minVoters ?? 2) || informedWeight <= 0 || informedWeight < (opts.minInformed ?? 0.5) * categoryWeight) return [];
  return [...weightOf]
    .map(([name, w]) => ({ name, share: w / informedWeight }))
    .filter((v) => v.share >= minShare)
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}
