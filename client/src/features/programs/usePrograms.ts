import { useQuery } from '@apollo/client/react';
import type { ProgramOption } from '../../components/ProgramPicker';
import { ProgramsQuery } from './programs.operations';

const NONE: ProgramOption[] = [];

/** The program catalogue for filters (empty while loading). */
export function usePrograms(): ProgramOption[] {
  const { data } = useQuery(ProgramsQuery);
  return data?.programs ?? NONE;
}
