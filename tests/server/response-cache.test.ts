import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../server/src/graphql/response-cache';

describe('ResponseCache', () => {
  const q = 'query($w: String) { coverage(level: VILLAGE, within: $w) { households } }';

  it('keys a request by its text, operation name, variables and extensions; batches and bodies without a query have no key', () => {
    const c = new ResponseCache();
    const k = c.keyOf({ query: q, variables: { w: '75' } });
    expect(k).toBeTypeOf('string');
    expect(c.keyOf({ query: q, variables: { w: '75' } })).toBe(k);
    expect(c.keyOf({ query: q, variables: { w: '75.01' } })).not.toBe(k);
    expect(c.keyOf({ query: q, variables: { w: '75' }, operationName: 'A' })).not.toBe(k);
    expect(c.keyOf({ query: q, variables: { w: '75' }, extensions: { x: 1 } })).not.toBe(k);
    expect(c.keyOf([{ query: q }])).toBeNull();
    expect(c.keyOf({ variables: {} })).toBeNull();
    expect(c.keyOf(undefined)).toBeNull();
  });

  it('answers only at the data version the answer was stored at', () => {
    const c = new ResponseCache();
    const key = c.keyOf({ query: q })!;
    c.set({ key, version: '7' }, '{"data":{"coverage":[]}}');
    expect(c.get({ key, version: '7' })?.body.toString('utf8')).toBe('{"data":{"coverage":[]}}');
    expect(c.get({ key, version: '8' })).toBeUndefined();
    c.set({ key, version: '8' }, '{"data":{"coverage":[{"households":1}]}}');
    expect(c.get({ key, version: '7' })).toBeUndefined();
    expect(c.get({ key, version: '8' })?.body.toString('utf8')).toContain('"households":1');
  });

  it('keeps at most maxBytes of answers, dropping the least recently used', () => {
    const c = new ResponseCache(250);
    const keys = ['a', 'b', 'c'].map((w) => c.keyOf({ query: q, variables: { w } })!);
    for (const key of keys) c.set({ key, version: '1' }, `{"data":"${'x'.repeat(100)}"}`);
    expect(c.get({ key: keys[0]!, version: '1' })).toBeUndefined();
    expect(c.get({ key: keys[1]!, version: '1' })).toBeDefined();
    expect(c.get({ key: keys[2]!, version: '1' })).toBeDefined();
  });
});
