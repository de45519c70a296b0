import type { Express } from 'express';
import type { AppDeps } from '../app';

/** HTTP routes outside GraphQL (uploads, exports). Modules add their mount function here. */
export type MountRoutes = (app: Express, deps: AppDeps) => void;

export const httpRoutes: MountRoutes[] = [];
