import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { CACHE_INHERIT } from '../../graphql/response-cache';
import { GraphQLJSONObject } from 'graphql-scalars';
import { RegionLevel } from './region.entity';

registerEnumType(RegionLevel, { name: 'RegionLevel', description: 'Kemendagri administrative level' });

@Directive(CACHE_INHERIT)
@ObjectType('Region', { simpleResolvers: true, description: 'A Kemendagri region: province, kab/kota, kecamatan or desa/kelurahan' })
export class RegionType {
  @Field(() => String, { description: 'Kemendagri code with dots, e.g. 75.01.01.2001' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RegionLevel)
  level!: RegionLevel;

  @Field(() => String, { nullable: true, description: 'Code of the parent region, with dots' })
  parentCode!: string | null;

  @Field(() => String, { description: 'provinsi, kabupaten, kota, kecamatan, desa or kelurahan' })
  kind!: string;

  @Field(() => Float, { nullable: true, description: 'Area in km², computed from the boundary' })
  areaKm2!: number | null;

  @Field(() => Float, { nullable: true })
  lat!: number | null;

  @Field(() => Float, { nullable: true })
  lng!: number | null;

  // Resolved by a field resolver (batched per request); listed for the schema.
  geometry?: Record<string, unknown> | null;
}

export { GraphQLJSONObject };
