import { describe, expect, it } from 'vitest';
import { canWrite, inRegion, maskNik, maskNikValue } from '../../server/src/modules/auth/access';
import { Role } from '../../server/src/modules/auth/user.entity';

const op = { id: 2, username: 'op', role: Role.OPERATOR, regionCode: '7501' };
const analyst = { id: 3, username: 'an', role: Role.ANALYST, regionCode: null };

describe('access rules', () => {
  it('masks NIKs as 750101********01', () => {
    expect(maskNikValue('7501011204850001')).toBe('750101********01');
  });
  it('operators see full NIKs only inside their region', () => {
    expect(maskNik(op, '7501011204850001', '7501012001')).toBe('7501011204850001');
    expect(maskNik(op, '7502011204850001', '7502012001')).toBe('750201********01');
    expect(maskNik(analyst, '7501011204850001', '7501012001')).toBe('750101********01');
  });
  it('operators write only inside their region', () => {
    expect(inRegion(op, '75.01.01.2001')).toBe(true);
    expect(canWrite(op, '7502012001')).toBe(false);
    expect(canWrite(analyst)).toBe(false);
  });
});
