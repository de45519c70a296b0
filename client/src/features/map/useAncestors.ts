import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { AncestorsQuery } from './map.operations';
import { ancestry } from './regions';

/** Names of `code` and its ancestors, province first ([] for all of Indonesia). */
export function useAncestors(code: string | null): { code: string; name: string }[] {
  const chain = code ? ancestry(code) : [];
  const at = (i: number) => chain[Math.min(i, chain.length - 1)] ?? '';
  const { data } = useQuery(AncestorsQuery, {
    variables: {
      province: at(0),
      regency: at(1),
      district: at(2),
      village: at(3),
      withRegency: chain.length > 1,
      withDistrict: chain.length > 2,
      withVillage: chain.length > 3,
    },
    skip: chain.length === 0,
  });
  return useMemo(() => {
    if (chain.length === 0) return [];
    const found = [data?.province?.[0], data?.regency?.[0], data?.district?.[0], data?.village?.[0]];
    // While loading (or for an unknown code) show the code itself.
    return chain.map((c, i) => ({ code: c, name: found[i]?.code === c ? found[i]!.name : c }));
  }, [data, code]);
}
