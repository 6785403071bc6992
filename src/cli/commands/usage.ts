/** The uncertainty commands' part of `reimburse --help` (no imports: args.ts reads it). */
export const UNCERTAINTY_USAGE = `Sensitivity and uncertainty:
  tornado <scenario.json>           each uncertain parameter at its low and high, ranked by swing
                                    [--measure M] [--preset P] [--no-gap]
  sweep <scenario.json> --param PATH --from A --to B --steps N [--param PATH2 …]
                                    measures along a range (two --param: a grid); decision flips
  psa <a.json> [b.json …] --draws N probabilistic sensitivity analysis, common draws across designs:
                                    mean, interval of the mean, range of outcomes, variance split,
                                    probability each design is best [--engine micro --reps R]
                                    [--workers W] [--shard i/N] [--queue redis://HOST:PORT --shards N]
                                    [--behaviour solve|warm|hold] (per draw: solve as run does;
                                    from the base equilibrium; held at the base run's)
  merge <s1.json> … --out all.json  PSA shards into exactly the unsharded run's output
  worker --queue redis://HOST:PORT  take PSA shards from the queue until stopped
  These take --seed S (tornado, sweep: the scenario's seed, as run; psa: the draws' seed),
  --format json|csv and --out FILE like run; --preset controlled-trials|
  local-follow-ups|assumption picks the evidence preset (default: the scenario's uncertainty.preset).`;

