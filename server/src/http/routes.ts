import type { Express } from 'express';
import type { AppDeps } from '../app';
import { mountImportRoutes } from '../modules/imports/import.routes';
import { mountExportRoutes } from '../modules/exports/export.routes';
import { mountUsulanExportRoutes } from '../modules/workflows/usulan.routes';

/** HTTP routes outside GraphQL (uploads, exports). Modules add their mount function here. */
export type MountRoutes = (app: Express, deps: AppDeps) => void;

export const httpRoutes: MountRoutes[] = [];
httpRoutes.push(mountImportRoutes);
httpRoutes.push(mountExportRoutes);
httpRoutes.push(mountUsulanExportRoutes);
