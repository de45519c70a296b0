import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { UsulanKind, UsulanReason, UsulanStatus } from './workflow-common';

/**
 * A proposal to add a household to DTKS or remove one (table usulan). The family's
 * identity is copied at proposal time: the roster may change later, the proposal
 * and the DTKS update file made from it must not. Writes go through usulan.service.ts
 * (set-based SQL, one transaction with the history and the audit entry).
 */
@Entity({ tableName: 'usulan' })
export class Usulan {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'text' })
  batch!: string;

  @Enum({ type: 'text', items: () => UsulanKind })
  kind!: UsulanKind;

  @Enum({ type: 'text', items: () => UsulanReason })
  reason!: UsulanReason;

  @Enum({ type: 'text', items: () => UsulanStatus })
  status: UsulanStatus = UsulanStatus.DIUSULKAN;

  @Property({ type: 'string', length: 32 })
  noKk!: string;

  @Property({ type: 'string', length: 32, nullable: true })
  headNik?: string | null;

  @Property({ type: 'text', nullable: true })
  headName?: string | null;

  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'string', length: 10 })
  desaCode!: string;

  @Property({ type: 'character', length: 4 })
  kabCode!: string;

  @Property({ type: 'bigint', nullable: true })
  pengaduanId?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

/** One status step of a proposal: who, when, from → to, with a note. The creation is the first step (from null). */
@Entity({ tableName: 'usulan_history' })
export class UsulanHistory {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'bigint' })
  usulanId!: string;

  @Enum({ type: 'text', items: () => UsulanStatus, nullable: true })
  fromStatus?: UsulanStatus | null;

  @Enum({ type: 'text', items: () => UsulanStatus })
  toStatus!: UsulanStatus;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  username!: string;

  @Property({ type: 'datetime' })
  at: Date = new Date();
}
