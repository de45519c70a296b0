-- no-jit: turns off JIT compilation for the rest of the current transaction (SET LOCAL).
-- The household list's cost estimate (a probe per household) often passes jit_above_cost, and
-- compiling then costs far more (hundreds of ms) than the query itself.
-- Parameters: none
select set_config('jit', 'off', true) as jit
