import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RevalidationStep } from './funnel.service';

registerEnumType(RevalidationStep, {
  name: 'RevalidationStep',
  description: 'COLLECTED → NOT_DUPLICATE → PROPOSED → VALID; REVALIDATE = PROPOSED − VALID',
});

@ObjectType('RevalidationFunnelStep', { description: 'One step of the re-validation funnel of a JPS list, in households (KK)' })
export class RevalidationFunnelStepType {
  @Field(() => RevalidationStep)
  step!: RevalidationStep;

  @Field(() => String, { description: 'Label in Bahasa Indonesia' })
  label!: string;

  @Field(() => Int)
  households!: number;
}
