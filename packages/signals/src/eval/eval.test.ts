import { SENSITIVE_CATEGORIES } from '@parlance/taxonomy';
import { describe, expect, it } from 'vitest';
import { classify } from '../classifier/index.js';
import {
  DEFAULT_EVAL_SET,
  EVAL_SETS,
  evaluate,
  HOLDOUT2_EVAL_SET,
  HOLDOUT3_EVAL_SET,
  loadEvalSet,
} from './evaluate.js';

describe('classifier evaluation (regression gate)', () => {
  const messages = loadEvalSet(DEFAULT_EVAL_SET);
  const report = evaluate(messages, classify);

  it('the eval set has the required shape', () => {
    expect(report.messages).toBeGreaterThanOrEqual(400);
    expect(report.distinctInterests).toBeGreaterThanOrEqual(80);
    expect(report.sensitiveMessages).toBeGreaterThanOrEqual(120);
    expect(report.noInterestMessages).toBeGreaterThanOrEqual(60);
    const categories = new Set(messages.flatMap((m) => m.categories ?? []));
    expect([...categories].sort()).toEqual([...SENSITIVE_CATEGORIES].sort());
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
  });

  it('meets the targets: micro-F1 >= 0.85 and zero sensitive leakage', () => {
    expect(report.leakage).toBe(0);
    expect(report.micro.f1).toBeGreaterThanOrEqual(0.85);
  });

  it.each(EVAL_SETS.slice(1).map((s) => [s.name, s.url] as const))(
    'never leaks on %s either',
    (_name, url) => {
      expect(evaluate(loadEvalSet(url), classify).leakage).toBe(0);
    },
  );

  it('the second held-out set keeps its documented shape', () => {
    const held = loadEvalSet(HOLDOUT2_EVAL_SET);
    expect(held.length).toBeGreaterThanOrEqual(150);
    expect(new Set(held.map((m) => m.id)).size).toBe(held.length);
    const categories = new Set(held.flatMap((m) => m.categories ?? []));
    expect([...categories].sort()).toEqual([...SENSITIVE_CATEGORIES].sort());
  });

  // Holdout-3 was written without seeing the lexicon; its first run (2026-11-29) scored F1 71.8% with
  // 5 leaks, then only the leaks were fixed (F1 73.0%). The floor guards regressions, not a target.
  it('the third held-out set keeps its shape and F1 floor', () => {
    const held = loadEvalSet(HOLDOUT3_EVAL_SET);
    const r = evaluate(held, classify);
    expect(r.messages).toBeGreaterThanOrEqual(250);
    expect(r.interestMessages).toBeGreaterThanOrEqual(140);
    expect(r.distinctInterests).toBeGreaterThanOrEqual(60);
    expect(r.sensitiveMessages).toBeGreaterThanOrEqual(70);
    expect(r.noInterestMessages).toBeGreaterThanOrEqual(30);
    expect(new Set(held.map((m) => m.id)).size).toBe(held.length);
    const categories = new Set(held.flatMap((m) => m.categories ?? []));
    expect([...categories].sort()).toEqual([...SENSITIVE_CATEGORIES].sort());
    expect(r.leakage).toBe(0);
    expect(r.micro.f1).toBeGreaterThanOrEqual(0.72);
  });
});
