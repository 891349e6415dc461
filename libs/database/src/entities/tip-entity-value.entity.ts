import { Entity, Index, PrimaryColumn } from 'typeorm';

/** One extracted phone, plate or address of a tip, indexed for duplicate and case matching. */
@Entity('tip_entity_values')
@Index('tip_entity_values_value_idx', ['kind', 'value'])
export class TipEntityValueEntity {
  @PrimaryColumn('uuid', { name: 'tip_id' })
  tipId: string;

  @PrimaryColumn('text')
  kind: 'phone' | 'plate' | 'address';

  @PrimaryColumn('text')
  value: string;
}
