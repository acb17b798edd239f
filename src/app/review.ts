/**
 * The 'Revisión' tab: what only a person can settle (an email that may or may not have gone out,
 * a survey answer with an unknown code, an appointment left open at the close of the day).
 * Items are appended in one write per execution and never duplicated: an item whose
 * (Tipo, Referencia) is already in the tab, in any state, is not added again, so a rerun of the
 * same task adds nothing.
 */
import type { ReviewKey } from '../domain/schema';
import type { Table } from '../ports';
import { cellString } from './appointments/rows';

export interface ReviewItem {
  /** What kind of problem (REVIEW_KINDS), Spanish. */
  tipo: string;
  /** What it is about: an appointment ID, a response ID; with `tipo`, the item's identity. */
  referencia: string;
  /** What happened and what to do, Spanish. */
  detalle: string;
}

function identity(tipo: unknown, referencia: unknown): string {
  return `${cellString(tipo)}\u0000${cellString(referencia)}`;
}

/**
 * Appends the items not yet in 'Revisión' (one read, cached for the execution, and one write).
 * Call it holding the script lock: IDs are numbered from the rows present. Returns the items added.
 */
export function recordReview(table: Table<ReviewKey>, items: readonly ReviewItem[], now: Date = new Date()): ReviewItem[] {
  if (items.length === 0) return [];
  const snapshot = table.read();
  const seen = new Set(snapshot.rows.map((r) => identity(r.record.kind, r.record.reference)));
  const fresh: ReviewItem[] = [];
  for (const it of items) {
    const key = identity(it.tipo, it.referencia);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(it);
  }
  if (fresh.length === 0) return [];
  let n = snapshot.rows.length;
  const taken = new Set(snapshot.byId.keys());
  const nextId = () => {
    let id: string;
    do id = `REV-${String(++n).padStart(6, '0')}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  table.append(
    fresh.map((it) => ({
      id: nextId(),
      at: now,
      kind: it.tipo,
      reference: it.referencia,
      detail: it.detalle,
      status: 'Pendiente',
    })),
  );
  return fresh;
}

/** True when an item with this (tipo, referencia) is already listed (in any state). */
export function hasReviewItem(table: Table<ReviewKey>, tipo: string, referencia: string): boolean {
  const key = identity(tipo, referencia);
  return table.read().rows.some((r) => identity(r.record.kind, r.record.reference) === key);
}

/** A pending item as the panel shows it (plain data: no Date crosses google.script.run). */
export interface ReviewItemView {
  id: string;
  /** Epoch ms, or null when the cell holds no date. */
  atMs: number | null;
  tipo: string;
  referencia: string;
  detalle: string;
}

/** Items still 'Pendiente', newest first. */
export function pendingReviewItems(table: Table<ReviewKey>): ReviewItemView[] {
  if (!table.exists()) return [];
  return table
    .read()
    .rows.filter((r) => r.id !== '' && cellString(r.record.status) === 'Pendiente')
    .map((r) => ({
      id: r.id,
      atMs: r.record.at instanceof Date && !isNaN(r.record.at.getTime()) ? r.record.at.getTime() : null,
      tipo: cellString(r.record.kind),
      referencia: cellString(r.record.reference),
      detalle: cellString(r.record.detail),
    }))
    .reverse();
}
