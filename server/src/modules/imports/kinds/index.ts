import type { ImportKind, KindDefinition } from '../types';
import { budgets } from './budgets';
import { civilEvents } from './civil-events';
import { households } from './households';
import { programs } from './programs';
import { recipients } from './recipients';

export const KINDS: Record<ImportKind, KindDefinition> = {
  programs,
  households,
  recipients,
  'civil-events': civilEvents,
  budgets,
};
