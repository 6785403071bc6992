/**
 * The reference the microsimulation is measured against: a minimal kernel that makes the same
 * draws from the same streams (each active service's care draw, the readmission draw after an
 * admission, the death draw) and counts events per month, catchment, need group and CNI band —
 * and nothing else: no episodes, no weighted columns, no cost trackers, no deterministic flows.
 * Rates are the same per-month tables (Poisson inversion tables built once per table); no
 * allocation per person or event.
 */
import { CNI_BANDS, GROUP_COUNT, S, SERVICE_COUNT } from '../src/domain.js';
import type { MicrosimInput } from '../src/engine/microsim.js';
import { STOCHASTIC_SERVICES } from '../src/engine/model.js';
import { CDF_SIZE, NORMAL_TABLE, ensureDrawTables } from '../src/engine/rates.js';
import { CELL_CNI, CELL_GROUP, CELL_RATE_CLASS, RATE_CLASS_COUNT } from '../src/population/cells.js';
import { fmix32, monthHash, streamKey } from '../src/random.js';

const TO_UNIT = 1 / 4294967296;

/**
 * Event counts [month][catchment][group][band][service] of one replication.
 * @example const counts = minimalKernel({ model, population, cells, rates, extras: [], episodeWindow, seed: 7 })
 */
export function minimalKernel(input: MicrosimInput): Float64Array {
  const { model, population, rates } = input;
  const n = population.size;
  const months = model.months;
  const K = model.catchments.length;
  const J = STOCHASTIC_SERVICES.length;
  const out = new Float64Array(months * K * GROUP_COUNT * CNI_BANDS * SERVICE_COUNT);
  const admittedLast = new Uint8Array(n);
  const careKey = streamKey(input.seed, 'care');
  const deathKey = streamKey(input.seed, 'death');
  const admissionJ = STOCHASTIC_SERVICES.indexOf(S.admission);
  for (let m = 0; m < months; m++) {
    const r = rates[m];
    const { cdf, none, active } = ensureDrawTables(r);
    kernelMonth(m, n, K, J, admissionJ, out, population.cell, population.catchment, model.deathProbability, r.lambda, r.readmit, cdf, none, active, admittedLast, careKey, deathKey);
  }
  return out;
}

function kernelMonth(
  m: number,
  n: number,
  K: number,
  J: number,
  admissionJ: number,
  out: Float64Array,
  cells: Uint16Array,
  catchments: Uint16Array,
  death: Float64Array,
  lambda: Float64Array,
  readmit: Float64Array,
  cdf: Float64Array,
  none: Float64Array,
  active: Uint8Array,
  admittedLast: Uint8Array,
  careKey: number,
  deathKey: number,
): void {
  const mKey = monthHash(m);
  const stride = J + 1;
  // Imported bindings read in a hot loop cost a check each; locals do not.
  const stochastic = STOCHASTIC_SERVICES;
  const cellGroup = CELL_GROUP;
  const cellRateClass = CELL_RATE_CLASS;
  const cellCni = CELL_CNI;
  const normal = NORMAL_TABLE;
  const mix = fmix32;
  const G = GROUP_COUNT;
  const B = CNI_BANDS;
  const RC = RATE_CLASS_COUNT;
  const SC = SERVICE_COUNT;
  const CS = CDF_SIZE;
  const readmission = S.readmission;
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    const k = catchments[i];
    const g = cellGroup[c];
    const krc = k * RC + cellRateClass[c];
    const row = (((m * K + k) * G + g) * B + cellCni[c]) * SC;
    const pm = mix(Math.imul(i + 1, 0x9e3779b1) ^ mKey);
    const careRoot = pm ^ careKey;
    const arow = krc * stride;
    const nActive = active[arow];
    let admitted = 0;
    for (let a = 1; a <= nActive; a++) {
      const j = active[arow + a];
      const u = mix((careRoot + Math.imul(j + 1, 0x9e3779b9)) | 0) * TO_UNIT;
      const p0 = none[krc * J + j];
      if (u <= p0) continue;
      let x: number;
      if (p0 < 0) {
        const l = lambda[krc * SC + stochastic[j]];
        x = Math.max(0, Math.round(l + Math.sqrt(l) * normal[(u * 4096) | 0]));
      } else {
        const o = (krc * J + j) * CS;
        x = 1;
        while (u > cdf[o + x]) x++;
      }
      out[row + stochastic[j]] += x;
      if (j === admissionJ && x > 0) admitted = 1;
    }
    if (admittedLast[i] === 1 && mix((careRoot + Math.imul(J + 1, 0x9e3779b9)) | 0) * TO_UNIT < readmit[k * G + g]) out[row + readmission] += 1;
    admittedLast[i] = admitted;
    if (mix(((pm ^ deathKey) + 0x9e3779b9) | 0) * TO_UNIT < death[c]) admittedLast[i] = 0;
  }
}
