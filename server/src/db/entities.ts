import { Region } from '../modules/regions/region.entity';
import { Program } from '../modules/programs/program.entity';
import { ImportBatch } from '../modules/imports/import-batch.entity';
import { Household } from '../modules/households/household.entity';
import { Person } from '../modules/households/person.entity';
import { Payment } from '../modules/recipients/payment.entity';
import { CivilEvent } from '../modules/civil/civil-event.entity';
import { BudgetLine } from '../modules/budget/budget-line.entity';
import { User } from '../modules/auth/user.entity';
import { AuditLog } from '../modules/audit/audit-log.entity';
import { RakorevSnapshot } from '../modules/budget/rakorev-snapshot.entity';
import { Usulan, UsulanHistory } from '../modules/workflows/usulan.entity';
import { Pengaduan, PengaduanHistory } from '../modules/workflows/pengaduan.entity';
import { VerivaliFlag } from '../modules/workflows/verivali.entity';

/** Every entity, listed explicitly (no folder scanning): same under tsx, vitest and tsc. */
export const entities = [Region, Program, ImportBatch, Household, Person, Payment, CivilEvent, BudgetLine, User, AuditLog, RakorevSnapshot, Usulan, UsulanHistory, Pengaduan, PengaduanHistory, VerivaliFlag];
